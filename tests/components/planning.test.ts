import {
  PlanError,
  checkNoOverlap,
  checkPortVlanCollisions,
  checkTunnelAddresses,
  checkUniqueNames,
  customerNexthop,
  planTunnelRoutes,
  resolveNames,
  tunnelSides,
} from "../../sdk/components/planning";
import fc from "fast-check";
import { contains, parseIPv4, parsePrefix } from "../../shared/ip";
import { runs } from "../property";

describe("tunnel addressing", () => {
  it("gives Cloudflare the written address and the customer the other one", () => {
    expect(tunnelSides("10.212.0.8/31")).toEqual({ cloudflare: "10.212.0.8", customer: "10.212.0.9" });
    expect(tunnelSides("10.212.0.9/31")).toEqual({ cloudflare: "10.212.0.9", customer: "10.212.0.8" });
    // A /30 has two usable hosts: the one written is Cloudflare's, the other the customer's.
    expect(tunnelSides("10.213.0.41/30")).toEqual({ cloudflare: "10.213.0.41", customer: "10.213.0.42" });
    expect(tunnelSides("169.254.244.2/30")).toEqual({ cloudflare: "169.254.244.2", customer: "169.254.244.1" });
    // Its network and broadcast addresses are no side of anything.
    expect(() => customerNexthop("10.212.0.8/30")).toThrow(PlanError);
    expect(() => customerNexthop("10.212.0.11/30")).toThrow(PlanError);
    expect(() => customerNexthop("10.212.0.8/29")).toThrow(PlanError);
  });

  it("property: both sides lie in the /31, differ, and swapping sides is an involution (2,000 /31s in 10/8)", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 0xffffff }), (a) => {
        const ip = `10.${(a >>> 16) & 255}.${(a >>> 8) & 255}.${a & 255}`;
        const { cloudflare, customer } = tunnelSides(`${ip}/31`);
        expect(cloudflare).toBe(ip);
        expect(customer).not.toBe(cloudflare);
        expect(contains(parsePrefix(`${ip}/31`)!, parseIPv4(customer)!)).toBe(true);
        expect(customerNexthop(`${customer}/31`)).toBe(cloudflare);
      }),
      runs(2000),
    );
  });

  it("rejects public, non-/31 and duplicate tunnel /31s, naming the tunnels", () => {
    expect(() => checkTunnelAddresses([{ name: "a", interfaceAddress: "203.0.113.0/31" }])).toThrow(
      'tunnel "a": interfaceAddress "203.0.113.0/31" must be a /31 or /30 prefix inside 10.0.0.0/8, 172.16.0.0/12, 192.168.0.0/16 or 169.254.240.0/20, such as 10.212.0.8/31.',
    );
    expect(() => checkTunnelAddresses([{ name: "aws", interfaceAddress: "169.254.244.0/30" }])).toThrow(
      'tunnel "aws": interfaceAddress "169.254.244.0/30" is the network address of its /30',
    );
    // A /31 inside another tunnel's /30 would make one address the nexthop of both.
    expect(() =>
      checkTunnelAddresses([
        { name: "a", interfaceAddress: "10.0.0.1/30" },
        { name: "b", interfaceAddress: "10.0.0.2/31" },
      ]),
    ).toThrow('tunnels "a" and "b" use overlapping subnets (10.0.0.0/30 and 10.0.0.2/31); each tunnel needs its own.');
    expect(() =>
      checkTunnelAddresses([
        { name: "a", interfaceAddress: "10.0.0.1/30" },
        { name: "b", interfaceAddress: "10.0.0.2/30" },
      ]),
    ).toThrow('tunnels "a" and "b" use the same /30 (10.0.0.0/30)');
    expect(() =>
      checkTunnelAddresses([
        { name: "a", interfaceAddress: "10.0.0.0/31" },
        { name: "b", interfaceAddress: "10.0.0.1/31" },
      ]),
    ).toThrow('tunnels "a" and "b" use the same /31 (10.0.0.0/31)');
    expect(() =>
      checkTunnelAddresses([
        { name: "a", interfaceAddress: "10.0.0.0/31" },
        { name: "b", interfaceAddress: "10.0.0.2/31" },
      ]),
    ).not.toThrow();
  });
});

describe("route planning", () => {
  const tunnels = [
    { name: "ipsec1", interfaceAddress: "10.212.0.8/31" },
    { name: "ipsec2", interfaceAddress: "10.212.0.10/31", weight: 2, scope: { coloRegions: ["WEUR"] } },
    { name: "gre1", interfaceAddress: "10.212.0.12/31" },
  ];

  it("ECMP: one route per prefix and tunnel, same priority, nexthop on the customer side", () => {
    const routes = planTunnelRoutes(["192.0.2.0/24", "198.51.100.0/24"], tunnels);
    expect(routes).toHaveLength(6);
    expect(new Set(routes.map((r) => r.priority))).toEqual(new Set([100]));
    expect(routes.slice(0, 3).map((r) => r.nexthop)).toEqual(["10.212.0.9", "10.212.0.11", "10.212.0.13"]);
    expect(routes[1]).toMatchObject({ weight: 2, scope: { coloRegions: ["WEUR"] } });
  });

  it("active/backup: priorities strictly increase in tunnel order", () => {
    const routes = planTunnelRoutes(["192.0.2.0/24"], tunnels, { mode: "active-backup", priority: 200, step: 5 });
    expect(routes.map((r) => [r.tunnel, r.priority])).toEqual([
      ["ipsec1", 200],
      ["ipsec2", 205],
      ["gre1", 210],
    ]);
    expect(routes[0].description).toBe("192.0.2.0/24 via ipsec1 (active)");
  });

  it("property: every (prefix, tunnel) pair gets exactly one route, for random inputs", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 5 }),
        fc.integer({ min: 1, max: 6 }),
        fc.constantFrom("ecmp" as const, "active-backup" as const),
        (nt, np, m) => {
          const ts = Array.from({ length: nt }, (_, i) => ({ name: `t${i}`, interfaceAddress: `10.0.${i}.0/31` }));
          const ps = Array.from({ length: np }, (_, i) => `192.168.${i}.0/24`);
          const mode = { mode: m } as const;
          const routes = planTunnelRoutes(ps, ts, mode);
          expect(routes).toHaveLength(nt * np);
          expect(new Set(routes.map((r) => `${r.prefix}|${r.tunnel}`)).size).toBe(nt * np);
          if (mode.mode === "active-backup")
            for (const p of ps) expect(new Set(routes.filter((r) => r.prefix === p).map((r) => r.priority)).size).toBe(nt);
        },
      ),
      runs(200),
    );
  });
});

describe("site checks", () => {
  it("resolves names, listing the known ones when a name is unknown", () => {
    const known = new Map([
      ["office", "lan-1"],
      ["pos", "lan-2"],
    ]);
    expect(resolveNames("LAN", 'ACL "pos-to-office"', ["pos", "office"], known)).toEqual(["lan-2", "lan-1"]);
    expect(() => resolveNames("LAN", 'ACL "x"', ["guest"], known)).toThrow(
      'ACL "x" refers to LAN "guest", which is not declared; known LANs: "office", "pos".',
    );
  });

  it("finds duplicate names, overlapping prefixes and port/VLAN collisions", () => {
    expect(() => checkUniqueNames("LAN", ["a", "b", "a"])).toThrow('two LANs are named "a"');
    expect(() =>
      checkNoOverlap("LAN", [
        { name: "a", prefix: "10.0.0.0/16" },
        { name: "b", prefix: "10.0.5.0/24" },
      ]),
    ).toThrow('LANs "a" (10.0.0.0/16) and "b" (10.0.5.0/24) overlap');
    expect(() =>
      checkNoOverlap("LAN", [
        { name: "a", prefix: "10.0.0.0/24" },
        { name: "b", prefix: "10.0.1.0/24" },
      ]),
    ).not.toThrow();
    expect(() =>
      checkPortVlanCollisions([
        { kind: "WAN", name: "isp1", physport: 1 },
        { kind: "LAN", name: "office", physport: 1 },
      ]),
    ).toThrow('WAN "isp1" and LAN "office" both use port 1 untagged');
    expect(() =>
      checkPortVlanCollisions([
        { kind: "LAN", name: "a", physport: 2, vlanTag: 10 },
        { kind: "LAN", name: "b", physport: 2, vlanTag: 20 },
      ]),
    ).not.toThrow();
  });

  it("property: checkNoOverlap accepts disjoint random subnets and rejects any that nests inside another", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 199 }), fc.integer({ min: 2, max: 7 }), fc.nat(), (second, n, pick) => {
        const disjoint = Array.from({ length: n }, (_, i) => ({ name: `l${i}`, prefix: `10.${second}.${i * 16}.0/20` }));
        expect(() => checkNoOverlap("LAN", disjoint)).not.toThrow();
        const victim = disjoint[pick % n];
        const inner = victim.prefix.replace("/20", "/26");
        expect(() => checkNoOverlap("LAN", [...disjoint, { name: "inner", prefix: inner }])).toThrow(PlanError);
      }),
      runs(200),
    );
  });
});
