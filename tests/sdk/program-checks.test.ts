import * as pulumi from "@pulumi/pulumi";
import * as magic from "pulumi-cloudflare-magic";
import { failure } from "../failure";
import { RunError } from "../harness/program";
import { BranchSite } from "../../sdk/components";
import { ACCOUNT, type TestStack, testStack } from "../resources/stack";

/**
 * Checks the program process makes, where it sees every resource of a run: two tunnels (or two
 * sites) with one name, a route declared twice (a StaticRoute and a RouteTable entry). The warning
 * about a public nexthop comes from the provider's check (tests/engine/host-messages.test.ts).
 */
let s: TestStack;
beforeAll(async () => {
  s = await testStack();
});
afterAll(async () => {
  await s.close();
});
beforeEach(() => {
  s.emulator.store.clear();
  s.emulator.resetStats();
});

const gre = (resource: string, name: string, n: number) =>
  new magic.GreTunnel(resource, {
    name,
    cloudflareGreEndpoint: "162.159.64.1",
    customerGreEndpoint: `203.0.113.${n}`,
    interfaceAddress: `10.212.0.${2 * n}/31`,
  });

describe("two tunnels of one program with the same name", () => {
  it("fail the program before any request, naming both resources", async () => {
    const err = await failure(
      s.driver.preview(() => {
        gre("gre-a", "dc1_gre_1", 1);
        gre("gre-b", "dc1_gre_1", 2);
      }),
    );
    expect(err).toBeInstanceOf(RunError);
    // Before: the second create failed with Cloudflare 1003 after the first tunnel was made.
    expect(err.message).toContain(
      'GreTunnel "gre-b": GreTunnel "gre-a" of this program is already named "dc1_gre_1"; Cloudflare keeps GreTunnel names unique per account, so give each resource its own name.',
    );
    expect(s.emulator.stats.totalRequests).toBe(0);
  });

  it("are fine across runs, across types, and for one resource declared again in the next run", async () => {
    const program = () => {
      gre("gre-a", "dc1_1", 1);
      new magic.IpsecTunnel("ipsec-a", { name: "dc1_1", cloudflareEndpoint: "162.159.65.1", interfaceAddress: "10.213.0.2/31" });
    };
    await s.driver.up(program);
    expect((await s.driver.up(program)).ops.map((o) => o.op)).toEqual(["same", "same"]);
    await s.driver.destroy();
  });
});

describe("two tunnels of one program with the same interface address", () => {
  it("fail the program before any request: Cloudflare refuses a second tunnel on an interface address (meta `unique`)", async () => {
    const err = await failure(
      s.driver.preview(() => {
        gre("gre-a", "dc1_gre_1", 1);
        new magic.GreTunnel("gre-b", {
          name: "dc1_gre_2",
          cloudflareGreEndpoint: "162.159.64.1",
          customerGreEndpoint: "203.0.113.2",
          interfaceAddress: "10.212.0.2/31",
        });
      }),
    );
    expect(err).toBeInstanceOf(RunError);
    expect(err.message).toContain(
      'GreTunnel "gre-b": GreTunnel "gre-a" of this program already has interfaceAddress "10.212.0.2/31"; Cloudflare keeps GreTunnel interfaceAddress values unique per account, so give each resource its own interfaceAddress.',
    );
    expect(s.emulator.stats.totalRequests).toBe(0);
  });
});

/**
 * The error of a preview and the requests it sent (none expected); then, with `up`, the same
 * program applied with no preview first: it stops at the second declaration, so nothing of that
 * reaches Cloudflare (what is declared before it may be made).
 */
async function refused(program: () => void, up = true): Promise<{ message: string; requests: number }> {
  const before = s.emulator.stats.totalRequests;
  const err = await failure(s.driver.preview(program));
  expect(err).toBeInstanceOf(RunError);
  const requests = s.emulator.stats.totalRequests - before;
  if (up) expect((await failure(s.driver.up(program))).errors[0].message).toBe(err.errors[0].message);
  return { message: err.message, requests };
}

describe("two sites of one program with the same name", () => {
  it("fail before any request, naming both resources, whether declared as Sites or BranchSites", async () => {
    // Before: Cloudflare took both, and the account held two sites nobody could tell apart.
    const sites = await refused(() => {
      new magic.Site("nyc", { name: "nyc_branch" });
      new magic.Site("nyc-again", { name: "nyc_branch" });
    });
    expect(sites.message).toContain(
      'Site "nyc-again": Site "nyc" of this program is already named "nyc_branch"; Cloudflare would keep two sites of that name, which nobody can tell apart, so give each its own name.',
    );
    // After its `up`: one site of that name, the one declared first.
    expect(s.emulator.store.list<any>(ACCOUNT, "sites").map((x: { name: string }) => x.name)).toEqual(["nyc_branch"]);
    const branches = await refused(() => {
      new BranchSite("nyc", { name: "nyc_branch", wans: [{ name: "isp_a", physport: 1 }] });
      new BranchSite("brooklyn", { name: "nyc_branch", wans: [{ name: "isp_a", physport: 1 }] });
    });
    expect(branches.message).toContain('Site "brooklyn-site": Site "nyc-site" of this program is already named "nyc_branch"');
    expect([sites.requests, branches.requests]).toEqual([0, 0]);
  });

  it("are fine in two accounts, and one site declared again in the next run applies as a no-op", async () => {
    const other = "fedcba9876543210fedcba9876543210";
    const p = await s.driver.preview(() => {
      new magic.Site("nyc", { name: "nyc_branch" });
      new magic.Site("nyc-other-account", { name: "nyc_branch", accountId: other });
    });
    expect(p.errors).toEqual([]);
    const program = () => {
      new magic.Site("nyc", { name: "nyc_branch" });
    };
    await s.driver.up(program);
    expect((await s.driver.up(program)).ops.map((o) => o.op)).toEqual(["same"]);
    await s.driver.destroy();
  });
});

describe("a route declared twice in one program", () => {
  // The routes' nexthop lies in this tunnel's /31, as Cloudflare requires.
  const table = () =>
    new magic.RouteTable(
      "table",
      {
        routes: [
          { prefix: "192.0.2.0/24", nexthop: "10.212.0.9", priority: 100 },
          { prefix: "198.51.100.0/24", nexthop: "10.212.0.9", priority: 100, scope: { coloNames: ["den01", "ord01"] } },
        ],
      },
      { dependsOn: gre("gre", "dc1_gre_1", 4) },
    );

  it("a StaticRoute identical to a RouteTable entry fails before any request, naming the resource and the entry", async () => {
    // Before: both were created and Cloudflare held two identical routes, each resource calling the other's its own.
    const r = await refused(() => {
      table();
      new magic.StaticRoute("dup", { prefix: "192.0.2.0/24", nexthop: "10.212.0.9", priority: 100, weight: 10 });
    });
    expect(r.message).toContain(
      'StaticRoute "dup": RouteTable "table" routes[0] of this program is the same route (192.0.2.0/24 via 10.212.0.9, priority 100); Cloudflare would hold two identical routes, so declare it in one place.',
    );
    // Declared the other way round, with the address spelt differently and the scope in another order.
    const r2 = await refused(() => {
      new magic.StaticRoute("first", {
        prefix: "198.51.100.0/24",
        nexthop: "10.212.0.9",
        priority: 100,
        scope: { coloNames: ["ord01", "den01"] },
      });
      table();
    }, false);
    expect(r2.message).toContain(
      'RouteTable "table" routes[1]: StaticRoute "first" of this program is the same route (198.51.100.0/24 via 10.212.0.9 [den01,ord01|], priority 100)',
    );
    expect([r.requests, r2.requests]).toEqual([0, 0]);
    // After the `up`s: each route once.
    const routes = s.emulator.store.list<any>(ACCOUNT, "routes").map((x: { prefix: string }) => x.prefix);
    expect(routes.sort()).toEqual(["192.0.2.0/24", "198.51.100.0/24"]);
  });

  it("other nexthops, scopes, priorities (a backup) or accounts are different routes, and entries not known yet are not compared", async () => {
    const p = await s.driver.preview(() => {
      table();
      new magic.StaticRoute("other-tunnel", { prefix: "192.0.2.0/24", nexthop: "10.212.0.11", priority: 100 });
      new magic.StaticRoute("backup", { prefix: "192.0.2.0/24", nexthop: "10.212.0.9", priority: 200 });
      new magic.StaticRoute("scoped", { prefix: "192.0.2.0/24", nexthop: "10.212.0.9", priority: 100, scope: { coloNames: ["den01"] } });
      new magic.StaticRoute("elsewhere", {
        prefix: "192.0.2.0/24",
        nexthop: "10.212.0.9",
        priority: 100,
        accountId: "fedcba9876543210fedcba9876543210",
      });
      new magic.StaticRoute("later", { prefix: pulumi.output("192.0.2.0/24"), nexthop: "10.212.0.9", priority: 100 });
    });
    expect(p.errors).toEqual([]);
  });
});
