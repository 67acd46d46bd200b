import { type LookupArgs, listOf } from "./lookup";

/** A site ACL as the API reports it (camelCase), with its id and site. */
export interface SiteAclInfo {
  id: string;
  siteId: string;
  name: string;
  description?: string;
  lan1: { lanId: string; lanName?: string; ports?: number[]; portRanges?: string[]; subnets?: string[] };
  lan2: { lanId: string; lanName?: string; ports?: number[]; portRanges?: string[]; subnets?: string[] };
  protocols?: Array<"tcp" | "udp" | "icmp">;
  forwardLocally?: boolean;
  unidirectional?: boolean;
  accountId: string;
}

/**
 * Lists the ACLs of a Magic WAN site.
 *
 * @example
 * ```ts
 * const acls = await magic.getSiteAcls(siteId);
 * const local = acls.filter((a) => a.forwardLocally).map((a) => a.name);
 * ```
 */
export async function getSiteAcls(siteId: string, args: LookupArgs = {}): Promise<SiteAclInfo[]> {
  // ACLs do not carry their site in the API's answer; the site is the one asked about.
  return (await listOf<SiteAclInfo>("magic:SiteAcl", args, { siteId })).map((acl) => ({ ...acl, siteId }));
}
