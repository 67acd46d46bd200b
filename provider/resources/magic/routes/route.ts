import { z } from "zod";
import { cidr, ipAddress, timestamps } from "../../common/fields";
import { canonical } from "../../../../shared/ip";
import { camelToSnake, clean, convertKeys, snakeToCamel } from "../../../../shared/values";
import { project, settle } from "../../../framework/equivalence";

/**
 * A static route (Cloudflare API "Magic Transit > Routes") as StaticRoute and RouteTable both know
 * it: its fields, its identity, its equality and its wire form. The API paths and the permission
 * are the StaticRoute definition's (static-route.ts), which RouteTable sends through.
 */

type Props = Record<string, unknown>;

/** ECMP scope of a route: the colos or colo regions it applies in. */
const scope = () =>
  z
    .strictObject({
      coloNames: z.array(z.string().min(1)).optional().meta({ description: 'Colo names, e.g. `["den01"]`.', unordered: true }),
      coloRegions: z.array(z.string().min(1)).optional().meta({ description: 'Colo regions, e.g. `["APAC"]`.', unordered: true }),
    })
    .meta({
      args: "StaticRouteScopeArgs",
      description: "ECMP scope of a static route: the Cloudflare colos or colo regions it applies in.",
    });

/** A route's inputs; RouteTable entries use the same schema. */
export const routeInputs = z.strictObject({
  // Any address, link-local included (cloud VPN gateways use 169.254.x.x next hops): whether a
  // tunnel of the account holds it is Cloudflare's to check (emulator/README.md, "Live behaviours").
  nexthop: ipAddress().meta({
    description:
      "The next-hop IP address: an address inside the interface address of one of the account's GRE or IPsec tunnels, interconnects or CNIs, usually your side of it (its `customerAddress`, e.g. `10.212.0.9` of `10.212.0.8/31`, or `169.254.244.1` of an AWS VPN's `169.254.244.2/30`). Cloudflare refuses a nexthop no tunnel holds, so the tunnel must exist first: write `nexthop: tunnel.customerAddress`, or give a literal address and the option `dependsOn: [tunnel]`.",
    linkAddress: true,
  }),
  prefix: cidr().meta({ description: "The destination prefix in CIDR notation, with no host bits set, e.g. `192.0.2.0/24`." }),
  // The API schema types both as integers; "lower values have greater priority".
  priority: z
    .number()
    .int()
    .min(0)
    .meta({ description: "Priority, an integer >= 0: lower values win; routes for a prefix with equal priority share traffic (ECMP)." }),
  description: z.string().optional().meta({ description: "Free-text description." }),
  // Cloudflare documents 256 as the largest weight. "The API does not allow to reset weights when
  // the attribute isn't sent" (Terraform provider v2.22-v4, schema_cloudflare_static_route.go, which
  // made it ForceNew), and documents no value that clears one: a removed weight replaces the route.
  weight: z.number().int().min(0).max(256).optional().meta({
    description:
      "Weight within its ECMP group (0-256): higher weights get a larger share of the traffic. Cloudflare keeps a weight an update leaves out, so removing it replaces the route (the new one is made before the old one is deleted).",
    keptWhenOmitted: true,
  }),
  scope: scope().optional().meta({ description: "Limit the route to some colos or colo regions (ECMP scope)." }),
});

export type RouteEntry = z.infer<typeof routeInputs>;
export type OwnedRoute = RouteEntry & { id: string; createdOn?: string; modifiedOn?: string };

/** A route as the API holds it, in its entry's terms: the fields declared here, its id and times. */
export const ownedRoute = routeInputs.extend({ id: z.string(), ...timestamps() });

// ---- identity ------------------------------------------------------------------------------------

/**
 * A route's identity: prefix + nexthop (+ scope). Two entries with one identity are a conflict.
 * Addresses are compared by value: `2001:0DB8::/32` is `2001:db8::/32`, as Cloudflare answers it.
 */
export function routeKey(r: Pick<RouteEntry, "prefix" | "nexthop" | "scope">): string {
  const key = scopeKey(r.scope);
  return `${canonical(r.prefix)} via ${canonical(r.nexthop)}${key ? ` [${key}]` : ""}`;
}

/** A scope's colos and regions in order ("" when it names none). */
function scopeKey(s: RouteEntry["scope"]): string {
  const key = s ? [...(s.coloNames ?? [])].sort().join(",") + "|" + [...(s.coloRegions ?? [])].sort().join(",") : "";
  return key === "|" ? "" : key;
}

// ---- equality ------------------------------------------------------------------------------------

/**
 * How each field of a route compares. Identity (prefix, nexthop, scope) as `routeKey` does; weight
 * absent and 0 alike, description absent and "" alike: Cloudflare answers `weight: 0` for a route
 * created without one (the reference's example answers), which must not plan a change forever.
 */
const IDENTITY = {
  prefix: (r: RouteEntry) => canonical(r.prefix),
  nexthop: (r: RouteEntry) => canonical(r.nexthop),
  scope: (r: RouteEntry) => scopeKey(r.scope),
};
const SETTINGS = {
  priority: (r: RouteEntry) => r.priority,
  description: (r: RouteEntry) => r.description ?? "",
  weight: (r: RouteEntry) => r.weight ?? 0,
};

function differing(fields: Record<string, (r: RouteEntry) => unknown>, a: RouteEntry, b: RouteEntry): string[] {
  return Object.entries(fields)
    .filter(([, value]) => value(a) !== value(b))
    .map(([k]) => k);
}

/** Whether two routes of one identity carry the same settings (priority, description, weight). */
export function sameSettings(a: RouteEntry, b: RouteEntry): boolean {
  return differing(SETTINGS, a, b).length === 0;
}

/**
 * The fields in which a live route differs from an entry: a route whose identity changed is one a
 * table no longer finds (it would add the entry and delete the route), one whose settings changed
 * it would update. For `cloudflare-magic-audit`. Pure.
 */
export function routeDifferences(live: RouteEntry, entry: RouteEntry): string[] {
  return [...differing(IDENTITY, live, entry), ...differing(SETTINGS, live, entry)];
}

/** Settings an entry no longer gives that its live route still carries (absent, `""` and 0 carry nothing, as sameSettings has it). */
export function removedSettings(have: RouteEntry, d: RouteEntry): Array<"description" | "weight"> {
  const carried = (v: unknown) => v !== undefined && v !== "" && v !== 0;
  return (["description", "weight"] as const).filter((k) => d[k] === undefined && carried(have[k]));
}

/**
 * StaticRoute's `isSameObject`: the API route (as the API answers it) is the one these inputs
 * describe. A route has no name: a create whose answer was lost is recognised by everything the
 * program says about it; a route equal in all of that routes traffic exactly like ours, so taking
 * it over is safer than sending the create again and leaving a stray duplicate.
 */
export function isSameRoute(apiRoute: Props, inputs: Props): boolean {
  const live = routeFromApi(apiRoute);
  const wanted = inputs as RouteEntry;
  return (
    typeof live.prefix === "string" &&
    typeof live.nexthop === "string" &&
    typeof wanted.prefix === "string" &&
    typeof wanted.nexthop === "string" &&
    routeKey(live) === routeKey(wanted) &&
    sameSettings(live, wanted)
  );
}

// ---- wire form -----------------------------------------------------------------------------------

/** A route as the API answers it (snake_case) -> the entry's fields, its id and times (an empty scope is no scope). */
export function routeFromApi(o: Props): OwnedRoute {
  const r = clean(project(ownedRoute, convertKeys(o, snakeToCamel))) as OwnedRoute;
  if (r.scope && !r.scope.coloNames?.length && !r.scope.coloRegions?.length) delete r.scope;
  return { ...r, id: String(o.id) };
}

/** An entry (with its id, for the bulk PUT) -> the request body. */
export function routeToApi(r: RouteEntry & { id?: string }): Props {
  const { createdOn: _c, modifiedOn: _m, ...fields } = project(ownedRoute, r) as OwnedRoute;
  return clean(convertKeys(fields, camelToSnake)) as Props;
}

/**
 * A live route as state keeps it: in the spelling and order of `reference` (the program's entry,
 * or what state held) where it means the same (framework/equivalence.ts), and without a 0 weight or
 * empty description the reference never gave (absent and those alike, as sameSettings has it).
 */
export function settleRoute(live: OwnedRoute, reference: RouteEntry | undefined): OwnedRoute {
  const out = settle(routeInputs, live, reference) as OwnedRoute;
  if (reference?.weight === undefined && out.weight === 0) delete out.weight;
  if (reference?.description === undefined && out.description === "") delete out.description;
  return out;
}

/** The input fields of an owned route (what a refresh records as inputs). */
export function asEntry(r: OwnedRoute): RouteEntry {
  return clean(project(routeInputs, r)) as RouteEntry;
}
