/**
 * GRE tunnels (Cloudflare API "Magic Transit > GRE Tunnels"): `/accounts/:account_id/magic/gre_tunnels[/:gre_tunnel_id]`.
 *
 * Stored shape: the API object as the spec lists it, except `health_check.target`, which holds the
 * saved target string and is rendered per `x-magic-new-hc-target` (see health-check.ts).
 * PUT replaces every mutable field (omitted ones return to their defaults or disappear), keeps
 * `bgp`, and refuses a `bgp` field: the spec only accepts BGP settings on create.
 *
 * As the live API does (emulator/README.md, "Live behaviours"): bodies are read by a Go decoder
 * (`GoDecoder`: null or a wrong JSON type is 1022), a missing tunnel is code 1029, the account
 * must be onboarded to Magic Transit (1012), and the interface address may not overlap another
 * GRE or IPsec tunnel's (interfaces.ts).
 */
import { type CfError, Codes, cfError } from "../envelope";
import type { RequestContext, Router } from "../router";
import { type Store, type StoredObject, newId } from "../store";
import {
  given,
  type JsonObject,
  type Rules,
  boolean,
  integer,
  ipv4,
  ipv6Slash127,
  notAllowed,
  objectName,
  tunnelInterfaceAddress,
  string,
} from "../validate";
import { type TunnelBgp, bgpOf, bgpRule } from "./tunnel-bgp";
import {
  type StoredHealthCheck,
  healthCheckDefaults,
  healthCheckFromRequest,
  healthCheckRule,
  withHealthCheck,
  wantsNewHcTarget,
} from "./health-check";
import { formatCidrAddress, interfaceConflicts, nexthopOwner, subnetOf } from "./interfaces";
import { type Change, defined, keyedAnswers, serveCollection } from "./objects";

const COLLECTION = "gre_tunnels";

export interface GreTunnel extends StoredObject {
  cloudflare_gre_endpoint: string;
  customer_gre_endpoint: string;
  interface_address: string;
  name: string;
  automatic_return_routing: boolean;
  bgp?: TunnelBgp;
  bgp_status?: { state: string; tcp_established: boolean; updated_at: string };
  created_on: string;
  description?: string;
  health_check: StoredHealthCheck;
  interface_address6?: string;
  modified_on: string;
  mtu: number;
  ttl: number;
}

/** Values of optional fields the request leaves out, on create and (full-replace) update alike. */
const DEFAULTS = { automatic_return_routing: false, mtu: 1476, ttl: 64 } as const;

/** Request body rules, in the spec's field order. */
function bodyRules(operation: "create" | "update", ctx: RequestContext): Rules {
  return {
    cloudflare_gre_endpoint: { required: true, checks: [ipv4] },
    customer_gre_endpoint: { required: true, checks: [ipv4] },
    interface_address: { required: true, checks: [tunnelInterfaceAddress] },
    name: { required: true, checks: [objectName(15)] },
    automatic_return_routing: { checks: [boolean] },
    bgp: operation === "create" ? bgpRule(true) : { checks: [notAllowed("BGP settings can only be given when the GRE tunnel is created")] },
    description: { checks: [string] },
    health_check: healthCheckRule(wantsNewHcTarget(ctx.headers)),
    interface_address6: { checks: [ipv6Slash127] },
    mtu: { checks: [integer({ min: 576 })] },
    ttl: { checks: [integer({ min: 1 })] },
  };
}

/** The stored tunnel a validated body describes; `existing` (on update) keeps id, created_on and BGP. */
function buildTunnel(body: JsonObject, existing: GreTunnel | undefined, ctx: RequestContext): GreTunnel {
  const now = ctx.now;
  const requestedBgp = given<JsonObject>(body, "bgp");
  const bgp = existing ? existing.bgp : requestedBgp && bgpOf(requestedBgp);
  return {
    id: existing?.id ?? newId(),
    cloudflare_gre_endpoint: body.cloudflare_gre_endpoint as string,
    customer_gre_endpoint: body.customer_gre_endpoint as string,
    interface_address: body.interface_address as string,
    name: body.name as string,
    automatic_return_routing: given<boolean>(body, "automatic_return_routing") ?? DEFAULTS.automatic_return_routing,
    bgp,
    bgp_status: existing ? existing.bgp_status : bgp && { state: "BGP_DOWN", tcp_established: false, updated_at: now },
    created_on: existing?.created_on ?? now,
    description: given<string>(body, "description"),
    health_check: healthCheckFromRequest(body.health_check, healthCheckDefaults(ctx.switches.account)),
    interface_address6: given<string>(body, "interface_address6"),
    modified_on: now,
    mtu: given<number>(body, "mtu") ?? DEFAULTS.mtu,
    ttl: given<number>(body, "ttl") ?? DEFAULTS.ttl,
  };
}

/** The API form of a stored tunnel: undefined members dropped, health check target per header. */
function render(tunnel: GreTunnel, ctx: RequestContext): JsonObject {
  const ends = { customerEndpoint: tunnel.customer_gre_endpoint, interfaceAddress: tunnel.interface_address };
  return withHealthCheck(defined(tunnel), ends, ctx.headers);
}

/**
 * Names are unique per account: each changed tunnel must not share its name with any other one,
 * nor its interface address with another GRE or IPsec tunnel.
 */
function conflicts(ctx: RequestContext, changes: Array<Change<GreTunnel>>, all: GreTunnel[]): CfError[] {
  const pending = changes.map((c) => c.object);
  return changes.flatMap(({ object: tunnel, base }) => [
    ...(all.some((other) => other.id !== tunnel.id && other.name === tunnel.name)
      ? [cfError(Codes.DUPLICATE, `A GRE tunnel named "${tunnel.name}" already exists in this account`, `${base}/name`)]
      : []),
    ...interfaceConflicts(ctx.store, ctx.params.account_id, COLLECTION, tunnel, pending, base),
  ]);
}

export function register(router: Router): void {
  serveCollection<GreTunnel>(router, {
    collection: COLLECTION,
    label: "GRE tunnel",
    notFoundCode: Codes.GRE_TUNNEL_NOT_FOUND,
    path: "/accounts/:account_id/magic/gre_tunnels",
    idParam: "gre_tunnel_id",
    verbs: ["list", "create", "bulk", "get", "put", "delete"],
    product: "magicTransit",
    goService: { struct: "GRETunnel", noun: "GRE Tunnel" },
    validateOnly: ["create", "put", "delete", "bulk"],
    bulk: { key: "gre_tunnels", plural: "GRE tunnels" },
    rules: bodyRules,
    build: buildTunnel,
    check: conflicts,
    render,
    readOmitsFalse: ["automatic_return_routing"],
    answers: keyedAnswers("gre_tunnel", "gre_tunnels"),
  });
}

/**
 * Puts GRE tunnels into an account so that routes may point at `nexthops` (the API refuses a
 * nexthop outside every tunnel's interface subnet): one tunnel, named `nh_<n>`, for each /31 (IPv4)
 * or /127 (IPv6) holding a nexthop that no tunnel, interconnect or CNI covers yet; an IPv6-only
 * tunnel gets a free /31 from 10.254.0.0/16 for its required IPv4 address. For tests and demos
 * about routes, as if the program had made the tunnels earlier; no request is made. Returns them.
 */
export function provisionTunnelsFor(store: Store, accountId: string, nexthops: string[]): GreTunnel[] {
  const made: GreTunnel[] = [];
  const names = new Set(store.list<GreTunnel>(accountId, COLLECTION).map((t) => t.name));
  let n = 0;
  const nextName = () => {
    while (names.has(`nh_${++n}`));
    names.add(`nh_${n}`);
    return `nh_${n}`;
  };
  let spare = 0;
  const spareV4 = () => {
    for (;;) {
      const candidate = `10.254.${spare >> 8}.${spare & 255}/31`;
      spare += 2;
      if (!nexthopOwner(store, accountId, candidate.replace("/31", ""))) return candidate;
    }
  };
  const now = new Date().toISOString();
  for (const nexthop of nexthops) {
    if (nexthopOwner(store, accountId, nexthop)) continue;
    const v6 = nexthop.includes(":");
    const pair = subnetOf(`${nexthop}/${v6 ? 127 : 31}`);
    if (!pair) throw new Error(`provisionTunnelsFor: ${nexthop} is not an IP address`);
    const subnet = `${formatCidrAddress(pair)}/${pair.prefix}`;
    made.push(
      store.insert<GreTunnel>(accountId, COLLECTION, {
        name: nextName(),
        cloudflare_gre_endpoint: "198.51.100.1",
        customer_gre_endpoint: "203.0.113.1",
        interface_address: v6 ? spareV4() : subnet,
        ...(v6 ? { interface_address6: subnet } : {}),
        automatic_return_routing: false,
        health_check: healthCheckFromRequest(undefined),
        mtu: DEFAULTS.mtu,
        ttl: DEFAULTS.ttl,
        created_on: now,
        modified_on: now,
      }),
    );
  }
  return made;
}
