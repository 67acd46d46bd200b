// generated from provider/resources/magic/site.ts: edit the definition, then run npm run generate
import type * as pulumi from "@pulumi/pulumi";
import { type AccountArgs, MagicResource } from "../../resource";

/** Arguments of a {@link Site}. */
export interface SiteArgs extends AccountArgs {
  name: pulumi.Input<string>;
  description?: pulumi.Input<string>;
  connectorId?: pulumi.Input<string>;
  secondaryConnectorId?: pulumi.Input<string>;
  haMode?: pulumi.Input<boolean>;
  location?: pulumi.Input<{ lat?: pulumi.Input<string>; lon?: pulumi.Input<string> }>;
}

/** Every output name, declared to the engine at registration. */
const OUTPUTS = ["name", "description", "connectorId", "secondaryConnectorId", "haMode", "location"] as const;

/** Outputs kept as secrets in state. */
const SECRETS = [] as const;

/** The generated part of {@link Site}: its outputs, and its registration with the provider. */
export abstract class SiteResource extends MagicResource {
  declare readonly name: pulumi.Output<string>;
  declare readonly description: pulumi.Output<string | undefined>;
  declare readonly connectorId: pulumi.Output<string | undefined>;
  declare readonly secondaryConnectorId: pulumi.Output<string | undefined>;
  declare readonly haMode: pulumi.Output<boolean | undefined>;
  declare readonly location: pulumi.Output<{ lat?: string; lon?: string } | undefined>;

  protected constructor(name: string, args: SiteArgs, opts?: pulumi.CustomResourceOptions) {
    super("magic", "Site", name, args, OUTPUTS, opts, SECRETS);
  }
}

/** A {@link Site} as the API reports it (camelCase), with its id. */
export interface SiteInfo {
  id: string;
  name: string;
  description?: string;
  connectorId?: string;
  secondaryConnectorId?: string;
  haMode?: boolean;
  location?: { lat?: string; lon?: string };
  accountId: string;
}
