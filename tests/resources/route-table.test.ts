import * as pulumi from "@pulumi/pulumi";
import * as magic from "pulumi-cloudflare-magic";
import type { HostError } from "../harness/host";
import type { RunError } from "../harness/program";
import { ACCOUNT, TestStack, testStack, tunnelsFor } from "./stack";

/** RouteTable through the real provider host against the emulator: bulk calls, ownership, convergence. */
const routes = (n: number, priority = 100) =>
  Array.from({ length: n }, (_, i) => ({ prefix: `10.${Math.floor(i / 256)}.${i % 256}.0/24`, nexthop: "10.212.0.9", priority }));
const program =
  (entries: magic.RouteTableEntry[], extra: Partial<magic.RouteTableArgs> = {}) =>
  () => {
    new magic.RouteTable("dc1-routes", { routes: entries, ...extra });
  };
const live = (s: TestStack) => s.emulator.store.list(ACCOUNT, "routes");
const requests = (s: TestStack) => s.emulator.stats.requests.map((r) => `${r.method} ${r.route.split(" ")[1]}`);

let s: TestStack;
beforeEach(async () => {
  s = await testStack({ "cloudflare-magic:maxAttempts": "2" });
  // The tunnel these routes point into, made (through the store, no request) before the table.
  tunnelsFor(s.emulator, ["10.212.0.9"]);
});
afterEach(async () => {
  await s.close();
});

describe("RouteTable", () => {
  it("creates N routes with N requests (and one list first), re-applies with none, changes one route with one bulk PUT", async () => {
    const first = await s.driver.up(program(routes(30)));
    expect(first.ops.map((o) => o.op)).toEqual(["create"]);
    expect(live(s)).toHaveLength(30);
    // The list looks for routes an interrupted apply left (Cloudflare takes a second equal route).
    expect(s.emulator.stats.totalRequests).toBe(31);
    expect(s.emulator.stats.requests[0].method).toBe("GET");
    const outs = first.outputs("dc1-routes");
    expect(outs.routes).toHaveLength(30);
    expect(outs.routes[0]).toMatchObject({
      id: expect.stringMatching(/^[0-9a-f]{32}$/),
      prefix: "10.0.0.0/24",
      nexthop: "10.212.0.9",
      priority: 100,
    });

    s.emulator.resetStats();
    const again = await s.driver.up(program(routes(30)));
    expect(again.ops.map((o) => o.op)).toEqual(["same"]);
    expect(s.emulator.stats.totalRequests).toBe(0);

    const changed = routes(30);
    changed[7] = { ...changed[7], priority: 200 };
    const r = await s.driver.up(program(changed));
    expect(r.ops.map((o) => o.op)).toEqual(["update"]);
    expect(requests(s)).toEqual(["PUT /accounts/:account_id/magic/routes"]);
    expect(s.emulator.stats.requests[0].body).toEqual({ routes: [expect.objectContaining({ prefix: "10.0.7.0/24", priority: 200 })] });
    expect(live(s).find((x) => x.prefix === "10.0.7.0/24")!.priority).toBe(200);
  });

  it("adds new routes and removes dropped ones one by one at their own path, never touching routes it does not own", async () => {
    s.emulator.store.insert(ACCOUNT, "routes", { prefix: "172.16.0.0/24", nexthop: "10.1.1.1", priority: 50 });
    await s.driver.up(program(routes(5)));
    const ids = live(s)
      .filter((x) => x.prefix !== "172.16.0.0/24")
      .map((x) => x.id);
    s.emulator.resetStats();

    const next = [...routes(5).slice(1), { prefix: "10.9.9.0/24", nexthop: "10.212.0.9", priority: 100 }];
    await s.driver.up(program(next));
    // The new route's twin search uses the list the create took (one per collection and run).
    expect(requests(s).sort()).toEqual(["DELETE /accounts/:account_id/magic/routes/:route_id", "POST /accounts/:account_id/magic/routes"]);
    const del = s.emulator.stats.requests.find((x) => x.method === "DELETE")!;
    expect(del.url).toContain(`/magic/routes/${ids[0]}`);
    expect(
      live(s)
        .map((x) => x.prefix)
        .sort(),
    ).toEqual(["10.0.1.0/24", "10.0.2.0/24", "10.0.3.0/24", "10.0.4.0/24", "10.9.9.0/24", "172.16.0.0/24"]);

    // Destroy: one DELETE per owned route (5), nothing else; the route it does not own stays.
    s.emulator.resetStats();
    await s.driver.destroy();
    expect(requests(s)).toEqual(Array(5).fill("DELETE /accounts/:account_id/magic/routes/:route_id"));
    expect(live(s).map((x) => x.prefix)).toEqual(["172.16.0.0/24"]);
  });

  it("destroy counts a route already deleted behind its back as gone (404), and a failure part-way keeps the rest for the next destroy", async () => {
    await s.driver.up(program(routes(4)));
    const owned = live(s);
    s.emulator.store.remove(ACCOUNT, "routes", owned[0].id);
    s.emulator.injectNext({ kind: "5xx", method: "DELETE", pathIncludes: owned[3].id, status: 400 });
    s.emulator.resetStats();
    const failed = await s.driver.destroy().catch((e) => e);
    expect(String(failed?.message)).toContain("1 of 4 routes could not be deleted");
    expect(live(s).map((x) => x.id)).toEqual([owned[3].id]);
    expect(s.emulator.stats.requests.filter((r) => r.method === "DELETE").length).toBe(4);

    s.emulator.resetStats();
    await s.driver.destroy();
    expect(live(s)).toEqual([]);
    expect(s.driver.state.size).toBe(0);
  });

  it("a removal that fails part-way records exactly the routes that still exist, and the next apply finishes it", async () => {
    await s.driver.up(program(routes(5)));
    const owned = live(s);
    s.emulator.injectNext({ kind: "5xx", method: "DELETE", pathIncludes: owned[2].id, status: 400 });
    const failed = await s.driver.up(program(routes(1))).catch((e) => e);
    expect(String(failed?.message)).toContain("1 of 4 routes could not be deleted");
    // The host answers with ErrorResourceInitFailed carrying the routes that still exist.
    const hostError = (failed as RunError).errors[0] as HostError;
    expect(hostError.initFailed).toBeDefined();
    const recorded = hostError.initFailed!.properties.routes as Array<{ id: string }>;
    expect(recorded.map((r) => r.id).sort()).toEqual([owned[0].id, owned[2].id].sort());
    expect(
      live(s)
        .map((x) => x.id)
        .sort(),
    ).toEqual([owned[0].id, owned[2].id].sort());

    // Next apply (the state still lists all five here): the three already gone answer 404 and
    // count as gone; only the one left is actually deleted.
    s.emulator.resetStats();
    const second = await s.driver.up(program(routes(1)));
    expect(second.ops.map((o) => o.op)).toEqual(["update"]);
    expect(requests(s)).toEqual(Array(4).fill("DELETE /accounts/:account_id/magic/routes/:route_id"));
    expect(s.emulator.stats.requests.filter((r) => r.status === 404)).toHaveLength(3);
    expect(live(s).map((x) => x.id)).toEqual([owned[0].id]);
    expect((await s.driver.up(program(routes(1)))).ops[0].op).toBe("same");
  });

  it("refresh reports drift only on owned routes; the next apply puts changed and deleted routes back", async () => {
    await s.driver.up(program(routes(4)));
    s.emulator.store.insert(ACCOUNT, "routes", { prefix: "172.16.0.0/24", nexthop: "10.1.1.1", priority: 50 });
    const owned = live(s).filter((x) => x.prefix !== "172.16.0.0/24");
    s.emulator.store.patch(ACCOUNT, "routes", owned[1].id, { priority: 999 });
    s.emulator.store.remove(ACCOUNT, "routes", owned[2].id);
    const refreshed = await s.driver.refresh();
    expect(refreshed).toMatchObject([{ op: "update", changedKeys: ["routes"] }]);
    const state = [...s.driver.state.values()][0];
    expect(state.outputs.routes).toHaveLength(3);

    const fixed = await s.driver.up(program(routes(4)));
    expect(fixed.ops.map((o) => o.op)).toEqual(["update"]);
    const after = live(s).filter((x) => x.prefix !== "172.16.0.0/24");
    expect(after).toHaveLength(4);
    expect(after.every((x) => x.priority === 100)).toBe(true);
    expect((await s.driver.up(program(routes(4)))).ops[0].op).toBe("same");
  });

  it("records the routes that exist when a create fails part-way, and the next apply converges without duplicates", async () => {
    s.emulator.injectNext({ kind: "5xx", method: "POST", status: 400 });
    const failed = await s.driver.up(program(routes(6))).catch((e) => e);
    expect(failed).toBeInstanceOf(Error);
    expect(String(failed.message)).toContain("1 of 6 routes could not be created");
    const recorded = [...s.driver.state.values()][0];
    expect(recorded.outputs.routes).toHaveLength(5);
    expect(live(s)).toHaveLength(5);

    const second = await s.driver.up(program(routes(6)));
    expect(second.ops.map((o) => o.op)).toEqual(["update"]);
    expect(live(s)).toHaveLength(6);
    expect(new Set(live(s).map((x) => x.prefix)).size).toBe(6);
  });

  it("never duplicates a route whose create response was lost", async () => {
    s.emulator.injectNext({ kind: "drop-after", method: "POST" });
    await s.driver.up(program(routes(3)));
    expect(live(s)).toHaveLength(3);
    expect(s.emulator.stats.faults["drop-after"]).toBe(1);
  });

  it("previews with unknown routes, and rejects duplicates before any request", async () => {
    const p = await s.driver.preview(() => {
      const t = new magic.GreTunnel("t", {
        name: "t",
        cloudflareGreEndpoint: "162.159.64.1",
        customerGreEndpoint: "203.0.113.10",
        interfaceAddress: "10.212.0.8/31",
      });
      new magic.RouteTable("dc1-routes", {
        routes: [{ prefix: "192.0.2.0/24", nexthop: t.interfaceAddress.apply(() => "10.212.0.9"), priority: 100 }],
      });
    });
    expect(p.errors).toEqual([]);
    const dup = await s.driver.up(program([...routes(2), routes(1)[0]])).catch((e) => e);
    expect(String(dup.message)).toContain("routes.2 repeats routes.0 (10.0.0.0/24 via 10.212.0.9)");
    expect(s.emulator.stats.totalRequests).toBe(0);
  });

  it("adopts existing routes with the import resource option, matching them by prefix and nexthop", async () => {
    for (const r of routes(3)) s.emulator.store.insert(ACCOUNT, "routes", { ...r });
    const imported = await s.driver.up(() => {
      new magic.RouteTable("dc1-routes", { routes: routes(3) }, { import: "routetable-adopted" });
    });
    expect(imported.ops).toMatchObject([{ op: "import" }]);
    expect(imported.outputs("dc1-routes").routes).toHaveLength(3);
    expect((await s.driver.up(program(routes(3)))).ops[0].op).toBe("same");
    expect(live(s)).toHaveLength(3);
  });

  it("applies a routes list built from other outputs", async () => {
    const r = await s.driver.up(() => {
      const nexthop = pulumi.output("10.212.0.9");
      new magic.RouteTable("dc1-routes", { routes: [{ prefix: "192.0.2.0/24", nexthop, priority: 100 }] });
    });
    expect(r.ops.map((o) => o.op)).toEqual(["create"]);
    expect(live(s)).toHaveLength(1);
  });
});
