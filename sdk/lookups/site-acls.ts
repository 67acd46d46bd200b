import type { SiteAclInfo } from "../magic/generated/site-acl";
import { type LookupArgs, listOf } from "./lookup";

export type { SiteAclInfo } from "../magic/generated/site-acl";

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
