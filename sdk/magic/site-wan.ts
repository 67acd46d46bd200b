import type * as pulumi from "@pulumi/pulumi";
import { type SiteWanArgs, SiteWanResource } from "./generated/site-wan";

export type { SiteWanArgs } from "./generated/site-wan";

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
export class SiteWan extends SiteWanResource {
  constructor(name: string, args: SiteWanArgs, opts?: pulumi.CustomResourceOptions) {
    super(name, args, opts);
  }
}
