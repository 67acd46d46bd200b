// generated from provider/resources/magic/routes/static-route.ts: edit the definition, then run npm run generate
import type * as pulumi from "@pulumi/pulumi";
import { type AccountArgs, MagicResource } from "../../resource";
import type { StaticRouteScopeArgs } from "./types";

/** Arguments of a {@link StaticRoute}. */
export interface StaticRouteArgs extends AccountArgs {
  /**
   * The next-hop IP address: an address inside the interface address of one of the account's GRE or
   * IPsec tunnels, interconnects or CNIs, usually your side of it (its `customerAddress`, e.g.
   * `10.212.0.9` of `10.212.0.8/31`, or `169.254.244.1` of an AWS VPN's `169.254.244.2/30`).
   * Cloudflare refuses a nexthop no tunnel holds, so the tunnel must exist first: write `nexthop:
   * tunnel.customerAddress`, or give a literal address and the option `dependsOn: [tunnel]`.
   */
  nexthop: pulumi.Input<string>;
  /** The destination prefix in CIDR notation, with no host bits set, e.g. `192.0.2.0/24`. */
  prefix: pulumi.Input<string>;
  /**
   * Priority, an integer >= 0: lower values win; routes for a prefix with equal priority share traffic
   * (ECMP).
   */
  priority: pulumi.Input<number>;
  /** Free-text description. */
  description?: pulumi.Input<string>;
  /**
   * Weight within its ECMP group (0-256): higher weights get a larger share of the traffic. Cloudflare
   * keeps a weight an update leaves out, so removing it replaces the route (the new one is made before
   * the old one is deleted).
   */
  weight?: pulumi.Input<number>;
  /** Limit the route to some colos or colo regions (ECMP scope). */
  scope?: pulumi.Input<StaticRouteScopeArgs>;
}

/** Every output name, declared to the engine at registration. */
const OUTPUTS = ["nexthop", "prefix", "priority", "description", "weight", "scope", "createdOn", "modifiedOn"] as const;

/** Fields kept as secrets in state, as dotted paths (a nested one keeps the rest of its object visible). */
const SECRETS = [] as const;

/** The generated part of {@link StaticRoute}: its outputs, and its registration with the provider. */
export abstract class StaticRouteResource extends MagicResource {
  /**
   * The next-hop IP address: an address inside the interface address of one of the account's GRE or
   * IPsec tunnels, interconnects or CNIs, usually your side of it (its `customerAddress`, e.g.
   * `10.212.0.9` of `10.212.0.8/31`, or `169.254.244.1` of an AWS VPN's `169.254.244.2/30`).
   * Cloudflare refuses a nexthop no tunnel holds, so the tunnel must exist first: write `nexthop:
   * tunnel.customerAddress`, or give a literal address and the option `dependsOn: [tunnel]`.
   */
  declare readonly nexthop: pulumi.Output<string>;
  /** The destination prefix in CIDR notation, with no host bits set, e.g. `192.0.2.0/24`. */
  declare readonly prefix: pulumi.Output<string>;
  /**
   * Priority, an integer >= 0: lower values win; routes for a prefix with equal priority share traffic
   * (ECMP).
   */
  declare readonly priority: pulumi.Output<number>;
  /** Free-text description. */
  declare readonly description: pulumi.Output<string | undefined>;
  /**
   * Weight within its ECMP group (0-256): higher weights get a larger share of the traffic. Cloudflare
   * keeps a weight an update leaves out, so removing it replaces the route (the new one is made before
   * the old one is deleted).
   */
  declare readonly weight: pulumi.Output<number | undefined>;
  /** Limit the route to some colos or colo regions (ECMP scope). */
  declare readonly scope: pulumi.Output<{ coloNames?: string[]; coloRegions?: string[] } | undefined>;
  /** When the object was created (RFC 3339). */
  declare readonly createdOn: pulumi.Output<string>;
  /** When the object was last modified (RFC 3339). */
  declare readonly modifiedOn: pulumi.Output<string>;

  protected constructor(name: string, args: StaticRouteArgs, opts?: pulumi.CustomResourceOptions) {
    super("magic", "StaticRoute", name, args, OUTPUTS, opts, { secrets: SECRETS });
  }
}

/** A {@link StaticRoute} as the API reports it (camelCase), with its id. */
export interface StaticRouteInfo {
  id: string;
  nexthop: string;
  prefix: string;
  priority: number;
  description?: string;
  weight?: number;
  scope?: { coloNames?: string[]; coloRegions?: string[] };
  createdOn: string;
  modifiedOn: string;
  accountId: string;
}
