import { Pacer } from "../../provider/client";

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
