import * as magic from "pulumi-cloudflare-magic";
import { TransitOnramp } from "../../sdk/components";
import { ACCOUNT, TestStack, testStack, tunnelsFor } from "./stack";

/**
 * `DELETE /accounts/{id}/magic/routes` (Delete Many Routes) takes no body in the reference and
 * the official SDK: it empties the account's routing table. The emulator does exactly that, so
 * this test runs every route-related program (RouteTable create / change / removal / destroy,
 * StaticRoute create / update / replace / destroy, a TransitOnramp and its route changes) next to
 * routes this stack does not own, and checks that none of them ever sent that request and that
 * the foreign routes survive every step.
 */
const COLLECTION_DELETE = "DELETE /accounts/:account_id/magic/routes";
const foreign = [
  { prefix: "172.16.0.0/24", nexthop: "10.1.1.1", priority: 50 },
  { prefix: "172.16.1.0/24", nexthop: "10.1.1.1", priority: 50, description: "another team's route" },
];
const routes = (n: number, priority = 100) =>
  Array.from({ length: n }, (_, i) => ({ prefix: `10.${Math.floor(i / 256)}.${i % 256}.0/24`, nexthop: "10.212.0.9", priority }));

let s: TestStack;
let collectionDeletes = 0;
beforeEach(async () => {
  s = await testStack();
  collectionDeletes = 0;
  for (const r of foreign) s.emulator.store.insert(ACCOUNT, "routes", { ...r });
});
afterEach(async () => {
  await s.close();
});

/** After each step: no collection DELETE so far, and every foreign route still there. */
function checkpoint(): void {
  collectionDeletes += s.emulator.stats.byRoute[COLLECTION_DELETE] ?? 0;
  expect(s.emulator.stats.requests.filter((r) => r.method === "DELETE" && /\/magic\/routes\/?(\?|$)/.test(r.url))).toEqual([]);
  expect(collectionDeletes).toBe(0);
  const live = s.emulator.store.list<any>(ACCOUNT, "routes").map((r) => r.prefix);
  for (const r of foreign) expect(live).toContain(r.prefix);
  s.emulator.resetStats();
}

describe("no code path sends the routes collection DELETE", () => {
  it("RouteTable: create, change, add + remove, remove all entries, destroy", async () => {
    const table = (entries: magic.RouteTableEntry[]) => () => {
      new magic.RouteTable("dc1-routes", { routes: entries });
    };
    tunnelsFor(s.emulator, ["10.212.0.9"]);
    await s.driver.up(table(routes(8)));
    checkpoint();
    const changed = routes(8);
    changed[3] = { ...changed[3], priority: 300 };
    await s.driver.up(table(changed));
    checkpoint();
    await s.driver.up(table([...routes(8).slice(3), { prefix: "10.9.9.0/24", nexthop: "10.212.0.9", priority: 100 }]));
    expect(s.emulator.stats.byRoute["DELETE /accounts/:account_id/magic/routes/:route_id"]).toBe(3);
    checkpoint();
    await s.driver.up(table([]));
    checkpoint();
    await s.driver.up(table(routes(3)));
    checkpoint();
    await s.driver.destroy();
    checkpoint();
    expect(
      s.emulator.store
        .list<any>(ACCOUNT, "routes")
        .map((r) => r.prefix)
        .sort(),
    ).toEqual(foreign.map((r) => r.prefix));
  });

  it("StaticRoute: create, update, replace by account-less change, destroy", async () => {
    const one =
      (priority: number, prefix = "192.0.2.0/24") =>
      () => {
        new magic.StaticRoute("dc1-primary", { prefix, nexthop: "10.212.0.9", priority, description: "primary" });
      };
    tunnelsFor(s.emulator, ["10.212.0.9"]);
    await s.driver.up(one(100));
    checkpoint();
    await s.driver.up(one(200));
    checkpoint();
    await s.driver.up(one(200, "198.51.100.0/24"));
    checkpoint();
    await s.driver.destroy();
    checkpoint();
    expect(s.emulator.store.list<any>(ACCOUNT, "routes")).toHaveLength(foreign.length);
  });

  it("TransitOnramp: tunnels plus its RouteTable, a prefix dropped, a tunnel dropped, destroy", async () => {
    const tunnels = [
      {
        kind: "gre" as const,
        name: "dc1_gre_1",
        cloudflareEndpoint: "162.159.64.1",
        customerEndpoint: "203.0.113.10",
        interfaceAddress: "10.212.0.9/31",
      },
      {
        kind: "gre" as const,
        name: "dc1_gre_2",
        cloudflareEndpoint: "162.159.64.1",
        customerEndpoint: "203.0.113.11",
        interfaceAddress: "10.212.0.11/31",
      },
    ];
    const onramp =
      (prefixes: string[], t = tunnels) =>
      () => {
        new TransitOnramp("dc1", { tunnels: t, prefixes });
      };
    await s.driver.up(onramp(["192.0.2.0/24", "198.51.100.0/24"]));
    checkpoint();
    await s.driver.up(onramp(["192.0.2.0/24"]));
    checkpoint();
    await s.driver.up(onramp(["192.0.2.0/24"], tunnels.slice(0, 1)));
    checkpoint();
    await s.driver.destroy();
    checkpoint();
    expect(s.emulator.store.list<any>(ACCOUNT, "routes")).toHaveLength(foreign.length);
  });
});
