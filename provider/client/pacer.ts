import { report } from "../engine/report";
import { type HeaderValue, parseRatelimit, parseRatelimitPolicy, type PolicyItem } from "./ratelimit";

/**
 * The request budget shared by every request of one process (one provider host serves a whole
 * `pulumi up`). Cloudflare allows 1,200 requests per 5 minutes per token and locks the token out
 * for 5 minutes when that is exceeded.
 *
 * Each request holds a place in the budget from its start until `windowMs` after it completes,
 * and a request starts only while fewer than `requestsPerWindow` places are held. Cloudflare
 * counts a request when it arrives, which is after it started and before it completed, so this
 * guarantees that no window of `windowMs` at the server ever holds more than
 * `requestsPerWindow` of our requests, whatever the network delay (counting starts alone does not:
 * requests started just before a window can arrive inside it). A cap on requests in flight keeps
 * bursts polite, and a 429's Retry-After pauses everyone, not just the request that got it.
 *
 * That local budget only knows this process. Cloudflare's budget belongs to the user, shared by
 * every process on every machine using that user's credentials, and every answer reports what is
 * left of it (`Ratelimit: "default";r=R;t=T`, parsed in ratelimit.ts). When a request is made for a
 * `ServerBudget` (one per credential, below), it must also pass that budget's gate: what the server
 * reports left, minus our requests it may not have counted yet, minus a reserve for other clients'
 * requests in flight, spread over the window; at or below the reserve, wait for the window to
 * reset. Both gates apply: the server's budget never lets a request start sooner than the local
 * one would.
 */

export interface PacingOptions {
  /** Requests allowed to start in any window. Default 1,200 (Cloudflare's per-token limit). */
  requestsPerWindow: number;
  /** The window, in milliseconds. Default 300,000 (5 minutes). */
  windowMs: number;
  /** Requests in flight at once. Default 8. */
  maxConcurrency: number;
  /** When false, only the concurrency cap applies: no budget, no process-wide pause (to show what happens without pacing). */
  enabled: boolean;
  /**
   * Pace against the budget the server reports in its `Ratelimit` headers, shared with every other
   * client of the same user (see `ServerBudget`). Default true; false leaves the local budget alone
   * (each process then believes it owns the whole budget). Ignored when `enabled` is false.
   */
  sharedBudget: boolean;
}

const DEFAULT_PACING: PacingOptions = {
  requestsPerWindow: 1200,
  windowMs: 300_000,
  maxConcurrency: 8,
  enabled: true,
  sharedBudget: true,
};

export interface PacerStats {
  /** Requests that passed the gate. */
  started: number;
  /** Total time requests spent waiting for budget, in ms. */
  waitedMs: number;
  /** Times a 429's Retry-After paused the whole process. */
  pauses: number;
  /** Times a request waited for the server's window to reset (the shared budget was down to its reserve). */
  serverResets: number;
  /** Time requests spent waiting for the server's budget (reserve, spreading, probing), in ms. */
  serverWaitedMs: number;
}

/** A request's place, from `acquireFor`: tell it the answer's headers, then release it. */
export interface Grant {
  /** The answer's `Ratelimit` / `Ratelimit-Policy` headers arrived; returns a summary for the debug log. */
  observe(ratelimit: string | string[] | undefined, policy: string | string[] | undefined): string | undefined;
  /** The request is over (answered or failed). Idempotent. */
  release(): void;
}

/** A wait for budget this long or longer is shown as the resource's status. */
const WAIT_NOTICE_MS = 2000;

export class Pacer {
  private options: PacingOptions;
  /** Requests started and not yet completed: each holds a place in the budget. */
  private holding = 0;
  /** When completed requests give back their place (completion + window), oldest first; `head` skips expired ones cheaply. */
  private expiries: number[] = [];
  private head = 0;
  /** Wakes requests waiting for budget when a request completes or an answer reports the server's budget. */
  private completed: Array<() => void> = [];
  /** Budgets whose current wait for a server reset is already counted in the stats. */
  private readonly countedReset = new Set<ServerBudget>();
  private pausedUntil = 0;
  private inFlight = 0;
  private readonly waitingForSlot: Array<() => void> = [];
  /** Budget is granted strictly in arrival order: each acquisition chains on the previous one. */
  private turn: Promise<void> = Promise.resolve();
  readonly stats: PacerStats = { started: 0, waitedMs: 0, pauses: 0, serverResets: 0, serverWaitedMs: 0 };

  constructor(options: Partial<PacingOptions> = {}) {
    this.options = { ...DEFAULT_PACING, ...options };
  }

  get settings(): Readonly<PacingOptions> {
    return this.options;
  }

  /** Changes the limits in place; requests already waiting see the new limits. */
  configure(options: Partial<PacingOptions>): void {
    this.options = { ...this.options, ...options };
    this.releaseWaiters();
  }

  /** Waits for a concurrency slot and for budget; returns the function that frees the slot. */
  async acquire(): Promise<() => void> {
    const grant = await this.acquireFor(undefined);
    return () => grant.release();
  }

  /**
   * Waits for a concurrency slot, the local budget and, when given, the server's budget of the
   * credential the request is made with.
   */
  async acquireFor(budget: ServerBudget | undefined): Promise<Grant> {
    await this.takeSlot();
    const myTurn = this.turn.then(() => this.waitForBudget(budget));
    this.turn = myTurn.then(
      () => undefined,
      () => undefined,
    );
    let granted: { held: boolean; ticket?: BudgetTicket };
    try {
      granted = await myTurn;
    } catch (e) {
      this.freeSlot();
      throw e;
    }
    let released = false;
    return {
      observe: (ratelimit, policy) => {
        if (released || !granted.ticket || !budget) return undefined;
        const summary = budget.observe(granted.ticket, ratelimit, policy, Date.now());
        this.wake();
        return summary;
      },
      release: () => {
        if (released) return;
        released = true;
        if (granted.held) {
          this.holding--;
          this.expiries.push(Date.now() + this.options.windowMs);
        }
        if (granted.ticket) budget!.end();
        this.wake();
        this.freeSlot();
      },
    };
  }

  /**
   * Pauses every request of the process until `ms` from now (a 429's Retry-After). Part of
   * pacing: with pacing off, only the request that got the 429 waits (in its retry).
   */
  pause(ms: number): void {
    if (!this.options.enabled) return;
    const until = Date.now() + ms;
    if (until > this.pausedUntil) {
      this.pausedUntil = until;
      this.stats.pauses++;
    }
  }

  /**
   * Resolves when the request may start: `held` when it holds a place in the local budget, and a
   * ticket when it counts against the server's budget.
   */
  private async waitForBudget(budget: ServerBudget | undefined): Promise<{ held: boolean; ticket?: BudgetTicket }> {
    const began = Date.now();
    let serverWait = false;
    let serverSince = 0;
    let told = false;
    for (;;) {
      const now = Date.now();
      let wait = this.pausedUntil - now;
      let why = "Cloudflare answered 429 and asked every request to wait";
      if (wait <= 0 && this.options.enabled) {
        why = `this process's budget of ${this.options.requestsPerWindow} requests per window is spent`;
        while (this.head < this.expiries.length && this.expiries[this.head] <= now) this.head++;
        if (this.head > 1024) {
          this.expiries = this.expiries.slice(this.head);
          this.head = 0;
        }
        if (this.holding + this.expiries.length - this.head >= this.options.requestsPerWindow) {
          // Full: wait for the oldest place to expire, or for a running request to complete.
          wait = this.head < this.expiries.length ? this.expiries[this.head] - now : Infinity;
        }
        if (wait <= 0 && budget && this.options.sharedBudget) {
          const server = budget.wait(now);
          if (server.ms > 0) {
            if (!serverWait) {
              serverWait = true;
              serverSince = now;
            }
            if (server.reason === "reset") {
              if (!this.countedReset.has(budget)) {
                this.countedReset.add(budget);
                this.stats.serverResets++;
              }
            }
            wait = server.ms;
            why =
              server.reason === "reset"
                ? "the account's budget on Cloudflare is down to its reserve until the window resets"
                : "spreading requests over the account's budget on Cloudflare";
          }
        }
      }
      if (wait <= 0) {
        const sharing = budget !== undefined && this.options.enabled && this.options.sharedBudget;
        if (this.options.enabled) this.holding++;
        if (budget) this.countedReset.delete(budget);
        this.stats.started++;
        this.stats.waitedMs += now - began;
        if (serverWait) this.stats.serverWaitedMs += now - serverSince;
        return { held: this.options.enabled, ticket: sharing ? budget.begin(now) : undefined };
      }
      // A long wait is the resource's status in the CLI (a no-op outside a provider call).
      if (!told && wait >= WAIT_NOTICE_MS && wait !== Infinity) {
        told = true;
        report().status(`waiting ${Math.ceil(wait / 1000)} s for the rate-limit budget: ${why}`);
      }
      await this.nap(wait);
    }
  }

  /** Sleeps `ms` (Infinity: until woken), or less when a request completes or an answer arrives. */
  private nap(ms: number): Promise<void> {
    return new Promise<void>((resolve) => {
      const timer = ms === Infinity ? undefined : setTimeout(done, Math.max(ms, 1));
      function done(): void {
        if (timer) clearTimeout(timer);
        resolve();
      }
      this.completed.push(done);
    });
  }

  private wake(): void {
    for (const wake of this.completed.splice(0)) wake();
  }

  private takeSlot(): Promise<void> {
    if (this.inFlight < this.options.maxConcurrency) {
      this.inFlight++;
      return Promise.resolve();
    }
    return new Promise((resolve) => this.waitingForSlot.push(resolve));
  }

  private freeSlot(): void {
    this.inFlight--;
    this.releaseWaiters();
  }

  private releaseWaiters(): void {
    while (this.inFlight < this.options.maxConcurrency && this.waitingForSlot.length > 0) {
      this.inFlight++;
      this.waitingForSlot.shift()!();
    }
  }
}

// ---- the server's budget of one credential ------------------------------------------------------

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

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** The one budget of this process. Every client created in the process shares it. */
export const processPacer = new Pacer();
