import * as pulumi from "@pulumi/pulumi";
import * as magic from "pulumi-cloudflare-magic";
import { PlanError, TransitOnramp, type TransitOnrampArgs } from "../../sdk/components";
import { GreTunnel, IpsecTunnel, RouteTable } from "../../sdk/magic";
import { RunError } from "../harness/program";
import { failure } from "../failure";
import { ACCOUNT, TestStack, testStack } from "../resources/stack";

/**
 * TransitOnramp as a whole program: tunnels and one route table through the real provider host
 * to the emulator; routes planned from the tunnels' /31s.
 */
const PSK = "given-psk-0123456789";
const args = (): TransitOnrampArgs => ({
  tunnels: [
    {
      kind: "ipsec",
      name: "dc1_ipsec_1",
      cloudflareEndpoint: "162.159.65.1",
      customerEndpoint: "203.0.113.20",
      interfaceAddress: "10.213.0.8/31",
    },
    {
      kind: "gre",
      name: "dc1_gre_1",
      cloudflareEndpoint: "162.159.64.1",
      customerEndpoint: "203.0.113.10",
      interfaceAddress: "10.212.0.9/31",
      weight: 64,
      scope: { coloRegions: ["WEUR"] },
      healthCheck: { rate: "high", direction: "bidirectional" },
    },
    { kind: "ipsec", name: "dc1_ipsec_2", cloudflareEndpoint: "162.159.65.2", interfaceAddress: "10.213.0.10/31", psk: PSK },
  ],
  prefixes: ["192.0.2.0/24", "198.51.100.0/24"],
});

let onramp: TransitOnramp | undefined;
const program = (a: TransitOnrampArgs) => () => {
  onramp = new TransitOnramp("dc1", a);
};
const value = <T>(o: pulumi.Output<T>) => new Promise<T>((resolve) => o.apply(resolve));
const list = (s: TestStack, collection: string) => s.emulator.store.list<any>(ACCOUNT, collection);
const opsByName = (r: { ops: Array<{ name: string; op: string }> }) => Object.fromEntries(r.ops.map((o) => [o.name, o.op]));
const changedOnly = (r: { ops: Array<{ name: string; op: string }> }) => r.ops.filter((o) => o.op !== "same").map((o) => [o.name, o.op]);
const routeSummary = (s: TestStack) =>
  list(s, "routes")
    .map(
      (r) =>
        `${r.prefix} ${r.nexthop} ${r.priority}${r.weight !== undefined ? ` w${r.weight}` : ""}${r.scope ? ` ${r.scope.colo_regions}` : ""}`,
    )
    .sort();

let s: TestStack;
beforeEach(async () => {
  s = await testStack();
});
afterEach(async () => {
  await s.close();
});

describe("TransitOnramp", () => {
  it("creates the tunnels, then ECMP routes via each tunnel's customer side; re-applies as a no-op; destroys routes first", async () => {
    const first = await s.driver.up(program(args()));
    expect(opsByName(first)).toEqual({
      dc1: "create",
      "dc1-tunnel-dc1_ipsec_1": "create",
      "dc1-tunnel-dc1_gre_1": "create",
      "dc1-tunnel-dc1_ipsec_2": "create",
      "dc1-routes": "create",
    });
    for (const o of first.ops.filter((o) => o.name !== "dc1"))
      expect(o.urn).toContain("::cloudflare-magic:index:TransitOnramp$pulumi-nodejs:dynamic/magic:");

    // Nexthops are the other address of each /31 (10.212.0.9/31 -> 10.212.0.8); one priority: ECMP.
    expect(routeSummary(s)).toEqual([
      "192.0.2.0/24 10.212.0.8 100 w64 WEUR",
      "192.0.2.0/24 10.213.0.11 100",
      "192.0.2.0/24 10.213.0.9 100",
      "198.51.100.0/24 10.212.0.8 100 w64 WEUR",
      "198.51.100.0/24 10.213.0.11 100",
      "198.51.100.0/24 10.213.0.9 100",
    ]);
    // The on-ramp's health check is sent, under each tunnel's own fields.
    const sent = s.emulator.stats.requests.filter((r) => r.method === "POST" && /_tunnels$/.test(r.route)).map((r) => r.body as any);
    expect(Object.fromEntries(sent.map((b) => [b.name, b.health_check]))).toEqual({
      dc1_ipsec_1: { enabled: true, rate: "mid", type: "reply" },
      dc1_gre_1: { enabled: true, rate: "high", type: "reply", direction: "bidirectional" },
      dc1_ipsec_2: { enabled: true, rate: "mid", type: "reply" },
    });
    const [gre] = list(s, "gre_tunnels");
    // Routes were created after every tunnel (and its PSK).
    const posts = s.emulator.stats.requests.filter((r) => r.method === "POST").map((r) => r.route);
    expect(posts.findIndex((r) => r.endsWith("/magic/routes"))).toBe(posts.length - 6);

    const c = onramp!;
    const ipsec = (name: string) => list(s, "ipsec_tunnels").find((t) => t.name === name);
    expect(await value(c.tunnelIds)).toEqual({
      dc1_ipsec_1: ipsec("dc1_ipsec_1").id,
      dc1_gre_1: gre.id,
      dc1_ipsec_2: ipsec("dc1_ipsec_2").id,
    });
    const psks = await value(c.psks);
    expect(Object.keys(psks).sort()).toEqual(["dc1_ipsec_1", "dc1_ipsec_2"]);
    expect(psks.dc1_ipsec_1).toEqual(expect.stringMatching(/.{16,}/));
    expect(psks.dc1_ipsec_2).toBe(PSK);
    expect(await (c.psks as any).isSecret).toBe(true);
    expect(await value(c.routes)).toHaveLength(6);
    expect(c.nodes.tunnels.dc1_gre_1).toBeInstanceOf(GreTunnel);
    expect(c.nodes.tunnels.dc1_ipsec_1).toBeInstanceOf(IpsecTunnel);
    expect(c.nodes.routes).toBeInstanceOf(RouteTable);

    s.emulator.resetStats();
    const again = await s.driver.up(program(args()));
    expect(new Set(again.ops.map((o) => o.op))).toEqual(new Set(["same"]));
    expect(s.emulator.stats.totalRequests).toBe(0);

    s.emulator.resetStats();
    await s.driver.destroy();
    expect(s.emulator.store.countAll()).toBe(0);
    const deletes = s.emulator.stats.requests.filter((r) => r.method === "DELETE").map((r) => r.route);
    // Routes first, one DELETE per route at its own path; never the collection DELETE.
    expect(deletes.slice(0, 6)).toEqual(Array(6).fill("DELETE /accounts/:account_id/magic/routes/:route_id"));
    expect(deletes.filter((r) => /\/magic\/routes$/.test(r))).toEqual([]);
  });

  it("a change touches only its child: routing mode -> the route table, a tunnel's description -> that tunnel", async () => {
    await s.driver.up(program(args()));

    const backup = await s.driver.up(program({ ...args(), routing: { mode: "active-backup", priority: 200, step: 5 } }));
    expect(changedOnly(backup)).toEqual([["dc1-routes", "update"]]);
    expect(routeSummary(s).filter((r) => r.startsWith("192.0.2.0/24"))).toEqual([
      "192.0.2.0/24 10.212.0.8 205 w64 WEUR",
      "192.0.2.0/24 10.213.0.11 210",
      "192.0.2.0/24 10.213.0.9 200",
    ]);

    const described = args();
    described.tunnels[1] = { ...described.tunnels[1], description: "via ISP B" };
    const r = await s.driver.up(program({ ...described, routing: { mode: "active-backup", priority: 200, step: 5 } }));
    expect(changedOnly(r)).toEqual([["dc1-tunnel-dc1_gre_1", "update"]]);
    expect(list(s, "gre_tunnels")[0].description).toBe("via ISP B");

    // A new prefix adds one route per tunnel, in the table only.
    const more = await s.driver.up(
      program({
        ...described,
        prefixes: ["192.0.2.0/24", "198.51.100.0/24", "203.0.113.0/24"],
        routing: { mode: "active-backup", priority: 200, step: 5 },
      }),
    );
    expect(changedOnly(more)).toEqual([["dc1-routes", "update"]]);
    expect(list(s, "routes")).toHaveLength(9);

    // A health check given as an Output still gets the on-ramp's defaults under it.
    const slow = {
      ...described,
      prefixes: ["192.0.2.0/24", "198.51.100.0/24", "203.0.113.0/24"],
      routing: { mode: "active-backup", priority: 200, step: 5 },
    } as TransitOnrampArgs;
    slow.tunnels[2] = { ...slow.tunnels[2], healthCheck: pulumi.output({ rate: "low" as const }) };
    const checked = await s.driver.up(program(slow));
    expect(changedOnly(checked)).toEqual([["dc1-tunnel-dc1_ipsec_2", "update"]]);
    const state = [...s.driver.state.values()].find((e) => e.name === "dc1-tunnel-dc1_ipsec_2")!;
    expect(state.inputs.healthCheck).toEqual({ enabled: true, rate: "low", type: "reply" });
    expect(list(s, "ipsec_tunnels").find((t) => t.name === "dc1_ipsec_2").health_check).toMatchObject({ rate: "low" });
  });

  it("previews with addresses and prefixes not known yet, and sends no request", async () => {
    const p = await s.driver.preview(() => {
      const other = new magic.GreTunnel("other", {
        name: "other",
        cloudflareGreEndpoint: "162.159.64.1",
        customerGreEndpoint: "203.0.113.99",
        interfaceAddress: "10.99.0.0/31",
      });
      const later = <T>(v: T) => other.id.apply(() => v);
      const a = args();
      // The first tunnel's /31 is not known yet: the up-front address checks skip it.
      a.tunnels[0] = { ...a.tunnels[0], interfaceAddress: later("10.212.0.8/31") };
      new TransitOnramp("dc1", { ...a, prefixes: later(["192.0.2.0/24"]) });
    });
    expect(p.errors).toEqual([]);
    expect(opsByName(p)).toMatchObject({ dc1: "create", "dc1-tunnel-dc1_ipsec_1": "create", "dc1-routes": "create" });
    expect(p.outputs("dc1-routes").routes).toBe("04da6b54-80e4-46f7-96ec-b56ff0331ba9");
    expect(s.emulator.stats.totalRequests).toBe(0);
  });

  const tunnel = (a: TransitOnrampArgs, i: number, change: object) => ({
    ...a,
    tunnels: a.tunnels.map((t, j) => (j === i ? { ...t, ...change } : t)),
  });
  const cases: Array<[string, (a: TransitOnrampArgs) => TransitOnrampArgs, string]> = [
    ["no tunnels", (a) => ({ ...a, tunnels: [] }), "tunnels is empty; an on-ramp needs at least one tunnel."],
    [
      "a GRE name with a space",
      (a) => tunnel(a, 1, { name: "dc1 gre" }),
      'GRE tunnel "dc1 gre": a GRE tunnel name must be 1 to 15 letters, digits or underscores (no spaces or special characters).',
    ],
    [
      "a GRE name over 15 characters",
      (a) => tunnel(a, 1, { name: "dc1_gre_primary_1" }),
      'GRE tunnel "dc1_gre_primary_1": a GRE tunnel name must be 1 to 15 letters, digits or underscores (no spaces or special characters).',
    ],
    ["an empty IPsec name", (a) => tunnel(a, 0, { name: "" }), "an IPsec tunnel has an empty name; every tunnel needs a name."],
    [
      "two tunnels with one name",
      (a) => tunnel(a, 2, { name: "dc1_ipsec_1" }),
      'two tunnels are named "dc1_ipsec_1"; tunnel names must be unique.',
    ],
    [
      "a /31 outside the documented tunnel spaces",
      (a) => tunnel(a, 1, { interfaceAddress: "203.0.113.0/31" }),
      'tunnel "dc1_gre_1": interfaceAddress "203.0.113.0/31" must be a /31 or /30 prefix inside 10.0.0.0/8, 172.16.0.0/12, 192.168.0.0/16 or 169.254.240.0/20, such as 10.212.0.8/31.',
    ],
    [
      "a /30 written with its network address",
      (a) => tunnel(a, 1, { interfaceAddress: "169.254.244.0/30" }),
      'tunnel "dc1_gre_1": interfaceAddress "169.254.244.0/30" is the network address of its /30, which no side of a tunnel can use: write one of the two usable addresses (169.254.244.1/30 or 169.254.244.2/30), the one Cloudflare takes.',
    ],
    [
      "two tunnels on one /31",
      (a) => tunnel(a, 2, { interfaceAddress: "10.213.0.9/31" }),
      'tunnels "dc1_ipsec_1" and "dc1_ipsec_2" use the same /31 (10.213.0.8/31); each tunnel needs its own.',
    ],
    [
      "a prefix that is not a CIDR",
      (a) => ({ ...a, prefixes: ["192.0.2.0"] }),
      'prefix "192.0.2.0" is not a prefix in CIDR notation such as 192.0.2.0/24.',
    ],
    [
      "a prefix with host bits",
      (a) => ({ ...a, prefixes: ["192.0.2.1/24"] }),
      'prefix "192.0.2.1/24" has host bits set; write it as 192.0.2.0/24.',
    ],
    [
      "a prefix listed twice",
      (a) => ({ ...a, prefixes: ["192.0.2.0/24", "192.0.2.0/24"] }),
      "prefix 192.0.2.0/24 is listed twice; list each prefix once.",
    ],
    [
      "an active/backup step of 0",
      (a) => ({ ...a, routing: { mode: "active-backup", step: 0 } }),
      "routing.step must be a positive number (got 0).",
    ],
  ];

  it.each(cases)("rejects %s before any request, with one sentence naming the entry", async (_what, mutate, sentence) => {
    const e = await failure(s.driver.up(program(mutate(args()))));
    expect(e).toBeInstanceOf(RunError);
    expect(e.errors).toHaveLength(1);
    expect(e.errors[0]).toBeInstanceOf(PlanError);
    expect(e.errors[0].message).toBe(`TransitOnramp "dc1": ${sentence}`);
    expect(e.result.ops).toEqual([]);
    expect(s.emulator.stats.totalRequests).toBe(0);
  });
});
