import { DefinedProvider } from "../../provider/framework/provider";
import { UNKNOWN } from "../../shared/values";
import { definition as siteLan } from "../../provider/resources/magic/site-lan";
import { ACCOUNT, failures } from "./check-helpers";

const SITE_ID = "023e105f4ecef8ad9ca31a8372d0c353";

const provider = new DefinedProvider(siteLan);
const valid = { __token: "magic:SiteLan", siteId: SITE_ID, physport: 2 };

const HA_ADDRESSING = { address: "192.168.10.1/24", secondaryAddress: "192.168.10.2/24", virtualAddress: "192.168.10.3/24" };
const dhcpServer = (server: Record<string, unknown>) => ({ staticAddressing: { address: "192.168.10.1/24", dhcpServer: server } });

describe("SiteLan check", () => {
  it("accepts minimal valid SiteLan inputs and returns them unchanged", async () => {
    const r = await provider.check({}, valid);
    expect(r.failures).toEqual([]);
    expect(r.inputs).toEqual(valid);
  });

  it("accepts a complete LAN", async () => {
    expect(
      await failures(provider, valid, {
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
          dhcpServer: {
            dhcpPoolStart: "192.168.10.100",
            dhcpPoolEnd: "192.168.10.200",
            dnsServer: "1.1.1.1",
            dnsServers: ["1.1.1.1"],
            reservations: { "00:11:22:33:44:55": "192.168.10.50", "aa:bb:cc:dd:ee:ff": "192.168.10.51" },
          },
        },
      }),
    ).toEqual([]);
  });

  it.each([
    [
      dhcpServer({ dhcpOptions: [{ code: 6, type: "ip", value: "10.0.0.53" }] }),
      "staticAddressing.dhcpServer.dhcpOptions.0.code",
      "must not be 3, 6 or 51",
    ],
    [
      dhcpServer({ dhcpOptions: [{ code: 255, type: "text", value: "x" }] }),
      "staticAddressing.dhcpServer.dhcpOptions.0.code",
      "must be at most 254",
    ],
    [
      dhcpServer({ dhcpOptions: [{ code: 42, type: "time", value: "1" }] }),
      "staticAddressing.dhcpServer.dhcpOptions.0.type",
      'must be one of "text", "hex", "ip", "byte", "short", "integer"',
    ],
    [
      dhcpServer({ dhcpOptions: [{ code: 42, type: "ip", value: "ntp.example" }] }),
      "staticAddressing.dhcpServer.dhcpOptions.0.value",
      'must be an IPv4 address such as 10.20.30.40 for type "ip"',
    ],
    [
      dhcpServer({ dhcpOptions: [{ code: 23, type: "byte", value: "256" }] }),
      "staticAddressing.dhcpServer.dhcpOptions.0.value",
      'must be an unsigned integer 0-255 written in decimal for type "byte"',
    ],
    [
      dhcpServer({ dhcpOptions: [{ code: 43, type: "hex", value: "01:4" }] }),
      "staticAddressing.dhcpServer.dhcpOptions.0.value",
      "must be colon-separated hex bytes",
    ],
    [
      dhcpServer({ dhcpOptions: [{ code: 15, type: "text", value: "x".repeat(256) }] }),
      "staticAddressing.dhcpServer.dhcpOptions.0.value",
      'must be at most 255 bytes for type "text"',
    ],
    [{ physport: 0 }, "physport", "physport must be at least 1"],
    [{ bondId: 1.5 }, "bondId", "bondId must be a whole number"],
    [{ vlanTag: -1 }, "vlanTag", "vlanTag must be at least 0"],
    [
      { nat: { staticPrefix: "192.0.2.1/24" } },
      "nat.staticPrefix",
      "nat.staticPrefix must be an IPv4 prefix in CIDR notation with no host bits set",
    ],
    [
      {
        routedSubnets: [
          { nextHop: "192.168.10.254", prefix: "10.10.0.0/16" },
          { nextHop: "x", prefix: "10.11.0.0/16" },
        ],
      },
      "routedSubnets.1.nextHop",
      "routedSubnets.1.nextHop must be an IPv4 address",
    ],
    [{ routedSubnets: [{ nextHop: "192.168.10.254" }] }, "routedSubnets.0.prefix", "routedSubnets.0.prefix is required"],
    [{ staticAddressing: { dhcpServer: {} } }, "staticAddressing.address", "staticAddressing.address is required"],
    [
      { staticAddressing: { address: "192.168.10.1/24", virtualAddress: "2001:db8::1/64" } },
      "staticAddressing.virtualAddress",
      "must be an IPv4 address with its prefix length",
    ],
    [
      { staticAddressing: { address: "192.168.10.1/24", dhcpRelay: { serverAddresses: ["10.0.0.1", "10.0.0"] } } },
      "staticAddressing.dhcpRelay.serverAddresses.1",
      "must be an IPv4 address",
    ],
    [
      { staticAddressing: { address: "192.168.10.1/24", dhcpRelay: {}, dhcpServer: {} } },
      "staticAddressing.dhcpRelay",
      "staticAddressing.dhcpRelay cannot be set together with staticAddressing.dhcpServer",
    ],
    [
      dhcpServer({ reservations: { "00-11-22-33-44-55": "192.168.10.50" } }),
      "staticAddressing.dhcpServer.reservations",
      'staticAddressing.dhcpServer.reservations must be keyed by MAC addresses such as 00:11:22:33:44:55 (not "00-11-22-33-44-55").',
    ],
    [
      dhcpServer({ reservations: { "00:11:22:33:44:55": "192.168.10" } }),
      "staticAddressing.dhcpServer.reservations.00:11:22:33:44:55",
      "must be an IPv4 address",
    ],
    [
      dhcpServer({ reservations: { "00:11:22:33:44:55": "10.0.0.50" } }),
      "staticAddressing.dhcpServer.reservations",
      "must reserve addresses inside the subnet of staticAddressing.address (192.168.10.1/24); not 10.0.0.50 for 00:11:22:33:44:55.",
    ],
    [
      dhcpServer({ dhcpPoolStart: "192.168.11.1" }),
      "staticAddressing.dhcpServer.dhcpPoolStart",
      "must be inside the subnet of staticAddressing.address",
    ],
    [
      dhcpServer({ dhcpPoolStart: "192.168.10.200", dhcpPoolEnd: "192.168.10.100" }),
      "staticAddressing.dhcpServer.dhcpPoolEnd",
      "staticAddressing.dhcpServer.dhcpPoolEnd must not come before staticAddressing.dhcpServer.dhcpPoolStart (192.168.10.200).",
    ],
    [
      { siteHaMode: true },
      "staticAddressing",
      "staticAddressing is required when the site is in high availability mode (siteHaMode is true), with address, secondaryAddress and virtualAddress.",
    ],
    [
      { siteHaMode: true, staticAddressing: { address: "192.168.10.1/24", virtualAddress: "192.168.10.3/24" } },
      "staticAddressing.secondaryAddress",
      "staticAddressing.secondaryAddress is required when the site is in high availability mode (siteHaMode is true)",
    ],
    [
      { siteHaMode: true, staticAddressing: { address: "192.168.10.1/24", secondaryAddress: "192.168.10.2/24" } },
      "staticAddressing.virtualAddress",
      "staticAddressing.virtualAddress is required when the site is in high availability mode (siteHaMode is true)",
    ],
    [{ siteHaMode: false, haLink: true }, "haLink", "haLink only works for a site in high availability mode (siteHaMode is false)."],
    [{ siteHaMode: "yes" }, "siteHaMode", "siteHaMode must be true or false"],
  ] as Array<[Record<string, unknown>, string, string]>)("rejects %j on %s with a sentence naming it", async (override, property, text) => {
    const f = await failures(provider, valid, override);
    const hit = f.find((x) => x.property === property);
    expect(hit?.reason).toContain(text);
  });

  it("leaves the high availability rules alone when the site's mode is not given", async () => {
    expect(await failures(provider, valid, { haLink: true })).toEqual([]);
  });

  it("does not validate values that are unknown during preview", async () => {
    expect(await failures(provider, valid, { siteId: UNKNOWN, siteHaMode: UNKNOWN, haLink: true })).toEqual([]);
    expect(await failures(provider, valid, { siteHaMode: true, staticAddressing: UNKNOWN })).toEqual([]);
    expect(
      await failures(provider, valid, {
        ...dhcpServer({ dhcpPoolStart: "10.0.0.1" }),
        staticAddressing: { address: UNKNOWN, dhcpServer: { dhcpPoolStart: "10.0.0.1" } },
      }),
    ).toEqual([]);
  });
});

/** State as the API leaves it: server defaults filled, the user's input paths recorded. */
function created(inputs: Record<string, unknown>, defaults: Record<string, unknown>, paths: string[]) {
  return { ...defaults, ...inputs, accountId: ACCOUNT, __inputPaths: paths };
}

describe("SiteLan diff", () => {
  it("shows no change when only server defaults differ (vlanTag, LAN booleans)", async () => {
    const l = created(valid, { vlanTag: 0, haLink: false, isBreakout: false, isPrioritized: false }, ["siteId", "physport"]);
    expect((await provider.diff("id", l, valid)).changes).toBe(false);
  });

  it("a LAN's haLink changes in place", async () => {
    const l = created({ ...valid, name: "office" }, { haLink: false }, ["siteId", "physport", "name"]);
    const d = await provider.diff("id", l, { ...valid, name: "office", haLink: true });
    expect(d).toMatchObject({ changes: true, replaces: [] });
    expect(d.deleteBeforeReplace).toBeFalsy();
  });

  it("treats a removed DHCP reservation as a change, with MAC keys kept verbatim", async () => {
    const inputs = {
      ...valid,
      ...dhcpServer({ reservations: { "AA:BB:CC:DD:EE:FF": "192.168.10.5", "00:11:22:33:44:55": "192.168.10.6" } }),
    };
    const paths = [
      "siteId",
      "physport",
      "staticAddressing.address",
      "staticAddressing.dhcpServer.reservations.AA:BB:CC:DD:EE:FF",
      "staticAddressing.dhcpServer.reservations.00:11:22:33:44:55",
    ];
    const l = created(inputs, {}, paths);
    expect((await provider.diff("id", l, inputs)).changes).toBe(false);
    const fewer = { ...valid, ...dhcpServer({ reservations: { "AA:BB:CC:DD:EE:FF": "192.168.10.5" } }) };
    expect(await provider.diff("id", l, fewer)).toMatchObject({ changes: true, replaces: [] });
  });

  it("a local siteHaMode change is an in-place change, never a replacement", async () => {
    const l = created({ ...valid, siteHaMode: false }, {}, ["siteId", "physport", "siteHaMode"]);
    expect(await provider.diff("id", l, { ...valid, siteHaMode: true })).toMatchObject({ changes: true, replaces: [] });
  });
});

describe("picking the created LAN from the create answer (a list)", () => {
  it("compares LAN reservations by their verbatim MAC keys", () => {
    const lan = {
      id: "l",
      site_id: SITE_ID,
      physport: 2,
      vlan_tag: 0,
      static_addressing: { address: "192.168.10.1/24", dhcp_server: { reservations: { "AA:BB:CC:DD:EE:FF": "192.168.10.5" } } },
    };
    const inputs = { ...valid, ...dhcpServer({ reservations: { "AA:BB:CC:DD:EE:FF": "192.168.10.5" } }) };
    expect(siteLan.lifecycle.pickCreated!([{ ...lan, id: "other", physport: 3 }, lan], inputs)).toMatchObject({ id: "l" });
    expect(siteLan.lifecycle.isSameObject!(lan, inputs)).toBe(true);
  });
});
