import { createHash } from "node:crypto";
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
  maxAttempts: { config: "cloudflare-magic:maxAttempts", env: "CLOUDFLARE_MAGIC_MAX_ATTEMPTS" },
  validateOnPreview: { config: "cloudflare-magic:validateOnPreview", env: "CLOUDFLARE_MAGIC_VALIDATE_ON_PREVIEW" },
  debug: { config: "cloudflare-magic:debug", env: "CLOUDFLARE_MAGIC_DEBUG" },
  coalesce: { config: "cloudflare-magic:coalesce", env: "CLOUDFLARE_MAGIC_COALESCE" },
} as const;

export type SettingName = keyof typeof SETTINGS;

/** Values from `configure`; environment variables are consulted at use time. */
let stackConfig: Partial<Record<SettingName, string>> = {};

/** Called by the provider's `configure` with a getter over the stack config. */
export function configureFrom(get: (key: string) => string | undefined): void {
  const next: Partial<Record<SettingName, string>> = {};
  for (const [name, keys] of Object.entries(SETTINGS) as Array<[SettingName, (typeof SETTINGS)[SettingName]]>) {
    const v = get(keys.config);
    if (v !== undefined && v !== "") next[name] = v;
  }
  stackConfig = next;
  applyPacing();
}

/** A setting with the name of where it came from ("config cloudflare:apiToken" / "environment variable ..."). */
function lookup(name: SettingName): { value: string; source: string } | undefined {
  const keys = SETTINGS[name];
  const fromConfig = stackConfig[name];
  if (fromConfig !== undefined) return { value: fromConfig, source: `stack config ${keys.config}` };
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
    const missing = key ? SETTINGS.email : SETTINGS.apiKey;
    throw new ConfigError(`a global API key needs its email too: set stack config ${missing.config} (pulumi config set${missing === SETTINGS.apiKey ? " --secret" : ""} ${missing.config} ...) or the environment variable ${missing.env}.`);
  }
  throw new ConfigError(
    `no Cloudflare credentials: set an API token with \`pulumi config set --secret cloudflare:apiToken <token>\` or the environment variable CLOUDFLARE_API_TOKEN (or a global API key with cloudflare:apiKey + cloudflare:email / CLOUDFLARE_API_KEY + CLOUDFLARE_EMAIL).`,
  );
}

/** The account of an operation: the resource's own input, else config, else a clear error. */
export function resolveAccountId(fromResource: unknown): string {
  if (typeof fromResource === "string" && fromResource !== "") return fromResource;
  const found = lookup("accountId");
  if (found) return found.value;
  throw new ConfigError(
    "no Cloudflare account id: give the resource an accountId, or set `pulumi config set cloudflare-magic:accountId <id>` or the environment variable CLOUDFLARE_ACCOUNT_ID.",
  );
}

const clients = new Map<string, CloudflareClient>();

/** One client per base URL and credential in this process; all share the process's pacer. */
export function client(): CloudflareClient {
  const credentials = resolveCredentials();
  const baseUrl = setting("baseUrl") ?? DEFAULT_BASE_URL;
  const secret = credentials.kind === "token" ? credentials.token : `${credentials.email}\n${credentials.key}`;
  // The cache key is a digest: the credential itself is never kept anywhere but in the client's closure.
  const cacheKey = createHash("sha256").update(`${baseUrl}\n${secret}`).digest("hex");
  let c = clients.get(cacheKey);
  if (!c) {
    const maxAttempts = numberSetting("maxAttempts", 1);
    c = new CloudflareClient({
      baseUrl,
      credentials,
      retry: maxAttempts === undefined ? undefined : { maxAttempts },
      log: booleanSetting("debug") ? (line) => console.error(`[cloudflare-magic] ${line}`) : undefined,
    });
    clients.set(cacheKey, c);
  }
  return c;
}
