/**
 * Objects that live under a site (`/accounts/:account_id/magic/sites/:site_id/<lans|wans|acls|app_configs>`)
 * are stored in their own collections ("site_lans", "site_wans", "site_acls", "site_app_configs")
 * with a `site_id` field. Every such route first checks that the site exists (404 otherwise).
 */
import { notFound } from "../envelope";
import type { Store, StoredObject } from "../store";

export const SITES = "sites";
export const SITE_CHILDREN = ["site_lans", "site_wans", "site_acls", "site_app_configs"] as const;
export type SiteChildCollection = (typeof SITE_CHILDREN)[number];

/** The site, or a 404 naming it (pointer at the site id in the path). */
export function requireSite(store: Store, accountId: string, siteId: string): StoredObject {
  const site = store.get(accountId, SITES, siteId);
  if (!site) throw notFound("Site");
  return site;
}

/** The children of one site in a collection. */
export function childrenOf(store: Store, accountId: string, collection: SiteChildCollection, siteId: string): StoredObject[] {
  return store.list(accountId, collection).filter((o) => o.site_id === siteId);
}

/** A child by id, only if it belongs to that site (an id from another site is a 404). */
export function requireChild(
  store: Store,
  accountId: string,
  collection: SiteChildCollection,
  siteId: string,
  id: string,
  label: string,
): StoredObject {
  const found = store.get(accountId, collection, id);
  if (!found || found.site_id !== siteId) throw notFound(label);
  return found;
}
