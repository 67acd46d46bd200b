// generated from provider/resources/magic/site-wan.ts: edit the definition, then run npm run generate
import type * as pulumi from "@pulumi/pulumi";
import { type AccountArgs, MagicResource } from "../../resource";
import type { SiteWanStaticAddressingArgs } from "./types";

/** Arguments of a {@link SiteWan}. */
export interface SiteWanArgs extends AccountArgs {
  /** The site the WAN belongs to (`site.id`). Changing it replaces the WAN. */
  siteId: pulumi.Input<string>;
  /** Physical port of the connector (from 1). */
  physport: pulumi.Input<number>;
  /** Name of the WAN. */
  name?: pulumi.Input<string>;
  /** Priority of the WAN for traffic load balancing (0 or more). */
  priority?: pulumi.Input<number>;
  /**
   * VLAN ID (1-4094); zero means untagged.
   * @default 0
   */
  vlanTag?: pulumi.Input<number>;
  /** Static addressing; leave out to use DHCP. */
  staticAddressing?: pulumi.Input<SiteWanStaticAddressingArgs>;
  /**
   * Magic WAN health check rate for tunnels created on this link: `"low"`, `"mid"` or `"high"`.
   * @default "mid"
   */
  healthCheckRate?: pulumi.Input<"low" | "mid" | "high">;
  /**
   * Load-balance the flows inside tunnels over this link (the API's `load_balance_inner_flows`).
   * @default Cloudflare's
   */
  loadBalanceInnerFlows?: pulumi.Input<boolean>;
  /**
   * Whether the WAN's site is in high availability mode. Never sent to the API: it only lets `pulumi
   * preview` enforce the spec's rule that static addressing on such a site includes
   * `secondaryAddress`. Set it from the site (`site.haMode`); the BranchSite component does.
   * @default unknown (the rule is left to the API)
   */
  siteHaMode?: pulumi.Input<boolean>;
}

/** The documented defaults of {@link SiteWanArgs}'s fields. */
export const siteWanArgsDefaults = { vlanTag: 0, healthCheckRate: "mid" } as const;

/** Every output name, declared to the engine at registration. */
const OUTPUTS = [
  "siteId",
  "physport",
  "name",
  "priority",
  "vlanTag",
  "staticAddressing",
  "healthCheckRate",
  "loadBalanceInnerFlows",
  "siteHaMode",
] as const;

/** Fields kept as secrets in state, as dotted paths (a nested one keeps the rest of its object visible). */
const SECRETS = [] as const;

/** The generated part of {@link SiteWan}: its outputs, and its registration with the provider. */
export abstract class SiteWanResource extends MagicResource {
  /** The site the WAN belongs to (`site.id`). Changing it replaces the WAN. */
  declare readonly siteId: pulumi.Output<string>;
  /** Physical port of the connector (from 1). */
  declare readonly physport: pulumi.Output<number>;
  /** Name of the WAN. */
  declare readonly name: pulumi.Output<string | undefined>;
  /** Priority of the WAN for traffic load balancing (0 or more). */
  declare readonly priority: pulumi.Output<number | undefined>;
  /** VLAN ID (1-4094); zero means untagged. */
  declare readonly vlanTag: pulumi.Output<number>;
  /** Static addressing; leave out to use DHCP. */
  declare readonly staticAddressing: pulumi.Output<{ address: string; gatewayAddress: string; secondaryAddress?: string } | undefined>;
  /** Magic WAN health check rate for tunnels created on this link (Cloudflare's default: `"mid"`). */
  declare readonly healthCheckRate: pulumi.Output<"low" | "mid" | "high">;
  /** Load-balance the flows inside tunnels over this link (the API's `load_balance_inner_flows`). */
  declare readonly loadBalanceInnerFlows: pulumi.Output<boolean | undefined>;
  /**
   * Whether the WAN's site is in high availability mode. Never sent to the API: it only lets `pulumi
   * preview` enforce the spec's rule that static addressing on such a site includes
   * `secondaryAddress`. Set it from the site (`site.haMode`); the BranchSite component does.
   */
  declare readonly siteHaMode: pulumi.Output<boolean | undefined>;

  protected constructor(name: string, args: SiteWanArgs, opts?: pulumi.CustomResourceOptions) {
    super("magic", "SiteWan", name, args, OUTPUTS, opts, { secrets: SECRETS });
  }
}

/** A {@link SiteWan} as the API reports it (camelCase), with its id. */
export interface SiteWanInfo {
  id: string;
  siteId: string;
  physport: number;
  name?: string;
  priority?: number;
  vlanTag: number;
  staticAddressing?: { address: string; gatewayAddress: string; secondaryAddress?: string };
  healthCheckRate: "low" | "mid" | "high";
  loadBalanceInnerFlows?: boolean;
  accountId: string;
}
