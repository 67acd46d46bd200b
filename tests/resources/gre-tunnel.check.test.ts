import { DefinedProvider } from "../../provider/framework/provider";
import { UNKNOWN } from "../../shared/values";
import { definition as greTunnel } from "../../provider/resources/magic/gre-tunnel";

const provider = new DefinedProvider(greTunnel);

const valid = {
  __token: "magic:GreTunnel",
  name: "nyc_gre_1",
  cloudflareGreEndpoint: "162.159.64.1",
  customerGreEndpoint: "203.0.113.10",
  interfaceAddress: "10.212.0.8/31",
};

async function failures(overrides: Record<string, unknown>) {
  const r = await provider.check({}, { ...valid, ...overrides });
  return r.failures ?? [];
}

describe("GreTunnel check", () => {
  it("accepts valid inputs and returns them unchanged", async () => {
    const r = await provider.check({}, valid);
    expect(r.failures).toEqual([]);
    expect(r.inputs).toEqual(valid);
  });

  it.each([
    [{ name: "this_name_is_too_long" }, "name", "name must be at most 15 characters long"],
    [{ name: "nyc gre" }, "name", "name must contain only letters, digits and underscores (no spaces or special characters)"],
    [
      { interfaceAddress: "10.0.0.0/29" },
      "interfaceAddress",
      'interfaceAddress must be a /31 or /30 prefix inside 10.0.0.0/8, 172.16.0.0/12, 192.168.0.0/16 or 169.254.240.0/20, such as 10.212.0.8/31 (got "10.0.0.0/29").',
    ],
    [
      { interfaceAddress: "8.8.8.0/31" },
      "interfaceAddress",
      'interfaceAddress must be a /31 or /30 prefix inside 10.0.0.0/8, 172.16.0.0/12, 192.168.0.0/16 or 169.254.240.0/20, such as 10.212.0.8/31 (got "8.8.8.0/31").',
    ],
    [
      { interfaceAddress: "169.254.100.0/30" },
      "interfaceAddress",
      `interfaceAddress must be a /31 or /30 prefix inside 10.0.0.0/8, 172.16.0.0/12, 192.168.0.0/16 or 169.254.240.0/20, such as 10.212.0.8/31`,
    ],
    [
      { interfaceAddress: "100.64.0.1/30" },
      "interfaceAddress",
      `interfaceAddress must be a /31 or /30 prefix inside 10.0.0.0/8, 172.16.0.0/12, 192.168.0.0/16 or 169.254.240.0/20, such as 10.212.0.8/31`,
    ],
    [
      { interfaceAddress: "10.0.0.0/30" },
      "interfaceAddress",
      "interfaceAddress is the network address of its /30, which no side of a tunnel can use: write one of the two usable addresses (10.0.0.1/30 or 10.0.0.2/30), the one Cloudflare takes",
    ],
    [{ interfaceAddress: "169.254.244.3/30" }, "interfaceAddress", "is the broadcast address of its /30"],
    [{ interfaceAddress6: "2606:54c1:7::/64" }, "interfaceAddress6", "interfaceAddress6 must be an IPv6 /127 prefix"],
    [{ interfaceAddress6: "2606:54c1:7:0:a9fe:12d2:1:201/127" }, "interfaceAddress6", "first address of the subnet"],
    [{ mtu: 575 }, "mtu", "mtu must be at least 576 (got 575)."],
    [{ cloudflareGreEndpoint: "1.2.3" }, "cloudflareGreEndpoint", "cloudflareGreEndpoint must be an IPv4 address"],
    [{ healthCheck: { rate: "fast" } }, "healthCheck.rate", 'healthCheck.rate must be one of "low", "mid", "high" (got "fast").'],
    [{ healthCheck: { direction: "both" } }, "healthCheck.direction", 'must be one of "unidirectional", "bidirectional"'],
    [{ bgp: { customerAsn: 0 } }, "bgp.customerAsn", "bgp.customerAsn must be at least 1"],
    [{ bgp: { customerAsn: 65000, md5Key: "a?b" } }, "bgp.md5Key", "bgp.md5Key must contain only printable ASCII"],
    [{ bgp: { customerAsn: 65000, md5Key: "tab\there" } }, "bgp.md5Key", "no tabs or line breaks"],
    [{ accountId: "my-account" }, "accountId", "accountId must be a 32-character hexadecimal Cloudflare account id"],
    [{ mtuu: 1400 }, "mtuu", "mtuu is not a property of GreTunnel; did you mean mtu?"],
    [{ name: undefined }, "name", "name is required"],
  ])("rejects %j on %s with a sentence naming it", async (override, property, text) => {
    const f = await failures(override);
    const hit = f.find((x) => x.property === property);
    expect(hit?.reason).toContain(text);
  });

  it.each([
    "10.212.0.9/31",
    "10.213.0.41/30",
    "10.213.0.42/30",
    "172.31.255.253/30",
    "192.168.0.1/30",
    "169.254.244.2/30",
    "169.254.255.254/31",
  ])("accepts the documented interface address %s (a /31 or a usable host of a /30 in the four spaces)", async (interfaceAddress) => {
    expect(await failures({ interfaceAddress })).toEqual([]);
  });

  it("never echoes a secret-like value back", async () => {
    const f = await failures({ bgp: { customerAsn: 65000, md5Key: 'has"quote' } });
    expect(f[0].reason).not.toContain('has"quote');
  });

  it("does not validate values that are unknown during preview", async () => {
    const f = await failures({
      interfaceAddress: UNKNOWN,
      cloudflareGreEndpoint: UNKNOWN,
      healthCheck: UNKNOWN,
      bgp: { customerAsn: UNKNOWN },
    });
    expect(f).toEqual([]);
  });
});

describe("GreTunnel diff", () => {
  // State as the API leaves it: server defaults filled, computed fields present.
  const created = async (inputs: Record<string, unknown>) => ({
    ...inputs,
    mtu: 1476,
    ttl: 64,
    automaticReturnRouting: false,
    healthCheck: { enabled: true, rate: "mid", type: "reply", direction: "unidirectional", target: "", effectiveTarget: "203.0.113.10" },
    createdOn: "2026-11-22T00:00:00Z",
    modifiedOn: "2026-11-22T00:00:00Z",
    accountId: "0123456789abcdef0123456789abcdef",
    __inputPaths: Object.keys(inputs)
      .filter((k) => !k.startsWith("__"))
      .flatMap((k) => {
        const v = inputs[k];
        return v && typeof v === "object" && !Array.isArray(v) ? Object.keys(v).map((s) => `${k}.${s}`) : [k];
      }),
  });

  it("shows no change when only server defaults and computed fields differ", async () => {
    const olds = await created({ ...valid, healthCheck: { rate: "mid" } });
    const d = await provider.diff("id1", olds, { ...valid, healthCheck: { rate: "mid" } });
    expect(d.changes).toBe(false);
    expect(d.replaces).toEqual([]);
  });

  it("shows an in-place change for an updatable field", async () => {
    const olds = await created(valid);
    const d = await provider.diff("id1", olds, { ...valid, description: "new", healthCheck: { rate: "high" } });
    expect(d.changes).toBe(true);
    expect(d.replaces).toEqual([]);
  });

  it("treats removing an input the user had set as a change", async () => {
    const olds = await created({ ...valid, description: "was set" });
    const d = await provider.diff("id1", olds, valid);
    expect(d.changes).toBe(true);
  });

  it("replaces on a BGP change (create-only per the spec) and deletes first when the name stays", async () => {
    const olds = await created({ ...valid, bgp: { customerAsn: 65000 } });
    const d = await provider.diff("id1", olds, { ...valid, bgp: { customerAsn: 65001 } });
    expect(d.replaces).toEqual(["bgp"]);
    expect(d.deleteBeforeReplace).toBe(true);
  });

  it("replaces without deleting first when the name and the interface address change too", async () => {
    const olds = await created({ ...valid, bgp: { customerAsn: 65000 } });
    const d = await provider.diff("id1", olds, {
      ...valid,
      name: "other",
      interfaceAddress: "10.212.0.10/31",
      bgp: { customerAsn: 65001 },
    });
    expect(d.replaces).toEqual(["bgp"]);
    expect(d.deleteBeforeReplace).toBeFalsy();
  });

  // Both are `unique`: Cloudflare refuses a second tunnel with the interface address the old one
  // still holds, so a rename alone does not let the new tunnel be made first.
  it("deletes first when a renamed replacement keeps the interface address", async () => {
    const olds = await created({ ...valid, bgp: { customerAsn: 65000 } });
    const d = await provider.diff("id1", olds, { ...valid, name: "other", bgp: { customerAsn: 65001 } });
    expect(d.replaces).toEqual(["bgp"]);
    expect(d.deleteBeforeReplace).toBe(true);
  });

  it("counts unknown values as changes, and as replacements on replace-on fields", async () => {
    const olds = await created({ ...valid, bgp: { customerAsn: 65000 } });
    const d = await provider.diff("id1", olds, { ...valid, customerGreEndpoint: UNKNOWN, bgp: UNKNOWN });
    expect(d.changes).toBe(true);
    expect(d.replaces).toEqual(["bgp"]);
  });

  it("replaces when the account changes", async () => {
    const olds = await created(valid);
    const d = await provider.diff("id1", olds, { ...valid, accountId: "fedcba9876543210fedcba9876543210" });
    expect(d.replaces).toEqual(["accountId"]);
  });
});
