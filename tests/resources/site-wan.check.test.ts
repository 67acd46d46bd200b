import { DefinedProvider } from "../../provider/framework/provider";
import { UNKNOWN } from "../../shared/values";
import { definition as siteWan } from "../../provider/resources/magic/site-wan";
import { ACCOUNT, failures } from "./check-helpers";

const SITE_ID = "023e105f4ecef8ad9ca31a8372d0c353";

const provider = new DefinedProvider(siteWan);
const valid = { __token: "magic:SiteWan", siteId: SITE_ID, physport: 1 };

describe("SiteWan check", () => {
  it("accepts minimal valid SiteWan inputs and returns them unchanged", async () => {
    const r = await provider.check({}, valid);
    expect(r.failures).toEqual([]);
    expect(r.inputs).toEqual(valid);
  });

  it("accepts a complete high availability WAN", async () => {
    expect(
      await failures(provider, valid, {
        siteHaMode: true,
        name: "isp_a",
        priority: 1,
        vlanTag: 42,
        staticAddressing: { address: "203.0.113.10/24", gatewayAddress: "203.0.113.1", secondaryAddress: "203.0.113.11/24" },
      }),
    ).toEqual([]);
  });

  it.each([
    [{ siteId: "nyc_branch" }, "siteId", "siteId must be a site id: 32 lowercase hexadecimal characters"],
    [{ physport: undefined }, "physport", "physport is required"],
    [{ physport: 0 }, "physport", "physport must be at least 1 (got 0)."],
    [{ priority: -1 }, "priority", "priority must be at least 0"],
    [{ vlanTag: 4095 }, "vlanTag", "vlanTag must be at most 4094 (got 4095)."],
    [{ healthCheckRate: "often" }, "healthCheckRate", 'healthCheckRate must be one of "low", "mid", "high"'],
    [{ loadBalanceInnerFlows: "yes" }, "loadBalanceInnerFlows", "loadBalanceInnerFlows must be true or false"],
    [
      { staticAddressing: { address: "203.0.113.10/24" } },
      "staticAddressing.gatewayAddress",
      "staticAddressing.gatewayAddress is required",
    ],
    [
      { staticAddressing: { address: "203.0.113.10", gatewayAddress: "203.0.113.1" } },
      "staticAddressing.address",
      "staticAddressing.address must be an IPv4 address with its prefix length, such as 192.0.2.10/24",
    ],
    [
      { staticAddressing: { address: "203.0.113.10/24", gatewayAddress: "198.51.100.1" } },
      "staticAddressing.gatewayAddress",
      "staticAddressing.gatewayAddress must be inside the subnet of staticAddressing.address (203.0.113.10/24).",
    ],
    [
      { siteHaMode: true, staticAddressing: { address: "203.0.113.10/24", gatewayAddress: "203.0.113.1" } },
      "staticAddressing.secondaryAddress",
      "staticAddressing.secondaryAddress is required when the site is in high availability mode (siteHaMode is true)",
    ],
  ] as Array<[Record<string, unknown>, string, string]>)("rejects %j on %s with a sentence naming it", async (override, property, text) => {
    const f = await failures(provider, valid, override);
    const hit = f.find((x) => x.property === property);
    expect(hit?.reason).toContain(text);
  });

  it("leaves the high availability rules alone when the site's mode is not given", async () => {
    expect(await failures(provider, valid, { staticAddressing: { address: "203.0.113.10/24", gatewayAddress: "203.0.113.1" } })).toEqual(
      [],
    );
  });

  it("does not validate values that are unknown during preview", async () => {
    expect(
      await failures(provider, valid, {
        siteId: UNKNOWN,
        physport: UNKNOWN,
        siteHaMode: true,
        staticAddressing: { address: UNKNOWN, gatewayAddress: "198.51.100.1" },
      }),
    ).toEqual([]);
  });
});

/** State as the API leaves it: server defaults filled, the user's input paths recorded. */
function created(inputs: Record<string, unknown>, defaults: Record<string, unknown>, paths: string[]) {
  return { ...defaults, ...inputs, accountId: ACCOUNT, __inputPaths: paths };
}

describe("SiteWan diff", () => {
  it("shows no change when only server defaults differ (healthCheckRate, vlanTag)", async () => {
    const w = created(valid, { healthCheckRate: "mid", vlanTag: 0 }, ["siteId", "physport"]);
    expect((await provider.diff("id", w, valid)).changes).toBe(false);
  });

  it("updates in place for updatable fields", async () => {
    const w = created(valid, { healthCheckRate: "mid", vlanTag: 0 }, ["siteId", "physport"]);
    expect(await provider.diff("id", w, { ...valid, physport: 3 })).toMatchObject({ changes: true, replaces: [] });
  });

  it("replaces a WAN when siteId changes", async () => {
    const other = "fedcba9876543210fedcba9876543210";
    const w = created(valid, { healthCheckRate: "mid" }, ["siteId", "physport"]);
    expect(await provider.diff("id", w, { ...valid, siteId: other })).toMatchObject({ replaces: ["siteId"] });
    expect(await provider.diff("id", w, { ...valid, siteId: UNKNOWN })).toMatchObject({ replaces: ["siteId"] });
  });
});

describe("picking the created WAN from the create answer (a list)", () => {
  const wan = (id: string, extra: Record<string, unknown> = {}) => ({
    id,
    site_id: SITE_ID,
    physport: 1,
    vlan_tag: 0,
    health_check_rate: "mid",
    ...extra,
  });

  it("takes a one-item answer as it is", () => {
    expect(siteWan.lifecycle.pickCreated!([wan("a", { name: "server-normalised" })], { ...valid, name: "isp_a" })).toMatchObject({
      id: "a",
    });
  });

  it("in a longer answer, takes the one WAN carrying every field sent", () => {
    const answer = [wan("old", { vlan_tag: 42 }), wan("new", { vlan_tag: 43, name: "isp_b" })];
    expect(siteWan.lifecycle.pickCreated!(answer, { ...valid, vlanTag: 43, name: "isp_b" })).toMatchObject({ id: "new" });
    expect(siteWan.lifecycle.pickCreated!([wan("x"), wan("y")], valid)).toBeUndefined();
  });

  it("recognises a WAN by where it attaches; a left-out VLAN tag means untagged", () => {
    expect(siteWan.lifecycle.isSameObject!(wan("a"), valid)).toBe(true);
    expect(siteWan.lifecycle.isSameObject!(wan("a", { vlan_tag: 42 }), valid)).toBe(false);
    expect(siteWan.lifecycle.isSameObject!(wan("a", { physport: 2 }), valid)).toBe(false);
    expect(
      siteWan.lifecycle.isSameObject!(wan("a", { static_addressing: { address: "203.0.113.10/24", gateway_address: "203.0.113.1" } }), {
        ...valid,
        staticAddressing: { address: "203.0.113.10/24", gatewayAddress: "203.0.113.1" },
      }),
    ).toBe(true);
  });
});
