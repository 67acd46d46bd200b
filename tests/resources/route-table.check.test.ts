import { adoptByKey, provider, planRoutes, routeKey } from "../../provider/resources/magic/routes/route-table";
import { UNKNOWN } from "../../shared/values";
import fc from "fast-check";
import { runs } from "../property";

const r = (prefix: string, nexthop: string, priority = 100, extra = {}) => ({ prefix, nexthop, priority, ...extra });

describe("RouteTable planning", () => {
  it("on import adopts one live route per entry, never a same-key route with other settings beside it", () => {
    const mine = { ...r("10.0.0.0/24", "10.1.0.1", 100), id: "mine" };
    const theirs = { ...r("10.0.0.0/24", "10.1.0.1", 200), id: "theirs" };
    const alone = { ...r("10.0.1.0/24", "10.1.0.1", 300), id: "alone" };
    // The exact settings pick the one route among two with the same identity; the other is left alone.
    expect(adoptByKey([theirs, mine, alone], [r("10.0.0.0/24", "10.1.0.1", 100), r("10.0.1.0/24", "10.1.0.1", 100)])).toEqual([
      mine,
      alone,
    ]);
    // A lone candidate is adopted even with other settings (the next apply puts the program's back).
    expect(adoptByKey([theirs], [r("10.0.0.0/24", "10.1.0.1", 100)])).toEqual([theirs]);
    // Two candidates and neither matches exactly: the import fails naming both.
    expect(() => adoptByKey([theirs, { ...mine, priority: 150 }], [r("10.0.0.0/24", "10.1.0.1", 100)])).toThrow(
      /routes\.0 \(10\.0\.0\.0\/24 via 10\.1\.0\.1\) matches 2 routes of the account \(theirs priority 200, mine priority 150\)/,
    );
    // Nothing live: nothing adopted (the next apply creates it).
    expect(adoptByKey([], [r("10.0.0.0/24", "10.1.0.1")])).toEqual([]);
  });

  it("identifies a route by prefix, nexthop and scope (scope order does not matter)", () => {
    expect(routeKey(r("10.0.0.0/24", "10.1.0.1"))).toBe("10.0.0.0/24 via 10.1.0.1");
    expect(routeKey({ ...r("10.0.0.0/24", "10.1.0.1"), scope: { coloNames: ["b", "a"] } })).toBe(
      routeKey({ ...r("10.0.0.0/24", "10.1.0.1"), scope: { coloNames: ["a", "b"] } }),
    );
    expect(routeKey({ ...r("10.0.0.0/24", "10.1.0.1"), scope: { coloRegions: ["WEUR"] } })).not.toBe(
      routeKey(r("10.0.0.0/24", "10.1.0.1")),
    );
  });

  it("compares addresses by value, not spelling: an IPv6 route Cloudflare writes its own way plans nothing", () => {
    const live = [{ ...r("2001:db8::/32", "2001:db8:0:1::1"), id: "v6" }];
    expect(routeKey(r("2001:0DB8:0000::/32", "2001:db8:0:1:0:0:0:1"))).toBe("2001:db8::/32 via 2001:db8:0:1::1");
    expect(planRoutes(live, [r("2001:0DB8::/32", "2001:0db8:0:1::0001")])).toEqual({
      add: [],
      change: [],
      rewrite: [],
      replace: [],
      remove: [],
    });
    // An import adopts the live route however the entry spells it.
    expect(adoptByKey(live, [r("2001:DB8::/32", "2001:db8:0:1::1")])).toEqual(live);
  });

  it("plans adds, in-place changes and removals against the owned routes", () => {
    const current = [
      { ...r("10.0.0.0/24", "10.1.0.1"), id: "a" },
      { ...r("10.0.1.0/24", "10.1.0.1"), id: "b" },
      { ...r("10.0.2.0/24", "10.1.0.1"), id: "c" },
    ];
    const plan = planRoutes(current, [r("10.0.0.0/24", "10.1.0.1"), r("10.0.1.0/24", "10.1.0.1", 200), r("10.0.3.0/24", "10.1.0.1")]);
    expect(plan.add).toEqual([r("10.0.3.0/24", "10.1.0.1")]);
    expect(plan.change).toEqual([{ ...r("10.0.1.0/24", "10.1.0.1", 200), id: "b" }]);
    expect(plan.remove.map((x) => x.id)).toEqual(["c"]);
  });

  it("plans nothing when the desired set equals the owned set, whatever the order (shuffles)", () => {
    const current = Array.from({ length: 50 }, (_, i) => ({ ...r(`10.${i}.0.0/16`, "10.255.0.1", i), id: `id${i}` }));
    const desired = current.map(({ id: _id, ...rest }) => rest);
    fc.assert(
      fc.property(fc.shuffledSubarray(desired, { minLength: desired.length }), (shuffled) => {
        const plan = planRoutes(current, shuffled);
        expect(plan.add.length + plan.change.length + plan.remove.length).toBe(0);
      }),
      runs(20),
    );
  });

  it("rejects duplicate routes in check, naming both entries, and validates each route", async () => {
    const res = await provider.check(
      {},
      { routes: [r("10.0.0.0/24", "10.1.0.1"), r("10.0.1.0/24", "10.1.0.1"), r("10.0.0.0/24", "10.1.0.1", 300)] },
    );
    expect(res.failures).toEqual([
      {
        property: "routes.2",
        reason:
          "routes.2 repeats routes.0 (10.0.0.0/24 via 10.1.0.1): a route is identified by its prefix, nexthop and scope, so each may appear once.",
      },
    ]);
    const v6 = await provider.check({}, { routes: [r("2001:db8::/32", "2001:db8::1"), r("2001:0DB8::/32", "2001:db8:0::1", 300)] });
    expect(v6.failures!.map((f) => f.reason)).toEqual([
      "routes.1 repeats routes.0 (2001:db8::/32 via 2001:db8::1): a route is identified by its prefix, nexthop and scope, so each may appear once.",
    ]);
    const bad = await provider.check({}, { routes: [r("10.0.0.1/24", "10.1.0.1"), r("10.0.1.0/24", "not-an-ip")] });
    expect(bad.failures!.map((f) => f.property)).toEqual(["routes.0.prefix", "routes.1.nexthop"]);
    expect((await provider.check({}, { routes: [r("10.0.0.0/24", UNKNOWN), r("10.0.0.0/24", UNKNOWN)] })).failures).toEqual([]);
  });

  it("diffs on content, not order, and counts unknown routes as a change", async () => {
    const olds = {
      routes: [
        { ...r("10.0.0.0/24", "10.1.0.1"), id: "a" },
        { ...r("10.0.1.0/24", "10.1.0.1"), id: "b" },
      ],
      accountId: "x",
    };
    expect((await provider.diff("t", olds, { routes: [r("10.0.1.0/24", "10.1.0.1"), r("10.0.0.0/24", "10.1.0.1")] })).changes).toBe(false);
    expect((await provider.diff("t", olds, { routes: [r("10.0.1.0/24", "10.1.0.1")] })).changes).toBe(true);
    expect((await provider.diff("t", olds, { routes: UNKNOWN })).changes).toBe(true);
  });
});

type Entry = Parameters<typeof planRoutes>[1][number];
type Owned = Parameters<typeof planRoutes>[0][number];

/** Routes from small pools, so entries often share a prefix, a nexthop or a whole identity. */
const scopeArb = fc.record(
  {
    coloNames: fc.uniqueArray(fc.constantFrom("ams01", "ord02", "sjc01"), { maxLength: 3 }),
    coloRegions: fc.uniqueArray(fc.constantFrom("WEUR", "ENAM"), { maxLength: 2 }),
  },
  { requiredKeys: [] },
);
const entryArb: fc.Arbitrary<Entry> = fc.record(
  {
    prefix: fc.constantFrom("10.0.0.0/24", "10.0.1.0/24", "192.0.2.0/24", "2001:db8::/32"),
    nexthop: fc.constantFrom("10.1.0.1", "10.1.0.3", "169.254.0.1", "2001:db8::1"),
    priority: fc.integer({ min: 0, max: 3 }),
    description: fc.constantFrom("", "a", "b"),
    weight: fc.integer({ min: 0, max: 2 }),
    scope: scopeArb,
  },
  { requiredKeys: ["prefix", "nexthop", "priority"] },
);
/** A set of routes as a table holds it: one per identity. */
const tableArb = fc.uniqueArray(entryArb, { selector: routeKey, maxLength: 12 });
const ownedArb = tableArb.map((rs) => rs.map((x, i): Owned => ({ ...x, id: `live${i}` })));
/** A route's identity and settings as one comparable string (scope order, "" vs no description and 0 vs no weight do not count). */
const canon = (x: Entry) => JSON.stringify([routeKey(x), x.priority, x.description ?? "", x.weight ?? 0]);
const canonSet = (xs: Entry[]) => xs.map(canon).sort();

/** What an update does with a plan: removes, changes in place by id, adds with new ids. */
function apply(current: Owned[], plan: ReturnType<typeof planRoutes>): Owned[] {
  const removed = new Set([...plan.remove, ...plan.replace.map((x) => x.old)].map((x) => x.id));
  const changed = new Map([...plan.change, ...plan.rewrite].map((x) => [x.id, x]));
  const kept = current.filter((x) => !removed.has(x.id)).map((x) => changed.get(x.id) ?? x);
  const made = [...plan.add, ...plan.replace.map((x) => x.entry)];
  return [...kept, ...made.map((x, i) => ({ ...x, id: `new${i}` }))];
}

describe("RouteTable planning (properties)", () => {
  it("a live weight of 0 is the same as no weight (Cloudflare answers 0 for a route created without one)", () => {
    const live = [{ prefix: "10.0.0.0/24", nexthop: "10.1.0.1", priority: 100, weight: 0, id: "a" }];
    expect(planRoutes(live, [{ prefix: "10.0.0.0/24", nexthop: "10.1.0.1", priority: 100 }])).toEqual({
      add: [],
      change: [],
      rewrite: [],
      replace: [],
      remove: [],
    });
    expect(planRoutes(live, [{ prefix: "10.0.0.0/24", nexthop: "10.1.0.1", priority: 100, weight: 5 }]).change).toHaveLength(1);
  });

  it("a removed weight replaces the route and a removed description rewrites it on its own: the bulk PUT would merge either back", () => {
    const live = [{ prefix: "10.0.0.0/24", nexthop: "10.1.0.1", priority: 100, weight: 7, description: "x", id: "a" }];
    const entry = { prefix: "10.0.0.0/24", nexthop: "10.1.0.1", priority: 100 };
    const noWeight = planRoutes(live, [{ ...entry, description: "x" }]);
    expect(noWeight).toEqual({
      add: [],
      change: [],
      rewrite: [],
      replace: [{ old: live[0], entry: { ...entry, description: "x" } }],
      remove: [],
    });
    const noDescription = planRoutes(live, [{ ...entry, weight: 7 }]);
    expect(noDescription).toEqual({ add: [], change: [], rewrite: [{ ...entry, weight: 7, id: "a" }], replace: [], remove: [] });
    // Both removed: the replacement carries neither.
    expect(planRoutes(live, [entry]).replace).toEqual([{ old: live[0], entry }]);
  });

  it("routeKey is prefix + nexthop + scope: equal exactly when those are, whatever the scope's order", () => {
    const sorted = (xs?: string[]) => [...(xs ?? [])].sort().join(",");
    fc.assert(
      fc.property(entryArb, entryArb, (a, b) => {
        const same =
          a.prefix === b.prefix &&
          a.nexthop === b.nexthop &&
          sorted(a.scope?.coloNames) === sorted(b.scope?.coloNames) &&
          sorted(a.scope?.coloRegions) === sorted(b.scope?.coloRegions);
        expect(routeKey(a) === routeKey(b)).toBe(same);
        const reversed = a.scope
          ? {
              ...a,
              scope: {
                coloNames: a.scope.coloNames && [...a.scope.coloNames].reverse(),
                coloRegions: a.scope.coloRegions && [...a.scope.coloRegions].reverse(),
              },
            }
          : a;
        expect(routeKey(reversed)).toBe(routeKey(a));
      }),
      runs(500),
    );
  });

  it("no two planned routes share prefix + nexthop + scope; adds are new, changes and removals are owned routes", () => {
    fc.assert(
      fc.property(ownedArb, tableArb, (current, desired) => {
        const plan = planRoutes(current, desired);
        const planned = [...plan.add, ...plan.change];
        expect(new Set(planned.map(routeKey)).size).toBe(planned.length);
        const currentKeys = new Set(current.map(routeKey));
        const desiredKeys = new Set(desired.map(routeKey));
        expect(plan.add.every((x) => !currentKeys.has(routeKey(x)))).toBe(true);
        const ids = new Map(current.map((x) => [x.id, x]));
        expect(plan.change.every((x) => routeKey(ids.get(x.id)!) === routeKey(x))).toBe(true);
        expect(plan.remove.every((x) => ids.get(x.id) === x && !desiredKeys.has(routeKey(x)))).toBe(true);
        expect(new Set([...plan.change, ...plan.remove].map((x) => x.id)).size).toBe(plan.change.length + plan.remove.length);
      }),
      runs(500),
    );
  });

  it("applying the plan to the current routes yields the desired ones, and planning again against that is empty", () => {
    fc.assert(
      fc.property(ownedArb, tableArb, (current, desired) => {
        const plan = planRoutes(current, desired);
        const after = apply(current, plan);
        expect(canonSet(after)).toEqual(canonSet(desired));
        const again = planRoutes(after, desired);
        expect(again).toEqual({ add: [], change: [], rewrite: [], replace: [], remove: [] });
        // Unchanged routes keep their ids: nothing the plan did not need is recreated.
        const touched = new Set([...plan.change, ...plan.rewrite, ...plan.replace.map((x) => x.old)].map((x) => x.id));
        const untouched = current.filter((x) => !plan.remove.includes(x) && !touched.has(x.id));
        expect(untouched.every((x) => after.includes(x))).toBe(true);
      }),
      runs(500),
    );
  });

  it("the plan does not depend on the order of the desired routes", () => {
    fc.assert(
      fc.property(
        ownedArb,
        tableArb.chain((d) => fc.tuple(fc.constant(d), fc.shuffledSubarray(d, { minLength: d.length }))),
        (current, [desired, shuffled]) => {
          const a = planRoutes(current, desired);
          const b = planRoutes(current, shuffled);
          expect(canonSet(b.add)).toEqual(canonSet(a.add));
          expect(b.change.map((x) => x.id).sort()).toEqual(a.change.map((x) => x.id).sort());
          expect(b.rewrite.map((x) => x.id).sort()).toEqual(a.rewrite.map((x) => x.id).sort());
          expect(b.replace.map((x) => x.old.id).sort()).toEqual(a.replace.map((x) => x.old.id).sort());
          expect(b.remove).toEqual(a.remove);
        },
      ),
      runs(300),
    );
  });

  it("adoptByKey adopts exactly the live routes whose identity is wanted, one per entry, when identities are unique", () => {
    fc.assert(
      fc.property(ownedArb, tableArb, (live, desired) => {
        const byKey = new Map(live.map((x) => [routeKey(x), x]));
        expect(adoptByKey(live, desired)).toEqual(desired.filter((d) => byKey.has(routeKey(d))).map((d) => byKey.get(routeKey(d))));
      }),
      runs(500),
    );
  });

  it("adoptByKey never adopts a route twice nor one of another identity, and among same-identity routes takes the exact one or refuses", () => {
    // Live routes may share an identity (other stacks' routes, routes made by hand).
    const liveArb = fc.array(entryArb, { maxLength: 12 }).map((rs) => rs.map((x, i): Owned => ({ ...x, id: `live${i}` })));
    fc.assert(
      fc.property(liveArb, tableArb, (live, desired) => {
        let adopted: Owned[];
        try {
          adopted = adoptByKey(live, desired, "t");
        } catch (e) {
          // Refused: some entry had two or more candidates and no single exact match.
          expect(String((e as Error).message)).toMatch(/^t: routes\.\d+ \(.*\) matches \d+ routes of the account/);
          return;
        }
        expect(new Set(adopted.map((x) => x.id)).size).toBe(adopted.length);
        const desiredKeys = new Set(desired.map(routeKey));
        expect(adopted.every((x) => desiredKeys.has(routeKey(x)))).toBe(true);
        for (const d of desired) {
          const candidates = live.filter((x) => routeKey(x) === routeKey(d));
          const pick = adopted.find((x) => routeKey(x) === routeKey(d));
          // Desired identities are unique, so each entry's candidates are its own.
          if (candidates.length === 0) expect(pick).toBeUndefined();
          else if (candidates.length === 1) expect(pick).toBe(candidates[0]);
          else expect(canon(pick!)).toBe(canon(d));
        }
      }),
      runs(500),
    );
  });

  it("check accepts a table of distinct identities and names every repeat with the entry it repeats", async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(entryArb, { maxLength: 8 }), async (routes) => {
        const first = new Map<string, number>();
        const expected: string[] = [];
        routes.forEach((x, i) => {
          const k = routeKey(x);
          if (first.has(k))
            expected.push(
              `routes.${i} repeats routes.${first.get(k)} (${k}): a route is identified by its prefix, nexthop and scope, so each may appear once.`,
            );
          else first.set(k, i);
        });
        const res = await provider.check({}, { routes });
        expect((res.failures ?? []).map((f) => f.reason)).toEqual(expected);
      }),
      runs(300),
    );
  });
});
