import * as magic from "pulumi-cloudflare-magic";
import { ACCOUNT, type TestStack, testStack, tunnelsFor } from "../resources/stack";

/**
 * Removals that take effect (issue 18, item 3), through the provider host: Cloudflare keeps a
 * route's weight when a PUT leaves it out ("API does not allow to reset weights when attribute
 * isn't send", Terraform provider v2.22-v4, which made `weight` ForceNew), and the emulator does
 * the same. A removed weight therefore replaces the route; a removed description goes in the
 * route's own PUT, never in the bulk PUT, which merges.
 */

type Props = Record<string, unknown>;

let s: TestStack;
beforeEach(async () => {
  s = await testStack();
  // The tunnels the routes point into, made earlier (a nexthop must lie in a tunnel's subnet).
  tunnelsFor(s.emulator, ["10.212.0.9", "10.213.0.9"]);
});
afterEach(async () => {
  await s.close();
});

const routes = () => s.emulator.store.list(ACCOUNT, "routes") as Props[];
const requests = (method: string, suffix: RegExp) => s.emulator.stats.requests.filter((r) => r.method === method && suffix.test(r.url));

it("a StaticRoute whose weight is removed is replaced: the live route has no weight, and state is the live route", async () => {
  const route = (weight?: number) => () => {
    new magic.StaticRoute("r", { prefix: "192.0.2.0/24", nexthop: "10.212.0.9", priority: 100, description: "dc1", weight });
  };
  await s.driver.up(route(7));
  const before = routes()[0];
  expect(before.weight).toBe(7);

  const removed = await s.driver.up(route());
  expect(removed.ops.map((o) => o.op)).toEqual(["replace"]);
  expect(routes()).toHaveLength(1);
  const after = routes()[0];
  expect(after.id).not.toBe(before.id);
  expect(after).not.toHaveProperty("weight");
  const state = [...s.driver.state.values()].find((e) => e.name === "r")!;
  expect(state.id).toBe(after.id);
  expect(state.outputs).not.toHaveProperty("weight");
  expect((await s.driver.up(route())).ops.map((o) => o.op)).toEqual(["same"]);
});

it("a RouteTable entry whose weight is removed is replaced inside the table, by id, never through the collection DELETE or the bulk PUT", async () => {
  const table = (weight?: number, description?: string) => () => {
    new magic.RouteTable("t", {
      routes: [
        { prefix: "198.51.100.0/24", nexthop: "10.213.0.9", priority: 100, weight, description },
        { prefix: "203.0.113.0/24", nexthop: "10.213.0.9", priority: 100, weight: 3 },
      ],
    });
  };
  await s.driver.up(table(7, "dc1"));
  const old = routes().find((r) => r.prefix === "198.51.100.0/24")!;
  s.emulator.resetStats();

  expect((await s.driver.up(table(undefined, "dc1"))).ops.map((o) => o.op)).toEqual(["update"]);
  const now = routes().filter((r) => r.prefix === "198.51.100.0/24");
  expect(now).toHaveLength(1);
  expect(now[0].id).not.toBe(old.id);
  expect(now[0]).not.toHaveProperty("weight");
  expect(now[0]).toMatchObject({ description: "dc1", priority: 100 });
  // The other route is untouched; the old one went by its own path.
  expect(routes().find((r) => r.prefix === "203.0.113.0/24")).toMatchObject({ weight: 3 });
  expect(requests("DELETE", /\/magic\/routes\/[0-9a-f]{32}$/).map((r) => r.url)).toEqual([expect.stringContaining(String(old.id))]);
  expect(requests("DELETE", /\/magic\/routes$/)).toEqual([]);
  expect(requests("PUT", /\/magic\/routes$/)).toEqual([]);

  const state = [...s.driver.state.values()].find((e) => e.name === "t")!;
  expect((state.outputs.routes as Props[]).map((r) => [r.id, r.weight])).toEqual([
    [now[0].id, undefined],
    [routes().find((r) => r.prefix === "203.0.113.0/24")!.id, 3],
  ]);
  expect((await s.driver.up(table(undefined, "dc1"))).ops.map((o) => o.op)).toEqual(["same"]);
});

it("a RouteTable entry whose description is removed gets the route's own PUT, and the live route loses it", async () => {
  const table = (description?: string) => () => {
    new magic.RouteTable("t", { routes: [{ prefix: "198.51.100.0/24", nexthop: "10.213.0.9", priority: 100, weight: 5, description }] });
  };
  await s.driver.up(table("dc1"));
  const id = routes()[0].id;
  s.emulator.resetStats();
  expect((await s.driver.up(table())).ops.map((o) => o.op)).toEqual(["update"]);
  expect(routes()).toEqual([expect.objectContaining({ id, weight: 5 })]);
  expect(routes()[0]).not.toHaveProperty("description");
  expect(requests("PUT", /\/magic\/routes$/)).toEqual([]);
  expect(requests("PUT", /\/magic\/routes\/[0-9a-f]{32}$/)).toHaveLength(1);
  expect((await s.driver.up(table())).ops.map((o) => o.op)).toEqual(["same"]);
});
