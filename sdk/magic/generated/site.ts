// generated from provider/resources/magic/site.ts: edit the definition, then run npm run generate
import type * as pulumi from "@pulumi/pulumi";
import { type AccountArgs, MagicResource } from "../../resource";
import type { SiteLocationArgs } from "./types";

/** Arguments of a {@link Site}. */
export interface SiteArgs extends AccountArgs {
  /** The name of the site, e.g. `"nyc_branch"`. */
  name: pulumi.Input<string>;
  /** Free-text description. */
  description?: pulumi.Input<string>;
  /** The Magic WAN Connector running the site (its 32-hex id). */
  connectorId?: pulumi.Input<string>;
  /**
   * The second connector of a high availability site; needs `haMode: true` and must differ from
   * `connectorId`.
   */
  secondaryConnectorId?: pulumi.Input<string>;
  /**
   * High availability mode: the site can have two connectors. Changing it updates the site in place
   * (Cloudflare's current API takes `ha_mode` on update); the site and everything under it stay.
   * Turning it off needs the site's HA LAN (`haLink`) and `secondaryConnectorId` gone first.
   * @default false
   */
  haMode?: pulumi.Input<boolean>;
  /** Location of the site. */
  location?: pulumi.Input<SiteLocationArgs>;
}

/** The documented defaults of {@link SiteArgs}'s fields. */
export const siteArgsDefaults = { haMode: false } as const;

/** Every output name, declared to the engine at registration. */
const OUTPUTS = ["name", "description", "connectorId", "secondaryConnectorId", "haMode", "location"] as const;

/** Fields kept as secrets in state, as dotted paths (a nested one keeps the rest of its object visible). */
const SECRETS = [] as const;

/** The generated part of {@link Site}: its outputs, and its registration with the provider. */
export abstract class SiteResource extends MagicResource {
  /** The name of the site, e.g. `"nyc_branch"`. */
  declare readonly name: pulumi.Output<string>;
  /** Free-text description. */
  declare readonly description: pulumi.Output<string | undefined>;
  /** The Magic WAN Connector running the site (its 32-hex id). */
  declare readonly connectorId: pulumi.Output<string | undefined>;
  /**
   * The second connector of a high availability site; needs `haMode: true` and must differ from
   * `connectorId`.
   */
  declare readonly secondaryConnectorId: pulumi.Output<string | undefined>;
  /**
   * High availability mode: the site can have two connectors. Changing it updates the site in place
   * (Cloudflare's current API takes `ha_mode` on update); the site and everything under it stay.
   * Turning it off needs the site's HA LAN (`haLink`) and `secondaryConnectorId` gone first.
   */
  declare readonly haMode: pulumi.Output<boolean>;
  /** Location of the site. */
  declare readonly location: pulumi.Output<{ lat?: string; lon?: string } | undefined>;

  protected constructor(name: string, args: SiteArgs, opts?: pulumi.CustomResourceOptions) {
    super("magic", "Site", name, args, OUTPUTS, opts, { secrets: SECRETS });
  }
}

/** A {@link Site} as the API reports it (camelCase), with its id. */
export interface SiteInfo {
  id: string;
  name: string;
  description?: string;
  connectorId?: string;
  secondaryConnectorId?: string;
  haMode: boolean;
  location?: { lat?: string; lon?: string };
  accountId: string;
}
