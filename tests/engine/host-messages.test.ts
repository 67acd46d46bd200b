/**
 * What reaches the CLI: the provider host started with the address of a fake engine (as the
 * Pulumi engine starts it) sends progress as ephemeral status and warnings as warnings, each naming
 * its resource by the URN the engine registered. Without an engine, or with one that went away,
 * nothing changes.
 */
import * as pulumi from "@pulumi/pulumi";
import { BranchSite, cni, magic } from "pulumi-cloudflare-magic";
import { slotCatalogue } from "../../emulator/resources/cni";
import type { LoggedMessage } from "../harness/engine";
import { startFakeEngine } from "../harness/engine";
import { secret, startHost, urn } from "../harness/host";
import { ProgramDriver } from "../harness/program";
import { ACCOUNT, REPO, TOKEN, type TestStack, testStack, tunnelsFor } from "../resources/stack";

const statusOf = (u: string, pattern: RegExp) => (m: LoggedMessage) =>
  m.urn === u && m.severity === "info" && m.ephemeral && pattern.test(m.message);

let s: TestStack;
beforeEach(async () => {
  s = await testStack({}, { engine: true });
});
afterEach(async () => {
  await s.close();
});

describe("the URN the provider names a resource by", () => {
  it("is the one the engine registers, at the top level and under a component", async () => {
    tunnelsFor(s.emulator, ["10.212.0.9"]);
    await s.driver.up(() => {
      new magic.StaticRoute("top", { prefix: "192.0.2.0/24", nexthop: "10.212.0.9", priority: 100 });
      const office = new pulumi.ComponentResource("test:index:Office", "office");
      new magic.StaticRoute("child", { prefix: "198.51.100.0/24", nexthop: "10.212.0.9", priority: 100 }, { parent: office });
      new BranchSite("branch", { wans: [{ name: "isp_a", physport: 1 }] });
    });
    const resources = [...s.driver.state.values()].filter((e) => e.custom);
    expect(resources.map((e) => e.urn).sort()).toEqual([
      "urn:pulumi:dev::test::cloudflare-magic:index:BranchSite$pulumi-nodejs:dynamic/magic:Site::branch-site",
      "urn:pulumi:dev::test::cloudflare-magic:index:BranchSite$pulumi-nodejs:dynamic/magic:SiteWan::branch-wan-isp_a",
      "urn:pulumi:dev::test::pulumi-nodejs:dynamic/magic:StaticRoute::top",
      "urn:pulumi:dev::test::test:index:Office$pulumi-nodejs:dynamic/magic:StaticRoute::child",
    ]);
    for (const e of resources) {
      expect(e.inputs.__urn).toBe(e.urn);
      expect(e.outputs.__urn).toBe(e.urn);
    }
  });
});

describe("progress as the resource's status", () => {
  it("a slow interconnect wait: each step an ephemeral line naming the interconnect", async () => {
    s.emulator.configure({ cni: { healthyAfterMs: 1500 } });
    const slot = slotCatalogue(ACCOUNT)[0].id;
    const r = await s.driver.up(() => {
      new cni.Interconnect("ord-port", { type: "direct", slotId: slot, waitForStatus: { status: "Healthy", timeoutSeconds: 30 } });
    });
    const id = r.ops[0].id!;
    const u = urn("pulumi-nodejs:dynamic/cni:Interconnect", "ord-port");
    const engine = s.engine!;
    await engine.waitFor(
      statusOf(u, new RegExp(`^create Interconnect 'ord-port': waiting up to 30s for interconnect ${id} to be Healthy$`)),
    );
    await engine.waitFor(statusOf(u, new RegExp(`interconnect ${id} is Pending; waiting for Healthy \\(\\d+s of 30s\\)$`)));
    await engine.waitFor(statusOf(u, new RegExp(`interconnect ${id} is Healthy after \\d+s$`)));
    // stderr keeps its lines for debug output.
    expect(s.host.stderr()).toContain(`interconnect ${id} is Pending; waiting for Healthy`);
  });

  it("a RouteTable of many routes: how many are written so far", async () => {
    const nexthop = "10.212.0.9";
    tunnelsFor(s.emulator, [nexthop]);
    const routes = Array.from({ length: 25 }, (_, i) => ({ prefix: `10.${100 + i}.0.0/16`, nexthop, priority: 100 }));
    await s.driver.up(() => {
      new magic.RouteTable("dc1", { routes });
    });
    const u = urn("pulumi-nodejs:dynamic/magic:RouteTable", "dc1");
    await s.engine!.waitFor(statusOf(u, /^routes: 25 of 25 created$/));
    const lines = s.engine!.logs.filter(statusOf(u, /^routes: \d+ of 25 created$/));
    expect(lines.length).toBeLessThanOrEqual(10);
    await s.driver.up(() => {
      new magic.RouteTable("dc1", { routes: [] });
    });
    await s.engine!.waitFor(statusOf(u, /^routes: 25 of 25 deleted$/));
  });

  it("a pause Cloudflare asks for (429, Retry-After 2)", async () => {
    tunnelsFor(s.emulator, ["10.212.0.9"]);
    s.emulator.injectNext({ kind: "429", method: "POST", retryAfterSeconds: 2 });
    await s.driver.up(() => {
      new magic.StaticRoute("paced", { prefix: "192.0.2.0/24", nexthop: "10.212.0.9", priority: 100 });
    });
    await s.engine!.waitFor(
      statusOf(
        urn("pulumi-nodejs:dynamic/magic:StaticRoute", "paced"),
        /^POST \/accounts\/\w+\/magic\/routes failed \(.*429.*\); trying again in 2 s, as Cloudflare's Retry-After asks$/,
      ),
    );
  });
});

describe("warnings as warnings", () => {
  const PUBLIC =
    "is a public address; it must lie in a tunnel's link: the customer side of the tunnel's interface address (a private or link-local address, the tunnel's `customerAddress` output), not the public endpoint of your side of the tunnel.";
  const warningsOf = (engine: NonNullable<TestStack["engine"]>) =>
    engine.logs.filter((m) => m.severity === "warning").map((m) => ({ urn: m.urn, message: m.message, ephemeral: m.ephemeral }));

  it("a public nexthop: a warning on the route's row (a StaticRoute, a RouteTable entry, one given as an Output); private and link addresses are not", async () => {
    const program = () => {
      new magic.StaticRoute("to-router", { prefix: "192.0.2.0/24", nexthop: "203.0.113.10", priority: 100 });
      new magic.StaticRoute("via-tunnel", { prefix: "198.51.100.0/24", nexthop: "10.212.0.9", priority: 100 });
      // The customer side of an AWS VPN's /30 (169.254.244.2/30): link-local, no warning.
      new magic.StaticRoute("via-aws-vpn", { prefix: "198.51.100.0/25", nexthop: "169.254.244.1", priority: 100 });
      // Known only once the program runs: the provider judges the value, not the program.
      new magic.StaticRoute("from-output", { prefix: "203.0.113.0/25", nexthop: pulumi.output("198.51.100.77"), priority: 100 });
      new magic.RouteTable("table", {
        routes: [
          { prefix: "192.0.2.0/25", nexthop: "169.254.10.1", priority: 100 },
          { prefix: "192.0.2.128/25", nexthop: "8.8.8.8", priority: 100 },
        ],
      });
    };
    const r = await s.driver.preview(program);
    // A warning is no failure.
    expect(r.ops.map((o) => o.op)).toEqual(["create", "create", "create", "create", "create"]);
    const engine = s.engine!;
    for (const name of ["to-router", "from-output", "table"])
      await engine.waitFor((m) => m.severity === "warning" && m.urn.endsWith(`::${name}`));
    expect(warningsOf(engine).sort((a, b) => a.message.localeCompare(b.message))).toEqual([
      { urn: urn("pulumi-nodejs:dynamic/magic:StaticRoute", "from-output"), message: `nexthop 198.51.100.77 ${PUBLIC}`, ephemeral: false },
      { urn: urn("pulumi-nodejs:dynamic/magic:StaticRoute", "to-router"), message: `nexthop 203.0.113.10 ${PUBLIC}`, ephemeral: false },
      { urn: urn("pulumi-nodejs:dynamic/magic:RouteTable", "table"), message: `routes[1].nexthop 8.8.8.8 ${PUBLIC}`, ephemeral: false },
    ]);
    // stderr keeps them for debug output, naming the resource.
    expect(s.host.stderr()).toContain(`check StaticRoute 'to-router': warning: nexthop 203.0.113.10 ${PUBLIC}`);
  });
});

describe("without an engine that answers", () => {
  it("an engine that went away: the apply still works, stderr as before", async () => {
    const gone = await startFakeEngine();
    await gone.stop();
    const host = await startHost({ cwd: REPO, project: "test", engine: gone.address });
    try {
      await host.configure({
        "cloudflare:apiToken": secret(TOKEN),
        "cloudflare-magic:accountId": ACCOUNT,
        "cloudflare-magic:baseUrl": s.emulator.url,
      });
      s.emulator.configure({ cni: { healthyAfterMs: 0 } });
      const driver = new ProgramDriver({ host, project: "test", stack: "dev" });
      const slot = slotCatalogue(ACCOUNT)[0].id;
      const r = await driver.up(() => {
        new cni.Interconnect("ord-port", { type: "direct", slotId: slot, waitForStatus: { status: "Healthy", timeoutSeconds: 30 } });
      });
      expect(r.errors).toEqual([]);
      expect(r.ops.map((o) => o.op)).toEqual(["create"]);
      expect(host.stderr()).toContain("to be Healthy");
      await driver.destroy();
    } finally {
      await host.close();
    }
    expect(gone.logs).toEqual([]);
  });
});
