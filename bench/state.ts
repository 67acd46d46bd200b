/**
 * Group 3: serialized `__provider` bytes per resource and total state bytes of an N-resource
 * program, measured from the ProgramDriver's state after an apply (the inputs and outputs the
 * engine would write to the state file, as JSON).
 */
import type { ProgramDriver } from "../tests/harness/program";
import { type GroupResult, RUN, type Table, fmt, fmtInt } from "./lib/common";
import { jsonBytes } from "./lib/stack";

export interface StateSample {
  label: string;
  resources: number;
  routes: number;
  /** JSON bytes of one `__provider` value (the string with its quotes). */
  providerBytes: number;
  /** `__provider` copies per resource (inputs + outputs). */
  providerCopies: number;
  inputsBytes: number;
  outputsBytes: number;
  /** The same shim text in every resource? */
  oneText: boolean;
}

export function sampleState(label: string, driver: ProgramDriver, routes: number): StateSample {
  const entries = [...driver.state.values()].filter((e) => e.custom);
  const texts = new Set<string>();
  let copies = 0;
  let providerBytes = 0;
  for (const e of entries) {
    for (const side of [e.inputs, e.outputs]) {
      if (typeof side.__provider === "string") {
        copies++;
        texts.add(side.__provider);
        providerBytes = Math.max(providerBytes, jsonBytes(side.__provider));
      }
    }
  }
  return {
    label,
    resources: entries.length,
    routes,
    providerBytes,
    providerCopies: entries.length ? copies / entries.length : 0,
    inputsBytes: entries.reduce((a, e) => a + jsonBytes(e.inputs), 0),
    outputsBytes: entries.reduce((a, e) => a + jsonBytes(e.outputs), 0),
    oneText: texts.size <= 1,
  };
}

export function stateGroup(samples: StateSample[], n: number): GroupResult {
  const reproduce = `\`${RUN} --only state --n ${n}\``;
  const rows = samples.map((s) => {
    const total = s.inputsBytes + s.outputsBytes;
    const providerTotal = s.providerBytes * s.providerCopies * s.resources;
    return [
      s.label,
      fmtInt(s.resources),
      fmtInt(s.providerBytes),
      fmt(s.providerCopies, 0),
      fmtInt(s.providerBytes * s.providerCopies),
      fmtInt(total),
      fmtInt(total / s.routes),
      `${fmt((100 * providerTotal) / total, 1)} %`,
      reproduce,
    ];
  });
  const table: Table = {
    title: `State of a program holding ${n} routes, after apply`,
    headers: [
      "program",
      "resources",
      "`__provider` bytes (one copy)",
      "copies per resource",
      "`__provider` bytes per resource",
      "state bytes (inputs + outputs, JSON)",
      "state bytes per route",
      "share of state that is `__provider`",
      "reproduce",
    ],
    rows,
  };
  const sr = samples.find((s) => s.label.includes("StaticRoute")) ?? samples[0];
  const rt = samples.find((s) => s.label.includes("RouteTable"));
  const ratioTable: Table | undefined =
    rt && sr
      ? {
          title: "Ratios",
          headers: ["figure", "value", "reproduce"],
          rows: [
            ["`__provider` bytes per resource / 2 KB budget", fmt((sr.providerBytes * sr.providerCopies) / 2048, 3), reproduce],
            [
              "state bytes: StaticRoutes / RouteTable",
              `${fmt((sr.inputsBytes + sr.outputsBytes) / (rt.inputsBytes + rt.outputsBytes), 2)}×`,
              reproduce,
            ],
          ],
        }
      : undefined;
  return {
    id: "state",
    title: `3. State size of a ${n}-resource program`,
    setup: [
      `Measured from the ProgramDriver state after the apply of group 1 (the same ${n} StaticRoutes, and the same routes as one RouteTable): JSON bytes of each resource's stored inputs and outputs, which is what the engine writes to the state file (before its own envelope and indentation). \`__provider\` is stored in both.`,
    ],
    tables: [table, ...(ratioTable ? [ratioTable] : [])],
    targets: [
      {
        target: "provider text (`__provider`) under 2 KB per resource",
        measured: `${fmtInt(sr.providerBytes)} bytes per copy, ${fmtInt(sr.providerBytes * sr.providerCopies)} bytes for the ${fmt(sr.providerCopies, 0)} copies in one resource`,
        met: sr.providerBytes * sr.providerCopies < 2048,
      },
      {
        target: "every resource stores the same provider text (the host configures once)",
        measured: samples.map((s) => `${s.label}: ${s.oneText ? "one text" : "several texts"}`).join("; "),
        met: samples.every((s) => s.oneText),
      },
    ],
    notes: [],
    seconds: 0,
  };
}
