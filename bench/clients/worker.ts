/**
 * One client of group 2 in a process of its own, driven over IPC by client.ts. Each client gets a
 * clean process: loading the npm `undici` package installs its Agent as Node's global fetch
 * dispatcher, so in a shared process the official SDK's fetch would run on our undici instead of
 * the one built into Node, and each client's CPU time would be mixed with the others'.
 *
 *   node --cpu-prof bench/.out/bench/clients/worker.js <ours|official|pool> <baseUrl> <concurrency> <cycles>
 * runs one load stand-alone (for profiling one client; the emulator must be running at baseUrl).
 */
import { type Ops, load } from "./ops";

const LETTERS: Record<string, string> = { ours: "o", official: "f", pool: "p" };

function make(client: string, url: string): Ops {
  if (!LETTERS[client]) throw new Error(`unknown client ${client}`);
  return (require(`./${client}`) as { create(url: string): Ops }).create(url);
}

if (process.send) {
  let ops: Ops | undefined;
  let letter = "x";
  type Message =
    | { id: number; cmd: "init"; args: { client: string; url: string } }
    | { id: number; cmd: "load"; args: { concurrency: number; cycles: number; record: boolean } }
    | { id: number; cmd: "stats" | "close" };
  const handle = async (m: Message) => {
    try {
      let result: unknown = null;
      if (m.cmd === "init") {
        ops = make(m.args.client, m.args.url);
        letter = LETTERS[m.args.client];
      } else if (m.cmd === "load") {
        result = await load(ops!, letter, m.args.concurrency, m.args.cycles, m.args.record);
      } else if (m.cmd === "stats") {
        result = ops?.stats?.() ?? null;
      } else if (m.cmd === "close") {
        await ops?.close();
        setImmediate(() => process.exit(0));
      }
      process.send!({ id: m.id, result });
    } catch (e) {
      process.send!({ id: m.id, error: (e as Error).stack ?? String(e) });
    }
  };
  process.on("message", (m: Message) => void handle(m));
  process.on("disconnect", () => process.exit(0));
} else {
  const [client, url, conc = "16", cycles = "100"] = process.argv.slice(2);
  const ops = make(client, url);
  const run = async () => {
    const r = await load(ops, LETTERS[client], Number(conc), Number(cycles), true);
    console.log(
      `${client}: ${r.requests} requests in ${r.wallMs.toFixed(0)} ms = ${((r.requests * 1000) / r.wallMs).toFixed(0)} req/s, ${(r.cpuUs / r.requests).toFixed(0)} µs CPU/request`,
    );
    await ops.close();
  };
  run().catch((e: Error) => {
    console.error(e.stack ?? e.message);
    process.exitCode = 1;
  });
}
