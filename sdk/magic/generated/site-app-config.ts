// generated from provider/resources/magic/site-app-config.ts: edit the definition, then run npm run generate
import type * as pulumi from "@pulumi/pulumi";
import { type AccountArgs, MagicResource } from "../../resource";

/** Arguments of a {@link SiteAppConfig}. */
export interface SiteAppConfigArgs extends AccountArgs {
  /** The Magic WAN site the configuration belongs to (a change replaces it). */
  siteId: pulumi.Input<string>;
  /** A Magic account app id (an app you defined). Set this or `managedAppId`, not both. */
  accountAppId?: pulumi.Input<string>;
  /**
   * A managed app id (an app Cloudflare defines, e.g. `"cloudflare"`). Set this or `accountAppId`, not
   * both.
   */
  managedAppId?: pulumi.Input<string>;
  /**
   * Whether to break the app's traffic out to its endpoints directly instead of through Cloudflare.
   * @default Cloudflare's default behaviour (not set)
   */
  breakout?: pulumi.Input<boolean>;
  /**
   * WAN ids of the site to prefer over the default WANs, highest priority first. Only allowed when
   * `breakout` is `true`.
   */
  preferredWans?: pulumi.Input<pulumi.Input<string>[]>;
  /**
   * Traffic priority: `0` (normal) or `1` (prioritized); Cloudflare supports only these.
   * @default 0
   */
  priority?: pulumi.Input<number>;
}

/** The documented defaults of {@link SiteAppConfigArgs}'s fields. */
export const siteAppConfigArgsDefaults = { priority: 0 } as const;

/** Every output name, declared to the engine at registration. */
const OUTPUTS = ["siteId", "accountAppId", "managedAppId", "breakout", "preferredWans", "priority"] as const;

/** Fields kept as secrets in state, as dotted paths (a nested one keeps the rest of its object visible). */
const SECRETS = [] as const;

/** The generated part of {@link SiteAppConfig}: its outputs, and its registration with the provider. */
export abstract class SiteAppConfigResource extends MagicResource {
  /** The Magic WAN site the configuration belongs to (a change replaces it). */
  declare readonly siteId: pulumi.Output<string>;
  /** A Magic account app id (an app you defined). Set this or `managedAppId`, not both. */
  declare readonly accountAppId: pulumi.Output<string | undefined>;
  /**
   * A managed app id (an app Cloudflare defines, e.g. `"cloudflare"`). Set this or `accountAppId`, not
   * both.
   */
  declare readonly managedAppId: pulumi.Output<string | undefined>;
  /** Whether to break the app's traffic out to its endpoints directly instead of through Cloudflare. */
  declare readonly breakout: pulumi.Output<boolean | undefined>;
  /**
   * WAN ids of the site to prefer over the default WANs, highest priority first. Only allowed when
   * `breakout` is `true`.
   */
  declare readonly preferredWans: pulumi.Output<string[] | undefined>;
  /** Traffic priority: `0` (normal) or `1` (prioritized); Cloudflare supports only these. */
  declare readonly priority: pulumi.Output<number>;

  protected constructor(name: string, args: SiteAppConfigArgs, opts?: pulumi.CustomResourceOptions) {
    super("magic", "SiteAppConfig", name, args, OUTPUTS, opts, { secrets: SECRETS });
  }
}

/** A {@link SiteAppConfig} as the API reports it (camelCase), with its id. */
export interface SiteAppConfigInfo {
  id: string;
  siteId: string;
  accountAppId?: string;
  managedAppId?: string;
  breakout?: boolean;
  preferredWans?: string[];
  priority: number;
  accountId: string;
}
