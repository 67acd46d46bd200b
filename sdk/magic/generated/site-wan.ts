// generated from provider/resources/magic/site-wan.ts: edit the definition, then run npm run generate
import type * as pulumi from "@pulumi/pulumi";
import { type AccountArgs, MagicResource } from "../../resource";

/** Arguments of a {@link SiteWan}. */
export interface SiteWanArgs extends AccountArgs {
  /** Changing it replaces the SiteWan. */
  siteId: pulumi.Input<string>;
  physport: pulumi.Input<number>;
  name?: pulumi.Input<string>;
  priority?: pulumi.Input<number>;
  vlanTag?: pulumi.Input<number>;
  staticAddressing?: pulumi.Input<{ address: pulumi.Input<string>; gatewayAddress: pulumi.Input<string>; secondaryAddress?: pulumi.Input<string> }>;
  healthCheckRate?: pulumi.Input<"low" | "mid" | "high">;
  loadBalanceInnerFlows?: pulumi.Input<boolean>;
  siteHaMode?: pulumi.Input<boolean>;
}

/** Every output name, declared to the engine at registration. */
const OUTPUTS = ["siteId", "physport", "name", "priority", "vlanTag", "staticAddressing", "healthCheckRate", "loadBalanceInnerFlows", "siteHaMode"] as const;

/** Outputs kept as secrets in state. */
const SECRETS = [] as const;

/** The generated part of {@link SiteWan}: its outputs, and its registration with the provider. */
export abstract class SiteWanResource extends MagicResource {
  declare readonly siteId: pulumi.Output<string>;
  declare readonly physport: pulumi.Output<number>;
  declare readonly name: pulumi.Output<string | undefined>;
  declare readonly priority: pulumi.Output<number | undefined>;
  declare readonly vlanTag: pulumi.Output<number | undefined>;
  declare readonly staticAddressing: pulumi.Output<{ address: string; gatewayAddress: string; secondaryAddress?: string } | undefined>;
  declare readonly healthCheckRate: pulumi.Output<"low" | "mid" | "high" | undefined>;
  declare readonly loadBalanceInnerFlows: pulumi.Output<boolean | undefined>;
  declare readonly siteHaMode: pulumi.Output<boolean | undefined>;

  protected constructor(name: string, args: SiteWanArgs, opts?: pulumi.CustomResourceOptions) {
    super("magic", "SiteWan", name, args, OUTPUTS, opts, SECRETS);
  }
}

/** A {@link SiteWan} as the API reports it (camelCase), with its id. */
export interface SiteWanInfo {
  id: string;
  siteId: string;
  physport: number;
  name?: string;
  priority?: number;
  vlanTag?: number;
  staticAddressing?: { address: string; gatewayAddress: string; secondaryAddress?: string };
  healthCheckRate?: "low" | "mid" | "high";
  loadBalanceInnerFlows?: boolean;
  siteHaMode?: boolean;
  accountId: string;
}
