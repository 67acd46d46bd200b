import type { Emulator } from "../../emulator";
import { ACCOUNT, call, errorsOf, start } from "./helpers";

const SITES = `/accounts/${ACCOUNT}/magic/sites`;
const MISSING = "0".repeat(32);

let emulator: Emulator;
let site: string;
let wans: string;
beforeEach(async () => {
  emulator = await start();
  site = (await call(emulator, "POST", SITES, { body: { name: "site_1" } })).body.result.id;
  wans = `${SITES}/${site}/wans`;
});
afterEach(async () => {
  await emulator.close();
});

async function createWan(body: Record<string, unknown> = {}, path = wans): Promise<any> {
  const res = await call(emulator, "POST", path, { body: { physport: 1, ...body } });
  if (res.status !== 200) throw new Error(`create failed: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.result[0];
}

const STATIC = { address: "203.0.113.10/24", gateway_address: "203.0.113.1" };

describe("envelope, results and defaults", () => {
  test("create answers an array holding the new WAN, with health_check_rate mid and vlan_tag 0", async () => {
    const res = await call(emulator, "POST", wans, { body: { physport: 1 } });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ success: true, errors: [], messages: [] });
    expect(res.body.result).toEqual([
      { id: expect.stringMatching(/^[0-9a-f]{32}$/), site_id: site, physport: 1, health_check_rate: "mid", vlan_tag: 0 },
    ]);
  });

  test("keeps the given fields, only the spec's static addressing members", async () => {
    const w = await createWan({
      name: "isp_a",
      priority: 2,
      vlan_tag: 42,
      static_addressing: { ...STATIC, secondary_address: "203.0.113.11/24", colour: "blue" },
    });
    expect(w).toMatchObject({
      name: "isp_a",
      priority: 2,
      vlan_tag: 42,
      static_addressing: { ...STATIC, secondary_address: "203.0.113.11/24" },
    });
    expect(w.static_addressing).not.toHaveProperty("colour");
  });

  test("list answers the site's WANs as an array, get and delete the WAN itself", async () => {
    const a = await createWan();
    const b = await createWan({ physport: 2 });
    const other = (await call(emulator, "POST", SITES, { body: { name: "other" } })).body.result.id;
    await createWan({}, `${SITES}/${other}/wans`);
    expect((await call(emulator, "GET", wans)).body.result).toEqual([a, b]);
    expect((await call(emulator, "GET", `${wans}/${a.id}`)).body.result).toEqual(a);
    expect((await call(emulator, "DELETE", `${wans}/${a.id}`)).body.result).toEqual(a);
    expect((await call(emulator, "GET", wans)).body.result).toEqual([b]);
  });
});

describe("updates", () => {
  test("PUT replaces every field (physport kept when left out), keeps health_check_rate", async () => {
    const w = await createWan({ physport: 3, name: "isp_a", priority: 1, vlan_tag: 42, static_addressing: STATIC });
    emulator.store.patch(ACCOUNT, "site_wans", w.id, { health_check_rate: "high" });
    const res = await call(emulator, "PUT", `${wans}/${w.id}`, { body: { name: "isp_b" } });
    expect(res.status).toBe(200);
    expect(res.body.result).toEqual({ id: w.id, site_id: site, physport: 3, health_check_rate: "high", vlan_tag: 0, name: "isp_b" });
  });

  test("health_check_rate and load_balance_inner_flows (official SDK) are set by create, PUT and PATCH, and checked", async () => {
    const res = await call(emulator, "POST", wans, { body: { physport: 4, health_check_rate: "low", load_balance_inner_flows: true } });
    expect(res.status).toBe(200);
    const [w] = res.body.result;
    expect(w).toMatchObject({ health_check_rate: "low", load_balance_inner_flows: true });
    const put = await call(emulator, "PUT", `${wans}/${w.id}`, {
      body: { physport: 4, health_check_rate: "high", load_balance_inner_flows: false },
    });
    expect(put.body.result).toMatchObject({ health_check_rate: "high", load_balance_inner_flows: false });
    const patch = await call(emulator, "PATCH", `${wans}/${w.id}`, { body: { health_check_rate: "mid" } });
    expect(patch.body.result).toMatchObject({ health_check_rate: "mid", load_balance_inner_flows: false });
    const bad = await call(emulator, "PUT", `${wans}/${w.id}`, { body: { health_check_rate: "often", load_balance_inner_flows: "yes" } });
    expect(bad.status).toBe(400);
    expect(
      errorsOf(bad)
        .map((e: { pointer?: string }) => e.pointer)
        .sort(),
    ).toEqual(["/health_check_rate", "/load_balance_inner_flows"]);
  });

  test("PATCH changes only the fields it sends", async () => {
    const w = await createWan({ name: "isp_a", vlan_tag: 42, static_addressing: STATIC });
    const res = await call(emulator, "PATCH", `${wans}/${w.id}`, { body: { priority: 5, name: null } });
    expect(res.body.result).toEqual({
      id: w.id,
      site_id: site,
      physport: 1,
      health_check_rate: "mid",
      vlan_tag: 42,
      priority: 5,
      static_addressing: STATIC,
    });
  });

  test("updates validate like create", async () => {
    const w = await createWan();
    const res = await call(emulator, "PUT", `${wans}/${w.id}`, {
      body: { physport: 0, static_addressing: { address: "203.0.113.10/24", gateway_address: "198.51.100.1" } },
    });
    expect(errorsOf(res)).toEqual([{ code: 1005, pointer: "/physport" }]);
    const cross = await call(emulator, "PATCH", `${wans}/${w.id}`, {
      body: { static_addressing: { address: "203.0.113.10/24", gateway_address: "198.51.100.1" } },
    });
    expect(errorsOf(cross)).toEqual([{ code: 1005, pointer: "/static_addressing/gateway_address" }]);
  });
});

describe("rules", () => {
  test.each([
    [{ physport: undefined }, 1002, "/physport"],
    [{ physport: 0 }, 1005, "/physport"],
    [{ physport: 1.5 }, 1005, "/physport"],
    [{ priority: -1 }, 1005, "/priority"],
    [{ vlan_tag: 4095 }, 1005, "/vlan_tag"],
    [{ vlan_tag: -1 }, 1005, "/vlan_tag"],
    [{ name: 1 }, 1005, "/name"],
    [{ static_addressing: { gateway_address: "203.0.113.1" } }, 1002, "/static_addressing/address"],
    [{ static_addressing: { address: "203.0.113.10", gateway_address: "203.0.113.1" } }, 1005, "/static_addressing/address"],
    [{ static_addressing: { address: "2001:db8::1/64", gateway_address: "203.0.113.1" } }, 1005, "/static_addressing/address"],
    [{ static_addressing: { address: "203.0.113.10/24" } }, 1002, "/static_addressing/gateway_address"],
    [{ static_addressing: { address: "203.0.113.10/24", gateway_address: "203.0.113" } }, 1005, "/static_addressing/gateway_address"],
    [{ static_addressing: { address: "203.0.113.10/24", gateway_address: "198.51.100.1" } }, 1005, "/static_addressing/gateway_address"],
    [{ static_addressing: { ...STATIC, secondary_address: "x" } }, 1005, "/static_addressing/secondary_address"],
  ])("create with %j is 400 / %d at %s", async (override, code, pointer) => {
    const res = await call(emulator, "POST", wans, { body: { physport: 1, ...override } });
    expect(res.status).toBe(400);
    expect(errorsOf(res)).toEqual([{ code, pointer }]);
    expect(emulator.store.list(ACCOUNT, "site_wans")).toEqual([]);
  });

  test("on a high availability site, static addressing needs secondary_address", async () => {
    const ha = (await call(emulator, "POST", SITES, { body: { name: "ha", ha_mode: true } })).body.result.id;
    const path = `${SITES}/${ha}/wans`;
    const res = await call(emulator, "POST", path, { body: { physport: 1, static_addressing: STATIC } });
    expect(res.status).toBe(400);
    expect(errorsOf(res)).toEqual([{ code: 1002, pointer: "/static_addressing/secondary_address" }]);
    expect(res.body.errors[0].message).toBe("static_addressing.secondary_address is required on a site in high availability mode");
    await createWan({ static_addressing: { ...STATIC, secondary_address: "203.0.113.11/24" } }, path);
    // DHCP (no static addressing) stays allowed.
    await createWan({ physport: 2 }, path);
  });
});

describe("unknown sites and ids", () => {
  test.each(["GET", "POST"])("%s on the WANs of an unknown site is 404 / 1004 Site not found", async (method) => {
    const res = await call(emulator, method, `${SITES}/${MISSING}/wans`, method === "POST" ? { body: { physport: 1 } } : {});
    expect(res.status).toBe(404);
    expect(res.body.errors).toEqual([{ code: 1004, message: "Site not found" }]);
  });

  test.each(["GET", "PUT", "PATCH", "DELETE"])("%s on an unknown WAN, or one of another site, is 404 / 1004", async (method) => {
    const body = method === "PUT" || method === "PATCH" ? { body: { physport: 1 } } : {};
    const unknown = await call(emulator, method, `${wans}/${MISSING}`, body);
    expect(unknown.status).toBe(404);
    expect(unknown.body.errors).toEqual([{ code: 1004, message: "Site WAN not found" }]);
    const other = (await call(emulator, "POST", SITES, { body: { name: "other" } })).body.result.id;
    const w = await createWan({}, `${SITES}/${other}/wans`);
    expect((await call(emulator, method, `${wans}/${w.id}`, body)).status).toBe(404);
  });
});

describe("one WAN per port and VLAN", () => {
  test("a second WAN on the same port and VLAN is refused with 1003 naming the first; another VLAN or site is fine", async () => {
    const first = await createWan({ name: "isp_a" });
    const res = await call(emulator, "POST", wans, { body: { physport: 1, name: "isp_a" } });
    expect(res.status).toBe(400);
    expect(errorsOf(res)).toEqual([{ code: 1003, pointer: "/physport" }]);
    expect(res.body.errors[0].message).toBe(
      `WAN ${first.id} ("isp_a") of this site already uses port 1 with VLAN 0; a port and VLAN carry one WAN`,
    );
    await createWan({ vlan_tag: 5 });
    const other = (await call(emulator, "POST", SITES, { body: { name: "other" } })).body.result.id;
    await createWan({}, `${SITES}/${other}/wans`);
    expect(emulator.store.list(ACCOUNT, "site_wans")).toHaveLength(3);
  });

  test("an update onto a taken port and VLAN is refused; keeping its own is fine", async () => {
    await createWan({ physport: 1 });
    const b = await createWan({ physport: 2 });
    expect((await call(emulator, "PUT", `${wans}/${b.id}`, { body: { physport: 2, name: "b" } })).status).toBe(200);
    const res = await call(emulator, "PATCH", `${wans}/${b.id}`, { body: { physport: 1 } });
    expect(res.status).toBe(400);
    expect(errorsOf(res)[0].code).toBe(1003);
  });
});
