/**
 * Pure planning functions behind the components: tunnel addressing, route priorities, name
 * resolution and conflict checks. No Pulumi, no I/O: each is exported and tested on its own, and
 * each error is one sentence that names the offending entry.
 */
import { formatAddress, isPrivateV4, overlaps, parsePrefix, type Prefix } from "../../provider/net/ip";

/** A planning error: the message names the entry and the rule. */
export class PlanError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "PlanError";
  }
}

/**
 * The two addresses of a tunnel's /31 `interfaceAddress`. Cloudflare takes the address written in
 * the prefix; your router takes the other one, which is the nexthop of routes through the tunnel.
 *
 * @example tunnelSides("10.212.0.8/31") // { cloudflare: "10.212.0.8", customer: "10.212.0.9" }
 */
export function tunnelSides(interfaceAddress: string): { cloudflare: string; customer: string } {
  const p = parsePrefix(interfaceAddress);
  if (!p || p.family !== 4 || p.length !== 31) {
    throw new PlanError(`interfaceAddress ${JSON.stringify(interfaceAddress)} must be an IPv4 /31 such as 10.212.0.8/31.`);
  }
  return { cloudflare: formatAddress(4, p.address), customer: formatAddress(4, p.address ^ 1n) };
}

/** The nexthop for routes through a tunnel: the customer side of its /31. */
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
  /** Its /31. */
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
 * One route per (prefix, tunnel): nexthop from the tunnel's /31, priority from the mode.
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

/** Tunnel /31s must be valid, private and distinct (two tunnels cannot share one). */
export function checkTunnelAddresses(tunnels: Array<{ name: string; interfaceAddress: string }>): void {
  const seen = new Map<string, string>();
  for (const t of tunnels) {
    const p = parsePrefix(t.interfaceAddress);
    if (!p || p.family !== 4 || p.length !== 31 || !isPrivateV4(p)) {
      throw new PlanError(`tunnel ${JSON.stringify(t.name)}: interfaceAddress ${JSON.stringify(t.interfaceAddress)} must be a /31 inside private space (10.0.0.0/8, 172.16.0.0/12 or 192.168.0.0/16).`);
    }
    const key = formatAddress(4, p.address >> 1n << 1n);
    const other = seen.get(key);
    if (other !== undefined) throw new PlanError(`tunnels ${JSON.stringify(other)} and ${JSON.stringify(t.name)} use the same /31 (${key}/31); each tunnel needs its own.`);
    seen.set(key, t.name);
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
      if (overlaps(o.p, p)) throw new PlanError(`${what}s ${JSON.stringify(o.name)} (${o.prefix}) and ${JSON.stringify(e.name)} (${e.prefix}) overlap; a site's ${what} prefixes must be disjoint.`);
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
      throw new PlanError(`${referrer} refers to ${what} ${JSON.stringify(n)}, which is not declared; known ${what}s: ${[...known.keys()].map((k) => JSON.stringify(k)).join(", ") || "none"}.`);
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
    if (other) throw new PlanError(`${other} and ${e.kind} ${JSON.stringify(e.name)} both use port ${e.physport} ${e.vlanTag === undefined ? "untagged" : `with VLAN ${e.vlanTag}`}; each port/VLAN pair carries one network.`);
    seen.set(key, `${e.kind} ${JSON.stringify(e.name)}`);
  }
}
