import { DefinedProvider } from "../../provider/framework/provider";
import { UNKNOWN } from "../../shared/values";
import { definition as staticRoute } from "../../provider/resources/magic/routes/static-route";
import { failures, state } from "./check-helpers";

describe("StaticRoute", () => {
  const p = new DefinedProvider(staticRoute);
  const valid = { __token: "magic:StaticRoute", nexthop: "10.212.0.9", prefix: "192.0.2.0/24", priority: 100 };

  it("accepts valid inputs, link-local and IPv6 next hops included", async () => {
    expect(await failures(p, valid, {})).toEqual([]);
    expect(
      await failures(p, valid, { nexthop: "169.254.21.1", weight: 256, scope: { coloNames: ["den01"], coloRegions: ["APAC"] } }),
    ).toEqual([]);
    expect(await failures(p, valid, { nexthop: "2001:db8::1", prefix: "2001:db8:100::/48", weight: 0, priority: 0 })).toEqual([]);
  });

  it.each([
    [{ nexthop: "10.212.0" }, "nexthop", 'nexthop must be an IPv4 or IPv6 address (got "10.212.0").'],
    [{ nexthop: "10.212.0.9/31" }, "nexthop", "nexthop must be an IPv4 or IPv6 address"],
    [{ prefix: "192.0.2.0" }, "prefix", "prefix must be a prefix in CIDR notation with no host bits set"],
    [{ prefix: "192.0.2.1/24" }, "prefix", '(got "192.0.2.1/24")'],
    [{ priority: -1 }, "priority", "priority must be at least 0 (got -1)."],
    [{ priority: 1.5 }, "priority", "priority must be a whole number"],
    [{ weight: 257 }, "weight", "weight must be at most 256 (got 257)."],
    [{ scope: { coloNames: [""] } }, "scope.coloNames.0", "scope.coloNames.0 must be at least 1 characters long"],
    [{ scope: { colos: ["den01"] } }, "scope.colos", "scope.colos is not a property of scope; check its spelling."],
    [{ priority: undefined }, "priority", "priority is required"],
    [{ nexthops: "10.0.0.1" }, "nexthops", "nexthops is not a property of StaticRoute; did you mean nexthop?"],
  ])("rejects %j on %s with a sentence naming it", async (override, property, text) => {
    const hit = (await failures(p, valid, override)).find((f) => f.property === property);
    expect(hit?.reason).toContain(text);
  });

  it("does not validate values unknown during preview", async () => {
    expect(await failures(p, valid, { nexthop: UNKNOWN, prefix: UNKNOWN, scope: { coloNames: UNKNOWN } })).toEqual([]);
  });

  it("updates every field in place and never diffs on timestamps", async () => {
    const olds = state(valid, { createdOn: "2026-01-01T00:00:00Z", modifiedOn: "2026-01-01T00:00:00Z" });
    expect((await p.diff("r1", olds, valid)).changes).toBe(false);
    for (const change of [
      { nexthop: "10.212.0.11" },
      { prefix: "198.51.100.0/24" },
      { priority: 5 },
      { weight: 3 },
      { scope: { coloRegions: ["WEUR"] } },
    ]) {
      const d = await p.diff("r1", olds, { ...valid, ...change });
      expect([d.changes, d.replaces]).toEqual([true, []]);
    }
    expect((await p.diff("r1", olds, { ...valid, accountId: "fedcba9876543210fedcba9876543210" })).replaces).toEqual(["accountId"]);
  });

  it("recognises a lost create only by everything the program says about the route", () => {
    const inputs = {
      nexthop: "2001:DB8::1",
      prefix: "2001:db8:100::/48",
      priority: 100,
      weight: 10,
      scope: { coloNames: ["den01"] },
      description: "x",
    };
    const live = {
      id: "a",
      nexthop: "2001:db8::1",
      prefix: "2001:db8:100::/48",
      priority: 100,
      weight: 10,
      scope: { colo_names: ["den01"] },
      description: "x",
    };
    expect(staticRoute.lifecycle.isSameObject!(live, inputs)).toBe(true);
    for (const differs of [
      { priority: 101 },
      { weight: undefined },
      { scope: { colo_names: ["den01"], colo_regions: ["APAC"] } },
      { description: "y" },
      { nexthop: "2001:db8::2" },
    ]) {
      expect(staticRoute.lifecycle.isSameObject!({ ...live, ...differs }, inputs)).toBe(false);
    }
    // An empty scope and no scope are the same; so are no weight and weight 0.
    expect(staticRoute.lifecycle.isSameObject!({ ...live, scope: {} }, { ...inputs, scope: undefined })).toBe(true);
    expect(staticRoute.lifecycle.isSameObject!({ ...live, weight: 0 }, { ...inputs, weight: undefined })).toBe(true);
  });
});
