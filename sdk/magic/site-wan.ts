import type * as pulumi from "@pulumi/pulumi";
import { AccountArgs, MagicResource } from "../resource";

/** Static addressing of a WAN link; without it the link uses DHCP. */
export interface SiteWanStaticAddressingArgs {
  /** The connector's address on the link with its prefix length, e.g. `"203.0.113.10/24"`. */
  address: pulumi.Input<string>;
  /** The upstream gateway (IPv4), inside the subnet of `address`. */
  gatewayAddress: pulumi.Input<string>;
  /** The second connector's address (high availability sites), e.g. `"203.0.113.11/24"`. */
  secondaryAddress?: pulumi.Input<string>;
}

/** Arguments of a site WAN (Cloudflare API "Magic Transit > Sites > WANs"). */
export interface SiteWanArgs extends AccountArgs {
  /** The site the WAN belongs to (`site.id`). Changing it replaces the WAN. */
  siteId: pulumi.Input<string>;
  /** Physical port of the connector (from 1). */
  physport: pulumi.Input<number>;
  /** Name of the WAN. */
  name?: pulumi.Input<string>;
  /** Priority of the WAN for traffic load balancing (0 or more). */
  priority?: pulumi.Input<number>;
  /** VLAN ID (1-4094); zero means untagged. @default 0 */
  vlanTag?: pulumi.Input<number>;
  /** Static addressing; leave out to use DHCP. */
  staticAddressing?: pulumi.Input<SiteWanStaticAddressingArgs>;
  /** Magic WAN health check rate for tunnels created on this link: `"low"`, `"mid"` or `"high"`. @default "mid" (Cloudflare's) */
  healthCheckRate?: pulumi.Input<"low" | "mid" | "high">;
  /** Load-balance the flows inside tunnels over this link (the API's `load_balance_inner_flows`). @default Cloudflare's */
  loadBalanceInnerFlows?: pulumi.Input<boolean>;
  /**
   * Whether the WAN's site is in high availability mode. Never sent to the API: it only lets
   * `pulumi preview` enforce the spec's rule that static addressing on such a site includes
   * `secondaryAddress`. Set it from the site (`site.haMode`); the BranchSite component does.
   * @default unknown (the rule is left to the API)
   */
  siteHaMode?: pulumi.Input<boolean>;
}

const OUTPUTS = ["siteId", "physport", "name", "priority", "vlanTag", "staticAddressing", "healthCheckRate", "loadBalanceInnerFlows"] as const;

/**
 * A WAN link of a Magic WAN site: a connector port (and VLAN) facing the Internet.
 *
 * @example
 * ```ts
 * import * as magic from "pulumi-cloudflare-magic";
 *
 * const site = new magic.Site("nyc-branch", { name: "nyc_branch" });
 * const wan = new magic.SiteWan("nyc-wan-1", {
 *     siteId: site.id,
 *     physport: 1,
 *     name: "isp_a",
 *     staticAddressing: { address: "203.0.113.10/24", gatewayAddress: "203.0.113.1" },
 * });
 * export const wanHealthCheckRate = wan.healthCheckRate;
 * ```
 */
export class SiteWan extends MagicResource {
  declare readonly siteId: pulumi.Output<string>;
  declare readonly physport: pulumi.Output<number>;
  declare readonly name: pulumi.Output<string | undefined>;
  declare readonly priority: pulumi.Output<number | undefined>;
  declare readonly vlanTag: pulumi.Output<number>;
  declare readonly staticAddressing: pulumi.Output<{ address: string; gatewayAddress: string; secondaryAddress?: string } | undefined>;
  /** Magic WAN health check rate for tunnels created on this link (Cloudflare's default: `"mid"`). */
  declare readonly healthCheckRate: pulumi.Output<"low" | "mid" | "high">;
  declare readonly loadBalanceInnerFlows: pulumi.Output<boolean | undefined>;

  constructor(name: string, args: SiteWanArgs, opts?: pulumi.CustomResourceOptions) {
    super("magic", "SiteWan", name, args, OUTPUTS, opts);
  }
}
