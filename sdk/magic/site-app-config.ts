import type * as pulumi from "@pulumi/pulumi";
import { type SiteAppConfigArgs, SiteAppConfigResource } from "./generated/site-app-config";

export type { SiteAppConfigArgs } from "./generated/site-app-config";

/**
 * A Magic WAN site app configuration: how one app's traffic leaves a site (breakout, preferred
 * WANs, priority). Set exactly one of `accountAppId` and `managedAppId`.
 *
 * @example
 * ```ts
 * import * as magic from "pulumi-cloudflare-magic";
 *
 * const dashboard = new magic.SiteAppConfig("nyc-cloudflare-breakout", {
 *     siteId: site.id,
 *     managedAppId: "cloudflare",
 *     breakout: true,
 *     preferredWans: [wanPrimary.id],
 *     priority: 1,
 * });
 * ```
 */
export class SiteAppConfig extends SiteAppConfigResource {
  constructor(name: string, args: SiteAppConfigArgs, opts?: pulumi.CustomResourceOptions) {
    super(name, args, opts);
  }
}
