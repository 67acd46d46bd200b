// generated from provider/resources/magic/site-app-config.ts: edit the definition, then run npm run generate
import type * as pulumi from "@pulumi/pulumi";
import { type AccountArgs, MagicResource } from "../../resource";

/** Arguments of a {@link SiteAppConfig}. */
export interface SiteAppConfigArgs extends AccountArgs {
  /** Changing it replaces the SiteAppConfig. */
  siteId: pulumi.Input<string>;
  accountAppId?: pulumi.Input<string>;
  managedAppId?: pulumi.Input<string>;
  breakout?: pulumi.Input<boolean>;
  preferredWans?: pulumi.Input<pulumi.Input<string>[]>;
  priority?: pulumi.Input<number>;
}

/** Every output name, declared to the engine at registration. */
const OUTPUTS = ["siteId", "accountAppId", "managedAppId", "breakout", "preferredWans", "priority"] as const;

/** Outputs kept as secrets in state. */
const SECRETS = [] as const;

/** The generated part of {@link SiteAppConfig}: its outputs, and its registration with the provider. */
export abstract class SiteAppConfigResource extends MagicResource {
  declare readonly siteId: pulumi.Output<string>;
  declare readonly accountAppId: pulumi.Output<string | undefined>;
  declare readonly managedAppId: pulumi.Output<string | undefined>;
  declare readonly breakout: pulumi.Output<boolean | undefined>;
  declare readonly preferredWans: pulumi.Output<string[] | undefined>;
  declare readonly priority: pulumi.Output<number | undefined>;

  protected constructor(name: string, args: SiteAppConfigArgs, opts?: pulumi.CustomResourceOptions) {
    super("magic", "SiteAppConfig", name, args, OUTPUTS, opts, SECRETS);
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
  priority?: number;
  accountId: string;
}
