import { ServerBudget, parseList, parseRatelimit, parseRatelimitPolicy } from "../../provider/client";

describe("Ratelimit header parsing", () => {
  it("reads Cloudflare's documented examples", () => {
    expect(parseRatelimit('"default";r=50;t=30')).toEqual([{ name: "default", remaining: 50, resetSeconds: 30 }]);
    expect(parseRatelimitPolicy('"burst";q=100;w=60')).toEqual([{ name: "burst", quota: 100, windowSeconds: 60 }]);
  });

  it("reads several items, in one field or in repeated fields", () => {
    const one = parseRatelimit('"default";r=1150;t=280, "burst";r=4;t=1');
    expect(one).toEqual([
      { name: "default", remaining: 1150, resetSeconds: 280 },
      { name: "burst", remaining: 4, resetSeconds: 1 },
    ]);
    expect(parseRatelimit(['"default";r=1150;t=280', '"burst";r=4;t=1'])).toEqual(one);
    expect(parseRatelimitPolicy('"default";q=1200;w=300,"burst";q=200;w=1')).toEqual([
      { name: "default", quota: 1200, windowSeconds: 300 },
      { name: "burst", quota: 200, windowSeconds: 1 },
    ]);
  });

  it("accepts tokens as names, whitespace, parameter order and case, unknown parameters", () => {
    expect(parseRatelimit(' default ; T = 30 ; r=7 ;x="y";flag ')).toEqual([{ name: "default", remaining: 7, resetSeconds: 30 }]);
    expect(parseList('default;t=30;r=7;flag;s="a b"')).toEqual([{ name: "default", params: { t: 30, r: 7, flag: true, s: "a b" } }]);
  });

  it("keeps commas, semicolons and escaped quotes inside quoted strings", () => {
    expect(parseList('"a,b;c";r=1;t=2, "say \\"hi\\"";r=3;t=4')).toEqual([
      { name: "a,b;c", params: { r: 1, t: 2 } },
      { name: 'say "hi"', params: { r: 3, t: 4 } },
    ]);
  });

  it("skips items without r and t (or q), with negative or non-numeric values, and never throws on garbage", () => {
    expect(parseRatelimit('"default";r=50')).toEqual([]);
    expect(parseRatelimit('"default";t=50')).toEqual([]);
    expect(parseRatelimit('"default";r=-1;t=5, "ok";r=2;t=5')).toEqual([{ name: "ok", remaining: 2, resetSeconds: 5 }]);
    expect(parseRatelimit('"default";r="50";t=30')).toEqual([]);
    expect(parseRatelimitPolicy('"default";q=0;w=300, "x";w=5')).toEqual([]);
    expect(parseRatelimitPolicy('"default";q=1200')).toEqual([{ name: "default", quota: 1200, windowSeconds: undefined }]);
    for (const junk of ["", ";;;", ",,,", '"unterminated;r=1;t=2', "r=5", "=;=,", "\u0000", '"";r=1;t=1', "(x);r=1;t=1"]) {
      expect(() => parseRatelimit(junk)).not.toThrow();
      expect(parseRatelimit(junk)).toEqual([]);
    }
    expect(parseRatelimit(undefined)).toEqual([]);
    expect(parseRatelimit('"default";r=1.9;t=0.5')).toEqual([{ name: "default", remaining: 1, resetSeconds: 0.5 }]);
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
