// generated from provider/resources/magic/app.ts: edit the definition, then run npm run generate
import type * as pulumi from "@pulumi/pulumi";
import { type AccountArgs, MagicResource } from "../../resource";

/** Arguments of a {@link App}. */
export interface AppArgs extends AccountArgs {
  name: pulumi.Input<string>;
  type: pulumi.Input<string>;
  hostnames?: pulumi.Input<pulumi.Input<string>[]>;
  ipSubnets?: pulumi.Input<pulumi.Input<string>[]>;
  sourceSubnets?: pulumi.Input<pulumi.Input<string>[]>;
}

/** Every output name, declared to the engine at registration. */
const OUTPUTS = ["name", "type", "hostnames", "ipSubnets", "sourceSubnets"] as const;

/** Outputs kept as secrets in state. */
const SECRETS = [] as const;

/** The generated part of {@link App}: its outputs, and its registration with the provider. */
export abstract class AppResource extends MagicResource {
  declare readonly name: pulumi.Output<string>;
  declare readonly type: pulumi.Output<string>;
  declare readonly hostnames: pulumi.Output<string[] | undefined>;
  declare readonly ipSubnets: pulumi.Output<string[] | undefined>;
  declare readonly sourceSubnets: pulumi.Output<string[] | undefined>;

  protected constructor(name: string, args: AppArgs, opts?: pulumi.CustomResourceOptions) {
    super("magic", "App", name, args, OUTPUTS, opts, SECRETS);
  }
}

/** A {@link App} as the API reports it (camelCase), with its id. */
export interface AppInfo {
  id: string;
  name: string;
  type: string;
  hostnames?: string[];
  ipSubnets?: string[];
  sourceSubnets?: string[];
  accountId: string;
}
