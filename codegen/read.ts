/**
 * Reads an account's Magic and CNI configuration through the provider's own lookups (the generic
 * provider's `listOutputs`, the path `sdk/lookups` takes), so every object comes back exactly as
 * a resource's read would record it: camelCase, computed fields included, ids separate. Requests
 * go through the shared client: paced, retried, with errors that name the permission.
 */
import * as provider from "../provider/facade";
import { AuthError, ConfigError, NotEntitledError, NotFoundError } from "../provider/client";
import { anyPermission } from "../provider/permissions";
import { codegenTypes } from "./types";

export type Props = Record<string, unknown> & { id: string };

/**
 * The collections the generator reads, in the order it reads them (the registry's), each with the
 * token of its objects and, for objects that live under another (a site's WANs), the parent field
 * and collection.
 */
export const COLLECTIONS = codegenTypes().map((t) => ({
  key: t.collection,
  label: t.facts.plural,
  token: t.token,
  ...(t.parent
    ? { parent: { field: t.parent.field, collection: codegenTypes().find((p) => p.token === t.parent!.token)!.collection } }
    : {}),
}));

declare const collectionKey: unique symbol;
/** The key of a collection in an account read (`greTunnels`): a definition's `codegen.collection`. */
export type CollectionKey = string & { readonly [collectionKey]?: true };

export interface Skipped {
  what: string;
  reason: string;
}

export interface AccountSnapshot {
  accountId: string;
  /** Each object as its resource's outputs (camelCase), with its id. */
  objects: Record<CollectionKey, Props[]>;
  /**
   * The same objects as the API listed them (snake_case), by id: what the provider's own read
   * (`readFrom`) takes, so `cloudflare-magic-audit` holds state against them as a refresh would.
   */
  live: Record<CollectionKey, Record<string, Record<string, unknown>>>;
  /** Cloudflare's managed apps, which the apps list also holds (referenced by id, never declared), as listed. */
  managedApps: Array<Record<string, unknown>>;
  /** Objects read per collection, in reading order. */
  counts: Array<{ label: string; count: number }>;
  /** Collections (or a site's part of one) that could not be read, with what to do about it. */
  skipped: Skipped[];
}

/** An error that ends the run: its message is the sentence to show. */
export class FatalError extends Error {}

/** What a token needs to read every collection: Cloudflare accepts either product's read permission on each. */
export const READ_PERMISSION = anyPermission("tunnels", "read");

/** The sentence for a failed read of `what`, or a FatalError when nothing else can work either. */
function explain(e: unknown, what: string, accountId: string): string {
  if (e instanceof ConfigError) throw new FatalError(configHelp(e));
  if (e instanceof NotEntitledError) return `account ${accountId} may not use ${what}: ${e.message}`;
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
  return `no Cloudflare credentials: set CLOUDFLARE_API_TOKEN to an API token with ${READ_PERMISSION} (or CLOUDFLARE_API_KEY and CLOUDFLARE_EMAIL for a global API key), then run the command again.`;
}

/**
 * Sets this process's client up from the environment, as the provider would be (credentials, base
 * URL and pacing from the `CLOUDFLARE_*` variables), and returns the account to read: the one given
 * (a command's `--account-id`) or CLOUDFLARE_ACCOUNT_ID. Throws a FatalError saying what to set.
 */
export function accountFromEnvironment(given: string | undefined): string {
  provider.settings.configureFrom(() => undefined);
  try {
    provider.settings.resolveCredentials();
  } catch (e) {
    if (e instanceof ConfigError) throw new FatalError(configHelp(e));
    throw e;
  }
  const accountId = given ?? process.env.CLOUDFLARE_ACCOUNT_ID;
  if (!accountId)
    throw new FatalError("no account: give --account-id <id> (the 32-character id in the dashboard URL) or set CLOUDFLARE_ACCOUNT_ID.");
  if (!/^[0-9a-f]{32}$/.test(accountId)) {
    throw new FatalError(
      `--account-id ${JSON.stringify(accountId)} is not a Cloudflare account id: copy the 32 lowercase hexadecimal characters after dash.cloudflare.com/ in the dashboard URL.`,
    );
  }
  return accountId;
}

/** Reads every collection; one that cannot be read is reported on `log` and skipped. */
export async function readAccount(accountId: string, log: (line: string) => void): Promise<AccountSnapshot> {
  log(`reading account ${accountId} from ${provider.settings.setting("baseUrl") ?? provider.api.DEFAULT_BASE_URL}`);
  const objects = Object.fromEntries(COLLECTIONS.map((c) => [c.key, []])) as unknown as Record<CollectionKey, Props[]>;
  const live = Object.fromEntries(COLLECTIONS.map((c) => [c.key, {}])) as AccountSnapshot["live"];
  const managedApps: AccountSnapshot["managedApps"] = [];
  const counts: AccountSnapshot["counts"] = [];
  const skipped: Skipped[] = [];
  /** Account-level collections that failed with 403/404: all of them failing means a wrong account. */
  let refused = 0;
  let accountLevel = 0;

  for (const c of COLLECTIONS) {
    if (c.parent) {
      const { field, collection } = c.parent;
      const parents = objects[collection];
      const parts = await Promise.all(
        parents.map(async (parent) => {
          const where = `${c.label} of ${codegenTypes().find((t) => t.collection === collection)!.noun} ${JSON.stringify(parent.name ?? parent.id)}`;
          try {
            const items = await list(c.token, accountId, { [field]: parent.id }, live[c.key]);
            return items.map((o) => ({ ...o, [field]: parent.id }));
          } catch (e) {
            skipped.push({ what: where, reason: explain(e, where, accountId) });
            log(`  skipped ${where}: ${skipped[skipped.length - 1].reason}`);
            return [];
          }
        }),
      );
      objects[c.key] = parts.flat();
      counts.push({ label: c.label, count: objects[c.key].length });
      log(
        `read ${objects[c.key].length} ${c.label} (${parents.length} ${codegenTypes().find((t) => t.collection === collection)!.facts.plural})`,
      );
      continue;
    }
    accountLevel++;
    try {
      objects[c.key] = await list(c.token, accountId, {}, live[c.key], managedApps);
    } catch (e) {
      if ((e instanceof AuthError && e.status === 403) || e instanceof NotEntitledError || e instanceof NotFoundError) refused++;
      const reason = explain(e, c.label, accountId);
      skipped.push({ what: c.label, reason });
      log(`  skipped ${c.label}: ${reason}`);
      continue;
    }
    counts.push({ label: c.label, count: objects[c.key].length });
    log(`read ${objects[c.key].length} ${c.label}`);
  }
  if (refused === accountLevel) {
    throw new FatalError(
      `could not read anything in account ${accountId} (every collection was refused or not found): check --account-id (the 32-character id in the dashboard URL) and that the token was made for that account with the ${READ_PERMISSION} permission.`,
    );
  }
  return { accountId, objects, live, managedApps, counts, skipped };
}

/**
 * One collection as outputs, each API object kept in `live` by id. A list that also holds objects
 * Cloudflare manages (the apps list: Cloudflare's managed apps, as the App definition tells them
 * apart) puts those in `managed`, not being the account's to declare.
 */
async function list(
  token: string,
  accountId: string,
  parent: Record<string, unknown>,
  live: Record<string, Record<string, unknown>>,
  managed?: Array<Record<string, unknown>>,
): Promise<Props[]> {
  const p = provider.definedProvider(token);
  const isManaged = p.def.codegen?.managed;
  const ctx = { accountId, props: parent };
  const out: Props[] = [];
  for (const o of await p.listLive(ctx)) {
    if (managed && isManaged?.(o)) {
      managed.push(o);
      continue;
    }
    const outputs = p.listedOutputs(o, ctx);
    live[outputs.id] = o;
    out.push(outputs);
  }
  return out;
}
