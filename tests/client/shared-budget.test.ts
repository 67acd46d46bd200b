import { type Emulator, startEmulator } from "../../emulator";
import { CloudflareClient, Pacer } from "../../provider/client";

/**
 * Several clients, each with a Pacer of its own (as separate processes have) and each believing it
 * owns the whole budget, share one user's budget at the emulator through the Ratelimit headers.
 * Counts requests and 429s only.
 */
const ACCOUNT = "0123456789abcdef0123456789abcdef";
const LIMIT = { requests: 30, windowSeconds: 2, lockoutSeconds: 4 };

async function fleet(emulator: Emulator, sharedBudget: boolean, clients: number, perClient: number, log?: (l: string) => void) {
  const made = Array.from(
    { length: clients },
    (_, i) =>
      new CloudflareClient({
        baseUrl: emulator.url,
        // Different tokens of one user: one budget at the server.
        credentials: { kind: "token", token: `tok-${i}`, source: "test" },
        retry: { maxAttempts: 1 },
        pacer: new Pacer({ requestsPerWindow: LIMIT.requests, windowMs: LIMIT.windowSeconds * 1000, maxConcurrency: 4, sharedBudget }),
        log: i === 0 ? log : undefined,
      }),
  );
  const outcomes = await Promise.all(
    made.map((c) =>
      Promise.all(
        Array.from({ length: perClient }, () =>
          c.request({ method: "GET", path: `/accounts/${ACCOUNT}/magic/gre_tunnels` }).then(
            () => "ok",
            (e: Error) => e.name,
          ),
        ),
      ),
    ),
  );
  await Promise.all(made.map((c) => c.close()));
  return outcomes.flat();
}

describe("one budget shared by several clients through the Ratelimit headers", () => {
  let emulator: Emulator;
  beforeEach(async () => {
    emulator = await startEmulator({
      tokens: { "tok-0": { user: "ops" }, "tok-1": { user: "ops" }, "tok-2": { user: "ops" } },
      rateLimit: LIMIT,
    });
  });
  afterEach(async () => {
    await emulator.close();
  });

  it("three clients with a full budget each make 90 requests against a 30-request window with zero 429s", async () => {
    const lines: string[] = [];
    const results = await fleet(emulator, true, 3, 30, (l) => lines.push(l));
    expect(results.filter((r) => r !== "ok")).toEqual([]);
    expect(emulator.stats.rateLimited).toBe(0);
    expect(emulator.stats.totalRequests).toBe(90);
    // The debug log says what the server reports and when the pacer waits for it.
    expect(lines.some((l) => /GET \S+ -> 200 .*; budget default r=\d+\/30 t=\d+s/.test(l))).toBe(true);
    expect(lines.some((l) => /server budget "default": about \d+ of 30 left, at or below the reserve of 3; waiting \d+ s/.test(l))).toBe(
      true,
    );
  }, 60_000);

  it("the same clients with the shared budget switched off get the user locked out", async () => {
    const results = await fleet(emulator, false, 3, 30);
    expect(emulator.stats.rateLimited).toBeGreaterThan(0);
    expect(results.filter((r) => r === "RateLimitError").length).toBe(emulator.stats.rateLimited);
  }, 60_000);
});
