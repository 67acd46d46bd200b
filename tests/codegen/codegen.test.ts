import { execFile } from "node:child_process";
import * as fs from "node:fs";
import * as http from "node:http";
import type { AddressInfo } from "node:net";
import * as path from "node:path";
import { startEmulator } from "../../emulator";
import { type OpRecord, ProgramDriver } from "../harness/program";
import { ACCOUNT, REPO, TOKEN, type TestStack, isWrite, testStack } from "../resources/stack";
import { SEEDED_SECRETS, type Seeded, seedAccount, stableIds } from "./seed";

/**
 * `cloudflare-magic-codegen` end to end: an account seeded through raw API calls, the command run
 * as a child process of the built package against the emulator, the program it writes type-checked
 * with tsc and applied through the real provider host. Every resource must be adopted by reading,
 * no write may reach the API, and a second apply must change nothing.
 *
 * The plain run writes examples/adopt-existing, so the checked-in example is always the program
 * generated for this seed (ids are deterministic, see seed.ts).
 */
const CLI = path.join(REPO, "dist", "codegen", "cli.js");
const TSC = require.resolve("typescript/bin/tsc");
const EXAMPLE = path.join(REPO, "examples", "adopt-existing");
/** Programs other than the example: inside the repo (so they resolve the package), outside jest's roots, git-ignored. */
const SCRATCH = path.join(REPO, ".codegen-out");
const PROJECT = "adopt-existing";

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs a node script as a child process without blocking this process (which serves the emulator). */
function run(args: string[], env: Record<string, string> = {}): Promise<Run> {
  // Only what we give: no Cloudflare setting from the machine running the tests.
  const base = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith("CLOUDFLARE_"))) as Record<string, string>;
  return new Promise((resolve) => {
    execFile(process.execPath, args, { env: { ...base, ...env }, cwd: REPO, maxBuffer: 64 * 1024 * 1024 }, (error, stdout, stderr) => {
      resolve({ code: error ? (typeof error.code === "number" ? error.code : 1) : 0, stdout, stderr });
    });
  });
}

const codegen = (out: string, extra: string[], env: Record<string, string>) =>
  run([CLI, "--account-id", ACCOUNT, "--out", out, "--project", PROJECT, "--package-spec", "file:../..", ...extra], env);

let s: TestStack;
let seeded: Seeded;
const envFor = (url: string) => ({ CLOUDFLARE_API_TOKEN: TOKEN, CLOUDFLARE_BASE_URL: url });
const mutating = () => s.emulator.stats.requests.filter((r) => isWrite(r)).map((r) => `${r.method} ${r.url}`);

beforeEach(async () => {
  s = await testStack();
  const restoreIds = stableIds();
  try {
    seeded = await seedAccount(s.emulator, ACCOUNT, TOKEN);
  } finally {
    restoreIds();
  }
  s.emulator.resetStats();
});
afterEach(async () => {
  await s.close();
});
afterAll(() => fs.rmSync(SCRATCH, { recursive: true, force: true }));

/** The secrets the generated README asks for, with the values the seed used. */
function secretsFromReadme(dir: string): Record<string, string> {
  const readme = fs.readFileSync(path.join(dir, "README.md"), "utf8");
  const wanted: Record<string, string> = {
    "BGP MD5 key of GRE tunnel dc1_gre_1": SEEDED_SECRETS.md5Dc1Gre1,
    "BGP MD5 key of IPsec tunnel dc1_ipsec_1": SEEDED_SECRETS.md5Ipsec,
    "pre-shared key of IPsec tunnel dc1_ipsec_1": seeded.generatedPsk,
    "pre-shared key of IPsec tunnel Branch_IPsec": SEEDED_SECRETS.pskBranch,
    "BGP MD5 key of CNI ord_cni_1": SEEDED_SECRETS.md5Cni,
  };
  const found: Record<string, string> = {};
  const asked: string[] = [];
  for (const m of readme.matchAll(/^pulumi config set --secret (\S+) '<(.+)>'$/gm)) {
    asked.push(m[2]);
    const value = m[2].startsWith("GCP pairing key of interconnect ") ? SEEDED_SECRETS.pairingKey : wanted[m[2]];
    if (value !== undefined) found[`${PROJECT}:${m[1]}`] = value;
  }
  // Exactly the secrets the account has: 3 MD5 keys, 2 PSKs, 1 GCP pairing key.
  expect(asked.filter((w) => !w.startsWith("GCP pairing key of interconnect icon-")).sort()).toEqual(Object.keys(wanted).sort());
  expect(asked).toHaveLength(6);
  return found;
}

/** Type-checks, then applies the generated program twice through the provider host. */
async function typeCheckAndApply(dir: string): Promise<{ first: OpRecord[]; second: OpRecord[]; requests: [number, number] }> {
  const tsc = await run([TSC, "-p", path.join(dir, "tsconfig.json"), "--noEmit"]);
  expect(tsc.stdout + tsc.stderr).toBe("");
  expect(tsc.code).toBe(0);

  const driver = new ProgramDriver({
    host: s.host,
    project: PROJECT,
    stack: "adopt",
    config: {
      "cloudflare:apiToken": TOKEN,
      "cloudflare-magic:accountId": ACCOUNT,
      "cloudflare-magic:baseUrl": s.emulator.url,
      ...secretsFromReadme(dir),
    },
    secretConfigKeys: ["cloudflare:apiToken", ...Object.keys(secretsFromReadme(dir))],
  });
  const program = driver.moduleProgram(path.join(dir, "index.ts"));
  const before = s.emulator.store.dump();
  s.emulator.resetStats();
  const first = await driver.up(program);
  // Adopted by reading: every Cloudflare object is an "import", nothing was written.
  expect(first.ops.filter((o) => o.type.startsWith("pulumi-nodejs:dynamic/") && o.op !== "import")).toEqual([]);
  expect(first.calls).toMatchObject({ create: 0, update: 0, delete: 0 });
  expect(mutating()).toEqual([]);
  expect(s.emulator.store.dump()).toEqual(before);
  const firstRequests = s.emulator.stats.totalRequests;

  s.emulator.resetStats();
  const second = await driver.up(program);
  expect(second.ops.filter((o) => o.op !== "same")).toEqual([]);
  expect(second.ops).toHaveLength(first.ops.length);
  expect(second.calls).toMatchObject({ create: 0, update: 0, delete: 0 });
  expect(mutating()).toEqual([]);
  expect(s.emulator.store.dump()).toEqual(before);
  return { first: first.ops, second: second.ops, requests: [firstRequests, s.emulator.stats.totalRequests] };
}

const typesOf = (ops: OpRecord[]) => {
  const counts: Record<string, number> = {};
  for (const o of ops) {
    const type = o.type.replace(/^pulumi-nodejs:dynamic\//, "");
    counts[type] = (counts[type] ?? 0) + 1;
  }
  return counts;
};

describe("cloudflare-magic-codegen", () => {
  it("writes a program that adopts every object of the account by reading, then applies as a no-op (examples/adopt-existing)", async () => {
    const result = await codegen(EXAMPLE, [], envFor(s.emulator.url));
    expect(result.stderr).toContain("wrote 5 files");
    expect(result.code).toBe(0);
    // Reading sends only GETs, one per collection (per site for a site's WANs, LANs, ACLs and app
    // configs: 9 + 4 x 2 sites), and progress names each collection with its count.
    expect(mutating()).toEqual([]);
    expect(s.emulator.stats.totalRequests).toBe(17);
    for (const line of [
      "read 2 connectors",
      "read 3 GRE tunnels",
      "read 2 IPsec tunnels",
      "read 2 Cloudflare interconnects",
      "read 320 static routes",
      "read 2 apps",
      "read 2 sites",
      "read 3 site WANs (2 sites)",
      "read 5 site LANs (2 sites)",
      "read 3 site ACLs (2 sites)",
      "read 2 site app configs (2 sites)",
      "read 2 CNI interconnects",
      "read 2 CNIs",
    ]) {
      expect(result.stderr).toContain(`${line}\n`);
    }
    expect(result.stderr).toMatch(/33 resources adopting 350 of 350 objects read; 6 secrets to set/);
    for (const f of ["index.ts", "Pulumi.yaml", "package.json", "tsconfig.json", "README.md"])
      expect(fs.existsSync(path.join(EXAMPLE, f))).toBe(true);

    // The same account gives the same files, byte for byte.
    const again = path.join(SCRATCH, "again");
    expect((await codegen(again, [], envFor(s.emulator.url))).code).toBe(0);
    for (const f of ["index.ts", "README.md"])
      expect(fs.readFileSync(path.join(again, f), "utf8")).toBe(fs.readFileSync(path.join(EXAMPLE, f), "utf8"));

    const index = fs.readFileSync(path.join(EXAMPLE, "index.ts"), "utf8");
    // References are variables, not ids; defaults are left out; secrets come from config.
    expect(index).toMatch(/siteId: nycBranch\.id/);
    expect(index).toMatch(/preferredWans: \[nycBranchWanIspB\.id, nycBranchWanIspA\.id\]/);
    expect(index).toMatch(/accountAppId: crm\.id/);
    expect(index).toMatch(/lan1: \{ lanId: nycBranchLanPos\.id, subnets: \["192\.168\.20\.0\/24"\] \}/);
    expect(index).toMatch(/interconnect: icon\w+\.id/);
    expect(index).toMatch(/connectorId: snNyc0001\.id/);
    expect(index).toContain('psk: config.requireSecret("dc1Ipsec1Psk")');
    expect(index).not.toMatch(/mtu: 1476|ttl: 64|vlanTag: 0|haMode: false|forwardLocally: false/);
    // No secret the API returned (MD5 keys) or the seed knows is written into any generated file.
    const written = ["index.ts", "README.md", "Pulumi.yaml", "package.json"]
      .map((f) => fs.readFileSync(path.join(EXAMPLE, f), "utf8"))
      .join("\n");
    for (const value of [...Object.values(SEEDED_SECRETS), seeded.generatedPsk]) expect(written).not.toContain(value);

    const { first, requests } = await typeCheckAndApply(EXAMPLE);
    console.log(
      `codegen: 350 objects read with 17 GETs; first apply: ${first.length} resources imported with ${requests[0]} requests, 0 writes; second apply: all same, ${requests[1]} requests, 0 writes`,
    );
    expect(typesOf(first)).toEqual({
      "magic:Connector": 2,
      "magic:GreTunnel": 3,
      "magic:IpsecTunnel": 2,
      "magic:CfInterconnect": 2,
      "magic:RouteTable": 1,
      "magic:StaticRoute": 2,
      "magic:App": 2,
      "magic:Site": 2,
      "magic:SiteWan": 3,
      "magic:SiteLan": 5,
      "magic:SiteAcl": 3,
      "magic:SiteAppConfig": 2,
      "cni:Interconnect": 2,
      "cni:Cni": 2,
    });
    // Nothing the PSK of an adopted tunnel could have been changed by.
    expect(
      s.emulator.store
        .list<any>(ACCOUNT, "ipsec_tunnels")
        .map((t) => t.psk)
        .sort(),
    ).toEqual([SEEDED_SECRETS.pskBranch, seeded.generatedPsk].sort());
  });

  it("--components: the site that fits becomes one BranchSite whose children are adopted; the other stays plain, and the README says why", async () => {
    const dir = path.join(SCRATCH, "components");
    const result = await codegen(dir, ["--components"], envFor(s.emulator.url));
    expect(result.code).toBe(0);
    expect(result.stderr).toContain("1 sites as BranchSite");
    const index = fs.readFileSync(path.join(dir, "index.ts"), "utf8");
    expect(index.match(/new magic\.BranchSite\(/g)).toHaveLength(1);
    expect(index).toMatch(/lan1: \{ lan: "pos", subnets: \["192\.168\.20\.0\/24"\] \}/);
    expect(index).toMatch(/preferredWans: \["isp_b", "isp_a"\]/);
    expect(index).toMatch(/importIds: \{/);
    expect(fs.readFileSync(path.join(dir, "README.md"), "utf8")).toMatch(
      /site lon_office\*\* is written as plain resources, not a `BranchSite`: LAN \w+ has no name/,
    );

    const { first } = await typeCheckAndApply(dir);
    const nycChildren = first.filter((o) => o.urn.includes("cloudflare-magic:index:BranchSite$"));
    expect(nycChildren.map((o) => o.op).sort()).toEqual(Array(1 + 2 + 3 + 2 + 2).fill("import"));
    expect(typesOf(first)).toMatchObject({
      "cloudflare-magic:index:BranchSite": 1,
      "magic:Site": 2,
      "magic:SiteWan": 3,
      "magic:SiteLan": 5,
      "magic:SiteAcl": 3,
      "magic:SiteAppConfig": 2,
    });
  });

  it("a collection the token may not read is reported and skipped; the rest is still generated", async () => {
    // A proxy that answers 403 for connectors, as Cloudflare does for a token without that permission.
    const forward = async (req: http.IncomingMessage, res: http.ServerResponse) => {
      if (req.url?.includes("/magic/connectors")) {
        res
          .writeHead(403, { "content-type": "application/json" })
          .end(JSON.stringify({ success: false, errors: [{ code: 10000, message: "Authentication error" }], messages: [], result: null }));
        return;
      }
      const upstream = await fetch(`${s.emulator.url}${req.url!.replace(/^\/client\/v4/, "")}`, {
        method: req.method,
        headers: { authorization: String(req.headers.authorization), "x-magic-new-hc-target": "true" },
      });
      res.writeHead(upstream.status, { "content-type": "application/json" }).end(await upstream.text());
    };
    // A failed forward answers 502, so the run under test sees an error instead of a hung request.
    const proxy = http.createServer((req, res) => {
      forward(req, res).catch(() => {
        if (!res.headersSent) res.writeHead(502);
        res.end();
      });
    });
    await new Promise<void>((r) => proxy.listen(0, "127.0.0.1", r));
    try {
      const dir = path.join(SCRATCH, "forbidden");
      const result = await codegen(dir, [], envFor(`http://127.0.0.1:${(proxy.address() as AddressInfo).port}/client/v4`));
      expect(result.code).toBe(0);
      expect(result.stderr).toContain(
        `skipped connectors: the token may not read connectors in account ${ACCOUNT} (HTTP 403); give it the Magic Transit Read or Magic WAN Read permission for this account and run the command again.`,
      );
      expect(result.stderr).toContain("read 320 static routes");
      const index = fs.readFileSync(path.join(dir, "index.ts"), "utf8");
      expect(index).not.toContain("magic.Connector");
      // The site still names its connector, by id, since there is no variable for it.
      expect(index).toContain(`connectorId: "${seeded.connectorIds[0]}"`);
      expect(fs.readFileSync(path.join(dir, "README.md"), "utf8")).toContain("## Not read");
    } finally {
      await new Promise((r) => proxy.close(r));
    }
  });

  it("errors are sentences that say what to do, sent before or instead of any further request", async () => {
    const noCredentials = await codegen(path.join(SCRATCH, "x"), [], { CLOUDFLARE_BASE_URL: s.emulator.url });
    expect(noCredentials.code).toBe(1);
    expect(noCredentials.stderr).toMatch(
      /no Cloudflare credentials: set CLOUDFLARE_API_TOKEN to an API token with Magic Transit Read or Magic WAN Read/,
    );

    const badAccount = await run([CLI, "--account-id", "my-account", "--out", path.join(SCRATCH, "x")], envFor(s.emulator.url));
    expect(badAccount.code).toBe(1);
    expect(badAccount.stderr).toContain(
      '--account-id "my-account" is not a Cloudflare account id: copy the 32 lowercase hexadecimal characters',
    );

    const usage = await run([CLI, "--account-id", ACCOUNT], envFor(s.emulator.url));
    expect(usage.code).toBe(2);
    expect(usage.stderr).toContain("--out <dir> is required");
    expect(s.emulator.stats.totalRequests).toBe(0);

    // A token for another account (here: one that may read nothing of this one) ends the run with one sentence.
    const other = await startEmulator({ tokens: { [TOKEN]: { permissions: ["pcaps:read"] }, expired: { expired: true } } });
    try {
      const refused = await codegen(path.join(SCRATCH, "x"), [], envFor(other.url));
      expect(refused.code).toBe(1);
      expect(refused.stderr).toContain(
        `could not read anything in account ${ACCOUNT} (every collection was refused or not found): check --account-id`,
      );

      other.resetStats();
      const expired = await codegen(path.join(SCRATCH, "x"), [], { CLOUDFLARE_API_TOKEN: "expired", CLOUDFLARE_BASE_URL: other.url });
      expect(expired.code).toBe(1);
      expect(expired.stderr).toContain(
        "Cloudflare refused the credentials (HTTP 401 reading connectors): check that the token in CLOUDFLARE_API_TOKEN",
      );
      expect(other.stats.totalRequests).toBe(1);
    } finally {
      await other.close();
    }
  });
});
