/**
 * Pure planning functions behind the components: tunnel addressing, route priorities, name
 * resolution and conflict checks. No Pulumi, no I/O: each is exported and tested on its own, and
 * each error is one sentence that names the offending entry.
 */
import { formatAddress, isNetworkAddress, linkSides, networkOf, overlaps, parsePrefix, type Prefix } from "../../shared/ip";
import {
  type InterconnectVariantFields,
  cniCustomerEnd,
  dhcpServerProblems,
  haLanMissing,
  haLinkRefused,
  interconnectVariantProblems,
  tunnelInterfaceAddressProblem,
} from "../../shared/rules";

/** A planning error: the message names the entry and the rule. */
export class PlanError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "PlanError";
  }
}

/**
 * The two sides of a tunnel's `interfaceAddress` (a /31, or a /30 written with one of its two
 * usable addresses). Cloudflare takes the address written in the prefix; your router takes the
 * other usable one, which is the nexthop of routes through the tunnel.
 *
 * @example tunnelSides("10.212.0.8/31") // { cloudflare: "10.212.0.8", customer: "10.212.0.9" }
 * @example tunnelSides("169.254.244.2/30") // { cloudflare: "169.254.244.2", customer: "169.254.244.1" }
 */
export function tunnelSides(interfaceAddress: string): { cloudflare: string; customer: string } {
  const p = parsePrefix(interfaceAddress);
  const sides = p?.family === 4 ? linkSides(p) : undefined;
  if (!sides) {
    throw new PlanError(
      `interfaceAddress ${JSON.stringify(interfaceAddress)} must be an IPv4 /31, or a /30 written with one of its two usable addresses, such as 10.212.0.8/31.`,
    );
  }
  return { cloudflare: formatAddress(4, sides.cloudflare), customer: formatAddress(4, sides.customer) };
}

/** The nexthop for routes through a tunnel: the customer side of its interface address. */
export function customerNexthop(interfaceAddress: string): string {
  return tunnelSides(interfaceAddress).customer;
}

/** How routes spread over tunnels. */
export type RoutingMode =
  /** Every tunnel gets the same priority: Cloudflare spreads traffic over all healthy tunnels (ECMP). */
  | { mode: "ecmp"; priority?: number }
  /** Tunnels in order: the first is active, each next one a backup (priority + step per position). */
  | { mode: "active-backup"; priority?: number; step?: number };

export interface PlannedTunnel {
  /** The tunnel entry's name (used in messages). */
  name: string;
  /** Its interface address (a /31 or /30). */
  interfaceAddress: string;
  /** Optional ECMP weight of routes through this tunnel. */
  weight?: number;
  /** Optional colo scope of routes through this tunnel. */
  scope?: { coloNames?: string[]; coloRegions?: string[] };
}

export interface PlannedRoute {
  prefix: string;
  nexthop: string;
  priority: number;
  /** The tunnel the route goes through. */
  tunnel: string;
  weight?: number;
  scope?: { coloNames?: string[]; coloRegions?: string[] };
  description: string;
}

/**
 * One route per (prefix, tunnel): nexthop from the tunnel's interface address, priority from the mode.
 * ECMP gives every tunnel the same priority (default 100); active/backup gives the first tunnel
 * `priority` (default 100) and each next one `step` (default 10) more, so it takes over in order.
 */
export function planTunnelRoutes(prefixes: string[], tunnels: PlannedTunnel[], routing: RoutingMode = { mode: "ecmp" }): PlannedRoute[] {
  const base = routing.priority ?? 100;
  const step = routing.mode === "active-backup" ? (routing.step ?? 10) : 0;
  if (step <= 0 && routing.mode === "active-backup") throw new PlanError(`routing.step must be a positive number (got ${step}).`);
  return prefixes.flatMap((prefix) =>
    tunnels.map((t, i) => ({
      prefix,
      nexthop: customerNexthop(t.interfaceAddress),
      priority: base + i * step,
      tunnel: t.name,
      ...(t.weight !== undefined ? { weight: t.weight } : {}),
      ...(t.scope ? { scope: t.scope } : {}),
      description: `${prefix} via ${t.name}${routing.mode === "active-backup" ? (i === 0 ? " (active)" : ` (backup ${i})`) : " (ecmp)"}`,
    })),
  );
}

/**
 * Tunnel interface addresses must be valid (tunnelInterfaceAddressProblem: a /31 or /30 in the spaces
 * Cloudflare documents) and must not overlap: two tunnels cannot share an address, and a /31 inside
 * another tunnel's /30 would make one address the nexthop of both.
 */
export function checkTunnelAddresses(tunnels: Array<{ name: string; interfaceAddress: string }>): void {
  const seen: Array<{ name: string; p: Prefix }> = [];
  for (const t of tunnels) {
    const why = tunnelInterfaceAddressProblem(t.interfaceAddress);
    if (why) throw new PlanError(`tunnel ${JSON.stringify(t.name)}: interfaceAddress ${JSON.stringify(t.interfaceAddress)} ${why}.`);
    const p = parsePrefix(t.interfaceAddress)!;
    const other = seen.find((o) => overlaps(o.p, p));
    if (other) {
      const subnet = (q: Prefix) => `${formatAddress(4, networkOf(q))}/${q.length}`;
      const where =
        other.p.length === p.length ? `the same /${p.length} (${subnet(p)})` : `overlapping subnets (${subnet(other.p)} and ${subnet(p)})`;
      throw new PlanError(`tunnels ${JSON.stringify(other.name)} and ${JSON.stringify(t.name)} use ${where}; each tunnel needs its own.`);
    }
    seen.push({ name: t.name, p });
  }
}

/** Names must be unique within a list (`what` names the list in the message, e.g. "LAN"). */
export function checkUniqueNames(what: string, names: string[]): void {
  const seen = new Set<string>();
  for (const n of names) {
    if (seen.has(n)) throw new PlanError(`two ${what}s are named ${JSON.stringify(n)}; ${what} names must be unique.`);
    seen.add(n);
  }
}

/** Prefixes that must not overlap (LAN subnets of one site): throws on the first overlapping pair. */
export function checkNoOverlap(what: string, entries: Array<{ name: string; prefix: string }>): void {
  const parsed: Array<{ name: string; prefix: string; p: Prefix }> = [];
  for (const e of entries) {
    const p = parsePrefix(e.prefix);
    if (!p) throw new PlanError(`${what} ${JSON.stringify(e.name)}: ${JSON.stringify(e.prefix)} is not a prefix in CIDR notation.`);
    for (const o of parsed) {
      if (overlaps(o.p, p))
        throw new PlanError(
          `${what}s ${JSON.stringify(o.name)} (${o.prefix}) and ${JSON.stringify(e.name)} (${e.prefix}) overlap; a site's ${what} prefixes must be disjoint.`,
        );
    }
    parsed.push({ ...e, p });
  }
}

/**
 * Resolves names to ids (ACLs refer to LANs by name): every name must be known, and the message
 * for an unknown one lists the names that are.
 */
export function resolveNames<T>(what: string, referrer: string, names: string[], known: ReadonlyMap<string, T>): T[] {
  return names.map((n) => {
    const v = known.get(n);
    if (v === undefined) {
      throw new PlanError(
        `${referrer} refers to ${what} ${JSON.stringify(n)}, which is not declared; known ${what}s: ${[...known.keys()].map((k) => JSON.stringify(k)).join(", ") || "none"}.`,
      );
    }
    return v;
  });
}

/** Two entries may not share one physical port + VLAN tag (untagged = no tag). */
export function checkPortVlanCollisions(entries: Array<{ kind: string; name: string; physport?: number; vlanTag?: number }>): void {
  const seen = new Map<string, string>();
  for (const e of entries) {
    if (e.physport === undefined) continue;
    const key = `${e.physport}/${e.vlanTag ?? "untagged"}`;
    const other = seen.get(key);
    if (other)
      throw new PlanError(
        `${other} and ${e.kind} ${JSON.stringify(e.name)} both use port ${e.physport} ${e.vlanTag === undefined ? "untagged" : `with VLAN ${e.vlanTag}`}; each port/VLAN pair carries one network.`,
      );
    seen.set(key, `${e.kind} ${JSON.stringify(e.name)}`);
  }
}

/**
 * Runs a component's checks and names the component at the start of the sentence of the
 * PlanError they throw, e.g. `BranchSite "nyc": two LANs are named "office"; ...`.
 */
export function checkComponent(component: string, checks: () => void): void {
  try {
    checks();
  } catch (e) {
    if (e instanceof PlanError) throw new PlanError(`${component}: ${e.message}`);
    throw e;
  }
}

/** "The name cannot contain spaces or special characters, must be 15 characters or less." */
const GRE_TUNNEL_NAME = /^[A-Za-z0-9_]{1,15}$/;

/**
 * Tunnel kinds and names: GRE names are 1-15 letters, digits or underscores; IPsec names are not
 * empty; and every name is unique among the tunnels given (they also name the child resources).
 */
export function checkTunnelNames(tunnels: Array<{ kind: string; name: string }>): void {
  for (const t of tunnels) {
    if (t.kind !== "gre" && t.kind !== "ipsec")
      throw new PlanError(`tunnel ${JSON.stringify(t.name)}: kind must be "gre" or "ipsec" (got ${JSON.stringify(t.kind)}).`);
    if (t.kind === "gre" && !GRE_TUNNEL_NAME.test(t.name)) {
      throw new PlanError(
        `GRE tunnel ${JSON.stringify(t.name)}: a GRE tunnel name must be 1 to 15 letters, digits or underscores (no spaces or special characters).`,
      );
    }
    if (t.kind === "ipsec" && t.name === "") throw new PlanError("an IPsec tunnel has an empty name; every tunnel needs a name.");
  }
  checkUniqueNames(
    "tunnel",
    tunnels.map((t) => t.name),
  );
}

/**
 * Destination prefixes routed over the same links: CIDR notation, no host bits set, each listed
 * once, and no two overlapping (`10.96.1.0/24` inside `10.96.0.0/16` would be a second route for
 * the same addresses over the same tunnels). `what` names them in messages.
 */
export function checkPrefixes(what: string, prefixes: string[]): void {
  const seen = new Set<string>();
  const listed: Array<{ s: string; p: Prefix }> = [];
  for (const s of prefixes) {
    const p = parsePrefix(s);
    if (!p) throw new PlanError(`${what} ${JSON.stringify(s)} is not a prefix in CIDR notation such as 192.0.2.0/24.`);
    if (!isNetworkAddress(p))
      throw new PlanError(
        `${what} ${JSON.stringify(s)} has host bits set; write it as ${formatAddress(p.family, networkOf(p))}/${p.length}.`,
      );
    const key = `${formatAddress(p.family, p.address)}/${p.length}`;
    if (seen.has(key)) throw new PlanError(`${what} ${s} is listed twice; list each prefix once.`);
    seen.add(key);
    const wider = listed.find((o) => overlaps(o.p, p));
    if (wider) {
      const [outer, inner] = wider.p.length <= p.length ? [wider.s, s] : [s, wider.s];
      throw new PlanError(
        `${what}es ${outer} and ${inner} overlap (${inner} lies inside ${outer}), so the same addresses would be routed twice; list ${outer} alone, or split it so no two prefixes overlap.`,
      );
    }
    listed.push({ s, p });
  }
}

/** A site WAN as the high availability rules see it. */
export interface HaWan {
  name: string;
  /** The WAN's static addressing; `"unknown"` when it is not known yet (the WAN is then not checked). */
  staticAddressing?: { secondaryAddress?: unknown } | "unknown";
}

/** A site LAN as the high availability rules see it. */
export interface HaLan {
  name: string;
  /** Leave out when not known yet. */
  haLink?: boolean;
  /** The LAN's static addressing; `"unknown"` when it is not known yet (the LAN is then not checked). */
  staticAddressing?: { secondaryAddress?: unknown; virtualAddress?: unknown } | "unknown";
}

/**
 * The spec's high availability rules for a site's LANs and WANs. On a high availability site
 * "static_addressing is required along with secondary and virtual address" on every LAN, a
 * statically addressed WAN needs `secondary_address`, and at most one LAN is the `ha_link`;
 * on any other site no LAN is the `ha_link` ("only works for site with HA turned on").
 */
export function checkSiteHa(haMode: boolean, wans: HaWan[], lans: HaLan[]): void {
  const links = lans.filter((l) => l.haLink === true);
  const refused = lans.find((l) => haLinkRefused(haMode, l.haLink));
  if (refused)
    throw new PlanError(
      `LAN ${JSON.stringify(refused.name)} is marked haLink, which only works on a site in high availability mode (haMode: true).`,
    );
  if (!haMode) return;
  for (const lan of lans) {
    const sa = lan.staticAddressing;
    if (sa === "unknown") continue;
    const missing = haLanMissing(sa);
    if (missing.length) {
      throw new PlanError(
        `LAN ${JSON.stringify(lan.name)} needs ${missing.join(" and ")}: on a high availability site every LAN has static addressing with the second connector's address (secondaryAddress) and the address both connectors share (virtualAddress).`,
      );
    }
  }
  for (const wan of wans) {
    const sa = wan.staticAddressing;
    if (sa === undefined || sa === "unknown" || sa.secondaryAddress !== undefined) continue;
    throw new PlanError(
      `WAN ${JSON.stringify(wan.name)} needs staticAddressing.secondaryAddress: on a high availability site the second connector needs its own address on every statically addressed WAN.`,
    );
  }
  if (links.length > 1)
    throw new PlanError(
      `LANs ${JSON.stringify(links[0].name)} and ${JSON.stringify(links[1].name)} are both marked haLink; a site has at most one HA link LAN.`,
    );
}

/**
 * The DHCP server of each LAN against the LAN's subnet (shared/rules.ts dhcpServerProblems, the
 * rule SiteLan's check applies): a pool or reservation outside it is caught before the site and
 * its WANs are made, not when the LAN's own check runs after them. Values not known yet are skipped.
 */
export function checkLanDhcp(lans: Array<{ name: string; address?: unknown; dhcpServer?: Record<string, unknown> }>): void {
  for (const lan of lans) {
    if (lan.dhcpServer === undefined || typeof lan.address !== "string") continue;
    const [problem] = dhcpServerProblems(lan.address, lan.dhcpServer);
    if (problem) {
      const [field, phrase] = problem;
      const value = field === "reservations" ? "" : ` (got ${JSON.stringify(lan.dhcpServer[field])})`;
      throw new PlanError(`LAN ${JSON.stringify(lan.name)}: staticAddressing.dhcpServer.${field} ${phrase}${value}.`);
    }
  }
}

/**
 * A site's LAN address space: each LAN's subnet (from its static `address`, e.g. 192.168.10.1/24)
 * and its routed subnets must be disjoint from every other, within a LAN and across LANs.
 */
export function checkLanPrefixes(lans: Array<{ name: string; address?: string; routedSubnets?: string[] }>): void {
  const seen: Array<{ label: string; p: Prefix }> = [];
  const add = (label: string, p: Prefix) => {
    const other = seen.find((o) => overlaps(o.p, p));
    if (other)
      throw new PlanError(`${other.label} and ${label} overlap; the subnets and routed subnets of a site's LANs must be disjoint.`);
    seen.push({ label, p });
  };
  for (const lan of lans) {
    const name = JSON.stringify(lan.name);
    if (lan.address !== undefined) {
      const p = parsePrefix(lan.address);
      if (!p)
        throw new PlanError(
          `LAN ${name}: staticAddressing.address ${JSON.stringify(lan.address)} is not an address with its prefix length, such as 192.168.10.1/24.`,
        );
      add(`LAN ${name} (${lan.address})`, p);
    }
    for (const s of lan.routedSubnets ?? []) {
      const p = parsePrefix(s);
      if (!p) throw new PlanError(`LAN ${name}: routed subnet ${JSON.stringify(s)} is not a prefix in CIDR notation such as 10.10.0.0/16.`);
      add(`routed subnet ${s} of LAN ${name}`, p);
    }
  }
}

/**
 * An interconnect is either physical (`slotId`, optional `speed`) or GCP Partner (`bandwidth` and
 * `pairingKey`). Takes which arguments are given (their values may not be known yet).
 */
export function checkInterconnectVariant(given: InterconnectVariantFields): void {
  const [p] = interconnectVariantProblems(given);
  if (!p) return;
  switch (p.kind) {
    case "mixed":
      throw new PlanError(
        `the interconnect gives slotId and ${p.field}; it is either physical (slotId, speed) or GCP Partner (bandwidth, pairingKey).`,
      );
    case "none":
      throw new PlanError("the interconnect needs slotId (physical) or bandwidth and pairingKey (GCP Partner).");
    case "gcpMissing":
      throw new PlanError(`a GCP Partner interconnect needs both bandwidth and pairingKey; ${p.field} is missing.`);
    case "gcpSpeed":
      throw new PlanError("speed applies to physical interconnects only; a GCP Partner interconnect takes bandwidth.");
  }
}

/**
 * The nexthop of routes over a CNI: the address of `custIp`, the customer end of the
 * point-to-point link (`"100.64.0.1/31"` -> `"100.64.0.1"`; the rule is shared/rules.ts
 * cniCustomerEnd, which the Cni's `customerAddress` output follows). It cannot be Cloudflare's end (`p2pIp`).
 */
export function cniNexthop(custIp: string, p2pIp?: string): string {
  const end = cniCustomerEnd(custIp, p2pIp);
  if ("address" in end) return end.address;
  if (end.problem === "notAddress")
    throw new PlanError(
      `the CNI's custIp ${JSON.stringify(custIp)} is not an address; it should be the customer end of the link, such as 100.64.0.1/31.`,
    );
  throw new PlanError(
    `the CNI's custIp ${custIp} and p2pIp ${p2pIp} name the same address, so the customer end of the link is not known; check the CNI with getCni().`,
  );
}
