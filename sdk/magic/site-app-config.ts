import type * as pulumi from "@pulumi/pulumi";
import { AccountArgs, MagicResource } from "../resource";

/**
 * Arguments of a site app configuration (Cloudflare API "Magic Transit > Sites > App Configuration"): the traffic decision
 * for one app at one site. Set exactly one of `accountAppId` and `managedAppId`.
 */
export interface SiteAppConfigArgs extends AccountArgs {
  /** The Magic WAN site the configuration belongs to (a change replaces it). */
  siteId: pulumi.Input<string>;
  /** A Magic account app id (an app you defined). Set this or `managedAppId`, not both. */
  accountAppId?: pulumi.Input<string>;
  /** A managed app id (an app Cloudflare defines, e.g. `"cloudflare"`). Set this or `accountAppId`, not both. */
  managedAppId?: pulumi.Input<string>;
  /**
   * Whether to break the app's traffic out to its endpoints directly instead of through Cloudflare.
   * @default Cloudflare's default behaviour (not set)
   */
  breakout?: pulumi.Input<boolean>;
  /**
   * WAN ids of the site to prefer over the default WANs, highest priority first. Only allowed
   * when `breakout` is `true`.
   */
  preferredWans?: pulumi.Input<pulumi.Input<string>[]>;
  /** Traffic priority: `0` (normal) or `1` (prioritized); Cloudflare supports only these. @default 0 */
  priority?: pulumi.Input<number>;
}

const OUTPUTS = ["siteId", "accountAppId", "managedAppId", "breakout", "preferredWans", "priority"] as const;

/**
 * A Magic WAN site app configuration: how one app's traffic leaves a site (breakout, preferred
 * WANs, priority).
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
export class SiteAppConfig extends MagicResource {
  declare readonly siteId: pulumi.Output<string>;
  declare readonly accountAppId: pulumi.Output<string | undefined>;
  declare readonly managedAppId: pulumi.Output<string | undefined>;
  declare readonly breakout: pulumi.Output<boolean | undefined>;
  declare readonly preferredWans: pulumi.Output<string[] | undefined>;
  declare readonly priority: pulumi.Output<number>;

  constructor(name: string, args: SiteAppConfigArgs, opts?: pulumi.CustomResourceOptions) {
    super("magic", "SiteAppConfig", name, args, OUTPUTS, opts);
  }
}
