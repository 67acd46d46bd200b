import type * as pulumi from "@pulumi/pulumi";
import { AccountArgs, MagicResource } from "../resource";

export interface CniSettingsArgs extends AccountArgs {
  /** The account's default ASN for Network Interconnects (1-4294967295). */
  defaultAsn: pulumi.Input<number>;
}

const OUTPUTS = ["defaultAsn", "restoreOnDelete"] as const;

/**
 * The account's CNI settings. The account has exactly one settings object, so this resource takes
 * it over rather than creating it: on create it records the values it finds (output
 * `restoreOnDelete`) and puts yours; on delete it puts the recorded values back. Its `id` is the
 * account id. Declare it once per account. An imported one has nothing recorded, so deleting it
 * leaves the settings as they are.
 *
 * @example
 * ```ts
 * import * as magic from "pulumi-cloudflare-magic";
 *
 * const settings = new magic.cni.CniSettings("cni-settings", { defaultAsn: 65001 });
 * export const previousAsn = settings.restoreOnDelete.apply((r) => r?.defaultAsn);
 * ```
 */
export class CniSettings extends MagicResource {
  declare readonly defaultAsn: pulumi.Output<number>;
  /** The values found when this resource took the settings over; put back on delete. */
  declare readonly restoreOnDelete: pulumi.Output<{ defaultAsn?: number } | undefined>;

  constructor(name: string, args: CniSettingsArgs, opts?: pulumi.CustomResourceOptions) {
    super("cni", "CniSettings", name, args, OUTPUTS, opts);
  }
}
