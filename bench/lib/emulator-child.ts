/**
 * The API emulator in a process of its own, driven over Node IPC by `RemoteEmulator`.
 *
 * The benchmark keeps the emulator out of the measuring process so that its CPU time (JSON, routing,
 * structuredClone of stored objects) is not charged to the client being measured, as a remote API's
 * would not be. Started by `startRemoteEmulator()` with `fork()`; never run by hand.
 */
// The built emulator (dist/emulator), as `npx cloudflare-magic-emulator` runs it.
import {
  type Emulator,
  type EmulatorOptions,
  type SwitchChanges,
  provisionTunnelsFor,
  startEmulator,
} from "pulumi-cloudflare-magic/emulator";

type Command = { id: number } & (
  | {
      cmd: "start";
      args: Pick<EmulatorOptions, "tokens" | "latencyMs" | "rateLimit"> & { tunnelsFor: { account: string; nexthops: string[] } };
    }
  | { cmd: "configure"; args: SwitchChanges }
  | { cmd: "count"; args: { account: string; collection: string } }
  | { cmd: "stats" | "reset" | "close" }
);

let emulator: Emulator | undefined;

async function handle(c: Command): Promise<unknown> {
  switch (c.cmd) {
    case "start":
      emulator = await startEmulator({
        tokens: c.args.tokens,
        latencyMs: c.args.latencyMs ?? 0,
        rateLimit: c.args.rateLimit,
        host: "127.0.0.1",
      });
      // The tunnels the benchmark's routes point into (the API refuses a nexthop no tunnel holds).
      provisionTunnelsFor(emulator.store, c.args.tunnelsFor.account, c.args.tunnelsFor.nexthops);
      return { url: emulator.url, port: emulator.port, pid: process.pid };
    case "stats": {
      const s = emulator!.stats;
      // Requests per collection: the path without the query, and without the id of an item route.
      const byCollection: Record<string, number> = {};
      for (const r of s.requests) {
        const path = r.url.split("?")[0];
        const key = /\/:[a-z_]+$/.test(r.route.split(" ")[1] ?? "") ? path.replace(/\/[^/]+$/, "") : path;
        byCollection[key] = (byCollection[key] ?? 0) + 1;
      }
      return { totalRequests: s.totalRequests, byRoute: { ...s.byRoute }, rateLimited: s.rateLimited, byCollection };
    }
    case "reset":
      emulator!.resetStats();
      return null;
    case "configure":
      emulator!.configure(c.args);
      return null;
    case "count":
      return emulator!.store.list(c.args.account, c.args.collection).length;
    case "close":
      await emulator?.close();
      setImmediate(() => process.exit(0));
      return null;
  }
}

process.on("message", (c: Command) => {
  handle(c).then(
    (result) => process.send!({ id: c.id, result }),
    (e: Error) => process.send!({ id: c.id, error: e.stack ?? e.message }),
  );
});
// The parent going away must not leave an emulator listening.
process.on("disconnect", () => process.exit(0));
