import { DefinedProvider } from "../../provider/framework/provider";
import { UNKNOWN } from "../../provider/framework/values";
import { definition as site } from "../../provider/resources/magic/site";
import { definition as siteLan } from "../../provider/resources/magic/site-lan";
import { definition as siteWan } from "../../provider/resources/magic/site-wan";

const SITE_ID = "023e105f4ecef8ad9ca31a8372d0c353";
const CONNECTOR_A = "ac60d3d0435248289d446cedd870bcf4";
const CONNECTOR_B = "8d67040d3835dbcf46ce29da440dc482";
const ACCOUNT = "0123456789abcdef0123456789abcdef";

const providers = { Site: new DefinedProvider(site), SiteWan: new DefinedProvider(siteWan), SiteLan: new DefinedProvider(siteLan) };
const valid = {
  Site: { __token: "magic:Site", name: "nyc_branch" },
  SiteWan: { __token: "magic:SiteWan", siteId: SITE_ID, physport: 1 },
  SiteLan: { __token: "magic:SiteLan", siteId: SITE_ID, physport: 2 },
};
type Kind = keyof typeof providers;

async function failures(kind: Kind, overrides: Record<string, unknown>) {
  return (await providers[kind].check({}, { ...valid[kind], ...overrides })).failures ?? [];
}

const HA_ADDRESSING = { address: "192.168.10.1/24", secondaryAddress: "192.168.10.2/24", virtualAddress: "192.168.10.3/24" };
const dhcpServer = (server: Record<string, unknown>) => ({ staticAddressing: { address: "192.168.10.1/24", dhcpServer: server } });

describe("check", () => {
  it.each(Object.keys(valid) as Kind[])("accepts minimal valid %s inputs and returns them unchanged", async (kind) => {
    const r = await providers[kind].check({}, valid[kind]);
    expect(r.failures).toEqual([]);
    expect(r.inputs).toEqual(valid[kind]);
  });

  it("accepts a complete LAN and a complete high availability WAN", async () => {
    expect(
      await failures("SiteLan", {
        name: "office",
        vlanTag: 10,
        bondId: 2,
        haLink: true,
        siteHaMode: true,
        isBreakout: true,
        isPrioritized: false,
        nat: { staticPrefix: "192.0.2.0/24" },
        routedSubnets: [{ nextHop: "192.168.10.254", prefix: "10.10.0.0/16", nat: { staticPrefix: "198.51.100.0/24" } }],
        staticAddressing: {
          ...HA_ADDRESSING,
          dhcpServer: { dhcpPoolStart: "192.168.10.100", dhcpPoolEnd: "192.168.10.200", dnsServer: "1.1.1.1", dnsServers: ["1.1.1.1"], reservations: { "00:11:22:33:44:55": "192.168.10.50", "aa:bb:cc:dd:ee:ff": "192.168.10.51" } },
        },
      }),
    ).toEqual([]);
    expect(
      await failures("SiteWan", { siteHaMode: true, name: "isp_a", priority: 1, vlanTag: 42, staticAddressing: { address: "203.0.113.10/24", gatewayAddress: "203.0.113.1", secondaryAddress: "203.0.113.11/24" } }),
    ).toEqual([]);
  });

  it.each([
    ["Site", { name: "" }, "name", "name must not be empty (got \"\")."],
    ["Site", { name: undefined }, "name", "name is required (Site needs a string)."],
    ["Site", { connectorId: "nyc-connector" }, "connectorId", "connectorId must be a Magic Connector id: 32 lowercase hexadecimal characters"],
    ["Site", { haMode: "yes" }, "haMode", "haMode must be true or false"],
    ["Site", { secondaryConnectorId: CONNECTOR_B }, "secondaryConnectorId", "secondaryConnectorId is only used in high availability mode; set haMode: true"],
    ["Site", { haMode: true, connectorId: CONNECTOR_A, secondaryConnectorId: CONNECTOR_A }, "secondaryConnectorId", "secondaryConnectorId must differ from connectorId"],
    ["Site", { location: { lat: "91.5" } }, "location.lat", 'location.lat must be a latitude in decimal degrees between -90 and 90, such as "37.6192" (got "91.5").'],
    ["Site", { location: { lon: "east" } }, "location.lon", "location.lon must be a longitude in decimal degrees between -180 and 180"],
    ["Site", { location: { lat: 37.6 } }, "location.lat", "location.lat must be a string (got 37.6)."],
    ["Site", { locaton: {} }, "locaton", "locaton is not a property of Site; check its spelling."],
    ["SiteWan", { siteId: "nyc_branch" }, "siteId", "siteId must be a site id: 32 lowercase hexadecimal characters"],
    ["SiteWan", { physport: undefined }, "physport", "physport is required"],
    ["SiteWan", { physport: 0 }, "physport", "physport must be at least 1 (got 0)."],
    ["SiteWan", { priority: -1 }, "priority", "priority must be at least 0"],
    ["SiteWan", { vlanTag: 4095 }, "vlanTag", "vlanTag must be at most 4094 (got 4095)."],
    ["SiteWan", { healthCheckRate: "often" }, "healthCheckRate", 'healthCheckRate must be one of "low", "mid", "high"'],
    ["SiteWan", { loadBalanceInnerFlows: "yes" }, "loadBalanceInnerFlows", "loadBalanceInnerFlows must be true or false"],
    ["SiteLan", dhcpServer({ dhcpOptions: [{ code: 6, type: "ip", value: "10.0.0.53" }] }), "staticAddressing.dhcpServer.dhcpOptions.0.code", "must not be 3, 6 or 51"],
    ["SiteLan", dhcpServer({ dhcpOptions: [{ code: 255, type: "text", value: "x" }] }), "staticAddressing.dhcpServer.dhcpOptions.0.code", "must be at most 254"],
    ["SiteLan", dhcpServer({ dhcpOptions: [{ code: 42, type: "time", value: "1" }] }), "staticAddressing.dhcpServer.dhcpOptions.0.type", 'must be one of "text", "hex", "ip", "byte", "short", "integer"'],
    ["SiteLan", dhcpServer({ dhcpOptions: [{ code: 42, type: "ip", value: "ntp.example" }] }), "staticAddressing.dhcpServer.dhcpOptions.0.value", 'must be an IPv4 address such as 10.20.30.40 for type "ip"'],
    ["SiteLan", dhcpServer({ dhcpOptions: [{ code: 23, type: "byte", value: "256" }] }), "staticAddressing.dhcpServer.dhcpOptions.0.value", 'must be an unsigned integer 0-255 written in decimal for type "byte"'],
    ["SiteLan", dhcpServer({ dhcpOptions: [{ code: 43, type: "hex", value: "01:4" }] }), "staticAddressing.dhcpServer.dhcpOptions.0.value", "must be colon-separated hex bytes"],
    ["SiteLan", dhcpServer({ dhcpOptions: [{ code: 15, type: "text", value: "x".repeat(256) }] }), "staticAddressing.dhcpServer.dhcpOptions.0.value", 'must be at most 255 bytes for type "text"'],
    ["SiteWan", { staticAddressing: { address: "203.0.113.10/24" } }, "staticAddressing.gatewayAddress", "staticAddressing.gatewayAddress is required"],
    ["SiteWan", { staticAddressing: { address: "203.0.113.10", gatewayAddress: "203.0.113.1" } }, "staticAddressing.address", "staticAddressing.address must be an IPv4 address with its prefix length, such as 192.0.2.10/24"],
    ["SiteWan", { staticAddressing: { address: "203.0.113.10/24", gatewayAddress: "198.51.100.1" } }, "staticAddressing.gatewayAddress", "staticAddressing.gatewayAddress must be inside the subnet of staticAddressing.address (203.0.113.10/24)."],
    ["SiteWan", { siteHaMode: true, staticAddressing: { address: "203.0.113.10/24", gatewayAddress: "203.0.113.1" } }, "staticAddressing.secondaryAddress", "staticAddressing.secondaryAddress is required when the site is in high availability mode (siteHaMode is true)"],
    ["SiteLan", { physport: 0 }, "physport", "physport must be at least 1"],
    ["SiteLan", { bondId: 1.5 }, "bondId", "bondId must be a whole number"],
    ["SiteLan", { vlanTag: -1 }, "vlanTag", "vlanTag must be at least 0"],
    ["SiteLan", { nat: { staticPrefix: "192.0.2.1/24" } }, "nat.staticPrefix", "nat.staticPrefix must be an IPv4 prefix in CIDR notation with no host bits set"],
    ["SiteLan", { routedSubnets: [{ nextHop: "192.168.10.254", prefix: "10.10.0.0/16" }, { nextHop: "x", prefix: "10.11.0.0/16" }] }, "routedSubnets.1.nextHop", "routedSubnets.1.nextHop must be an IPv4 address"],
    ["SiteLan", { routedSubnets: [{ nextHop: "192.168.10.254" }] }, "routedSubnets.0.prefix", "routedSubnets.0.prefix is required"],
    ["SiteLan", { staticAddressing: { dhcpServer: {} } }, "staticAddressing.address", "staticAddressing.address is required"],
    ["SiteLan", { staticAddressing: { address: "192.168.10.1/24", virtualAddress: "2001:db8::1/64" } }, "staticAddressing.virtualAddress", "must be an IPv4 address with its prefix length"],
    ["SiteLan", { staticAddressing: { address: "192.168.10.1/24", dhcpRelay: { serverAddresses: ["10.0.0.1", "10.0.0"] } } }, "staticAddressing.dhcpRelay.serverAddresses.1", "must be an IPv4 address"],
    ["SiteLan", { staticAddressing: { address: "192.168.10.1/24", dhcpRelay: {}, dhcpServer: {} } }, "staticAddressing.dhcpRelay", "staticAddressing.dhcpRelay cannot be set together with staticAddressing.dhcpServer"],
    ["SiteLan", dhcpServer({ reservations: { "00-11-22-33-44-55": "192.168.10.50" } }), "staticAddressing.dhcpServer.reservations", 'staticAddressing.dhcpServer.reservations must be keyed by MAC addresses such as 00:11:22:33:44:55 (not "00-11-22-33-44-55").'],
    ["SiteLan", dhcpServer({ reservations: { "00:11:22:33:44:55": "192.168.10" } }), "staticAddressing.dhcpServer.reservations.00:11:22:33:44:55", "must be an IPv4 address"],
    ["SiteLan", dhcpServer({ reservations: { "00:11:22:33:44:55": "10.0.0.50" } }), "staticAddressing.dhcpServer.reservations", "must reserve addresses inside the subnet of staticAddressing.address (192.168.10.1/24); not 10.0.0.50 for 00:11:22:33:44:55."],
    ["SiteLan", dhcpServer({ dhcpPoolStart: "192.168.11.1" }), "staticAddressing.dhcpServer.dhcpPoolStart", "must be inside the subnet of staticAddressing.address"],
    ["SiteLan", dhcpServer({ dhcpPoolStart: "192.168.10.200", dhcpPoolEnd: "192.168.10.100" }), "staticAddressing.dhcpServer.dhcpPoolEnd", "staticAddressing.dhcpServer.dhcpPoolEnd must not come before staticAddressing.dhcpServer.dhcpPoolStart (192.168.10.200)."],
    ["SiteLan", { siteHaMode: true }, "staticAddressing", "staticAddressing is required when the site is in high availability mode (siteHaMode is true), with address, secondaryAddress and virtualAddress."],
    ["SiteLan", { siteHaMode: true, staticAddressing: { address: "192.168.10.1/24", virtualAddress: "192.168.10.3/24" } }, "staticAddressing.secondaryAddress", "staticAddressing.secondaryAddress is required when the site is in high availability mode (siteHaMode is true)"],
    ["SiteLan", { siteHaMode: true, staticAddressing: { address: "192.168.10.1/24", secondaryAddress: "192.168.10.2/24" } }, "staticAddressing.virtualAddress", "staticAddressing.virtualAddress is required when the site is in high availability mode (siteHaMode is true)"],
    ["SiteLan", { siteHaMode: false, haLink: true }, "haLink", "haLink only works for a site in high availability mode (siteHaMode is false)."],
    ["SiteLan", { siteHaMode: "yes" }, "siteHaMode", "siteHaMode must be true or false"],
  ] as Array<[Kind, Record<string, unknown>, string, string]>)("%s rejects %j on %s with a sentence naming it", async (kind, override, property, text) => {
    const f = await failures(kind, override);
    const hit = f.find((x) => x.property === property);
    expect(hit?.reason).toContain(text);
  });

  it("leaves the high availability rules alone when the site's mode is not given", async () => {
    expect(await failures("SiteLan", { haLink: true })).toEqual([]);
    expect(await failures("SiteWan", { staticAddressing: { address: "203.0.113.10/24", gatewayAddress: "203.0.113.1" } })).toEqual([]);
  });

  it("does not validate values that are unknown during preview", async () => {
    expect(await failures("Site", { name: UNKNOWN, haMode: UNKNOWN, secondaryConnectorId: CONNECTOR_B, location: UNKNOWN })).toEqual([]);
    expect(await failures("SiteWan", { siteId: UNKNOWN, physport: UNKNOWN, siteHaMode: true, staticAddressing: { address: UNKNOWN, gatewayAddress: "198.51.100.1" } })).toEqual([]);
    expect(await failures("SiteLan", { siteId: UNKNOWN, siteHaMode: UNKNOWN, haLink: true })).toEqual([]);
    expect(await failures("SiteLan", { siteHaMode: true, staticAddressing: UNKNOWN })).toEqual([]);
    expect(await failures("SiteLan", { ...dhcpServer({ dhcpPoolStart: "10.0.0.1" }), staticAddressing: { address: UNKNOWN, dhcpServer: { dhcpPoolStart: "10.0.0.1" } } })).toEqual([]);
  });
});

/** State as the API leaves it: server defaults filled, the user's input paths recorded. */
function created(inputs: Record<string, unknown>, defaults: Record<string, unknown>, paths: string[]) {
  return { ...defaults, ...inputs, accountId: ACCOUNT, __inputPaths: paths };
}

describe("diff", () => {
  it("shows no change when only server defaults differ (haMode, healthCheckRate, vlanTag, LAN booleans)", async () => {
    const s = created(valid.Site, { haMode: false }, ["name"]);
    expect((await providers.Site.diff("id", s, valid.Site)).changes).toBe(false);
    const w = created(valid.SiteWan, { healthCheckRate: "mid", vlanTag: 0 }, ["siteId", "physport"]);
    expect((await providers.SiteWan.diff("id", w, valid.SiteWan)).changes).toBe(false);
    const l = created(valid.SiteLan, { vlanTag: 0, haLink: false, isBreakout: false, isPrioritized: false }, ["siteId", "physport"]);
    expect((await providers.SiteLan.diff("id", l, valid.SiteLan)).changes).toBe(false);
  });

  it("updates in place for updatable fields", async () => {
    const s = created(valid.Site, { haMode: false }, ["name"]);
    expect(await providers.Site.diff("id", s, { ...valid.Site, description: "x", location: { lat: "1" } })).toMatchObject({ changes: true, replaces: [] });
    const w = created(valid.SiteWan, { healthCheckRate: "mid", vlanTag: 0 }, ["siteId", "physport"]);
    expect(await providers.SiteWan.diff("id", w, { ...valid.SiteWan, physport: 3 })).toMatchObject({ changes: true, replaces: [] });
  });

  it("updates a site in place when haMode changes (the current API takes ha_mode on PUT)", async () => {
    const s = created({ ...valid.Site, haMode: false }, {}, ["name", "haMode"]);
    const d = await providers.Site.diff("id", s, { ...valid.Site, haMode: true });
    expect(d).toMatchObject({ changes: true, replaces: [] });
    expect(d.deleteBeforeReplace).toBeFalsy();
  });

  it("replaces a WAN or LAN when siteId changes; a LAN's haLink changes in place", async () => {
    const other = "fedcba9876543210fedcba9876543210";
    const w = created(valid.SiteWan, { healthCheckRate: "mid" }, ["siteId", "physport"]);
    expect(await providers.SiteWan.diff("id", w, { ...valid.SiteWan, siteId: other })).toMatchObject({ replaces: ["siteId"] });
    expect(await providers.SiteWan.diff("id", w, { ...valid.SiteWan, siteId: UNKNOWN })).toMatchObject({ replaces: ["siteId"] });
    const l = created({ ...valid.SiteLan, name: "office" }, { haLink: false }, ["siteId", "physport", "name"]);
    const d = await providers.SiteLan.diff("id", l, { ...valid.SiteLan, name: "office", haLink: true });
    expect(d).toMatchObject({ changes: true, replaces: [] });
    expect(d.deleteBeforeReplace).toBeFalsy();
  });

  it("treats a removed DHCP reservation as a change, with MAC keys kept verbatim", async () => {
    const inputs = { ...valid.SiteLan, ...dhcpServer({ reservations: { "AA:BB:CC:DD:EE:FF": "192.168.10.5", "00:11:22:33:44:55": "192.168.10.6" } }) };
    const paths = ["siteId", "physport", "staticAddressing.address", "staticAddressing.dhcpServer.reservations.AA:BB:CC:DD:EE:FF", "staticAddressing.dhcpServer.reservations.00:11:22:33:44:55"];
    const l = created(inputs, {}, paths);
    expect((await providers.SiteLan.diff("id", l, inputs)).changes).toBe(false);
    const fewer = { ...valid.SiteLan, ...dhcpServer({ reservations: { "AA:BB:CC:DD:EE:FF": "192.168.10.5" } }) };
    expect(await providers.SiteLan.diff("id", l, fewer)).toMatchObject({ changes: true, replaces: [] });
  });

  it("a local siteHaMode change is an in-place change, never a replacement", async () => {
    const l = created({ ...valid.SiteLan, siteHaMode: false }, {}, ["siteId", "physport", "siteHaMode"]);
    expect(await providers.SiteLan.diff("id", l, { ...valid.SiteLan, siteHaMode: true })).toMatchObject({ changes: true, replaces: [] });
  });
});

describe("picking the created WAN or LAN from the create answer (a list)", () => {
  const wan = (id: string, extra: Record<string, unknown> = {}) => ({ id, site_id: SITE_ID, physport: 1, vlan_tag: 0, health_check_rate: "mid", ...extra });

  it("takes a one-item answer as it is", () => {
    expect(siteWan.pickCreated!([wan("a", { name: "server-normalised" })], { ...valid.SiteWan, name: "isp_a" })).toMatchObject({ id: "a" });
  });

  it("in a longer answer, takes the one WAN carrying every field sent", () => {
    const answer = [wan("old", { vlan_tag: 42 }), wan("new", { vlan_tag: 43, name: "isp_b" })];
    expect(siteWan.pickCreated!(answer, { ...valid.SiteWan, vlanTag: 43, name: "isp_b" })).toMatchObject({ id: "new" });
    expect(siteWan.pickCreated!([wan("x"), wan("y")], valid.SiteWan)).toBeUndefined();
  });

  it("recognises a WAN by where it attaches; a left-out VLAN tag means untagged", () => {
    expect(siteWan.isSameObject!(wan("a"), valid.SiteWan)).toBe(true);
    expect(siteWan.isSameObject!(wan("a", { vlan_tag: 42 }), valid.SiteWan)).toBe(false);
    expect(siteWan.isSameObject!(wan("a", { physport: 2 }), valid.SiteWan)).toBe(false);
    expect(siteWan.isSameObject!(wan("a", { static_addressing: { address: "203.0.113.10/24", gateway_address: "203.0.113.1" } }), { ...valid.SiteWan, staticAddressing: { address: "203.0.113.10/24", gatewayAddress: "203.0.113.1" } })).toBe(true);
  });

  it("compares LAN reservations by their verbatim MAC keys", () => {
    const lan = { id: "l", site_id: SITE_ID, physport: 2, vlan_tag: 0, static_addressing: { address: "192.168.10.1/24", dhcp_server: { reservations: { "AA:BB:CC:DD:EE:FF": "192.168.10.5" } } } };
    const inputs = { ...valid.SiteLan, ...dhcpServer({ reservations: { "AA:BB:CC:DD:EE:FF": "192.168.10.5" } }) };
    expect(siteLan.pickCreated!([{ ...lan, id: "other", physport: 3 }, lan], inputs)).toMatchObject({ id: "l" });
    expect(siteLan.isSameObject!(lan, inputs)).toBe(true);
  });
});
