/**
 * A real provider host (Pulumi's dynamic-provider host, spawned with plain node and driven over
 * gRPC) configured against the out-of-process emulator the way `pulumi up` configures it, and a
 * ProgramDriver that runs whole programs under setMocks, forwarding each resource to that host.
 * Same wiring as tests/resources/stack.ts, with the pacing settings the benchmark reports.
 */
import { type Host, secret, startHost } from "../../tests/harness/host";
import { ProgramDriver } from "../../tests/harness/program";
import { ACCOUNT, REPO, type RemoteEmulator, TOKEN } from "./common";

/** Host settings for the API-cost runs: enough concurrency, pacing on with a budget that never throttles. */
export const HOST_SETTINGS: Record<string, string> = {
  "cloudflare-magic:maxConcurrency": "16",
  "cloudflare-magic:requestsPerWindow": "100000",
  "cloudflare-magic:windowSeconds": "300",
  "cloudflare-magic:pacing": "true",
  "cloudflare-magic:maxAttempts": "6",
};

export const describeSettings = (s: Record<string, string> = HOST_SETTINGS): string =>
  Object.entries(s)
    .map(([k, v]) => `\`${k}=${v}\``)
    .join(", ");

export interface BenchStack {
  host: Host;
  driver: ProgramDriver;
  close(): Promise<void>;
}

export async function benchStack(emulator: RemoteEmulator, settings: Record<string, string> = HOST_SETTINGS): Promise<BenchStack> {
  const host = await startHost({ cwd: REPO, project: "bench" });
  await host.configure({
    "cloudflare:apiToken": secret(TOKEN),
    "cloudflare-magic:accountId": ACCOUNT,
    "cloudflare-magic:baseUrl": emulator.url,
    ...settings,
  });
  const driver = new ProgramDriver({ host, project: "bench", stack: "dev" });
  return { host, driver, close: () => host.close() };
}

/**
 * Deletes everything in the driver's state the way the engine does when nothing depends on
 * anything: all deletes issued at once (the engine runs independent steps in parallel; the
 * harness's own `destroy()` deletes up to P at once, dependants first). Returns the host delete calls made.
 */
export async function parallelDestroy(s: BenchStack): Promise<number> {
  const entries = [...s.driver.state.values()];
  const urns = new Set(entries.map((e) => e.urn));
  if (entries.some((e) => e.dependencies.some((d) => urns.has(d)))) {
    await s.driver.destroy(); // dependencies present: keep the harness's ordered destroy
    return entries.filter((e) => e.custom && e.id).length;
  }
  const doomed = entries.filter((e) => e.custom && e.id && e.type.startsWith("pulumi-nodejs:dynamic"));
  await Promise.all(
    doomed.map(async (e) => {
      await s.host.delete(e.id!, e.urn, e.outputs);
      s.driver.state.delete(e.urn);
    }),
  );
  await s.driver.destroy(); // whatever is left (nothing dynamic)
  return doomed.length;
}

/** JSON size in bytes of a value (what a state file holds for it, without indentation). */
export const jsonBytes = (v: unknown): number => Buffer.byteLength(JSON.stringify(v), "utf8");
