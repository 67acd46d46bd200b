/**
 * `cloudflare-magic-audit` end to end: an account seeded with raw API calls (a tunnel made by hand,
 * a Cloudflare interconnect), three stacks of two projects applied through the real provider host
 * (one adopts the hand-made tunnel), their `pulumi stack export` files written from the harness's
 * state with secrets as ciphertext, and the built command run as a child process against the
 * emulator, as users run it. All in sync first; then one field changed by hand, objects no stack
 * manages added, a managed object deleted and one route adopted by a second stack: the audit
 * reports exactly those, in text and JSON, with GETs only, and exits 1. After the drift is fixed,
 * the deleted object re-created, the second claim dropped and the unmanaged objects adopted by the
 * program `--generate` writes, it exits 0.
 */
import { execFile } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import * as magic from "pulumi-cloudflare-magic";
import { provisionCfInterconnect } from "../../emulator/resources/cf-interconnects";
import { ProgramDriver, type Program } from "../harness/program";
import { ACCOUNT, REPO, TOKEN, type TestStack, isWrite, testStack } from "../resources/stack";
import { writeExport } from "./export";

const CLI = path.join(REPO, "dist", "audit", "cli.js");
const TSC = require.resolve("typescript/bin/tsc");
/** Inside the repo (so a generated program resolves the package), outside jest's roots, git-ignored. */
const SCRATCH = path.join(REPO, ".audit-out");
const EXPORTS = path.join(SCRATCH, "exports");
const GENERATED = path.join(SCRATCH, "unmanaged");

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

function run(args: string[], env: Record<string, string>): Promise<Run> {
  const base = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith("CLOUDFLARE_"))) as Record<string, string>;
  return new Promise((resolve) => {
    execFile(process.execPath, args, { env: { ...base, ...env }, cwd: REPO, maxBuffer: 64 * 1024 * 1024 }, (error, stdout, stderr) => {
      resolve({ code: error ? (typeof error.code === "number" ? error.code : 1) : 0, stdout, stderr });
    });
  });
}

let s: TestStack;
const env = () => ({ CLOUDFLARE_API_TOKEN: TOKEN, CLOUDFLARE_BASE_URL: s.emulator.url });
const auditCli = (extra: string[] = []) => run([CLI, "--account-id", ACCOUNT, "--state", EXPORTS, ...extra], env());

/** A raw API call, as a person or another tool would make it. */
async function api(method: string, urlPath: string, body?: unknown): Promise<any> {
  const res = await fetch(`${s.emulator.url}/accounts/${ACCOUNT}${urlPath}`, {
    method,
    headers: { authorization: `Bearer ${TOKEN}`, "content-type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const json = (await res.json()) as any;
  if (res.status !== 200) throw new Error(`${method} ${urlPath}: ${res.status} ${JSON.stringify(json)}`);
  return json.result ?? json;
}

const GRE_A = {
  name: "audit_gre_a",
  cloudflareGreEndpoint: "162.159.64.1",
  customerGreEndpoint: "203.0.113.10",
  interfaceAddress: "10.212.0.8/31",
  description: "stack a",
};

/** Stack net/a: a GRE tunnel with BGP (an MD5 key: a secret), an IPsec tunnel (a generated PSK), a RouteTable over the GRE tunnel. */
const programA: Program = () => {
  const gre = new magic.GreTunnel("gre-a", { ...GRE_A, bgp: { customerAsn: 65001, md5Key: "md5-of-stack-a" } });
  new magic.IpsecTunnel("ipsec-a", { name: "audit_ipsec_a", cloudflareEndpoint: "162.159.65.1", interfaceAddress: "10.213.0.8/31" });
  new magic.RouteTable(
    "routes-a",
    {
      routes: [
        { prefix: "198.51.100.0/24", nexthop: "10.212.0.9", priority: 100 },
        { prefix: "203.0.113.0/24", nexthop: "10.212.0.9", priority: 200, description: "backup" },
      ],
    },
    { dependsOn: [gre] },
  );
};

/** Stack net/b: a site with a WAN and a LAN, and an app. */
const programB: Program = () => {
  const site = new magic.Site("site-b", { name: "audit_site_b" });
  new magic.SiteWan("wan-b", { siteId: site.id, physport: 1, name: "isp_b" });
  new magic.SiteLan("lan-b", { siteId: site.id, physport: 2, name: "office", staticAddressing: { address: "192.168.10.1/24" } });
  new magic.App("app-b", { name: "audit_app_b", type: "Business", hostnames: ["app-b.example.com"] });
};

/** Stack edge/c: the GRE tunnel made by hand, adopted; the CNI settings; optionally a route of stack a's table, adopted too. */
const programC =
  (greId: string, routeId?: string): Program =>
  () => {
    new magic.GreTunnel(
      "gre-c",
      {
        name: "audit_gre_c",
        cloudflareGreEndpoint: "162.159.64.1",
        customerGreEndpoint: "203.0.113.30",
        interfaceAddress: "10.212.0.20/31",
      },
      { import: greId },
    );
    new magic.cni.CniSettings("cni-settings", { defaultAsn: 65010 });
    if (routeId) new magic.StaticRoute("route-c", { prefix: "198.51.100.0/24", nexthop: "10.212.0.9", priority: 100 }, { import: routeId });
  };

beforeAll(() => {
  fs.rmSync(SCRATCH, { recursive: true, force: true });
  fs.mkdirSync(EXPORTS, { recursive: true });
});
beforeEach(async () => {
  s = await testStack();
});
afterEach(async () => {
  await s.close();
});
afterAll(() => fs.rmSync(SCRATCH, { recursive: true, force: true }));

describe("cloudflare-magic-audit", () => {
  it("reports exactly the drift, the unmanaged, the missing and the doubly claimed objects, with GETs only; after fixing and adopting them, all is in sync", async () => {
    // ---- the account and three stacks ---------------------------------------------------------
    const cfInterconnect = provisionCfInterconnect(s.emulator.store, ACCOUNT);
    const greC = await api("POST", "/magic/gre_tunnels", {
      name: "audit_gre_c",
      cloudflare_gre_endpoint: "162.159.64.1",
      customer_gre_endpoint: "203.0.113.30",
      interface_address: "10.212.0.20/31",
    });
    const stack = (project: string, name: string) => new ProgramDriver({ host: s.host, project, stack: name });
    const a = stack("net", "a");
    const b = stack("net", "b");
    const c = stack("edge", "c");
    await a.up(programA);
    await b.up(programB);
    await c.up(programC(greC.id));
    const exportAll = (...extra: Array<[ProgramDriver, string]>) => {
      fs.rmSync(EXPORTS, { recursive: true, force: true });
      fs.mkdirSync(EXPORTS, { recursive: true });
      for (const [d, file] of [[a, "a.json"], [b, "b.json"], [c, "c.json"], ...extra] as Array<[ProgramDriver, string]>)
        writeExport(path.join(EXPORTS, file), d.state.values(), { project: d.project, stack: d.stack });
    };
    exportAll();
    const exported = fs.readdirSync(EXPORTS).map((f) => fs.readFileSync(path.join(EXPORTS, f), "utf8"));
    // Secrets are ciphertext in the exports, as `pulumi stack export` writes them.
    expect(exported.join("\n")).not.toContain("md5-of-stack-a");
    expect(exported.join("\n")).toContain('"ciphertext"');

    // ---- all in sync ----------------------------------------------------------------------------
    s.emulator.resetStats();
    const clean = await auditCli();
    expect(clean.stderr).toMatch(/read 3 stack exports: net\/a \(3 resources\), net\/b \(4 resources\), edge\/c \(2 resources\)/);
    expect(clean.stdout).toContain("Result: 0 drifted, 0 missing, 0 claimed twice, 0 unmanaged, 10 in sync.");
    expect(clean.stdout).toContain("IN SYNC (10): net/a 4, net/b 4, edge/c 2");
    // Cloudflare's own objects are not unmanaged.
    expect(clean.stdout).toContain(
      `Cloudflare-owned, adopted by no stack (not counted as unmanaged): Cloudflare interconnect pni_ord (${cfInterconnect.id}); 3 managed apps.`,
    );
    expect(clean.code).toBe(0);
    // One read of the account: each collection once, each of the site's four once, and the CNI settings a stack manages.
    const cleanRequests = s.emulator.stats.requests.map((r) => `${r.method} ${r.url}`);
    expect(cleanRequests.filter((r) => !r.startsWith("GET "))).toEqual([]);
    expect(cleanRequests).toHaveLength(9 + 4 * 1 + 1);

    // ---- what happens to a shared account ---------------------------------------------------------
    const greA = a.state.get("urn:pulumi:a::net::pulumi-nodejs:dynamic/magic:GreTunnel::gre-a")!;
    // One field changed by hand (a PUT replaces the tunnel: the program's other fields sent as they are).
    await api("PUT", `/magic/gre_tunnels/${greA.id}`, {
      name: GRE_A.name,
      cloudflare_gre_endpoint: GRE_A.cloudflareGreEndpoint,
      customer_gre_endpoint: GRE_A.customerGreEndpoint,
      interface_address: GRE_A.interfaceAddress,
      description: "changed by hand",
    });
    // Objects no stack manages: a tunnel, a route over it, a WAN on stack b's site.
    const handGre = await api("POST", "/magic/gre_tunnels", {
      name: "hand_gre",
      cloudflare_gre_endpoint: "162.159.64.1",
      customer_gre_endpoint: "203.0.113.40",
      interface_address: "10.212.0.12/31",
    });
    const handRoute = await api("POST", "/magic/routes", { prefix: "192.0.2.0/24", nexthop: "10.212.0.13", priority: 150 });
    const siteB = b.state.get("urn:pulumi:b::net::pulumi-nodejs:dynamic/magic:Site::site-b")!;
    // A WAN create answers with a list (the spec's example does).
    const [handWan] = await api("POST", `/magic/sites/${siteB.id}/wans`, { physport: 3, name: "hand_isp" });
    // A managed object deleted.
    const appB = b.state.get("urn:pulumi:b::net::pulumi-nodejs:dynamic/magic:App::app-b")!;
    await api("DELETE", `/magic/apps/${appB.id}`);
    // One route in two stacks: stack c adopts a route of stack a's table.
    const tableA = a.state.get("urn:pulumi:a::net::pulumi-nodejs:dynamic/magic:RouteTable::routes-a")!;
    const shared = (tableA.outputs.routes as any[]).find((r) => r.prefix === "198.51.100.0/24");
    await c.up(programC(greC.id, shared.id));
    exportAll();

    s.emulator.resetStats();
    const found = await auditCli();
    const json = await auditCli(["--json"]);
    expect(s.emulator.stats.requests.filter((r) => isWrite(r))).toEqual([]);
    expect(s.emulator.stats.totalRequests).toBe(2 * cleanRequests.length);
    expect(found.code).toBe(1);
    expect(json.code).toBe(1);

    const result = JSON.parse(json.stdout);
    expect(result.version).toBe(1);
    expect(result.exitCode).toBe(1);
    expect(result.summary).toEqual({ drifted: 1, missing: 1, claimedTwice: 1, unmanaged: 3, inSync: 7 });
    const findings = result.findings.filter((f: any) => f.finding !== "inSync");
    expect(
      findings.map((f: any) => ({
        finding: f.finding,
        collection: f.collection,
        id: f.id,
        claims: f.claims.map((c: any) => ({ stack: c.stack, resource: c.resource, differences: c.differences })),
      })),
    ).toEqual([
      {
        finding: "drifted",
        collection: "greTunnels",
        id: greA.id,
        claims: [{ stack: "net/a", resource: "gre-a", differences: [{ path: "description", state: "stack a", live: "changed by hand" }] }],
      },
      { finding: "missing", collection: "apps", id: appB.id, claims: [{ stack: "net/b", resource: "app-b", differences: [] }] },
      {
        finding: "claimedTwice",
        collection: "routes",
        id: shared.id,
        claims: [
          { stack: "net/a", resource: "routes-a", differences: [] },
          { stack: "edge/c", resource: "route-c", differences: [] },
        ],
      },
      { finding: "unmanaged", collection: "greTunnels", id: handGre.id, claims: [] },
      { finding: "unmanaged", collection: "routes", id: handRoute.id, claims: [] },
      { finding: "unmanaged", collection: "siteWans", id: handWan.id, claims: [] },
    ]);
    // The BGP MD5 key was exported as ciphertext: not compared, never shown.
    const greClaim = findings[0].claims[0];
    expect(greClaim.notCompared).toEqual(["bgp.md5Key"]);
    expect(json.stdout).not.toContain("md5-of-stack-a");
    // Only JSON on stdout; progress on stderr.
    expect(json.stderr).toContain("read 1 sites");

    // The same findings as a table, grouped by finding and by stack.
    const text = found.stdout;
    expect(text).toContain("Result: 1 drifted, 1 missing, 1 claimed twice, 3 unmanaged, 7 in sync.");
    const section = (heading: string) => text.split("\n\n").find((p) => p.startsWith(heading))!;
    expect(section("DRIFTED")).toContain(
      `  stack net/a\n    GRE tunnel  audit_gre_a  ${greA.id}  GreTunnel gre-a\n        description: stack "stack a", account "changed by hand"`,
    );
    expect(section("MISSING")).toContain(`  stack net/b\n    app  audit_app_b  ${appB.id}  App app-b`);
    expect(section("CLAIMED TWICE")).toContain(
      `  static route  198.51.100.0/24 via 10.212.0.9  ${shared.id}\n    stack net/a   RouteTable routes-a, entry 198.51.100.0/24 via 10.212.0.9\n    stack edge/c  StaticRoute route-c`,
    );
    const unmanagedText = section("UNMANAGED").split("\n");
    expect(unmanagedText.slice(1).map((l) => l.replace(/ +/g, " ").trim())).toEqual([
      `GRE tunnel hand_gre ${handGre.id}`,
      `static route 192.0.2.0/24 via 10.212.0.13 ${handRoute.id}`,
      `site WAN hand_isp ${handWan.id}`,
    ]);
    // Nothing else: every section is one of these, and nothing was left unaudited.
    expect(text.split("\n\n").map((p) => p.split(/[ (:]/)[0])).toEqual([
      "Account",
      "DRIFTED",
      "MISSING",
      "CLAIMED",
      "UNMANAGED",
      "IN",
      "Cloudflare-owned,",
      "Result",
    ]);
    expect(text).not.toContain("md5-of-stack-a");

    // ---- fixed, and the unmanaged objects adopted ---------------------------------------------------
    const generate = await auditCli(["--generate", GENERATED, "--package-spec", "file:../.."]);
    expect(generate.code).toBe(1);
    expect(generate.stderr).toContain(`wrote 5 files to ${GENERATED}: 3 resources adopting the 3 unmanaged objects.`);
    const index = fs.readFileSync(path.join(GENERATED, "index.ts"), "utf8");
    expect(index).toContain(
      `// Generated by cloudflare-magic-audit --generate from Cloudflare account ${ACCOUNT}: 3 resources adopting 3 objects.`,
    );
    expect(index).toContain(`siteId: "${siteB.id}"`);
    const tsc = await run([TSC, "-p", path.join(GENERATED, "tsconfig.json"), "--noEmit"], {});
    expect(tsc.stdout + tsc.stderr).toBe("");

    // `pulumi up --refresh`: the refresh sees the change and the deletion, the up puts the description back and creates the app again.
    await a.refresh();
    await a.up(programA);
    await b.refresh();
    await b.up(programB);
    c.state.delete("urn:pulumi:c::edge::pulumi-nodejs:dynamic/magic:StaticRoute::route-c"); // `pulumi state delete`: stack a keeps it
    await c.up(programC(greC.id));
    const d = stack("unmanaged", "d");
    s.emulator.resetStats();
    const adopted = await d.up(d.moduleProgram(path.join(GENERATED, "index.ts")));
    expect(adopted.ops.map((o) => o.op)).toEqual(["import", "import", "import"]);
    expect(s.emulator.stats.requests.filter((r) => isWrite(r))).toEqual([]);
    exportAll([d, "d.json"]);

    const fixed = await auditCli(["--json"]);
    const after = JSON.parse(fixed.stdout);
    expect(after.summary).toEqual({ drifted: 0, missing: 0, claimedTwice: 0, unmanaged: 0, inSync: 13 });
    expect(after.exitCode).toBe(0);
    expect(fixed.code).toBe(0);
    console.log(
      `audit: ${cleanRequests.length} GETs per audit (${result.read.reduce((n: number, c: any) => n + c.count, 0)} objects read, 3-4 stacks); findings ${JSON.stringify(result.summary)} -> ${JSON.stringify(after.summary)}`,
    );
  });
});
