/**
 * Group 2: our API client vs the official `cloudflare` npm SDK vs a raw undici `Pool` (the physical
 * limit), same emulator, same operations: create/get/list/update/delete of a GRE tunnel and of a
 * static route (10 requests per cycle), at concurrency 1 and 16.
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { selfTimeByArea } from "./lib/profile-summary";
import { OUR_PACING, type LoadResult } from "./clients/ops";
import {
  type GroupResult,
  type IpcChild,
  RUN,
  type RemoteEmulator,
  type Table,
  type Target,
  fmt,
  fmtInt,
  forkIpc,
  median,
  nowMs,
  percentile,
  processCpuMs,
  progress,
} from "./lib/common";

/** The installed official SDK's version (its package.json is not in its exports map). */
function officialVersion(): string {
  let dir = path.dirname(require.resolve("cloudflare"));
  while (!fs.existsSync(path.join(dir, "package.json"))) dir = path.dirname(dir);
  return (JSON.parse(fs.readFileSync(path.join(dir, "package.json"), "utf8")) as { version: string }).version;
}

interface Measurement {
  requests: number;
  wallMs: number;
  latencies: number[];
  /** CPU of the client's process per request, µs. */
  clientCpuUs: number;
  /** CPU of the emulator process per request, µs. */
  serverCpuUs: number;
  serverRequests: number;
}

/** One measured load on a client worker, with the emulator's count and CPU for the same span. */
async function measure(worker: IpcChild, emu: RemoteEmulator, concurrency: number, cycles: number, record: boolean): Promise<Measurement> {
  await emu.resetStats();
  const s0 = processCpuMs(emu.pid);
  const r = await worker.call<LoadResult>("load", { concurrency, cycles, record });
  const serverCpu = (processCpuMs(emu.pid) - s0) * 1000;
  const serverRequests = (await emu.stats()).totalRequests;
  return {
    requests: r.requests,
    wallMs: r.wallMs,
    latencies: r.latencies,
    clientCpuUs: r.cpuUs / r.requests,
    serverCpuUs: serverCpu / r.requests,
    serverRequests,
  };
}

/** Readable names for the areas of a CPU profile (see lib/profile-summary.ts). */
function label(area: string): string {
  if (area === "node:internal/deps/undici") return "Node's built-in fetch (bundled undici)";
  if (area === "undici") return "undici (npm)";
  if (area === "cloudflare") return "cloudflare SDK code";
  if (area === "provider/client") return "our client (provider/client)";
  if (area === "zod") return "zod validation";
  if (area === "(garbage collector)") return "garbage collection";
  if (area === "(native)") return "native (socket writes, JSON.parse, string encoding)";
  if (area.startsWith("node:internal/webstreams")) return "web streams (fetch bodies)";
  if (
    area.startsWith("node:internal/abort_controller") ||
    area.startsWith("node:internal/worker/js_transferable") ||
    area.startsWith("node:internal/event_target")
  )
    return "AbortSignal per request";
  if (area.startsWith("wasm://")) return "undici's HTTP parser (wasm)";
  if (area.startsWith("bench/")) return "benchmark loop";
  if (area.startsWith("node:")) return "Node core (streams, net, events, timers)";
  return "other (V8, program)";
}

/**
 * One load per client in a fresh worker under `--cpu-prof`, cut to the load's span: CPU µs per
 * request by area, which is what explains a ratio.
 */
async function profileClients(
  emu: RemoteEmulator,
  clients: Array<[ClientName, string]>,
  cycles: number,
): Promise<Map<ClientName, Map<string, number>>> {
  const out = new Map<ClientName, Map<string, number>>();
  for (const [name, mod] of clients) {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), `pcm-bench-prof-${mod}-`));
    try {
      const w = forkIpc(path.join(__dirname, "clients", "worker.js"), [], ["--cpu-prof", `--cpu-prof-dir=${dir}`]);
      let r: LoadResult;
      try {
        await w.call("init", { client: mod, url: emu.url });
        await w.call("load", { concurrency: 16, cycles: 3, record: false }); // warm-up
        r = await w.call<LoadResult>("load", { concurrency: 16, cycles, record: false });
      } finally {
        await w.close(); // the profile is written on exit
      }
      const file = fs.readdirSync(dir).find((f) => f.endsWith(".cpuprofile"));
      if (!file) throw new Error(`no CPU profile written for ${name}`);
      const areas = selfTimeByArea(path.join(dir, file), r.startUs, r.endUs);
      const perRequest = new Map<string, number>();
      for (const [a, us] of areas) {
        if (a === "(idle)") continue;
        perRequest.set(label(a), (perRequest.get(label(a)) ?? 0) + us / r.requests);
      }
      out.set(name, perRequest);
      progress(`  profiled ${name}: ${fmtInt([...perRequest.values()].reduce((x, y) => x + y, 0))} µs CPU per request sampled`);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }
  return out;
}

export interface ClientOptions {
  rounds: number;
  /** Cycles (10 requests each) per round at concurrency 1. */
  cycles1: number;
  /** Cycles per worker per round at concurrency 16. */
  cycles16: number;
  /** Only these clients (ours, official, pool). */
  only?: string[];
  /** Cycles per worker (16 workers) of the profiled load; 0 skips profiling. */
  profileCycles: number;
}

type ClientName = "ours" | "official SDK" | "raw undici Pool";
/** Display name and module (bench/clients/<module>.ts) of each client. */
const CLIENTS: Array<[ClientName, string]> = [
  ["ours", "ours"],
  ["official SDK", "official"],
  ["raw undici Pool", "pool"],
];
const CONCURRENCIES = [1, 16];

export async function clientGroup(emu: RemoteEmulator, opts: ClientOptions): Promise<GroupResult> {
  const t0 = nowMs();
  await emu.configure({ latencyMs: 0 });
  const clients = CLIENTS.filter(
    ([name, mod]) => !opts.only || opts.only.some((o) => mod === o || name.toLowerCase().startsWith(o.toLowerCase())),
  );
  // One process per client (see clients/worker.ts), started before any measurement.
  const instances = new Map<ClientName, IpcChild>();
  for (const [name, mod] of clients) {
    const w = forkIpc(path.join(__dirname, "clients", "worker.js"));
    instances.set(name, w);
    await w.call("init", { client: mod, url: emu.url });
  }
  const reproduce = `\`${RUN} --only client --rounds ${opts.rounds}\``;
  // results[concurrency][client] = one Measurement per round
  const results = new Map<number, Map<ClientName, Measurement[]>>();
  let oursStats: { requests: number; retries: number } | undefined;
  let profiles: Map<ClientName, Map<string, number>> | undefined;
  try {
    progress("client: warm-up (connections, JIT)");
    for (const [name, w] of instances) {
      // About one round's worth of requests, so JIT and connection pools are warm before round 1.
      await measure(w, emu, 16, opts.cycles16, false);
      await measure(w, emu, 1, opts.cycles1 / 2, false);
      progress(`  warmed up ${name} (pid ${w.pid})`);
    }
    for (let round = 0; round < opts.rounds; round++) {
      for (const conc of CONCURRENCIES) {
        const byClient = results.get(conc) ?? new Map<ClientName, Measurement[]>();
        results.set(conc, byClient);
        // Rotate the order each round so no client always runs right after another.
        const order = [...instances.keys()];
        for (let k = 0; k < round % order.length; k++) order.push(order.shift()!);
        for (const name of order) {
          const m = await measure(instances.get(name)!, emu, conc, conc === 1 ? opts.cycles1 : opts.cycles16, true);
          (byClient.get(name) ?? byClient.set(name, []).get(name)!).push(m);
          progress(
            `  round ${round + 1}/${opts.rounds}, concurrency ${conc}, ${name}: ${fmtInt(m.requests / (m.wallMs / 1000))} req/s, p50 ${fmt(percentile(m.latencies, 50), 2)} ms, p99 ${fmt(percentile(m.latencies, 99), 2)} ms, client CPU ${fmtInt(m.clientCpuUs)} µs/req, emulator CPU ${fmtInt(m.serverCpuUs)} µs/req${m.serverRequests !== m.requests ? ` (emulator saw ${m.serverRequests})` : ""}`,
          );
        }
      }
    }
    if (opts.profileCycles > 0) {
      progress("client: CPU profiles (--cpu-prof), one fresh worker per client");
      profiles = await profileClients(emu, clients, opts.profileCycles);
    }
    oursStats = instances.has("ours") ? await instances.get("ours")!.call<{ requests: number; retries: number }>("stats") : undefined;
  } finally {
    for (const w of instances.values()) await w.close();
  }

  const rps = (m: Measurement) => m.requests / (m.wallMs / 1000);
  const summary = (conc: number, name: ClientName) => {
    const ms = results.get(conc)?.get(name) ?? [];
    const lat = ms.flatMap((m) => m.latencies);
    return {
      rps: median(ms.map(rps)),
      p50: percentile(lat, 50),
      p99: percentile(lat, 99),
      clientCpu: median(ms.map((m) => m.clientCpuUs)),
      serverCpu: median(ms.map((m) => m.serverCpuUs)),
      requests: ms.reduce((a, m) => a + m.requests, 0),
      extra: ms.reduce((a, m) => a + (m.serverRequests - m.requests), 0),
    };
  };
  /** Median over rounds of the per-round ratio a/b of requests per second (paired, so drift cancels). */
  const pairedRatio = (conc: number, a: ClientName, b: ClientName) => {
    const ra = results.get(conc)?.get(a) ?? [];
    const rb = results.get(conc)?.get(b) ?? [];
    return median(ra.map((m, i) => (rb[i] ? rps(m) / rps(rb[i]) : NaN)).filter(Number.isFinite));
  };

  const rows: string[][] = [];
  for (const conc of CONCURRENCIES) {
    for (const [name] of clients) {
      const s = summary(conc, name);
      rows.push([
        String(conc),
        name,
        fmtInt(s.rps),
        name === "ours" ? "1.00×" : `${fmt(pairedRatio(conc, "ours", name), 2)}×`,
        fmt(s.p50, 2),
        fmt(s.p99, 2),
        fmtInt(s.clientCpu),
        name === "ours" ? "1.00×" : `${fmt(s.clientCpu / summary(conc, "ours").clientCpu, 2)}×`,
        fmtInt(s.serverCpu),
        fmtInt(s.requests) + (s.extra ? ` (+${s.extra} retried)` : ""),
        reproduce,
      ]);
    }
  }
  const table: Table = {
    title: "GRE tunnel + static route create/get/list/update/delete, emulator without added latency",
    headers: [
      "concurrency",
      "client",
      "req/s (median of rounds)",
      "ours ÷ this (req/s, paired by round)",
      "p50 ms",
      "p99 ms",
      "client-process CPU µs/req",
      "CPU/req ÷ ours",
      "emulator CPU µs/req",
      "requests measured",
      "reproduce",
    ],
    rows,
  };
  const targets: Target[] = [];
  const has = (n: ClientName) => instances.has(n);
  if (has("ours") && has("official SDK")) {
    const r1 = pairedRatio(1, "ours", "official SDK");
    const r16 = pairedRatio(16, "ours", "official SDK");
    // The most any client could reach here: the raw Pool's lead over the official SDK in the same rounds.
    const ceiling = (conc: number) =>
      has("raw undici Pool")
        ? `; ceiling here: the raw Pool is ${fmt(pairedRatio(conc, "raw undici Pool", "official SDK"), 2)}× the official SDK`
        : "";
    const cpu = (conc: number) =>
      `; client CPU per request: official ${fmt(summary(conc, "official SDK").clientCpu / summary(conc, "ours").clientCpu, 2)}× ours`;
    targets.push({
      target: "ours ≥ 3× the official SDK at concurrency 1 (req/s)",
      measured: `${fmt(r1, 2)}×${ceiling(1)}${cpu(1)}`,
      met: r1 >= 3,
    });
    targets.push({
      target: "ours ≥ 5× the official SDK at concurrency 16 (req/s)",
      measured: `${fmt(r16, 2)}×${ceiling(16)}${cpu(16)}`,
      met: r16 >= 5,
    });
  }
  if (has("ours") && has("raw undici Pool")) {
    for (const conc of CONCURRENCIES) {
      const r = 1 / pairedRatio(conc, "ours", "raw undici Pool");
      targets.push({
        target: `ours within 1.5× of the raw undici Pool at concurrency ${conc} (Pool req/s ÷ ours ≤ 1.5)`,
        measured: `${fmt(r, 2)}×`,
        met: r <= 1.5,
      });
    }
  }
  return {
    id: "client",
    title: "2. API client throughput: ours vs the official `cloudflare` SDK vs a raw undici Pool",
    setup: [
      `One cycle is 10 requests: POST, GET, list, PUT, DELETE of a GRE tunnel, then the same for a static route. Concurrency 1 runs ${opts.cycles1} cycles per round; concurrency 16 runs 16 workers of ${opts.cycles16} cycles each. ${opts.rounds} rounds, client order rotated every round; req/s is the median of the rounds, latencies pool every request of every round. Each client runs in a process of its own (bench/clients/worker.ts; loading npm \`undici\` would otherwise become the official SDK's fetch dispatcher), and the emulator in another, on 127.0.0.1 with no added latency, so CPU is measured per process; on this 2-CPU machine the client and the emulator each have about one CPU, shared with whatever else runs.`,
      `**ours**: \`CloudflareClient\` from \`require("pulumi-cloudflare-magic/provider").api\` with its retries (6 attempts), timeouts, envelope unwrapping and zod validation of every answer (loose object schemas of the tunnel and route), and a real \`Pacer\` with pacing on: ${Object.entries(
        OUR_PACING,
      )
        .map(([k, v]) => `${k}=${v}`)
        .join(
          ", ",
        )} (a budget no run comes near, so it never waits, but every request goes through it). **official SDK**: \`cloudflare@${officialVersion()}\` (\`new Cloudflare({ apiToken, baseURL })\`, default retries and fetch). **raw undici Pool**: \`new Pool(origin, { connections: 64 })\`, \`pool.request\` + \`body.json()\`, a success check and nothing else: the physical limit of this machine with this emulator.`,
    ],
    tables: [table, ...(profiles ? [profileTable(profiles, opts.profileCycles, reproduce)] : [])],
    targets,
    notes: oursStats
      ? [
          `Our client counted ${fmtInt(oursStats.requests)} requests and ${oursStats.retries} retries over the whole group (warm-up included).`,
        ]
      : [],
    seconds: (nowMs() - t0) / 1000,
  };
}

function profileTable(profiles: Map<ClientName, Map<string, number>>, cycles: number, reproduce: string): Table {
  const names = [...profiles.keys()];
  const totals = new Map(names.map((n) => [n, [...profiles.get(n)!.values()].reduce((a, b) => a + b, 0)]));
  const areas = [...new Set(names.flatMap((n) => [...profiles.get(n)!.keys()]))].sort(
    (a, b) => Math.max(...names.map((n) => profiles.get(n)!.get(b) ?? 0)) - Math.max(...names.map((n) => profiles.get(n)!.get(a) ?? 0)),
  );
  const rows = areas.map((a) => [
    a,
    ...names.map((n) => {
      const us = profiles.get(n)!.get(a) ?? 0;
      return us ? `${fmt(us, 0)} (${fmt((100 * us) / totals.get(n)!, 0)} %)` : "–";
    }),
    reproduce,
  ]);
  rows.push(["**total sampled CPU per request**", ...names.map((n) => `**${fmt(totals.get(n)!, 0)}**`), reproduce]);
  return {
    title: `Where each client's CPU goes: µs per request by area (V8 CPU profile of a fresh worker, concurrency 16, ${16 * cycles * 10} requests, idle excluded)`,
    headers: ["area", ...names.map((n) => `${n} µs/req`), "reproduce"],
    rows,
  };
}
