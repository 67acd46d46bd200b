import * as magic from "pulumi-cloudflare-magic";
import { failure } from "../failure";
import { RunError } from "../harness/program";
import { type TestStack, testStack } from "../resources/stack";

/**
 * Checks the program process makes, where it sees every resource of a run: two tunnels with one
 * name, and warnings (pulumi.log.warn: what the CLI shows; under the harness's mocks the SDK
 * prints them with console.warn) for a route whose nexthop is a public address.
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

describe("a public nexthop", () => {
  it("is a warning on the route, not an error; private and link addresses are not", async () => {
    const warn = jest.spyOn(console, "warn").mockImplementation(() => undefined);
    try {
      await s.driver.preview(() => {
        new magic.StaticRoute("to-router", { prefix: "192.0.2.0/24", nexthop: "203.0.113.10", priority: 100 });
        new magic.StaticRoute("via-tunnel", { prefix: "198.51.100.0/24", nexthop: "10.212.0.9", priority: 100 });
        // The customer side of an AWS VPN's /30 (169.254.244.2/30): link-local, no warning.
        new magic.StaticRoute("via-aws-vpn", { prefix: "198.51.100.0/25", nexthop: "169.254.244.1", priority: 100 });
        new magic.RouteTable("table", {
          routes: [
            { prefix: "192.0.2.0/25", nexthop: "169.254.10.1", priority: 100 },
            { prefix: "192.0.2.128/25", nexthop: "8.8.8.8", priority: 100 },
          ],
        });
      });
      const lines = warn.mock.calls.map((c) => String(c[0]));
      expect(lines).toEqual([
        "warning: [runtime] StaticRoute \"to-router\": nexthop 203.0.113.10 is a public address; a Magic route's nexthop is the customer side of a tunnel's interface address (a private or link-local address: the tunnel's `customerAddress` output), not your router's public endpoint.",
        "warning: [runtime] RouteTable \"table\": routes[1].nexthop 8.8.8.8 is a public address; a Magic route's nexthop is the customer side of a tunnel's interface address (a private or link-local address: the tunnel's `customerAddress` output), not your router's public endpoint.",
      ]);
    } finally {
      warn.mockRestore();
    }
  });
});
