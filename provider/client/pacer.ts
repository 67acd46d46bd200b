import { type BudgetTicket, ServerBudget } from "./ratelimit";

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
 * left of it (`Ratelimit: "default";r=R;t=T`). When a request is made for a `ServerBudget` (one per
 * credential, see ratelimit.ts), it must also pass that budget's gate: what the server reports
 * left, minus our requests it may not have counted yet, minus a reserve for other clients' requests
 * in flight, spread over the window; at or below the reserve, wait for the window to reset. Both
 * gates apply: the server's budget never lets a request start sooner than the local one would.
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
   * client of the same user (see ratelimit.ts). Default true; false leaves the local budget alone
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
    for (;;) {
      const now = Date.now();
      let wait = this.pausedUntil - now;
      if (wait <= 0 && this.options.enabled) {
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

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** The one budget of this process. Every client created in the process shares it. */
export const processPacer = new Pacer();
