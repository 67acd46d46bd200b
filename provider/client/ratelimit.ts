/**
 * Cloudflare's rate-limit headers, and what the server says about the budget of one credential.
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

type HeaderValue = string | string[] | undefined;

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

// ---- what the server says about one credential's budget ------------------------------------------

/** Handed out when a request of a budget starts; given back with its answer. */
export interface BudgetTicket {
  /** Requests of this budget that had completed when this one started. */
  readonly completedBefore: number;
}

/** The freshest knowledge of one server limit (one `Ratelimit` item name). */
interface LimitWindow {
  /**
   * `r + completedBefore + 1` of the most conservative answer of this window: the remaining
   * budget now is at least `key - started`, where `started` counts this budget's requests so far
   * (see `estimate`). Kept as the minimum over the window's answers, so an answer that started
   * earlier and arrives later (carrying an older, higher r) never raises it.
   */
  key: number;
  /** When the window resets (ms since epoch): answer time + t, plus a margin. */
  resetAt: number;
  /** Highest `r` seen, a floor for the quota when no policy names this limit. */
  highestRemaining: number;
}

/** Tunables of the shared-budget rule; the defaults are documented in the README. */
export interface SharedBudgetOptions {
  /** Fraction of the quota kept free for other clients' requests in flight. Default 0.1. */
  reserveFraction: number;
  /** Spend what is left over at most this fraction of the window (or what is left of it). Default 0.1. */
  spreadFraction: number;
}

const DEFAULT_SHARED_BUDGET: SharedBudgetOptions = { reserveFraction: 0.1, spreadFraction: 0.1 };

/** Longest a request waits for the answer to a probe before it goes out anyway. */
const PROBE_MS = 1000;

/** Added to `t`: Cloudflare rounds `t` to whole seconds; never assume a reset before it happened. */
const RESET_MARGIN_MS = 500;

/** What the gate says: start now (0), wait so many ms, or wait for an answer to arrive. */
export type BudgetWait = { ms: number; reason?: "reset" | "spread" | "probe" };

/**
 * The budget one credential has at the server, as its answers report it. Any number of processes
 * on any number of machines using credentials of the same user draw from one server budget; each
 * sees the others only through `r`. The rule (applied by the Pacer before every request):
 *
 * 1. Estimate what is left now: the freshest `r`, minus every request of ours that the server may
 *    not have counted in it (those started after that answer's request, and those still in flight
 *    when it started). Answers may arrive out of order: per window the lowest estimate wins, and an
 *    answer about an earlier window is ignored.
 * 2. Keep a reserve of `reserveFraction × q` (120 of Cloudflare's 1,200) for what other clients
 *    have in flight and have not been counted yet. When the estimate is at or below the reserve,
 *    wait until the window resets (`t`).
 * 3. Above it, spend what is left over the reserve evenly over `spreadFraction` of the window, or
 *    over what remains of the window if that is shorter: with A left, one request every
 *    `min(t, 0.1 × w) / A`. Every process doing this with K processes sharing the budget makes A
 *    decay like e^(−K·τ / (0.1·w)), which never reaches the reserve within a window whatever K is;
 *    one process alone still spends 63 % of a fresh window in its first tenth.
 * 4. With no fresh knowledge (at start-up, or once a window has reset), one request at a time goes
 *    out until an answer tells the new `r` (or a second has passed, so a stalled request cannot
 *    hold everything): a new process never bursts into a nearly spent budget. If answers carry no
 *    `Ratelimit` header at all, only the local budget applies.
 */
export class ServerBudget {
  /** "unknown" until the first answer; "none" when answers carry no Ratelimit header. */
  mode: "unknown" | "headers" | "none" = "unknown";
  private started = 0;
  private completed = 0;
  private inFlight = 0;
  private lastStartMs = 0;
  private readonly limits = new Map<string, LimitWindow>();
  private readonly policies = new Map<string, PolicyItem>();
  /** The reason of the last wait logged, so a long wait is logged once, not at every wake-up. */
  private lastLoggedWait?: string;

  constructor(
    private readonly log?: (line: string) => void,
    readonly options: SharedBudgetOptions = DEFAULT_SHARED_BUDGET,
  ) {}

  /** How long the next request must wait for the server's budget (0: it may start). */
  wait(now: number): BudgetWait {
    if (this.mode === "none") return { ms: 0 };
    for (const [name, w] of this.limits) if (w.resetAt <= now) this.limits.delete(name);
    if (this.limits.size === 0) {
      // Nothing fresh known: probe with one request at a time until an answer says more. A probe
      // that hangs (a stalled connection) holds the others back for at most PROBE_MS each.
      return this.inFlight > 0 ? { ms: this.lastStartMs + PROBE_MS - now, reason: "probe" } : { ms: 0 };
    }
    let worst: BudgetWait = { ms: 0 };
    for (const [name, w] of this.limits) {
      const quota = this.policies.get(name)?.quota ?? w.highestRemaining;
      const reserve = Math.ceil(quota * this.options.reserveFraction);
      const left = w.key - this.started;
      const spendable = left - reserve;
      let ms: number;
      let reason: BudgetWait["reason"];
      if (spendable <= 0) {
        ms = w.resetAt - now;
        reason = "reset";
        const line = `${name}:${w.resetAt}`;
        if (this.lastLoggedWait !== line) {
          this.lastLoggedWait = line;
          this.log?.(
            `server budget "${name}": about ${Math.max(left, 0)} of ${quota} left, at or below the reserve of ${reserve}; waiting ${Math.ceil(ms / 1000)} s for the window to reset`,
          );
        }
      } else {
        const windowMs = (this.policies.get(name)?.windowSeconds ?? 0) * 1000;
        const horizon = Math.min(w.resetAt - now, windowMs > 0 ? windowMs * this.options.spreadFraction : Infinity);
        ms = this.lastStartMs + horizon / spendable - now;
        reason = "spread";
      }
      if (ms > worst.ms) worst = { ms, reason };
    }
    return worst;
  }

  /** A request of this budget starts now. */
  begin(now: number): BudgetTicket {
    const ticket = { completedBefore: this.completed };
    this.started++;
    this.inFlight++;
    this.lastStartMs = now;
    return ticket;
  }

  /** The request's answer arrived with these headers (any status). Returns a summary for the debug log. */
  observe(ticket: BudgetTicket, ratelimit: HeaderValue, policy: HeaderValue, now: number): string | undefined {
    const limits = parseRatelimit(ratelimit);
    for (const p of parseRatelimitPolicy(policy)) this.policies.set(p.name, p);
    if (limits.length === 0) {
      if (this.mode === "unknown") {
        this.mode = "none";
        this.log?.("the server sends no Ratelimit header: only the local budget (requestsPerWindow) applies");
      }
      return undefined;
    }
    if (this.mode !== "headers") {
      this.mode = "headers";
      this.log?.("the server reports its budget (Ratelimit header): pacing against it, shared with every client of this user");
    }
    const parts: string[] = [];
    for (const l of limits) {
      const key = l.remaining + ticket.completedBefore + 1;
      const resetAt = now + l.resetSeconds * 1000 + RESET_MARGIN_MS;
      const windowMs = (this.policies.get(l.name)?.windowSeconds ?? 0) * 1000;
      // Two answers of one window estimate its reset within ~1 s (t is rounded) plus latency.
      const slack = windowMs > 0 ? Math.min(1500, windowMs / 2) : 1500;
      const cur = this.limits.get(l.name);
      if (resetAt > now && (!cur || cur.resetAt <= now || resetAt > cur.resetAt + slack)) {
        // First knowledge, or a newer window (or a lockout) than the one we knew.
        this.limits.set(l.name, { key, resetAt, highestRemaining: l.remaining });
      } else if (cur && resetAt >= cur.resetAt - slack) {
        // Same window: keep the most conservative estimate.
        cur.key = Math.min(cur.key, key);
        cur.resetAt = Math.max(cur.resetAt, resetAt);
        cur.highestRemaining = Math.max(cur.highestRemaining, l.remaining);
      } // else: an answer about a window that has already ended; it says nothing about this one.
      const q = this.policies.get(l.name)?.quota;
      parts.push(`${l.name} r=${l.remaining}${q !== undefined ? `/${q}` : ""} t=${l.resetSeconds}s`);
    }
    return `budget ${parts.join(", ")}`;
  }

  /** The request is over (answered or failed). */
  end(): void {
    this.completed++;
    this.inFlight--;
  }
}
