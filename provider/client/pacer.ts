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
}

export const DEFAULT_PACING: PacingOptions = {
  requestsPerWindow: 1200,
  windowMs: 300_000,
  maxConcurrency: 8,
  enabled: true,
};

export interface PacerStats {
  /** Requests that passed the gate. */
  started: number;
  /** Total time requests spent waiting for budget, in ms. */
  waitedMs: number;
  /** Times a 429's Retry-After paused the whole process. */
  pauses: number;
}

export class Pacer {
  private options: PacingOptions;
  /** Requests started and not yet completed: each holds a place in the budget. */
  private holding = 0;
  /** When completed requests give back their place (completion + window), oldest first; `head` skips expired ones cheaply. */
  private expiries: number[] = [];
  private head = 0;
  /** Wakes requests waiting for budget when a request completes. */
  private completed: Array<() => void> = [];
  private pausedUntil = 0;
  private inFlight = 0;
  private readonly waitingForSlot: Array<() => void> = [];
  /** Budget is granted strictly in arrival order: each acquisition chains on the previous one. */
  private turn: Promise<void> = Promise.resolve();
  readonly stats: PacerStats = { started: 0, waitedMs: 0, pauses: 0 };

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
    await this.takeSlot();
    const myTurn = this.turn.then(() => this.waitForBudget());
    this.turn = myTurn.then(() => undefined, () => undefined);
    let held: boolean;
    try {
      held = await myTurn;
    } catch (e) {
      this.freeSlot();
      throw e;
    }
    let released = false;
    return () => {
      if (!released) {
        released = true;
        if (held) {
          this.holding--;
          this.expiries.push(Date.now() + this.options.windowMs);
          for (const wake of this.completed.splice(0)) wake();
        }
        this.freeSlot();
      }
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

  /** Resolves when the request may start; true when it holds a place in the budget. */
  private async waitForBudget(): Promise<boolean> {
    const began = Date.now();
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
      }
      if (wait <= 0) {
        if (this.options.enabled) this.holding++;
        this.stats.started++;
        this.stats.waitedMs += now - began;
        return this.options.enabled;
      }
      await (wait === Infinity ? new Promise<void>((wake) => this.completed.push(wake)) : sleep(Math.max(wait, 1)));
    }
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
