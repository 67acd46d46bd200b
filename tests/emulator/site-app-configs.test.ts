import type { Emulator } from "../../emulator";
import { ACCOUNT, call, errorsOf, start } from "./helpers";

/** Site app configs in the emulator: sites and WANs are put in the store directly. */
const APP = "ac60d3d0435248289d446cedd870bcf4";
let emulator: Emulator;
let site: string;
let wan1: string;
let wan2: string;
const configs = (s = site) => `/accounts/${ACCOUNT}/magic/sites/${s}/app_configs`;
async function createConfig(body: Record<string, unknown>, s = site): Promise<any> {
  const res = await call(emulator, "POST", configs(s), { body });
  if (res.status !== 200) throw new Error(`create failed: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.result;
}

beforeEach(async () => {
  emulator = await start();
  site = emulator.store.insert(ACCOUNT, "sites", { name: "nyc" }).id;
  wan1 = emulator.store.insert(ACCOUNT, "site_wans", { site_id: site, physport: 1 }).id;
  wan2 = emulator.store.insert(ACCOUNT, "site_wans", { site_id: site, physport: 2 }).id;
});
afterEach(async () => {
  await emulator.close();
});

describe("envelope, results and defaults", () => {
  test("create answers the AccountApp form with priority 0, site_id, and no breakout until set", async () => {
    const res = await call(emulator, "POST", configs(), { body: { account_app_id: APP } });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ success: true, errors: [], messages: [] });
    expect(res.body.result).toEqual({ id: expect.stringMatching(/^[0-9a-f]{32}$/), site_id: site, account_app_id: APP, priority: 0 });
  });

  test("create answers the ManagedApp form with the settings given", async () => {
    const c = await createConfig({ managed_app_id: "cloudflare", breakout: true, preferred_wans: [wan2, wan1], priority: 1 });
    expect(c).toEqual({ id: c.id, site_id: site, managed_app_id: "cloudflare", breakout: true, preferred_wans: [wan2, wan1], priority: 1 });
  });

  test("list answers an array of this site's configs only", async () => {
    expect((await call(emulator, "GET", configs())).body.result).toEqual([]);
    const other = emulator.store.insert(ACCOUNT, "sites", { name: "sfo" }).id;
    await createConfig({ account_app_id: APP }, other);
    const a = await createConfig({ account_app_id: APP });
    const b = await createConfig({ managed_app_id: "cloudflare", breakout: false });
    expect((await call(emulator, "GET", configs())).body.result).toEqual([a, b]);
  });

  test("there is no single-item GET (the spec has none): 405", async () => {
    const c = await createConfig({ account_app_id: APP });
    const res = await call(emulator, "GET", `${configs()}/${c.id}`);
    expect(res.status).toBe(405);
    expect(errorsOf(res)).toEqual([{ code: 7001, pointer: undefined }]);
  });
});

describe("rules", () => {
  test.each([
    [{}, 1002, "/account_app_id"],
    [{ breakout: true }, 1002, "/account_app_id"],
    [{ account_app_id: APP, managed_app_id: "cloudflare" }, 1006, "/managed_app_id"],
    [{ account_app_id: "" }, 1005, "/account_app_id"],
    [{ managed_app_id: 5 }, 1005, "/managed_app_id"],
    [{ account_app_id: APP, priority: 2 }, 1005, "/priority"],
    [{ account_app_id: APP, priority: -1 }, 1005, "/priority"],
    [{ account_app_id: APP, priority: 0.5 }, 1005, "/priority"],
    [{ account_app_id: APP, breakout: "yes" }, 1005, "/breakout"],
    [{ account_app_id: APP, preferred_wans: "wan" }, 1005, "/preferred_wans"],
    [{ account_app_id: APP, preferred_wans: ["W1"] }, 1006, "/preferred_wans"],
    [{ account_app_id: APP, breakout: false, preferred_wans: ["W1"] }, 1006, "/preferred_wans"],
    [{ account_app_id: APP, breakout: true, preferred_wans: ["W1", "0123456789abcdef0123456789abcdef"] }, 1005, "/preferred_wans/1"],
  ])("%j is refused with %i at %s", async (body, code, pointer) => {
    const real = Object.fromEntries(
      Object.entries(body).map(([k, v]) => [k, Array.isArray(v) ? v.map((x) => (x === "W1" ? wan1 : x)) : v]),
    );
    const res = await call(emulator, "POST", configs(), { body: real });
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ success: false, result: null });
    expect(errorsOf(res)).toEqual([{ code, pointer }]);
    expect(emulator.store.list(ACCOUNT, "site_app_configs")).toEqual([]);
  });

  test("a site has one config per app; the same app may be configured at another site", async () => {
    await createConfig({ managed_app_id: "cloudflare" });
    const res = await call(emulator, "POST", configs(), { body: { managed_app_id: "cloudflare", priority: 1 } });
    expect(res.status).toBe(400);
    expect(errorsOf(res)).toEqual([{ code: 1003, pointer: "/managed_app_id" }]);
    const other = emulator.store.insert(ACCOUNT, "sites", { name: "sfo" }).id;
    await expect(createConfig({ managed_app_id: "cloudflare" }, other)).resolves.toMatchObject({ site_id: other });
  });

  test("a WAN of another site is not a WAN of this site", async () => {
    const other = emulator.store.insert(ACCOUNT, "sites", { name: "sfo" }).id;
    const foreign = emulator.store.insert(ACCOUNT, "site_wans", { site_id: other, physport: 1 }).id;
    const res = await call(emulator, "POST", configs(), { body: { account_app_id: APP, breakout: true, preferred_wans: [foreign] } });
    expect(errorsOf(res)).toEqual([{ code: 1005, pointer: "/preferred_wans/0" }]);
    expect(res.body.errors[0].message).toBe("preferred_wans.0 must be the id of a WAN of this site");
  });
});

describe("updates", () => {
  test("PUT replaces the settings (left out: unset, priority 0) and keeps the app when none is named", async () => {
    const c = await createConfig({ account_app_id: APP, breakout: true, preferred_wans: [wan1], priority: 1 });
    const res = await call(emulator, "PUT", `${configs()}/${c.id}`, { body: { breakout: false } });
    expect(res.status).toBe(200);
    expect(res.body.result).toEqual({ id: c.id, site_id: site, account_app_id: APP, breakout: false, priority: 0 });
  });

  test("PUT naming the other kind of app switches the config to it", async () => {
    const c = await createConfig({ account_app_id: APP });
    const res = await call(emulator, "PUT", `${configs()}/${c.id}`, { body: { managed_app_id: "cloudflare", priority: 1 } });
    expect(res.body.result).toEqual({ id: c.id, site_id: site, managed_app_id: "cloudflare", priority: 1 });
  });

  test("PATCH changes only what it sends; null returns a setting to its default", async () => {
    const c = await createConfig({ account_app_id: APP, breakout: true, preferred_wans: [wan1], priority: 1 });
    const res = await call(emulator, "PATCH", `${configs()}/${c.id}`, { body: { preferred_wans: [wan2, wan1] } });
    expect(res.body.result).toEqual({ ...c, preferred_wans: [wan2, wan1] });
    const reset = await call(emulator, "PATCH", `${configs()}/${c.id}`, { body: { preferred_wans: null, priority: null } });
    expect(reset.body.result).toEqual({ id: c.id, site_id: site, account_app_id: APP, breakout: true, priority: 0 });
  });

  test("PATCH turning breakout off while preferred WANs remain is refused at /breakout", async () => {
    const c = await createConfig({ account_app_id: APP, breakout: true, preferred_wans: [wan1] });
    const res = await call(emulator, "PATCH", `${configs()}/${c.id}`, { body: { breakout: false } });
    expect(res.status).toBe(400);
    expect(errorsOf(res)).toEqual([{ code: 1006, pointer: "/breakout" }]);
  });

  test("PUT and PATCH keep one config per app and refuse both app ids", async () => {
    await createConfig({ managed_app_id: "cloudflare" });
    const c = await createConfig({ account_app_id: APP });
    for (const method of ["PUT", "PATCH"]) {
      expect(errorsOf(await call(emulator, method, `${configs()}/${c.id}`, { body: { managed_app_id: "cloudflare" } }))).toEqual([
        { code: 1003, pointer: "/managed_app_id" },
      ]);
      expect(
        errorsOf(await call(emulator, method, `${configs()}/${c.id}`, { body: { account_app_id: APP, managed_app_id: "x" } })),
      ).toEqual([{ code: 1006, pointer: "/managed_app_id" }]);
      expect(errorsOf(await call(emulator, method, `${configs()}/${c.id}`, { body: { priority: 3 } }))).toEqual([
        { code: 1005, pointer: "/priority" },
      ]);
    }
    // Naming its own app again is no clash.
    expect((await call(emulator, "PUT", `${configs()}/${c.id}`, { body: { account_app_id: APP } })).status).toBe(200);
  });

  test("DELETE answers the config and removes it", async () => {
    const c = await createConfig({ managed_app_id: "cloudflare" });
    const res = await call(emulator, "DELETE", `${configs()}/${c.id}`);
    expect(res.body.result).toEqual(c);
    expect((await call(emulator, "GET", configs())).body.result).toEqual([]);
  });
});

describe("404s", () => {
  test("an unknown site is 404 for every endpoint", async () => {
    const c = await createConfig({ account_app_id: APP });
    const base = configs("0123456789abcdef0123456789abcdef");
    for (const [method, path] of [
      ["GET", base],
      ["POST", base],
      ["PUT", `${base}/${c.id}`],
      ["PATCH", `${base}/${c.id}`],
      ["DELETE", `${base}/${c.id}`],
    ]) {
      const res = await call(emulator, method, path, {
        body: method === "GET" || method === "DELETE" ? undefined : { account_app_id: APP },
      });
      expect(res.status).toBe(404);
      expect(res.body.errors).toEqual([{ code: 1004, message: "Site not found" }]);
    }
  });

  test("an unknown config id, or one of another site, is 404", async () => {
    const other = emulator.store.insert(ACCOUNT, "sites", { name: "sfo" }).id;
    const foreign = (await createConfig({ account_app_id: APP }, other)).id;
    for (const id of ["0123456789abcdef0123456789abcdef", foreign]) {
      for (const method of ["PUT", "PATCH", "DELETE"]) {
        const res = await call(emulator, method, `${configs()}/${id}`, { body: method === "DELETE" ? undefined : {} });
        expect(res.status).toBe(404);
        expect(res.body.errors).toEqual([{ code: 1004, message: "App config not found" }]);
      }
    }
    expect(emulator.store.list(ACCOUNT, "site_app_configs")).toHaveLength(1);
  });
});
