import { routeKey } from "../provider/facade";
import { isObjectLiteral } from "../shared/values";
import { perRun } from "./run-scope";

/**
 * Values Cloudflare keeps unique per account, by resource type (a tunnel's name: the definitions'
 * `unique` fields, which the generated classes pass in): two resources of one program that give
 * the same one would fail only when the second is created. The program process sees every
 * resource of a deployment (one run of the program is one process under the CLI), so a second
 * claim of a value is refused right in the constructor, before any request.
 *
 * Limits: only values given as plain strings (an Output is not known yet) and resources whose
 * account is a plain string or left to config are compared; values used by other stacks or made
 * outside Pulumi are Cloudflare's to refuse (see README, "Interrupted applies").
 */

/** Claims per deployment: keyed by the runtime's monitor, which is new for every run of a program. */
const claimsByDeployment = new WeakMap<object, Map<string, string>>();
const fallbackClaims = new Map<string, string>();

function claims(): Map<string, string> {
  return perRun(claimsByDeployment, fallbackClaims, () => new Map<string, string>());
}

/** Throws when another resource of this program already gave this type the same value of a unique field in the same account. */
export function claimUniqueName(
  token: string,
  resourceName: string,
  args: Record<string, unknown> & { accountId?: unknown },
  fields: readonly string[],
): void {
  if (args.accountId !== undefined && typeof args.accountId !== "string") return;
  const taken = claims();
  const type = token.split(":")[1];
  for (const field of fields) {
    const value = args[field];
    if (typeof value !== "string") continue;
    const key = `${args.accountId ?? "(config)"}\n${token}\n${field}\n${value}`;
    const other = taken.get(key);
    if (other !== undefined && other !== resourceName) {
      const has = field === "name" ? "is already named" : `already has ${field}`;
      const what = field === "name" ? "names" : `${field} values`;
      throw new Error(
        `${type} ${JSON.stringify(resourceName)}: ${type} ${JSON.stringify(other)} of this program ${has} ${JSON.stringify(value)}; Cloudflare keeps ${type} ${what} unique per account, so give each resource its own ${field === "name" ? "name" : field}.`,
      );
    }
    taken.set(key, resourceName);
  }
}

/**
 * Types whose name Cloudflare does not keep unique, but two of which with one name in one program
 * are a mistake: the account would hold two sites nobody can tell apart (in the dashboard, in
 * `getSites`, or when adopting after an interrupted apply). A BranchSite's site is one of them.
 */
const DISTINCT_NAME_TYPES: Record<string, string> = { "magic:Site": "sites" };

/** The account part of a claim's key: a plain id, or config's; undefined for an id not known yet (nothing is compared). */
function accountOf(args: { accountId?: unknown }): string | undefined {
  if (args.accountId !== undefined && typeof args.accountId !== "string") return undefined;
  return args.accountId ?? "(config)";
}

/** Throws when another resource of this program already gave a site the same name in the same account. */
export function claimDistinctName(token: string, resourceName: string, args: { name?: unknown; accountId?: unknown }): void {
  const plural = DISTINCT_NAME_TYPES[token];
  const account = accountOf(args);
  if (!plural || typeof args.name !== "string" || account === undefined) return;
  const key = `${account}\n${token}\nname\n${args.name}`;
  const taken = claims();
  const other = taken.get(key);
  const type = token.split(":")[1];
  if (other !== undefined && other !== resourceName) {
    throw new Error(
      `${type} ${JSON.stringify(resourceName)}: ${type} ${JSON.stringify(other)} of this program is already named ${JSON.stringify(args.name)}; Cloudflare would keep two ${plural} of that name, which nobody can tell apart, so give each its own name.`,
    );
  }
  taken.set(key, resourceName);
}

/** The route-holding types and where their routes are: a StaticRoute is one route, a RouteTable a list. */
const ROUTE_TYPES = new Set(["magic:StaticRoute", "magic:RouteTable"]);

/**
 * Throws when a route of this resource has the identity (prefix, nexthop, scope: RouteTable's
 * `routeKey`) and the priority of a route another resource of this program declares in the same
 * account (routes that differ only in priority are a primary and its backup): a
 * StaticRoute identical to a RouteTable entry (or to another StaticRoute, or to an entry of
 * another table) would leave Cloudflare holding two identical routes, each resource calling the
 * other's its own. Only routes given as plain values are compared.
 */
export function claimRoutes(token: string, resourceName: string, args: { routes?: unknown; accountId?: unknown }): void {
  const account = accountOf(args);
  if (!ROUTE_TYPES.has(token) || account === undefined) return;
  const table = token === "magic:RouteTable";
  const entries: Array<[where: string, route: unknown]> = table
    ? Array.isArray(args.routes)
      ? args.routes.map((r, i) => [`routes[${i}]`, r])
      : []
    : [["", args]];
  const taken = claims();
  const type = token.split(":")[1];
  for (const [where, route] of entries) {
    const identity = plainRouteKey(route);
    if (identity === undefined) continue;
    const key = `${account}\nroute\n${identity}`;
    const mine = `${type} ${JSON.stringify(resourceName)}${where ? ` ${where}` : ""}`;
    const other = taken.get(key);
    if (other !== undefined && other !== mine && !(other.startsWith(`${type} ${JSON.stringify(resourceName)} `) && table)) {
      throw new Error(
        `${mine}: ${other} of this program is the same route (${identity}); Cloudflare would hold two identical routes, so declare it in one place.`,
      );
    }
    taken.set(key, mine);
  }
}

/** A route's identity and priority when its prefix, nexthop, scope and priority are plain values; undefined otherwise. */
function plainRouteKey(route: unknown): string | undefined {
  if (!isObjectLiteral(route)) return undefined;
  const { prefix, nexthop, scope, priority } = route;
  if (typeof prefix !== "string" || typeof nexthop !== "string" || typeof priority !== "number") return undefined;
  if (scope !== undefined && !plainScope(scope)) return undefined;
  return `${routeKey({ prefix, nexthop, scope: scope as { coloNames?: string[]; coloRegions?: string[] } | undefined })}, priority ${priority}`;
}

function plainScope(scope: unknown): boolean {
  if (!isObjectLiteral(scope)) return false;
  return [scope.coloNames, scope.coloRegions].every((l) => l === undefined || (Array.isArray(l) && l.every((x) => typeof x === "string")));
}
