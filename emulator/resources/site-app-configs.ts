/**
 * Site app configurations (Cloudflare API "Magic Transit > Sites > App Configuration"):
 * `/accounts/:account_id/magic/sites/:site_id/app_configs[/:app_config_id]`.
 *
 * Stored in "site_app_configs" with `site_id` (see site-scope.ts), which answers include. There is
 * no single-item GET in the spec. Every verb answers with the config itself as `result`, in one of
 * the spec's two forms: `{account_app_id, ...}` or `{managed_app_id, ...}`.
 * - Exactly one of `account_app_id` / `managed_app_id` on create (1002 for neither, 1006 for both);
 *   PUT and PATCH may name a new app (the other id is dropped) or leave the app as it is.
 * - One config per app per site (1003): a traffic decision is for one app.
 * - `preferred_wans` only on breakout rules ("breakout must be true"), 1006 otherwise; each must be
 *   a WAN of this site ("site_wans"), 1005 otherwise.
 * - `priority` 0 or 1 ("Currently only 0 and 1 are supported"), default 0; `breakout` has no
 *   default ("Null preserves default behavior") and is absent until set.
 * - PUT replaces `breakout`, `preferred_wans` and `priority` (left out: back to unset / 0); PATCH
 *   changes only the fields it sends, and a field sent as null returns to its default.
 * - The spec offers no `?validate_only=true` here: the parameter is ignored and the request acts.
 */
import { type CfError, Codes, badRequest, cfError } from "../envelope";
import type { RequestContext, Router } from "../router";
import { type StoredObject, newId } from "../store";
import { type Check, type JsonObject, type Rules, arrayOf, boolean, integer, invalid } from "../validate";
import { type Change, serveCollection } from "./objects";
import { childrenOf } from "./site-scope";

const COLLECTION = "site_app_configs";
const WANS = "site_wans";

const SETTINGS = ["breakout", "preferred_wans", "priority"] as const;
const DEFAULT_PRIORITY = 0;

type AppConfigFields = {
  site_id: string;
  account_app_id?: string;
  managed_app_id?: string;
  breakout?: boolean;
  preferred_wans?: string[];
  priority: number;
};

export type SiteAppConfig = StoredObject & AppConfigFields;

const nonEmptyString: Check = (v, p) =>
  typeof v !== "string" ? invalid(p, "must be a string") : v.length === 0 ? invalid(p, "must not be empty") : undefined;

const rules: Rules = {
  account_app_id: { checks: [nonEmptyString] },
  managed_app_id: { checks: [nonEmptyString] },
  breakout: { checks: [boolean] },
  preferred_wans: { checks: [arrayOf(nonEmptyString)] },
  priority: { checks: [integer({ min: 0, max: 1 })] },
};

function isSet(v: unknown): boolean {
  return v !== undefined && v !== null;
}

/** The app a body names, if any; both at once is refused. */
function appOf(body: JsonObject): Pick<SiteAppConfig, "account_app_id" | "managed_app_id"> | undefined {
  if (isSet(body.account_app_id) && isSet(body.managed_app_id)) {
    throw badRequest([
      cfError(
        Codes.FIELD_NOT_ALLOWED,
        "managed_app_id is not allowed together with account_app_id: an app config is for one app",
        "/managed_app_id",
      ),
    ]);
  }
  if (isSet(body.account_app_id)) return { account_app_id: body.account_app_id as string };
  if (isSet(body.managed_app_id)) return { managed_app_id: body.managed_app_id as string };
  return undefined;
}

/**
 * Rules across fields and objects, on the config as it would be stored: preferred WANs only on a
 * breakout rule and only this site's WANs; one config per app in the site.
 */
function checkConfig(ctx: RequestContext, [{ object: config, body }]: Array<Change<SiteAppConfig>>): CfError[] {
  const { account_id: account, site_id: site } = ctx.params;
  const errors: CfError[] = [];
  const wans = config.preferred_wans ?? [];
  if (wans.length > 0 && config.breakout !== true) {
    const at = "preferred_wans" in body ? "/preferred_wans" : "/breakout";
    errors.push(cfError(Codes.FIELD_NOT_ALLOWED, "preferred_wans can only be specified for breakout rules (breakout must be true)", at));
  }
  const known = new Set(childrenOf(ctx.store, account, WANS, site).map((w) => w.id));
  wans.forEach((id, i) => {
    if (!known.has(id)) errors.push(invalid(`/preferred_wans/${i}`, "must be the id of a WAN of this site"));
  });
  const key = config.account_app_id !== undefined ? "account_app_id" : "managed_app_id";
  const taken = childrenOf(ctx.store, account, COLLECTION, site).some((o) => o.id !== config.id && o[key] === config[key]);
  if (taken) errors.push(cfError(Codes.DUPLICATE, `This site already has an app config for ${key} "${config[key]}"`, `/${key}`));
  return errors;
}

/** The settings a body gives, nulls dropped. */
function settingsOf(body: JsonObject): Partial<AppConfigFields> {
  return Object.fromEntries(SETTINGS.filter((k) => isSet(body[k])).map((k) => [k, body[k]]));
}

/**
 * The config a create body describes (exactly one app), or a PUT: a new app if one is named,
 * breakout, preferred_wans and priority as sent (or unset / 0).
 */
function build(body: JsonObject, existing: SiteAppConfig | undefined, ctx: RequestContext): SiteAppConfig {
  const app = appOf(body);
  if (!existing) {
    if (!app) throw badRequest([cfError(Codes.MISSING_FIELD, "account_app_id or managed_app_id is required", "/account_app_id")]);
    return { id: newId(), site_id: ctx.params.site_id, ...app, priority: DEFAULT_PRIORITY, ...settingsOf(body) };
  }
  const kept = app ?? { account_app_id: existing.account_app_id, managed_app_id: existing.managed_app_id };
  return { id: existing.id, site_id: existing.site_id, ...kept, priority: DEFAULT_PRIORITY, ...settingsOf(body) };
}

/** PATCH: only the fields sent change; null returns a setting to its default. */
function patch(body: JsonObject, existing: SiteAppConfig): SiteAppConfig {
  const app = appOf(body);
  const config: SiteAppConfig = {
    ...existing,
    ...(app ? { account_app_id: undefined, managed_app_id: undefined, ...app } : {}),
    ...settingsOf(body),
  };
  for (const k of SETTINGS) if (body[k] === null) delete config[k];
  config.priority ??= DEFAULT_PRIORITY;
  return config;
}

export function register(router: Router): void {
  serveCollection<SiteAppConfig>(router, {
    collection: COLLECTION,
    label: "App config",
    path: "/accounts/:account_id/magic/sites/:site_id/app_configs",
    idParam: "app_config_id",
    verbs: ["list", "create", "put", "patch", "delete"],
    product: "magicWan",
    rules: () => rules,
    build,
    patch,
    check: checkConfig,
  });
}
