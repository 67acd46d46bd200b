import type { Emulator, FaultOptions } from "../../emulator";
import { ACCOUNT, GRE_PATH, TOKEN, call, createGre, greBody, start } from "./helpers";

function tunnelsIn(emulator: Emulator): string[] {
  return emulator.store.list<{ id: string; name: string }>(ACCOUNT, "gre_tunnels").map((t) => t.name);
}

describe("injected faults (one-shot queue)", () => {
  let emulator: Emulator;
  beforeEach(async () => {
    emulator = await start();
  });
  afterEach(async () => {
    await emulator.close();
  });

  test("5xx answers the given status without acting", async () => {
    emulator.injectNext({ kind: "5xx", status: 503 });
    const res = await call(emulator, "POST", GRE_PATH, { body: greBody() });
    expect(res.status).toBe(503);
    expect(res.body).toMatchObject({ success: false, errors: [{ code: 10001, message: "Service Unavailable" }] });
    expect(tunnelsIn(emulator)).toEqual([]);
    expect(emulator.stats.faults["5xx"]).toBe(1);
    expect(emulator.stats.requests[0]).toMatchObject({ status: 503, fault: "5xx" });
  });

  test("5xx defaults to 500", async () => {
    emulator.injectNext({ kind: "5xx" });
    expect((await call(emulator, "GET", GRE_PATH)).status).toBe(500);
  });

  test("429 answers with Retry-After without acting", async () => {
    emulator.injectNext({ kind: "429", retryAfterSeconds: 7 });
    const res = await call(emulator, "POST", GRE_PATH, { body: greBody() });
    expect(res.status).toBe(429);
    expect(res.headers.get("retry-after")).toBe("7");
    expect(res.body.errors).toEqual([{ code: 971, message: "Please wait and consider throttling your request speed" }]);
    expect(tunnelsIn(emulator)).toEqual([]);
    expect(emulator.stats.faults["429"]).toBe(1);
    expect(emulator.stats.rateLimited).toBe(0);
  });

  test("drop-before closes the connection and the create did not happen", async () => {
    emulator.injectNext({ kind: "drop-before" });
    await expect(call(emulator, "POST", GRE_PATH, { body: greBody() })).rejects.toThrow();
    expect(tunnelsIn(emulator)).toEqual([]);
    expect(emulator.stats.requests[0]).toMatchObject({ status: null, fault: "drop-before" });
    // The next request is served normally.
    expect((await call(emulator, "POST", GRE_PATH, { body: greBody() })).status).toBe(200);
  });

  test("drop-after closes the connection but the create did happen", async () => {
    emulator.injectNext({ kind: "drop-after" });
    await expect(call(emulator, "POST", GRE_PATH, { body: greBody({ name: "GHOST" }) })).rejects.toThrow();
    expect(tunnelsIn(emulator)).toEqual(["GHOST"]);
    expect(emulator.stats.requests[0]).toMatchObject({ status: null, fault: "drop-after" });
    // A client retrying blindly now hits the duplicate-name rule.
    const retry = await call(emulator, "POST", GRE_PATH, { body: greBody({ name: "GHOST" }) });
    expect(retry.body.errors[0].code).toBe(1003);
  });

  test("drop-after on a delete really deleted", async () => {
    const t = await createGre(emulator);
    emulator.injectNext({ kind: "drop-after", method: "DELETE" });
    await expect(call(emulator, "DELETE", `${GRE_PATH}/${t.id}`)).rejects.toThrow();
    expect(tunnelsIn(emulator)).toEqual([]);
  });

  test("stall waits, then answers normally", async () => {
    emulator.injectNext({ kind: "stall", stallMs: 300 });
    const t0 = Date.now();
    const res = await call(emulator, "POST", GRE_PATH, { body: greBody() });
    expect(Date.now() - t0).toBeGreaterThanOrEqual(290);
    expect(res.status).toBe(200);
    expect(tunnelsIn(emulator)).toEqual(["GRE_1"]);
    expect(emulator.stats.faults.stall).toBe(1);
  });

  test("a fault waits for the first request matching method and pathIncludes, and is used once", async () => {
    const t = await createGre(emulator);
    emulator.injectNext({ kind: "5xx", method: "put", pathIncludes: t.id });
    expect((await call(emulator, "GET", `${GRE_PATH}/${t.id}`)).status).toBe(200);
    expect((await call(emulator, "PUT", GRE_PATH, { body: [] })).status).toBe(200);
    expect((await call(emulator, "PUT", `${GRE_PATH}/${t.id}`, { body: greBody() })).status).toBe(500);
    expect((await call(emulator, "PUT", `${GRE_PATH}/${t.id}`, { body: greBody() })).status).toBe(200);
  });

  test("queued faults apply in order", async () => {
    emulator.injectNext({ kind: "5xx", status: 502 });
    emulator.injectNext({ kind: "429" });
    expect((await call(emulator, "GET", GRE_PATH)).status).toBe(502);
    expect((await call(emulator, "GET", GRE_PATH)).status).toBe(429);
    expect((await call(emulator, "GET", GRE_PATH)).status).toBe(200);
  });

  test("unauthenticated requests do not consume a fault", async () => {
    emulator.injectNext({ kind: "5xx" });
    expect((await call(emulator, "GET", GRE_PATH, { auth: {} })).status).toBe(401);
    expect((await call(emulator, "GET", GRE_PATH)).status).toBe(500);
  });
});

describe("random faults from a seeded PRNG", () => {
  const faults: FaultOptions = { seed: 42, rate5xx: 0.2, dropBeforeRate: 0.1, rate429: 0.2, retryAfterSeconds: 3 };

  async function outcomes(options: FaultOptions, count = 40): Promise<Array<number | "dropped">> {
    const emulator = await start({ faults: options });
    try {
      const seen: Array<number | "dropped"> = [];
      for (let i = 0; i < count; i++) {
        seen.push(
          await call(emulator, "GET", GRE_PATH).then(
            (r) => r.status,
            () => "dropped" as const,
          ),
        );
      }
      return seen;
    } finally {
      await emulator.close();
    }
  }

  test("the same seed gives the same faults; another seed does not", async () => {
    const first = await outcomes(faults);
    expect(await outcomes(faults)).toEqual(first);
    expect(first).toEqual(expect.arrayContaining([200, 429, "dropped"]));
    expect(first.some((s) => typeof s === "number" && s >= 500)).toBe(true);
    expect(first.filter((s) => s === 200).length).toBeGreaterThan(10);
    expect(await outcomes({ ...faults, seed: 7 })).not.toEqual(first);
  });

  test("configure({ faults }) restarts from the seed and can switch faults off", async () => {
    const emulator = await start();
    try {
      emulator.configure({ faults: { seed: 3, rate5xx: 1 } });
      const status = (await call(emulator, "GET", GRE_PATH)).status;
      expect([500, 502, 503]).toContain(status);
      emulator.configure({ faults: null });
      expect((await call(emulator, "GET", GRE_PATH)).status).toBe(200);
    } finally {
      await emulator.close();
    }
  });

  test("rates adding up to more than 1 are refused", async () => {
    await expect(start({ faults: { rate5xx: 0.6, rate429: 0.6 } })).rejects.toThrow(/add up to at most 1/);
  });
});

describe("rate limit", () => {
  test("over the limit, the credential is locked out with 429 + Retry-After until the lockout ends", async () => {
    const emulator = await start({
      tokens: [TOKEN, "other-token"],
      rateLimit: { requests: 3, windowSeconds: 60, lockoutSeconds: 2 },
    });
    try {
      for (let i = 0; i < 3; i++) expect((await call(emulator, "GET", GRE_PATH)).status).toBe(200);

      const limited = await call(emulator, "POST", GRE_PATH, { body: greBody() });
      expect(limited.status).toBe(429);
      expect(limited.headers.get("retry-after")).toBe("2");
      expect(limited.body.errors).toEqual([{ code: 971, message: "Please wait and consider throttling your request speed" }]);
      expect(emulator.store.countAll()).toBe(0);

      // Every request is refused during the lockout, whatever it is.
      const stillLimited = await call(emulator, "GET", "/nowhere");
      expect(stillLimited.status).toBe(429);
      expect(Number(stillLimited.headers.get("retry-after"))).toBeGreaterThanOrEqual(1);

      // Other credentials have their own window.
      expect((await call(emulator, "GET", GRE_PATH, { auth: { authorization: "Bearer other-token" } })).status).toBe(200);
      expect(emulator.stats.rateLimited).toBe(2);

      await new Promise((r) => setTimeout(r, 2100));
      expect((await call(emulator, "GET", GRE_PATH)).status).toBe(200);
    } finally {
      await emulator.close();
    }
  });

  test("the window slides: old requests stop counting", async () => {
    const emulator = await start({ rateLimit: { requests: 2, windowSeconds: 0.3 } });
    try {
      expect((await call(emulator, "GET", GRE_PATH)).status).toBe(200);
      expect((await call(emulator, "GET", GRE_PATH)).status).toBe(200);
      await new Promise((r) => setTimeout(r, 350));
      expect((await call(emulator, "GET", GRE_PATH)).status).toBe(200);
      expect((await call(emulator, "GET", GRE_PATH)).status).toBe(200);
    } finally {
      await emulator.close();
    }
  });

  test("configure({ rateLimit: null }) lifts the limit and its lockouts", async () => {
    const emulator = await start({ rateLimit: { requests: 1, windowSeconds: 60 } });
    try {
      expect((await call(emulator, "GET", GRE_PATH)).status).toBe(200);
      const locked = await call(emulator, "GET", GRE_PATH);
      expect(locked.status).toBe(429);
      expect(locked.headers.get("retry-after")).toBe("300");
      emulator.configure({ rateLimit: null });
      expect((await call(emulator, "GET", GRE_PATH)).status).toBe(200);
    } finally {
      await emulator.close();
    }
  });
});
