/**
 * Cloudflare-style rate limiting: a sliding window of requests per credential; exceeding it locks the
 * credential out (Cloudflare: 1200 requests / 5 minutes, then 5 minutes of 429s) and every request
 * during the lockout is refused, whatever it is.
 */
export interface RateLimitOptions {
  /** Requests allowed within the window. */
  requests: number;
  windowSeconds: number;
  /** How long a credential is refused once over the limit; defaults to 300 like Cloudflare. */
  lockoutSeconds?: number;
}

export type RateLimitResult = { ok: true } | { ok: false; retryAfterSeconds: number };

export const DEFAULT_LOCKOUT_SECONDS = 300;

export class RateLimiter {
  private options: RateLimitOptions | undefined;
  private readonly recent = new Map<string, number[]>();
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
    this.recent.clear();
    this.lockedUntil.clear();
  }

  check(credential: string, nowMs = Date.now()): RateLimitResult {
    if (!this.options) return { ok: true };
    const { requests, windowSeconds, lockoutSeconds = DEFAULT_LOCKOUT_SECONDS } = this.options;
    const until = this.lockedUntil.get(credential);
    if (until !== undefined) {
      if (nowMs < until) return { ok: false, retryAfterSeconds: Math.ceil((until - nowMs) / 1000) };
      this.lockedUntil.delete(credential);
      this.recent.delete(credential);
    }
    const windowStart = nowMs - windowSeconds * 1000;
    const times = (this.recent.get(credential) ?? []).filter((t) => t > windowStart);
    if (times.length >= requests) {
      this.recent.delete(credential);
      this.lockedUntil.set(credential, nowMs + lockoutSeconds * 1000);
      return { ok: false, retryAfterSeconds: Math.max(1, Math.ceil(lockoutSeconds)) };
    }
    times.push(nowMs);
    this.recent.set(credential, times);
    return { ok: true };
  }
}
