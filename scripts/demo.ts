/**
 * `npm run demo`: deploys examples/branch-office against a local emulator and shows what it made.
 *
 * 1. Starts the emulator on a free loopback port, keeping its state in .emulator-state/demo.json
 *    (started afresh each time, left in place afterwards to inspect).
 * 2. With the `pulumi` CLI on the PATH: a local file backend with an empty passphrase, a `demo`
 *    stack configured for the emulator, `pulumi up --yes`, then `pulumi preview --expect-no-changes`.
 *    Without it: the same program through Pulumi's real dynamic-provider host, driven by the test
 *    harness (tests/harness) the way the engine drives it, applied twice; the second run must
 *    change nothing.
 * 3. Prints what was created (type, name, id), where the state lives, writes the site's `diagram`
 *    output (a Mermaid flowchart) to .emulator-state/demo-diagram.md, and stops the emulator.
 *
 * Compiled by scripts/tsconfig.demo.json (with the harness and the example) into scripts/.out.
 */
import { spawn } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { type Emulator, startEmulator } from "pulumi-cloudflare-magic/emulator";
import { type Host, secret, startHost } from "../tests/harness/host";
import { type OpRecord, ProgramDriver } from "../tests/harness/program";

const REPO = path.resolve(__dirname, "..", "..", "..");
const EXAMPLE = "branch-office";
const EXAMPLE_DIR = path.join(REPO, "examples", EXAMPLE);
/** The example as compiled next to this script (plain node cannot load index.ts). */
const COMPILED_EXAMPLE = path.resolve(__dirname, "..", "examples", EXAMPLE, "index.js");
const STATE_DIR = path.join(REPO, ".emulator-state");
/** The example's `diagram` output (a Mermaid flowchart), written next to the emulator's state. */
const DIAGRAM_FILE = path.join(STATE_DIR, "demo-diagram.md");
const STATE_FILE = path.join(STATE_DIR, "demo.json");
const BACKEND_DIR = path.join(STATE_DIR, "demo-backend");
const STACK = "demo";
const ACCOUNT = "d0e0d0e0d0e0d0e0d0e0d0e0d0e0d0e0";
const TOKEN = "demo-token";

interface Row {
  type: string;
  name: string;
  id: string;
}

/** `pulumi-nodejs:dynamic/magic:Site` reads better as `magic:Site`. */
const shortType = (type: string) => type.replace(/^pulumi-nodejs:dynamic\//, "");

function printTable(rows: Row[]): void {
  const header: Row = { type: "TYPE", name: "NAME", id: "ID" };
  const width = (k: keyof Row) => Math.max(...[header, ...rows].map((r) => r[k].length));
  const [tw, nw] = [width("type"), width("name")];
  for (const r of [header, ...rows]) console.log(`  ${r.type.padEnd(tw)}  ${r.name.padEnd(nw)}  ${r.id}`);
}

function summary(ops: OpRecord[]): string {
  const counts = new Map<string, number>();
  for (const o of ops) counts.set(o.op, (counts.get(o.op) ?? 0) + 1);
  return [...counts].map(([op, n]) => `${n} ${op}`).join(", ");
}

function onPath(command: string): boolean {
  const names = process.platform === "win32" ? [`${command}.exe`, `${command}.cmd`] : [command];
  return (process.env.PATH ?? "").split(path.delimiter).some((dir) => dir && names.some((n) => fs.existsSync(path.join(dir, n))));
}

/** Runs a command without blocking the event loop (the emulator serves from this process). */
function run(command: string, args: string[], env: NodeJS.ProcessEnv, capture = false): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: EXAMPLE_DIR, env, stdio: ["ignore", capture ? "pipe" : "inherit", "inherit"] });
    let out = "";
    child.stdout?.setEncoding("utf8").on("data", (d: string) => (out += d));
    child.once("error", reject);
    child.once("exit", (code) =>
      code === 0 ? resolve(out) : reject(new Error(`${command} ${args.join(" ")} exited with status ${code}`)),
    );
  });
}

/** The real CLI against the emulator: local file backend, no passphrase prompt. */
async function withCli(emulator: Emulator): Promise<Row[]> {
  console.log(`Using the pulumi CLI: stack "${STACK}" in a local file backend (${path.relative(REPO, BACKEND_DIR)}).\n`);
  fs.mkdirSync(BACKEND_DIR, { recursive: true });
  // The stack's config file belongs to the backend we just reset; an old one carries a stale salt.
  fs.rmSync(path.join(EXAMPLE_DIR, `Pulumi.${STACK}.yaml`), { force: true });
  const env = {
    ...process.env,
    PULUMI_BACKEND_URL: `file://${BACKEND_DIR}`,
    PULUMI_CONFIG_PASSPHRASE: "",
    PULUMI_SKIP_UPDATE_CHECK: "true",
  };
  const pulumi = (...args: string[]) => run("pulumi", [...args, "--non-interactive"], env);
  await pulumi("stack", "init", STACK);
  await pulumi("config", "set", "--stack", STACK, "cloudflare-magic:baseUrl", emulator.url);
  await pulumi("config", "set", "--stack", STACK, "cloudflare-magic:accountId", ACCOUNT);
  await pulumi("config", "set", "--stack", STACK, "--secret", "cloudflare:apiToken", TOKEN);
  await pulumi("up", "--stack", STACK, "--yes");
  await pulumi("preview", "--stack", STACK, "--expect-no-changes");
  console.log("\nSecond look (pulumi preview --expect-no-changes): no changes.");

  writeDiagram(await run("pulumi", ["stack", "output", "diagram", "--stack", STACK, "--non-interactive"], env, true));
  type Exported = { deployment?: { resources?: Array<{ type: string; urn: string; id?: string }> } };
  const exported = JSON.parse(await run("pulumi", ["stack", "export", "--stack", STACK], env, true)) as Exported;
  const resources = exported.deployment?.resources ?? [];
  return resources
    .filter((r) => r.type !== "pulumi:pulumi:Stack" && !r.type.startsWith("pulumi:providers:"))
    .map((r) => ({ type: shortType(r.type), name: r.urn.split("::").pop()!, id: r.id ?? "" }));
}

/** Writes the example's Mermaid diagram as Markdown, which GitHub and most editors render. */
function writeDiagram(diagram: string): void {
  fs.writeFileSync(DIAGRAM_FILE, `# examples/${EXAMPLE}\n\n\`\`\`mermaid\n${diagram.trim()}\n\`\`\`\n`);
}

/** The provider host driven like the engine drives it (no CLI here). */
async function withHarness(emulator: Emulator): Promise<Row[]> {
  console.log("The pulumi CLI is not on the PATH: applying the program through Pulumi's dynamic-provider host");
  console.log("(the process `pulumi up` runs for these resources), driven by tests/harness.\n");
  let host: Host | undefined;
  try {
    host = await startHost({ cwd: EXAMPLE_DIR, project: EXAMPLE });
    await host.configure({
      "cloudflare:apiToken": secret(TOKEN),
      "cloudflare-magic:accountId": ACCOUNT,
      "cloudflare-magic:baseUrl": emulator.url,
    });
    const driver = new ProgramDriver({
      host,
      project: EXAMPLE,
      stack: STACK,
      // Program-side config: lookups run in the program process.
      config: { "cloudflare:apiToken": TOKEN, "cloudflare-magic:accountId": ACCOUNT, "cloudflare-magic:baseUrl": emulator.url },
      secretConfigKeys: ["cloudflare:apiToken"],
    });
    // The example afresh on each run (as moduleProgram does), keeping its `diagram` export.
    let diagram: string | undefined;
    const program = async () => {
      delete require.cache[require.resolve(COMPILED_EXAMPLE)];
      const exports = require(COMPILED_EXAMPLE) as { diagram?: { apply(f: (d: string) => void): unknown } };
      exports.diagram?.apply((d) => (diagram = d));
    };

    const first = await driver.up(program);
    console.log(`First run:  ${summary(first.ops)} (${emulator.stats.totalRequests} API requests).`);
    emulator.resetStats();
    const second = await driver.up(program);
    const changed = second.ops.filter((o) => o.op !== "same");
    const writes = emulator.stats.requests.filter((r) => r.method !== "GET").length;
    console.log(`Second run: ${summary(second.ops)} (${emulator.stats.totalRequests} API requests, ${writes} writes).`);
    if (changed.length || writes) {
      throw new Error(`the second run was not a no-op: ${changed.map((o) => `${o.op} ${o.name}`).join(", ") || `${writes} writes`}`);
    }
    if (diagram) writeDiagram(diagram);
    return [...driver.state.values()].map((e) => ({ type: shortType(e.type), name: e.name, id: e.id ?? "" }));
  } finally {
    await host?.close();
  }
}

async function main(): Promise<void> {
  const started = Date.now();
  fs.mkdirSync(STATE_DIR, { recursive: true });
  fs.rmSync(STATE_FILE, { force: true });
  fs.rmSync(DIAGRAM_FILE, { force: true });
  fs.rmSync(BACKEND_DIR, { recursive: true, force: true });
  const emulator = await startEmulator({ tokens: [TOKEN], stateFile: STATE_FILE });
  console.log(`Emulator: ${emulator.url} (token ${TOKEN}, account ${ACCOUNT})\n`);
  try {
    const rows = onPath("pulumi") ? await withCli(emulator) : await withHarness(emulator);
    console.log(`\nCreated by examples/${EXAMPLE}:`);
    printTable(rows);
    const accounts = emulator.store.dump().accounts;
    const collections = Object.entries(accounts[ACCOUNT] ?? {}).map(([name, objects]) => `${name} ${objects.length}`);
    const stateFile = path.relative(process.cwd(), STATE_FILE) || STATE_FILE;
    console.log(`\nEmulator state: ${stateFile} (${collections.join(", ") || "empty"})`);
    console.log(`Serve it again: npm run emulator -- --state ${stateFile} --token ${TOKEN}`);
    if (fs.existsSync(DIAGRAM_FILE))
      console.log(`Diagram of the site (Mermaid): ${path.relative(process.cwd(), DIAGRAM_FILE) || DIAGRAM_FILE}`);
    console.log(`Done in ${((Date.now() - started) / 1000).toFixed(1)} s.`);
  } finally {
    await emulator.close();
  }
}

main().catch((e: Error) => {
  console.error(`demo failed: ${e.message}`);
  process.exit(1);
});
