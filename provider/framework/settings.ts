import { createHash } from "node:crypto";
import { isUnknown } from "../../shared/values";
import { nearest } from "../../shared/spelling";
import { CloudflareClient, ConfigError, Credentials, DEFAULT_BASE_URL, processPacer } from "../client";

/**
 * Provider configuration: stack config first, then environment variables. Read in `configure`
 * (which receives the whole stack config) and kept in this module's scope, which lives in the
 * provider host and is never serialized. Credentials are resolved lazily per call, so check and
 * diff work without them and a missing credential fails the one operation that needs it.
 */

/** Stack config keys and the environment variables that back them up. */
export const SETTINGS = {
  apiToken: { config: "cloudflare:apiToken", env: "CLOUDFLARE_API_TOKEN" },
  apiKey: { config: "cloudflare:apiKey", env: "CLOUDFLARE_API_KEY" },
  email: { config: "cloudflare:email", env: "CLOUDFLARE_EMAIL" },
  accountId: { config: "cloudflare-magic:accountId", env: "CLOUDFLARE_ACCOUNT_ID" },
  baseUrl: { config: "cloudflare-magic:baseUrl", env: "CLOUDFLARE_BASE_URL" },
  requestsPerWindow: { config: "cloudflare-magic:requestsPerWindow", env: "CLOUDFLARE_MAGIC_REQUESTS_PER_WINDOW" },
  windowSeconds: { config: "cloudflare-magic:windowSeconds", env: "CLOUDFLARE_MAGIC_WINDOW_SECONDS" },
  maxConcurrency: { config: "cloudflare-magic:maxConcurrency", env: "CLOUDFLARE_MAGIC_MAX_CONCURRENCY" },
  pacing: { config: "cloudflare-magic:pacing", env: "CLOUDFLARE_MAGIC_PACING" },
  sharedBudget: { config: "cloudflare-magic:sharedBudget", env: "CLOUDFLARE_MAGIC_SHARED_BUDGET" },
  maxAttempts: { config: "cloudflare-magic:maxAttempts", env: "CLOUDFLARE_MAGIC_MAX_ATTEMPTS" },
  validateOnPreview: { config: "cloudflare-magic:validateOnPreview", env: "CLOUDFLARE_MAGIC_VALIDATE_ON_PREVIEW" },
  debug: { config: "cloudflare-magic:debug", env: "CLOUDFLARE_MAGIC_DEBUG" },
  adoptExisting: { config: "cloudflare-magic:adoptExisting", env: "CLOUDFLARE_MAGIC_ADOPT_EXISTING" },
  coalesce: { config: "cloudflare-magic:coalesce", env: "CLOUDFLARE_MAGIC_COALESCE" },
} as const;

export type SettingName = keyof typeof SETTINGS;

/**
 * Keys of the official Cloudflare provider (`@pulumi/cloudflare`), which a stack may use next to
 * this package: a `cloudflare:*` key among these is never reported as a misspelling.
 */
const OFFICIAL_CLOUDFLARE_KEYS = new Set(
  [
    "apiToken",
    "apiKey",
    "email",
    "apiUserServiceKey",
    "baseUrl",
    "userAgentOperatorSuffix",
    "apiBasePath",
    "apiHostname",
    "apiClientLogging",
    "retries",
    "rps",
    "minBackoff",
    "maxBackoff",
  ].map((k) => `cloudflare:${k}`),
);

/** Values from `configure`; environment variables are consulted at use time. */
let stackConfig: Partial<Record<SettingName, string>> = {};
/**
 * The stack config key of a setting as this process's host reads it: the dynamic package reads
 * `cloudflare:apiToken` (the official provider's key), the provider plugin gets only its own
 * package's config, so every setting is `cloudflare-magic:<name>` there (`useConfigKeys`).
 */
let configKey = (name: SettingName): string => SETTINGS[name].config;

/** Names every setting by the host's own key in messages (the provider plugin: `cloudflare-magic:<name>`). */
export function useConfigKeys(keyOf: (name: SettingName) => string): void {
  configKey = keyOf;
}

/** Whether `configure` has run: before it, the stack config is not known, so no setting can be called missing. */
let configured = false;
/** Stack config keys that are certainly mistakes (unknown `cloudflare-magic:*` keys): fail every operation. */
let configErrors: string[] = [];
/** Stack config keys that are probably mistakes (a `cloudflare:*` key one or two letters from ours). */
let configWarnings: string[] = [];

/**
 * Called by the provider's `configure` with a getter over the stack config and, when the caller
 * can list them, every key the stack sets (to report misspelt keys with the closest known one).
 */
export function configureFrom(get: (key: string) => string | undefined, keys: string[] = []): void {
  const next: Partial<Record<SettingName, string>> = {};
  for (const [name, keys] of Object.entries(SETTINGS) as Array<[SettingName, (typeof SETTINGS)[SettingName]]>) {
    const v = get(keys.config);
    if (v !== undefined && v !== "") next[name] = v;
  }
  stackConfig = next;
  configured = true;
  ({ errors: configErrors, warnings: configWarnings } = reviewKeys(keys));
  for (const w of configWarnings) console.error(`[cloudflare-magic] warning: ${w}`);
  applyPacing();
}

/** Whether `configureFrom` ran in this process (lookups served by the provider plugin keep its configuration). */
export function isConfigured(): boolean {
  return configured;
}

/**
 * Unknown keys in our namespace are errors: nothing else reads `cloudflare-magic:*`, so such a key
 * is a typo whose setting silently falls back to its default. A `cloudflare:*` key may belong to
 * the official provider, so only one within two edits of a key we read (and not one of the
 * official provider's) is reported, as a warning.
 */
export function reviewKeys(keys: string[]): { errors: string[]; warnings: string[] } {
  const ours = Object.values(SETTINGS).map((s) => s.config as string);
  const errors: string[] = [];
  const warnings: string[] = [];
  for (const key of keys) {
    if (ours.includes(key)) continue;
    const closest = nearest(key, ours)!;
    if (key.startsWith("cloudflare-magic:")) {
      const hint =
        closest.distance <= 3
          ? `did you mean ${closest.name}?`
          : `the settings are ${ours.filter((k) => k.startsWith("cloudflare-magic:")).join(", ")}.`;
      errors.push(`stack config ${key} is not a setting of pulumi-cloudflare-magic; ${hint}`);
    } else if (key === "cloudflare:baseUrl" && !keys.includes(SETTINGS.baseUrl.config)) {
      warnings.push(
        `stack config cloudflare:baseUrl is the official Cloudflare provider's; pulumi-cloudflare-magic reads its base URL from ${SETTINGS.baseUrl.config}.`,
      );
    } else if (key.startsWith("cloudflare:") && !OFFICIAL_CLOUDFLARE_KEYS.has(key) && closest.distance <= 2) {
      warnings.push(
        `stack config ${key} is read neither by pulumi-cloudflare-magic nor by the official Cloudflare provider; did you mean ${closest.name}?`,
      );
    }
  }
  return { errors, warnings };
}

/**
 * The configuration mistakes that stop every operation (checks report them as failures, offline,
 * with no credential needed), given the resource's own `accountId` input: no account id anywhere
 * (no input, no stack config, no environment variable) is one, found at check (preview) rather
 * than at the first request of an `up`. An account id not known yet (an Output during preview) is
 * fine; before `configure` the stack config is not known, so the account is not called missing.
 */
export function configFailures(accountId?: unknown): string[] {
  const failures = [...configErrors];
  try {
    resolveBaseUrl();
  } catch (e) {
    failures.push((e as Error).message);
  }
  if (configured && !isUnknown(accountId) && (accountId === undefined || accountId === "") && !lookup("accountId"))
    failures.push(NO_ACCOUNT);
  return failures;
}

const NO_ACCOUNT =
  "no Cloudflare account id: give the resource an accountId, or set `pulumi config set cloudflare-magic:accountId <id>` or the environment variable CLOUDFLARE_ACCOUNT_ID.";

/** Probable mistakes, appended to errors they may explain (a missing credential, a refused token). */
function warningsNote(): string {
  return configWarnings.length ? ` Note: ${configWarnings.join(" ")}` : "";
}

/** A setting with the name of where it came from ("config cloudflare:apiToken" / "environment variable ..."). */
function lookup(name: SettingName): { value: string; source: string } | undefined {
  const keys = SETTINGS[name];
  const fromConfig = stackConfig[name];
  if (fromConfig !== undefined) return { value: fromConfig, source: `stack config ${configKey(name)}` };
  const fromEnv = process.env[keys.env];
  if (fromEnv !== undefined && fromEnv !== "") return { value: fromEnv, source: `environment variable ${keys.env}` };
  return undefined;
}

export function setting(name: SettingName): string | undefined {
  return lookup(name)?.value;
}

function numberSetting(name: SettingName, min: number): number | undefined {
  const found = lookup(name);
  if (!found) return undefined;
  const n = Number(found.value);
  if (!Number.isFinite(n) || n < min) {
    throw new ConfigError(`${found.source} must be a number of at least ${min} (got ${JSON.stringify(found.value)}).`);
  }
  return n;
}

export function booleanSetting(name: SettingName): boolean | undefined {
  const v = setting(name);
  return v === undefined ? undefined : /^(1|true|yes|on)$/i.test(v);
}

function applyPacing(): void {
  const windowSeconds = numberSetting("windowSeconds", 1);
  processPacer.configure({
    ...definedOnly({
      requestsPerWindow: numberSetting("requestsPerWindow", 1),
      windowMs: windowSeconds === undefined ? undefined : windowSeconds * 1000,
      maxConcurrency: numberSetting("maxConcurrency", 1),
      enabled: booleanSetting("pacing"),
      sharedBudget: booleanSetting("sharedBudget"),
    }),
  });
}

function definedOnly<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}

/** The credentials to use, or a ConfigError that says exactly what to set. */
export function resolveCredentials(): Credentials {
  const token = lookup("apiToken");
  if (token) return { kind: "token", token: token.value, source: token.source };
  const key = lookup("apiKey");
  const email = lookup("email");
  if (key && email) return { kind: "key", key: key.value, email: email.value, source: `${key.source} with ${email.source}` };
  if (key || email) {
    const missing: SettingName = key ? "email" : "apiKey";
    throw new ConfigError(
      `a global API key needs its email too: set stack config ${configKey(missing)} (pulumi config set${missing === "apiKey" ? " --secret" : ""} ${configKey(missing)} ...) or the environment variable ${SETTINGS[missing].env}.${warningsNote()}`,
    );
  }
  throw new ConfigError(
    `no Cloudflare credentials: set an API token with \`pulumi config set --secret ${configKey("apiToken")} <token>\` or the environment variable CLOUDFLARE_API_TOKEN (or a global API key with ${configKey("apiKey")} + ${configKey("email")} / CLOUDFLARE_API_KEY + CLOUDFLARE_EMAIL).${warningsNote()}`,
  );
}

/** The account of an operation: the resource's own input, else config, else a clear error. */
export function resolveAccountId(fromResource: unknown): string {
  if (typeof fromResource === "string" && fromResource !== "") return fromResource;
  const found = lookup("accountId");
  if (found) return found.value;
  throw new ConfigError(NO_ACCOUNT);
}

/**
 * The API base URL and where it came from. It must be the API's root, ending in `/client/v4`:
 * without it every path is wrong and Cloudflare answers that it knows no such path.
 */
function resolveBaseUrl(): { baseUrl: string; baseUrlSource: string } {
  const found = lookup("baseUrl");
  if (!found) return { baseUrl: DEFAULT_BASE_URL, baseUrlSource: "the default" };
  let url: URL;
  try {
    url = new URL(found.value);
  } catch {
    throw new ConfigError(`${found.source} must be a URL such as ${DEFAULT_BASE_URL} (got ${JSON.stringify(found.value)}).`);
  }
  if (!/^https?:$/.test(url.protocol) || !/\/client\/v4\/?$/.test(url.pathname)) {
    throw new ConfigError(
      `${found.source} must be the API root, an http(s) URL ending in /client/v4 such as ${DEFAULT_BASE_URL} (got ${JSON.stringify(found.value)}${/\/client\/v4/.test(url.pathname) ? "" : `; try ${JSON.stringify(found.value.replace(/\/+$/, "") + "/client/v4")}`}).`,
    );
  }
  return { baseUrl: found.value, baseUrlSource: found.source };
}

const clients = new Map<string, CloudflareClient>();

/** One client per base URL and credential in this process; all share the process's pacer. */
export function client(): CloudflareClient {
  if (configErrors.length) throw new ConfigError(configErrors.join(" "));
  const credentials = resolveCredentials();
  const { baseUrl, baseUrlSource } = resolveBaseUrl();
  const secret = credentials.kind === "token" ? credentials.token : `${credentials.email}\n${credentials.key}`;
  // The cache key is a digest: the credential itself is never kept anywhere but in the client's closure.
  const cacheKey = createHash("sha256").update(`${baseUrl}\n${secret}`).digest("hex");
  let c = clients.get(cacheKey);
  if (!c) {
    const maxAttempts = numberSetting("maxAttempts", 1);
    c = new CloudflareClient({
      baseUrl,
      baseUrlSource,
      credentials,
      retry: maxAttempts === undefined ? undefined : { maxAttempts },
      log: booleanSetting("debug") ? (line) => console.error(`[cloudflare-magic] ${line}`) : undefined,
    });
    clients.set(cacheKey, c);
  }
  return c;
}
