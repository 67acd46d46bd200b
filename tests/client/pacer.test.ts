import { Pacer, ServerBudget } from "../../provider/client";

/** Starts `n` acquisitions at once and records when each was granted, relative to the start. */
async function grantTimes(p: Pacer, n: number, holdMs = 0): Promise<number[]> {
  const t0 = Date.now();
  return Promise.all(
    Array.from({ length: n }, async () => {
      const release = await p.acquire();
      const at = Date.now() - t0;
      setTimeout(release, holdMs);
      return at;
    }),
  );
}

describe("Pacer", () => {
  it("never lets more than requestsPerWindow requests start in any window", async () => {
    const p = new Pacer({ requestsPerWindow: 5, windowMs: 400, maxConcurrency: 100 });
    const times = (await grantTimes(p, 12)).sort((a, b) => a - b);
    for (let i = 0; i + 5 < times.length; i++) {
      // the 6th start after any start is at least one window later
      expect(times[i + 5] - times[i]).toBeGreaterThanOrEqual(395);
    }
    expect(p.stats.started).toBe(12);
  });

  it("counts a request until a window after it completes, so slow requests cannot crowd a later window", async () => {
    const p = new Pacer({ requestsPerWindow: 2, windowMs: 300, maxConcurrency: 10 });
    const t0 = Date.now();
    // Two requests that take 200 ms each: their places are held until 200 + 300 ms.
    await grantTimes(p, 2, 200);
    const [third] = await grantTimes(p, 1);
    expect(Date.now() - t0).toBeGreaterThanOrEqual(490);
    expect(third).toBeGreaterThanOrEqual(490);
  });

  it("caps requests in flight", async () => {
    const p = new Pacer({ maxConcurrency: 2 });
    let inFlight = 0;
    let peak = 0;
    await Promise.all(
      Array.from({ length: 8 }, async () => {
        const release = await p.acquire();
        inFlight++;
        peak = Math.max(peak, inFlight);
        await new Promise((r) => setTimeout(r, 10));
        inFlight--;
        release();
      }),
    );
    expect(peak).toBe(2);
  });

  it("pauses everyone after a Retry-After", async () => {
    const p = new Pacer({ maxConcurrency: 10 });
    p.pause(300);
    const times = await grantTimes(p, 3);
    for (const t of times) expect(t).toBeGreaterThanOrEqual(290);
    expect(p.stats.pauses).toBe(1);
  });

  it("with pacing disabled, only the concurrency cap applies", async () => {
    const p = new Pacer({ requestsPerWindow: 1, windowMs: 60_000, maxConcurrency: 50, enabled: false });
    p.pause(60_000);
    const times = await grantTimes(p, 20);
    expect(Math.max(...times)).toBeLessThan(1000);
  });
});

describe("ServerBudget (the shared-budget rule)", () => {
  const POLICY = '"default";q=100;w=300';
  const T0 = 1_000_000;

  it("probes with one request at a time until an answer says what is left", () => {
    const b = new ServerBudget();
    expect(b.wait(T0).ms).toBe(0);
    const first = b.begin(T0);
    expect(b.wait(T0)).toEqual({ ms: 1000, reason: "probe" });
    // A probe that hangs holds the next request back for a second at most.
    expect(b.wait(T0 + 1000).ms).toBeLessThanOrEqual(0);
    b.observe(first, '"default";r=99;t=300', POLICY, T0 + 10);
    b.end();
    expect(b.mode).toBe("headers");
    // Now paced by what is left: no longer waiting for an answer.
    const next = b.wait(T0 + 10);
    expect(next.reason).toBe("spread");
    expect(next.ms).toBeLessThan(Infinity);
  });

  it("without Ratelimit headers it stays out of the way", () => {
    const b = new ServerBudget();
    const t = b.begin(T0);
    b.observe(t, undefined, undefined, T0);
    b.end();
    expect(b.mode).toBe("none");
    for (let i = 0; i < 50; i++) b.begin(T0);
    expect(b.wait(T0).ms).toBe(0);
  });

  it("waits for the window to reset once what is left, minus our uncounted requests, reaches the reserve", () => {
    const b = new ServerBudget(undefined, { reserveFraction: 0.1, spreadFraction: 1 });
    const t = b.begin(T0);
    b.observe(t, '"default";r=20;t=30', POLICY, T0);
    b.end();
    // 20 left, reserve 10: ten more requests may start (each counted as soon as it starts).
    let n = 0;
    while (b.wait(T0).reason !== "reset" && n < 100) {
      b.begin(T0);
      n++;
    }
    expect(n).toBe(10);
    const w = b.wait(T0);
    expect(w.reason).toBe("reset");
    expect(w.ms).toBeGreaterThanOrEqual(30_000);
    // After the reset nothing fresh is known: one probe at a time again.
    b.begin(T0 + w.ms);
    expect(b.wait(T0 + w.ms).reason).toBe("probe");
  });

  it("an answer that started earlier and arrives later (older, higher r) does not raise the estimate", () => {
    const b = new ServerBudget(undefined, { reserveFraction: 0.1, spreadFraction: 1 });
    const early = b.begin(T0); // started first, answered last
    const late = b.begin(T0);
    b.observe(late, '"default";r=12;t=30', POLICY, T0 + 5);
    b.end();
    b.observe(early, '"default";r=60;t=30', POLICY, T0 + 6);
    b.end();
    // Estimate from the later answer: 12 left, minus the 1 request it may not have counted = 11.
    let n = 0;
    while (b.wait(T0 + 6).reason !== "reset" && n < 100) {
      b.begin(T0 + 6);
      n++;
    }
    expect(n).toBe(1); // 11 - reserve 10
  });

  it("ignores an answer about a window that has ended, and adopts a newer window", () => {
    const b = new ServerBudget(undefined, { reserveFraction: 0.1, spreadFraction: 1 });
    const a = b.begin(T0);
    b.observe(a, '"default";r=5;t=10', POLICY, T0);
    b.end();
    expect(b.wait(T0).reason).toBe("reset");
    // The server reset early (our estimate had a margin): a fresh window with a later reset wins.
    const c = b.begin(T0 + 9_000);
    b.observe(c, '"default";r=99;t=300', POLICY, T0 + 9_100);
    b.end();
    expect(b.wait(T0 + 9_100).reason).not.toBe("reset");
    // A late answer from the old window changes nothing.
    const d = b.begin(T0 + 9_200);
    b.observe(d, '"default";r=0;t=1', POLICY, T0 + 9_300);
    b.end();
    expect(b.wait(T0 + 9_300).reason).not.toBe("reset");
  });

  it("a 429's r=0 with the lockout as t stops everything until the lockout ends", () => {
    const b = new ServerBudget();
    const a = b.begin(T0);
    b.observe(a, '"default";r=80;t=200', POLICY, T0);
    b.end();
    const c = b.begin(T0);
    b.observe(c, '"default";r=0;t=300', POLICY, T0 + 1);
    b.end();
    const w = b.wait(T0 + 1);
    expect(w.reason).toBe("reset");
    expect(w.ms).toBeGreaterThanOrEqual(300_000);
  });

  it("spreads what is left over the reserve across min(t, spreadFraction × w)", () => {
    const b = new ServerBudget(undefined, { reserveFraction: 0.1, spreadFraction: 0.1 });
    const a = b.begin(T0);
    b.observe(a, '"default";r=71;t=200', POLICY, T0);
    b.end();
    // 71 left, reserve 10: 61 spendable over min(200 s, 30 s) → one request every ~492 ms.
    b.begin(T0);
    const w = b.wait(T0);
    expect(w.reason).toBe("spread");
    expect(Math.round(w.ms)).toBe(Math.round(30_000 / 60));
    // Near the end of the window the rest of the window is the horizon.
    const b2 = new ServerBudget(undefined, { reserveFraction: 0.1, spreadFraction: 0.1 });
    const x = b2.begin(T0);
    b2.observe(x, '"default";r=30;t=2', POLICY, T0);
    b2.end();
    b2.begin(T0);
    expect(b2.wait(T0).ms).toBeLessThanOrEqual(2_500 / 19 + 1);
  });

  it("with several limits in one answer, the most restrictive one decides", () => {
    const b = new ServerBudget(undefined, { reserveFraction: 0.1, spreadFraction: 1 });
    const a = b.begin(T0);
    b.observe(a, '"default";r=900;t=200, "burst";r=3;t=1', '"default";q=1200;w=300, "burst";q=10;w=1', T0);
    b.end();
    // burst: 3 left, reserve 1: two more, then wait for the burst window (1 s), not the 200 s one.
    let n = 0;
    while (b.wait(T0).reason !== "reset" && n < 100) {
      b.begin(T0);
      n++;
    }
    expect(n).toBe(2);
    const w = b.wait(T0);
    expect(w.ms).toBeGreaterThanOrEqual(1000);
    expect(w.ms).toBeLessThan(200_000);
  });

  it("uses the highest r seen as the quota when no policy names the limit", () => {
    const b = new ServerBudget(undefined, { reserveFraction: 0.5, spreadFraction: 1 });
    const a = b.begin(T0);
    b.observe(a, '"default";r=10;t=30', undefined, T0);
    b.end();
    let n = 0;
    while (b.wait(T0).reason !== "reset" && n < 100) {
      b.begin(T0);
      n++;
    }
    expect(n).toBe(5); // 10 left, reserve ceil(0.5 × 10)
  });
});
