import type { SiteInfo } from "../magic/generated/site";
import type { SiteLanInfo } from "../magic/generated/site-lan";
import type { SiteWanInfo } from "../magic/generated/site-wan";
import { type LookupArgs, listOf, oneOf } from "./lookup";

export type { SiteInfo } from "../magic/generated/site";
export type { SiteWanInfo } from "../magic/generated/site-wan";
export type { SiteLanInfo } from "../magic/generated/site-lan";

export interface GetSitesArgs extends LookupArgs {
  /** Only the sites this Magic Connector runs (as primary or secondary connector). */
  connectorId?: string;
}

/**
 * Lists the account's Magic WAN sites.
 *
 * @example
 * ```ts
 * const sites = await magic.getSites({ connectorId: "ac60d3d0435248289d446cedd870bcf4" });
 * const names = sites.map((s) => s.name);
 * ```
 */
export async function getSites(args: GetSitesArgs = {}): Promise<SiteInfo[]> {
  const { connectorId, ...lookup } = args;
  const sites = await listOf<SiteInfo>("magic:Site", lookup);
  return connectorId === undefined ? sites : sites.filter((s) => s.connectorId === connectorId || s.secondaryConnectorId === connectorId);
}

/**
 * Gets one Magic WAN site by id.
 *
 * @example
 * ```ts
 * const site = await magic.getSite("023e105f4ecef8ad9ca31a8372d0c353");
 * ```
 */
export function getSite(id: string, args: LookupArgs = {}): Promise<SiteInfo> {
  return oneOf<SiteInfo>("magic:Site", id, args);
}

/**
 * Lists the WANs of a site.
 *
 * @example
 * ```ts
 * const wans = await magic.getSiteWans(siteId);
 * const ports = wans.map((w) => w.physport);
 * ```
 */
export function getSiteWans(siteId: string, args: LookupArgs = {}): Promise<SiteWanInfo[]> {
  return listOf<SiteWanInfo>("magic:SiteWan", args, { siteId });
}

/**
 * Lists the LANs of a site.
 *
 * @example
 * ```ts
 * const lans = await magic.getSiteLans(siteId);
 * const subnets = lans.map((l) => l.staticAddressing?.address);
 * ```
 */
export function getSiteLans(siteId: string, args: LookupArgs = {}): Promise<SiteLanInfo[]> {
  return listOf<SiteLanInfo>("magic:SiteLan", args, { siteId });
}
