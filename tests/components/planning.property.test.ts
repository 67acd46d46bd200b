import fc from "fast-check";
import {
  PlanError,
  checkInterconnectVariant,
  checkLanPrefixes,
  checkNoOverlap,
  checkPortVlanCollisions,
  checkPrefixes,
  checkSiteHa,
  checkTunnelAddresses,
  checkTunnelNames,
  checkUniqueNames,
  cniNexthop,
  customerNexthop,
  planTunnelRoutes,
  resolveNames,
  tunnelSides,
  type RoutingMode,
} from "../../sdk/components/planning";
import { formatAddress, lastAddress, networkOf, overlaps, parseIPv4, parsePrefix } from "../../shared/ip";
import { provider as routeTable, routeKey } from "../../provider/resources/magic/routes/route-table";
import { runs } from "../property";

/**
 * Properties of the components' planning functions: the planned routes' nexthops and priorities,
 * and each check throwing a PlanError for exactly the inputs a plain model of its rule rejects.
 */

/** Whether `f` throws a PlanError (any other error fails the test). */
function rejects(f: () => unknown): boolean {
  try {
    f();
    return false;
  } catch (e) {
    if (e instanceof PlanError) return true;
    throw e;
  }
}

const v4 = fc.integer({ min: 0, max: 2 ** 32 - 1 }).map(BigInt);
/** The spaces Cloudflare documents for tunnel interface addresses: RFC 1918 and 169.254.240.0/20. */
const SPACES: Array<[bigint, bigint]> = [
  [0x0a000000n, 0x0affffffn],
  [0xac100000n, 0xac1fffffn],
  [0xc0a80000n, 0xc0a8ffffn],
  [0xa9fef000n, 0xa9feffffn],
];
const inSpaces = (v: bigint) => SPACES.some(([lo, hi]) => lo <= v && v <= hi);
/** An address in those spaces, packed into a few /30s now and then so tunnels collide. */
const spaceV4 = fc.oneof(
  fc.constantFrom(...SPACES).chain(([lo, hi]) => fc.bigInt({ min: lo, max: hi })),
  fc.bigInt({ min: 0x0a000000n, max: 0x0a000007n }),
);
/** A usable interface address: either host of a /31, or one of the two usable hosts of a /30. */
const usableInterface = spaceV4.chain((a) =>
  fc.oneof(
    fc.constant({ address: a, length: 31 }),
    fc.constantFrom(1n, 2n).map((host) => ({ address: (a & ~3n) | host, length: 30 })),
  ),
);
/** Tunnels with interface addresses no two of which overlap (each in its own /30 block). */
const tunnelsArb = fc.uniqueArray(usableInterface, { minLength: 1, maxLength: 6, selector: (i) => i.address >> 2n }).chain((addrs) =>
  fc.tuple(
    ...addrs.map((a, i) =>
      fc.record(
        {
          name: fc.constant(`t${i}`),
          interfaceAddress: fc.constant(`${formatAddress(4, a.address)}/${a.length}`),
          weight: fc.integer({ min: 0, max: 256 }),
          scope: fc.record(
            { coloNames: fc.uniqueArray(fc.constantFrom("ams01", "ord02", "sjc01"), { maxLength: 2 }) },
            { requiredKeys: [] },
          ),
        },
        { requiredKeys: ["name", "interfaceAddress"] },
      ),
    ),
  ),
);
/** Network prefixes of either family, distinct as written. */
const prefixesArb = fc.uniqueArray(
  fc.oneof(
    fc
      .tuple(v4, fc.integer({ min: 8, max: 32 }))
      .map(([a, l]) => `${formatAddress(4, networkOf({ family: 4, address: a, length: l }))}/${l}`),
    fc
      .tuple(fc.bigInt({ min: 0n, max: 2n ** 128n - 1n }), fc.integer({ min: 16, max: 128 }))
      .map(([a, l]) => `${formatAddress(6, networkOf({ family: 6, address: a, length: l }))}/${l}`),
  ),
  { minLength: 1, maxLength: 5 },
);
const routingArb: fc.Arbitrary<RoutingMode> = fc.oneof(
  fc.record({ mode: fc.constant("ecmp" as const), priority: fc.integer({ min: 0, max: 1000 }) }, { requiredKeys: ["mode"] }),
  fc.record(
    { mode: fc.constant("active-backup" as const), priority: fc.integer({ min: 0, max: 1000 }), step: fc.integer({ min: 1, max: 50 }) },
    { requiredKeys: ["mode"] },
  ),
);

describe("planTunnelRoutes (properties)", () => {
  it("every nexthop is the customer side of its tunnel's /31 or /30, never Cloudflare's nor a /30's network or broadcast address", () => {
    fc.assert(
      fc.property(prefixesArb, tunnelsArb, routingArb, (prefixes, tunnels, routing) => {
        for (const r of planTunnelRoutes(prefixes, tunnels, routing)) {
          const t = tunnels.find((x) => x.name === r.tunnel)!;
          const p = parsePrefix(t.interfaceAddress)!;
          const hop = parseIPv4(r.nexthop)!.value;
          expect(networkOf(p) <= hop && hop <= lastAddress(p)).toBe(true);
          expect(hop).not.toBe(p.address);
          if (p.length === 30) expect([networkOf(p), lastAddress(p)]).not.toContain(hop);
          expect(r.nexthop).toBe(tunnelSides(t.interfaceAddress).customer);
        }
      }),
      runs(300),
    );
  });

  it("one route per prefix and tunnel, unique by prefix + nexthop + scope, and a RouteTable accepts them", async () => {
    await fc.assert(
      fc.asyncProperty(prefixesArb, tunnelsArb, routingArb, async (prefixes, tunnels, routing) => {
        const routes = planTunnelRoutes(prefixes, tunnels, routing);
        expect(routes).toHaveLength(prefixes.length * tunnels.length);
        expect(new Set(routes.map((r) => `${r.prefix}|${r.tunnel}`)).size).toBe(routes.length);
        expect(new Set(routes.map(routeKey)).size).toBe(routes.length);
        const entries = routes.map((r) => ({
          prefix: r.prefix,
          nexthop: r.nexthop,
          priority: r.priority,
          description: r.description,
          ...(r.weight !== undefined ? { weight: r.weight } : {}),
          ...(r.scope ? { scope: r.scope } : {}),
        }));
        expect((await routeTable.check({}, { routes: entries })).failures).toEqual([]);
      }),
      runs(150),
    );
  });

  it("ECMP gives every route one priority; active/backup ranks tunnels in order, step apart, for each prefix", () => {
    fc.assert(
      fc.property(prefixesArb, tunnelsArb, routingArb, (prefixes, tunnels, routing) => {
        const routes = planTunnelRoutes(prefixes, tunnels, routing);
        const base = routing.priority ?? 100;
        for (const prefix of prefixes) {
          const mine = routes.filter((r) => r.prefix === prefix);
          expect(mine.map((r) => r.tunnel)).toEqual(tunnels.map((t) => t.name));
          const step = routing.mode === "active-backup" ? (routing.step ?? 10) : 0;
          expect(mine.map((r) => r.priority)).toEqual(tunnels.map((_, i) => base + i * step));
          if (routing.mode === "active-backup") {
            expect(mine[0].description).toMatch(/\(active\)$/);
            expect(mine.slice(1).every((r, i) => r.description.endsWith(`(backup ${i + 1})`))).toBe(true);
          } else {
            expect(mine.every((r) => r.description.endsWith("(ecmp)"))).toBe(true);
          }
        }
        // Weight and scope are the tunnel's, and only where the tunnel has them.
        for (const r of routes) {
          const t = tunnels.find((x) => x.name === r.tunnel)!;
          expect(r.weight).toBe(t.weight);
          expect(r.scope).toBe(t.scope);
        }
      }),
      runs(300),
    );
  });

  it("active/backup refuses a step that is not positive", () => {
    fc.assert(
      fc.property(prefixesArb, tunnelsArb, fc.integer({ min: -100, max: 0 }), (prefixes, tunnels, step) => {
        expect(() => planTunnelRoutes(prefixes, tunnels, { mode: "active-backup", step })).toThrow(PlanError);
      }),
      runs(100),
    );
  });
});

describe("checks reject exactly the bad inputs (properties)", () => {
  it("checkTunnelAddresses: every address a /31 or a usable /30 host in the documented spaces, no two tunnels' subnets overlapping", () => {
    const entry = fc.record({
      address: fc.oneof(spaceV4, v4),
      length: fc.oneof(fc.constantFrom(30, 31), fc.integer({ min: 24, max: 32 })),
    });
    /** The subnet a valid entry covers, as [first, last]. */
    const span = (e: { address: bigint; length: number }): [bigint, bigint] => {
      const size = e.length === 31 ? 2n : 4n;
      const first = (e.address / size) * size;
      return [first, first + size - 1n];
    };
    fc.assert(
      fc.property(fc.array(entry, { maxLength: 6 }), (entries) => {
        const tunnels = entries.map((e, i) => ({ name: `t${i}`, interfaceAddress: `${formatAddress(4, e.address)}/${e.length}` }));
        const low = (e: { address: bigint }) => e.address & 3n;
        const bad = entries.some(
          (e) =>
            (e.length !== 31 && e.length !== 30) ||
            span(e).some((a) => !inSpaces(a)) ||
            (e.length === 30 && (low(e) === 0n || low(e) === 3n)),
        );
        const shared = entries.some((a, i) => entries.slice(i + 1).some((b) => span(a)[0] <= span(b)[1] && span(b)[0] <= span(a)[1]));
        expect(rejects(() => checkTunnelAddresses(tunnels))).toBe(bad || shared);
      }),
      runs(800),
    );
  });

  it("checkUniqueNames and checkTunnelNames: unique names, GRE names of 1-15 letters, digits or underscores, IPsec names not empty", () => {
    const name = fc.oneof(
      fc.constantFrom("a", "b", "gre_1", "", "x".repeat(15), "x".repeat(16), "a-b", "tunnel one"),
      fc.string({ maxLength: 17 }),
    );
    const tunnel = fc.record({ kind: fc.constantFrom("gre", "ipsec", "vxlan"), name });
    fc.assert(
      fc.property(fc.array(tunnel, { maxLength: 5 }), (tunnels) => {
        const names = tunnels.map((t) => t.name);
        const dup = new Set(names).size < names.length;
        expect(rejects(() => checkUniqueNames("tunnel", names))).toBe(dup);
        const badOne = tunnels.some((t) =>
          t.kind === "gre" ? !/^[A-Za-z0-9_]{1,15}$/.test(t.name) : t.kind === "ipsec" ? t.name === "" : true,
        );
        expect(rejects(() => checkTunnelNames(tunnels))).toBe(badOne || dup);
      }),
      runs(500),
    );
  });

  it("checkNoOverlap and checkLanPrefixes: refuse exactly when two address ranges meet", () => {
    // Prefixes inside 10.0.0.0/16, so overlaps are common.
    const prefix = fc
      .tuple(fc.integer({ min: 0, max: 0xffff }), fc.integer({ min: 16, max: 30 }))
      .map(([low, length]) => ({ family: 4 as const, address: 0x0a000000n + BigInt(low), length }));
    fc.assert(
      fc.property(fc.array(prefix, { maxLength: 6 }), fc.integer({ min: 0, max: 6 }), (ps, cut) => {
        const meet = ps.some((a, i) => ps.some((b, j) => i < j && networkOf(a) <= lastAddress(b) && networkOf(b) <= lastAddress(a)));
        const written = ps.map((p) => `${formatAddress(4, p.address)}/${p.length}`);
        expect(
          rejects(() =>
            checkNoOverlap(
              "LAN",
              written.map((prefix, i) => ({ name: `l${i}`, prefix })),
            ),
          ),
        ).toBe(meet);
        // The same prefixes as LAN addresses and routed subnets, split between LANs at `cut`.
        const lans = [
          { name: "a", address: written[0], routedSubnets: written.slice(1, cut) },
          { name: "b", routedSubnets: written.slice(Math.max(1, cut)) },
        ];
        expect(rejects(() => checkLanPrefixes(lans))).toBe(meet);
      }),
      runs(500),
    );
  });

  it("checkPrefixes: refuses host bits, a prefix listed twice however its address is spelled, and two that overlap", () => {
    // Few distinct values, so repeats are common; an IPv6 prefix is written compressed or in full.
    const v4Entry = fc
      .tuple(fc.bigInt({ min: 0xc0000200n, max: 0xc00002ffn }), fc.integer({ min: 24, max: 32 }))
      .map(([address, length]) => ({ family: 4 as const, address, length, full: false }));
    const v6Entry = fc
      .tuple(fc.bigInt({ min: 0n, max: 255n }), fc.integer({ min: 120, max: 128 }), fc.boolean())
      .map(([low, length, full]) => ({ family: 6 as const, address: (0x20010db8n << 96n) | low, length, full }));
    const spell = (e: { family: 4 | 6; address: bigint; full: boolean }) =>
      e.full
        ? Array.from({ length: 8 }, (_, i) => ((e.address >> BigInt(112 - 16 * i)) & 0xffffn).toString(16).padStart(4, "0")).join(":")
        : formatAddress(e.family, e.address);
    fc.assert(
      fc.property(fc.array(fc.oneof(v4Entry, v6Entry), { maxLength: 5 }), (entries) => {
        const hostBits = entries.some((p) => networkOf(p) !== p.address);
        const twice = new Set(entries.map((p) => `${p.family}:${p.address}/${p.length}`)).size < entries.length;
        const overlapping = entries.some((a, i) => entries.some((b, j) => i !== j && overlaps(a, b)));
        expect(
          rejects(() =>
            checkPrefixes(
              "prefix",
              entries.map((e) => `${spell(e)}/${e.length}`),
            ),
          ),
        ).toBe(hostBits || twice || overlapping);
      }),
      runs(500),
    );
  });

  it("checkPortVlanCollisions: refuses exactly two entries on one port with one VLAN tag (or both untagged)", () => {
    const entry = fc.record({
      kind: fc.constantFrom("WAN", "LAN"),
      physport: fc.option(fc.integer({ min: 1, max: 3 }), { nil: undefined }),
      vlanTag: fc.option(fc.integer({ min: 0, max: 2 }), { nil: undefined }),
    });
    fc.assert(
      fc.property(fc.array(entry, { maxLength: 6 }), (entries) => {
        const named = entries.map((e, i) => ({ ...e, name: `n${i}` }));
        const keys = named.filter((e) => e.physport !== undefined).map((e) => `${e.physport}/${e.vlanTag ?? "untagged"}`);
        expect(rejects(() => checkPortVlanCollisions(named))).toBe(new Set(keys).size < keys.length);
      }),
      runs(500),
    );
  });

  it("checkSiteHa: HA sites need full static addressing on known LANs, a secondary address on static WANs, one HA link at most", () => {
    const addressing = fc.oneof(
      fc.constant(undefined),
      fc.constant("unknown" as const),
      fc.record({ secondaryAddress: fc.constant("s"), virtualAddress: fc.constant("v") }, { requiredKeys: [] }),
    );
    const lan = fc.record(
      { name: fc.constantFrom("a", "b", "c"), haLink: fc.option(fc.boolean(), { nil: undefined }), staticAddressing: addressing },
      { requiredKeys: ["name"] },
    );
    const wan = fc.record({ name: fc.constantFrom("w1", "w2"), staticAddressing: addressing }, { requiredKeys: ["name"] });
    fc.assert(
      fc.property(fc.boolean(), fc.array(wan, { maxLength: 3 }), fc.array(lan, { maxLength: 4 }), (haMode, wans, lans) => {
        const links = lans.filter((l) => l.haLink === true).length;
        const known = <T>(sa: T) => sa !== "unknown";
        const lanBad = lans.some(
          (l) =>
            known(l.staticAddressing) &&
            (l.staticAddressing === undefined ||
              (l.staticAddressing as { secondaryAddress?: string; virtualAddress?: string }).secondaryAddress === undefined ||
              (l.staticAddressing as { virtualAddress?: string }).virtualAddress === undefined),
        );
        const wanBad = wans.some(
          (w) => w.staticAddressing !== undefined && w.staticAddressing !== "unknown" && w.staticAddressing.secondaryAddress === undefined,
        );
        const expected = haMode ? lanBad || wanBad || links > 1 : links > 0;
        expect(rejects(() => checkSiteHa(haMode, wans, lans))).toBe(expected);
      }),
      runs(500),
    );
  });

  it("checkInterconnectVariant: either physical (slotId, optional speed) or GCP Partner (bandwidth and pairingKey), for all 16 combinations", () => {
    fc.assert(
      fc.property(fc.record({ slotId: fc.boolean(), speed: fc.boolean(), bandwidth: fc.boolean(), pairingKey: fc.boolean() }), (g) => {
        const physical = g.slotId && !g.bandwidth && !g.pairingKey;
        const gcp = !g.slotId && g.bandwidth && g.pairingKey && !g.speed;
        expect(rejects(() => checkInterconnectVariant(g))).toBe(!(physical || gcp));
      }),
      runs(64),
    );
  });

  it("resolveNames: maps known names in order and refuses any unknown one", () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.constantFrom("a", "b", "c", "d"), { maxLength: 4 }),
        fc.array(fc.constantFrom("a", "b", "c", "d", "e"), { maxLength: 5 }),
        (declared, refs) => {
          const known = new Map<string, string>(declared.map((n) => [n, `id-${n}`]));
          if (refs.every((n) => known.has(n))) expect(resolveNames("LAN", "ACL", refs, known)).toEqual(refs.map((n) => `id-${n}`));
          else expect(rejects(() => resolveNames("LAN", "ACL", refs, known))).toBe(true);
        },
      ),
      runs(300),
    );
  });

  it("cniNexthop and customerNexthop: the customer end of any /31 or /127, refused when both ends are one address", () => {
    const v6 = fc.bigInt({ min: 0n, max: 2n ** 128n - 1n });
    fc.assert(
      fc.property(
        fc.oneof(
          v4.map((v) => [4, v] as const),
          v6.map((v) => [6, v] as const),
        ),
        fc.boolean(),
        ([family, cust], bare) => {
          const len = family === 4 ? 31 : 127;
          const custIp = `${formatAddress(family, cust)}${bare ? "" : `/${len}`}`;
          const p2pIp = `${formatAddress(family, cust ^ 1n)}/${len}`;
          expect(cniNexthop(custIp, p2pIp)).toBe(formatAddress(family, cust));
          expect(rejects(() => cniNexthop(custIp, custIp))).toBe(true);
          if (family === 4) expect(customerNexthop(p2pIp)).toBe(formatAddress(4, cust));
        },
      ),
      runs(500),
    );
  });
});
