/**
 * What one provider call says to the user, and to whom: the engine (log.ts) with the resource's
 * URN, so the Pulumi CLI shows it on that resource's row. A host runs each provider call inside
 * `reporting(reporter, fn)`; code deep in the call (a wait for an interconnect, the request pacer,
 * a table of routes being written) reaches its reporter with `report()`, without threading it
 * through every function. Outside a call (codegen, lookups, tests calling a provider directly)
 * `report()` is a reporter that says nothing.
 *
 * The dynamic-provider host (provider/index.ts) makes one from the engine address it was started
 * with and the `__urn` input the sdk writes; another host (a provider plugin) makes one from its
 * own engine connection and the URN of each request.
 */
import { AsyncLocalStorage } from "node:async_hooks";
import type { EngineLog } from "./log";

export interface Reporter {
  /** The resource this call is about, if known. */
  readonly urn?: string;
  /** A status line for the resource (ephemeral: the next one replaces it): progress of a long wait. */
  status(message: string): void;
  /** A message about the resource, kept in the CLI's output (what was done on the user's behalf). */
  info(message: string): void;
  /** A warning about the resource, kept in the CLI's output. */
  warn(message: string): void;
}

const SILENT: Reporter = { status: () => {}, info: () => {}, warn: () => {} };

/** A reporter that sends to `log`, naming the resource `urn`. */
export function reporterOf(log: EngineLog, urn?: string): Reporter {
  if (!log.connected) return urn ? { ...SILENT, urn } : SILENT;
  return {
    urn,
    status: (message) => void log.log("info", message, urn, true),
    info: (message) => void log.log("info", message, urn, false),
    warn: (message) => void log.log("warning", message, urn, false),
  };
}

const current = new AsyncLocalStorage<Reporter>();

/** Runs one provider call with `reporter` as what `report()` answers inside it. */
export function reporting<T>(reporter: Reporter, fn: () => Promise<T>): Promise<T> {
  return current.run(reporter, fn);
}

/** The reporter of the provider call this code runs in (one that says nothing outside a call). */
export function report(): Reporter {
  return current.getStore() ?? SILENT;
}

/**
 * Progress of `total` steps as status lines, at most about one per tenth of the work (and the
 * last), so a table of a thousand routes sends a dozen lines, not a thousand.
 */
export function progress(total: number, say: (done: number, total: number) => string): { step(): void } {
  const reporter = report();
  const every = Math.max(1, Math.ceil(total / 10));
  let done = 0;
  return {
    step() {
      done++;
      if (done % every === 0 || done === total) reporter.status(say(done, total));
    },
  };
}
