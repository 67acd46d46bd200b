import type * as pulumi from "@pulumi/pulumi";
import { AccountArgs, MagicResource } from "../resource";

/** ECMP scope of a static route: the Cloudflare colos or colo regions it applies in. */
export interface StaticRouteScopeArgs {
  /** Colo names, e.g. `["den01"]`. */
  coloNames?: pulumi.Input<pulumi.Input<string>[]>;
  /** Colo regions, e.g. `["APAC"]`. */
  coloRegions?: pulumi.Input<pulumi.Input<string>[]>;
}

/** Arguments of a static route (Cloudflare API "Magic Transit > Routes"). */
export interface StaticRouteArgs extends AccountArgs {
  /**
   * The next-hop IP address: usually your side of a tunnel's interface address (e.g. `10.212.0.9`
   * of `10.212.0.8/31`), or a link-local address such as `169.254.21.1` for a cloud VPN.
   */
  nexthop: pulumi.Input<string>;
  /** The destination prefix in CIDR notation, with no host bits set, e.g. `192.0.2.0/24`. */
  prefix: pulumi.Input<string>;
  /** Priority, an integer >= 0: lower values win; routes for a prefix with equal priority share traffic (ECMP). */
  priority: pulumi.Input<number>;
  /** Free-text description. */
  description?: pulumi.Input<string>;
  /** Weight within its ECMP group (0-256): higher weights get a larger share of the traffic. */
  weight?: pulumi.Input<number>;
  /** Limit the route to some colos or colo regions (ECMP scope). */
  scope?: pulumi.Input<StaticRouteScopeArgs>;
}

const OUTPUTS = ["nexthop", "prefix", "priority", "description", "weight", "scope", "createdOn", "modifiedOn"] as const;

/**
 * One Magic Transit / Magic WAN static route. Every field can change in place.
 * For hundreds of routes use `RouteTable`, which keeps them with bulk requests.
 *
 * @example
 * ```ts
 * import * as magic from "pulumi-cloudflare-magic";
 *
 * const route = new magic.StaticRoute("dc1-primary", {
 *     prefix: "192.0.2.0/24",
 *     nexthop: "10.212.0.9",
 *     priority: 100,
 *     weight: 128,
 *     scope: { coloRegions: ["ENAM"] },
 *     description: "DC1 via GRE 1",
 * });
 * export const routeId = route.id;
 * ```
 */
export class StaticRoute extends MagicResource {
  declare readonly nexthop: pulumi.Output<string>;
  declare readonly prefix: pulumi.Output<string>;
  declare readonly priority: pulumi.Output<number>;
  declare readonly description: pulumi.Output<string | undefined>;
  declare readonly weight: pulumi.Output<number | undefined>;
  declare readonly scope: pulumi.Output<{ coloNames?: string[]; coloRegions?: string[] } | undefined>;
  declare readonly createdOn: pulumi.Output<string>;
  declare readonly modifiedOn: pulumi.Output<string>;

  constructor(name: string, args: StaticRouteArgs, opts?: pulumi.CustomResourceOptions) {
    super("magic", "StaticRoute", name, args, OUTPUTS, opts);
  }
}
