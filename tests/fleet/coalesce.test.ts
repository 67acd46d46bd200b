/**
 * Issue 11 targets, CI-sized, through the real provider host driven like the engine (P steps at
 * once) against the emulator: a fleet refresh costs at most 2 requests per collection and gives
 * the state per-object reads give; 300 StaticRoute priority changes cost at most ⌈300/P⌉ + 2
 * requests, a bad route's error still lands on its own resource. Figures are printed.
 * The full-size fleet (970 objects) runs in `npm run bench -- fleet` (bench/fleet.ts).
 */
import { type Host, secret, startHost } from "../harness/host";
import { ProgramDriver, RunError, type StateEntry } from "../harness/program";
import { ACCOUNT, REPO, TOKEN, type TestStack, testStack, tunnelsFor } from "../resources/stack";
import { CI_FLEET, FLEET_ROUTE_NEXTHOP, type FleetSize, byCollection, byKind, fleetProgram, objectCount } from "./coalesce-fleet";

jest.setTimeout(600_000);

const config = (s: TestStack, extra: Record<string, string> = {}) => ({
  "cloudflare:apiToken": secret(TOKEN),
  "cloudflare-magic:accountId": ACCOUNT,
  "cloudflare-magic:baseUrl": s.emulator.url,
  ...extra,
});

/**
 * Runs `f` with a provider host of its own, configured with `settings`: each `pulumi` command
 * starts its own host process, so no coalescing state (snapshot, learned P) crosses commands.
 */
async function withHost<T>(s: TestStack, settings: Record<string, string>, f: (host: Host) => Promise<T>): Promise<T> {
  const host = await startHost({ cwd: REPO, project: "test" });
  try {
    await host.configure(config(s, settings));
    return await f(host);
  } finally {
    await host.close();
  }
}

/** A driver at parallelism P over a deep copy of `state`. */
function driverAt(host: Host, p: number, state: Map<string, StateEntry>): ProgramDriver {
  const d = new ProgramDriver({ host, project: "test", stack: "dev", parallel: p });
  for (const [k, v] of state) d.state.set(k, structuredClone(v));
  return d;
}

const stateOf = (d: ProgramDriver) => JSON.stringify([...d.state.values()].map((e) => [e.urn, e.id, e.inputs, e.outputs]).sort());

interface Refreshed {
  requests: number;
  perCollection: Map<string, number>;
  kinds: Record<string, number>;
  state: string;
  driver: ProgramDriver;
  stderr: string;
}

/** One `pulumi refresh` at parallelism P, in a host of its own; `before` may inject faults. */
async function refreshAt(
  s: TestStack,
  p: number,
  coalesce: boolean,
  state: Map<string, StateEntry>,
  extra: Record<string, string> = {},
  before = () => {},
): Promise<Refreshed> {
  return withHost(s, { "cloudflare-magic:coalesce": String(coalesce), ...extra }, async (host) => {
    const d = driverAt(host, p, state);
    s.emulator.resetStats();
    before();
    await d.refresh();
    const requests = [...s.emulator.stats.requests];
    // A debug line is written when the snapshot retires (idle for 2 s): wait for the host to write it.
    if (extra["cloudflare-magic:debug"])
      for (let i = 0; i < 100 && !/coalesced \d+ reads of \S+\/magic\/gre_tunnels/.test(host.stderr()); i++)
        await new Promise((r) => setTimeout(r, 100));
    return {
      requests: requests.length,
      perCollection: byCollection(requests),
      kinds: byKind(requests),
      state: stateOf(d),
      driver: d,
      stderr: host.stderr(),
    };
  });
}

/** Routes per bulk PUT, for the printed figures. */
const batchSizes = (requests: Array<{ body?: unknown }>) =>
  requests.map((x) => (x.body as { routes?: unknown[] })?.routes?.length ?? 1).join(",");

const ROUTES_ONLY: FleetSize = { routes: 300, gre: 0, ipsec: 0, sites: 0, apps: 0 };

describe("fleet refresh: coalesced reads", () => {
  let s: TestStack;
  let applied: Map<string, StateEntry>;
  beforeAll(async () => {
    s = await testStack();
    const d = new ProgramDriver({ host: s.host, project: "test", stack: "dev", parallel: 64 });
    await d.up(fleetProgram(CI_FLEET));
    applied = d.state;
  });
  afterAll(async () => {
    await s?.close();
  });

  it(`refreshes ${objectCount(CI_FLEET)} objects with at most 2 requests per collection at P=8 and P=64, state identical to per-object reads`, async () => {
    const perObject = await refreshAt(s, 8, false, applied);
    expect(perObject.requests).toBeGreaterThanOrEqual(objectCount(CI_FLEET));
    const lines = [`fleet refresh, ${objectCount(CI_FLEET)} objects (CI size): per-object reads ${perObject.requests} requests`];
    for (const p of [8, 64]) {
      const r = await refreshAt(s, p, true, applied);
      lines.push(
        `  coalesced P=${p}: ${r.requests} requests over ${r.perCollection.size} collections (max ${Math.max(...r.perCollection.values())} per collection) ${JSON.stringify(r.kinds)}`,
      );
      for (const [collection, n] of r.perCollection) expect([collection, n <= 2]).toEqual([collection, true]);
      expect(r.state).toEqual(perObject.state);
      expect(r.requests).toBeLessThan(perObject.requests / 4);
    }
    console.log(lines.join("\n"));
  });

  it("confirms an object missing from the list before reporting it gone (own GET, or a later list for objects read through it)", async () => {
    const routeId = [...applied.values()].find((e) => e.name === "route-3")!.id!;
    const appId = [...applied.values()].find((e) => e.name === "app-1")!.id!;
    s.emulator.store.remove(ACCOUNT, "routes", routeId);
    s.emulator.store.remove(ACCOUNT, "apps", appId);
    const r = await refreshAt(s, 8, true, applied);
    expect(r.driver.state.has([...applied.values()].find((e) => e.name === "route-3")!.urn)).toBe(false);
    expect(r.driver.state.has([...applied.values()].find((e) => e.name === "app-1")!.urn)).toBe(false);
    expect(r.driver.state.size).toBe(applied.size - 2);
    const routes = [...r.perCollection].find(([c]) => c.endsWith("/magic/routes"))!;
    const apps = [...r.perCollection].find(([c]) => c.endsWith("/magic/apps"))!;
    // The list, then the missing route's own GET (404); apps have no GET: a second list.
    expect(routes[1]).toBe(2);
    expect(apps[1]).toBe(2);
    for (const [, n] of r.perCollection) expect(n).toBeLessThanOrEqual(2);
  });

  it("a 429 during a coalesced read: the list waits Retry-After and answers every read", async () => {
    const base = await refreshAt(s, 8, false, applied);
    const r = await refreshAt(s, 8, true, applied, {}, () =>
      s.emulator.injectNext({ kind: "429", method: "GET", pathIncludes: "/magic/gre_tunnels", retryAfterSeconds: 1 }),
    );
    expect(r.state).toEqual(base.state);
    expect(s.emulator.stats.requests.filter((x) => x.status === 429)).toHaveLength(1);
    const gre = [...r.perCollection].find(([c]) => c.endsWith("/magic/gre_tunnels"))![1];
    expect(gre).toBeLessThanOrEqual(3); // at most 2, plus the refused attempt
  });

  it("logs what was coalesced (debug)", async () => {
    const r = await refreshAt(s, 8, true, applied, { "cloudflare-magic:debug": "true" });
    expect(r.stderr).toMatch(/coalesced \d+ reads of \/accounts\/\w+\/magic\/gre_tunnels into one list \(\d+ objects\)/);
  });
});

describe("300 StaticRoute priority changes: coalesced bulk PUTs", () => {
  let s: TestStack;
  let state: Map<string, StateEntry>;
  beforeAll(async () => {
    s = await testStack();
    // The tunnel the routes point into, through the store: no request, so the counts are the routes' own.
    tunnelsFor(s.emulator, [FLEET_ROUTE_NEXTHOP]);
    const d = new ProgramDriver({ host: s.host, project: "test", stack: "dev", parallel: 64 });
    await d.up(fleetProgram(ROUTES_ONLY));
    state = d.state;
  });
  afterAll(async () => {
    await s?.close();
  });
  const priorities = () => new Set(s.emulator.store.list<{ priority: number } & { id: string }>(ACCOUNT, "routes").map((r) => r.priority));

  /** One `pulumi up` at parallelism P in a host of its own; the state carries on. */
  async function upAt(
    p: number,
    priority: number,
    before = () => {},
  ): Promise<{ error?: RunError; ops: number; requests: typeof s.emulator.stats.requests }> {
    return withHost(s, {}, async (host) => {
      const d = driverAt(host, p, state);
      s.emulator.resetStats();
      before();
      let error: RunError | undefined;
      let ops = 0;
      try {
        ops = (await d.up(fleetProgram(ROUTES_ONLY, () => priority))).ops.filter((o) => o.op === "update").length;
      } catch (e) {
        if (!(e instanceof RunError)) throw e;
        error = e;
      }
      state = d.state;
      return { error, ops, requests: [...s.emulator.stats.requests] };
    });
  }

  for (const [i, p] of [8, 64].entries()) {
    it(`at P=${p}: at most ⌈300/P⌉ + 2 = ${Math.ceil(300 / p) + 2} requests, every route changed, then a second apply is a no-op`, async () => {
      const r = await upAt(p, 200 + i);
      console.log(
        `300 priority changes at P=${p}: ${r.requests.length} requests (${JSON.stringify(byKind(r.requests))}, routes per request ${batchSizes(r.requests)}); per-route baseline 300`,
      );
      expect(r.error).toBeUndefined();
      expect(r.ops).toBe(300);
      expect(r.requests.length).toBeLessThanOrEqual(Math.ceil(300 / p) + 2);
      expect(r.requests.every((x) => x.method === "PUT" && x.url.endsWith("/magic/routes"))).toBe(true);
      expect(priorities()).toEqual(new Set([200 + i]));
      const again = await upAt(p, 200 + i);
      expect(again.ops).toBe(0);
      expect(again.requests).toHaveLength(0);
    });
  }

  it("a route deleted behind our back fails on its own resource; the others change (P=64)", async () => {
    const victim = [...state.values()].find((e) => e.name === "route-17")!;
    const r = await upAt(64, 300, () => s.emulator.store.remove(ACCOUNT, "routes", victim.id!));
    console.log(
      `300 priority changes at P=64 with one route gone: ${r.requests.length} requests (${JSON.stringify(byKind(r.requests))}, routes per request ${batchSizes(r.requests)})`,
    );
    expect(r.error).toBeInstanceOf(RunError);
    expect(r.error!.errors).toHaveLength(1);
    expect(r.error!.errors[0].message).toMatch(/update StaticRoute 'route-17'.*404/s);
    expect(priorities()).toEqual(new Set([300]));
    // The refused batch, the rest of it again in bulk, the gone route's own PUT.
    expect(r.requests.length).toBeLessThanOrEqual(Math.ceil(300 / 64) + 2 + 2);
    state.delete(victim.urn); // as a refresh would
  });

  it("a 5xx on a bulk PUT is retried (PUT is idempotent); every route changes", async () => {
    // route-17, gone from the emulator and from state but still declared, is created again.
    const r = await upAt(64, 400, () => s.emulator.injectNext({ kind: "5xx", method: "PUT", pathIncludes: "/magic/routes", status: 503 }));
    expect(r.error).toBeUndefined();
    const puts = r.requests.filter((x) => x.method === "PUT");
    expect(puts.filter((x) => x.status === 503)).toHaveLength(1);
    expect(puts.length).toBeLessThanOrEqual(Math.ceil(299 / 64) + 2 + 1);
    expect(priorities()).toEqual(new Set([400]));
  });
});

describe("a failed list", () => {
  let s: TestStack;
  afterAll(async () => {
    await s?.close();
  });

  it("fails the reads that waited for it (no retry left); nothing is reported gone; the next refresh works", async () => {
    // One attempt per request, so the injected 500 is final.
    s = await testStack({ "cloudflare-magic:maxAttempts": "1" });
    const fleet: FleetSize = { routes: 0, gre: 12, ipsec: 0, sites: 0, apps: 0 };
    const d = new ProgramDriver({ host: s.host, project: "test", stack: "dev", parallel: 8 });
    await d.up(fleetProgram(fleet));
    const before = stateOf(d);
    s.emulator.resetStats();
    s.emulator.injectNext({ kind: "5xx", method: "GET", pathIncludes: "/magic/gre_tunnels" });
    await expect(d.refresh()).rejects.toThrow(/500/);
    const sent = s.emulator.stats.requests;
    // The reads in flight waited for one list, which failed; a read the engine started after the
    // failure (a loaded machine may) goes alone. Nothing else was sent, nothing retried.
    const failed = sent.filter((x) => x.status === 500);
    expect(failed).toHaveLength(1);
    expect(failed[0].url).toMatch(/\/magic\/gre_tunnels$/);
    expect(sent.length).toBeLessThan(fleet.gre / 2);
    expect(stateOf(d)).toBe(before);
    s.emulator.resetStats();
    await d.refresh();
    expect(stateOf(d)).toBe(before);
    expect(s.emulator.stats.totalRequests).toBeLessThanOrEqual(2);
  });
});

describe("read rules", () => {
  let s: TestStack;
  afterAll(async () => {
    await s?.close();
  });

  it("a lone read uses its own GET; reads together share one list; a write of the collection retires the snapshot", async () => {
    s = await testStack();
    tunnelsFor(s.emulator, [FLEET_ROUTE_NEXTHOP]);
    const fleet: FleetSize = { routes: 4, gre: 0, ipsec: 0, sites: 0, apps: 0 };
    const d = new ProgramDriver({ host: s.host, project: "test", stack: "dev", parallel: 8 });
    await d.up(fleetProgram(fleet));
    const [a, b, c] = [...d.state.values()];
    await withHost(s, {}, async (host) => {
      s.emulator.resetStats();
      await host.read(a.id!, a.urn, a.outputs, a.inputs);
      expect(s.emulator.stats.requests.map((r) => r.route)).toEqual(["GET /accounts/:account_id/magic/routes/:route_id"]);

      s.emulator.resetStats();
      await Promise.all([b, c].map((e) => host.read(e.id!, e.urn, e.outputs, e.inputs)));
      expect(s.emulator.stats.requests.map((r) => r.route)).toEqual(["GET /accounts/:account_id/magic/routes"]);

      // Fresh snapshot: the next read costs nothing.
      s.emulator.resetStats();
      await host.read(a.id!, a.urn, a.outputs, a.inputs);
      expect(s.emulator.stats.totalRequests).toBe(0);

      // Our own write of the collection: the snapshot is no longer used.
      s.emulator.resetStats();
      const updated = await host.update(a.id!, a.urn, a.outputs, { ...a.inputs, priority: 7 }, a.inputs);
      const read = await host.read(a.id!, a.urn, updated.properties, { ...a.inputs, priority: 7 });
      expect(read.properties.priority).toBe(7);
      expect(s.emulator.stats.requests.map((r) => r.method)).toEqual(["PUT", "GET"]);
    });
  });
});
