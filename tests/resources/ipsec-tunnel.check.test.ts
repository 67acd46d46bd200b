import { DefinedProvider } from "../../provider/framework/provider";
import { UNKNOWN, asSecret } from "../../shared/values";
import { definition as ipsecTunnel } from "../../provider/resources/magic/ipsec-tunnel";
import { failures, state } from "./check-helpers";

const ipsec = new DefinedProvider(ipsecTunnel);

const validIpsec = {
  __token: "magic:IpsecTunnel",
  name: "nyc_ipsec_1",
  cloudflareEndpoint: "162.159.65.1",
  interfaceAddress: "10.213.0.8/31",
};

describe("IpsecTunnel check", () => {
  it("accepts valid inputs, a PSK and a rotation trigger, and returns them unchanged but for the secrets, marked for the engine", async () => {
    const inputs = {
      ...validIpsec,
      customerEndpoint: "2001:db8::7",
      interfaceAddress6: "2606:54c1:7:0:a9fe:12d2:1:200/127",
      replayProtection: true,
      customRemoteIdentities: { fqdnId: "nyc.023e105f4ecef8ad9ca31a8372d0c353.custom.ipsec.cloudflare.com" },
      healthCheck: { direction: "bidirectional", target: "" },
      bgp: { customerAsn: 65010, extraPrefixes: ["192.0.2.0/24"], md5Key: "md5-k3y" },
      psk: "O3bwKSjnaoCxDoUxjcq4Rk8ZKkezQUiy",
      rotatePsk: 3,
    };
    const r = await ipsec.check({}, inputs);
    expect(r.failures).toEqual([]);
    expect(r.inputs).toEqual({
      ...inputs,
      bgp: { ...inputs.bgp, md5Key: asSecret("md5-k3y") },
      psk: asSecret("O3bwKSjnaoCxDoUxjcq4Rk8ZKkezQUiy"),
    });
  });

  it.each([
    [{ name: "" }, "name", "name must be at least 1 characters long"],
    [{ name: undefined }, "name", "name is required (IpsecTunnel needs a string)."],
    [{ cloudflareEndpoint: "162.159.65" }, "cloudflareEndpoint", "cloudflareEndpoint must be an IPv4 or IPv6 address"],
    [{ cloudflareEndpoint: undefined }, "cloudflareEndpoint", "cloudflareEndpoint is required"],
    [{ customerEndpoint: "host.example" }, "customerEndpoint", "customerEndpoint must be an IPv4 or IPv6 address"],
    [
      { interfaceAddress: "10.213.0.8/29" },
      "interfaceAddress",
      "interfaceAddress must be a /31 or /30 prefix inside 10.0.0.0/8, 172.16.0.0/12, 192.168.0.0/16 or 169.254.240.0/20, such as 10.212.0.8/31",
    ],
    [{ interfaceAddress: "10.213.0.8/30" }, "interfaceAddress", "interfaceAddress is the network address of its /30"],
    [
      { interfaceAddress: "169.254.239.254/31" },
      "interfaceAddress",
      "interfaceAddress must be a /31 or /30 prefix inside 10.0.0.0/8, 172.16.0.0/12, 192.168.0.0/16 or 169.254.240.0/20, such as 10.212.0.8/31",
    ],
    [{ interfaceAddress: "198.51.100.0/31" }, "interfaceAddress", '(got "198.51.100.0/31")'],
    [{ interfaceAddress6: "2606:54c1:7:0:a9fe:12d2:1:201/127" }, "interfaceAddress6", "first address of the subnet"],
    [{ replayProtection: "yes" }, "replayProtection", "replayProtection must be true or false"],
    [{ automaticReturnRouting: 1 }, "automaticReturnRouting", "automaticReturnRouting must be true or false"],
    [
      { customRemoteIdentities: { fqdnId: "nyc.custom.ipsec.cloudflare.com" } },
      "customRemoteIdentities.fqdnId",
      "must be of the form <name>.<account>.custom.ipsec.cloudflare.com",
    ],
    [{ customRemoteIdentities: { fqdn: "x" } }, "customRemoteIdentities.fqdn", "is not a property of customRemoteIdentities"],
    [{ healthCheck: { rate: "often" } }, "healthCheck.rate", 'healthCheck.rate must be one of "low", "mid", "high" (got "often").'],
    [{ healthCheck: { type: "ping" } }, "healthCheck.type", 'must be one of "reply", "request"'],
    [{ healthCheck: { direction: "both" } }, "healthCheck.direction", 'must be one of "unidirectional", "bidirectional"'],
    [{ healthCheck: { target: "gw.example" } }, "healthCheck.target", "healthCheck.target must be an IPv4 or IPv6 address"],
    [{ bgp: { customerAsn: 4294967296 } }, "bgp.customerAsn", "bgp.customerAsn must be at most 4294967295"],
    [{ bgp: { customerAsn: 65000, extraPrefixes: ["192.0.2.1/24"] } }, "bgp.extraPrefixes.0", "no host bits set"],
    [{ bgp: { customerAsn: 65000, md5Key: "a?b" } }, "bgp.md5Key", "bgp.md5Key must contain only printable ASCII"],
    [
      { bgp: { customerAsn: 65000, importFilterId: "filter-1" } },
      "bgp.importFilterId",
      "bgp.importFilterId must be a BGP filter profile id: 32 lowercase hexadecimal characters",
    ],
    [
      { bgp: { customerAsn: 65000, exportFilterId: "0123456789ABCDEF0123456789ABCDEF" } },
      "bgp.exportFilterId",
      "must be a BGP filter profile id",
    ],
    [{ psk: "" }, "psk", "psk must be at least 1 characters long."],
    [{ rotatePsk: true }, "rotatePsk", "rotatePsk must be a string or a number."],
    [{ allowNullCipher: true }, "allowNullCipher", "allowNullCipher is not a property of IpsecTunnel; check its spelling."],
    [{ accountId: "acct" }, "accountId", "accountId must be a 32-character hexadecimal Cloudflare account id"],
  ])("rejects %j on %s with a sentence naming it", async (override, property, text) => {
    const hit = (await failures(ipsec, validIpsec, override)).find((f) => f.property === property);
    expect(hit?.reason).toContain(text);
  });

  it("never echoes a PSK or an MD5 key back", async () => {
    const f = await failures(ipsec, validIpsec, { psk: 42, bgp: { customerAsn: 65000, md5Key: 'sec"ret' } });
    expect(f.map((x) => x.property).sort()).toEqual(["bgp.md5Key", "psk"]);
    expect(JSON.stringify(f)).not.toContain("42");
    expect(JSON.stringify(f)).not.toContain('sec\\"ret');
  });

  it("does not validate values that are unknown during preview", async () => {
    const f = await failures(ipsec, validIpsec, {
      cloudflareEndpoint: UNKNOWN,
      psk: UNKNOWN,
      healthCheck: UNKNOWN,
      customRemoteIdentities: { fqdnId: UNKNOWN },
    });
    expect(f).toEqual([]);
  });
});

describe("IpsecTunnel diff", () => {
  const computed = {
    automaticReturnRouting: false,
    replayProtection: false,
    allowNullCipher: false,
    healthCheck: { enabled: true, rate: "mid", type: "reply", direction: "unidirectional", target: "", effectiveTarget: "" },
    psk: "generated-psk-0000000000000000000",
    pskMetadata: { lastGeneratedOn: "2026-11-22T00:00:00Z" },
    createdOn: "2026-11-22T00:00:00Z",
    modifiedOn: "2026-11-22T00:00:00Z",
  };

  it("shows no change for server defaults, computed fields and a generated PSK the user never set", async () => {
    const d = await ipsec.diff("id1", state({ ...validIpsec, healthCheck: { rate: "mid" } }, computed), {
      ...validIpsec,
      healthCheck: { rate: "mid" },
    });
    expect(d.changes).toBe(false);
  });

  it("updates in place for every field, the PSK and BGP included (the update body takes them all)", async () => {
    const olds = state(validIpsec, computed);
    for (const change of [
      { description: "x" },
      { psk: "mine" },
      { bgp: { customerAsn: 65001 } },
      { cloudflareEndpoint: "162.159.65.2" },
      { replayProtection: true },
    ]) {
      const d = await ipsec.diff("id1", olds, { ...validIpsec, ...change });
      expect(d).toMatchObject({ changes: true, replaces: [] });
    }
  });

  it("a new rotatePsk value is an in-place change; the same value is none", async () => {
    const olds = state({ ...validIpsec, rotatePsk: 1 }, computed);
    expect((await ipsec.diff("id1", olds, { ...validIpsec, rotatePsk: 2 })).changes).toBe(true);
    expect((await ipsec.diff("id1", olds, { ...validIpsec, rotatePsk: 2 })).replaces).toEqual([]);
    expect((await ipsec.diff("id1", olds, { ...validIpsec, rotatePsk: 1 })).changes).toBe(false);
  });

  it("a PSK the user set compares with the carried one", async () => {
    const olds = state({ ...validIpsec, psk: "mine" }, computed);
    expect((await ipsec.diff("id1", olds, { ...validIpsec, psk: "mine" })).changes).toBe(false);
  });

  it("replaces on an account change, deleting first when the name stays", async () => {
    const d = await ipsec.diff("id1", state(validIpsec, computed), { ...validIpsec, accountId: "fedcba9876543210fedcba9876543210" });
    expect(d).toMatchObject({ changes: true, replaces: ["accountId"], deleteBeforeReplace: true });
  });

  it("counts unknown values as changes", async () => {
    const d = await ipsec.diff("id1", state(validIpsec, computed), { ...validIpsec, description: UNKNOWN });
    expect(d).toMatchObject({ changes: true, replaces: [] });
  });
});
