import { adoptByKey, provider, planRoutes, routeKey } from "../../provider/resources/magic/route-table";
import { UNKNOWN } from "../../provider/framework/values";

const r = (prefix: string, nexthop: string, priority = 100, extra = {}) => ({ prefix, nexthop, priority, ...extra });

describe("RouteTable planning", () => {
  it("on import adopts one live route per entry, never a same-key route with other settings beside it", () => {
    const mine = { ...r("10.0.0.0/24", "10.1.0.1", 100), id: "mine" };
    const theirs = { ...r("10.0.0.0/24", "10.1.0.1", 200), id: "theirs" };
    const alone = { ...r("10.0.1.0/24", "10.1.0.1", 300), id: "alone" };
    // The exact settings pick the one route among two with the same identity; the other is left alone.
    expect(adoptByKey([theirs, mine, alone], [r("10.0.0.0/24", "10.1.0.1", 100), r("10.0.1.0/24", "10.1.0.1", 100)])).toEqual([mine, alone]);
    // A lone candidate is adopted even with other settings (the next apply puts the program's back).
    expect(adoptByKey([theirs], [r("10.0.0.0/24", "10.1.0.1", 100)])).toEqual([theirs]);
    // Two candidates and neither matches exactly: the import fails naming both.
    expect(() => adoptByKey([theirs, { ...mine, priority: 150 }], [r("10.0.0.0/24", "10.1.0.1", 100)])).toThrow(/routes\.0 \(10\.0\.0\.0\/24 via 10\.1\.0\.1\) matches 2 routes of the account \(theirs priority 200, mine priority 150\)/);
    // Nothing live: nothing adopted (the next apply creates it).
    expect(adoptByKey([], [r("10.0.0.0/24", "10.1.0.1")])).toEqual([]);
  });


  it("identifies a route by prefix, nexthop and scope (scope order does not matter)", () => {
    expect(routeKey(r("10.0.0.0/24", "10.1.0.1"))).toBe("10.0.0.0/24 via 10.1.0.1");
    expect(routeKey({ ...r("10.0.0.0/24", "10.1.0.1"), scope: { coloNames: ["b", "a"] } })).toBe(routeKey({ ...r("10.0.0.0/24", "10.1.0.1"), scope: { coloNames: ["a", "b"] } }));
    expect(routeKey({ ...r("10.0.0.0/24", "10.1.0.1"), scope: { coloRegions: ["WEUR"] } })).not.toBe(routeKey(r("10.0.0.0/24", "10.1.0.1")));
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

  it("plans nothing when the desired set equals the owned set, whatever the order (seeded shuffles)", () => {
    const current = Array.from({ length: 50 }, (_, i) => ({ ...r(`10.${i}.0.0/16`, "10.255.0.1", i), id: `id${i}` }));
    let seed = 7;
    for (let round = 0; round < 20; round++) {
      const desired = current.map(({ id: _id, ...rest }) => rest);
      for (let i = desired.length - 1; i > 0; i--) {
        seed = (seed * 16807) % 2147483647;
        const j = seed % (i + 1);
        [desired[i], desired[j]] = [desired[j], desired[i]];
      }
      const plan = planRoutes(current, desired);
      expect(plan.add.length + plan.change.length + plan.remove.length).toBe(0);
    }
  });

  it("rejects duplicate routes in check, naming both entries, and validates each route", async () => {
    const res = await provider.check({}, { routes: [r("10.0.0.0/24", "10.1.0.1"), r("10.0.1.0/24", "10.1.0.1"), r("10.0.0.0/24", "10.1.0.1", 300)] });
    expect(res.failures).toEqual([
      { property: "routes.2", reason: "routes.2 repeats routes.0 (10.0.0.0/24 via 10.1.0.1): a route is identified by its prefix, nexthop and scope, so each may appear once." },
    ]);
    const bad = await provider.check({}, { routes: [r("10.0.0.1/24", "10.1.0.1"), r("10.0.1.0/24", "not-an-ip")] });
    expect(bad.failures!.map((f) => f.property)).toEqual(["routes.0.prefix", "routes.1.nexthop"]);
    expect((await provider.check({}, { routes: [r("10.0.0.0/24", UNKNOWN), r("10.0.0.0/24", UNKNOWN)] })).failures).toEqual([]);
  });

  it("diffs on content, not order, and counts unknown routes as a change", async () => {
    const olds = { routes: [{ ...r("10.0.0.0/24", "10.1.0.1"), id: "a" }, { ...r("10.0.1.0/24", "10.1.0.1"), id: "b" }], accountId: "x" };
    expect((await provider.diff("t", olds, { routes: [r("10.0.1.0/24", "10.1.0.1"), r("10.0.0.0/24", "10.1.0.1")] })).changes).toBe(false);
    expect((await provider.diff("t", olds, { routes: [r("10.0.1.0/24", "10.1.0.1")] })).changes).toBe(true);
    expect((await provider.diff("t", olds, { routes: UNKNOWN })).changes).toBe(true);
  });
});
