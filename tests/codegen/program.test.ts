import { indexTs } from "../../codegen/emit";
import { buildProgram } from "../../codegen/program";
import { BranchSite, PlanError } from "../../sdk/components";
import type { AccountSnapshot, CollectionKey, Props } from "../../codegen/read";

/** Naming and defaults of the generator, on snapshots made up for the edge cases (no API involved). */
const ACCOUNT = "0123456789abcdef0123456789abcdef";

function snapshot(objects: Partial<Record<CollectionKey, Props[]>>, managedApps: AccountSnapshot["managedApps"] = []): AccountSnapshot {
  const all = {
    connectors: [],
    greTunnels: [],
    ipsecTunnels: [],
    cfInterconnects: [],
    routes: [],
    apps: [],
    sites: [],
    siteWans: [],
    siteLans: [],
    siteAcls: [],
    siteAppConfigs: [],
    interconnects: [],
    cnis: [],
    ...objects,
  };
  const live = Object.fromEntries(Object.keys(all).map((k) => [k, {}])) as AccountSnapshot["live"];
  return { accountId: ACCOUNT, objects: all, live, managedApps, counts: [], skipped: [] };
}

const gre = (id: string, name: string, extra: Record<string, unknown> = {}): Props => ({
  id,
  name,
  cloudflareGreEndpoint: "162.159.64.1",
  customerGreEndpoint: "203.0.113.1",
  interfaceAddress: "10.212.0.0/31",
  mtu: 1476,
  ttl: 64,
  automaticReturnRouting: false,
  createdOn: "2026-01-01T00:00:00Z",
  healthCheck: { enabled: true, rate: "mid", type: "reply", direction: "unidirectional", target: "", effectiveTarget: "203.0.113.1" },
  ...extra,
});

describe("codegen program", () => {
  it("names a managed app's config after the app (as the apps list names it), not its hex id", () => {
    const site = { id: "e".repeat(32), name: "muc_branch" };
    const config = (id: string, managedAppId: string): Props => ({ id, siteId: site.id, managedAppId, breakout: true });
    const program = buildProgram(
      snapshot(
        { sites: [site], siteAppConfigs: [config("1".repeat(32), "cf0000000000000000000000000000a3"), config("2".repeat(32), "cf00ffff")] },
        [{ managed_app_id: "cf0000000000000000000000000000a3", name: "Zoom", type: "Video Conferencing", hostnames: ["zoom.us"] }],
      ),
      { components: false },
    );
    const names = program.declarations.map((d) => d.name);
    // Before: muc_branch-app-cf0000000000000000000000000000a3. An id the list does not hold keeps the id.
    expect(names).toEqual(expect.arrayContaining(["muc_branch-app-Zoom", "muc_branch-app-cf00ffff"]));
    expect(indexTs(program, snapshot({}))).toContain('managedAppId: "cf0000000000000000000000000000a3"');
  });

  it("derives unique, valid identifiers and resource names from names that clash, start with digits or are reserved words", () => {
    const program = buildProgram(
      snapshot({
        greTunnels: [
          gre("a".repeat(32), "nyc_gre"),
          gre("b".repeat(32), "nyc-gre"),
          gre("c".repeat(32), "1st"),
          gre("d".repeat(32), "class"),
        ],
        sites: [{ id: "e".repeat(32), name: "nyc gre" }],
      }),
      { components: false },
    );
    const variables = program.declarations.map((d) => d.variable);
    expect(new Set(variables).size).toBe(variables.length);
    for (const v of variables) expect(v).toMatch(/^[A-Za-z_$][A-Za-z0-9_$]*$/);
    expect(variables).not.toContain("class");
    expect(variables).toEqual(["gre1st", "classGre", "nycGre", "nycGre2", "nycGreSite"]);
    const names = program.declarations.map((d) => d.name);
    expect(new Set(names).size).toBe(names.length);
    expect(names).toEqual(["1st", "class", "nyc-gre", "nyc_gre", "nyc-gre-2"]);
  });

  it("leaves out what equals the API's defaults and every computed field, and keeps what differs", () => {
    const [plain, tuned] = buildProgram(
      snapshot({
        greTunnels: [
          gre("a".repeat(32), "plain"),
          gre("b".repeat(32), "tuned", {
            mtu: 1400,
            healthCheck: { enabled: true, rate: "high", type: "reply", direction: "unidirectional", target: "", effectiveTarget: "x" },
          }),
        ],
      }),
      { components: false },
    ).declarations;
    // A health check's direction has no single default (it depends on the account): it is always written.
    expect(plain.args).toEqual({
      name: "plain",
      cloudflareGreEndpoint: "162.159.64.1",
      customerGreEndpoint: "203.0.113.1",
      interfaceAddress: "10.212.0.0/31",
      healthCheck: { direction: "unidirectional" },
    });
    expect(tuned.args).toMatchObject({ mtu: 1400, healthCheck: { rate: "high", direction: "unidirectional" } });
    expect(tuned.args.healthCheck).toEqual({ rate: "high", direction: "unidirectional" });
    expect(Object.keys(tuned.args)).not.toContain("createdOn");
  });

  it("writes only variables another declaration refers to, so the program compiles with noUnusedLocals", () => {
    const site = { id: "e".repeat(32), name: "branch" };
    const text = indexTs(
      buildProgram(
        snapshot({
          sites: [site],
          siteWans: [{ id: "f".repeat(32), siteId: site.id, physport: 1, vlanTag: 0 }],
          greTunnels: [gre("a".repeat(32), "lonely")],
        }),
        { components: false },
      ),
      snapshot({}),
    );
    expect(text).toContain('const branch = new magic.Site("branch"');
    expect(text).toContain('new magic.SiteWan("branch-wan-port1", {\n    siteId: branch.id,\n    physport: 1,\n}');
    expect(text).toContain('new magic.GreTunnel("lonely"');
    expect(text).not.toContain("const lonely");
    // No secrets: no config, and no pulumi import to leave unused.
    expect(text).not.toContain("@pulumi/pulumi");
  });

  it("adopts only the objects the filter names; those refer to the others by id (what cloudflare-magic-audit --generate writes)", () => {
    const site = { id: "e".repeat(32), name: "branch" };
    const wans = [
      { id: "f".repeat(32), siteId: site.id, physport: 1, vlanTag: 0, name: "managed" },
      { id: "d".repeat(32), siteId: site.id, physport: 2, vlanTag: 0, name: "by_hand" },
    ];
    const all = snapshot({ sites: [site], siteWans: wans, greTunnels: [gre("a".repeat(32), "kept"), gre("b".repeat(32), "loose")] });
    const adopted = new Set(["d".repeat(32), "b".repeat(32)]);
    const program = buildProgram(all, { components: true, adopt: (_collection, id) => adopted.has(id) });
    expect(program.declarations.map((d) => [d.className, d.importId])).toEqual([
      ["magic.GreTunnel", "b".repeat(32)],
      ["magic.SiteWan", "d".repeat(32)],
    ]);
    const text = indexTs(program, all);
    // The site is managed elsewhere: no Site and no BranchSite, the WAN names it by id.
    expect(text).not.toMatch(/magic\.(Site|BranchSite)\(/);
    expect(text).toContain(`siteId: "${site.id}",`);
    expect(text).toContain(`// Site branch (${site.id}, not adopted here)`);
  });

  it("declares routes after, and depending on, the tunnel, interconnect or CNI their nexthop lies in", () => {
    const route = (id: string, prefix: string, nexthop: string): Props => ({ id, prefix, nexthop, priority: 100 });
    const text = indexTs(
      buildProgram(
        snapshot({
          greTunnels: [gre("a".repeat(32), "dc1", { interfaceAddress: "10.212.0.0/31" })],
          cnis: [
            { id: "c".repeat(32), interconnect: "icon", custIp: "100.64.0.1/31", p2pIp: "100.64.0.0/31", magic: { conduitName: "ord" } },
          ],
          routes: [
            route("1".repeat(32), "192.0.2.0/24", "10.212.0.1"),
            route("2".repeat(32), "198.51.100.0/24", "100.64.0.1"),
            // No tunnel of the account holds it (made by hand, or the tunnel is gone): no dependency to write.
            route("3".repeat(32), "203.0.113.0/24", "10.99.0.1"),
            // Two routes of one key stay StaticRoutes, each depending on its own tunnel.
            route("4".repeat(32), "192.0.3.0/24", "10.212.0.0"),
            route("5".repeat(32), "192.0.3.0/24", "10.212.0.0"),
          ],
        }),
        { components: false },
      ),
      snapshot({}),
    );
    expect(text).toContain('const dc1 = new magic.GreTunnel("dc1"');
    expect(text).toContain('const ord = new magic.cni.Cni("ord"');
    expect(text).toMatch(
      /new magic\.RouteTable\("routes", \{[^]*\}, \{ import: "routetable-01234567-adopted", dependsOn: \[dc1, ord\] \}\);/,
    );
    expect(text.match(/new magic\.StaticRoute\([^]*?dependsOn: \[dc1\] \}\);/g)).toHaveLength(2);
    // Every declaration a route depends on comes before it.
    expect(text.indexOf("new magic.RouteTable")).toBeGreaterThan(text.indexOf("new magic.cni.Cni"));
  });
});

describe("BranchSite importIds", () => {
  it("refuses an id for an entry the component does not have, before anything is registered", () => {
    // The check runs before the component registers itself, so no Pulumi runtime is needed here.
    const build = (importIds: object) => () =>
      new BranchSite("nyc", { wans: [{ name: "isp_a", physport: 1 }], lans: [{ name: "office", physport: 2 }], importIds });
    expect(build({ wans: { isp_b: "18afb803e0a63653e178c45734d7fda2" } })).toThrow(PlanError);
    expect(build({ wans: { isp_b: "18afb803e0a63653e178c45734d7fda2" } })).toThrow(
      'BranchSite "nyc": importIds.wans names "isp_b", which is not an entry of wans; use the entry\'s name.',
    );
    expect(build({ acls: { office: "x" } })).toThrow('importIds.acls names "office", which is not an entry of acls');
  });
});
