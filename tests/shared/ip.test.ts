import fc from "fast-check";
import {
  canonical,
  contains,
  formatAddress,
  inTunnelInterfaceSpace,
  isNetworkAddress,
  isPrivateV4,
  lastAddress,
  linkSides,
  networkOf,
  overlaps,
  parseIP,
  parseIPv4,
  parseIPv6,
  parsePrefix,
  type Family,
  type Prefix,
} from "../../shared/ip";
import { runs } from "../property";

const BITS = { 4: 32, 6: 128 } as const;
const v4 = fc.bigInt({ min: 0n, max: 2n ** 32n - 1n });
/** 128-bit values with runs of zero groups, so "::" compression is exercised. */
const v6 = fc
  .array(fc.oneof(fc.constant(0), fc.integer({ min: 0, max: 0xffff })), { minLength: 8, maxLength: 8 })
  .map((gs) => gs.reduce((a, g) => (a << 16n) | BigInt(g), 0n));
const bytes = (v: bigint) => [24n, 16n, 8n, 0n].map((s) => Number((v >> s) & 0xffn));
const groups = (v: bigint) => Array.from({ length: 8 }, (_, i) => Number((v >> BigInt(112 - 16 * i)) & 0xffffn));
const prefixOf = (family: Family) =>
  fc
    .record({ address: family === 4 ? v4 : v6, length: fc.integer({ min: 0, max: BITS[family] }) })
    .map(({ address, length }): Prefix => ({ family, address, length }));
/** A prefix of either family, host bits possibly set. */
const anyPrefix = fc.oneof(prefixOf(4), prefixOf(6));
/** Two prefixes of one family, often nested or adjacent (cut from one random address). */
const prefixPair = fc.constantFrom<Family>(4, 6).chain((family) =>
  fc
    .tuple(
      family === 4 ? v4 : v6,
      fc.integer({ min: 0, max: BITS[family] }),
      fc.integer({ min: 0, max: BITS[family] }),
      fc.bigInt({ min: 0n, max: 3n }),
    )
    .map(([a, la, lb, flip]): [Prefix, Prefix] => {
      // b is a, with one bit flipped just past the shorter prefix now and then, so both outcomes show up.
      const bit = BigInt(BITS[family] - 1 - Math.min(la, lb, BITS[family] - 1));
      const b = flip === 0n ? a ^ (1n << bit) : a;
      return [
        { family, address: a, length: la },
        { family, address: b, length: lb },
      ];
    }),
);
const text = (p: Prefix) => `${formatAddress(p.family, p.address)}/${p.length}`;

describe("ip", () => {
  it("parses IPv4 strictly", () => {
    expect(parseIPv4("203.0.113.1")?.value).toBe(0xcb007101n);
    for (const bad of ["1.2.3", "1.2.3.4.5", "256.1.1.1", "01.2.3.4", "a.b.c.d", ""]) expect(parseIPv4(bad)).toBeUndefined();
  });

  it("parses IPv6 forms, including :: and embedded IPv4", () => {
    expect(parseIPv6("::1")?.value).toBe(1n);
    expect(parseIPv6("2606:54c1:7:0:a9fe:12d2:1:200")).toBeDefined();
    expect(parseIPv6("::ffff:192.0.2.1")?.value).toBe(0xffffc0000201n);
    for (const bad of ["1::2::3", "12345::", "1:2:3:4:5:6:7:8:9", "g::1", ":::"]) expect(parseIPv6(bad)).toBeUndefined();
  });

  it("property: format then parse round-trips every address, and parse then format is canonical", () => {
    fc.assert(
      fc.property(v4, (v) => {
        const s = formatAddress(4, v);
        expect(parseIP(s)).toEqual({ family: 4, value: v });
        expect(s).toBe(bytes(v).join("."));
      }),
      runs(500),
    );
    fc.assert(
      fc.property(v6, (v) => {
        const s = formatAddress(6, v);
        expect(parseIP(s)).toEqual({ family: 6, value: v });
        // Any other spelling (every group in full, upper case) parses to the same value and formats back to s.
        const full = groups(v)
          .map((g) => g.toString(16).padStart(4, "0").toUpperCase())
          .join(":");
        expect(parseIPv6(full)?.value).toBe(v);
        expect(formatAddress(6, parseIPv6(full)!.value)).toBe(s);
        // RFC 5952: at most one "::", no group with leading zeros, lower case.
        expect(s.split("::").length).toBeLessThanOrEqual(2);
        expect(s).toMatch(/^(::)?([0-9a-f]|[1-9a-f][0-9a-f]{1,3})?((::?)([0-9a-f]|[1-9a-f][0-9a-f]{1,3}))*(::)?$/);
      }),
      runs(500),
    );
  });

  it("property: canonical() writes every spelling of an address or prefix the one way, and changes nothing else", () => {
    expect(canonical("2001:0DB8:0000:0000::0001")).toBe("2001:db8::1");
    expect(canonical("2001:DB8::/32")).toBe("2001:db8::/32");
    expect(canonical("not an address")).toBe("not an address");
    fc.assert(
      fc.property(anyPrefix, (p) => {
        const written = `${formatAddress(p.family, p.address)}/${p.length}`;
        // Upper case and fully written IPv6 groups are other spellings of the same prefix.
        const other =
          p.family === 6
            ? `${groups(p.address)
                .map((g) => g.toString(16).padStart(4, "0").toUpperCase())
                .join(":")}/${p.length}`
            : written;
        expect(canonical(other)).toBe(written);
        expect(canonical(written)).toBe(written);
      }),
      runs(200),
    );
  });

  it("knows prefixes, containment, overlap and private space", () => {
    const p = (s: string) => parsePrefix(s)!;
    expect(parsePrefix("10.0.0.0")).toBeUndefined();
    expect(parsePrefix("10.0.0.0/33")).toBeUndefined();
    expect(isNetworkAddress(p("10.0.0.0/24"))).toBe(true);
    expect(isNetworkAddress(p("10.0.0.1/24"))).toBe(false);
    expect(contains(p("10.0.0.0/8"), p("10.1.2.0/24"))).toBe(true);
    expect(contains(p("10.1.2.0/24"), p("10.0.0.0/8"))).toBe(false);
    expect(overlaps(p("10.1.0.0/16"), p("10.1.2.0/24"))).toBe(true);
    expect(overlaps(p("10.1.0.0/16"), p("10.2.0.0/16"))).toBe(false);
    expect(isPrivateV4(p("172.31.255.254/31"))).toBe(true);
    expect(isPrivateV4(p("172.32.0.0/31"))).toBe(false);
    expect(isPrivateV4(p("192.0.2.0/31"))).toBe(false);
  });

  it("property: a prefix written out parses back to itself; its network and last address bound it", () => {
    fc.assert(
      fc.property(anyPrefix, (p) => {
        expect(parsePrefix(text(p))).toEqual(p);
        const first = networkOf(p);
        const last = lastAddress(p);
        expect(first <= p.address && p.address <= last).toBe(true);
        expect(last - first + 1n).toBe(2n ** BigInt(BITS[p.family] - p.length));
        expect(isNetworkAddress({ ...p, address: first })).toBe(true);
        expect(isNetworkAddress(p)).toBe(first === p.address);
        expect(lastAddress({ ...p, address: first })).toBe(last);
        expect(parsePrefix(`${formatAddress(p.family, p.address)}/${BITS[p.family] + 1}`)).toBeUndefined();
      }),
      runs(500),
    );
  });

  it("property: contains an address exactly when it lies between the network and the last address", () => {
    fc.assert(
      fc.property(anyPrefix, fc.bigInt({ min: 0n, max: 2n ** 128n - 1n }), (p, raw) => {
        // Half the time an address near the prefix's edges, so both answers are common.
        const value = (raw & 1n ? networkOf(p) - 1n + (raw % 3n) : raw) & (2n ** BigInt(BITS[p.family]) - 1n);
        const inside = networkOf(p) <= value && value <= lastAddress(p);
        expect(contains(p, { family: p.family, value })).toBe(inside);
        expect(contains(p, { family: p.family, address: value, length: BITS[p.family] })).toBe(inside);
        expect(contains(p, { family: p.family === 4 ? 6 : 4, value })).toBe(false);
      }),
      runs(500),
    );
  });

  it("property: overlap is symmetric and means the address ranges meet, i.e. one prefix contains the other", () => {
    fc.assert(
      fc.property(prefixPair, ([a, b]) => {
        const meet = networkOf(a) <= lastAddress(b) && networkOf(b) <= lastAddress(a);
        expect(overlaps(a, b)).toBe(meet);
        expect(overlaps(b, a)).toBe(meet);
        const net = (p: Prefix) => ({ ...p, address: networkOf(p) });
        expect(meet).toBe(contains(a, net(b)) || contains(b, net(a)));
        // contains(a, b) is range inclusion.
        expect(contains(a, b)).toBe(networkOf(a) <= networkOf(b) && lastAddress(b) <= lastAddress(a));
        expect(contains(a, a) && overlaps(a, a)).toBe(true);
        expect(overlaps(a, { ...b, family: a.family === 4 ? 6 : 4 })).toBe(false);
      }),
      runs(1000),
    );
  });

  it("property: the two sides of a /31 or /127 are its two addresses, each the other's partner", () => {
    fc.assert(
      fc.property(
        fc.oneof(
          prefixOf(4).map((p) => ({ ...p, length: 31 })),
          prefixOf(6).map((p) => ({ ...p, length: 127 })),
        ),
        (p) => {
          const other = p.address ^ 1n;
          expect(other).not.toBe(p.address);
          expect(new Set([p.address, other])).toEqual(new Set([networkOf(p), lastAddress(p)]));
          expect(contains(p, { family: p.family, value: other })).toBe(true);
          expect(networkOf({ ...p, address: other })).toBe(networkOf(p));
          expect(parsePrefix(`${formatAddress(p.family, other)}/${p.length}`)).toEqual({ ...p, address: other });
        },
      ),
      runs(500),
    );
  });

  it("property: splitting a prefix in two gives halves that are disjoint, contained, and cover it", () => {
    fc.assert(
      fc.property(
        anyPrefix.filter((p) => p.length < BITS[p.family]),
        (p) => {
          const base = { ...p, address: networkOf(p) };
          const lo = { ...base, length: p.length + 1 };
          const hi = { ...lo, address: base.address | (1n << BigInt(BITS[p.family] - p.length - 1)) };
          expect(overlaps(lo, hi)).toBe(false);
          expect(contains(base, lo) && contains(base, hi)).toBe(true);
          expect(contains(lo, base)).toBe(false);
          expect(networkOf(lo)).toBe(networkOf(base));
          expect(lastAddress(hi)).toBe(lastAddress(base));
          expect(lastAddress(lo) + 1n).toBe(networkOf(hi));
        },
      ),
      runs(500),
    );
  });

  it("property: private IPv4 space is exactly 10/8, 172.16/12 and 192.168/16", () => {
    const ranges: Array<[bigint, bigint]> = [
      [0x0a000000n, 0x0affffffn],
      [0xac100000n, 0xac1fffffn],
      [0xc0a80000n, 0xc0a8ffffn],
    ];
    // Addresses near the ranges' edges as well as anywhere.
    const edge = fc.constantFrom(...ranges.flat()).chain((e) => fc.integer({ min: -2, max: 2 }).map((d) => e + BigInt(d)));
    fc.assert(
      fc.property(fc.oneof(v4, edge), fc.integer({ min: 0, max: 32 }), (value, length) => {
        expect(isPrivateV4({ family: 4, value })).toBe(ranges.some(([lo, hi]) => lo <= value && value <= hi));
        const p: Prefix = { family: 4, address: value, length };
        expect(isPrivateV4(p)).toBe(ranges.some(([lo, hi]) => lo <= networkOf(p) && lastAddress(p) <= hi));
      }),
      runs(1000),
    );
  });

  it("linkSides: the written address is Cloudflare's, the other usable host the customer's (/31, /30, /127)", () => {
    const sides = (s: string) => {
      const r = linkSides(parsePrefix(s)!);
      return (
        r && {
          cloudflare: formatAddress(parsePrefix(s)!.family, r.cloudflare),
          customer: formatAddress(parsePrefix(s)!.family, r.customer),
        }
      );
    };
    expect(sides("10.212.0.8/31")).toEqual({ cloudflare: "10.212.0.8", customer: "10.212.0.9" });
    expect(sides("10.212.0.9/31")).toEqual({ cloudflare: "10.212.0.9", customer: "10.212.0.8" });
    expect(sides("10.213.0.41/30")).toEqual({ cloudflare: "10.213.0.41", customer: "10.213.0.42" });
    expect(sides("169.254.244.2/30")).toEqual({ cloudflare: "169.254.244.2", customer: "169.254.244.1" });
    expect(sides("2606:54c1:7:0:a9fe:12d2:1:200/127")).toEqual({
      cloudflare: "2606:54c1:7:0:a9fe:12d2:1:200",
      customer: "2606:54c1:7:0:a9fe:12d2:1:201",
    });
    // A /30's network and broadcast addresses are no side; nor is anything but a /31, /30 or /127.
    for (const none of ["10.213.0.40/30", "10.213.0.43/30", "10.213.0.41/29", "10.213.0.41/32", "2606:54c1::1/126"])
      expect(sides(none)).toBeUndefined();
  });

  it("property: linkSides of a /31 or /30 gives two distinct usable hosts of the subnet, and swapping sides is an involution", () => {
    fc.assert(
      fc.property(v4, fc.constantFrom(30, 31), (address, length) => {
        const p: Prefix = { family: 4, address, length };
        const s = linkSides(p);
        const low = address & 3n;
        if (length === 30 && (low === 0n || low === 3n)) {
          expect(s).toBeUndefined();
          return;
        }
        expect(s).toBeDefined();
        const { cloudflare, customer } = s!;
        expect(cloudflare).toBe(address);
        expect(customer).not.toBe(cloudflare);
        expect(contains(p, { family: 4, value: customer })).toBe(true);
        // Neither is the network or broadcast address of a /30.
        if (length === 30) for (const host of [cloudflare, customer]) expect([networkOf(p), lastAddress(p)]).not.toContain(host);
        expect(linkSides({ ...p, address: customer })).toEqual({ cloudflare: customer, customer: cloudflare });
      }),
      runs(2000),
    );
  });

  it("property: the tunnel interface spaces are exactly 10/8, 172.16/12, 192.168/16 and 169.254.240.0/20", () => {
    const ranges: Array<[bigint, bigint]> = [
      [0x0a000000n, 0x0affffffn],
      [0xac100000n, 0xac1fffffn],
      [0xc0a80000n, 0xc0a8ffffn],
      [0xa9fef000n, 0xa9feffffn],
    ];
    const edge = fc.constantFrom(...ranges.flat()).chain((e) => fc.integer({ min: -2, max: 2 }).map((d) => e + BigInt(d)));
    fc.assert(
      fc.property(fc.oneof(v4, edge), fc.integer({ min: 0, max: 32 }), (value, length) => {
        expect(inTunnelInterfaceSpace({ family: 4, value })).toBe(ranges.some(([lo, hi]) => lo <= value && value <= hi));
        const p: Prefix = { family: 4, address: value, length };
        expect(inTunnelInterfaceSpace(p)).toBe(ranges.some(([lo, hi]) => lo <= networkOf(p) && lastAddress(p) <= hi));
      }),
      runs(1000),
    );
  });
});
