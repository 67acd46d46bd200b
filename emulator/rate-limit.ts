/**
 * Cloudflare-style rate limiting: a budget of `requests` per window of `windowSeconds` per USER
 * (Cloudflare: 1,200 requests per 5 minutes per user, counted across the dashboard, the global
 * API key and every API token of that user). Exceeding it locks the user out (Cloudflare: 5
 * minutes of 429s) and every request of that user during the lockout is refused, whatever it is.
 *
 * The window is a fixed one per user: it opens with the user's first counted request and resets
 * to the full quota `windowSeconds` later. That is what Cloudflare's headers describe (`r` requests
 * left in the current window, `t` seconds until it resets), and any client that keeps every
 * sliding window under the limit also keeps every such fixed window under it.
 *
 * Every answer to a user carries the headers in Cloudflare's format:
 *   Ratelimit: "default";r=<left>;t=<seconds until the window resets>
 *   Ratelimit-Policy: "default";q=<requests>;w=<windowSeconds>
 * During a lockout `r` is 0 and `t` is the rest of the lockout.
 */
import { DEFAULT_LOCKOUT_SECONDS, type RateLimitOptions } from "./switches";

/** The headers' numbers for one answer. */
export interface RateLimitState {
  /** Requests left in the current window, this one counted. */
  remaining: number;
  /** Whole seconds until the window (or the lockout) ends, rounded up. */
  resetSeconds: number;
  quota: number;
  windowSeconds: number;
}

export type RateLimitResult = { ok: true; state?: RateLimitState } | { ok: false; retryAfterSeconds: number; state: RateLimitState };

/** The name Cloudflare gives its global limit in `Ratelimit` / `Ratelimit-Policy`. */
const LIMIT_NAME = "default";

/** `Ratelimit` and `Ratelimit-Policy` for an answer, as Cloudflare writes them. */
export function rateLimitHeaders(state: RateLimitState): Record<string, string> {
  return {
    Ratelimit: `"${LIMIT_NAME}";r=${state.remaining};t=${state.resetSeconds}`,
    "Ratelimit-Policy": `"${LIMIT_NAME}";q=${state.quota};w=${formatSeconds(state.windowSeconds)}`,
  };
}

function formatSeconds(s: number): string {
  return Number.isInteger(s) ? String(s) : String(Math.ceil(s));
}

interface Window {
  startedMs: number;
  count: number;
}

export class RateLimiter {
  private options: RateLimitOptions | undefined;
  private readonly windows = new Map<string, Window>();
  private readonly lockedUntil = new Map<string, number>();

  constructor(options?: RateLimitOptions) {
    this.configure(options);
  }

  /** Replaces the limit and forgets all history and lockouts; undefined disables rate limiting. */
  configure(options: RateLimitOptions | undefined): void {
    if (options && !(options.requests > 0 && options.windowSeconds > 0 && (options.lockoutSeconds ?? 1) >= 0)) {
      throw new Error(`invalid rate limit ${JSON.stringify(options)}`);
    }
    this.options = options;
    this.windows.clear();
    this.lockedUntil.clear();
  }

  /** Counts one request of `user`; without a limit configured, always ok and no state (no headers). */
  check(user: string, nowMs = Date.now()): RateLimitResult {
    if (!this.options) return { ok: true };
    const { requests, windowSeconds, lockoutSeconds = DEFAULT_LOCKOUT_SECONDS } = this.options;
    const windowMs = windowSeconds * 1000;
    const policy = { quota: requests, windowSeconds };
    const until = this.lockedUntil.get(user);
    if (until !== undefined) {
      if (nowMs < until) {
        const left = Math.ceil((until - nowMs) / 1000);
        return { ok: false, retryAfterSeconds: left, state: { ...policy, remaining: 0, resetSeconds: left } };
      }
      this.lockedUntil.delete(user);
      this.windows.delete(user);
    }
    let w = this.windows.get(user);
    if (!w || nowMs >= w.startedMs + windowMs) {
      w = { startedMs: nowMs, count: 0 };
      this.windows.set(user, w);
    }
    if (w.count >= requests) {
      this.windows.delete(user);
      this.lockedUntil.set(user, nowMs + lockoutSeconds * 1000);
      const left = Math.max(1, Math.ceil(lockoutSeconds));
      return { ok: false, retryAfterSeconds: left, state: { ...policy, remaining: 0, resetSeconds: left } };
    }
    w.count++;
    const resetSeconds = Math.max(1, Math.ceil((w.startedMs + windowMs - nowMs) / 1000));
    return { ok: true, state: { ...policy, remaining: requests - w.count, resetSeconds } };
  }
}
