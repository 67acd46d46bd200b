import type { SiteLanStaticAddressingState } from "../magic/site-lan";
import { type LookupArgs, listOf, oneOf } from "./lookup";

/** A Magic WAN site as the API reports it (camelCase), with its id. */
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

/** A site WAN as the API reports it (camelCase), with its id. */
export interface SiteWanInfo {
  id: string;
  siteId: string;
  physport: number;
  name?: string;
  priority?: number;
  vlanTag?: number;
  staticAddressing?: { address: string; gatewayAddress: string; secondaryAddress?: string };
  healthCheckRate?: "low" | "mid" | "high";
  loadBalanceInnerFlows?: boolean;
  accountId: string;
}

/** A site LAN as the API reports it (camelCase, DHCP reservation keys verbatim), with its id. */
export interface SiteLanInfo {
  id: string;
  siteId: string;
  name?: string;
  physport?: number;
  vlanTag?: number;
  bondId?: number;
  haLink?: boolean;
  isBreakout?: boolean;
  isPrioritized?: boolean;
  nat?: { staticPrefix?: string };
  routedSubnets?: Array<{ nextHop: string; prefix: string; nat?: { staticPrefix?: string } }>;
  staticAddressing?: SiteLanStaticAddressingState;
  accountId: string;
}

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
