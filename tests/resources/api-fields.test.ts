import * as magic from "pulumi-cloudflare-magic";
import * as cni from "../../sdk/cni";
import { provisionCfInterconnect } from "../../emulator/resources/cf-interconnects";
import { slotCatalogue } from "../../emulator/resources/cni";
import { SHIM_TEXT } from "../../sdk/shim";
import { urn } from "../harness/host";
import { ACCOUNT, TestStack, isWrite, testStack } from "./stack";

/**
 * Fields the current API (the official `cloudflare` SDK 7.3.0) has and the reference lacks, each
 * through the real provider host against the emulator: create, no-op re-apply, update, refresh
 * (drift made behind our back shows and the next apply puts it back), and a bad value refused in
 * check before any request. Also: Site `haMode` / LAN `haLink` change in place, and state
 * written before these fields existed shows no diff.
 */
const SLOTS = slotCatalogue(ACCOUNT);
const FILTER_A = "0123456789abcdef0123456789abcdef";
const FILTER_B = "fedcba9876543210fedcba9876543210";

let s: TestStack;
beforeEach(async () => {
  s = await testStack();
});
afterEach(async () => {
  await s.close();
});

const live = <T = any>(collection: string): T[] => s.emulator.store.list<any>(ACCOUNT, collection);
const mutating = () => s.emulator.stats.requests.filter((r) => isWrite(r)).map((r) => `${r.method} ${r.route.split(" ")[1]}`);
const opOf = (r: { ops: Array<{ name: string; op: string }> }, name: string) => r.ops.find((o) => o.name === name)?.op;

/** up, up again (nothing sent), then up with `changed` (the op the change needs). */
async function applyTwiceThenChange(name: string, first: () => void, changed: () => void, changeOp: "update" | "replace" = "update") {
  const created = await s.driver.up(first);
  expect(opOf(created, name)).toBe("create");
  s.emulator.resetStats();
  const again = await s.driver.up(first);
  expect(again.ops.every((o) => o.op === "same")).toBe(true);
  expect(mutating()).toEqual([]);
  const r = await s.driver.up(changed);
  expect(opOf(r, name)).toBe(changeOp);
  expect(opOf(await s.driver.up(changed), name)).toBe("same");
  return r;
}

/** Drift made in the emulator shows on refresh (in `key`), and the next apply puts it back. */
async function driftComesBack(name: string, program: () => void, key: string, change: () => void, check: () => void) {
  change();
  const refreshed = await s.driver.refresh();
  const op = refreshed.find((o) => o.urn.endsWith(`::${name}`))!;
  expect(op.op).toBe("update");
  expect(op.changedKeys).toContain(key);
  expect(opOf(await s.driver.up(program), name)).toBe("update");
  check();
  expect(opOf(await s.driver.up(program), name)).toBe("same");
}

/** A bad value is refused in check, naming the property, before any request. */
async function refusedInCheck(token: string, type: string, inputs: Record<string, unknown>, property: string, text: string) {
  const before = s.emulator.stats.totalRequests;
  const r = await s.host.check(
    urn(`pulumi-nodejs:dynamic/${type}`, "bad"),
    {},
    { __provider: SHIM_TEXT, __token: token, __resourceName: "bad", ...inputs },
  );
  const hit = r.failures.find((f) => f.property === property);
  expect(hit?.reason).toContain(text);
  expect(s.emulator.stats.totalRequests).toBe(before);
}

describe("SiteWan healthCheckRate and loadBalanceInnerFlows", () => {
  const program = (extra: Partial<magic.SiteWanArgs>) => () => {
    const site = new magic.Site("nyc-branch", { name: "nyc_branch" });
    new magic.SiteWan("nyc-wan", { siteId: site.id, physport: 1, name: "isp_a", ...extra });
  };

  it("creates, re-applies as a no-op, updates in place, refreshes drift and refuses bad values", async () => {
    await applyTwiceThenChange(
      "nyc-wan",
      program({ healthCheckRate: "low", loadBalanceInnerFlows: true }),
      program({ healthCheckRate: "high", loadBalanceInnerFlows: false }),
    );
    expect(live("site_wans")[0]).toMatchObject({ health_check_rate: "high", load_balance_inner_flows: false });
    const id = live("site_wans")[0].id;
    const p = program({ healthCheckRate: "high", loadBalanceInnerFlows: false });
    await driftComesBack(
      "nyc-wan",
      p,
      "healthCheckRate",
      () => s.emulator.store.patch(ACCOUNT, "site_wans", id, { health_check_rate: "mid" }),
      () => expect(live("site_wans")[0]).toMatchObject({ health_check_rate: "high" }),
    );
    await refusedInCheck(
      "magic:SiteWan",
      "magic:SiteWan",
      { siteId: FILTER_A, physport: 1, healthCheckRate: "often" },
      "healthCheckRate",
      'must be one of "low", "mid", "high"',
    );
    await refusedInCheck(
      "magic:SiteWan",
      "magic:SiteWan",
      { siteId: FILTER_A, physport: 1, loadBalanceInnerFlows: "yes" },
      "loadBalanceInnerFlows",
      "must be true or false",
    );
  });
});

describe("SiteLan dhcpOptions", () => {
  const lan = (options: magic.SiteLanDhcpOptionArgs[]) => () => {
    const site = new magic.Site("nyc-branch", { name: "nyc_branch" });
    new magic.SiteLan("nyc-lan", {
      siteId: site.id,
      name: "office",
      physport: 2,
      staticAddressing: {
        address: "192.168.10.1/24",
        dhcpServer: { dhcpPoolStart: "192.168.10.100", dhcpPoolEnd: "192.168.10.200", dhcpOptions: options },
      },
    });
  };
  const optionsLive = () => live("site_lans")[0].static_addressing.dhcp_server.dhcp_options;

  it("creates, re-applies as a no-op, updates in place, refreshes drift and refuses bad values", async () => {
    const first = [{ code: 42, type: "ip" as const, value: "192.168.10.5" }];
    const second = [
      { code: 42, type: "ip" as const, value: "192.168.10.6" },
      { code: 15, type: "text" as const, value: "office.example" },
    ];
    await applyTwiceThenChange("nyc-lan", lan(first), lan(second));
    expect(optionsLive()).toEqual([
      { code: 42, type: "ip", value: "192.168.10.6" },
      { code: 15, type: "text", value: "office.example" },
    ]);
    const id = live("site_lans")[0].id;
    const sa = live("site_lans")[0].static_addressing;
    await driftComesBack(
      "nyc-lan",
      lan(second),
      "staticAddressing",
      () =>
        s.emulator.store.patch(ACCOUNT, "site_lans", id, {
          static_addressing: { ...sa, dhcp_server: { ...sa.dhcp_server, dhcp_options: [] } },
        }),
      () => expect(optionsLive()).toHaveLength(2),
    );
    await refusedInCheck(
      "magic:SiteLan",
      "magic:SiteLan",
      {
        siteId: FILTER_A,
        staticAddressing: { address: "192.168.10.1/24", dhcpServer: { dhcpOptions: [{ code: 51, type: "integer", value: "3600" }] } },
      },
      "staticAddressing.dhcpServer.dhcpOptions.0.code",
      "must not be 3, 6 or 51",
    );
    await refusedInCheck(
      "magic:SiteLan",
      "magic:SiteLan",
      {
        siteId: FILTER_A,
        staticAddressing: { address: "192.168.10.1/24", dhcpServer: { dhcpOptions: [{ code: 26, type: "short", value: "70000" }] } },
      },
      "staticAddressing.dhcpServer.dhcpOptions.0.value",
      "must be an unsigned integer 0-65535",
    );
  });
});

describe("tunnel BGP filter profiles", () => {
  const ipsec = (bgp: magic.TunnelBgpArgs) => () => {
    new magic.IpsecTunnel("dc1-ipsec", {
      name: "dc1_ipsec",
      cloudflareEndpoint: "162.159.65.1",
      interfaceAddress: "10.213.0.8/31",
      psk: "given-psk-0123456789",
      bgp,
    });
  };
  const gre = (bgp: magic.TunnelBgpArgs) => () => {
    new magic.GreTunnel("dc1-gre", {
      name: "dc1_gre",
      cloudflareGreEndpoint: "162.159.64.1",
      customerGreEndpoint: "203.0.113.10",
      interfaceAddress: "10.212.0.8/31",
      bgp,
    });
  };

  it("IpsecTunnel: importFilterId / exportFilterId create, no-op, update in place, drift, bad values", async () => {
    await applyTwiceThenChange(
      "dc1-ipsec",
      ipsec({ customerAsn: 65010, importFilterId: FILTER_A }),
      ipsec({ customerAsn: 65010, importFilterId: FILTER_A, exportFilterId: FILTER_B }),
    );
    expect(live("ipsec_tunnels")[0].bgp).toEqual({ customer_asn: 65010, import_filter_id: FILTER_A, export_filter_id: FILTER_B });
    const t = live("ipsec_tunnels")[0];
    const p = ipsec({ customerAsn: 65010, importFilterId: FILTER_A, exportFilterId: FILTER_B });
    await driftComesBack(
      "dc1-ipsec",
      p,
      "bgp",
      () => s.emulator.store.patch(ACCOUNT, "ipsec_tunnels", t.id, { bgp: { customer_asn: 65010 } }),
      () => expect(live("ipsec_tunnels")[0].bgp).toMatchObject({ import_filter_id: FILTER_A, export_filter_id: FILTER_B }),
    );
    await refusedInCheck(
      "magic:IpsecTunnel",
      "magic:IpsecTunnel",
      {
        name: "x",
        cloudflareEndpoint: "162.159.65.1",
        interfaceAddress: "10.213.0.8/31",
        bgp: { customerAsn: 65010, importFilterId: "filter-1" },
      },
      "bgp.importFilterId",
      "must be a BGP filter profile id",
    );
  });

  it("GreTunnel: filter ids are sent on create; a change replaces the tunnel (GRE bgp is create-only)", async () => {
    await applyTwiceThenChange(
      "dc1-gre",
      gre({ customerAsn: 65010, exportFilterId: FILTER_A }),
      gre({ customerAsn: 65010, exportFilterId: FILTER_B }),
      "replace",
    );
    expect(live("gre_tunnels")).toHaveLength(1);
    expect(live("gre_tunnels")[0].bgp).toEqual({ customer_asn: 65010, export_filter_id: FILTER_B });
    const refreshed = await s.driver.refresh();
    expect(refreshed.map((o) => o.op)).toEqual(["same"]);
  });
});

describe("cni.Cni bgpMode", () => {
  const program = (extra: Partial<cni.CniArgs>) => () => {
    const port = new cni.Interconnect("port", { type: "direct", slotId: SLOTS[0].id });
    new cni.Cni("ord-cni", {
      interconnect: port.id,
      magic: { conduitName: "ord_cni_1", description: "", mtu: 1500 },
      bgp: { customerAsn: 65010 },
      ...extra,
    });
  };

  it("create without it, then one whole-object PUT; update in place; no-op; drift; bad value", async () => {
    const first = await s.driver.up(program({ bgpMode: "advertise_only" }));
    expect(opOf(first, "ord-cni")).toBe("create");
    // Create cannot carry bgp_mode (the SDK's create params lack it): POST, then the PUT that sets it.
    const cniCalls = s.emulator.stats.requests.filter((r) => r.route.includes("/cni/cnis") && isWrite(r));
    expect(cniCalls.map((r) => r.method)).toEqual(["POST", "PUT"]);
    expect(cniCalls[0].body).not.toHaveProperty("bgp_mode");
    const [c] = live("cni_cnis");
    expect(cniCalls[1].body).toEqual({
      id: c.id,
      account: ACCOUNT,
      cust_ip: c.cust_ip,
      p2p_ip: c.p2p_ip,
      interconnect: c.interconnect,
      magic: { conduit_name: "ord_cni_1", description: "", mtu: 1500 },
      bgp: { customer_asn: 65010, extra_prefixes: [] },
      bgp_mode: "advertise_only",
    });
    expect(first.outputs("ord-cni")).toMatchObject({ bgpMode: "advertise_only" });
    s.emulator.resetStats();
    expect((await s.driver.up(program({ bgpMode: "advertise_only" }))).ops.every((o) => o.op === "same")).toBe(true);
    expect(mutating()).toEqual([]);

    const changed = await s.driver.up(program({ bgpMode: "dynamic_route_exchange" }));
    expect(opOf(changed, "ord-cni")).toBe("update");
    expect(live("cni_cnis")[0].bgp_mode).toBe("dynamic_route_exchange");
    const p = program({ bgpMode: "dynamic_route_exchange" });
    await driftComesBack(
      "ord-cni",
      p,
      "bgpMode",
      () => s.emulator.store.patch(ACCOUNT, "cni_cnis", c.id, { bgp_mode: "advertise_only" }),
      () => expect(live("cni_cnis")[0].bgp_mode).toBe("dynamic_route_exchange"),
    );
    await refusedInCheck(
      "cni:Cni",
      "cni:Cni",
      { interconnect: "icon-a", magic: { conduitName: "c", description: "", mtu: 1500 }, bgpMode: "static" },
      "bgpMode",
      'must be one of "dynamic_route_exchange", "advertise_only"',
    );
  });

  it("a CNI without bgpMode costs one request to create, as before", async () => {
    await s.driver.up(program({}));
    expect(s.emulator.stats.requests.filter((r) => r.route.includes("/cni/cnis") && isWrite(r)).map((r) => r.method)).toEqual(["POST"]);
  });

  it("the interconnect outputs virtualPortReservationId", async () => {
    const r = await s.driver.up(program({}));
    expect(r.outputs("port").virtualPortReservationId).toMatch(/^[0-9a-f]{32}$/);
  });
});

describe("CfInterconnect bgp and health check direction / source", () => {
  const program = (id: string, extra: Partial<magic.CfInterconnectArgs>) => () => {
    new magic.CfInterconnect("pni-ord", { interconnectId: id, ...extra });
  };

  it("adopts with them, no-op, updates in place, drift, bad values", async () => {
    const ic = provisionCfInterconnect(s.emulator.store, ACCOUNT);
    const first = program(ic.id, {
      healthCheck: { direction: "bidirectional", source: "169.254.240.5" },
      bgp: { customerAsn: 65010, importFilterId: FILTER_A },
    });
    const second = program(ic.id, {
      healthCheck: { direction: "unidirectional" },
      bgp: { customerAsn: 65011, importFilterId: FILTER_A, exportFilterId: FILTER_B },
    });
    const created = await s.driver.up(first);
    expect(live("cf_interconnects")[0]).toMatchObject({
      health_check: { direction: "bidirectional", source: "169.254.240.5" },
      bgp: { customer_asn: 65010, import_filter_id: FILTER_A },
    });
    expect(created.outputs("pni-ord").healthCheck).toMatchObject({ direction: "bidirectional", source: "169.254.240.5" });
    s.emulator.resetStats();
    expect(opOf(await s.driver.up(first), "pni-ord")).toBe("same");
    expect(mutating()).toEqual([]);
    expect(opOf(await s.driver.up(second), "pni-ord")).toBe("update");
    expect(live("cf_interconnects")[0].health_check).not.toHaveProperty("source");
    expect(live("cf_interconnects")[0].bgp).toEqual({ customer_asn: 65011, import_filter_id: FILTER_A, export_filter_id: FILTER_B });
    expect(opOf(await s.driver.up(second), "pni-ord")).toBe("same");
    const stored = live("cf_interconnects")[0];
    await driftComesBack(
      "pni-ord",
      second,
      "bgp",
      () => s.emulator.store.patch(ACCOUNT, "cf_interconnects", ic.id, { bgp: { ...stored.bgp, customer_asn: 64999 } }),
      () => expect(live("cf_interconnects")[0].bgp.customer_asn).toBe(65011),
    );
    await refusedInCheck(
      "magic:CfInterconnect",
      "magic:CfInterconnect",
      { interconnectId: ic.id, healthCheck: { direction: "bidirectional" } },
      "healthCheck.source",
      "is required when healthCheck.direction is bidirectional",
    );
    await refusedInCheck(
      "magic:CfInterconnect",
      "magic:CfInterconnect",
      { interconnectId: ic.id, healthCheck: { direction: "bidirectional", source: "8.8.8.8" } },
      "healthCheck.source",
      "inside RFC 1918 space",
    );
  });
});

describe("Site haMode and SiteLan haLink change in place", () => {
  const CONNECTOR = "ac60d3d0435248289d446cedd870bcf4";
  const HA_STATIC = { address: "192.168.10.1/24", secondaryAddress: "192.168.10.2/24", virtualAddress: "192.168.10.3/24" };
  const program = (ha: boolean, link: boolean) => () => {
    const site = new magic.Site("nyc-branch", { name: "nyc_branch", haMode: ha, connectorId: CONNECTOR });
    new magic.SiteLan("nyc-lan", {
      siteId: site.id,
      name: "office",
      physport: 2,
      staticAddressing: HA_STATIC,
      haLink: link,
      siteHaMode: ha,
    });
  };

  it("turns HA on, makes the LAN the HA link and back, keeping the site and the LAN (no replacement)", async () => {
    await s.driver.up(program(false, false));
    const [site] = live("sites");
    const [lanObj] = live("site_lans");
    const on = await s.driver.up(program(true, false));
    // The LAN's siteHaMode (a local input for the HA rules in check) changed with it: an update, never a replacement.
    expect(on.ops.map((o) => [o.name, o.op])).toEqual([
      ["nyc-branch", "update"],
      ["nyc-lan", "update"],
    ]);
    expect(live("sites")[0]).toMatchObject({ id: site.id, ha_mode: true });
    const linked = await s.driver.up(program(true, true));
    expect(opOf(linked, "nyc-lan")).toBe("update");
    expect(live("site_lans")[0]).toMatchObject({ id: lanObj.id, ha_link: true });
    expect((await s.driver.up(program(true, true))).ops.every((o) => o.op === "same")).toBe(true);
    // HA off in one apply: the site, then the LAN (no longer the HA link).
    const off = await s.driver.up(program(false, false));
    expect(off.ops.map((o) => [o.name, o.op])).toEqual([
      ["nyc-branch", "update"],
      ["nyc-lan", "update"],
    ]);
    expect(live("sites")).toEqual([expect.objectContaining({ id: site.id, ha_mode: false })]);
    expect(live("site_lans")).toEqual([expect.objectContaining({ id: lanObj.id, ha_link: false })]);
    // Refresh shows ha_mode changed behind our back; the next apply puts it back in place.
    await driftComesBack(
      "nyc-branch",
      program(false, false),
      "haMode",
      () => s.emulator.store.patch(ACCOUNT, "sites", site.id, { ha_mode: true }),
      () => expect(live("sites")[0]).toMatchObject({ id: site.id, ha_mode: false }),
    );
  });

  it("removing haMode / haLink / healthCheckRate from the program sends the defaults (a PUT that leaves them out would keep them)", async () => {
    const withAll = () => {
      const site = new magic.Site("nyc-branch", { name: "nyc_branch", haMode: true });
      new magic.SiteWan("nyc-wan", {
        siteId: site.id,
        physport: 1,
        healthCheckRate: "high",
        staticAddressing: { address: "203.0.113.10/24", gatewayAddress: "203.0.113.1", secondaryAddress: "203.0.113.11/24" },
      });
      new magic.SiteLan("nyc-lan", { siteId: site.id, physport: 2, staticAddressing: HA_STATIC, haLink: true });
    };
    const withNone = () => {
      const site = new magic.Site("nyc-branch", { name: "nyc_branch" });
      new magic.SiteWan("nyc-wan", {
        siteId: site.id,
        physport: 1,
        staticAddressing: { address: "203.0.113.10/24", gatewayAddress: "203.0.113.1", secondaryAddress: "203.0.113.11/24" },
      });
      new magic.SiteLan("nyc-lan", { siteId: site.id, physport: 2, staticAddressing: HA_STATIC });
    };
    await s.driver.up(withAll);
    expect(live("sites")[0]).toMatchObject({ ha_mode: true });
    const r = await s.driver.up(withNone);
    expect(r.ops.map((o) => o.op)).toEqual(["update", "update", "update"]);
    expect(live("sites")[0]).toMatchObject({ ha_mode: false });
    expect(live("site_lans")[0]).toMatchObject({ ha_link: false });
    expect(live("site_wans")[0]).toMatchObject({ health_check_rate: "mid" });
    expect((await s.driver.up(withNone)).ops.map((o) => o.op)).toEqual(["same", "same", "same"]);
  });

  it("fails loudly, keeping the state true, if the API answers an update without applying ha_mode", async () => {
    await s.driver.up(program(false, false));
    const [site] = live("sites");
    // An API that ignores ha_mode on PUT: the emulator's site is put back right after each PUT.
    const original = s.emulator.store.insert.bind(s.emulator.store);
    (s.emulator.store as any).insert = (account: string, collection: string, obj: any) =>
      original(account, collection, collection === "sites" && obj.id === site.id ? { ...obj, ha_mode: false } : obj);
    const err = await s.driver.up(program(true, false)).catch((e) => e);
    expect(String(err?.message)).toContain("Cloudflare kept ha_mode false on site");
    expect(String(err?.message)).toContain("pulumi up --replace");
    expect(live("sites")).toHaveLength(1);
  });
});

describe("state written before these fields existed", () => {
  it("shows no diff: a Site with haMode, a LAN with haLink, a CNI without extraPrefixes/bgpMode, a WAN with healthCheckRate only as an output", async () => {
    const site = "7d6cc51ae98914fc5d998af4830156e7";
    const cases: Array<[string, string, Record<string, unknown>, Record<string, unknown>, string[]]> = [
      ["magic:Site", "s1", { name: "nyc_branch", haMode: true }, { haMode: true, name: "nyc_branch" }, ["name", "haMode"]],
      [
        "magic:SiteLan",
        "l1",
        { siteId: site, physport: 2, haLink: true, siteHaMode: true },
        { siteId: site, physport: 2, haLink: true, vlanTag: 0, siteHaMode: true },
        ["siteId", "physport", "haLink", "siteHaMode"],
      ],
      [
        "magic:SiteWan",
        "w1",
        { siteId: site, physport: 1 },
        { siteId: site, physport: 1, healthCheckRate: "mid", vlanTag: 0 },
        ["siteId", "physport"],
      ],
      [
        "cni:Cni",
        "c1",
        { interconnect: "icon-a", magic: { conduitName: "c", description: "", mtu: 1500 }, bgp: { customerAsn: 65010 } },
        {
          interconnect: "icon-a",
          magic: { conduitName: "c", description: "", mtu: 1500 },
          bgp: { customerAsn: 65010 },
          custIp: "100.64.0.1/31",
          p2pIp: "100.64.0.0/31",
        },
        ["interconnect", "magic.conduitName", "magic.description", "magic.mtu", "bgp.customerAsn"],
      ],
    ];
    for (const [token, id, inputs, outputs, paths] of cases) {
      const base = { __provider: SHIM_TEXT, __token: token, __resourceName: id };
      const olds = { ...base, ...outputs, accountId: ACCOUNT, __inputPaths: paths };
      const d = await s.host.diff(id, urn(`pulumi-nodejs:dynamic/${token}`, id), olds, { ...base, ...inputs });
      expect([token, d.changes, d.replaces]).toEqual([token, "none", []]);
    }
    expect(s.emulator.stats.totalRequests).toBe(0);
  });
});
