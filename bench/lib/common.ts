/** Shared pieces of the benchmark: paths, the out-of-process emulator, timing, statistics, report types. */
import { type ChildProcess, fork } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import type { SwitchChanges } from "pulumi-cloudflare-magic/emulator";

/** The repository root (this file runs from bench/.out/bench/lib/). */
export const REPO = path.resolve(__dirname, "../../../..");
export const ACCOUNT = "0123456789abcdef0123456789abcdef";
export const TOKEN = "bench-token-7c1e4a90-NEVER-IN-STATE";
/** Every benchmark route's nexthop: in the tunnel the bench emulator is started with (`startRemoteEmulator`). */
export const BENCH_NEXTHOP = "10.250.0.1";
/** How to run the compiled suite, relative to the repository root (after `npm run bench` built it). */
export const RUN = "node bench/.out/bench/run.js";

const started = Date.now();
/** A progress line on stderr, with seconds since the suite started. */
export function progress(line: string): void {
  process.stderr.write(`[bench ${((Date.now() - started) / 1000).toFixed(1).padStart(6)} s] ${line}\n`);
}

export const nowMs = (): number => Number(process.hrtime.bigint()) / 1e6;

/** Nearest-rank percentile of unsorted samples. */
export function percentile(samples: number[], p: number): number {
  if (samples.length === 0) return NaN;
  const sorted = [...samples].sort((a, b) => a - b);
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[rank];
}
export const median = (samples: number[]): number => percentile(samples, 50);

/** User + system CPU time of another process, in ms, from /proc (Linux; clock-tick resolution). */
export function processCpuMs(pid: number): number {
  const stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
  // Fields after the parenthesised command name; utime and stime are fields 14 and 15.
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  const ticks = Number(fields[11]) + Number(fields[12]);
  return (ticks * 1000) / 100; // USER_HZ is 100 on Linux
}

/** This process's user + system CPU time in µs since `since` (a process.cpuUsage() value). */
export function cpuMicros(since?: NodeJS.CpuUsage): number {
  const u = process.cpuUsage(since);
  return u.user + u.system;
}

export function fmt(n: number, digits = 1): string {
  if (!Number.isFinite(n)) return "n/a";
  return n.toLocaleString("en-US", { minimumFractionDigits: digits, maximumFractionDigits: digits });
}
export const fmtInt = (n: number): string => (Number.isFinite(n) ? Math.round(n).toLocaleString("en-US") : "n/a");
export const ratio = (a: number, b: number, digits = 2): string => (b > 0 && Number.isFinite(a) ? `${fmt(a / b, digits)}×` : "n/a");
export const verdict = (met: boolean): string => (met ? "**met**" : "**NOT met**");

// ---- report model -------------------------------------------------------------------------------

export interface Table {
  title?: string;
  headers: string[];
  rows: string[][];
}

export interface Target {
  target: string;
  measured: string;
  met: boolean;
}

export interface GroupResult {
  id: string;
  title: string;
  /** One paragraph per entry: what was measured and with which settings. */
  setup: string[];
  tables: Table[];
  targets: Target[];
  notes: string[];
  seconds: number;
}

export function markdownTable(t: Table): string {
  const esc = (s: string) => s.replace(/\|/g, "\\|");
  const lines = [`| ${t.headers.map(esc).join(" | ")} |`, `|${t.headers.map(() => "---").join("|")}|`];
  for (const r of t.rows) lines.push(`| ${r.map(esc).join(" | ")} |`);
  return (t.title ? `**${t.title}**\n\n` : "") + lines.join("\n");
}

export function machine(): Record<string, string> {
  const cpuinfo = fs.existsSync("/proc/cpuinfo") ? fs.readFileSync("/proc/cpuinfo", "utf8") : "";
  const model = /^model name\s*:\s*(.*)$/m.exec(cpuinfo)?.[1] ?? os.cpus()[0]?.model ?? "unknown";
  return {
    "CPU model (/proc/cpuinfo)": model,
    "nproc (CPUs available)": String(os.availableParallelism?.() ?? os.cpus().length),
    memory: `${fmt(os.totalmem() / 2 ** 30, 1)} GiB total, ${fmt(os.freemem() / 2 ** 30, 1)} GiB free at start`,
    "load average at start (1/5/15 min)": os
      .loadavg()
      .map((l) => fmt(l, 2))
      .join(" / "),
    node: process.version,
    os: `${os.type()} ${os.release()} ${os.arch()}`,
  };
}

// ---- the emulator in its own process ------------------------------------------------------------

export interface RemoteEmulator {
  url: string;
  port: number;
  pid: number;
  /** `byCollection`: requests per collection path (item requests counted on their collection). */
  stats(): Promise<{ totalRequests: number; byRoute: Record<string, number>; rateLimited: number; byCollection: Record<string, number> }>;
  resetStats(): Promise<void>;
  /** `emulator.configure` in the child process. */
  configure(changes: SwitchChanges): Promise<void>;
  count(collection: string): Promise<number>;
  close(): Promise<void>;
}

/** A child node process answering `{id, cmd, args}` messages with `{id, result | error}`. */
export interface IpcChild {
  pid: number;
  call<T>(cmd: string, args?: unknown): Promise<T>;
  /** Sends "close", waits up to 3 s for the exit, then kills the child (by its pid, which we started). */
  close(): Promise<void>;
}

export function forkIpc(file: string, argv: string[] = [], execArgv: string[] = []): IpcChild {
  const child: ChildProcess = fork(file, argv, { stdio: ["ignore", "inherit", "inherit", "ipc"], execArgv });
  let next = 0;
  const pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
  child.on("message", (m: { id: number; result?: unknown; error?: string }) => {
    const p = pending.get(m.id);
    if (!p) return;
    pending.delete(m.id);
    if (m.error) p.reject(new Error(`${path.basename(file)}: ${m.error}`));
    else p.resolve(m.result);
  });
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  child.once("exit", (code) => {
    for (const p of pending.values()) p.reject(new Error(`${path.basename(file)} exited (code ${code})`));
    pending.clear();
  });
  const call = <T>(cmd: string, args?: unknown): Promise<T> =>
    new Promise((resolve, reject) => {
      const id = ++next;
      pending.set(id, { resolve: resolve as (v: unknown) => void, reject });
      child.send({ id, cmd, args });
    });
  return {
    pid: child.pid!,
    call,
    close: async () => {
      if (child.exitCode === null && child.signalCode === null) {
        await Promise.race([call("close").catch(() => undefined), new Promise((r) => setTimeout(r, 3000))]);
        await Promise.race([exited, new Promise((r) => setTimeout(r, 3000))]);
        if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
      }
      await exited;
    },
  };
}

/**
 * Starts the emulator (emulator/ of this repo, as built) in a child process on 127.0.0.1 with the
 * bench token, or with `options.tokens` (a token → {user} map) and a per-user `rateLimit`, holding
 * a tunnel (put into its store: no request) for each of `options.nexthops` (default: the
 * benchmark routes' `BENCH_NEXTHOP`) so that routes may point there.
 */
export async function startRemoteEmulator(
  latencyMs = 0,
  options: {
    tokens?: Record<string, { user?: string }>;
    rateLimit?: { requests: number; windowSeconds: number; lockoutSeconds?: number };
    nexthops?: string[];
  } = {},
): Promise<RemoteEmulator> {
  const child = forkIpc(path.join(__dirname, "emulator-child.js"));
  const info = await child.call<{ url: string; port: number; pid: number }>("start", {
    tokens: options.tokens ?? [TOKEN],
    latencyMs,
    rateLimit: options.rateLimit,
    tunnelsFor: { account: ACCOUNT, nexthops: options.nexthops ?? [BENCH_NEXTHOP] },
  });
  return {
    ...info,
    stats: () => child.call("stats"),
    resetStats: () => child.call("reset"),
    configure: (changes) => child.call("configure", changes),
    count: (collection) => child.call("count", { account: ACCOUNT, collection }),
    close: () => child.close(),
  };
}
