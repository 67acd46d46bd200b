import type * as pulumi from "@pulumi/pulumi";
import { AccountArgs, MagicResource } from "../resource";

/** Where a site is, in decimal degrees (the API takes them as strings). */
export interface SiteLocationArgs {
  /** Latitude between -90 and 90, e.g. `"37.6192"`. */
  lat?: pulumi.Input<string>;
  /** Longitude between -180 and 180, e.g. `"122.3816"`. */
  lon?: pulumi.Input<string>;
}

/** Arguments of a Magic WAN site (Cloudflare API "Magic Transit > Sites"). */
export interface SiteArgs extends AccountArgs {
  /** The name of the site, e.g. `"nyc_branch"`. */
  name: pulumi.Input<string>;
  /** Free-text description. */
  description?: pulumi.Input<string>;
  /** The Magic WAN Connector running the site (its 32-hex id). */
  connectorId?: pulumi.Input<string>;
  /** The second connector of a high availability site; needs `haMode: true` and must differ from `connectorId`. */
  secondaryConnectorId?: pulumi.Input<string>;
  /**
   * High availability mode: the site can have two connectors. Changing it updates the site in
   * place (Cloudflare's current API takes `ha_mode` on update); the site and everything under it
   * stay. Turning it off needs the site's HA LAN (`haLink`) and `secondaryConnectorId` gone first.
   * @default false
   */
  haMode?: pulumi.Input<boolean>;
  /** Location of the site. */
  location?: pulumi.Input<SiteLocationArgs>;
}

const OUTPUTS = ["name", "description", "connectorId", "secondaryConnectorId", "haMode", "location"] as const;

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
export class Site extends MagicResource {
  declare readonly name: pulumi.Output<string>;
  declare readonly description: pulumi.Output<string | undefined>;
  declare readonly connectorId: pulumi.Output<string | undefined>;
  declare readonly secondaryConnectorId: pulumi.Output<string | undefined>;
  declare readonly haMode: pulumi.Output<boolean>;
  declare readonly location: pulumi.Output<{ lat?: string; lon?: string } | undefined>;

  constructor(name: string, args: SiteArgs, opts?: pulumi.CustomResourceOptions) {
    super("magic", "Site", name, args, OUTPUTS, opts);
  }
}
