/**
 * Rules that both the program side (the components' planning, which fails before anything is
 * registered) and the host side (a definition's check, which fails before any request) enforce.
 * Each rule is written once here and answers with the fields at fault, or with a predicate phrase
 * about one value; each side words its own message around it (a component speaks of the
 * component's arguments, a check names the property).
 */
import {
  TUNNEL_INTERFACE_SPACES,
  contains,
  formatAddress,
  inTunnelInterfaceSpace,
  linkSides,
  networkOf,
  parseIP,
  parseIPv4,
  parsePrefix,
  type Prefix,
} from "./ip";

const SPACES = `${TUNNEL_INTERFACE_SPACES.slice(0, -1).join(", ")} or ${TUNNEL_INTERFACE_SPACES[TUNNEL_INTERFACE_SPACES.length - 1]}`;

/** A /30 written with its network or broadcast address: which one, and the two it could be. */
function unusableHost(p: Prefix): string {
  const net = networkOf(p);
  const usable = [net + 1n, net + 2n].map((a) => `${formatAddress(4, a)}/30`).join(" or ");
  return `is the ${(p.address & 3n) === 0n ? "network" : "broadcast"} address of its /30, which no side of a tunnel can use: write one of the two usable addresses (${usable}), the one Cloudflare takes`;
}

/**
 * What is wrong with a GRE or IPsec tunnel's IPv4 `interface_address`, as a predicate phrase, or
 * undefined: "A 31-bit (recommended) or 30-bit subnet (/31 or /30 in CIDR notation) supporting two
 * hosts, one for each side of the tunnel", from 10.0.0.0/8, 172.16.0.0/12, 192.168.0.0/16 or
 * 169.254.240.0/20 (Cloudflare, "Configure tunnel endpoints",
 * https://developers.cloudflare.com/magic-transit/how-to/configure-tunnel-endpoints/; the API
 * reference's field text only gives the recommended /31). The address written is Cloudflare's side,
 * so it must be one of the two hosts: a /30's network or broadcast address is refused.
 */
export function tunnelInterfaceAddressProblem(value: string): string | undefined {
  const p = parsePrefix(value);
  if (!p || p.family !== 4 || (p.length !== 31 && p.length !== 30) || !inTunnelInterfaceSpace(p)) {
    return `must be a /31 or /30 prefix inside ${SPACES}, such as 10.212.0.8/31`;
  }
  return linkSides(p) ? undefined : unusableHost(p);
}

/**
 * The same for a Cloudflare interconnect's `interface_address`, which the official SDK (and the API
 * documentation's "Update interconnect" page) words differently: "For GRE Interconnects, a /30 or
 * /31 prefix may be used. Version 1.5 interconnects require a /31 prefix and may also use a prefix
 * from the account's authorized prefixes; otherwise, select the subnet from RFC 1918 or the approved
 * link-local ranges" (the same page calls 169.254.240.0/20 "the approved link-local range"). Which
 * prefixes an account is authorized for only Cloudflare knows, so a /31 is taken from any space.
 */
export function interconnectInterfaceAddressProblem(value: string): string | undefined {
  const p = parsePrefix(value);
  if (!p || p.family !== 4 || !(p.length === 31 || (p.length === 30 && inTunnelInterfaceSpace(p)))) {
    return `must be a /31 or /30 prefix inside ${SPACES}, or a /31 from the account's authorized prefixes (version 1.5 interconnects), such as 192.168.4.0/31`;
  }
  return linkSides(p) ? undefined : unusableHost(p);
}

/** Which of an interconnect's variant fields are given (their values may not be known yet). */
export interface InterconnectVariantFields {
  slotId: boolean;
  speed: boolean;
  bandwidth: boolean;
  pairingKey: boolean;
}

/** What is wrong with the fields an interconnect gives, in the order a reader should fix them. */
export type InterconnectVariantProblem =
  /** slotId together with a GCP Partner field (`field`, the first one given). */
  | { kind: "mixed"; field: "bandwidth" | "pairingKey" }
  /** Neither variant described. */
  | { kind: "none" }
  /** A GCP Partner interconnect without `field`. */
  | { kind: "gcpMissing"; field: "bandwidth" | "pairingKey" }
  /** `speed` on a GCP Partner interconnect. */
  | { kind: "gcpSpeed" };

/**
 * An interconnect is either physical (`slotId`, optional `speed`) or GCP Partner (`bandwidth` and
 * `pairingKey`): the create body is one of `{slot_id, speed?}` or `{bandwidth, pairing_key}`.
 * A mixed or empty description is the only problem reported; otherwise every one is.
 */
export function interconnectVariantProblems(given: InterconnectVariantFields): InterconnectVariantProblem[] {
  const gcp = given.bandwidth || given.pairingKey;
  if (given.slotId && gcp) return [{ kind: "mixed", field: given.bandwidth ? "bandwidth" : "pairingKey" }];
  if (!given.slotId && !gcp) return [{ kind: "none" }];
  if (!gcp) return [];
  const out: InterconnectVariantProblem[] = [];
  if (!given.bandwidth) out.push({ kind: "gcpMissing", field: "bandwidth" });
  if (!given.pairingKey) out.push({ kind: "gcpMissing", field: "pairingKey" });
  if (given.speed) out.push({ kind: "gcpSpeed" });
  return out;
}

/** The static addressing fields a LAN of a high availability site lacks. */
export type HaLanMissing = "staticAddressing" | "staticAddressing.secondaryAddress" | "staticAddressing.virtualAddress";

/**
 * "If in high availability mode, static_address is required along with secondary and virtual
 * address" (Cloudflare API, "Magic Transit > Sites > LANs"): what a LAN of an HA site lacks, given
 * its (known) staticAddressing.
 */
export function haLanMissing(staticAddressing: unknown): HaLanMissing[] {
  if (typeof staticAddressing !== "object" || staticAddressing === null || Array.isArray(staticAddressing)) return ["staticAddressing"];
  const sa = staticAddressing as Record<string, unknown>;
  return (["secondaryAddress", "virtualAddress"] as const).filter((k) => sa[k] === undefined).map((k) => `staticAddressing.${k}` as const);
}

/** ha_link "only works for site with HA turned on": whether a LAN's haLink is refused on a site in that mode. */
export function haLinkRefused(siteHaMode: boolean, haLink: unknown): boolean {
  return !siteHaMode && haLink === true;
}

/** An address or a prefix as written: a bare address counts as a /32 (or /128). */
function addressOrPrefix(s: string): Prefix | undefined {
  const a = parseIP(s);
  return a ? { family: a.family, address: a.value, length: a.family === 4 ? 32 : 128 } : parsePrefix(s);
}

/**
 * The customer end of a CNI's point-to-point link as an address, the nexthop of routes over it:
 * the address of `custIp` (`"100.64.0.1/31"` -> `"100.64.0.1"`), which the API words as "Customer
 * end of the point-to-point link". It cannot be Cloudflare's end (`p2pIp`): when both name one
 * address (as the API reference's example does) the customer end is not known.
 */
export function cniCustomerEnd(custIp: string, p2pIp?: string): { address: string } | { problem: "notAddress" | "sameAsP2p" } {
  const cust = addressOrPrefix(custIp);
  if (!cust) return { problem: "notAddress" };
  if (p2pIp !== undefined && addressOrPrefix(p2pIp)?.address === cust.address) return { problem: "sameAsP2p" };
  return { address: formatAddress(cust.family, cust.address) };
}

/** The field of a LAN's DHCP server a DHCP rule is about. */
export type DhcpServerField = "dhcpPoolStart" | "dhcpPoolEnd" | "reservations";

/**
 * What is wrong with a LAN's DHCP server given the LAN's address (`static_addressing.address`,
 * e.g. `192.168.10.1/24`), each with a predicate phrase that names the address: the pool's start
 * and end and every reservation inside the LAN's subnet ("First/Last address of the pool, inside
 * the LAN subnet"), the end not before the start. Values that are not known or not addresses are
 * left to other rules (their fields' formats). SiteLan's check and BranchSite's planning both ask this.
 */
export function dhcpServerProblems(address: unknown, server: Record<string, unknown>): Array<[DhcpServerField, string]> {
  const out: Array<[DhcpServerField, string]> = [];
  const outsidePool = (["dhcpPoolStart", "dhcpPoolEnd"] as const).filter((key) => inSubnet(address, server[key]) === false);
  for (const key of outsidePool) out.push([key, `must be inside the subnet of staticAddressing.address (${String(address)})`]);
  const start = typeof server.dhcpPoolStart === "string" ? parseIPv4(server.dhcpPoolStart) : undefined;
  const end = typeof server.dhcpPoolEnd === "string" ? parseIPv4(server.dhcpPoolEnd) : undefined;
  if (outsidePool.length === 0 && start && end && start.value > end.value)
    out.push(["dhcpPoolEnd", `must not come before staticAddressing.dhcpServer.dhcpPoolStart (${String(server.dhcpPoolStart)})`]);
  const reservations = server.reservations;
  if (typeof reservations === "object" && reservations !== null && !Array.isArray(reservations)) {
    const outside = Object.entries(reservations).filter(([, ip]) => inSubnet(address, ip) === false);
    if (outside.length) {
      out.push([
        "reservations",
        `must reserve addresses inside the subnet of staticAddressing.address (${String(address)}); not ${outside.map(([mac, ip]) => `${String(ip)} for ${mac}`).join(", ")}`,
      ]);
    }
  }
  return out;
}

/** Whether an IPv4 address lies in the subnet of an address written with its prefix; undefined when either is not one. */
export function inSubnet(cidr: unknown, address: unknown): boolean | undefined {
  const p = typeof cidr === "string" ? parsePrefix(cidr) : undefined;
  const a = typeof address === "string" ? parseIPv4(address) : undefined;
  if (!p || p.family !== 4 || !a) return undefined;
  return contains(p, a);
}
