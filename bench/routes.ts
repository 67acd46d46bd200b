/**
 * Group 1: API requests and wall time to apply, preview, change one route in, and destroy N routes,
 * as one `RouteTable` versus N `StaticRoute`s, through the real provider host (ProgramDriver)
 * against the emulator with added latency.
 */
import * as magic from "pulumi-cloudflare-magic";
import type { RunResult } from "../tests/harness/program";
import {
  BENCH_NEXTHOP,
  type GroupResult,
  RUN,
  type RemoteEmulator,
  type Table,
  type Target,
  fmt,
  fmtInt,
  nowMs,
  progress,
  ratio,
} from "./lib/common";
import { type BenchStack, HOST_SETTINGS, benchStack, describeSettings, parallelDestroy } from "./lib/stack";

export interface RoutesOptions {
  n: number;
  latencyMs: number;
  /** Runs while the StaticRoute program is applied (before its destroy): state size and preview groups use it. */
  whileApplied?: (s: BenchStack, program: () => void) => Promise<void>;
  /** Runs while the RouteTable program is applied. */
  whileTableApplied?: (s: BenchStack, program: () => void) => Promise<void>;
}

/** N distinct /24 routes over one next hop; `changed` gets another priority. */
export function routeEntries(n: number, changed = -1): magic.RouteTableEntry[] {
  return Array.from({ length: n }, (_, i) => ({
    prefix: `10.${(i >> 8) & 255}.${i & 255}.0/24`,
    nexthop: BENCH_NEXTHOP,
    priority: i === changed ? 200 : 100,
  }));
}

export const tableProgram =
  (n: number, changed = -1) =>
  () => {
    new magic.RouteTable("routes", { routes: routeEntries(n, changed) });
  };
export const staticProgram =
  (n: number, changed = -1) =>
  () => {
    routeEntries(n, changed).forEach((r, i) => new magic.StaticRoute(`route-${i}`, r));
  };

interface Phase {
  requests: number;
  ms: number;
  hostCalls: number;
  byRoute: Record<string, number>;
}

async function phase(emu: RemoteEmulator, what: string, f: () => Promise<number | RunResult>): Promise<Phase> {
  await emu.resetStats();
  progress(`  ${what} ...`);
  const t0 = nowMs();
  const r = await f();
  const ms = nowMs() - t0;
  const stats = await emu.stats();
  const hostCalls = typeof r === "number" ? r : Object.values(r.calls).reduce((a, b) => a + b, 0);
  progress(`  ${what}: ${stats.totalRequests} requests, ${fmtInt(ms)} ms, ${hostCalls} host calls`);
  return { requests: stats.totalRequests, ms, hostCalls, byRoute: stats.byRoute };
}

interface Variant {
  apply: Phase;
  preview: Phase;
  change: Phase;
  destroy: Phase;
}

/** Time spent in the whileApplied hooks (other groups' measurements), left out of this group's time. */
let hookMs = 0;

async function runVariant(
  emu: RemoteEmulator,
  label: string,
  program: (n: number, changed?: number) => () => void,
  n: number,
  during?: (s: BenchStack, program: () => void) => Promise<void>,
): Promise<Variant> {
  progress(`${label}: ${n} routes`);
  const s = await benchStack(emu);
  try {
    const apply = await phase(emu, "apply", () => s.driver.up(program(n)));
    const live = await emu.count("routes");
    if (live !== n) throw new Error(`${label}: ${live} routes exist after apply, expected ${n}`);
    const preview = await phase(emu, "preview (no changes)", () => s.driver.preview(program(n)));
    if (during) {
      const h0 = nowMs();
      await during(s, program(n));
      hookMs += nowMs() - h0;
    }
    const change = await phase(emu, "change one route", () => s.driver.up(program(n, Math.floor(n / 2))));
    const destroy = await phase(emu, "destroy", () => parallelDestroy(s));
    const left = await emu.count("routes");
    if (left !== 0) throw new Error(`${label}: ${left} routes left after destroy`);
    return { apply, preview, change, destroy };
  } finally {
    await s.close();
  }
}

export async function routesGroup(emu: RemoteEmulator, opts: RoutesOptions): Promise<GroupResult> {
  const t0 = nowMs();
  hookMs = 0;
  const { n, latencyMs } = opts;
  await emu.configure({ latencyMs });
  const reproduce = `\`${RUN} --only routes --n ${n}\``;
  const table = await runVariant(emu, "RouteTable", tableProgram, n, opts.whileTableApplied);
  const statics = await runVariant(emu, "StaticRoute", staticProgram, n, opts.whileApplied);
  await emu.configure({ latencyMs: 0 });

  const rows: string[][] = [];
  const phases: Array<[string, keyof Variant]> = [
    ["apply (create all)", "apply"],
    ["preview, no changes", "preview"],
    ["change one route", "change"],
    ["destroy", "destroy"],
  ];
  for (const [name, key] of phases) {
    const a = table[key];
    const b = statics[key];
    rows.push([
      name,
      fmtInt(a.requests),
      fmtInt(b.requests),
      b.requests > 0 ? ratio(a.requests, b.requests, 3) : a.requests === 0 ? "0 = 0" : "n/a",
      fmtInt(a.hostCalls),
      fmtInt(b.hostCalls),
      ratio(a.ms, b.ms, 3),
      `${fmt(b.ms / a.ms, 1)}×`,
      reproduce,
    ]);
  }
  const main: Table = {
    title: `${n} routes: one RouteTable (RT) vs ${n} StaticRoutes (SR), emulator latency ${latencyMs} ms`,
    headers: [
      "phase",
      "requests RT",
      "requests SR",
      "requests RT/SR",
      "host calls RT",
      "host calls SR",
      "wall RT/SR",
      "SR slower by",
      "reproduce",
    ],
    rows,
  };
  const abs: Table = {
    title: "Wall times behind the ratios (ms; noisy shared machine, compare ratios)",
    headers: ["phase", "RouteTable ms", "StaticRoutes ms", "StaticRoutes ms per route", "reproduce"],
    rows: phases.map(([name, key]) => [name, fmtInt(table[key].ms), fmtInt(statics[key].ms), fmt(statics[key].ms / n, 2), reproduce]),
  };
  const constant = table.apply.requests - n;
  const targets: Target[] = [
    {
      target: "change one route with RouteTable: at most 2 requests",
      measured: `${table.change.requests} (${
        Object.entries(table.change.byRoute)
          .map(([k, v]) => `${v}× ${k}`)
          .join(", ") || "none"
      })`,
      met: table.change.requests <= 2,
    },
    {
      target: `create with RouteTable: at most one request per route plus a constant (N + 10 = ${n + 10})`,
      measured: `${table.apply.requests} = N ${constant >= 0 ? "+" : "−"} ${Math.abs(constant)}`,
      met: table.apply.requests <= n + 10,
    },
    {
      target: "preview with no changes makes no API request (either form)",
      measured: `RouteTable ${table.preview.requests}, StaticRoutes ${statics.preview.requests}`,
      met: table.preview.requests === 0 && statics.preview.requests === 0,
    },
  ];
  return {
    id: "routes",
    title: `1. RouteTable vs ${n} StaticRoutes through the provider host`,
    setup: [
      `Each program runs under \`pulumi.runtime.setMocks\` (tests/harness/program.ts) with every resource forwarded over gRPC to one real dynamic-provider host per variant, which talks to the emulator (its own process, 127.0.0.1) with ${latencyMs} ms added to every request. Host settings: ${describeSettings(HOST_SETTINGS)}. The sdk is loaded with \`require("pulumi-cloudflare-magic")\`.`,
      `"requests" are what the emulator counted in that phase; "host calls" are gRPC calls to the provider host (check, diff, create, update, delete). "change one route" changes the priority of route #${Math.floor(n / 2)} and applies. "destroy" issues every delete at once, as the engine does for resources that do not depend on each other (the harness's own \`destroy()\` also deletes up to P at once, dependants first).`,
    ],
    tables: [main, abs],
    targets,
    notes: [
      `RouteTable request mix: apply ${fmtRoutes(table.apply.byRoute)}; change ${fmtRoutes(table.change.byRoute)}; destroy ${fmtRoutes(table.destroy.byRoute)}.`,
      `StaticRoutes request mix: apply ${fmtRoutes(statics.apply.byRoute)}; change ${fmtRoutes(statics.change.byRoute)}; destroy ${fmtRoutes(statics.destroy.byRoute)}.`,
    ],
    seconds: (nowMs() - t0 - hookMs) / 1000,
  };
}

function fmtRoutes(byRoute: Record<string, number>): string {
  const e = Object.entries(byRoute);
  return e.length ? e.map(([k, v]) => `${fmtInt(v)}× \`${k}\``).join(", ") : "none";
}
