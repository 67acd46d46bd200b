/**
 * Plain-value helpers shared by the program side (lookups) and the host side (check, diff, the
 * generic provider): Pulumi's unknown sentinel, snake/camel conversion, leaf paths and JSON
 * cleaning. Each exists only here. Depends on nothing.
 */

/** What the engine sends during preview for a value that is not known yet. */
export const UNKNOWN = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";

export function isUnknown(v: unknown): boolean {
  return v === UNKNOWN;
}

export function containsUnknown(v: unknown): boolean {
  if (v === UNKNOWN) return true;
  if (Array.isArray(v)) return v.some(containsUnknown);
  if (v && typeof v === "object") return Object.values(v).some(containsUnknown);
  return false;
}

/**
 * How the engine's wire protocol writes a secret value: an object with this signature key and
 * value, and the plaintext in `value` (pulumi/pulumi `sdk/go/common/resource/sig`, "Secret").
 */
const SECRET_SIG_KEY = "4dabf18193072939515e22adb298388d";
const SECRET_SIG = "1b47061264138c4ac30d75fd1eb44270";

/** `v` as the engine writes a secret on the wire. */
export function asSecret(v: unknown): Record<string, unknown> {
  return { [SECRET_SIG_KEY]: SECRET_SIG, value: v };
}

/**
 * Whether `v` carries the engine's secret signature: `{sig, value}` on the wire, `{sig, ciphertext}`
 * or `{sig, plaintext}` in a stack export (pulumi/pulumi `pkg/resource/stack/deployment.go`).
 */
export function isSecretValue(v: unknown): v is Record<string, unknown> {
  return isPlainObject(v) && v[SECRET_SIG_KEY] === SECRET_SIG;
}

/**
 * A copy of `v` with every secret in the engine's wire form replaced by its plaintext, at any
 * depth: what the engine sends a provider that does not accept secrets (ours).
 */
export function revealed<T>(v: T): T {
  if (isSecretValue(v) && "value" in v) return revealed(v.value) as T;
  if (Array.isArray(v)) return v.map(revealed) as T;
  if (isPlainObject(v)) return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, revealed(x)])) as T;
  return v;
}

/**
 * A copy of `props` with the value at each dotted path (where there is one, and it is known) in
 * the engine's secret form. A path that crosses something other than a plain object stops there.
 * The input is not changed.
 */
export function withSecretsAt(props: Record<string, unknown>, paths: readonly string[]): Record<string, unknown> {
  const seal = (v: unknown, parts: string[]): unknown => {
    if (v === undefined || v === null) return v;
    // A value not known yet stays as the engine sent it (the engine keeps its own secret mark on it).
    if (parts.length === 0) return containsUnknown(v) || isSecretValue(v) ? v : asSecret(v);
    if (!isPlainObject(v) || !(parts[0] in v)) return v;
    return { ...v, [parts[0]]: seal(v[parts[0]], parts.slice(1)) };
  };
  return paths.reduce<Record<string, unknown>>((out, p) => seal(out, p.split(".")) as Record<string, unknown>, props);
}

export function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

/** An object literal (not an Output, a promise or another class instance): what a program wrote out in full. */
export function isObjectLiteral(v: unknown): v is Record<string, unknown> {
  if (!isPlainObject(v)) return false;
  const proto = Object.getPrototypeOf(v) as unknown;
  return proto === Object.prototype || proto === null;
}

export function camelToSnake(key: string): string {
  return key.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
}

export function snakeToCamel(key: string): string {
  return key.replace(/_([a-z0-9])/g, (_, c: string) => c.toUpperCase());
}

/**
 * Converts object keys deeply. Keys of the maps named in `opaque` (dotted paths of the
 * *source* keys, e.g. "static_addressing.dhcp_server.reservations") are user data such as MAC
 * addresses and are kept as they are.
 */
export function convertKeys(v: unknown, convert: (k: string) => string, opaque: ReadonlySet<string> = new Set(), at = ""): unknown {
  if (Array.isArray(v)) return v.map((x) => convertKeys(x, convert, opaque, at));
  if (!isPlainObject(v)) return v;
  const out: Record<string, unknown> = {};
  const keepKeys = opaque.has(at);
  for (const [k, x] of Object.entries(v)) {
    const sub = at ? `${at}.${k}` : k;
    out[keepKeys ? k : convert(k)] = keepKeys ? x : convertKeys(x, convert, opaque, sub);
  }
  return out;
}

/** Drops `undefined` and `null` deeply so values survive Struct.fromJavaScript and compare cleanly. */
export function clean<T>(v: T): T {
  if (Array.isArray(v)) return v.filter((x) => x !== undefined).map(clean) as T;
  if (!isPlainObject(v)) return v;
  const out: Record<string, unknown> = {};
  for (const [k, x] of Object.entries(v)) {
    if (x === undefined || x === null) continue;
    out[k] = clean(x);
  }
  return out as T;
}

/** Dotted paths of the leaves of a value: objects are walked, arrays and scalars are leaves. */
export function leafPaths(v: unknown, prefix = ""): string[] {
  if (!isPlainObject(v) || (prefix && Object.keys(v).length === 0)) return prefix ? [prefix] : [];
  return Object.entries(v).flatMap(([k, x]) => (x === undefined || x === null ? [] : leafPaths(x, prefix ? `${prefix}.${k}` : k)));
}

/** The value at a dotted path; numeric segments index lists ("hostnames.0"). */
export function getPath(v: unknown, dotted: string): unknown {
  let cur: unknown = v;
  for (const part of dotted.split(".")) {
    if (Array.isArray(cur) && /^\d+$/.test(part)) cur = cur[Number(part)];
    else if (isPlainObject(cur)) cur = cur[part];
    else return undefined;
  }
  return cur;
}

export function setPath(target: Record<string, unknown>, dotted: string, value: unknown): void {
  const parts = dotted.split(".");
  let cur = target;
  for (const part of parts.slice(0, -1)) {
    if (!isPlainObject(cur[part])) cur[part] = {};
    cur = cur[part] as Record<string, unknown>;
  }
  cur[parts[parts.length - 1]] = value;
}

/** Text in code-unit order: the same on every machine, whatever its locale. */
export function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
