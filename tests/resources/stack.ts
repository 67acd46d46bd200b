import * as path from "node:path";
import { type Emulator, provisionTunnelsFor, startEmulator } from "../../emulator";
import { type FakeEngine, startFakeEngine } from "../harness/engine";
import { type Host, secret, startHost } from "../harness/host";
import { ProgramDriver } from "../harness/program";

export const ACCOUNT = "0123456789abcdef0123456789abcdef";
export const TOKEN = "cf-test-token-4f1d2c3b-NEVER-IN-STATE";
export const REPO = path.resolve(__dirname, "../..");

const WRITE_METHODS = new Set(["POST", "PUT", "PATCH", "DELETE"]);
/** A request that can change the account (what an adoption or a no-op apply must never send). */
export const isWrite = (r: { method: string }): boolean => WRITE_METHODS.has(r.method);

export interface TestStack {
  emulator: Emulator;
  host: Host;
  driver: ProgramDriver;
  /** The fake engine the host logs to, when asked for (`testStack(config, { engine: true })`). */
  engine?: FakeEngine;
  /** Everything a test could leak into: state (inputs and outputs) and the host's output. */
  everythingWritten(): string;
  close(): Promise<void>;
}

/**
 * A local emulator, a real provider host configured against it the way `pulumi up` configures
 * it (stack config with the token as a secret), and a program driver over that host.
 * Fast retries keep injected-fault tests quick.
 */
export async function testStack(extraConfig: Record<string, unknown> = {}, opts: { engine?: boolean } = {}): Promise<TestStack> {
  const emulator = await startEmulator({ tokens: [TOKEN] });
  const engine = opts.engine ? await startFakeEngine() : undefined;
  const host = await startHost({ cwd: REPO, project: "test", engine: engine?.address });
  await host.configure({
    "cloudflare:apiToken": secret(TOKEN),
    "cloudflare-magic:accountId": ACCOUNT,
    "cloudflare-magic:baseUrl": emulator.url,
    ...extraConfig,
  });
  const driver = new ProgramDriver({ host, project: "test", stack: "dev" });
  return {
    emulator,
    host,
    driver,
    engine,
    everythingWritten: () =>
      JSON.stringify([...driver.state.values()]) + host.stderr() + host.stdout() + JSON.stringify(engine?.logs ?? []),
    close: async () => {
      await host.close();
      await engine?.stop();
      await emulator.close();
    },
  };
}

/**
 * Puts GRE tunnels whose interface subnets hold `nexthops` into the emulator's store, in each of
 * `accounts` (default: ACCOUNT), as a program would have created them before its routes: Cloudflare
 * refuses a route whose nexthop lies in no tunnel's subnet. No request is made, so a test's request
 * counts stay its own. Returns how many tunnels it added.
 */
export function tunnelsFor(emulator: Emulator, nexthops: string[], ...accounts: string[]): number {
  return (accounts.length ? accounts : [ACCOUNT]).reduce(
    (n, account) => n + provisionTunnelsFor(emulator.store, account, nexthops).length,
    0,
  );
}
