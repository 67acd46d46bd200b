import type * as pulumi from "@pulumi/pulumi";
import { type StaticRouteArgs, StaticRouteResource } from "./generated/static-route";

export type { StaticRouteArgs } from "./generated/static-route";

/**
 * One Magic Transit / Magic WAN static route. Every field can change in place.
 * For hundreds of routes use `RouteTable`, which keeps them with bulk requests.
 *
 * @example
 * ```ts
 * import * as magic from "pulumi-cloudflare-magic";
 *
 * const gre = new magic.GreTunnel("dc1-gre-1", {
 *     name: "dc1_gre_1",
 *     cloudflareGreEndpoint: "162.159.64.1",
 *     customerGreEndpoint: "203.0.113.10",
 *     interfaceAddress: "10.212.0.8/31",
 * });
 * // Cloudflare refuses a nexthop no tunnel holds: a literal one needs `dependsOn` its tunnel
 * // (or write `nexthop: gre.customerAddress`, which waits for the tunnel by itself).
 * const route = new magic.StaticRoute("dc1-primary", {
 *     prefix: "192.0.2.0/24",
 *     nexthop: "10.212.0.9",
 *     priority: 100,
 *     weight: 128,
 *     scope: { coloRegions: ["ENAM"] },
 *     description: "DC1 via GRE 1",
 * }, { dependsOn: [gre] });
 * export const routeId = route.id;
 * ```
 */
export class StaticRoute extends StaticRouteResource {
  constructor(name: string, args: StaticRouteArgs, opts?: pulumi.CustomResourceOptions) {
    super(name, args, opts);
  }
}
