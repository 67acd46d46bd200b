import type { Emulator } from "../../emulator";
import { ACCOUNT, call, errorsOf, start } from "./helpers";

const SITES = `/accounts/${ACCOUNT}/magic/sites`;
const MISSING = "0".repeat(32);
const HA_STATIC = { address: "192.168.10.1/24", secondary_address: "192.168.10.2/24", virtual_address: "192.168.10.3/24" };

let emulator: Emulator;
let site: string;
let lans: string;
beforeEach(async () => {
  emulator = await start();
  site = await createSite({ name: "site_1" });
  lans = `${SITES}/${site}/lans`;
});
afterEach(async () => {
  await emulator.close();
});

async function createSite(body: Record<string, unknown>): Promise<string> {
  return (await call(emulator, "POST", SITES, { body })).body.result.id;
}

async function createLan(body: Record<string, unknown> = {}, path = lans): Promise<any> {
  const res = await call(emulator, "POST", path, { body });
  if (res.status !== 200) throw new Error(`create failed: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.result[0];
}

const FULL = {
  name: "office",
  physport: 2,
  vlan_tag: 10,
  bond_id: 2,
  is_breakout: true,
  is_prioritized: true,
  nat: { static_prefix: "192.0.2.0/24" },
  routed_subnets: [{ next_hop: "192.168.10.254", prefix: "10.10.0.0/16", nat: { static_prefix: "198.51.100.0/24" } }],
  static_addressing: {
    address: "192.168.10.1/24",
    dhcp_server: {
      dhcp_pool_start: "192.168.10.100",
      dhcp_pool_end: "192.168.10.200",
      dns_server: "192.168.10.1",
      dns_servers: ["1.1.1.1", "1.0.0.1"],
      reservations: { "00:11:22:33:44:55": "192.168.10.50", "AA:BB:CC:DD:EE:FF": "192.168.10.51" },
    },
  },
};

describe("envelope, results and defaults", () => {
  test("create answers an array holding the new LAN, with vlan_tag 0 and the booleans false", async () => {
    const res = await call(emulator, "POST", lans, { body: { physport: 2 } });
    expect(res.status).toBe(200);
    expect(res.body.result).toEqual([
      {
        id: expect.stringMatching(/^[0-9a-f]{32}$/),
        site_id: site,
        physport: 2,
        vlan_tag: 0,
        ha_link: false,
        is_breakout: false,
        is_prioritized: false,
      },
    ]);
  });

  test("keeps every field of the spec, reservation keys verbatim, and drops unknown members", async () => {
    const l = await createLan({ ...FULL, colour: "blue", nat: { static_prefix: "192.0.2.0/24", extra: 1 } });
    expect(l).toEqual({ id: l.id, site_id: site, ha_link: false, ...FULL });
  });

  test("list answers the site's LANs, get and delete the LAN itself", async () => {
    const a = await createLan({ name: "a" });
    const b = await createLan({ name: "b" });
    expect((await call(emulator, "GET", lans)).body.result).toEqual([a, b]);
    expect((await call(emulator, "GET", `${lans}/${b.id}`)).body.result).toEqual(b);
    expect((await call(emulator, "DELETE", `${lans}/${a.id}`)).body.result).toEqual(a);
    expect((await call(emulator, "GET", lans)).body.result).toEqual([b]);
  });
});

describe("dhcp_options (official SDK)", () => {
  test("are kept and answered; code, type and value are checked", async () => {
    const options = [
      { code: 42, type: "ip", value: "192.168.10.5" },
      { code: 43, type: "hex", value: "01:04:aa:bb:cc" },
      { code: 23, type: "byte", value: "64" },
    ];
    const body = {
      physport: 2,
      static_addressing: {
        address: "192.168.10.1/24",
        dhcp_server: { dhcp_pool_start: "192.168.10.100", dhcp_pool_end: "192.168.10.200", dhcp_options: options },
      },
    };
    const res = await call(emulator, "POST", lans, { body });
    expect(res.status).toBe(200);
    expect(res.body.result[0].static_addressing.dhcp_server.dhcp_options).toEqual(options);
    const cases: Array<[unknown, string]> = [
      [[{ code: 3, type: "ip", value: "192.168.10.1" }], "/static_addressing/dhcp_server/dhcp_options/0/code"],
      [[{ code: 0, type: "text", value: "x" }], "/static_addressing/dhcp_server/dhcp_options/0/code"],
      [[{ code: 42, type: "time", value: "1" }], "/static_addressing/dhcp_server/dhcp_options/0/type"],
      [[{ code: 42, type: "short", value: "65536" }], "/static_addressing/dhcp_server/dhcp_options/0/value"],
      [[{ code: 42, type: "ip", value: "host" }], "/static_addressing/dhcp_server/dhcp_options/0/value"],
      [[{ code: 42, type: "hex", value: "xyz" }], "/static_addressing/dhcp_server/dhcp_options/0/value"],
    ];
    for (const [dhcpOptions, pointer] of cases) {
      const bad = await call(emulator, "POST", lans, {
        body: { physport: 3, static_addressing: { address: "192.168.20.1/24", dhcp_server: { dhcp_options: dhcpOptions } } },
      });
      expect([bad.status, errorsOf(bad).map((e: { pointer?: string }) => e.pointer)]).toEqual([400, [pointer]]);
    }
  });
});

describe("updates", () => {
  test("PUT replaces every field (defaults come back) and keeps ha_link", async () => {
    const ha = await createSite({ name: "ha", ha_mode: true });
    const path = `${SITES}/${ha}/lans`;
    const l = await createLan({ ...FULL, static_addressing: HA_STATIC, ha_link: true }, path);
    const res = await call(emulator, "PUT", `${path}/${l.id}`, { body: { name: "renamed", static_addressing: HA_STATIC } });
    expect(res.status).toBe(200);
    expect(res.body.result).toEqual({
      id: l.id,
      site_id: ha,
      name: "renamed",
      vlan_tag: 0,
      ha_link: true,
      is_breakout: false,
      is_prioritized: false,
      static_addressing: HA_STATIC,
    });
  });

  test("PATCH changes only the top-level fields it sends", async () => {
    const l = await createLan(FULL);
    const res = await call(emulator, "PATCH", `${lans}/${l.id}`, { body: { vlan_tag: 20, nat: null } });
    const { nat: _gone, ...rest } = l;
    expect(res.body.result).toEqual({ ...rest, vlan_tag: 20 });
  });

  test.each(["PUT", "PATCH"])("%s takes ha_link, as the official SDK declares", async (method) => {
    const l = await createLan();
    // The official SDK takes ha_link on PUT and PATCH (the reference on create only).
    const res = await call(emulator, method, `${lans}/${l.id}`, { body: { ha_link: false } });
    expect(errorsOf(res)).toEqual([]);
    expect(res.body.result.ha_link).toBe(false);
    const on = await call(emulator, method, `${lans}/${l.id}`, { body: { ha_link: true } });
    // The LAN's site is not in high availability mode: ha_link "only works for site with HA turned on".
    expect(errorsOf(on)).toEqual([{ code: 1005, pointer: "/ha_link" }]);
  });

  test("on a high availability site, a PUT without the HA addresses is refused", async () => {
    const ha = await createSite({ name: "ha", ha_mode: true });
    const path = `${SITES}/${ha}/lans`;
    const l = await createLan({ static_addressing: HA_STATIC }, path);
    const res = await call(emulator, "PUT", `${path}/${l.id}`, { body: { name: "x" } });
    expect(errorsOf(res)).toEqual([{ code: 1002, pointer: "/static_addressing" }]);
    const patch = await call(emulator, "PATCH", `${path}/${l.id}`, { body: { static_addressing: { address: "192.168.10.1/24" } } });
    expect(errorsOf(patch)).toEqual([
      { code: 1002, pointer: "/static_addressing/secondary_address" },
      { code: 1002, pointer: "/static_addressing/virtual_address" },
    ]);
  });
});

describe("rules", () => {
  const dhcp = (server: Record<string, unknown>) => ({ static_addressing: { address: "192.168.10.1/24", dhcp_server: server } });
  test.each([
    [{ physport: 0 }, 1005, "/physport"],
    [{ bond_id: -1 }, 1005, "/bond_id"],
    [{ vlan_tag: 4095 }, 1005, "/vlan_tag"],
    [{ is_breakout: "yes" }, 1005, "/is_breakout"],
    [{ ha_link: 1 }, 1005, "/ha_link"],
    [{ nat: { static_prefix: "192.0.2.0" } }, 1005, "/nat/static_prefix"],
    [{ routed_subnets: { prefix: "10.0.0.0/8" } }, 1005, "/routed_subnets"],
    [
      { routed_subnets: [{ next_hop: "192.168.10.254", prefix: "10.0.0.0/8" }, { prefix: "10.1.0.0/16" }] },
      1002,
      "/routed_subnets/1/next_hop",
    ],
    [
      { routed_subnets: [{ next_hop: "192.168.10.254", prefix: "10.0.0.0/8", nat: { static_prefix: "x" } }] },
      1005,
      "/routed_subnets/0/nat/static_prefix",
    ],
    [{ routed_subnets: ["10.0.0.0/8"] }, 1005, "/routed_subnets/0"],
    [{ static_addressing: {} }, 1002, "/static_addressing/address"],
    [{ static_addressing: { address: "192.168.10.1/24", virtual_address: "v" } }, 1005, "/static_addressing/virtual_address"],
    [
      { static_addressing: { address: "192.168.10.1/24", dhcp_relay: { server_addresses: ["10.0.0.1", "x"] } } },
      1005,
      "/static_addressing/dhcp_relay/server_addresses/1",
    ],
    [{ static_addressing: { address: "192.168.10.1/24", dhcp_relay: {}, dhcp_server: {} } }, 1005, "/static_addressing/dhcp_relay"],
    [dhcp({ dns_servers: "1.1.1.1" }), 1005, "/static_addressing/dhcp_server/dns_servers"],
    [
      dhcp({ reservations: { "00-11-22-33-44-55": "192.168.10.50" } }),
      1005,
      "/static_addressing/dhcp_server/reservations/00-11-22-33-44-55",
    ],
    [dhcp({ reservations: { "00:11:22:33:44:55": "nope" } }), 1005, "/static_addressing/dhcp_server/reservations/00:11:22:33:44:55"],
    [dhcp({ reservations: { "00:11:22:33:44:55": "10.0.0.5" } }), 1005, "/static_addressing/dhcp_server/reservations/00:11:22:33:44:55"],
    [dhcp({ dhcp_pool_start: "192.168.11.100" }), 1005, "/static_addressing/dhcp_server/dhcp_pool_start"],
    [dhcp({ dhcp_pool_start: "192.168.10.200", dhcp_pool_end: "192.168.10.100" }), 1005, "/static_addressing/dhcp_server/dhcp_pool_end"],
    [{ ha_link: true }, 1005, "/ha_link"],
  ])("create with %j is 400 / %d at %s", async (body, code, pointer) => {
    const res = await call(emulator, "POST", lans, { body });
    expect(res.status).toBe(400);
    expect(errorsOf(res)).toEqual([{ code, pointer }]);
    expect(emulator.store.list(ACCOUNT, "site_lans")).toEqual([]);
  });

  test("on a high availability site, static addressing with secondary and virtual addresses is required", async () => {
    const ha = await createSite({ name: "ha", ha_mode: true });
    const path = `${SITES}/${ha}/lans`;
    const none = await call(emulator, "POST", path, { body: { physport: 2 } });
    expect(errorsOf(none)).toEqual([{ code: 1002, pointer: "/static_addressing" }]);
    expect(none.body.errors[0].message).toBe("static_addressing is required on a site in high availability mode");
    const partial = await call(emulator, "POST", path, {
      body: { static_addressing: { address: "192.168.10.1/24", virtual_address: "192.168.10.3/24" } },
    });
    expect(errorsOf(partial)).toEqual([{ code: 1002, pointer: "/static_addressing/secondary_address" }]);
    expect((await createLan({ static_addressing: HA_STATIC }, path)).static_addressing).toEqual(HA_STATIC);
  });

  test("only one LAN of a site can be the ha_link", async () => {
    const ha = await createSite({ name: "ha", ha_mode: true });
    const path = `${SITES}/${ha}/lans`;
    await createLan({ static_addressing: HA_STATIC, ha_link: true }, path);
    const second = await call(emulator, "POST", path, { body: { static_addressing: HA_STATIC, ha_link: true } });
    expect(second.status).toBe(400);
    expect(errorsOf(second)).toEqual([{ code: 1003, pointer: "/ha_link" }]);
    await createLan({ static_addressing: HA_STATIC, ha_link: false }, path);
  });
});

describe("unknown sites and ids", () => {
  test.each(["GET", "POST"])("%s on the LANs of an unknown site is 404 / 1004 Site not found", async (method) => {
    const res = await call(emulator, method, `${SITES}/${MISSING}/lans`, method === "POST" ? { body: {} } : {});
    expect(res.status).toBe(404);
    expect(res.body.errors).toEqual([{ code: 1004, message: "Site not found" }]);
  });

  test.each(["GET", "PUT", "PATCH", "DELETE"])("%s on an unknown LAN, or one of another site, is 404 / 1004", async (method) => {
    const body = method === "PUT" || method === "PATCH" ? { body: {} } : {};
    const unknown = await call(emulator, method, `${lans}/${MISSING}`, body);
    expect(unknown.status).toBe(404);
    expect(unknown.body.errors).toEqual([{ code: 1004, message: "Site LAN not found" }]);
    const other = await createSite({ name: "other" });
    const l = await createLan({}, `${SITES}/${other}/lans`);
    expect((await call(emulator, method, `${lans}/${l.id}`, body)).status).toBe(404);
  });
});

describe("one LAN per port and VLAN", () => {
  test("a second LAN on the same port and VLAN is refused with 1003 naming the first; another VLAN is fine", async () => {
    const first = await createLan({ physport: 2, name: "office" });
    const res = await call(emulator, "POST", lans, { body: { physport: 2, name: "office" } });
    expect(res.status).toBe(400);
    expect(errorsOf(res)).toEqual([{ code: 1003, pointer: "/physport" }]);
    expect(res.body.errors[0].message).toBe(
      `LAN ${first.id} ("office") of this site already uses port 2 with VLAN 0; a port and VLAN carry one LAN`,
    );
    await createLan({ physport: 2, vlan_tag: 10 });
    expect(emulator.store.list(ACCOUNT, "site_lans")).toHaveLength(2);
  });
});
