import type * as pulumi from "@pulumi/pulumi";
import { type SiteLanArgs, SiteLanResource } from "./generated/site-lan";

export type { SiteLanArgs } from "./generated/site-lan";

/**
 * A LAN of a Magic WAN site: a connector port (or bond, and VLAN) facing the site's own network,
 * with its addressing, DHCP, NAT and routed subnets.
 *
 * @example
 * ```ts
 * import * as magic from "pulumi-cloudflare-magic";
 *
 * const site = new magic.Site("nyc-branch", { name: "nyc_branch" });
 * new magic.SiteLan("nyc-lan-office", {
 *     siteId: site.id,
 *     name: "office",
 *     physport: 2,
 *     vlanTag: 10,
 *     staticAddressing: {
 *         address: "192.168.10.1/24",
 *         dhcpServer: {
 *             dhcpPoolStart: "192.168.10.100",
 *             dhcpPoolEnd: "192.168.10.200",
 *             reservations: { "00:11:22:33:44:55": "192.168.10.50" },
 *         },
 *     },
 *     routedSubnets: [{ prefix: "10.10.0.0/16", nextHop: "192.168.10.254" }],
 * });
 * ```
 */
export class SiteLan extends SiteLanResource {
  constructor(name: string, args: SiteLanArgs, opts?: pulumi.CustomResourceOptions) {
    super(name, args, opts);
  }
}
