/**
 * Runs every benchmark group in one run and writes bench/RESULTS.md from the measured numbers.
 *
 *   npm run bench                                   # from the repo root: build, install, compile, run all
 *   node bench/.out/bench/run.js --only client      # one group (after a build), printed, RESULTS.md untouched
 *
 *   node bench/.out/bench/run.js --only fleet-budget --merge   # one group, its section and targets merged into RESULTS.md
 *
 * Options: --only routes,state,client,coldstart,preview,fleet,fleet-budget,audit   --n 1000 (routes/resources)
 *          --fleet-hosts 4 --fleet-routes 60 --fleet-limit 300/30 --fleet-lockout 30 (fleet-budget group)
 *          --audit-stacks 1,10,100 (audit group)
 *          --merge (a partial run replaces its groups' sections and target rows in RESULTS.md, keeping the rest)
 *          --latency 50 (ms, routes group)   --rounds 7 --cycles1 60 --cycles16 10 (client group)
 *          --clients ours,official,pool --profile-cycles 20 (0: no CPU profiles) (client group)
 *          --runs 10 (cold start)   --out FILE (write the report)
 */
import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { auditGroup } from "./audit";
import { clientGroup } from "./client";
import { coldStartGroup } from "./coldstart";
import { fleetBudgetGroup } from "./fleet-budget";
import { fleetGroup } from "./fleet";
import { type GroupResult, REPO, RUN, fmt, machine, markdownTable, nowMs, progress, startRemoteEmulator, verdict } from "./lib/common";
import { HOST_SETTINGS } from "./lib/stack";
import { type PreviewSample, measurePreview, previewGroup } from "./preview";
import { routesGroup } from "./routes";
import { type StateSample, sampleState, stateGroup } from "./state";

const GROUPS = ["client", "coldstart", "routes", "state", "preview", "fleet", "fleet-budget", "audit"] as const;
type GroupId = (typeof GROUPS)[number];

function parseArgs(argv: string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (!a.startsWith("--")) throw new Error(`unexpected argument ${a}`);
    // `--merge` alone is a flag; every other option takes a value.
    const [k, v] = a.includes("=") ? a.slice(2).split("=", 2) : a === "--merge" ? ["merge", "true"] : [a.slice(2), argv[++i]];
    if (v === undefined) throw new Error(`--${k} needs a value`);
    out[k] = v;
  }
  return out;
}

function readOnlyGit(args: string[]): string {
  try {
    return execFileSync("git", args, { cwd: REPO, encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] }).trim();
  } catch {
    return "";
  }
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  const only = (args.only ?? GROUPS.join(",")).split(",").map((s) => s.trim()) as GroupId[];
  for (const g of only) if (!GROUPS.includes(g)) throw new Error(`unknown group ${g}; groups: ${GROUPS.join(", ")}`);
  const all = GROUPS.every((g) => only.includes(g));
  const n = Number(args.n ?? 1000);
  const latencyMs = Number(args.latency ?? 50);
  const rounds = Number(args.rounds ?? 7);
  const runs = Number(args.runs ?? 10);
  const merge = args.merge !== undefined && args.merge !== "false";
  const outFile = args.out ?? (all || merge ? path.join(REPO, "bench", "RESULTS.md") : undefined);

  const startedAt = new Date();
  const t0 = nowMs();
  const box = machine();
  progress(
    `groups: ${only.join(", ")}; N=${n}, latency ${latencyMs} ms; ${box["CPU model (/proc/cpuinfo)"]}, ${box["nproc (CPUs available)"]} CPUs, node ${box.node}`,
  );

  const results: GroupResult[] = [];
  const failures: Array<{ id: string; error: Error }> = [];
  const emu = await startRemoteEmulator(0);
  progress(`emulator (pid ${emu.pid}) at ${emu.url}`);
  const attempt = async (id: string, f: () => Promise<GroupResult | GroupResult[] | void>) => {
    progress(`== ${id}`);
    try {
      const r = await f();
      if (r) results.push(...(Array.isArray(r) ? r : [r]));
    } catch (e) {
      failures.push({ id, error: e as Error });
      progress(`!! ${id} failed: ${(e as Error).stack ?? String(e)}`);
    }
  };
  try {
    if (only.includes("client")) {
      await attempt("client", () =>
        clientGroup(emu, {
          rounds,
          cycles1: Number(args.cycles1 ?? 60),
          cycles16: Number(args.cycles16 ?? 10),
          only: args.clients?.split(","),
          profileCycles: Number(args["profile-cycles"] ?? 20),
        }),
      );
    }
    if (only.includes("coldstart")) await attempt("coldstart", () => coldStartGroup(emu, runs));
    if (only.includes("fleet-budget")) {
      const m = /^(\d+)\/(\d+)$/.exec(args["fleet-limit"] ?? "300/30");
      if (!m) throw new Error("--fleet-limit wants N/S, e.g. 300/30");
      await attempt("fleet-budget", () =>
        fleetBudgetGroup({
          hosts: Number(args["fleet-hosts"] ?? 4),
          routesPerHost: Number(args["fleet-routes"] ?? 60),
          limit: { requests: Number(m[1]), windowSeconds: Number(m[2]), lockoutSeconds: Number(args["fleet-lockout"] ?? m[2]) },
        }),
      );
    }
    if (only.includes("routes") || only.includes("state") || only.includes("preview")) {
      await attempt(only.includes("routes") ? "routes" : "routes fixture (for state/preview)", async () => {
        const states: StateSample[] = [];
        const previews: PreviewSample[] = [];
        const hook = (label: string) => async (s: Parameters<typeof measurePreview>[1]) => {
          if (only.includes("state")) states.push(sampleState(label, s.driver, n));
          if (only.includes("preview")) {
            try {
              previews.push(await measurePreview(label, s, n));
            } catch (e) {
              failures.push({ id: `preview (${label})`, error: e as Error });
              progress(`!! preview ${label} failed: ${(e as Error).stack ?? String(e)}`);
            }
          }
        };
        const routes = await routesGroup(emu, {
          n,
          // Alone, state/preview only need the programs applied: no added latency then.
          latencyMs: only.includes("routes") ? latencyMs : 0,
          whileApplied: hook(`${n} StaticRoutes`),
          whileTableApplied: hook(`1 RouteTable of ${n} routes`),
        });
        const out: GroupResult[] = [];
        if (only.includes("routes")) out.push(routes);
        if (states.length) out.push({ ...stateGroup(states, n), seconds: 0 });
        if (previews.length) out.push(previewGroup(previews, n));
        return out;
      });
    }
    if (only.includes("fleet")) await attempt("fleet", () => fleetGroup(emu, { latencyMs }));
    if (only.includes("audit")) {
      const stacks = (args["audit-stacks"] ?? "1,10,100").split(",").map(Number);
      await attempt("audit", () => auditGroup(emu, { latencyMs, stacks }));
    }
  } finally {
    await emu.close();
  }

  const totalSeconds = (nowMs() - t0) / 1000;
  results.sort((a, b) => a.title.localeCompare(b.title));
  const command =
    process.env.npm_lifecycle_event === "bench"
      ? "npm run bench"
      : `${RUN}${process.argv.length > 2 ? " " + process.argv.slice(2).join(" ") : ""}`;
  let report = render(results, failures, { box, startedAt, command, totalSeconds, n, latencyMs });
  if (merge && !all && outFile && fs.existsSync(outFile)) report = mergeInto(fs.readFileSync(outFile, "utf8"), report, results);
  if (outFile) {
    fs.writeFileSync(outFile, report);
    progress(`wrote ${path.relative(process.cwd(), outFile) || outFile}`);
  } else {
    process.stdout.write(report);
  }
  progress(`done in ${fmt(totalSeconds, 0)} s${failures.length ? `; ${failures.length} failure(s)` : ""}`);
  if (failures.length) process.exitCode = 1;
}

function render(
  results: GroupResult[],
  failures: Array<{ id: string; error: Error }>,
  info: { box: Record<string, string>; startedAt: Date; command: string; totalSeconds: number; n: number; latencyMs: number },
): string {
  const commit = readOnlyGit(["rev-parse", "--short", "HEAD"]);
  const dirty = readOnlyGit(["status", "--porcelain"]) !== "";
  const lines: string[] = [];
  lines.push("# Benchmark results", "");
  lines.push(
    `Written by \`bench/run.ts\` from the numbers of one run; do not edit by hand. Absolute times on this shared machine are noise, so every figure that matters is a ratio measured within the run. What each figure means: [README.md](README.md).`,
    "",
  );
  lines.push("## Run", "");
  lines.push(
    markdownTable({
      headers: ["", ""],
      rows: [
        ["date", info.startedAt.toISOString()],
        ["command (from the repo root)", `\`${info.command}\``],
        ["commit", commit ? `${commit}${dirty ? " (working tree had uncommitted changes)" : ""}` : "unknown"],
        ["suite wall time (this node process)", `${fmt(info.totalSeconds, 0)} s`],
        ...Object.entries(info.box),
        [
          "provider host settings (groups 1, 3, 5)",
          Object.entries(HOST_SETTINGS)
            .map(([k, v]) => `${k}=${v}`)
            .join(", "),
        ],
      ],
    }),
    "",
  );
  const targets = results.flatMap((r) => r.targets.map((t) => ({ ...t, group: r.title.split(" ")[0].replace(/\.$/, "") })));
  if (targets.length) {
    lines.push("## Targets", "");
    lines.push(
      markdownTable({
        headers: ["group", "target", "measured", "verdict"],
        rows: targets.map((t) => [t.group, t.target, t.measured, verdict(t.met)]),
      }),
      "",
    );
  }
  if (failures.length) {
    lines.push("## Failures", "");
    for (const f of failures) lines.push(`- **${f.id}**: ${f.error.message.split("\n")[0]}`);
    lines.push("");
  }
  for (const r of results) {
    lines.push(`## ${r.title}`, "");
    for (const p of r.setup) lines.push(p, "");
    for (const t of r.tables) lines.push(markdownTable(t), "");
    if (r.targets.length) {
      lines.push(
        markdownTable({ headers: ["target", "measured", "verdict"], rows: r.targets.map((t) => [t.target, t.measured, verdict(t.met)]) }),
        "",
      );
    }
    for (const note of r.notes) lines.push(`- ${note}`);
    if (r.notes.length) lines.push("");
    if (r.seconds) lines.push(`_Group time: ${fmt(r.seconds, 0)} s._`, "");
  }
  return lines.join("\n");
}

/**
 * A partial run's report merged into an existing RESULTS.md: the groups it ran replace their own
 * sections and target rows (or are appended); every other group's figures stay as they were, and
 * the merged section states the run it comes from.
 */
function mergeInto(existing: string, partial: string, results: GroupResult[]): string {
  const sections = (text: string) => text.split(/\n(?=## )/);
  const runInfo = sections(partial).find((x) => x.startsWith("## Run"));
  const runLines = (runInfo ?? "").split("\n").filter((l) => /^\| (date|command|commit|load average)/.test(l));
  let parts = sections(existing);
  for (const r of results) {
    const group = r.title.split(" ")[0].replace(/\.$/, "");
    const mine = sections(partial).find((x) => x.startsWith(`## ${r.title}`));
    if (!mine) continue;
    const stamped = mine.replace(
      /\n\n/,
      `\n\nFrom a run of this group alone, merged into this file:\n\n|  |  |\n|---|---|\n${runLines.join("\n")}\n\n`,
    );
    const at = parts.findIndex((x) => x.startsWith(`## ${r.title}`));
    if (at >= 0) parts[at] = stamped.replace(/\n*$/, "\n");
    else parts.push(stamped.replace(/\n*$/, "\n"));
    const newRows = (sections(partial).find((x) => x.startsWith("## Targets")) ?? "")
      .split("\n")
      .filter((l) => l.startsWith(`| ${group} |`));
    parts = parts.map((x) => {
      if (!x.startsWith("## Targets")) return x;
      const lines = x
        .replace(/\n*$/, "")
        .split("\n")
        .filter((l) => !l.startsWith(`| ${group} |`));
      return [...lines, ...newRows].join("\n") + "\n";
    });
  }
  return parts.join("\n");
}

main().catch((e) => {
  progress(`fatal: ${(e as Error).stack ?? e}`);
  process.exit(1);
});
