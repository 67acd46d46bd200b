import * as pulumi from "@pulumi/pulumi";

/**
 * The current run of the program: the runtime's monitor, a new object for every run (one run of
 * the program is one process under the CLI; the test harness runs several in one process).
 * Undefined outside a Pulumi run. What the program side keeps per run (name claims, warnings
 * given once) is keyed by it.
 */
export function currentRun(): object | undefined {
  let monitor: unknown;
  try {
    monitor = pulumi.runtime.getMonitor();
  } catch {
    return undefined;
  }
  return monitor && typeof monitor === "object" ? monitor : undefined;
}

/** The value kept for the current run in `table` (made by `make` on first use), or `fallback` outside a run. */
export function perRun<T>(table: WeakMap<object, T>, fallback: T, make: () => T): T {
  const run = currentRun();
  if (!run) return fallback;
  let value = table.get(run);
  if (value === undefined) table.set(run, (value = make()));
  return value;
}
