import type * as pulumi from "@pulumi/pulumi";
import { type SiteArgs, SiteResource } from "./generated/site";

export type { SiteArgs } from "./generated/site";

/**
 * A Magic WAN site: a branch or data center with one Magic WAN Connector (or two, in high
 * availability mode), whose WANs and LANs are `SiteWan` and `SiteLan` resources.
 *
 * Cloudflare refuses to delete a site that still has WANs, LANs, ACLs or app configurations; Pulumi
 * deletes those first when they are in the same program (they depend on `site.id`).
 *
 * @example
 * ```ts
 * import * as magic from "pulumi-cloudflare-magic";
 *
 * const site = new magic.Site("nyc-branch", {
 *     name: "nyc_branch",
 *     description: "New York branch office",
 *     connectorId: "ac60d3d0435248289d446cedd870bcf4",
 *     location: { lat: "40.7128", lon: "-74.0060" },
 * });
 * export const siteId = site.id;
 * ```
 */
export class Site extends SiteResource {
  constructor(name: string, args: SiteArgs, opts?: pulumi.CustomResourceOptions) {
    super(name, args, opts);
  }
}
