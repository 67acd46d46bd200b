/**
 * Group 5: what a preview with no changes costs per resource: check + diff CPU time, in process
 * (calling the provider module the host requires) and through the provider host over gRPC.
 */
import type { StateEntry } from "../tests/harness/program";
import { type GroupResult, RUN, type Table, cpuMicros, fmt, fmtInt, median, nowMs, processCpuMs, progress } from "./lib/common";
import type { BenchStack } from "./lib/stack";

type Props = Record<string, unknown>;
interface ProviderModule {
  check(olds: Props, news: Props): Promise<{ inputs?: Props; failures?: unknown[] }>;
  diff(id: string, olds: Props, news: Props): Promise<{ changes?: boolean; replaces?: string[] }>;
}

export interface PreviewSample {
  label: string;
  resources: number;
  routes: number;
  inProcessUs: number;
  inProcessCheckUs: number;
  inProcessDiffUs: number;
  grpcHostCpuUs?: number;
  grpcClientCpuUs?: number;
  grpcWallUs?: number;
  grpcConcurrency?: number;
  changed: number;
  seconds?: number;
}

const PASSES = 5;
const GRPC_PASSES = 3;
const GRPC_CONCURRENCY = 16;

const copy = <T>(v: T): T => structuredClone(v);
/**
 * Enough calls per pass for the CPU clocks to measure: one RouteTable (a single resource holding all
 * routes) is repeated, 20 times in process and 5 times over gRPC, where one call carries N routes.
 */
const repeat = <T>(xs: T[], min: number): T[] => Array.from({ length: Math.max(1, Math.ceil(min / xs.length)) }, () => xs).flat();
const IN_PROCESS_MIN = 20;
const GRPC_MIN = 5;

/** check(old inputs, new inputs) then diff(id, old outputs, checked inputs), as the engine does in a preview. */
async function inProcess(
  provider: ProviderModule,
  entries: StateEntry[],
): Promise<{ total: number; check: number; diff: number; changed: number }> {
  const work = repeat(entries, IN_PROCESS_MIN).map((e) => ({
    id: e.id!,
    oldInputs: copy(e.inputs),
    news: copy(e.inputs),
    olds: copy(e.outputs),
  }));
  let checkUs = 0;
  let diffUs = 0;
  let changed = 0;
  for (const w of work) {
    const c0 = process.cpuUsage();
    const checked = await provider.check(w.oldInputs, w.news);
    const c1 = process.cpuUsage();
    const d = await provider.diff(w.id, w.olds, checked.inputs ?? w.news);
    diffUs += cpuMicros(c1);
    checkUs += c1.user - c0.user + (c1.system - c0.system);
    if (d.changes || (d.replaces ?? []).length) changed++;
  }
  return { total: checkUs + diffUs, check: checkUs, diff: diffUs, changed };
}

export async function measurePreview(label: string, s: BenchStack, routes: number): Promise<PreviewSample> {
  // The provider module exactly as the host loads it through the shim.
  const provider = require("pulumi-cloudflare-magic/provider") as ProviderModule;
  const entries = [...s.driver.state.values()].filter((e) => e.custom && e.id);
  const t0 = nowMs();
  progress(`  preview cost, ${label}: in process (${PASSES} passes over ${entries.length} resources)`);
  await inProcess(provider, entries); // warm-up: module loading, JIT
  const passes: Array<Awaited<ReturnType<typeof inProcess>>> = [];
  for (let i = 0; i < PASSES; i++) passes.push(await inProcess(provider, entries));
  const calls = repeat(entries, IN_PROCESS_MIN).length;
  const grpcCalls = repeat(entries, GRPC_MIN).length;
  // Many resources: 16 in flight, as the engine previews independent resources in parallel. One: one call at a time.
  const concurrency = entries.length >= GRPC_CONCURRENCY ? GRPC_CONCURRENCY : 1;
  const per = (k: "total" | "check" | "diff") => median(passes.map((p) => p[k])) / calls;

  progress(`  preview cost, ${label}: through the host over gRPC (${GRPC_PASSES} passes, ${concurrency} at a time)`);
  const grpcPass = async () => {
    const queue = repeat(entries, GRPC_MIN);
    let changed = 0;
    const h0 = processCpuMs(s.host.pid);
    const c0 = process.cpuUsage();
    const t0 = nowMs();
    await Promise.all(
      Array.from({ length: concurrency }, async () => {
        for (let e = queue.shift(); e; e = queue.shift()) {
          const c = await s.host.check(e.urn, e.inputs, e.inputs);
          const d = await s.host.diff(e.id!, e.urn, e.outputs, c.inputs, e.inputs);
          if (d.changes === "some" || d.replaces.length) changed++;
        }
      }),
    );
    return { wall: (nowMs() - t0) * 1000, client: cpuMicros(c0), host: (processCpuMs(s.host.pid) - h0) * 1000, changed };
  };
  await grpcPass(); // warm-up
  const g: Array<Awaited<ReturnType<typeof grpcPass>>> = [];
  for (let i = 0; i < GRPC_PASSES; i++) g.push(await grpcPass());
  return {
    label,
    resources: entries.length,
    routes,
    inProcessUs: per("total"),
    inProcessCheckUs: per("check"),
    inProcessDiffUs: per("diff"),
    grpcHostCpuUs: median(g.map((x) => x.host)) / grpcCalls,
    grpcClientCpuUs: median(g.map((x) => x.client)) / grpcCalls,
    grpcWallUs: median(g.map((x) => x.wall)) / grpcCalls,
    grpcConcurrency: concurrency,
    seconds: (nowMs() - t0) / 1000,
    changed: Math.max(
      ...passes.map((p) => p.changed / (calls / entries.length)),
      ...g.map((x) => x.changed / (grpcCalls / entries.length)),
    ),
  };
}

export function previewGroup(samples: PreviewSample[], n: number): GroupResult {
  const reproduce = `\`${RUN} --only preview --n ${n}\``;
  const sr = samples.find((s) => s.label.includes("StaticRoute")) ?? samples[0];
  const rows = samples.map((s) => [
    s.label,
    fmtInt(s.resources),
    fmt(s.inProcessCheckUs, 0),
    fmt(s.inProcessDiffUs, 0),
    fmt(s.inProcessUs, 0),
    fmt(s.grpcHostCpuUs ?? NaN, 0),
    fmt(s.grpcClientCpuUs ?? NaN, 0),
    `${fmt(s.grpcWallUs ?? NaN, 0)} (${s.grpcConcurrency} in flight)`,
    `${fmt((s.grpcHostCpuUs ?? NaN) / s.inProcessUs, 1)}×`,
    fmt((s.inProcessUs * s.resources) / s.routes, 1),
    String(s.changed),
    reproduce,
  ]);
  const table: Table = {
    title: `Preview with no changes: check + diff per resource (µs; median of passes)`,
    headers: [
      "program",
      "resources",
      "in-process check CPU µs",
      "in-process diff CPU µs",
      "in-process check+diff CPU µs",
      "over gRPC: host CPU µs",
      "over gRPC: caller CPU µs",
      "over gRPC: wall µs",
      "host CPU / in-process",
      "in-process CPU µs per route",
      "resources reported changed",
      "reproduce",
    ],
    rows,
  };
  const rt = samples.find((s) => s.label.includes("RouteTable"));
  const notes = [
    `In process: \`require("pulumi-cloudflare-magic/provider")\` (the module the shim loads in the host), \`check(oldInputs, newInputs)\` then \`diff(id, oldOutputs, checkedInputs)\` for every resource in state, timed with \`process.cpuUsage()\`; one warm-up pass, then ${PASSES} passes. Over gRPC: the same calls through the provider host (host.check + host.diff), ${GRPC_CONCURRENCY} resources in flight (one at a time for the single RouteTable), host CPU read from /proc/<pid>/stat (10 ms ticks), caller CPU (protobuf Struct encoding, grpc-js) from process.cpuUsage(); one warm-up pass, then ${GRPC_PASSES}.`,
  ];
  for (const s of samples) {
    if (s.grpcHostCpuUs !== undefined) {
      notes.push(
        `${s.label}: the provider's own check + diff is ${fmt((100 * s.inProcessUs) / s.grpcHostCpuUs, 1)} % of the host's CPU for the same calls over gRPC; the rest is the dynamic-provider host's (de)serialisation and gRPC. Over gRPC the host spends ${fmt((s.grpcHostCpuUs * s.resources) / s.routes, 0)} µs of CPU per route.`,
      );
    }
  }
  if (rt)
    notes.push(
      `Per route, one RouteTable costs ${fmt((rt.inProcessUs * rt.resources) / rt.routes, 1)} µs of in-process preview CPU against ${fmt(sr.inProcessUs, 1)} µs for a StaticRoute (${fmt(sr.inProcessUs / ((rt.inProcessUs * rt.resources) / rt.routes), 1)}×).`,
    );
  return {
    id: "preview",
    title: `5. Preview cost per resource, ${n} resources, no changes`,
    setup: [],
    tables: [table],
    targets: [
      {
        target: "a preview of an unchanged program reports no change (no perpetual diff)",
        measured: samples.map((s) => `${s.label}: ${s.changed} of ${s.resources} changed`).join("; "),
        met: samples.every((s) => s.changed === 0),
      },
    ],
    notes,
    seconds: samples.reduce((a, s) => a + (s.seconds ?? 0), 0),
  };
}
