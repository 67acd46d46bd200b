import type * as pulumi from "@pulumi/pulumi";
import { type CniSettingsArgs, CniSettingsResource } from "./generated/cni-settings";

export type { CniSettingsArgs } from "./generated/cni-settings";

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
export class CniSettings extends CniSettingsResource {
  constructor(name: string, args: CniSettingsArgs, opts?: pulumi.CustomResourceOptions) {
    super(name, args, opts);
  }
}
