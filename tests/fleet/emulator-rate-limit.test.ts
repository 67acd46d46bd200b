import { spawn } from "node:child_process";
import * as path from "node:path";
import * as readline from "node:readline";
import { type Emulator } from "../../emulator";
import { GRE_PATH, call, greBody, start } from "../emulator/helpers";

/**
 * The emulator's `rateLimit` as Cloudflare's global limit: one budget per USER (every token and the
 * global API key of that user), `Ratelimit` / `Ratelimit-Policy` on every answer, 429 + Retry-After
 * + code 971 on excess, then a lockout of every credential of that user.
 */
const bearer = (token: string) => ({ authorization: `Bearer ${token}` });
const key = (email: string, k: string) => ({ "x-auth-email": email, "x-auth-key": k });

describe("per-user rate limit with Cloudflare's headers", () => {
  let emulator: Emulator;
  beforeEach(async () => {
    emulator = await start({
      tokens: { "ci-a": { user: "ops" }, "ci-b": { user: "ops" }, laptop: {}, "other-user": { user: "dev" } },
      email: "ops@example.com",
      apiKey: "global-key",
      apiKeyUser: "ops",
      rateLimit: { requests: 4, windowSeconds: 60, lockoutSeconds: 30 },
    });
  });
  afterEach(async () => {
    await emulator.close();
  });

  it("every answer carries Ratelimit and Ratelimit-Policy in Cloudflare's format, whatever its status", async () => {
    const first = await call(emulator, "GET", GRE_PATH, { auth: bearer("ci-a") });
    expect(first.status).toBe(200);
    expect(first.headers.get("ratelimit")).toBe('"default";r=3;t=60');
    expect(first.headers.get("ratelimit-policy")).toBe('"default";q=4;w=60');
    const missing = await call(emulator, "GET", `${GRE_PATH}/${"0".repeat(32)}`, { auth: bearer("ci-a") });
    expect(missing.status).toBe(404);
    expect(missing.headers.get("ratelimit")).toMatch(/^"default";r=2;t=(59|60)$/);
    const invalid = await call(emulator, "POST", GRE_PATH, { auth: bearer("ci-a"), body: greBody({ name: "" }) });
    expect(invalid.status).toBe(400);
    expect(invalid.headers.get("ratelimit")).toMatch(/^"default";r=1;t=(59|60)$/);
  });

  it("all tokens and the global key of one user share one budget; the excess is 429 / 971 with Retry-After and locks the user out", async () => {
    expect((await call(emulator, "GET", GRE_PATH, { auth: bearer("ci-a") })).status).toBe(200);
    expect((await call(emulator, "GET", GRE_PATH, { auth: bearer("ci-b") })).status).toBe(200);
    expect((await call(emulator, "GET", GRE_PATH, { auth: key("ops@example.com", "global-key") })).status).toBe(200);
    const last = await call(emulator, "GET", GRE_PATH, { auth: bearer("ci-b") });
    expect(last.headers.get("ratelimit")).toMatch(/^"default";r=0;t=\d+$/);

    const over = await call(emulator, "POST", GRE_PATH, { auth: bearer("ci-a"), body: greBody() });
    expect(over.status).toBe(429);
    expect(over.headers.get("retry-after")).toBe("30");
    expect(over.headers.get("ratelimit")).toBe('"default";r=0;t=30');
    expect(over.headers.get("ratelimit-policy")).toBe('"default";q=4;w=60');
    expect(over.body.errors).toEqual([{ code: 971, message: "Please wait and consider throttling your request speed" }]);
    expect(emulator.store.countAll()).toBe(0);

    // Locked out: every credential of the user, every request.
    for (const auth of [bearer("ci-a"), bearer("ci-b"), key("ops@example.com", "global-key")]) {
      expect((await call(emulator, "GET", "/nowhere", { auth })).status).toBe(429);
    }
    // Other users have budgets of their own: a token without a user is a user of its own.
    expect((await call(emulator, "GET", GRE_PATH, { auth: bearer("laptop") })).status).toBe(200);
    const other = await call(emulator, "GET", GRE_PATH, { auth: bearer("other-user") });
    expect(other.status).toBe(200);
    expect(other.headers.get("ratelimit")).toBe('"default";r=3;t=60');
    expect(emulator.stats.rateLimited).toBe(4);
  });

  it("sends no rate-limit headers when no limit is set, nor to a request that failed authentication", async () => {
    const open = await start({});
    try {
      const res = await call(open, "GET", GRE_PATH);
      expect(res.status).toBe(200);
      expect(res.headers.get("ratelimit")).toBeNull();
      expect(res.headers.get("ratelimit-policy")).toBeNull();
    } finally {
      await open.close();
    }
    const refused = await call(emulator, "GET", GRE_PATH, { auth: bearer("nobody") });
    expect(refused.status).toBe(401);
    expect(refused.headers.get("ratelimit")).toBeNull();
  });

  it("the window resets to the full quota", async () => {
    const short = await start({ tokens: { a: { user: "u" }, b: { user: "u" } }, rateLimit: { requests: 2, windowSeconds: 1 } });
    try {
      expect((await call(short, "GET", GRE_PATH, { auth: bearer("a") })).headers.get("ratelimit")).toBe('"default";r=1;t=1');
      expect((await call(short, "GET", GRE_PATH, { auth: bearer("b") })).headers.get("ratelimit")).toBe('"default";r=0;t=1');
      await new Promise((r) => setTimeout(r, 1100));
      expect((await call(short, "GET", GRE_PATH, { auth: bearer("b") })).headers.get("ratelimit")).toBe('"default";r=1;t=1');
      expect(short.stats.rateLimited).toBe(0);
    } finally {
      await short.close();
    }
  });
});

test("the CLI's --user puts every --token and the key pair in one user's budget", async () => {
  const CLI = path.resolve(__dirname, "../../dist/emulator/cli.js");
  const child = spawn(
    process.execPath,
    [
      CLI,
      "--port",
      "0",
      "--token",
      "t1",
      "--token",
      "t2",
      "--email",
      "e@x.io",
      "--api-key",
      "k",
      "--user",
      "ops",
      "--rate-limit",
      "2/60",
      "--lockout-seconds",
      "7",
    ],
    { stdio: ["ignore", "pipe", "pipe"] },
  );
  const exited = new Promise((resolve) => child.once("exit", resolve));
  try {
    const url = await new Promise<string>((resolve, reject) => {
      readline.createInterface({ input: child.stdout }).once("line", resolve);
      child.once("exit", (code) => reject(new Error(`cli exited with ${code}`)));
    });
    const get = (headers: Record<string, string>) => fetch(`${url}${GRE_PATH}`, { headers });
    const a = await get(bearer("t1"));
    expect(a.status).toBe(200);
    expect(a.headers.get("ratelimit")).toBe('"default";r=1;t=60');
    expect(a.headers.get("ratelimit-policy")).toBe('"default";q=2;w=60');
    expect((await get(key("e@x.io", "k"))).status).toBe(200);
    const limited = await get(bearer("t2"));
    expect(limited.status).toBe(429);
    expect(limited.headers.get("retry-after")).toBe("7");
  } finally {
    child.kill("SIGINT");
    await exited;
  }
});
