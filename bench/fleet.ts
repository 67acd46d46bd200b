/**
 * Group 6 (fleet, issue 11): requests to refresh a ~1,000-object fleet and to change the priority
 * of 300 StaticRoutes, per object (coalescing off: `cloudflare-magic:coalesce=false`) versus
 * coalesced, with the harness running steps like the engine at P = 8 and P = 64. Each measured
 * command gets a provider host of its own, as each `pulumi` command does.
 */
import { ProgramDriver, type StateEntry } from "../tests/harness/program";
import { FULL_FLEET, type FleetSize, fleetProgram, objectCount } from "../tests/fleet/coalesce-fleet";
import { type GroupResult, type RemoteEmulator, type Table, type Target, fmtInt, nowMs, progress, ratio } from "./lib/common";
import { HOST_SETTINGS, benchStack, describeSettings } from "./lib/stack";

export interface FleetOptions {
  size?: FleetSize;
  latencyMs: number;
  parallel?: number[];
  changed?: number;
}

interface Measure {
  requests: number;
  collections: number;
  maxPerCollection: number;
  ms: number;
  state?: string;
}

const stateOf = (d: ProgramDriver) => JSON.stringify([...d.state.values()].map((e) => [e.urn, e.id, e.inputs, e.outputs]).sort());

export async function fleetGroup(emu: RemoteEmulator, o: FleetOptions): Promise<GroupResult> {
  const t0 = nowMs();
  const size = o.size ?? FULL_FLEET;
  const ps = o.parallel ?? [8, 64];
  const changed = o.changed ?? 300;
  const n = objectCount(size);
  await emu.configure({ latencyMs: o.latencyMs });
  const settings = (coalesce: boolean) => ({ ...HOST_SETTINGS, "cloudflare-magic:coalesce": String(coalesce) });

  /** One command at parallelism P in a host of its own, over a copy of `state`. */
  const command = async (
    coalesce: boolean,
    p: number,
    state: Map<string, StateEntry>,
    f: (d: ProgramDriver) => Promise<unknown>,
  ): Promise<{ m: Measure; d: ProgramDriver }> => {
    const s = await benchStack(emu, settings(coalesce));
    try {
      const d = new ProgramDriver({ host: s.host, project: "bench", stack: "dev", parallel: p });
      for (const [k, v] of state) d.state.set(k, structuredClone(v));
      await emu.resetStats();
      const started = nowMs();
      await f(d);
      const ms = nowMs() - started;
      const stats = await emu.stats();
      const per = Object.values(stats.byCollection);
      return { m: { requests: stats.totalRequests, collections: per.length, maxPerCollection: Math.max(0, ...per), ms }, d };
    } finally {
      await s.close();
    }
  };

  progress(`  applying the fleet (${n} objects) at P=64 per object, then destroying it ...`);
  const appliedOff = await command(false, 64, new Map(), (d) => d.up(fleetProgram(size)));
  await command(false, 64, appliedOff.d.state, (d) => d.destroy());
  progress(`  applying the fleet (${n} objects) at P=64 coalesced ...`);
  const applied = await command(true, 64, new Map(), (d) => d.up(fleetProgram(size)));
  progress(`  applied: per object ${appliedOff.m.requests} requests, coalesced ${applied.m.requests}`);
  let state = applied.d.state;

  const refresh: Array<{ p: number; off: Measure; on: Measure }> = [];
  let reference: string | undefined;
  let identical = true;
  for (const p of ps) {
    const off = await command(false, p, state, (d) => d.refresh());
    const on = await command(true, p, state, (d) => d.refresh());
    reference ??= stateOf(off.d);
    identical &&= stateOf(off.d) === reference && stateOf(on.d) === reference;
    refresh.push({ p, off: off.m, on: on.m });
    progress(
      `  refresh P=${p}: per object ${off.m.requests} requests (${fmtInt(off.m.ms)} ms), coalesced ${on.m.requests} (${fmtInt(on.m.ms)} ms), max ${on.m.maxPerCollection} per collection`,
    );
  }

  const updates: Array<{ p: number; off: Measure; on: Measure }> = [];
  let priority = 100;
  for (const p of ps) {
    const run = async (coalesce: boolean) => {
      priority++;
      const r = await command(coalesce, p, state, (d) => d.up(fleetProgram(size, (i) => (i < changed ? priority : 100))));
      state = r.d.state;
      return r.m;
    };
    const off = await run(false);
    const on = await run(true);
    updates.push({ p, off, on });
    progress(`  ${changed} priority changes P=${p}: per route ${off.requests} requests, coalesced ${on.requests}`);
  }

  progress(`  destroying the fleet at P=64 ...`);
  const destroyed = await command(true, 64, state, (d) => d.destroy());

  const refreshTable: Table = {
    title: `refresh of ${n} objects`,
    headers: [
      "P",
      "per object: requests",
      "coalesced: requests",
      "ratio",
      "coalesced: collections touched",
      "coalesced: most requests on one collection",
      "per object: ms",
      "coalesced: ms",
    ],
    rows: refresh.map((r) => [
      String(r.p),
      fmtInt(r.off.requests),
      fmtInt(r.on.requests),
      ratio(r.off.requests, r.on.requests, 1),
      String(r.on.collections),
      String(r.on.maxPerCollection),
      fmtInt(r.off.ms),
      fmtInt(r.on.ms),
    ]),
  };
  const updateTable: Table = {
    title: `one apply changing the priority of ${changed} StaticRoutes`,
    headers: ["P", "per route: requests", "coalesced: requests", "ratio", `target ⌈${changed}/P⌉ + 2`, "per route: ms", "coalesced: ms"],
    rows: updates.map((u) => [
      String(u.p),
      fmtInt(u.off.requests),
      fmtInt(u.on.requests),
      ratio(u.off.requests, u.on.requests, 1),
      String(Math.ceil(changed / u.p) + 2),
      fmtInt(u.off.ms),
      fmtInt(u.on.ms),
    ]),
  };
  const targets: Target[] = [
    ...refresh.map((r) => ({
      target: `refresh of ${n} objects at P=${r.p}: at most 2 requests per collection touched`,
      measured: `${r.on.maxPerCollection} at most (${r.on.requests} requests over ${r.on.collections} collections; per object: ${r.off.requests})`,
      met: r.on.maxPerCollection <= 2,
    })),
    { target: "refreshed state identical to per-object reads", measured: identical ? "identical at every P" : "DIFFERENT", met: identical },
    {
      target: `no regression: applying the ${n}-object fleet costs no more requests than per object`,
      measured: `coalesced ${fmtInt(applied.m.requests)}, per object ${fmtInt(appliedOff.m.requests)}`,
      met: applied.m.requests <= appliedOff.m.requests,
    },
    ...updates.map((u) => ({
      target: `${changed} priority changes at P=${u.p}: at most ⌈${changed}/P⌉ + 2 = ${Math.ceil(changed / u.p) + 2} requests`,
      measured: `${u.on.requests} (per route: ${u.off.requests})`,
      met: u.on.requests <= Math.ceil(changed / u.p) + 2,
    })),
  ];
  return {
    id: "fleet",
    title: `6. Fleet: refresh of ${n} objects and ${changed} route changes, per object vs coalesced`,
    setup: [
      `The fleet: ${size.routes} StaticRoutes, ${size.gre} GRE and ${size.ipsec} IPsec tunnels, ${size.apps} Apps (read through their list) and ${size.sites} sites each with 2 WANs, 3 LANs and 2 ACLs (children of the site: one collection per site and kind), ${n} objects. Applied once at P=64, then each command runs in a provider host of its own (as each \`pulumi\` command does) with the harness running steps like the engine (at most P at once). The emulator adds ${o.latencyMs} ms to every request. Host settings: ${describeSettings()}, plus \`cloudflare-magic:coalesce=false\` for the per-object baseline.`,
      `"requests" are what the emulator counted during that command; a collection is one list endpoint (an item request counts on its collection). The same state is refreshed both ways at each P and compared entry by entry.`,
    ],
    tables: [refreshTable, updateTable],
    targets,
    notes: [
      `Apply of the fleet at P=64: ${fmtInt(applied.m.requests)} requests coalesced, ${fmtInt(appliedOff.m.requests)} per object (${n} POSTs; creates of objects with nothing unique — WANs, LANs, ACLs — start with a list of what exists, which creates in flight together share). Destroy at P=64: ${fmtInt(destroyed.m.requests)} requests.`,
      `CI runs the same checks on a quarter-size fleet (tests/fleet/coalesce.test.ts).`,
    ],
    seconds: (nowMs() - t0) / 1000,
  };
}
