import { type Emulator, provisionTunnelsFor, startEmulator } from "../../emulator";
import { REPO } from "../resources/stack";
import { FLEET_ACCOUNT, FLEET_NEXTHOP, type FleetResult, runFleet } from "./fleet";

/**
 * One budget for every process: four concurrent provider host processes (four stacks, as four
 * `pulumi up` + `refresh` on CI runners), every one configured with the user's FULL budget, create
 * and then refresh 30 StaticRoutes each against the emulator's per-user limit, scaled down from
 * Cloudflare's 1,200 per 5 minutes with lockout to 100 per 10 s with lockout. Reading the server's
 * Ratelimit headers they share the budget with zero 429s; with the shared budget switched off
 * (`cloudflare-magic:sharedBudget false`), each believes it owns the whole budget and the user is
 * locked out. Counts requests and 429s; no timing is asserted.
 */
const LIMIT = { requests: 100, windowSeconds: 10, lockoutSeconds: 10 };
const TOKENS = ["fleet-ci-1", "fleet-ci-2", "fleet-ci-3", "fleet-laptop"];
const ROUTES_PER_HOST = 30;

async function run(sharedBudget: boolean): Promise<{ emulator: Emulator; result: FleetResult }> {
  const emulator = await startEmulator({
    tokens: Object.fromEntries(TOKENS.map((t) => [t, { user: "ops" }])),
    rateLimit: LIMIT,
  });
  // The tunnel every route points into, through the store: no request, so the counts are the routes' own.
  provisionTunnelsFor(emulator.store, FLEET_ACCOUNT, [FLEET_NEXTHOP]);
  try {
    const result = await runFleet({
      url: emulator.url,
      tokens: TOKENS,
      routesPerHost: ROUTES_PER_HOST,
      requestsPerWindow: LIMIT.requests,
      windowSeconds: LIMIT.windowSeconds,
      maxConcurrency: 8,
      parallel: 8,
      sharedBudget,
      // One attempt: a 429 must show as a failure, not be waited out.
      maxAttempts: 1,
      debug: sharedBudget,
      repo: REPO,
    });
    const s = emulator.stats;
    console.log(
      `fleet of ${TOKENS.length} hosts, ${ROUTES_PER_HOST} routes each, limit ${LIMIT.requests}/${LIMIT.windowSeconds} s per user, ` +
        `sharedBudget=${sharedBudget}: ${s.totalRequests} requests, ${s.rateLimited} answered 429, ` +
        `${result.created} created (${result.createFailures} failed), ${result.read} refreshed (${result.readFailures} failed), ` +
        `${(result.wallMs / 1000).toFixed(1)} s` +
        (result.firstError ? `; first error: ${result.firstError}` : ""),
    );
    return { emulator, result };
  } catch (e) {
    await emulator.close();
    throw e;
  }
}

describe("four provider hosts, one user's budget", () => {
  it("share it through the Ratelimit headers: zero 429s, every route created and refreshed", async () => {
    const { emulator, result } = await run(true);
    try {
      expect(result.firstError).toBeUndefined();
      expect(emulator.stats.rateLimited).toBe(0);
      expect(result.created).toBe(TOKENS.length * ROUTES_PER_HOST);
      expect(result.read).toBe(TOKENS.length * ROUTES_PER_HOST);
      expect(emulator.store.list(FLEET_ACCOUNT, "routes")).toHaveLength(TOKENS.length * ROUTES_PER_HOST);
      // More requests than one window holds: the budget was really shared across windows.
      expect(emulator.stats.totalRequests).toBeGreaterThan(2 * LIMIT.requests);
      // The debug log states what the server reports, and when a host waits for it.
      const logs = result.stderr.join("\n");
      expect(logs).toMatch(/-> 20\d \(\d+ ms\); budget default r=\d+\/100 t=\d+s/);
      expect(logs).toMatch(
        /server budget "default": about \d+ of 100 left, at or below the reserve of 10; waiting \d+ s for the window to reset/,
      );
    } finally {
      await emulator.close();
    }
  }, 150_000);

  it("with the shared budget switched off, the same fleet gets the user locked out", async () => {
    const { emulator, result } = await run(false);
    try {
      expect(emulator.stats.rateLimited).toBeGreaterThan(0);
      expect(result.createFailures + result.readFailures).toBeGreaterThan(0);
      expect(result.firstError).toMatch(/971|429/);
    } finally {
      await emulator.close();
    }
  }, 150_000);
});
