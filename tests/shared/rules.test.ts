import fc from "fast-check";
import { formatAddress } from "../../shared/ip";
import { interconnectInterfaceAddressProblem, tunnelInterfaceAddressProblem } from "../../shared/rules";
import { runs } from "../property";

/**
 * The interface address rules against a plain model of the documentation: a /31, or a /30 written
 * with one of its two usable hosts, inside 10/8, 172.16/12, 192.168/16 or 169.254.240.0/20; for an
 * interconnect also a /31 from anywhere (an account's authorized prefixes).
 */
const SPACES: Array<[bigint, bigint]> = [
  [0x0a000000n, 0x0affffffn],
  [0xac100000n, 0xac1fffffn],
  [0xc0a80000n, 0xc0a8ffffn],
  [0xa9fef000n, 0xa9feffffn],
];
const inSpaces = (v: bigint, length: number) => {
  const size = 1n << BigInt(32 - length);
  const net = (v / size) * size;
  return SPACES.some(([lo, hi]) => lo <= net && net + size - 1n <= hi);
};
const usable = (v: bigint, length: number) => length === 31 || (length === 30 && (v & 3n) !== 0n && (v & 3n) !== 3n);

/** Addresses anywhere, and often near the edges of the spaces (and of 169.254/16 around the /20). */
const edges = [...SPACES.flat(), 0xa9fe0000n, 0xa9feffffn, 0x64400000n];
const address = fc.oneof(
  fc.bigInt({ min: 0n, max: 2n ** 32n - 1n }),
  fc.constantFrom(...edges).chain((e) => fc.integer({ min: -6, max: 6 }).map((d) => (e + BigInt(d)) & 0xffffffffn)),
);
const length = fc.oneof(fc.constantFrom(30, 31), fc.integer({ min: 0, max: 32 }));

describe("tunnel interface address rules", () => {
  it("takes the documented examples and the AWS guide's /30", () => {
    for (const ok of ["10.212.0.8/31", "10.212.0.9/31", "10.213.0.41/30", "10.213.0.42/30", "169.254.244.2/30", "192.168.255.254/31"])
      expect(tunnelInterfaceAddressProblem(ok)).toBeUndefined();
  });

  it("refuses with a sentence saying what is allowed or which usable address to write", () => {
    const rule = "must be a /31 or /30 prefix inside 10.0.0.0/8, 172.16.0.0/12, 192.168.0.0/16 or 169.254.240.0/20, such as 10.212.0.8/31";
    for (const bad of ["10.0.0.0/29", "203.0.113.0/31", "169.254.100.0/30", "100.64.0.1/30", "fd00::/127", "10.0.0.1", "nonsense"])
      expect(tunnelInterfaceAddressProblem(bad)).toBe(rule);
    expect(tunnelInterfaceAddressProblem("10.213.0.40/30")).toBe(
      "is the network address of its /30, which no side of a tunnel can use: write one of the two usable addresses (10.213.0.41/30 or 10.213.0.42/30), the one Cloudflare takes",
    );
    expect(tunnelInterfaceAddressProblem("169.254.244.3/30")).toMatch(
      /^is the broadcast address of its \/30.*169\.254\.244\.1\/30 or 169\.254\.244\.2\/30/,
    );
  });

  it("property: a tunnel address is refused exactly when the model refuses it", () => {
    fc.assert(
      fc.property(address, length, (v, l) => {
        const ok = (l === 31 || l === 30) && inSpaces(v, l) && usable(v, l);
        expect(tunnelInterfaceAddressProblem(`${formatAddress(4, v)}/${l}`) === undefined).toBe(ok);
      }),
      runs(3000),
    );
  });

  it("property: an interconnect address is refused exactly when the model refuses it (any /31, a usable /30 in the spaces)", () => {
    fc.assert(
      fc.property(address, length, (v, l) => {
        const ok = l === 31 || (l === 30 && inSpaces(v, l) && usable(v, l));
        expect(interconnectInterfaceAddressProblem(`${formatAddress(4, v)}/${l}`) === undefined).toBe(ok);
      }),
      runs(3000),
    );
  });
});
