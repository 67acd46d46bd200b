import { DefinedProvider } from "../../provider/framework/provider";
import { UNKNOWN } from "../../shared/values";
import { definition as siteAcl, isAclSubnet, isPortRange } from "../../provider/resources/magic/site-acl";
import { failures } from "./check-helpers";

const SITE = "023e105f4ecef8ad9ca31a8372d0c353";

// LAN ids are Cloudflare identifiers too.
const [LAN_A, LAN_B, LAN_C] = ["a0000000000000000000000000000001", "b0000000000000000000000000000002", "c0000000000000000000000000000003"];

const acl = new DefinedProvider(siteAcl);

const validAcl = {
  __token: "magic:SiteAcl",
  siteId: SITE,
  name: "PIN Pad - Cash Register",
  lan1: { lanId: LAN_A },
  lan2: { lanId: LAN_B },
};

/** State as the API leaves it: the inputs, server defaults and the paths the user set. */
function state(inputs: Record<string, unknown>, defaults: Record<string, unknown>) {
  const paths = Object.entries(inputs)
    .filter(([k]) => !k.startsWith("__"))
    .flatMap(([k, v]) => (v && typeof v === "object" && !Array.isArray(v) ? Object.keys(v).map((s) => `${k}.${s}`) : [k]));
  return { ...defaults, ...inputs, accountId: "0123456789abcdef0123456789abcdef", __inputPaths: paths };
}

describe("port ranges and ACL subnets", () => {
  it.each([
    ["8080-9000", true],
    ["1-65535", true],
    ["443-443", true],
    ["9000-8080", false],
    ["0-10", false],
    ["1-65536", false],
    ["8080", false],
    ["8080 - 9000", false],
    ["a-b", false],
    ["-1-5", false],
  ])("port range %s -> %s", (s, ok) => {
    expect(isPortRange(s)).toBe(ok);
  });

  it.each([
    ["192.0.2.1", true],
    ["192.0.2.0/24", true],
    ["0.0.0.0/0", true],
    ["192.0.2.1/24", false],
    ["192.0.2.256", false],
    ["192.0.2.0/33", false],
    ["2001:db8::1", false],
    ["2001:db8::/32", false],
    ["lan", false],
  ])("subnet %s -> %s", (s, ok) => {
    expect(isAclSubnet(s)).toBe(ok);
  });
});

describe("SiteAcl check", () => {
  it("accepts valid inputs and returns them unchanged", async () => {
    const full = {
      ...validAcl,
      description: "d",
      lan1: { lanId: LAN_A, lanName: "pos", ports: [1, 443, 65535], portRanges: ["8080-9000"], subnets: ["192.0.2.1", "198.51.100.0/24"] },
      protocols: ["tcp", "udp", "icmp"],
      forwardLocally: true,
      unidirectional: false,
    };
    const r = await acl.check({}, full);
    expect(r.failures).toEqual([]);
    expect(r.inputs).toEqual(full);
  });

  it.each([
    [{ siteId: undefined }, "siteId", "siteId is required"],
    [{ siteId: "nyc" }, "siteId", 'siteId must be a site id: 32 lowercase hexadecimal characters (got "nyc").'],
    [{ name: undefined }, "name", "name is required"],
    [{ name: "" }, "name", "name must be a name (not empty)"],
    [{ lan1: undefined }, "lan1", "lan1 is required"],
    [{ lan2: LAN_B }, "lan2", "lan2 must be an object"],
    [{ lan1: {} }, "lan1.lanId", "lan1.lanId is required"],
    [
      { lan1: { lanId: "lan-a" } },
      "lan1.lanId",
      'lan1.lanId must be the id of a LAN of the site: 32 lowercase hexadecimal characters (got "lan-a").',
    ],
    [{ lan1: { lanId: LAN_A, ports: [0] } }, "lan1.ports.0", "lan1.ports.0 must be at least 1"],
    [{ lan2: { lanId: LAN_B, ports: [22, 65536] } }, "lan2.ports.1", "lan2.ports.1 must be at most 65535"],
    [{ lan1: { lanId: LAN_A, ports: [80.5] } }, "lan1.ports.0", "a whole number"],
    [{ lan1: { lanId: LAN_A, ports: ["80"] } }, "lan1.ports.0", "a number"],
    [
      { lan1: { lanId: LAN_A, portRanges: ["8080-9000", "9000-8080"] } },
      "lan1.portRanges.1",
      'lan1.portRanges.1 must be a port range "start-end" with 1 <= start <= end <= 65535, such as "8080-9000"',
    ],
    [{ lan2: { lanId: LAN_B, portRanges: ["0-80"] } }, "lan2.portRanges.0", "lan2.portRanges.0 must be a port range"],
    [{ lan2: { lanId: LAN_B, portRanges: ["443"] } }, "lan2.portRanges.0", "must be a port range"],
    [
      { lan1: { lanId: LAN_A, subnets: ["192.0.2.1/24"] } },
      "lan1.subnets.0",
      "lan1.subnets.0 must be an IPv4 address such as 192.0.2.1, or an IPv4 prefix with no host bits set such as 192.0.2.0/24",
    ],
    [{ lan1: { lanId: LAN_A, subnets: ["10.0.0.300"] } }, "lan1.subnets.0", "lan1.subnets.0 must be an IPv4 address"],
    [{ lan1: { lanId: LAN_A, lanIdd: "x" } }, "lan1.lanIdd", "lan1.lanIdd is not a property of lan1; did you mean lanId?"],
    [{ protocols: ["tcp", "http"] }, "protocols.1", 'protocols.1 must be one of "tcp", "udp", "icmp"'],
    [{ protocols: "tcp" }, "protocols", "protocols must be a list"],
    [{ forwardLocally: "yes" }, "forwardLocally", "forwardLocally must be true or false"],
    [{ unidirectional: 1 }, "unidirectional", "unidirectional must be true or false"],
    [{ lan_1: { lanId: LAN_A } }, "lan_1", "lan_1 is not a property of SiteAcl; did you mean lan1?"],
    [{ accountId: "nope" }, "accountId", "accountId must be a 32-character hexadecimal Cloudflare account id"],
  ])("rejects %j on %s with a sentence naming it", async (override, property, text) => {
    // Inside lists the framework's messages leave out the "(got ...)" part (it cannot look values up by index).
    const f = await failures(acl, { ...validAcl, ...override });
    const hit = f.find((x) => x.property === property);
    expect(hit?.reason).toContain(text);
  });

  it("does not validate values that are unknown during preview", async () => {
    const f = await failures(acl, {
      ...validAcl,
      siteId: UNKNOWN,
      lan1: UNKNOWN,
      lan2: { lanId: UNKNOWN, ports: [UNKNOWN], subnets: UNKNOWN },
      protocols: [UNKNOWN],
    });
    expect(f).toEqual([]);
  });
});

describe("SiteAcl diff", () => {
  const defaults = { forwardLocally: false, unidirectional: false };

  it("shows no change when only server-filled fields differ (lanName, the default booleans)", async () => {
    const olds = { ...state(validAcl, defaults), lan1: { lanId: LAN_A, lanName: "pos" } };
    const d = await acl.diff("id1", olds, validAcl);
    expect(d).toMatchObject({ changes: false, replaces: [] });
  });

  it("updates in place when a LAN side, the protocols or a flag changes", async () => {
    const olds = state({ ...validAcl, protocols: ["tcp"] }, defaults);
    for (const news of [
      { ...validAcl, protocols: ["tcp", "udp"] },
      { ...validAcl, protocols: ["tcp"], lan2: { lanId: LAN_C } },
      { ...validAcl, protocols: ["tcp"], lan1: { lanId: LAN_A, ports: [443] } },
      { ...validAcl, protocols: ["tcp"], forwardLocally: true },
    ]) {
      expect(await acl.diff("id1", olds, news)).toMatchObject({ changes: true, replaces: [] });
    }
  });

  it("treats removing an input the user had set as a change", async () => {
    const olds = state({ ...validAcl, description: "was set" }, defaults);
    expect((await acl.diff("id1", olds, validAcl)).changes).toBe(true);
  });

  // An ACL's name is not unique (nothing public says Cloudflare refuses a second one), and an ACL
  // of another site is in another collection: the new ACL cannot clash with the old one, so it is
  // made first, whether or not it keeps its name.
  it("replaces on a new site, making the new ACL before deleting the old one", async () => {
    const olds = state(validAcl, defaults);
    const other = "fedcba9876543210fedcba9876543210";
    const moved = await acl.diff("id1", olds, { ...validAcl, siteId: other });
    expect(moved).toMatchObject({ changes: true, replaces: ["siteId"] });
    expect(moved.deleteBeforeReplace).toBeFalsy();
    const renamed = await acl.diff("id1", olds, { ...validAcl, siteId: other, name: "new" });
    expect(renamed.replaces).toEqual(["siteId"]);
    expect(renamed.deleteBeforeReplace).toBeFalsy();
  });

  it("counts unknown values as changes, and an unknown site as a replacement", async () => {
    const olds = state(validAcl, defaults);
    expect(await acl.diff("id1", olds, { ...validAcl, lan1: { lanId: UNKNOWN } })).toMatchObject({ changes: true, replaces: [] });
    expect((await acl.diff("id1", olds, { ...validAcl, siteId: UNKNOWN })).replaces).toEqual(["siteId"]);
  });
});
