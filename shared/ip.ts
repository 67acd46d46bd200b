/**
 * Pure IP and prefix arithmetic (no dependencies), shared by input validation, the emulator and
 * the components' planning functions. Addresses are bigint so IPv4 and IPv6 share one code path.
 */

export type Family = 4 | 6;

export interface Address {
  family: Family;
  value: bigint;
}

export interface Prefix {
  family: Family;
  /** The address as written (host bits may be set, as in a tunnel's interface address). */
  address: bigint;
  length: number;
}

const BITS: Record<Family, number> = { 4: 32, 6: 128 };

export function parseIPv4(s: string): Address | undefined {
  const parts = s.split(".");
  if (parts.length !== 4) return undefined;
  let value = 0n;
  for (const p of parts) {
    if (!/^(0|[1-9]\d{0,2})$/.test(p) || Number(p) > 255) return undefined;
    value = (value << 8n) | BigInt(p);
  }
  return { family: 4, value };
}

export function parseIPv6(s: string): Address | undefined {
  if (!/^[0-9a-fA-F:.]+$/.test(s) || s.split("::").length > 2) return undefined;
  const [head, tail] = s.includes("::") ? s.split("::") : [s, undefined];
  const groups = (part: string): number[] | undefined => {
    if (part === "") return [];
    const out: number[] = [];
    const pieces = part.split(":");
    for (let i = 0; i < pieces.length; i++) {
      const p = pieces[i];
      if (i === pieces.length - 1 && p.includes(".")) {
        const v4 = parseIPv4(p);
        if (!v4) return undefined;
        out.push(Number(v4.value >> 16n), Number(v4.value & 0xffffn));
      } else if (/^[0-9a-fA-F]{1,4}$/.test(p)) {
        out.push(parseInt(p, 16));
      } else {
        return undefined;
      }
    }
    return out;
  };
  const h = groups(head);
  const t = tail === undefined ? [] : groups(tail);
  if (!h || !t) return undefined;
  const missing = 8 - h.length - t.length;
  if (tail === undefined ? missing !== 0 : missing < 1) return undefined;
  const all = [...h, ...new Array<number>(missing).fill(0), ...t];
  return { family: 6, value: all.reduce((acc, g) => (acc << 16n) | BigInt(g), 0n) };
}

export function parseIP(s: string): Address | undefined {
  return s.includes(":") ? parseIPv6(s) : parseIPv4(s);
}

/** Parses "a.b.c.d/n" or "x::y/n". The prefix length is required. */
export function parsePrefix(s: string): Prefix | undefined {
  const m = /^([^/]+)\/(\d{1,3})$/.exec(s);
  if (!m) return undefined;
  const addr = parseIP(m[1]);
  const length = Number(m[2]);
  if (!addr || length > BITS[addr.family]) return undefined;
  return { family: addr.family, address: addr.value, length };
}

export function networkOf(p: Prefix): bigint {
  const host = BITS[p.family] - p.length;
  return (p.address >> BigInt(host)) << BigInt(host);
}

/** True when the prefix has no host bits set ("10.0.0.0/24", not "10.0.0.1/24"). */
export function isNetworkAddress(p: Prefix): boolean {
  return networkOf(p) === p.address;
}

export function lastAddress(p: Prefix): bigint {
  const host = BigInt(BITS[p.family] - p.length);
  return networkOf(p) | ((1n << host) - 1n);
}

export function contains(outer: Prefix, inner: Prefix | Address): boolean {
  if (outer.family !== inner.family) return false;
  const innerPrefix: Prefix = "length" in inner ? inner : { family: inner.family, address: inner.value, length: BITS[inner.family] };
  if (innerPrefix.length < outer.length) return false;
  const host = BigInt(BITS[outer.family] - outer.length);
  return innerPrefix.address >> host === outer.address >> host;
}

export function overlaps(a: Prefix, b: Prefix): boolean {
  return a.family === b.family && (contains(a, { ...b, address: networkOf(b) }) || contains(b, { ...a, address: networkOf(a) }));
}

const PRIVATE_V4 = ["10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16"].map((s) => parsePrefix(s)!);

/** Inside RFC 1918 space: 10/8, 172.16/12 or 192.168/16. */
export function isPrivateV4(p: Prefix | Address): boolean {
  return PRIVATE_V4.some((r) => contains(r, p));
}

/**
 * Where a tunnel's IPv4 interface address may come from. Cloudflare's "Configure tunnel endpoints"
 * (https://developers.cloudflare.com/magic-transit/how-to/configure-tunnel-endpoints/, and the same
 * page for Magic WAN): "A 31-bit (recommended) or 30-bit subnet (/31 or /30 in CIDR notation)
 * supporting two hosts, one for each side of the tunnel. Select the subnet from the following
 * private IP space: 10.0.0.0/8, 172.16.0.0/12, 192.168.0.0/16, 169.254.240.0/20". The last one is
 * for cloud VPNs whose inside addresses are /30s of 169.254.0.0/16 (the AWS guide uses 169.254.244.0/30).
 */
export const TUNNEL_INTERFACE_SPACES = ["10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16", "169.254.240.0/20"] as const;
const TUNNEL_SPACES = TUNNEL_INTERFACE_SPACES.map((s) => parsePrefix(s)!);

/** Inside one of the spaces Cloudflare documents for tunnel interface addresses. */
export function inTunnelInterfaceSpace(p: Prefix | Address): boolean {
  return TUNNEL_SPACES.some((r) => contains(r, p));
}

/**
 * The two sides of a point-to-point link written as one of its addresses with the link's prefix
 * (a tunnel's `interface_address`): the written address is Cloudflare's, the other usable one the
 * customer's. A /31 (IPv4) or /127 (IPv6) has two addresses, both usable (RFC 3021); a /30 has
 * four, of which the network and broadcast addresses are not usable, so one written there is no
 * side of anything (undefined), like any other prefix length.
 *
 * @example linkSides(parsePrefix("10.213.0.41/30")!) // { cloudflare: 10.213.0.41, customer: 10.213.0.42 }
 */
export function linkSides(p: Prefix): { cloudflare: bigint; customer: bigint } | undefined {
  const host = BITS[p.family] - p.length;
  if (host === 1) return { cloudflare: p.address, customer: p.address ^ 1n };
  // In a /30 the usable hosts end in binary 01 and 10: each is the other with both bits flipped.
  const low = p.address & 3n;
  if (p.family === 4 && host === 2 && (low === 1n || low === 2n)) return { cloudflare: p.address, customer: p.address ^ 3n };
  return undefined;
}

export function formatAddress(family: Family, value: bigint): string {
  if (family === 4) return [24n, 16n, 8n, 0n].map((s) => String((value >> s) & 0xffn)).join(".");
  const groups = Array.from({ length: 8 }, (_, i) => Number((value >> BigInt(112 - 16 * i)) & 0xffffn));
  // Compress the longest run of two or more zero groups (RFC 5952).
  let best = -1;
  let bestLen = 1;
  for (let i = 0; i < 8;) {
    let j = i;
    while (j < 8 && groups[j] === 0) j++;
    if (j - i > bestLen) {
      best = i;
      bestLen = j - i;
    }
    i = j === i ? i + 1 : j;
  }
  const hex = groups.map((g) => g.toString(16));
  if (best < 0) return hex.join(":");
  return `${hex.slice(0, best).join(":")}::${hex.slice(best + bestLen).join(":")}`;
}

/**
 * An address or prefix written the one way (dotted quad; RFC 5952 for IPv6: lowercase, longest
 * zero run compressed), so two spellings of one value compare equal as text. Text that is neither
 * is returned unchanged.
 */
export function canonical(s: string): string {
  const p = s.includes("/") ? parsePrefix(s) : undefined;
  if (p) return `${formatAddress(p.family, p.address)}/${p.length}`;
  const a = parseIP(s);
  return a ? formatAddress(a.family, a.value) : s;
}

/** Prefixes in address order: IPv4 first, then by address, then by length; text that is not a prefix by its code units. */
export function comparePrefixes(a: string, b: string): number {
  const pa = parsePrefix(a);
  const pb = parsePrefix(b);
  if (!pa || !pb) return a < b ? -1 : a > b ? 1 : 0;
  return pa.family - pb.family || (pa.address < pb.address ? -1 : pa.address > pb.address ? 1 : 0) || pa.length - pb.length;
}
