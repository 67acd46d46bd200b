/**
 * Fault injection, so clients can be tested against an unreliable API: a one-shot queue for
 * deterministic tests, and random faults drawn from a seeded PRNG so a run can be replayed.
 */
import { FAULT_DEFAULTS, type FaultOptions } from "./switches";

export type FaultKind = "5xx" | "drop-before" | "drop-after" | "429" | "stall";

export const FAULT_KINDS: readonly FaultKind[] = ["5xx", "drop-before", "drop-after", "429", "stall"];

/** A fault for the first later request that matches `method` and `pathIncludes` (when given). */
export interface InjectedFault {
  kind: FaultKind;
  method?: string;
  /** Substring of the request URL (path and query string). */
  pathIncludes?: string;
  retryAfterSeconds?: number;
  stallMs?: number;
  /** Status of a "5xx" fault; default 500. */
  status?: number;
}

export interface FaultDecision {
  kind: FaultKind;
  /** HTTP status of "5xx" faults. */
  status: number;
  retryAfterSeconds: number;
  stallMs: number;
}

/** mulberry32: tiny, fast, good enough for choosing faults reproducibly. */
export function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const STATUSES_5XX = [500, 502, 503];

export class FaultPlan {
  private options: FaultOptions = {};
  private random = mulberry32(FAULT_DEFAULTS.seed);
  private readonly queue: InjectedFault[] = [];

  constructor(options?: FaultOptions) {
    this.configure(options);
  }

  /** Replaces the random fault rates and restarts the PRNG from the seed; the queue is kept. */
  configure(options: FaultOptions = {}): void {
    const total = this.rates(options).reduce((sum, [, rate]) => sum + rate, 0);
    if (total > 1 || this.rates(options).some(([, rate]) => rate < 0)) {
      throw new Error(`fault rates must be between 0 and 1 and add up to at most 1: ${JSON.stringify(options)}`);
    }
    this.options = options;
    this.random = mulberry32(options.seed ?? FAULT_DEFAULTS.seed);
  }

  injectNext(fault: InjectedFault): void {
    this.queue.push(fault);
  }

  /** Number of injected faults not yet consumed. */
  get pending(): number {
    return this.queue.length;
  }

  /** Consumes the first matching injected fault, otherwise draws a random one (or none). */
  decide(method: string, url: string): FaultDecision | undefined {
    const index = this.queue.findIndex(
      (f) =>
        (f.method === undefined || f.method.toUpperCase() === method) && (f.pathIncludes === undefined || url.includes(f.pathIncludes)),
    );
    if (index !== -1) {
      const [fault] = this.queue.splice(index, 1);
      return {
        kind: fault.kind,
        status: fault.status ?? FAULT_DEFAULTS.status,
        retryAfterSeconds: fault.retryAfterSeconds ?? this.options.retryAfterSeconds ?? FAULT_DEFAULTS.retryAfterSeconds,
        stallMs: fault.stallMs ?? this.options.stallMs ?? FAULT_DEFAULTS.stallMs,
      };
    }
    const rates = this.rates(this.options);
    // No draw at all without rates, so enabling faults later starts from the seed's first number.
    if (!rates.some(([, rate]) => rate > 0)) return undefined;
    let roll = this.random();
    for (const [kind, rate] of rates) {
      if (roll < rate) {
        return {
          kind,
          status: kind === "5xx" ? STATUSES_5XX[Math.floor(this.random() * STATUSES_5XX.length)] : FAULT_DEFAULTS.status,
          retryAfterSeconds: this.options.retryAfterSeconds ?? FAULT_DEFAULTS.retryAfterSeconds,
          stallMs: this.options.stallMs ?? FAULT_DEFAULTS.stallMs,
        };
      }
      roll -= rate;
    }
    return undefined;
  }

  private rates(o: FaultOptions): Array<[FaultKind, number]> {
    return [
      ["5xx", o.rate5xx ?? 0],
      ["drop-before", o.dropBeforeRate ?? 0],
      ["drop-after", o.dropAfterRate ?? 0],
      ["429", o.rate429 ?? 0],
      ["stall", o.stallRate ?? 0],
    ];
  }
}
