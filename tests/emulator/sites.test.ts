import type { Emulator } from "../../emulator";
import { ACCOUNT, OTHER_ACCOUNT, call, errorsOf, start } from "./helpers";

const SITES = `/accounts/${ACCOUNT}/magic/sites`;
const CONNECTOR_A = "ac60d3d0435248289d446cedd870bcf4";
const CONNECTOR_B = "8d67040d3835dbcf46ce29da440dc482";

let emulator: Emulator;
beforeEach(async () => {
  emulator = await start();
});
afterEach(async () => {
  await emulator.close();
});

async function createSite(body: Record<string, unknown> = {}): Promise<any> {
  const res = await call(emulator, "POST", SITES, { body: { name: "site_1", ...body } });
  if (res.status !== 200) throw new Error(`create failed: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.result;
}

describe("envelope and results", () => {
  test("create answers the site itself, with ha_mode defaulting to false and unset fields absent", async () => {
    const res = await call(emulator, "POST", SITES, { body: { name: "site_1", connector_id: CONNECTOR_A } });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ success: true, errors: [], messages: [] });
    expect(res.body.result).toEqual({
      id: expect.stringMatching(/^[0-9a-f]{32}$/),
      name: "site_1",
      connector_id: CONNECTOR_A,
      ha_mode: false,
    });
  });

  test("list answers an array, get the site; sites are partitioned by account", async () => {
    const a = await createSite({ name: "a" });
    const b = await createSite({ name: "b", location: { lat: "37.6192", lon: "122.3816" } });
    expect((await call(emulator, "GET", SITES)).body.result).toEqual([a, b]);
    expect((await call(emulator, "GET", `${SITES}/${b.id}`)).body.result).toEqual(b);
    expect(b.location).toEqual({ lat: "37.6192", lon: "122.3816" });
    expect((await call(emulator, "GET", `/accounts/${OTHER_ACCOUNT}/magic/sites`)).body.result).toEqual([]);
  });

  test("?connectorid= lists the sites that connector runs, as primary or secondary", async () => {
    const primary = await createSite({ name: "p", connector_id: CONNECTOR_A });
    const secondary = await createSite({ name: "s", ha_mode: true, connector_id: CONNECTOR_B, secondary_connector_id: CONNECTOR_A });
    await createSite({ name: "other" });
    const res = await call(emulator, "GET", `${SITES}?connectorid=${CONNECTOR_A}`);
    expect(res.body.result.map((s: { id: string }) => s.id)).toEqual([primary.id, secondary.id]);
  });

  test("delete answers the site and removes it", async () => {
    const s = await createSite();
    const res = await call(emulator, "DELETE", `${SITES}/${s.id}`);
    expect(res.body.result).toEqual(s);
    expect((await call(emulator, "GET", `${SITES}/${s.id}`)).status).toBe(404);
  });
});

describe("updates", () => {
  test("PUT replaces every field, keeps the name when left out and keeps ha_mode", async () => {
    const s = await createSite({ description: "d", connector_id: CONNECTOR_A, ha_mode: true, location: { lat: "1" } });
    const res = await call(emulator, "PUT", `${SITES}/${s.id}`, { body: { connector_id: CONNECTOR_B } });
    expect(res.status).toBe(200);
    expect(res.body.result).toEqual({ id: s.id, name: "site_1", ha_mode: true, connector_id: CONNECTOR_B });
    expect((await call(emulator, "GET", `${SITES}/${s.id}`)).body.result).toEqual(res.body.result);
  });

  test("PATCH changes only the fields it sends", async () => {
    const s = await createSite({ description: "d", connector_id: CONNECTOR_A });
    const res = await call(emulator, "PATCH", `${SITES}/${s.id}`, { body: { name: "renamed", location: { lon: "-74.0060" } } });
    expect(res.body.result).toEqual({ ...s, name: "renamed", location: { lon: "-74.0060" } });
    const cleared = await call(emulator, "PATCH", `${SITES}/${s.id}`, { body: { description: null } });
    expect(cleared.body.result).not.toHaveProperty("description");
  });

  test.each(["PUT", "PATCH"])("%s takes ha_mode, as the official SDK declares", async (method) => {
    const s = await createSite();
    // The official SDK takes ha_mode on PUT and PATCH (the reference on create only).
    const res = await call(emulator, method, `${SITES}/${s.id}`, { body: { name: s.name, ha_mode: true } });
    expect(res.status).toBe(200);
    expect(res.body.result.ha_mode).toBe(true);
    const bad = await call(emulator, method, `${SITES}/${s.id}`, { body: { name: s.name, ha_mode: "on" } });
    expect(errorsOf(bad)).toEqual([{ code: 1005, pointer: "/ha_mode" }]);
    // A PUT without ha_mode keeps it.
    expect((await call(emulator, "PUT", `${SITES}/${s.id}`, { body: { name: s.name } })).body.result.ha_mode).toBe(true);
    // It cannot be turned off while the site keeps a secondary connector.
    const withSecondary = await call(emulator, method, `${SITES}/${s.id}`, {
      body: { name: s.name, ha_mode: true, secondary_connector_id: CONNECTOR_B },
    });
    expect(withSecondary.status).toBe(200);
    const off = await call(emulator, method, `${SITES}/${s.id}`, {
      body: { name: s.name, ha_mode: false, secondary_connector_id: CONNECTOR_B },
    });
    expect(errorsOf(off)).toEqual([{ code: 1005, pointer: "/secondary_connector_id" }]);
  });
});

describe("rules", () => {
  test.each([
    [{ name: undefined }, 1002, "/name"],
    [{ name: "" }, 1005, "/name"],
    [{ name: 7 }, 1005, "/name"],
    [{ connector_id: "not-an-id" }, 1005, "/connector_id"],
    [{ ha_mode: "yes" }, 1005, "/ha_mode"],
    [{ secondary_connector_id: CONNECTOR_B }, 1005, "/secondary_connector_id"],
    [{ ha_mode: true, connector_id: CONNECTOR_A, secondary_connector_id: CONNECTOR_A }, 1005, "/secondary_connector_id"],
    [{ location: { lat: "91" } }, 1005, "/location/lat"],
    [{ location: { lon: 12.5 } }, 1005, "/location/lon"],
    [{ location: "NYC" }, 1005, "/location"],
  ])("create with %j is 400 / %d at %s", async (override, code, pointer) => {
    const res = await call(emulator, "POST", SITES, { body: { name: "site_1", ...override } });
    expect(res.status).toBe(400);
    expect(errorsOf(res)).toEqual([{ code, pointer }]);
    expect(emulator.store.countAll()).toBe(0);
  });

  test("a secondary connector on a high availability site is fine, and PUT checks the result too", async () => {
    const s = await createSite({ ha_mode: true, connector_id: CONNECTOR_A, secondary_connector_id: CONNECTOR_B });
    expect(s.secondary_connector_id).toBe(CONNECTOR_B);
    const plain = await createSite({ name: "plain" });
    const res = await call(emulator, "PUT", `${SITES}/${plain.id}`, { body: { name: "plain", secondary_connector_id: CONNECTOR_B } });
    expect(errorsOf(res)).toEqual([{ code: 1005, pointer: "/secondary_connector_id" }]);
  });
});

describe("deleting a site that still has children", () => {
  test.each(["site_wans", "site_lans", "site_acls", "site_app_configs"])("is refused while it has %s", async (collection) => {
    const s = await createSite();
    const child = emulator.store.insert(ACCOUNT, collection, { site_id: s.id });
    const res = await call(emulator, "DELETE", `${SITES}/${s.id}`);
    expect(res.status).toBe(400);
    expect(errorsOf(res)).toEqual([{ code: 1007, pointer: undefined }]);
    expect(res.body.errors[0].message).toMatch(/^Site still has 1 .+; delete them before deleting the site$/);
    emulator.store.remove(ACCOUNT, collection, child.id);
    expect((await call(emulator, "DELETE", `${SITES}/${s.id}`)).status).toBe(200);
  });

  test("children of another site do not count", async () => {
    const a = await createSite({ name: "a" });
    const b = await createSite({ name: "b" });
    emulator.store.insert(ACCOUNT, "site_wans", { site_id: b.id });
    expect((await call(emulator, "DELETE", `${SITES}/${a.id}`)).status).toBe(200);
  });

  test("the message counts every kind of child", async () => {
    const s = await createSite();
    emulator.store.insert(ACCOUNT, "site_wans", { site_id: s.id });
    emulator.store.insert(ACCOUNT, "site_lans", { site_id: s.id });
    emulator.store.insert(ACCOUNT, "site_lans", { site_id: s.id });
    const res = await call(emulator, "DELETE", `${SITES}/${s.id}`);
    expect(res.body.errors[0].message).toBe("Site still has 2 LAN(s), 1 WAN(s); delete them before deleting the site");
  });
});

describe("unknown ids", () => {
  test.each(["GET", "PUT", "PATCH", "DELETE"])("%s on an unknown site is 404 / 1004", async (method) => {
    const res = await call(
      emulator,
      method,
      `${SITES}/${"0".repeat(32)}`,
      method === "PUT" || method === "PATCH" ? { body: { name: "x" } } : {},
    );
    expect(res.status).toBe(404);
    expect(res.body).toEqual({ success: false, errors: [{ code: 1004, message: "Site not found" }], messages: [], result: null });
  });

  test("a site of another account is not found", async () => {
    const s = await createSite();
    expect((await call(emulator, "GET", `/accounts/${OTHER_ACCOUNT}/magic/sites/${s.id}`)).status).toBe(404);
  });
});
