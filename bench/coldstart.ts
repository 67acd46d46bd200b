/**
 * Group 4: provider host cold start: spawn to the first `create` answered (startHost + configure +
 * check + create of one GreTunnel against the emulator), median of several runs, next to a bare
 * `node -e 0` spawn on the same machine and to a warm create on an already running host.
 */
import { spawn } from "node:child_process";
import * as path from "node:path";
import { secret, startHost, urn } from "../tests/harness/host";
import {
  ACCOUNT,
  type GroupResult,
  REPO,
  RUN,
  type RemoteEmulator,
  TOKEN,
  fmt,
  fmtInt,
  median,
  nowMs,
  percentile,
  progress,
} from "./lib/common";

/** The provider text the built sdk stores in every resource (dist/sdk/shim.js, as `npm run build` made it). */
const SHIM = () => (require(path.join(REPO, "dist/sdk/shim.js")) as { SHIM_TEXT: string }).SHIM_TEXT;

function tunnelInputs(i: number, name: string): Record<string, unknown> {
  return {
    name,
    cloudflareGreEndpoint: "162.159.64.1",
    customerGreEndpoint: `203.0.113.${(i % 250) + 1}`,
    interfaceAddress: "10.212.0.8/31",
    __provider: SHIM(),
    __token: "magic:GreTunnel",
    __resourceName: `gre-${i}`,
  };
}

function bareNodeMs(): Promise<number> {
  return new Promise((resolve, reject) => {
    const t0 = nowMs();
    const child = spawn(process.execPath, ["-e", "0"], { stdio: "ignore" });
    child.once("error", reject);
    child.once("exit", () => resolve(nowMs() - t0));
  });
}

/** In a fresh node: ms to require undici, then zod, then the rest of the provider package (what the first check loads). */
function loadBreakdown(): Promise<{ undici: number; zod: number; provider: number }> {
  const script = `const t=()=>performance.now();let a=t();require("undici");let b=t();require("zod");let c=t();require("pulumi-cloudflare-magic/provider");let d=t();process.stdout.write(JSON.stringify({undici:b-a,zod:c-b,provider:d-c}))`;
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["-e", script], { cwd: REPO, stdio: ["ignore", "pipe", "inherit"] });
    let out = "";
    child.stdout.setEncoding("utf8").on("data", (d: string) => (out += d));
    child.once("error", reject);
    child.once("exit", (code) =>
      code === 0
        ? resolve(JSON.parse(out) as { undici: number; zod: number; provider: number })
        : reject(new Error(`load breakdown exited ${code}`)),
    );
  });
}

export async function coldStartGroup(emu: RemoteEmulator, runs: number): Promise<GroupResult> {
  const t0 = nowMs();
  await emu.configure({ latencyMs: 0 });
  const reproduce = `\`${RUN} --only coldstart --runs ${runs}\``;
  const samples: Array<{ spawn: number; configure: number; check: number; create: number; total: number; warmCreate: number }> = [];
  const bare: number[] = [];
  const loads: Array<{ undici: number; zod: number; provider: number }> = [];
  for (let i = 0; i < runs; i++) {
    bare.push(await bareNodeMs());
    loads.push(await loadBreakdown());
    const name = `cold${i}_${process.pid % 10000}`;
    const u = urn("pulumi-nodejs:dynamic/magic:GreTunnel", `gre-${i}`, "bench");
    const a = nowMs();
    const host = await startHost({ cwd: REPO, project: "bench" });
    try {
      const b = nowMs();
      await host.configure({
        "cloudflare:apiToken": secret(TOKEN),
        "cloudflare-magic:accountId": ACCOUNT,
        "cloudflare-magic:baseUrl": emu.url,
      });
      const c = nowMs();
      const checked = await host.check(u, {}, tunnelInputs(i, name));
      if (checked.failures.length) throw new Error(`check failed: ${JSON.stringify(checked.failures)}`);
      const d = nowMs();
      const created = await host.create(u, checked.inputs);
      const e = nowMs();
      // A second create on the now warm host: what the first one paid for loading, not for the API.
      const u2 = urn("pulumi-nodejs:dynamic/magic:GreTunnel", `gre-${i}-warm`, "bench");
      const checked2 = await host.check(u2, {}, tunnelInputs(i, `${name}w`));
      const f = nowMs();
      const created2 = await host.create(u2, checked2.inputs);
      const g = nowMs();
      samples.push({ spawn: b - a, configure: c - b, check: d - c, create: e - d, total: e - a, warmCreate: g - f });
      await host.delete(created.id, u, created.properties);
      await host.delete(created2.id, u2, created2.properties);
    } finally {
      await host.close();
    }
    progress(`  cold start ${i + 1}/${runs}: ${fmtInt(samples[i].total)} ms (bare node ${fmtInt(bare[i])} ms)`);
  }
  const m = (k: keyof (typeof samples)[number]) => median(samples.map((s) => s[k]));
  const total = m("total");
  const bareMs = median(bare);
  const rows = [
    [
      "spawn → port printed (host loaded @pulumi/pulumi)",
      fmtInt(m("spawn")),
      `${fmt((100 * m("spawn")) / total, 0)} %`,
      `${fmt(m("spawn") / bareMs, 1)}×`,
      reproduce,
    ],
    ["configure", fmtInt(m("configure")), `${fmt((100 * m("configure")) / total, 0)} %`, `${fmt(m("configure") / bareMs, 1)}×`, reproduce],
    [
      "first check (the host runs the provider's configure now: loads the provider package, undici, zod)",
      fmtInt(m("check")),
      `${fmt((100 * m("check")) / total, 0)} %`,
      `${fmt(m("check") / bareMs, 1)}×`,
      reproduce,
    ],
    [
      "first create (client, first connection, one POST)",
      fmtInt(m("create")),
      `${fmt((100 * m("create")) / total, 0)} %`,
      `${fmt(m("create") / bareMs, 1)}×`,
      reproduce,
    ],
    ["**spawn → first create answered**", `**${fmtInt(total)}**`, "100 %", `**${fmt(total / bareMs, 1)}×**`, reproduce],
    ["(baseline) bare `node -e 0`, spawn → exit", fmtInt(bareMs), "", "1.0×", reproduce],
    [
      '(breakdown) in a fresh node: `require("undici")`',
      fmt(median(loads.map((l) => l.undici)), 0),
      `${fmt((100 * median(loads.map((l) => l.undici))) / total, 0)} %`,
      `${fmt(median(loads.map((l) => l.undici)) / bareMs, 2)}×`,
      reproduce,
    ],
    [
      '(breakdown) then `require("zod")`',
      fmt(median(loads.map((l) => l.zod)), 0),
      `${fmt((100 * median(loads.map((l) => l.zod))) / total, 0)} %`,
      `${fmt(median(loads.map((l) => l.zod)) / bareMs, 2)}×`,
      reproduce,
    ],
    [
      "(breakdown) then the rest of `pulumi-cloudflare-magic/provider`",
      fmt(median(loads.map((l) => l.provider)), 0),
      `${fmt((100 * median(loads.map((l) => l.provider))) / total, 0)} %`,
      `${fmt(median(loads.map((l) => l.provider)) / bareMs, 2)}×`,
      reproduce,
    ],
    [
      "(reference) check + create of a second tunnel on the warm host",
      fmtInt(m("warmCreate")),
      "",
      `${fmt(m("warmCreate") / bareMs, 2)}×`,
      reproduce,
    ],
  ];
  return {
    id: "coldstart",
    title: "4. Provider host cold start",
    setup: [
      `${runs} runs; each spawns \`@pulumi/pulumi/cmd/dynamic-provider\` with plain node (tests/harness/host.ts), configures it against the emulator (no added latency), checks and creates one GreTunnel, then also checks and creates a second one on the now warm host. Medians; times in ms, ratios against a bare \`node -e 0\` spawn measured between the runs (machine speed baseline).`,
    ],
    tables: [{ title: "Median of runs", headers: ["step", "ms", "share", "× bare node start", "reproduce"], rows }],
    targets: [],
    notes: [
      `Spread of spawn → first create: min ${fmtInt(
        percentile(
          samples.map((s) => s.total),
          0,
        ),
      )} ms, max ${fmtInt(
        percentile(
          samples.map((s) => s.total),
          100,
        ),
      )} ms; cold/warm create ratio ${fmt((m("check") + m("create")) / m("warmCreate"), 1)}× (first check + create vs second).`,
    ],
    seconds: (nowMs() - t0) / 1000,
  };
}
