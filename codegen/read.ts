/**
 * Reads an account's Magic and CNI configuration through the provider's own lookups (the generic
 * provider's `listOutputs`, the path `sdk/lookups` takes), so every object comes back exactly as
 * a resource's read would record it: camelCase, computed fields included, ids separate. Requests
 * go through the shared client: paced, retried, with errors that name the permission.
 */
import * as provider from "../provider/facade";
import { AuthError, ConfigError, NotFoundError } from "../provider/client";
import { getApps } from "../sdk/lookups/apps";

export type Props = Record<string, unknown> & { id: string };

/** The collections the generator reads, in the order it reads and writes them. */
const COLLECTIONS = [
  { key: "connectors", label: "connectors", token: "magic:Connector" },
  { key: "greTunnels", label: "GRE tunnels", token: "magic:GreTunnel" },
  { key: "ipsecTunnels", label: "IPsec tunnels", token: "magic:IpsecTunnel" },
  { key: "cfInterconnects", label: "Cloudflare interconnects", token: "magic:CfInterconnect" },
  { key: "routes", label: "static routes", token: "magic:StaticRoute" },
  { key: "apps", label: "apps", token: "magic:App" },
  { key: "sites", label: "sites", token: "magic:Site" },
  { key: "siteWans", label: "site WANs", token: "magic:SiteWan", perSite: true },
  { key: "siteLans", label: "site LANs", token: "magic:SiteLan", perSite: true },
  { key: "siteAcls", label: "site ACLs", token: "magic:SiteAcl", perSite: true },
  { key: "siteAppConfigs", label: "site app configs", token: "magic:SiteAppConfig", perSite: true },
  { key: "interconnects", label: "CNI interconnects", token: "cni:Interconnect" },
  { key: "cnis", label: "CNIs", token: "cni:Cni" },
] as const;

export type CollectionKey = (typeof COLLECTIONS)[number]["key"];

export interface Skipped {
  what: string;
  reason: string;
}

export interface AccountSnapshot {
  accountId: string;
  objects: Record<CollectionKey, Props[]>;
  /** Objects read per collection, in reading order. */
  counts: Array<{ label: string; count: number }>;
  /** Collections (or a site's part of one) that could not be read, with what to do about it. */
  skipped: Skipped[];
}

/** An error that ends the run: its message is the sentence to show. */
export class FatalError extends Error {}

const READ_PERMISSION = "Magic Transit Read or Magic WAN Read";

/** The sentence for a failed read of `what`, or a FatalError when nothing else can work either. */
function explain(e: unknown, what: string, accountId: string): string {
  if (e instanceof ConfigError) throw new FatalError(configHelp(e));
  if (e instanceof AuthError && e.status === 401) {
    throw new FatalError(
      `Cloudflare refused the credentials (HTTP 401 reading ${what}): check that the token in CLOUDFLARE_API_TOKEN (or the key and email in CLOUDFLARE_API_KEY and CLOUDFLARE_EMAIL) is valid and not expired.`,
    );
  }
  if (e instanceof AuthError) {
    return `the token may not read ${what} in account ${accountId} (HTTP 403); give it the ${READ_PERMISSION} permission for this account and run the command again.`;
  }
  if (e instanceof NotFoundError)
    return `Cloudflare answered 404 for ${what} in account ${accountId}; check the account id, or that the account has this product.`;
  return `${(e as Error).message}; run the command again, and if it persists, read ${what} in the dashboard.`;
}

/** A setting problem as the command's sentence: the provider's own, except for missing credentials (worded for a shell, not a stack). */
export function configHelp(e: ConfigError): string {
  return e.message.startsWith("no Cloudflare credentials") ? credentialsHelp() : e.message;
}

function credentialsHelp(): string {
  return "no Cloudflare credentials: set CLOUDFLARE_API_TOKEN to an API token with Magic Transit Read or Magic WAN Read (or CLOUDFLARE_API_KEY and CLOUDFLARE_EMAIL for a global API key), then run the command again.";
}

/** Reads every collection; one that cannot be read is reported on `log` and skipped. */
export async function readAccount(accountId: string, log: (line: string) => void): Promise<AccountSnapshot> {
  const objects = Object.fromEntries(COLLECTIONS.map((c) => [c.key, []])) as unknown as Record<CollectionKey, Props[]>;
  const counts: AccountSnapshot["counts"] = [];
  const skipped: Skipped[] = [];
  /** Account-level collections that failed with 403/404: all of them failing means a wrong account. */
  let refused = 0;
  let accountLevel = 0;

  for (const c of COLLECTIONS) {
    if ("perSite" in c) {
      const parts = await Promise.all(
        objects.sites.map(async (site) => {
          const where = `${c.label} of site ${JSON.stringify(site.name ?? site.id)}`;
          try {
            const items = await list(c.token, accountId, { siteId: site.id });
            return items.map((o) => ({ ...o, siteId: site.id }));
          } catch (e) {
            skipped.push({ what: where, reason: explain(e, where, accountId) });
            log(`  skipped ${where}: ${skipped[skipped.length - 1].reason}`);
            return [];
          }
        }),
      );
      objects[c.key] = parts.flat();
    } else {
      accountLevel++;
      try {
        objects[c.key] = c.key === "apps" ? await accountApps(accountId) : await list(c.token, accountId, {});
      } catch (e) {
        if ((e instanceof AuthError && e.status === 403) || e instanceof NotFoundError) refused++;
        const reason = explain(e, c.label, accountId);
        skipped.push({ what: c.label, reason });
        log(`  skipped ${c.label}: ${reason}`);
        continue;
      }
    }
    counts.push({ label: c.label, count: objects[c.key].length });
    log(`read ${objects[c.key].length} ${c.label}${"perSite" in c ? ` (${objects.sites.length} sites)` : ""}`);
  }
  if (refused === accountLevel) {
    throw new FatalError(
      `could not read anything in account ${accountId} (every collection was refused or not found): check --account-id (the 32-character id in the dashboard URL) and that the token was made for that account with the ${READ_PERMISSION} permission.`,
    );
  }
  return { accountId, objects, counts, skipped };
}

async function list(token: string, accountId: string, parent: Record<string, unknown>): Promise<Props[]> {
  return await provider.definedProvider(token).listOutputs({ accountId, props: parent });
}

/** The account's own apps (the list also holds Cloudflare's managed apps, which are not ours to declare). */
async function accountApps(accountId: string): Promise<Props[]> {
  const apps = await getApps({ accountId, includeManaged: false });
  return apps.map(({ managed: _managed, ...app }) => app as unknown as Props);
}
