import type { SiteAppConfigInfo } from "../magic/generated/site-app-config";
import { type LookupArgs, listOf } from "./lookup";

export type { SiteAppConfigInfo } from "../magic/generated/site-app-config";

/**
 * Lists the app configurations (traffic decisions) of a Magic WAN site; each has exactly one of
 * `accountAppId` and `managedAppId` set.
 *
 * @example
 * ```ts
 * const configs = await magic.getSiteAppConfigs(siteId);
 * const brokenOut = configs.filter((c) => c.breakout).map((c) => c.accountAppId ?? c.managedAppId);
 * ```
 */
export async function getSiteAppConfigs(siteId: string, args: LookupArgs = {}): Promise<SiteAppConfigInfo[]> {
  return (await listOf<SiteAppConfigInfo>("magic:SiteAppConfig", args, { siteId })).map((config) => ({ ...config, siteId }));
}
