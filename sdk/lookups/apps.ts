import type { AppInfo as OwnAppInfo } from "../magic/generated/app";
import { type LookupArgs, provider } from "./lookup";

/** An app as the API lists it: one of the account's own apps, or one Cloudflare manages. */
export type AppInfo = Omit<OwnAppInfo, "id" | "name" | "type"> & {
  /** `account_app_id` for the account's apps, `managed_app_id` for Cloudflare's. */
  id: string;
  /** True for an app Cloudflare defines (it cannot be changed, only referenced). */
  managed: boolean;
  /** Display name (always set for the account's own apps). */
  name?: string;
  /** Category (always set for the account's own apps). */
  type?: string;
};

export interface GetAppsArgs extends LookupArgs {
  /** Include Cloudflare's managed apps. @default true */
  includeManaged?: boolean;
}

/**
 * Lists the apps of the account: its own (`magic.App`) and, unless `includeManaged` is false,
 * Cloudflare's managed apps, which site app configs can reference by id too.
 *
 * @example
 * ```ts
 * const apps = await magic.getApps();
 * const zoom = apps.find((a) => a.managed && a.name === "Zoom");
 * ```
 */
export async function getApps(args: GetAppsArgs = {}): Promise<AppInfo[]> {
  const p = provider();
  const accountId = p.settings.resolveAccountId(args.accountId);
  const label = "list App";
  // The App definition's collection, read here: the list mixes in managed apps, which have no account_app_id.
  const items = await p.settings.client().request<unknown>({
    method: "GET",
    path: p.pathOf("magic:App", "collection", accountId),
    label,
    permission: p.permissions.permission("sites", "read"),
  });
  if (!Array.isArray(items)) throw new p.api.ResponseShapeError("GET /magic/apps did not answer with a list of apps.", label);
  return items.flatMap((raw: Record<string, unknown>) => {
    const managed = typeof raw.managed_app_id === "string";
    const id = managed ? raw.managed_app_id : raw.account_app_id;
    if (typeof id !== "string") throw new p.api.ResponseShapeError("GET /magic/apps answered an app without an id.", label);
    if (managed && args.includeManaged === false) return [];
    // A list the answer leaves out is empty, the API's default (as the App resource reads it).
    const list = (v: unknown) => (Array.isArray(v) ? (v as string[]) : []);
    const info: AppInfo = {
      id,
      managed,
      accountId,
      hostnames: list(raw.hostnames),
      ipSubnets: list(raw.ip_subnets),
      sourceSubnets: list(raw.source_subnets),
    };
    if (typeof raw.name === "string") info.name = raw.name;
    if (typeof raw.type === "string") info.type = raw.type;
    return [info];
  });
}
