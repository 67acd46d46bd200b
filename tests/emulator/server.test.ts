import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import type { Emulator } from "../../emulator";
import { ACCOUNT, asStored, call, createGre, errorsOf, GRE_PATH, greBody, start, TOKEN } from "./helpers";

describe("routing and body parsing", () => {
  let emulator: Emulator;
  beforeAll(async () => {
    emulator = await start();
  });
  afterAll(async () => {
    await emulator.close();
  });

  test("the base URL is on 127.0.0.1 and ends in /client/v4", () => {
    expect(emulator.url).toBe(`http://127.0.0.1:${emulator.port}/client/v4`);
  });

  test.each([
    ["an unknown path", `/accounts/${ACCOUNT}/magic/nothing_here`],
    ["an extra segment", `${GRE_PATH}/abc/def`],
    ["a path outside /client/v4", "/../v3/accounts"],
  ])("%s is 404 / 7003", async (_case, p) => {
    const res = await call(emulator, "GET", p);
    expect(res.status).toBe(404);
    expect(res.body.success).toBe(false);
    expect(errorsOf(res)).toEqual([{ code: 7003, pointer: undefined }]);
    expect(res.body.errors[0].message).toMatch(/^Could not route to .*, perhaps your object identifier is invalid\?$/);
  });

  test("a known path with an unsupported method is 405 / 7001", async () => {
    const res = await call(emulator, "PATCH", GRE_PATH, { body: {} });
    expect(res.status).toBe(405);
    expect(errorsOf(res)).toEqual([{ code: 7001, pointer: undefined }]);
  });

  test("a trailing slash routes like the path without it", async () => {
    expect((await call(emulator, "GET", `${GRE_PATH}/`)).status).toBe(200);
  });

  test("path segments are decoded: an encoded slash stays inside the id", async () => {
    const res = await call(emulator, "GET", `${GRE_PATH}/a%2Fb`);
    expect(res.status).toBe(404);
    expect(errorsOf(res)).toEqual([{ code: 1029, pointer: undefined }]);
    // "%34" is "4", the fifth character of ACCOUNT.
    const encodedAccount = await call(emulator, "GET", `/accounts/${ACCOUNT.slice(0, 4)}%34${ACCOUNT.slice(5)}/magic/gre_tunnels`);
    expect(encodedAccount.status).toBe(200);
  });

  test("malformed JSON is 400 / 1001 and changes nothing; 1022 on the tunnels and routes, as the live API answers", async () => {
    const res = await call(emulator, "POST", `/accounts/${ACCOUNT}/magic/sites`, { body: '{"name": "site_1",' });
    expect(res.status).toBe(400);
    expect(errorsOf(res)).toEqual([{ code: 1001, pointer: undefined }]);
    const gre = await call(emulator, "POST", GRE_PATH, { body: '{"name": "GRE_1",' });
    expect([gre.status, errorsOf(gre)]).toEqual([400, [{ code: 1022, pointer: undefined }]]);
    expect(emulator.store.countAll()).toBe(0);
  });

  test("a missing body on create is a 400", async () => {
    expect(errorsOf(await call(emulator, "POST", `/accounts/${ACCOUNT}/magic/sites`))).toEqual([{ code: 1001, pointer: undefined }]);
    expect(errorsOf(await call(emulator, "POST", GRE_PATH))).toEqual([{ code: 1022, pointer: undefined }]);
  });
});

describe("authentication", () => {
  let emulator: Emulator;
  beforeAll(async () => {
    emulator = await start({
      tokens: { [TOKEN]: {}, "old-token": { expired: true } },
      email: "ops@example.com",
      apiKey: "global-key",
    });
  });
  afterAll(async () => {
    await emulator.close();
  });

  const AUTH_ERROR = { success: false, errors: [{ code: 10000, message: "Authentication error" }], messages: [], result: null };

  test("a configured bearer token is accepted", async () => {
    expect((await call(emulator, "GET", GRE_PATH)).status).toBe(200);
  });

  test("a matching X-Auth-Email + X-Auth-Key pair is accepted", async () => {
    const res = await call(emulator, "GET", GRE_PATH, { auth: { "x-auth-email": "ops@example.com", "x-auth-key": "global-key" } });
    expect(res.status).toBe(200);
  });

  test.each([
    ["no credentials", {}],
    ["an unknown token", { authorization: "Bearer nope" }],
    ["a non-bearer scheme", { authorization: `Basic ${TOKEN}` }],
    ["an empty bearer", { authorization: "Bearer " }],
    ["a wrong API key", { "x-auth-email": "ops@example.com", "x-auth-key": "wrong" }],
    ["an email without key", { "x-auth-email": "ops@example.com" }],
  ])("%s is 401 / 10000", async (_case, auth) => {
    const res = await call(emulator, "GET", GRE_PATH, { auth });
    expect(res.status).toBe(401);
    expect(res.body).toEqual(AUTH_ERROR);
  });

  test("an expired token is 401 / 9109", async () => {
    const res = await call(emulator, "GET", GRE_PATH, { auth: { authorization: "Bearer old-token" } });
    expect(res.status).toBe(401);
    expect(res.body.errors).toEqual([{ code: 9109, message: "Invalid access token" }]);
  });

  test("authentication comes before routing and does nothing", async () => {
    const unrouted = await call(emulator, "GET", "/nowhere", { auth: {} });
    expect(unrouted.status).toBe(401);
    const create = await call(emulator, "POST", GRE_PATH, { auth: {}, body: greBody() });
    expect(create.status).toBe(401);
    expect(emulator.store.countAll()).toBe(0);
  });

  test("with no credentials configured, any credential is accepted but none is still refused", async () => {
    const open = await start({ tokens: undefined });
    try {
      expect((await call(open, "GET", GRE_PATH, { auth: { authorization: "Bearer anything" } })).status).toBe(200);
      expect((await call(open, "GET", GRE_PATH, { auth: { "x-auth-email": "a@b.c", "x-auth-key": "k" } })).status).toBe(200);
      expect((await call(open, "GET", GRE_PATH, { auth: {} })).status).toBe(401);
    } finally {
      await open.close();
    }
  });
});

describe("stats and request log", () => {
  let emulator: Emulator;
  beforeEach(async () => {
    emulator = await start();
  });
  afterEach(async () => {
    await emulator.close();
  });

  test("counts requests per route pattern and logs them with credentials redacted", async () => {
    const t = await createGre(emulator);
    await call(emulator, "GET", `${GRE_PATH}/${t.id}`);
    await call(emulator, "GET", `${GRE_PATH}/${t.id}`, { headers: { "x-magic-new-hc-target": "true" } });
    await call(emulator, "GET", "/nowhere");
    await call(emulator, "GET", GRE_PATH, { auth: { "x-auth-email": "a@b.c", "x-auth-key": "secret-key" } });

    const { stats } = emulator;
    expect(stats.totalRequests).toBe(5);
    expect(stats.byRoute).toEqual({
      "POST /accounts/:account_id/magic/gre_tunnels": 1,
      "GET /accounts/:account_id/magic/gre_tunnels/:gre_tunnel_id": 2,
      "GET /accounts/:account_id/magic/gre_tunnels": 1,
      "GET (no route)": 1,
    });
    expect(stats.requests.map((r) => [r.method, r.status])).toEqual([
      ["POST", 200],
      ["GET", 200],
      ["GET", 200],
      ["GET", 404],
      ["GET", 401],
    ]);
    const [create, , withHeader, , legacy] = stats.requests;
    expect(create.url).toBe(`/client/v4${GRE_PATH}`);
    expect(create.route).toBe("POST /accounts/:account_id/magic/gre_tunnels");
    expect(create.body).toEqual(greBody());
    expect(create.headers.authorization).toBe("Bearer [redacted]");
    expect(withHeader.headers["x-magic-new-hc-target"]).toBe("true");
    expect(legacy.headers["x-auth-key"]).toBe("[redacted]");
    expect(legacy.headers["x-auth-email"]).toBe("a@b.c");
    expect(JSON.stringify(stats)).not.toContain(TOKEN);
    expect(JSON.stringify(stats)).not.toContain("secret-key");
  });

  test("resetStats clears everything in place", async () => {
    await call(emulator, "GET", GRE_PATH);
    const stats = emulator.stats;
    emulator.resetStats();
    expect(stats).toBe(emulator.stats);
    expect(stats).toEqual({
      totalRequests: 0,
      byRoute: {},
      faults: { "5xx": 0, "drop-before": 0, "drop-after": 0, "429": 0, stall: 0 },
      rateLimited: 0,
      requests: [],
    });
    await call(emulator, "GET", GRE_PATH);
    expect(emulator.stats.totalRequests).toBe(1);
  });
});

describe("latency", () => {
  test("latencyMs delays every answer; configure({ latencyMs }) changes it", async () => {
    // A lower bound only (a timer never fires early); no upper bound, which a busy machine breaks.
    const emulator = await start({ latencyMs: 150 });
    try {
      const t0 = Date.now();
      await call(emulator, "GET", GRE_PATH);
      expect(Date.now() - t0).toBeGreaterThanOrEqual(140);
    } finally {
      await emulator.close();
    }
    // Ten minutes of latency, then none: the answer arrives only if configure() took effect (else
    // the test runs into jest's timeout), however slow the machine.
    const slow = await start({ latencyMs: 600_000 });
    try {
      slow.configure({ latencyMs: 0 });
      expect((await call(slow, "GET", GRE_PATH)).status).toBe(200);
    } finally {
      await slow.close();
    }
  });

  test("close() does not wait for a request stuck in latency", async () => {
    const emulator = await start({ latencyMs: 30_000 });
    const pending = call(emulator, "GET", GRE_PATH).catch((e: Error) => e);
    await new Promise((r) => setTimeout(r, 50));
    const t0 = Date.now();
    await emulator.close();
    expect(Date.now() - t0).toBeLessThan(1000);
    // fetch's errors come from another realm than jest's Error, so check the shape instead.
    expect(await pending).toMatchObject({ message: "fetch failed" });
  });
});

describe("persistence", () => {
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "emulator-state-"));
  });
  afterEach(() => {
    fs.rmSync(dir, { recursive: true, force: true });
  });

  test("state is written after each change and loaded on start", async () => {
    const stateFile = path.join(dir, "nested", "state.json");
    const first = await start({ stateFile });
    const kept = await createGre(first, { name: "KEPT" });
    const gone = await createGre(first, { name: "GONE" });
    await call(first, "DELETE", `${GRE_PATH}/${gone.id}`);
    await first.close();

    const onDisk = JSON.parse(fs.readFileSync(stateFile, "utf8"));
    expect(onDisk.version).toBe(1);
    expect(onDisk.accounts[ACCOUNT].gre_tunnels.map((t: { name: string }) => t.name)).toEqual(["KEPT"]);
    expect(fs.readdirSync(path.dirname(stateFile))).toEqual(["state.json"]);

    const second = await start({ stateFile });
    try {
      const res = await call(second, "GET", `${GRE_PATH}/${kept.id}`);
      // As created, but read: times as stored, and a false automatic_return_routing left out (emulator README, Live behaviours).
      const { automatic_return_routing: _arr, ...read } = kept;
      expect(res.body.result.gre_tunnel).toEqual(asStored(read));
    } finally {
      await second.close();
    }
  });

  test("validate_only writes nothing", async () => {
    const stateFile = path.join(dir, "state.json");
    const emulator = await start({ stateFile });
    try {
      await call(emulator, "POST", `${GRE_PATH}?validate_only=true`, { body: greBody() });
      expect(fs.existsSync(stateFile)).toBe(false);
    } finally {
      await emulator.close();
    }
  });

  test("a corrupt state file stops the start instead of being overwritten", async () => {
    const stateFile = path.join(dir, "state.json");
    fs.writeFileSync(stateFile, "{not json");
    await expect(start({ stateFile })).rejects.toThrow();
    expect(fs.readFileSync(stateFile, "utf8")).toBe("{not json");
  });
});
