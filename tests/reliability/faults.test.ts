import * as path from "node:path";
import * as magic from "pulumi-cloudflare-magic";
import type { FaultKind, FaultOptions, RequestLogEntry } from "../../emulator";
import { type Program, ProgramDriver, type RunResult } from "../harness/program";
import { ACCOUNT, REPO, type TestStack, testStack } from "../resources/stack";

/**
 * Convergence under faults: whole programs (the transit-onramp and branch-office examples, and a
 * program that replaces resources) applied through the real provider host while the emulator
 * answers 5xx, drops connections before and after acting, rate-limits with Retry-After and
 * stalls, from a fixed seed. After at most two applies the account holds exactly what the
 * program declares (none missing, none twice, no orphan of a replacement), and destroy, with the
 * faults still on, leaves it empty.
 *
 * What happened is read from the emulator's request log, since the provider host's own counters
 * live in another process: a retry is a request (same method, URL and body) repeated after its
 * previous attempt failed (5xx, 429 or no answer); a recovered create is a POST whose connection
 * was dropped, followed by a list GET of the collection and no second POST of that body (the
 * provider found the object instead of making a second one).
 *
 * About a third of the requests fail and a few stall. Seed 25 leaves the first requests alone:
 * with the branch office applied first, those are its app and its site. A Site (like a
 * cni.Interconnect) has nothing unique to find a lost create by, so the provider does not send it
 * again and fails the apply with a sentence saying so; had the site's create been the one lost
 * after Cloudflare acted, the next apply would make a second site. Every later create here is of
 * a resource the provider can find again (by name, by its LANs, by prefix and nexthop, ...),
 * whatever order the requests come in.
 */
const FAULTS: FaultOptions = {
  seed: 25,
  rate5xx: 0.2,
  dropBeforeRate: 0.05,
  dropAfterRate: 0.05,
  rate429: 0.05,
  retryAfterSeconds: 1,
  stallRate: 0.03,
  stallMs: 2000,
};

/** Provider steps at once (see beforeAll). */
const STEPS = 1;

let s: TestStack;
beforeAll(async () => {
  // One request at a time keeps the order of requests, and so which one each fault hits, nearly
  // repeatable: only requests of resources created side by side can swap places after retries.
  // The drivers run one step at a time too (STEPS), for the same reason: the seeded faults were
  // chosen for that order, and at the engine's parallelism the order changes with the machine's load.
  s = await testStack({ "cloudflare-magic:maxConcurrency": "1" });
});
afterAll(async () => {
  await s.close();
});
beforeEach(() => {
  s.emulator.configure({ faults: null });
  s.emulator.store.clear();
  s.emulator.resetStats();
});

interface Tally {
  requests: number;
  faults: Record<FaultKind, number>;
  retries: number;
  recoveredCreates: number;
  applies: Record<string, number>;
}

const failed = (r: RequestLogEntry) => r.status === null || r.status === 429 || r.status >= 500;
const requestKey = (r: RequestLogEntry) => `${r.method} ${r.url} ${JSON.stringify(r.body ?? null)}`;
const pathOf = (url: string) => url.split("?")[0];

function tally(log: RequestLogEntry[], applies: Record<string, number>): Tally {
  const lastFailed = new Map<string, boolean>();
  let retries = 0;
  for (const r of log) {
    if (lastFailed.get(requestKey(r))) retries++;
    lastFailed.set(requestKey(r), failed(r));
  }
  const recoveredCreates = log.filter((r, i) => {
    if (r.method !== "POST" || r.status !== null) return false;
    const later = log.slice(i + 1);
    return later.some((x) => x.method === "GET" && pathOf(x.url) === pathOf(r.url)) && !later.some((x) => requestKey(x) === requestKey(r));
  }).length;
  return { requests: log.length, faults: { ...s.emulator.stats.faults }, retries, recoveredCreates, applies };
}

function print(title: string, t: Tally): void {
  const faults = Object.entries(t.faults)
    .map(([k, n]) => `${k} ${n}`)
    .join(", ");
  const applies = Object.entries(t.applies)
    .map(([k, n]) => `${k} ${n}`)
    .join(", ");
  console.log(
    `${title}: ${t.requests} requests; faults injected: ${faults}; retries ${t.retries}; recovered creates ${t.recoveredCreates}; applies needed: ${applies}`,
  );
}

/** Applies until it succeeds, at most twice; returns how many applies it took. */
async function converge(driver: ProgramDriver, program: Program): Promise<number> {
  const first = await driver.up(program).catch((e: Error) => e);
  if (!(first instanceof Error)) return 1;
  console.log(`${driver.project}: the first apply failed, as faults may make it:\n${first.message}`);
  const second: RunResult = await driver.up(program);
  expect(second.errors).toEqual([]);
  return 2;
}

/** Every id the stacks' state knows, RouteTable routes included. */
function idsInState(...drivers: ProgramDriver[]): string[] {
  return drivers.flatMap((d) =>
    [...d.state.values()].flatMap((e) => [
      ...(e.custom && !e.type.includes(":RouteTable") && e.id ? [e.id] : []),
      ...(Array.isArray(e.outputs.routes) ? e.outputs.routes.map((r: { id: string }) => r.id) : []),
    ]),
  );
}

/** Every object the emulator holds, as `collection/id`. */
function objectsInAccount(): string[] {
  return Object.entries(s.emulator.store.dump().accounts[ACCOUNT] ?? {}).flatMap(([c, items]) => items.map((o) => `${c}/${o.id}`));
}

/** The account holds exactly what the stacks declare, and a preview of each program changes nothing. */
async function expectExactly(pairs: Array<[ProgramDriver, Program]>): Promise<void> {
  for (const [driver, program] of pairs) {
    const p = await driver.preview(program);
    expect(p.ops.filter((o) => o.op !== "same")).toEqual([]);
  }
  const held = objectsInAccount();
  expect(held.map((o) => o.split("/")[1]).sort()).toEqual(idsInState(...pairs.map(([d]) => d)).sort());
  expect(new Set(held).size).toBe(held.length);
}

const example = (driver: ProgramDriver, name: string) => driver.moduleProgram(path.join(REPO, "examples", name, "index.ts"));

describe("convergence under faults", () => {
  it("transit-onramp and branch-office converge in at most two applies to exactly the declared objects; destroy under faults empties the account", async () => {
    const onramp = new ProgramDriver({ host: s.host, project: "transit-onramp", stack: "dev", parallel: STEPS });
    const branch = new ProgramDriver({ host: s.host, project: "branch-office", stack: "dev", parallel: STEPS });
    // The branch office goes first: its site is the first object created under faults (see the note at FAULTS).
    const programs: Array<[ProgramDriver, Program]> = [
      [branch, example(branch, "branch-office")],
      [onramp, example(onramp, "transit-onramp")],
    ];
    s.emulator.configure({ faults: FAULTS });
    const applies: Record<string, number> = {};
    for (const [driver, program] of programs) applies[driver.project] = await converge(driver, program);

    await expectExactly(programs);
    expect(s.emulator.store.list(ACCOUNT, "gre_tunnels")).toHaveLength(1);
    expect(s.emulator.store.list(ACCOUNT, "ipsec_tunnels")).toHaveLength(2);
    expect(s.emulator.store.list(ACCOUNT, "routes")).toHaveLength(6);
    expect(s.emulator.store.list(ACCOUNT, "site_lans")).toHaveLength(3);

    await onramp.destroy();
    await branch.destroy();
    expect(objectsInAccount()).toEqual([]);

    const t = tally(s.emulator.stats.requests, applies);
    print("faults, examples (destroy with faults on)", t);
    // The run met every kind of fault, and at least one create whose answer was lost was found again.
    expect(Object.values(t.faults).every((n) => n > 0)).toBe(true);
    expect(t.recoveredCreates).toBeGreaterThan(0);
  });

  it("replacements under faults leave no orphan: the old objects are gone once the program converges", async () => {
    const driver = new ProgramDriver({ host: s.host, project: "replacements", stack: "dev", parallel: STEPS });
    // v1 -> v2: the LAN moves to another site (create the new one, then delete the old), the GRE
    // tunnel gains BGP (set only at creation: delete, then create), a route changes in place.
    const program =
      (v: 1 | 2): Program =>
      () => {
        const a = new magic.Site("site-a", { name: "site_a" });
        const b = new magic.Site("site-b", { name: "site_b" });
        new magic.SiteLan("lan", {
          siteId: v === 1 ? a.id : b.id,
          physport: 2,
          name: "office",
          staticAddressing: { address: "192.168.10.1/24" },
        });
        const gre = new magic.GreTunnel("gre", {
          name: "dc1_gre_1",
          cloudflareGreEndpoint: "162.159.64.1",
          customerGreEndpoint: "203.0.113.10",
          interfaceAddress: "10.212.0.0/31",
          ...(v === 2 ? { bgp: { customerAsn: 65010 } } : {}),
        });
        // The route goes over the tunnel: made after it, as Cloudflare requires.
        new magic.StaticRoute(
          "route",
          { prefix: "192.0.2.0/24", nexthop: "10.212.0.1", priority: v === 1 ? 100 : 200 },
          { dependsOn: [gre] },
        );
      };
    await driver.up(program(1));
    const before = objectsInAccount();
    s.emulator.resetStats();

    s.emulator.configure({ faults: { ...FAULTS, seed: FAULTS.seed! + 1 } });
    // And one failure no retry gets past: the old LAN's delete is refused, so the first apply
    // fails after the new LAN exists. The old one must not be left behind.
    s.emulator.injectNext({ kind: "5xx", method: "DELETE", pathIncludes: "/lans/", status: 400 });
    const applies = { replacements: await converge(driver, program(2)) };
    expect(applies.replacements).toBe(2);
    await expectExactly([[driver, program(2)]]);
    const after = objectsInAccount();
    // The replaced LAN and tunnel are new objects; the sites and the route are the same ones.
    expect(
      after
        .filter((o) => !before.includes(o))
        .map((o) => o.split("/")[0])
        .sort(),
    ).toEqual(["gre_tunnels", "site_lans"]);
    expect(s.emulator.store.list(ACCOUNT, "site_lans")).toEqual([
      expect.objectContaining({ site_id: driver.state.get("urn:pulumi:dev::replacements::pulumi-nodejs:dynamic/magic:Site::site-b")!.id }),
    ]);

    await driver.destroy();
    expect(objectsInAccount()).toEqual([]);
    print("faults, replacements (destroy with faults on)", tally(s.emulator.stats.requests, applies));
  });
});
