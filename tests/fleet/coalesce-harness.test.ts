/**
 * The harness runs like the engine (issue 11 item 4): at most P provider steps at once for apply,
 * refresh and destroy, and a destroy deletes dependants first. Counted on the host's calls.
 */
import type { Host } from "../harness/host";
import { ProgramDriver, defaultParallel } from "../harness/program";
import { type TestStack, testStack, tunnelsFor } from "../resources/stack";
import { FLEET_ROUTE_NEXTHOP, type FleetSize, fleetProgram, objectCount } from "./coalesce-fleet";

jest.setTimeout(300_000);

/** The host, with the most calls of each kind seen in flight at once and the order deletes start and end in. */
function counting(host: Host) {
  const inFlight: Record<string, number> = {};
  const max: Record<string, number> = {};
  const events: string[] = [];
  const h = Object.create(host) as Record<string, unknown>;
  for (const name of ["create", "read", "update", "delete"] as const) {
    const original = (host[name] as (...a: unknown[]) => Promise<unknown>).bind(host);
    h[name] = async (...args: unknown[]) => {
      inFlight[name] = (inFlight[name] ?? 0) + 1;
      max[name] = Math.max(max[name] ?? 0, inFlight[name]);
      if (name === "delete") events.push(`start ${String(args[1])}`);
      try {
        return await original(...args);
      } finally {
        inFlight[name]--;
        if (name === "delete") events.push(`end ${String(args[1])}`);
      }
    };
  }
  return { host: h as unknown as Host, max, events };
}

describe("ProgramDriver parallelism", () => {
  let s: TestStack;
  afterAll(async () => {
    await s?.close();
  });

  it("defaults to the engine's 4 × CPUs, PULUMI_PARALLEL wins, and a bad value is refused", () => {
    const saved = process.env.PULUMI_PARALLEL;
    try {
      delete process.env.PULUMI_PARALLEL;
      expect(defaultParallel()).toBe(4 * require("node:os").cpus().length);
      process.env.PULUMI_PARALLEL = "3";
      expect(defaultParallel()).toBe(3);
    } finally {
      if (saved === undefined) delete process.env.PULUMI_PARALLEL;
      else process.env.PULUMI_PARALLEL = saved;
    }
    expect(() => new ProgramDriver({ host: {} as Host, parallel: 0 })).toThrow(/parallel must be a whole number of at least 1/);
  });

  it("apply, refresh and destroy keep at most P steps in flight (and use them); destroy deletes dependants first", async () => {
    s = await testStack();
    tunnelsFor(s.emulator, [FLEET_ROUTE_NEXTHOP]);
    const P = 4;
    const fleet: FleetSize = { routes: 16, gre: 0, ipsec: 0, sites: 2, apps: 0 };
    const c = counting(s.host);
    const d = new ProgramDriver({ host: c.host, project: "test", stack: "dev", parallel: P });
    await d.up(fleetProgram(fleet));
    expect(d.state.size).toBe(objectCount(fleet));
    await d.refresh();
    const deps = new Map([...d.state.values()].map((e) => [e.urn, e.dependencies]));
    await d.destroy();
    expect(d.state.size).toBe(0);
    expect(s.emulator.store.list("0123456789abcdef0123456789abcdef", "routes")).toHaveLength(0);
    console.log(`harness at P=${P}: most steps in flight at once ${JSON.stringify(c.max)}`);
    for (const kind of ["create", "read", "delete"]) {
      expect(c.max[kind]).toBeLessThanOrEqual(P);
      expect(c.max[kind]).toBeGreaterThan(1);
    }
    // Every delete of something used ends after the deletes of what uses it.
    const at = (event: string) => c.events.indexOf(event);
    let checked = 0;
    for (const [urn, uses] of deps) {
      for (const used of uses) {
        if (!deps.has(used)) continue;
        expect([urn, used, at(`end ${urn}`) < at(`start ${used}`)]).toEqual([urn, used, true]);
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(10); // LANs and WANs on their site, ACLs on their LANs and site
  });
});
