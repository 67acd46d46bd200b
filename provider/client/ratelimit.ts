/**
 * Cloudflare's rate-limit headers, parsed. What the client does with them (the budget the server
 * reports, shared by every client of one user) is `ServerBudget`, beside the local budget in pacer.ts.
 *
 * Every REST answer carries (IETF draft "RateLimit header fields", structured-field lists):
 *   Ratelimit:        "default";r=50;t=30     r requests left in the current window, t seconds until it resets
 *   Ratelimit-Policy: "default";q=1200;w=300  q requests per window of w seconds
 * Both are lists: several comma-separated items, each a name (quoted string or token) followed by
 * `;key=value` parameters. The parser is lenient: unknown parameters are kept, malformed items are
 * skipped, a missing parameter leaves the item without it, and a header sent twice is read as one
 * list (HTTP joins repeated fields with commas).
 */

export type ParamValue = string | number | boolean;

export interface ListItem {
  /** The item's name: a quoted string's content, or a bare token, as sent. */
  name: string;
  /** Parameters by lower-cased key. Numbers are parsed as numbers, `;key` alone is `true`. */
  params: Record<string, ParamValue>;
}

/** One limit of `Ratelimit`: `r` requests left, `t` seconds until the window resets. */
export interface LimitItem {
  name: string;
  remaining: number;
  resetSeconds: number;
}

/** One policy of `Ratelimit-Policy`: `q` requests per `w` seconds. */
export interface PolicyItem {
  name: string;
  quota: number;
  windowSeconds?: number;
}

export type HeaderValue = string | string[] | undefined;

/** Parses a structured-field list (RFC 8941 §3.1, leniently). Never throws. */
export function parseList(header: HeaderValue): ListItem[] {
  const text = Array.isArray(header) ? header.join(",") : header;
  if (!text) return [];
  const items: ListItem[] = [];
  for (const member of splitOutsideQuotes(text, ",")) {
    const item = parseItem(member);
    if (item) items.push(item);
  }
  return items;
}

/** The limits of a `Ratelimit` header: items with a non-negative `r` and `t`. */
export function parseRatelimit(header: HeaderValue): LimitItem[] {
  const out: LimitItem[] = [];
  for (const { name, params } of parseList(header)) {
    const r = params.r;
    const t = params.t;
    if (typeof r !== "number" || typeof t !== "number" || r < 0 || t < 0) continue;
    out.push({ name, remaining: Math.floor(r), resetSeconds: t });
  }
  return out;
}

/** The policies of a `Ratelimit-Policy` header: items with a positive `q` (and `w` when given). */
export function parseRatelimitPolicy(header: HeaderValue): PolicyItem[] {
  const out: PolicyItem[] = [];
  for (const { name, params } of parseList(header)) {
    const q = params.q;
    const w = params.w;
    if (typeof q !== "number" || !(q > 0)) continue;
    out.push({ name, quota: Math.floor(q), windowSeconds: typeof w === "number" && w > 0 ? w : undefined });
  }
  return out;
}

function splitOutsideQuotes(text: string, separator: string): string[] {
  const parts: string[] = [];
  let current = "";
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted && c === "\\" && i + 1 < text.length) {
      current += c + text[++i];
      continue;
    }
    if (c === '"') quoted = !quoted;
    if (c === separator && !quoted) {
      parts.push(current);
      current = "";
    } else {
      current += c;
    }
  }
  parts.push(current);
  return parts;
}

function parseItem(member: string): ListItem | undefined {
  const [head, ...rest] = splitOutsideQuotes(member, ";");
  const name = parseBare(head.trim());
  if (name === undefined || typeof name !== "string" || name === "") return undefined;
  const params: Record<string, ParamValue> = {};
  for (const p of rest) {
    const eq = p.indexOf("=");
    const key = (eq < 0 ? p : p.slice(0, eq)).trim().toLowerCase();
    if (!/^[a-z*][a-z0-9_.*-]*$/.test(key)) continue;
    if (eq < 0) {
      params[key] = true;
      continue;
    }
    const value = parseBare(p.slice(eq + 1).trim());
    if (value !== undefined) params[key] = value;
  }
  return { name, params };
}

/** A bare item: quoted string, number, boolean (`?1`/`?0`) or token; undefined when empty or malformed. */
function parseBare(text: string): ParamValue | undefined {
  if (text === "") return undefined;
  if (text.startsWith('"')) {
    if (text.length < 2 || !text.endsWith('"')) return undefined;
    return text.slice(1, -1).replace(/\\(.)/g, "$1");
  }
  if (/^-?\d+(\.\d+)?$/.test(text)) return Number(text);
  if (text === "?1") return true;
  if (text === "?0") return false;
  if (/^[A-Za-z*][!#$%&'*+\-.^_`|~0-9A-Za-z:/]*$/.test(text)) return text;
  return undefined;
}
