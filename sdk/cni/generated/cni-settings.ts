// generated from provider/resources/cni/cni-settings.ts: edit the definition, then run npm run generate
import type * as pulumi from "@pulumi/pulumi";
import { type AccountArgs, MagicResource } from "../../resource";

/** Arguments of a {@link CniSettings}. */
export interface CniSettingsArgs extends AccountArgs {
  /** The account's default ASN for Network Interconnects (1-4294967295). */
  defaultAsn: pulumi.Input<number>;
}

/** Every output name, declared to the engine at registration. */
const OUTPUTS = ["defaultAsn", "restoreOnDelete"] as const;

/** Fields kept as secrets in state, as dotted paths (a nested one keeps the rest of its object visible). */
const SECRETS = [] as const;

/** The generated part of {@link CniSettings}: its outputs, and its registration with the provider. */
export abstract class CniSettingsResource extends MagicResource {
  /** The account's default ASN for Network Interconnects (1-4294967295). */
  declare readonly defaultAsn: pulumi.Output<number>;
  /** The values found when this resource took the settings over; put back on delete. */
  declare readonly restoreOnDelete: pulumi.Output<{ defaultAsn?: number } | undefined>;

  protected constructor(name: string, args: CniSettingsArgs, opts?: pulumi.CustomResourceOptions) {
    super("cni", "CniSettings", name, args, OUTPUTS, opts, { secrets: SECRETS });
  }
}

/** A {@link CniSettings} as the API reports it (camelCase), with its id. */
export interface CniSettingsInfo {
  id: string;
  defaultAsn: number;
  accountId: string;
}
