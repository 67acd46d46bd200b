/**
 * Group 8 (fleet audit, issue 20): `cloudflare-magic-audit` over 1, 10 and 100 stack exports of
 * one account (the issue-11 fleet: 970 objects, 20 sites), against the same stacks each refreshed
 * on its own (coalesced, the engine's P = 8 of a 2-core runner, each `pulumi refresh` in a
 * provider host of its own). The audit reads the account once whatever the number of stacks; a
 * refresh per stack pays for every collection each stack touches.
 */
import { execFile } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { ProgramDriver, type StateEntry } from "../tests/harness/program";
import { FULL_FLEET, type FleetSize, fleetProgram, objectCount } from "../tests/fleet/coalesce-fleet";
import { stackExport } from "../tests/audit/export";
import {
  ACCOUNT,
  type GroupResult,
  REPO,
  type RemoteEmulator,
  type Table,
  type Target,
  TOKEN,
  fmtInt,
  nowMs,
  progress,
  ratio,
} from "./lib/common";
import { HOST_SETTINGS, benchStack, describeSettings } from "./lib/stack";

export interface AuditOptions {
  size?: FleetSize;
  latencyMs: number;
  stacks?: number[];
  /** Refresh parallelism, as the engine's --parallel. */
  parallel?: number;
}

const CLI = path.join(REPO, "dist", "audit", "cli.js");

/**
 * The applied fleet's state as `k` stacks: a site and its WANs, LANs and ACLs stay together (site
 * s in stack s mod k), every other resource goes round-robin. URNs are rewritten to each stack's.
 */
export function partition(state: Map<string, StateEntry>, k: number): StateEntry[][] {
  const stacks: StateEntry[][] = Array.from({ length: k }, () => []);
  let next = 0;
  for (const e of state.values()) {
    if (!e.custom) continue;
    const site = /^site-(\d+)/.exec(e.name);
    const i = site ? Number(site[1]) % k : next++ % k;
    const urn = e.urn.replace(/^urn:pulumi:[^:]+::[^:]+::/, `urn:pulumi:s${i}::fleet::`);
    stacks[i].push({ ...structuredClone(e), urn, dependencies: [] });
  }
  return stacks;
}

function runCli(args: string[], url: string): Promise<{ code: number; stdout: string; stderr: string; ms: number }> {
  const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith("CLOUDFLARE_"))) as Record<string, string>;
  const started = nowMs();
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [CLI, ...args],
      { env: { ...env, CLOUDFLARE_API_TOKEN: TOKEN, CLOUDFLARE_BASE_URL: url }, cwd: REPO, maxBuffer: 256 * 1024 * 1024 },
      (error, stdout, stderr) => {
        resolve({ code: error ? (typeof error.code === "number" ? error.code : 1) : 0, stdout, stderr, ms: nowMs() - started });
      },
    );
  });
}

interface Row {
  k: number;
  audit: { requests: number; writes: number; ms: number; inSync: number; code: number };
  refresh: { requests: number; ms: number };
}

export async function auditGroup(emu: RemoteEmulator, o: AuditOptions): Promise<GroupResult> {
  const t0 = nowMs();
  const size = o.size ?? FULL_FLEET;
  const ks = o.stacks ?? [1, 10, 100];
  const p = o.parallel ?? 8;
  const n = objectCount(size);
  await emu.configure({ latencyMs: o.latencyMs });
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "bench-audit-"));
  const rows: Row[] = [];
  try {
    progress(`  applying the fleet (${n} objects) at P=64 ...`);
    const applied = await (async () => {
      const s = await benchStack(emu);
      try {
        const d = new ProgramDriver({ host: s.host, project: "fleet", stack: "all", parallel: 64 });
        await d.up(fleetProgram(size));
        return d.state;
      } finally {
        await s.close();
      }
    })();
    for (const k of ks) {
      const stacks = partition(applied, k);
      const exports = path.join(dir, `k${k}`);
      fs.mkdirSync(exports);
      stacks.forEach((entries, i) =>
        fs.writeFileSync(path.join(exports, `s${i}.json`), JSON.stringify(stackExport(entries, { project: "fleet", stack: `s${i}` }))),
      );

      await emu.resetStats();
      const run = await runCli(["--account-id", ACCOUNT, "--state", exports, "--json"], emu.url);
      const stats = await emu.stats();
      const writes = Object.entries(stats.byRoute)
        .filter(([route]) => !route.startsWith("GET "))
        .reduce((sum, [, c]) => sum + c, 0);
      if (run.code === 2) throw new Error(`the audit of ${k} exports failed: ${run.stderr}`);
      const result = JSON.parse(run.stdout) as { summary: { inSync: number } };
      const audit = { requests: stats.totalRequests, writes, ms: run.ms, inSync: result.summary.inSync, code: run.code };

      // The same stacks refreshed one by one, each in a host of its own (as each `pulumi refresh` runs).
      let requests = 0;
      let ms = 0;
      for (const [i, entries] of stacks.entries()) {
        const s = await benchStack(emu);
        try {
          const d = new ProgramDriver({ host: s.host, project: "fleet", stack: `s${i}`, parallel: p });
          for (const e of entries) d.state.set(e.urn, e);
          await emu.resetStats();
          const started = nowMs();
          await d.refresh();
          ms += nowMs() - started;
          requests += (await emu.stats()).totalRequests;
        } finally {
          await s.close();
        }
      }
      rows.push({ k, audit, refresh: { requests, ms } });
      progress(
        `  ${k} stack${k === 1 ? "" : "s"}: audit ${audit.requests} requests (${fmtInt(audit.ms)} ms, ${audit.inSync} in sync, exit ${audit.code}); per-stack refreshes ${requests} requests (${fmtInt(ms)} ms)`,
      );
    }
    progress(`  destroying the fleet ...`);
    const s = await benchStack(emu);
    try {
      const d = new ProgramDriver({ host: s.host, project: "fleet", stack: "all", parallel: 64 });
      for (const [urn, e] of applied) d.state.set(urn, e);
      await d.destroy();
    } finally {
      await s.close();
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
    await emu.configure({ latencyMs: 0 });
  }

  const one = rows.find((r) => r.k === 1)?.refresh.ms ?? NaN;
  const table: Table = {
    title: `audit of ${n} objects (${size.sites} sites) held in 1 to ${Math.max(...ks)} stack exports`,
    headers: [
      "stack exports",
      "audit: requests",
      "audit: write requests",
      "audit: objects in sync",
      "per-stack refreshes: requests (sum)",
      "refreshes ÷ audit (requests)",
      "audit: ms (whole command)",
      "audit ÷ one stack's refresh (time)",
      "per-stack refreshes: ms (sum)",
      "refreshes ÷ one stack's refresh (time)",
    ],
    rows: rows.map((r) => [
      String(r.k),
      fmtInt(r.audit.requests),
      String(r.audit.writes),
      fmtInt(r.audit.inSync),
      fmtInt(r.refresh.requests),
      ratio(r.refresh.requests, r.audit.requests, 1),
      fmtInt(r.audit.ms),
      ratio(r.audit.ms, one),
      fmtInt(r.refresh.ms),
      ratio(r.refresh.ms, one),
    ]),
  };
  const counts = rows.map((r) => r.audit.requests);
  const targets: Target[] = [
    {
      target: `the audit sends the same number of requests for ${ks.join(", ")} stack exports (one read of the account)`,
      measured: counts.join(", "),
      met: counts.every((c) => c === counts[0]),
    },
    {
      target: "the audit sends only GETs and finds every object in sync",
      measured: rows.map((r) => `${r.k}: ${r.audit.writes} writes, ${r.audit.inSync}/${n} in sync, exit ${r.audit.code}`).join("; "),
      met: rows.every((r) => r.audit.writes === 0 && r.audit.inSync === n && r.audit.code === 0),
    },
    ...rows
      .filter((r) => r.k > 1)
      .map((r) => ({
        target: `${r.k} stacks: the audit costs fewer requests than refreshing each stack`,
        measured: `${fmtInt(r.audit.requests)} vs ${fmtInt(r.refresh.requests)}`,
        met: r.audit.requests < r.refresh.requests,
      })),
  ];
  return {
    id: "audit",
    title: "8. Fleet audit: one account read for any number of stack exports, against a refresh per stack",
    setup: [
      `The fleet of group 6 (${size.routes} StaticRoutes, ${size.gre} GRE and ${size.ipsec} IPsec tunnels, ${size.apps} Apps, ${size.sites} sites with 2 WANs, 3 LANs and 2 ACLs each: ${n} objects), applied once, its state split into K stacks (a site stays with its WANs, LANs and ACLs; the other resources round-robin) and written as K \`pulumi stack export\` files. The audit is the built \`cloudflare-magic-audit --state <dir> --json\`, run as a child process (its time includes starting node and loading the package). Each per-stack refresh runs in a provider host of its own at P=${p} (the engine's default on 2 CPUs) with coalescing on; its time excludes starting the host. The emulator adds ${o.latencyMs} ms to every request. Host settings: ${describeSettings(HOST_SETTINGS)}.`,
      `"one stack's refresh" is the K=1 refresh of the whole fleet in the same run; times are shown as ratios to it.`,
    ],
    tables: [table],
    targets,
    notes: [
      `The account read is the one codegen does: each account-level collection once and each site's WANs, LANs, ACLs and app configs once (9 + 4 × ${size.sites} = ${9 + 4 * size.sites} GETs); a stack's refresh reads each collection its resources are in, so K stacks pay for the collections they share K times, and a stack with one object of a kind reads it alone.`,
    ],
    seconds: (nowMs() - t0) / 1000,
  };
}
