// generated from provider/resources/magic/app.ts: edit the definition, then run npm run generate
import type * as pulumi from "@pulumi/pulumi";
import { type AccountArgs, MagicResource } from "../../resource";

/** Arguments of a {@link App}. */
export interface AppArgs extends AccountArgs {
  /** Display name for the app. */
  name: pulumi.Input<string>;
  /** Category of the app, e.g. `"Development"`. */
  type: pulumi.Input<string>;
  /**
   * FQDNs to associate with traffic decisions, e.g. `["auth.example.com"]`.
   * @default []
   */
  hostnames?: pulumi.Input<pulumi.Input<string>[]>;
  /**
   * Destination IPv4 prefixes (CIDR, no host bits) to associate with traffic decisions. IPv6 is not
   * supported.
   * @default []
   */
  ipSubnets?: pulumi.Input<pulumi.Input<string>[]>;
  /**
   * Source IPv4 prefixes (CIDR, no host bits) to associate with traffic decisions. IPv6 is not
   * supported.
   * @default []
   */
  sourceSubnets?: pulumi.Input<pulumi.Input<string>[]>;
}

/** The documented defaults of {@link AppArgs}'s fields. */
export const appArgsDefaults = { hostnames: [], ipSubnets: [], sourceSubnets: [] } as const;

/** Every output name, declared to the engine at registration. */
const OUTPUTS = ["name", "type", "hostnames", "ipSubnets", "sourceSubnets"] as const;

/** Fields kept as secrets in state, as dotted paths (a nested one keeps the rest of its object visible). */
const SECRETS = [] as const;

/** The generated part of {@link App}: its outputs, and its registration with the provider. */
export abstract class AppResource extends MagicResource {
  /** Display name for the app. */
  declare readonly name: pulumi.Output<string>;
  /** Category of the app, e.g. `"Development"`. */
  declare readonly type: pulumi.Output<string>;
  /** FQDNs to associate with traffic decisions, e.g. `["auth.example.com"]`. */
  declare readonly hostnames: pulumi.Output<string[]>;
  /**
   * Destination IPv4 prefixes (CIDR, no host bits) to associate with traffic decisions. IPv6 is not
   * supported.
   */
  declare readonly ipSubnets: pulumi.Output<string[]>;
  /**
   * Source IPv4 prefixes (CIDR, no host bits) to associate with traffic decisions. IPv6 is not
   * supported.
   */
  declare readonly sourceSubnets: pulumi.Output<string[]>;

  protected constructor(name: string, args: AppArgs, opts?: pulumi.CustomResourceOptions) {
    super("magic", "App", name, args, OUTPUTS, opts, { secrets: SECRETS });
  }
}

/** A {@link App} as the API reports it (camelCase), with its id. */
export interface AppInfo {
  id: string;
  name: string;
  type: string;
  hostnames: string[];
  ipSubnets: string[];
  sourceSubnets: string[];
  accountId: string;
}
