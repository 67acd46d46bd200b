/**
 * The audit's classification on made-up accounts (no API): the state of each resource is what its
 * provider's own read makes of the object (as an `import` records it), written as a
 * `pulumi stack export` and parsed back, so every value travels the way it does for users.
 * "In sync" is never decided here: a claim is drifted exactly when the provider's diff after its
 * read reports a change, on the fields that diff would report.
 */
import { audit, type AuditResult, type SettingsRead } from "../../audit/audit";
import { parseExport, type StackExport } from "../../audit/exports";
import { renderJson, renderText } from "../../audit/render";
import type { AccountSnapshot, CollectionKey } from "../../codegen/read";
import * as facade from "../../provider/facade";
import { secretFields } from "../../provider/framework/define";
import { provider as routeTable } from "../../provider/resources/magic/routes/route-table";
import { revealed, withSecretsAt } from "../../shared/values";
import type { StateEntry } from "../harness/program";
import { pathsOf } from "../harness/secrets";
import { stackExport } from "./export";

const ACCOUNT = "0123456789abcdef0123456789abcdef";
const OTHER = "fedcba9876543210fedcba9876543210";
type Raw = Record<string, unknown>;
type Props = Record<string, unknown>;

// The account of a resource given none, as stack config or the environment gives it in a real run
// (set before the describe blocks build their states).
const savedAccount = process.env.CLOUDFLARE_ACCOUNT_ID;
process.env.CLOUDFLARE_ACCOUNT_ID = ACCOUNT;
facade.settings.configureFrom(() => undefined);
afterAll(() => {
  if (savedAccount === undefined) delete process.env.CLOUDFLARE_ACCOUNT_ID;
  else process.env.CLOUDFLARE_ACCOUNT_ID = savedAccount;
});

const COLLECTION_TOKENS: Record<CollectionKey, string> = {
  connectors: "magic:Connector",
  greTunnels: "magic:GreTunnel",
  ipsecTunnels: "magic:IpsecTunnel",
  cfInterconnects: "magic:CfInterconnect",
  routes: "magic:StaticRoute",
  apps: "magic:App",
  sites: "magic:Site",
  siteWans: "magic:SiteWan",
  siteLans: "magic:SiteLan",
  siteAcls: "magic:SiteAcl",
  siteAppConfigs: "magic:SiteAppConfig",
  interconnects: "cni:Interconnect",
  cnis: "cni:Cni",
};

/** An account read as codegen's reader returns it, from the API objects of each collection. */
function account(live: Partial<Record<CollectionKey, Raw[]>>, extra: Partial<AccountSnapshot> = {}): AccountSnapshot {
  const keys = Object.keys(COLLECTION_TOKENS) as CollectionKey[];
  const objects = Object.fromEntries(keys.map((k) => [k, []])) as unknown as AccountSnapshot["objects"];
  const byId = Object.fromEntries(keys.map((k) => [k, {}])) as AccountSnapshot["live"];
  for (const k of keys) {
    for (const raw of live[k] ?? []) {
      const outputs = facade.definedProvider(COLLECTION_TOKENS[k]).listedOutputs(raw, { accountId: ACCOUNT, props: {} });
      objects[k].push(outputs);
      byId[k][outputs.id] = raw;
    }
  }
  return { accountId: ACCOUNT, objects, live: byId, managedApps: [], counts: [], skipped: [], ...extra };
}

/**
 * A resource's state as its provider records an adopted object: the program's inputs, the outputs
 * its read makes, and the secret paths of both as the engine keeps them (the sdk marks the
 * definition's secret fields in the inputs, the provider in its answers).
 */
function resource(
  token: string,
  name: string,
  id: string,
  raw: Raw,
  program: Props,
  o: { stack?: string; accountId?: string } = {},
): StateEntry {
  // An account given in the program is one of its inputs; otherwise it comes from config.
  const inputs = {
    __provider: "exports.handler = ...",
    __token: token,
    __resourceName: name,
    ...program,
    ...(o.accountId ? { accountId: o.accountId } : {}),
  };
  const p = facade.definedProvider(token);
  const sealed = p.readFrom(id, raw, inputs).props as Props;
  const secretOutputs = pathsOf(sealed);
  return {
    urn: `urn:pulumi:${o.stack ?? "prod"}::net::pulumi-nodejs:dynamic/${token}::${name}`,
    type: `pulumi-nodejs:dynamic/${token}`,
    name,
    custom: true,
    id,
    inputs,
    outputs: { ...revealed(sealed), __provider: inputs.__provider },
    dependencies: [],
    secretKeys: [...new Set(secretOutputs.map((path) => path.split(".")[0]))],
    secretInputs: pathsOf(withSecretsAt(inputs, secretFields(p.def))),
    secretOutputs,
  };
}

/** A RouteTable's state owning `routes` (API objects), with the program's entries. */
function table(name: string, routes: Raw[], entries: Props[], stack = "prod"): StateEntry {
  const inputs = { __provider: "exports.handler = ...", __token: "magic:RouteTable", __resourceName: name, routes: entries };
  const imported = routeTable.readFrom(`routetable-${name}`, routes, inputs).props as Props;
  return {
    urn: `urn:pulumi:${stack}::net::pulumi-nodejs:dynamic/magic:RouteTable::${name}`,
    type: "pulumi-nodejs:dynamic/magic:RouteTable",
    name,
    custom: true,
    id: `routetable-${name}`,
    inputs,
    outputs: { ...imported, __provider: inputs.__provider },
    dependencies: [],
    secretKeys: [],
  };
}

function exported(
  stack: string,
  entries: StateEntry[],
  o: { showSecrets?: boolean; pendingOperations?: Array<{ type: string; resource: Props }> } = {},
): StackExport {
  return parseExport(JSON.stringify(stackExport(entries, { project: "net", stack, ...o })), `${stack}.json`);
}

const gre = (id: string, name: string, extra: Raw = {}): Raw => ({
  id,
  name,
  cloudflare_gre_endpoint: "162.159.64.1",
  customer_gre_endpoint: "203.0.113.10",
  interface_address: "10.212.0.8/31",
  mtu: 1476,
  ttl: 64,
  automatic_return_routing: false,
  health_check: {
    enabled: true,
    rate: "mid",
    type: "reply",
    direction: "unidirectional",
    target: { saved: "", effective: "203.0.113.10" },
  },
  created_on: "2026-01-01T00:00:00Z",
  modified_on: "2026-01-01T00:00:00Z",
  ...extra,
});
const GRE_PROGRAM = {
  name: "gre_1",
  cloudflareGreEndpoint: "162.159.64.1",
  customerGreEndpoint: "203.0.113.10",
  interfaceAddress: "10.212.0.8/31",
  description: "dc1",
  healthCheck: { rate: "mid" },
};
const route = (id: string, prefix: string, extra: Raw = {}): Raw => ({ id, prefix, nexthop: "10.212.0.9", priority: 100, ...extra });
const ids = (n: number) => n.toString(16).padStart(32, "0");

const finding = (r: AuditResult, id: string) => r.findings.filter((f) => f.id === id);

describe("in sync or drifted: the provider's own read and diff decide", () => {
  const base = gre(ids(1), "gre_1", { description: "dc1" });
  const state = resource("magic:GreTunnel", "gre", ids(1), base, GRE_PROGRAM);

  it.each<[string, Raw]>([
    ["unchanged", {}],
    ["a field the program does not set changed (mtu)", { mtu: 1400 }],
    ["a computed field changed (modified_on)", { modified_on: "2026-02-02T00:00:00Z" }],
    ["a default the program leaves out, no longer reported (ttl absent)", { ttl: undefined }],
    ["a field the program sets changed (description)", { description: "changed by hand" }],
    ["a nested field the program sets changed (health_check.rate)", { health_check: { ...(base.health_check as Raw), rate: "high" } }],
    ["a field the program sets, gone from the answer (description absent)", { description: undefined }],
    ["the customer endpoint written another way (leading zeros)", { customer_gre_endpoint: "203.0.113.010" }],
  ])("%s", async (_what, change) => {
    const live = { ...base, ...change };
    const result = audit(account({ greTunnels: [live] }), [exported("prod", [state])]);
    const p = facade.definedProvider("magic:GreTunnel");
    const stateProps = exported("prod", [state]).resources[0];
    const refreshed = p.readFrom(ids(1), live, stateProps.outputs).props as Props;
    const diff = await p.diff(ids(1), refreshed, stateProps.inputs);
    const [f] = finding(result, ids(1));
    expect(f.finding).toBe(diff.changes ? "drifted" : "inSync");
    expect(f.claims[0].differences.map((d) => d.path)).toEqual(p.changedInputPaths(refreshed, stateProps.inputs));
    expect(result.exitCode).toBe(diff.changes ? 1 : 0);
  });

  it("names each drifted field with the stack's value and the account's", () => {
    const live = { ...base, description: "changed by hand", health_check: { ...(base.health_check as Raw), rate: "high" } };
    const [f] = finding(audit(account({ greTunnels: [live] }), [exported("prod", [state])]), ids(1));
    expect(f.finding).toBe("drifted");
    expect(f.claims[0].differences).toEqual([
      { path: "description", state: "dc1", live: "changed by hand" },
      { path: "healthCheck.rate", state: "mid", live: "high" },
    ]);
  });

  it("a settings singleton (CNI settings), read once for the stacks that manage it", () => {
    const raw = { default_asn: 65010 };
    const settings = resource("cni:CniSettings", "cni-settings", ACCOUNT, raw, { defaultAsn: 65010 });
    const read = (live: Raw): SettingsRead => ({ live });
    expect(audit(account({}), [exported("prod", [settings])], read(raw)).findings).toEqual([
      expect.objectContaining({ finding: "inSync", collection: "cniSettings", id: ACCOUNT, label: "CNI settings" }),
    ]);
    const drifted = audit(account({}), [exported("prod", [settings])], read({ default_asn: 65011 }));
    expect(drifted.findings[0].claims[0].differences).toEqual([{ path: "defaultAsn", state: 65010, live: 65011 }]);
    const twice = audit(account({}), [exported("a", [settings]), exported("b", [settings])], read(raw));
    expect(twice.findings.map((f) => [f.finding, f.claims.map((c) => c.stack)])).toEqual([["claimedTwice", ["net/a", "net/b"]]]);
    const refused = audit(account({}), [exported("prod", [settings])], { error: "HTTP 403: the token may not read the CNI settings" });
    expect(refused.findings).toEqual([]);
    expect(refused.notAudited).toEqual([expect.objectContaining({ type: "cni.CniSettings", reason: expect.stringContaining("HTTP 403") })]);
    expect(refused.exitCode).toBe(2);
  });
});

describe("RouteTable entries: each owned route is an object, matched by the id the state records", () => {
  const routes = [route(ids(11), "198.51.100.0/24"), route(ids(12), "203.0.113.0/24", { priority: 200, description: "backup" })];
  const entries = [
    { prefix: "198.51.100.0/24", nexthop: "10.212.0.9", priority: 100 },
    { prefix: "203.0.113.0/24", nexthop: "10.212.0.9", priority: 200, description: "backup" },
  ];
  const state = table("routes", routes, entries);

  const check = async (live: Raw[]) => {
    const result = audit(account({ routes: live }), [exported("prod", [state])]);
    const r = exported("prod", [state]).resources[0];
    const diff = await routeTable.diff(r.id!, routeTable.readFrom(r.id!, live, r.outputs).props as Props, r.inputs);
    return { result, changes: diff.changes };
  };

  it("in sync: every owned route as its entry says (weight absent and 0 alike)", async () => {
    const { result, changes } = await check([routes[0], { ...routes[1], weight: 0 }]);
    expect(changes).toBe(false);
    expect(result.findings.map((f) => [f.finding, f.label, f.claims[0].entry])).toEqual([
      ["inSync", "198.51.100.0/24 via 10.212.0.9", "198.51.100.0/24 via 10.212.0.9"],
      ["inSync", "203.0.113.0/24 via 10.212.0.9", "203.0.113.0/24 via 10.212.0.9"],
    ]);
  });

  it("a setting and an identity changed by hand are drift on that entry; a route deleted is missing", async () => {
    const { result, changes } = await check([{ ...routes[0], priority: 150, nexthop: "10.212.0.11" }]);
    expect(changes).toBe(true);
    expect(result.findings.map((f) => [f.finding, f.id, f.claims[0].differences])).toEqual([
      [
        "drifted",
        ids(11),
        [
          { path: "nexthop", state: "10.212.0.9", live: "10.212.0.11" },
          { path: "priority", state: 100, live: 150 },
        ],
      ],
      ["missing", ids(12), []],
    ]);
    expect(result.findings[1].label).toBe("203.0.113.0/24 via 10.212.0.9");
  });

  it("an entry no route was recorded for (an apply that failed part-way) is missing, with why", () => {
    const partial = table("routes", [routes[0]], entries);
    const result = audit(account({ routes }), [exported("prod", [partial])]);
    const missing = result.findings.filter((f) => f.finding === "missing");
    expect(missing).toEqual([expect.objectContaining({ id: "", label: "203.0.113.0/24 via 10.212.0.9" })]);
    expect(missing[0].claims[0].notes).toEqual(["never created: an apply failed part-way; the next `pulumi up` creates it"]);
    // The route that exists is nobody's: the table never recorded it.
    expect(finding(result, ids(12)).map((f) => f.finding)).toEqual(["unmanaged"]);
  });
});

describe("claimed twice", () => {
  const live = [route(ids(21), "198.51.100.0/24")];
  const staticRoute = (name: string, stack: string) =>
    resource("magic:StaticRoute", name, ids(21), live[0], { prefix: "198.51.100.0/24", nexthop: "10.212.0.9", priority: 100 }, { stack });

  it("a StaticRoute in one stack and a RouteTable entry in another, with each claim's own drift", () => {
    const entryState = table(
      "routes",
      live,
      [{ prefix: "198.51.100.0/24", nexthop: "10.212.0.9", priority: 100, description: "mine" }],
      "b",
    );
    const result = audit(account({ routes: live }), [exported("a", [staticRoute("route", "a")]), exported("b", [entryState])]);
    expect(result.findings).toHaveLength(1);
    const [f] = result.findings;
    expect(f.finding).toBe("claimedTwice");
    expect(f.claims.map((c) => [c.stack, c.type, c.resource, c.entry, c.differences])).toEqual([
      ["net/a", "StaticRoute", "route", undefined, []],
      ["net/b", "RouteTable", "routes", "198.51.100.0/24 via 10.212.0.9", [{ path: "description", state: "mine", live: null }]],
    ]);
    expect(result.exitCode).toBe(1);
  });

  it("two resources of one stack", () => {
    const result = audit(account({ routes: live }), [exported("a", [staticRoute("one", "a"), staticRoute("two", "a")])]);
    expect(result.findings.map((f) => [f.finding, f.claims.map((c) => c.resource)])).toEqual([["claimedTwice", ["one", "two"]]]);
  });
});

describe("secrets", () => {
  const raw = gre(ids(31), "gre_1", { description: "dc1", bgp: { customer_asn: 65001, md5_key: "live-md5" } });
  const state = resource("magic:GreTunnel", "gre", ids(31), raw, { ...GRE_PROGRAM, bgp: { customerAsn: 65001, md5Key: "program-md5" } });

  it("as ciphertext: not compared, named as such, never shown", () => {
    const result = audit(account({ greTunnels: [raw] }), [exported("prod", [state])]);
    expect(result.findings[0]).toMatchObject({ finding: "inSync", claims: [{ differences: [], notCompared: ["bgp.md5Key"] }] });
    const out = renderText(result) + renderJson(result);
    expect(out).not.toMatch(/live-md5|program-md5/);
    // Only the MD5 key is secret: the rest of the BGP block is compared.
    const asn = audit(account({ greTunnels: [{ ...raw, bgp: { customer_asn: 65002, md5_key: "live-md5" } }] }), [
      exported("prod", [state]),
    ]);
    expect(asn.findings[0].claims[0].differences).toEqual([{ path: "bgp.customerAsn", state: 65001, live: 65002 }]);
  });

  it("as plaintext (--show-secrets): compared, and shown as [secret] on both sides", () => {
    const result = audit(account({ greTunnels: [raw] }), [exported("prod", [state], { showSecrets: true })]);
    expect(result.findings[0].finding).toBe("drifted");
    expect(result.findings[0].claims[0].differences).toEqual([{ path: "bgp.md5Key", state: "[secret]", live: "[secret]" }]);
    const out = renderText(result) + renderJson(result);
    expect(out).not.toMatch(/live-md5|program-md5/);
    expect(renderText(result)).toContain("bgp.md5Key: stack [secret], account [secret]");
  });
});

describe("what is not unmanaged, and what is not audited", () => {
  const cf = {
    id: ids(41),
    name: "pni_ord",
    colo_name: "pni_ord",
    interface_address: "192.168.4.0/31",
    mtu: 1476,
    gre: { cloudflare_endpoint: "203.0.113.1" },
  };

  it("Cloudflare interconnects no stack adopts and managed apps are Cloudflare's; an adopted interconnect is an object like any other", () => {
    const managedApps = [{ managed_app_id: "cf01", name: "Zoom" }];
    const alone = audit(account({ cfInterconnects: [cf] }, { managedApps }), []);
    expect(alone.findings).toEqual([]);
    expect(alone.cloudflareOwned).toEqual([{ collection: "cfInterconnects", id: ids(41), label: "pni_ord" }]);
    expect(alone.managedApps).toBe(1);
    expect(alone.exitCode).toBe(0);
    expect(renderText(alone)).toContain(
      `Cloudflare-owned, adopted by no stack (not counted as unmanaged): Cloudflare interconnect pni_ord (${ids(41)}); 1 managed app.`,
    );
    const adopted = resource("magic:CfInterconnect", "pni", ids(41), cf, { interconnectId: ids(41) });
    const result = audit(account({ cfInterconnects: [cf] }), [exported("prod", [adopted])]);
    expect(result.findings.map((f) => f.finding)).toEqual(["inSync"]);
    expect(result.cloudflareOwned).toEqual([]);
  });

  it("resources of another account, without an account, of types the read does not cover, or unknown to this version", () => {
    const raw = gre(ids(51), "gre_1", { description: "dc1" });
    const elsewhere = resource("magic:GreTunnel", "elsewhere", ids(51), raw, GRE_PROGRAM, { accountId: OTHER });
    const noAccount = {
      ...resource("magic:GreTunnel", "nowhere", ids(51), raw, GRE_PROGRAM),
      outputs: {},
      inputs: { __token: "magic:GreTunnel" },
    };
    const capture: StateEntry = {
      ...noAccount,
      urn: noAccount.urn.replace("GreTunnel::nowhere", "PacketCapture::capture"),
      inputs: { __token: "magic:PacketCapture" },
      outputs: { accountId: ACCOUNT },
    };
    const future: StateEntry = {
      ...capture,
      urn: capture.urn.replace("PacketCapture::capture", "Hologram::h"),
      inputs: { __token: "magic:Hologram" },
    };
    const result = audit(account({ greTunnels: [raw] }), [exported("prod", [elsewhere, noAccount, capture, future])]);
    expect(result.stacks[0]).toMatchObject({ resources: 2, otherAccounts: 1 });
    expect(result.notAudited.map((n) => [n.type, n.reason])).toEqual([
      ["GreTunnel", "its state records no account id"],
      ["PacketCapture", "a packet capture is a run, not configuration: the account read does not list captures"],
      ["Hologram", "this version of the package has no resource type magic:Hologram; upgrade it to audit this stack"],
    ]);
    // The tunnel the other account's resource names is this account's object that no stack manages.
    expect(result.findings.map((f) => f.finding)).toEqual(["unmanaged"]);
    expect(renderText(result)).toContain(`${ids(51)}`);
  });

  it("a collection the token may not read: its resources are not audited and, with nothing found, the exit is 2", () => {
    const raw = gre(ids(61), "gre_1", { description: "dc1" });
    const state = resource("magic:GreTunnel", "gre", ids(61), raw, GRE_PROGRAM);
    const skipped = [{ what: "GRE tunnels", reason: "the token may not read GRE tunnels (HTTP 403)" }];
    const result = audit(account({}, { skipped }), [exported("prod", [state])]);
    expect(result.findings).toEqual([]);
    expect(result.notAudited).toEqual([
      expect.objectContaining({ reason: `the account's GRE tunnels could not be read (see "not read")` }),
    ]);
    expect(result.exitCode).toBe(2);
    expect(renderText(result)).toContain("Not read: GRE tunnels: the token may not read GRE tunnels (HTTP 403)");
    // A collection read for some sites only: what was read is not called unmanaged (a stack may manage it).
    const wan = { id: ids(62), site_id: ids(63), physport: 1, name: "isp" };
    const partly = audit(account({ siteWans: [wan] }, { skipped: [{ what: 'site WANs of site "b"', reason: "HTTP 500" }] }), []);
    expect(partly.findings).toEqual([]);
    expect(partly.exitCode).toBe(2);
  });
});

describe("pending operations", () => {
  const made = gre(ids(71), "gre_new");
  const other = gre(ids(72), "gre_other");
  const pendingCreate = {
    type: "creating",
    resource: {
      urn: "urn:pulumi:prod::net::pulumi-nodejs:dynamic/magic:GreTunnel::gre-new",
      custom: true,
      type: "pulumi-nodejs:dynamic/magic:GreTunnel",
      inputs: { __token: "magic:GreTunnel", ...GRE_PROGRAM, name: "gre_new" },
    },
  };

  it("an unmanaged object a pending create made is named with how to adopt it; one it cannot have made is not", () => {
    const result = audit(account({ greTunnels: [made, other] }), [exported("prod", [], { pendingOperations: [pendingCreate] })]);
    expect(result.findings.map((f) => [f.label, f.notes])).toEqual([
      [
        "gre_new",
        [
          `the pending create of gre-new in stack net/prod made it: adopt it there with \`pulumi refresh --import-pending-creates ${pendingCreate.resource.urn} ${ids(71)}\``,
        ],
      ],
      ["gre_other", []],
    ]);
    expect(result.stacks[0].pendingOperations).toEqual([{ type: "creating", urn: pendingCreate.resource.urn, resourceType: "GreTunnel" }]);
  });

  it("an object whose update was interrupted is named as such", () => {
    const state = resource("magic:GreTunnel", "gre", ids(71), made, { ...GRE_PROGRAM, name: "gre_new" });
    const pending = {
      type: "updating",
      resource: { urn: state.urn, custom: true, id: ids(71), type: state.type, inputs: state.inputs, outputs: state.outputs },
    };
    const result = audit(account({ greTunnels: [made] }), [exported("prod", [state], { pendingOperations: [pending] })]);
    expect(result.findings[0].notes).toEqual(["stack net/prod has a pending update of it (gre): a run was interrupted"]);
  });
});
