import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import * as readline from "node:readline";

// The CLI is tested as shipped: build first with `npx tsc -p tsconfig.json`.
const CLI = path.resolve(__dirname, "../../dist/emulator/cli.js");

function firstLine(child: ChildProcess): Promise<string> {
  return new Promise((resolve, reject) => {
    const lines = readline.createInterface({ input: child.stdout! });
    lines.once("line", resolve);
    child.once("exit", (code) => reject(new Error(`cli exited with ${code} before printing its URL`)));
  });
}

function exited(child: ChildProcess): Promise<number | null> {
  return new Promise((resolve) => child.once("exit", (code) => resolve(code)));
}

beforeAll(() => {
  if (!fs.existsSync(CLI)) throw new Error(`${CLI} is missing: run npx tsc -p tsconfig.json first`);
});

test("prints exactly one line with the base URL, serves, and exits cleanly on SIGTERM", async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "emulator-cli-"));
  const stateFile = path.join(dir, "state.json");
  const child = spawn(process.execPath, [CLI, "--port", "0", "--token", "cli-token", "--token", "second", "--state", stateFile], {
    stdio: ["ignore", "pipe", "pipe"],
  });
  let stdout = "";
  child.stdout.on("data", (d: Buffer) => (stdout += d.toString()));
  try {
    const url = await firstLine(child);
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/client\/v4$/);

    const gre = `${url}/accounts/0123456789abcdef0123456789abcdef/magic/gre_tunnels`;
    const created = await fetch(gre, {
      method: "POST",
      headers: { authorization: "Bearer second", "content-type": "application/json" },
      body: JSON.stringify({
        name: "CLI",
        cloudflare_gre_endpoint: "203.0.113.1",
        customer_gre_endpoint: "198.51.100.1",
        interface_address: "10.0.0.0/31",
      }),
    });
    expect(created.status).toBe(200);
    const refused = await fetch(gre, { headers: { authorization: "Bearer wrong" } });
    expect(refused.status).toBe(401);

    const exit = exited(child);
    child.kill("SIGTERM");
    expect(await exit).toBe(0);
    expect(stdout).toBe(`${url}\n`);
    expect(JSON.parse(fs.readFileSync(stateFile, "utf8")).accounts).toHaveProperty("0123456789abcdef0123456789abcdef");
  } finally {
    child.kill("SIGKILL");
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test("flags configure rate limiting", async () => {
  const child = spawn(process.execPath, [CLI, "--port", "0", "--rate-limit", "1/60", "--lockout-seconds", "9"], {
    stdio: ["ignore", "pipe", "pipe"],
  });
  try {
    const url = await firstLine(child);
    const get = () => fetch(`${url}/accounts/a/magic/gre_tunnels`, { headers: { authorization: "Bearer any" } });
    expect((await get()).status).toBe(200);
    const limited = await get();
    expect(limited.status).toBe(429);
    expect(limited.headers.get("retry-after")).toBe("9");
  } finally {
    child.kill("SIGINT");
    await exited(child);
  }
});

test.each([
  ["an unknown flag", ["--bogus"]],
  ["a bad rate limit", ["--rate-limit", "fast"]],
  ["a fault rate above 1", ["--fault-rate", "2"]],
  ["an email without API key", ["--email", "a@b.c"]],
])("%s exits with status 2 and usage on stderr", (_case, args) => {
  const run = spawnSync(process.execPath, [CLI, "--port", "0", ...args], { encoding: "utf8", timeout: 10_000 });
  expect(run.status).toBe(2);
  expect(run.stdout).toBe("");
  expect(run.stderr).toContain("usage: cloudflare-magic-emulator");
});
