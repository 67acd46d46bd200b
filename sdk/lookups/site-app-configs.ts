import { type LookupArgs, listOf } from "./lookup";

/** A site app configuration as the API reports it (camelCase), with its id; exactly one app id is set. */
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

/**
 * Lists the app configurations (traffic decisions) of a Magic WAN site.
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
