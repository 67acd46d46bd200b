import type * as pulumi from "@pulumi/pulumi";
import { AccountArgs, MagicResource } from "../resource";
import type { StaticRouteArgs } from "./generated/static-route";

/** One static route of a RouteTable: the arguments of a `StaticRoute` (Cloudflare API "Magic Transit > Routes"). */
export type RouteTableEntry = Omit<StaticRouteArgs, "accountId">;

export interface RouteTableArgs extends AccountArgs {
  /** The routes this table owns. A route is identified by prefix + nexthop (+ scope); each may appear once. */
  routes: pulumi.Input<pulumi.Input<RouteTableEntry>[]>;
}

/** A route the table owns, as Cloudflare reports it. */
export interface OwnedRouteState {
  id: string;
  prefix: string;
  nexthop: string;
  priority: number;
  description?: string;
  weight?: number;
  scope?: { coloNames?: string[]; coloRegions?: string[] };
  createdOn?: string;
  modifiedOn?: string;
}

/**
 * A set of Magic static routes managed as one resource, with bulk calls: creating N routes costs N
 * requests (the create endpoint takes one), changing any number of routes costs one bulk PUT, and
 * removing routes costs one `DELETE /magic/routes/{id}` per route (never the collection DELETE,
 * which empties the account's whole routing table). Reads list the routes once.
 * Routes created outside the table are never touched. Use it instead of many `StaticRoute`s when
 * you hold hundreds or thousands of routes, to stay far below Cloudflare's 1,200 requests per 5 minutes.
 *
 * Every change to `routes` is an update; only a change of `accountId` replaces the table. A route
 * whose `weight` is removed is replaced inside the table (Cloudflare keeps a weight an update leaves
 * out). Nothing in a route is secret. Import with the resource option `import: "<an id you choose>"`
 * and the routes as they are: for each entry the table adopts the live route with its prefix,
 * nexthop and scope (the one with the entry's exact settings where several share them, otherwise
 * the import fails naming them).
 *
 * @example
 * ```ts
 * import * as magic from "pulumi-cloudflare-magic";
 *
 * const tunnels = ["10.212.0.8/31", "10.212.0.10/31"].map((interfaceAddress, i) =>
 *     new magic.GreTunnel(`dc1-gre-${i + 1}`, {
 *         name: `dc1_gre_${i + 1}`,
 *         cloudflareGreEndpoint: "162.159.64.1",
 *         customerGreEndpoint: `203.0.113.${10 + i}`,
 *         interfaceAddress,
 *     }));
 * // Each nexthop lies in one of the tunnels, which Cloudflare requires to exist first: depend on them.
 * new magic.RouteTable("dc1-routes", {
 *     routes: [
 *         { prefix: "192.0.2.0/24", nexthop: "10.212.0.9", priority: 100 },
 *         { prefix: "192.0.2.0/24", nexthop: "10.212.0.11", priority: 100 },   // ECMP
 *         { prefix: "198.51.100.0/24", nexthop: "10.212.0.9", priority: 200, description: "backup" },
 *     ],
 * }, { dependsOn: tunnels });
 * ```
 */
export class RouteTable extends MagicResource {
  /** The owned routes with their Cloudflare ids, in the order the program declares them. */
  declare readonly routes: pulumi.Output<OwnedRouteState[]>;

  constructor(name: string, args: RouteTableArgs, opts?: pulumi.CustomResourceOptions) {
    super("magic", "RouteTable", name, args, [], opts);
  }
}
