import { DefinedProvider } from "../../provider/framework/provider";
import { UNKNOWN } from "../../shared/values";
import { definition as cni } from "../../provider/resources/cni/cni";
import { ACCOUNT, failures } from "./check-helpers";

const cnis = new DefinedProvider(cni);

const validCni = { __token: "cni:Cni", interconnect: "icon-1", magic: { conduitName: "ord_cni_1", description: "Chicago", mtu: 1500 } };

describe("Cni check", () => {
  it("accepts a CNI with and without BGP", async () => {
    expect(await failures(cnis, validCni)).toEqual([]);
    expect(await failures(cnis, { ...validCni, bgp: { customerAsn: 65010, extraPrefixes: ["192.0.2.0/24"], md5Key: "k3y!#" } })).toEqual(
      [],
    );
  });

  it.each([
    [{ interconnect: undefined }, "interconnect", "interconnect is required"],
    [{ magic: undefined }, "magic", "magic is required"],
    [{ magic: { conduitName: "c", description: "d" } }, "magic.mtu", "magic.mtu is required"],
    [{ magic: { conduitName: "c", description: "d", mtu: 500 } }, "magic.mtu", "magic.mtu must be at least 576 (got 500)."],
    [{ magic: { conduitName: "c", description: "d", mtu: 1500.5 } }, "magic.mtu", "magic.mtu must be"],
    [
      { magic: { conduitName: "", description: "d", mtu: 1500 } },
      "magic.conduitName",
      "magic.conduitName must be at least 1 characters long",
    ],
    [{ magic: { conduitName: "c", mtu: 1500 } }, "magic.description", "magic.description is required"],
    [{ bgp: { customerAsn: 0 } }, "bgp.customerAsn", "bgp.customerAsn must be at least 1"],
    [{ bgp: { customerAsn: 4294967296 } }, "bgp.customerAsn", "bgp.customerAsn must be at most 4294967295"],
    [
      { bgp: { customerAsn: 65010, md5Key: "why?" } },
      "bgp.md5Key",
      "bgp.md5Key must contain only printable ASCII characters other than the quotation mark",
    ],
    [{ bgp: { customerAsn: 65010, md5Key: 'a"b' } }, "bgp.md5Key", "no tabs or line breaks"],
    [{ bgp: { customerAsn: 65010, md5Key: "new\nline" } }, "bgp.md5Key", "bgp.md5Key must contain only printable ASCII"],
    [{ bgp: { customerAsn: 65010, md5Key: "" } }, "bgp.md5Key", "bgp.md5Key must be at least 1 characters long"],
    [{ bgp: { customerAsn: 65010, extraPrefixes: ["192.0.2.1/24"] } }, "bgp.extraPrefixes.0", "no host bits set"],
    [{ bgpMode: "static" }, "bgpMode", 'bgpMode must be one of "dynamic_route_exchange", "advertise_only"'],
    [
      { bgp: { customerAsn: 65010, importFilterId: "0123456789abcdef0123456789abcdef" } },
      "bgp.importFilterId",
      "bgp.importFilterId is not a property of bgp",
    ],
    [{ p2pIp: "100.64.0.0/31" }, "p2pIp", "p2pIp is not a property of Cni"],
  ])("rejects %j on %s with a sentence naming it", async (override, property, text) => {
    const hit = (await failures(cnis, { ...validCni, ...override })).find((f) => f.property === property);
    expect(hit?.reason).toContain(text);
  });

  it("never echoes the MD5 key", async () => {
    const f = await failures(cnis, { ...validCni, bgp: { customerAsn: 65010, md5Key: "secret?" } });
    expect(f[0].reason).not.toContain("secret?");
  });

  it("fills the body's account from the resource's account", () => {
    expect(cni.toApi!({ interconnect: "icon-1" }, { accountId: ACCOUNT })).toEqual({ interconnect: "icon-1", account: ACCOUNT });
    expect(cni.toApi!({ account: "other" }, { accountId: ACCOUNT })).toEqual({ account: "other" });
  });

  it("always sends bgp.extra_prefixes with bgp, never bgp_mode on create, and the whole object on update", () => {
    const body = {
      interconnect: "icon-1",
      magic: { conduit_name: "c", description: "", mtu: 1500 },
      bgp: { customer_asn: 65010 },
      bgp_mode: "advertise_only",
    };
    expect(cni.toApi!(body, { accountId: ACCOUNT })).toEqual({
      interconnect: "icon-1",
      magic: body.magic,
      bgp: { customer_asn: 65010, extra_prefixes: [] },
      account: ACCOUNT,
    });
    const olds = { custIp: "100.64.0.1/31", p2pIp: "100.64.0.0/31", account: ACCOUNT };
    expect(cni.toApi!(body, { accountId: ACCOUNT }, { id: "c1", olds })).toEqual({
      id: "c1",
      account: ACCOUNT,
      cust_ip: "100.64.0.1/31",
      p2p_ip: "100.64.0.0/31",
      interconnect: "icon-1",
      magic: body.magic,
      bgp: { customer_asn: 65010, extra_prefixes: [] },
      bgp_mode: "advertise_only",
    });
    // What is left of a removed session (server-filled extra_prefixes) is no session.
    expect(
      cni.toApi!({ interconnect: "icon-1", bgp: { extra_prefixes: [] } }, { accountId: ACCOUNT }, { id: "c1", olds }),
    ).not.toHaveProperty("bgp");
  });

  it("finds a lost create by interconnect and conduit name", () => {
    const inputs = { interconnect: "icon-1", magic: { conduitName: "ord_cni_1" } };
    expect(cni.lifecycle.isSameObject!({ interconnect: "icon-1", magic: { conduit_name: "ord_cni_1" } }, inputs)).toBe(true);
    expect(cni.lifecycle.isSameObject!({ interconnect: "icon-2", magic: { conduit_name: "ord_cni_1" } }, inputs)).toBe(false);
    expect(cni.lifecycle.isSameObject!({ interconnect: "icon-1", magic: { conduit_name: "other" } }, inputs)).toBe(false);
  });
});

describe("Cni diff", () => {
  const state = {
    ...validCni,
    account: ACCOUNT,
    p2pIp: "100.64.0.0/31",
    custIp: "100.64.0.1/31",
    accountId: ACCOUNT,
    __inputPaths: ["interconnect", "magic.conduitName", "magic.description", "magic.mtu"],
  };

  it("updates magic and bgp in place, replaces on a new interconnect, never diffs the link", async () => {
    expect((await cnis.diff("c1", state, validCni)).changes).toBe(false);
    expect(await cnis.diff("c1", state, { ...validCni, magic: { ...validCni.magic, mtu: 1400 } })).toMatchObject({
      changes: true,
      replaces: [],
    });
    expect(await cnis.diff("c1", state, { ...validCni, bgp: { customerAsn: 65010 } })).toMatchObject({ changes: true, replaces: [] });
    const moved = await cnis.diff("c1", state, { ...validCni, interconnect: "icon-2" });
    expect(moved).toMatchObject({ changes: true, replaces: ["interconnect"] });
    // A new interconnect means a new conduit: the old CNI need not go first.
    expect(moved.deleteBeforeReplace).toBeUndefined();
    expect(await cnis.diff("c1", state, { ...validCni, interconnect: UNKNOWN })).toMatchObject({ replaces: ["interconnect"] });
  });
});
