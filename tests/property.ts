import type * as fc from "fast-check";

/**
 * fast-check parameters for the property tests. Each run draws a fresh seed; on a failure
 * fast-check prints the seed and the counterexample's path, and the same run is replayed with
 *   FC_SEED=<seed> [FC_PATH=<path>] node tests/run-jest.js <test file>
 * FC_RUNS=<n> overrides every property's number of runs (e.g. a long soak: FC_RUNS=10000).
 * `numRuns` is sized so each test file takes a few seconds.
 */
export function runs<T>(numRuns: number): fc.Parameters<T> {
  const env = process.env;
  return {
    numRuns: env.FC_RUNS ? Number(env.FC_RUNS) : numRuns,
    ...(env.FC_SEED ? { seed: Number(env.FC_SEED) } : {}),
    ...(env.FC_PATH ? { path: env.FC_PATH } : {}),
  };
}
