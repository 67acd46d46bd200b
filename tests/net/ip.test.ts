import { contains, formatAddress, isNetworkAddress, isPrivateV4, overlaps, parseIP, parseIPv4, parseIPv6, parsePrefix } from "../../provider/net/ip";

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

  it("round-trips random addresses through format and parse (seeded)", () => {
    let seed = 42;
    const rnd = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31), seed);
    for (let i = 0; i < 500; i++) {
      const v4 = BigInt(rnd()) & 0xffffffffn;
      expect(parseIP(formatAddress(4, v4))?.value).toBe(v4);
      let v6 = 0n;
      for (let g = 0; g < 8; g++) v6 = (v6 << 16n) | BigInt(rnd() % 3 === 0 ? 0 : rnd() & 0xffff);
      expect(parseIP(formatAddress(6, v6))?.value).toBe(v6);
    }
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
});
