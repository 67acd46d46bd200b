/**
 * Summarises a V8 .cpuprofile (from `node --cpu-prof`): self time by package or area and the
 * hottest functions. Used to explain where a client's time goes:
 *
 *   node --cpu-prof --cpu-prof-dir=/tmp/prof bench/.out/bench/run.js --only client --clients official
 *   node bench/.out/bench/lib/profile-summary.js /tmp/prof/CPU.*.cpuprofile
 */
import * as fs from "node:fs";

interface Node {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}
interface Profile {
  nodes: Node[];
  startTime: number;
  samples: number[];
  timeDeltas: number[];
}

/** Self time (µs) per area, of the samples taken between `fromUs` and `toUs` (V8's monotonic clock). */
export function selfTimeByArea(file: string, fromUs = -Infinity, toUs = Infinity): Map<string, number> {
  const p = JSON.parse(fs.readFileSync(file, "utf8")) as Profile;
  const byId = new Map(p.nodes.map((n) => [n.id, n]));
  const out = new Map<string, number>();
  let t = p.startTime;
  p.samples.forEach((id, i) => {
    const dt = p.timeDeltas[i] ?? 0;
    t += dt;
    if (t < fromUs || t > toUs) return;
    const n = byId.get(id)!;
    const a = area(n.callFrame.url, n.callFrame.functionName);
    out.set(a, (out.get(a) ?? 0) + dt);
  });
  return out;
}

/** "undici", "cloudflare", "zod", "provider/client", "node:internal/…", "(garbage collector)", … */
export function area(url: string, fn: string): string {
  if (!url) return fn.startsWith("(") ? fn : "(native)";
  const nm = url.lastIndexOf("node_modules/");
  if (nm >= 0) {
    const rest = url.slice(nm + "node_modules/".length).split("/");
    return rest[0].startsWith("@") ? `${rest[0]}/${rest[1]}` : rest[0];
  }
  if (url.startsWith("node:")) return url.split("/").slice(0, 3).join("/");
  const m = /\/(dist|\.out)\/(.*)$/.exec(url);
  if (m) return m[2].split("/").slice(0, 2).join("/").replace(/\.js$/, "");
  return url;
}

export function summarise(file: string, top = 25): string {
  const p = JSON.parse(fs.readFileSync(file, "utf8")) as Profile;
  const byId = new Map(p.nodes.map((n) => [n.id, n]));
  const self = new Map<number, number>();
  p.samples.forEach((id, i) => self.set(id, (self.get(id) ?? 0) + (p.timeDeltas[i] ?? 0)));
  const total = [...self.values()].reduce((a, b) => a + b, 0);
  const areas = new Map<string, number>();
  const fns = new Map<string, number>();
  for (const [id, us] of self) {
    const n = byId.get(id)!;
    const a = area(n.callFrame.url, n.callFrame.functionName);
    areas.set(a, (areas.get(a) ?? 0) + us);
    const f = `${n.callFrame.functionName || "(anonymous)"} ${a}:${n.callFrame.lineNumber + 1}`;
    fns.set(f, (fns.get(f) ?? 0) + us);
  }
  const pct = (us: number) => `${((100 * us) / total).toFixed(1).padStart(5)} %`;
  const lines = [`${file}: ${(total / 1000).toFixed(0)} ms sampled`, "", "self time by area:"];
  for (const [a, us] of [...areas].sort((x, y) => y[1] - x[1]).slice(0, top)) lines.push(`  ${pct(us)}  ${a}`);
  lines.push("", "hottest functions (self time):");
  for (const [f, us] of [...fns].sort((x, y) => y[1] - x[1]).slice(0, top)) lines.push(`  ${pct(us)}  ${f}`);
  return lines.join("\n");
}

if (require.main === module) {
  for (const f of process.argv.slice(2)) console.log(summarise(f) + "\n");
}
