/**
 * What the interrupted-apply tests share: one emulator for the file, a provider host per
 * deployment (as the engine starts one for each `pulumi up`), a driver carrying the state (and old
 * objects awaiting deletion) from one deployment to the next, the host killed with SIGKILL the
 * moment the K-th request reaches the emulator (which still acts on it), and what the account holds.
 */
import { type Emulator, startEmulator } from "../../emulator";
import { type Host, secret, startHost } from "../harness/host";
import { type Program, ProgramDriver } from "../harness/program";
import { ACCOUNT, REPO, TOKEN } from "../resources/stack";

export interface Interruptions {
  readonly emulator: Emulator;
  /** A configured host of its own, for one deployment; `extra` stack config on top (adoptExisting). */
  newHost: (extra?: Record<string, unknown>) => Promise<Host>;
  /** A driver on `host` with the state `from` kept. */
  carryOver: (from: ProgramDriver, host: Host) => ProgramDriver;
  /**
   * Applies `program` with `driver` (whose host is `host`), killing the host with SIGKILL when the
   * `k`-th request of the apply reaches the emulator (which still acts on it). The apply's error.
   */
  killDuring: (driver: ProgramDriver, host: Host, k: number, program: Program) => Promise<Error | undefined>;
  /** How many objects each emulator collection of the account holds. */
  counts: () => Record<string, number>;
}

/** Registers the file's emulator and hosts (started before its tests, stopped after them). */
export function interruptions(): Interruptions {
  let emulator: Emulator | undefined;
  const hosts: Host[] = [];
  beforeAll(async () => {
    emulator = await startEmulator({ tokens: [TOKEN] });
  });
  afterAll(async () => {
    for (const h of hosts) await h.close();
    await emulator?.close();
  });
  return {
    get emulator() {
      return emulator!;
    },
    newHost: async (extra = {}) => {
      const host = await startHost({ cwd: REPO, project: "test" });
      hosts.push(host);
      await host.configure({
        "cloudflare:apiToken": secret(TOKEN),
        "cloudflare-magic:accountId": ACCOUNT,
        "cloudflare-magic:baseUrl": emulator!.url,
        ...extra,
      });
      return host;
    },
    carryOver: (from, host) => {
      const next = new ProgramDriver({ host, project: "test", stack: "dev" });
      for (const [urn, entry] of from.state) next.state.set(urn, entry);
      next.pendingDeletes.push(...from.pendingDeletes);
      return next;
    },
    killDuring: async (driver, host, k, program) => {
      const log = emulator!.stats.requests;
      const push = log.push.bind(log);
      let seen = 0;
      log.push = (...items) => {
        seen += items.length;
        if (seen === k) process.kill(host.pid, "SIGKILL");
        return push(...items);
      };
      try {
        return await driver.up(program).then(
          () => undefined,
          (e: Error) => e,
        );
      } finally {
        log.push = push;
      }
    },
    counts: () => Object.fromEntries(Object.entries(emulator!.store.dump().accounts[ACCOUNT] ?? {}).map(([c, items]) => [c, items.length])),
  };
}
