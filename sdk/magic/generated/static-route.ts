// generated from provider/resources/magic/static-route.ts: edit the definition, then run npm run generate
import type * as pulumi from "@pulumi/pulumi";
import { type AccountArgs, MagicResource } from "../../resource";

/** Arguments of a {@link StaticRoute}. */
export interface StaticRouteArgs extends AccountArgs {
  nexthop: pulumi.Input<string>;
  prefix: pulumi.Input<string>;
  priority: pulumi.Input<number>;
  description?: pulumi.Input<string>;
  weight?: pulumi.Input<number>;
  scope?: pulumi.Input<{ coloNames?: pulumi.Input<pulumi.Input<string>[]>; coloRegions?: pulumi.Input<pulumi.Input<string>[]> }>;
}

/** Every output name, declared to the engine at registration. */
const OUTPUTS = ["nexthop", "prefix", "priority", "description", "weight", "scope"] as const;

/** Outputs kept as secrets in state. */
const SECRETS = [] as const;

/** The generated part of {@link StaticRoute}: its outputs, and its registration with the provider. */
export abstract class StaticRouteResource extends MagicResource {
  declare readonly nexthop: pulumi.Output<string>;
  declare readonly prefix: pulumi.Output<string>;
  declare readonly priority: pulumi.Output<number>;
  declare readonly description: pulumi.Output<string | undefined>;
  declare readonly weight: pulumi.Output<number | undefined>;
  declare readonly scope: pulumi.Output<{ coloNames?: string[]; coloRegions?: string[] } | undefined>;

  protected constructor(name: string, args: StaticRouteArgs, opts?: pulumi.CustomResourceOptions) {
    super("magic", "StaticRoute", name, args, OUTPUTS, opts, SECRETS);
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
  accountId: string;
}
