import type { StaticRouteInfo } from "../magic/generated/static-route";
import { type LookupArgs, listOf } from "./lookup";

/** A static route as the API reports it (camelCase), with its id. */
export type RouteInfo = StaticRouteInfo;

/**
 * Lists the account's Magic static routes (including those a `RouteTable` or another tool manages).
 *
 * @example
 * ```ts
 * const routes = await magic.getRoutes();
 * const viaDc1 = routes.filter((r) => r.nexthop === "10.212.0.9").map((r) => r.prefix);
 * ```
 */
export function getRoutes(args: LookupArgs = {}): Promise<RouteInfo[]> {
  return listOf<RouteInfo>("magic:StaticRoute", args);
}
