/**
 * Runs whole Pulumi programs under `pulumi.runtime.setMocks` and forwards every dynamic resource
 * to a real dynamic-provider host (see host.ts), keeping state between runs like the engine does,
 * so tests can apply, re-apply (expect no-op), preview, refresh and destroy.
 *
 * Running a program several times in one jest process (measured on @pulumi/pulumi 3.270):
 * - Pass the program as a function. Each run calls `setMocks` again, which resets the runtime's
 *   per-deployment state (monitor, rpcDone, feature flags, stack resource); the function then
 *   builds fresh resource objects. A module path would run its top level only once per registry.
 * - `ProgramDriver.moduleProgram(path)` loads a module afresh on each run. Under jest,
 *   `delete require.cache[...]` does nothing (jest's require.cache is a view of its registry), so
 *   it uses `jest.isolateModulesAsync`. That also loads a second @pulumi/pulumi (about 1 s per
 *   run), which works because the runtime state lives in `global.globalStore` and, with
 *   monitorAddr "mock", `getMonitor()` reads the mock monitor from that store.
 * - Settling: every registration holds an rpcKeepAlive from construction until its outputs are
 *   resolved, and `runtime.waitForRPCs()` waits for those. That is not enough on its own: an
 *   `apply` callback that registers a resource runs a few microtasks *after* the outputs it
 *   waits on resolved, i.e. after waitForRPCs returned. The real language host instead waits for
 *   Node's `beforeExit` (an empty event loop), which a jest worker never reaches. So `settle()`
 *   repeats waitForRPCs + one macrotask turn until no new registration appeared. Work that leaves
 *   the microtask queue (setTimeout, I/O inside an apply) before registering is not awaited.
 * - A failed resource is never reported to the SDK as an error: that would reject every output
 *   promise of the resource, the ones nobody awaits become unhandled rejections, and jest fails
 *   the test with each of them (and UNAVAILABLE/CANCELLED codes make the SDK terminate its RPCs).
 *   The harness answers with an "unknown" result instead (outputs unknown, `apply` callbacks do
 *   not run), skips resources that depend on a failed one (as the engine does), and the run
 *   rejects with a RunError listing the failures once everything has settled.
 * - `MockResourceArgs` carries neither parent nor dependencies nor options, so the mock monitor's
 *   `registerResource` is wrapped to hand the raw request to `newResource` (which the monitor
 *   calls synchronously) and to turn failures into the "unknown" answer above.
 * - Under mocks the SDK surfaces unknown inputs as `pulumi.unknown` and secrets as the RPC secret
 *   wrapper, pushed up to the top-level key (so a secret `bgp.md5Key` reads as a secret `bgp`).
 *   The harness takes the registration's wire form instead (the raw request's object, as the
 *   engine receives it: nested secrets where the program put them, unknowns as the sentinel).
 * - Secrets in state follow the engine's bookkeeping (secrets.ts): what the provider marks in its
 *   answers, annotateSecrets from the request onto the answer, and the step executor's top-level
 *   rules. Each entry records the secret paths of its inputs and outputs; `propertyDiffs` of an
 *   update or replacement are what the CLI would show, secrets as "[secret]".
 * - Like the engine, a create-before-delete replacement deletes its old object at the end of the
 *   run, together with the resources left out of the program, dependants first: by then the
 *   dependants have moved to the new object (a replaced site's old LANs are gone before the old
 *   site). A delete-before-replace replacement deletes first, where it happens. When the run
 *   failed, the old objects wait in `pendingDeletes` for the next one.
 */
import * as os from "node:os";
import * as pulumi from "@pulumi/pulumi";
import * as resproto from "@pulumi/pulumi/proto/resource_pb";
import { Struct } from "google-protobuf/google/protobuf/struct_pb";
import { type Host, type Props, HostError, UNKNOWN, unwrapSecrets } from "./host";
import { type PropertyDiff, type Tree, annotateSecrets, copy, displayDiff, executorRules, pathsOf, wrapAt } from "./secrets";

/** A Pulumi program; it may return a promise. */
export type Program = () => unknown;
export type OpKind = "create" | "update" | "replace" | "delete" | "same" | "import";
export type CallName = "check" | "diff" | "create" | "read" | "update" | "delete";
export type CallCounts = Record<CallName, number>;

export interface OpRecord {
  urn: string;
  type: string;
  name: string;
  op: OpKind;
  id?: string;
  /** Top-level input keys whose value changed (update/replace), computed by the harness. */
  changedKeys?: string[];
  replaces?: string[];
  /** What the CLI's diff shows for an update or replacement (changed input leaves, secrets hidden). */
  propertyDiffs?: PropertyDiff[];
  /** Set when the operation itself failed (e.g. a create that left a partial object). */
  failed?: boolean;
}

export interface StateEntry {
  urn: string;
  type: string;
  name: string;
  custom: boolean;
  id?: string;
  inputs: Props;
  outputs: Props;
  parent?: string;
  dependencies: string[];
  /** Output keys returned to the program as secrets (any secret at or below the key: the SDK pushes secrecy up). */
  secretKeys: string[];
  /**
   * Dotted paths of the inputs and outputs the engine stores as secrets (encrypted in a stack
   * export), and the resource's additionalSecretOutputs. Absent in state recorded before the
   * harness kept them: see `secretsOf`.
   */
  secretInputs?: string[];
  secretOutputs?: string[];
  additionalSecretOutputs?: string[];
  /** Reasons from ErrorResourceInitFailed; the next `up` updates such a resource even without a diff. */
  initErrors?: string[];
}

export interface RunResult {
  preview: boolean;
  ops: OpRecord[];
  errors: Error[];
  /** URNs not processed because something they depend on failed (the engine skips them too). */
  skipped: string[];
  /** Host calls made during this run. */
  calls: CallCounts;
  /** Outputs this run produced for a resource (by URN or by unique name); plaintext. */
  outputs(urnOrName: string): Props;
}

export interface RefreshRecord {
  urn: string;
  op: "same" | "update" | "delete";
  changedKeys: string[];
}

export class RunError extends Error {
  override name = "RunError";
  constructor(
    readonly errors: Error[],
    readonly result: RunResult,
  ) {
    super(`${result.preview ? "preview" : "update"} failed:\n${errors.map((e) => `  - ${e.message}`).join("\n")}`);
  }
}

export interface DriverOptions {
  host: Host;
  project?: string;
  stack?: string;
  /** Program-side config (`pulumi.Config`), e.g. `{"test:region": "x"}`. The host gets its own via `host.configure`. */
  config?: Record<string, string>;
  secretConfigKeys?: string[];
  /**
   * Steps in flight at once, like the engine's `--parallel`: creates/updates/deletes of an apply,
   * the reads of a refresh and the deletes of a destroy (dependants first). Default as the
   * engine's: PULUMI_PARALLEL, else 4 x CPUs.
   */
  parallel?: number;
}

/** The engine's default `--parallel`: PULUMI_PARALLEL, else 4 x GOMAXPROCS (the CPU count). */
export function defaultParallel(): number {
  const env = Number(process.env.PULUMI_PARALLEL);
  return Number.isInteger(env) && env > 0 ? env : 4 * Math.max(1, os.cpus().length);
}

/** At most `size` tasks at once, in arrival order. */
export class Slots {
  private busy = 0;
  private readonly waiting: Array<() => void> = [];
  constructor(readonly size: number) {
    if (!Number.isInteger(size) || size < 1) throw new Error(`parallel must be a whole number of at least 1 (got ${size})`);
  }

  async run<T>(f: () => Promise<T>): Promise<T> {
    if (this.busy >= this.size) await new Promise<void>((resolve) => this.waiting.push(resolve));
    else this.busy++;
    try {
      return await f();
    } finally {
      const next = this.waiting.shift();
      if (next)
        next(); // the slot passes on
      else this.busy--;
    }
  }
}

/** Rejection reason from newResource meaning "answer with an unknown result" (see header). */
const FAILED = Symbol("harness-failed");
/** That rejection: an Error (so stack traces work) carrying FAILED and the URN to answer for. */
class Failed extends Error {
  readonly [FAILED] = true;
  constructor(readonly urn: string) {
    super(`registration failed: ${urn || "(no urn)"}`);
  }
}
const DYNAMIC_PREFIX = "pulumi-nodejs:dynamic";
const zeroCalls = (): CallCounts => ({ check: 0, diff: 0, create: 0, read: 0, update: 0, delete: 0 });

interface RegInfo {
  urn: string;
  type: string;
  name: string;
  custom: boolean;
  parent?: string;
  dependencies: string[];
  importId: string;
  deleteBeforeReplace: boolean;
  replaceOnChanges: string[];
  additionalSecretOutputs: string[];
}

interface Run {
  preview: boolean;
  ops: OpRecord[];
  errors: Error[];
  calls: CallCounts;
  registered: Set<string>;
  failed: Set<string>;
  skipped: string[];
  outputs: Map<string, Props>;
  /** Old objects of create-before-delete replacements, deleted at the end of the run. */
  replaced: StateEntry[];
  mocks: pulumi.runtime.Mocks;
  /** Provider steps in flight (DriverOptions.parallel). */
  slots: Slots;
}

/** Stable deep equality over JSON-like values (key order ignored). */
function same(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== "object" || typeof b !== "object" || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  const ka = Object.keys(a).filter((k) => (a as Props)[k] !== undefined);
  const kb = Object.keys(b).filter((k) => (b as Props)[k] !== undefined);
  return ka.length === kb.length && ka.every((k) => same((a as Props)[k], (b as Props)[k]));
}

export function changedKeys(olds: Props, news: Props): string[] {
  const keys = new Set([...Object.keys(olds), ...Object.keys(news)]);
  return [...keys].filter((k) => !same(olds[k], news[k])).sort();
}

/**
 * An entry's inputs and outputs as trees (secrets wrapped), and its additionalSecretOutputs. State
 * recorded before entries kept secret paths has only `secretKeys`, top-level keys that were
 * secret as a whole (secret inputs and additionalSecretOutputs): that is what it stands for.
 */
export function secretsOf(e: StateEntry): { inputs: Tree; outputs: Tree; additionalSecretOutputs: string[] } {
  const legacyInputs = e.secretKeys.filter((k) => k in e.inputs);
  return {
    inputs: wrapAt(e.inputs, e.secretInputs ?? legacyInputs),
    outputs: wrapAt(e.outputs, e.secretOutputs ?? e.secretKeys),
    additionalSecretOutputs: e.additionalSecretOutputs ?? e.secretKeys,
  };
}

/** The secret bookkeeping of an entry from its trees (after the step executor's rules). */
function recorded(inputs: Tree, outputs: Tree, additionalSecretOutputs: string[]) {
  executorRules(outputs, inputs, additionalSecretOutputs);
  const secretOutputs = pathsOf(outputs);
  return {
    inputs: unwrapSecrets(inputs),
    outputs: unwrapSecrets(outputs),
    secretInputs: pathsOf(inputs),
    secretOutputs,
    additionalSecretOutputs,
    secretKeys: [...new Set(secretOutputs.map((p) => p.split(".")[0]))],
  };
}

/** Turns what the mock receives back into what the engine would send: unknowns as the sentinel. */
function toWire(v: unknown): any {
  if (pulumi.isUnknown(v) || (typeof v === "object" && v?.constructor?.name === "Unknown")) return UNKNOWN;
  if (Array.isArray(v)) return v.map(toWire);
  if (typeof v === "object" && v !== null) {
    return Object.fromEntries(
      Object.entries(v)
        .filter(([, x]) => x !== undefined)
        .map(([k, x]) => [k, toWire(x)]),
    );
  }
  return v;
}

/** Waits until no registration is in flight and none starts within a macrotask turn (see header). */
async function settle(): Promise<void> {
  const { getStore } = require("@pulumi/pulumi/runtime/state"); // global store, shared by all copies
  for (;;) {
    await (pulumi.runtime as any).waitForRPCs();
    const done = getStore().settings.rpcDone;
    await new Promise((resolve) => setImmediate(resolve));
    if (getStore().settings.rpcDone === done) return;
  }
}

const isDynamic = (type: string) => type.startsWith(DYNAMIC_PREFIX);

export class ProgramDriver {
  readonly state = new Map<string, StateEntry>();
  /** Old objects of replacements left over by a failed run; deleted at the start of the next up/destroy. */
  readonly pendingDeletes: StateEntry[] = [];
  /** Host calls since construction (or `resetCalls`). */
  readonly calls: CallCounts = zeroCalls();
  readonly project: string;
  readonly stack: string;
  private readonly host: Host;
  /** setMocks is process-global: only one run (of any driver) at a time. */
  private static busy = false;
  private captured?: any; // RegisterResourceRequest handed from the wrapped monitor to newResource
  /** The engine's step parallelism (see DriverOptions.parallel). */
  readonly parallel: number;

  constructor(private readonly opts: DriverOptions) {
    this.host = opts.host;
    this.project = opts.project ?? "test";
    this.stack = opts.stack ?? "dev";
    this.parallel = opts.parallel ?? defaultParallel();
    new Slots(this.parallel); // validates
  }

  resetCalls(): void {
    Object.assign(this.calls, zeroCalls());
  }

  up(program: Program): Promise<RunResult> {
    return this.run(program, false);
  }

  /** check + diff only; never create/update/delete; state is left untouched. */
  preview(program: Program): Promise<RunResult> {
    return this.run(program, true);
  }

  /**
   * A Program that loads `modulePath` afresh on every run (its top level registers resources).
   * Under jest this goes through `jest.isolateModulesAsync`; elsewhere through `require.cache`.
   */
  moduleProgram(modulePath: string): Program {
    return async () => {
      const resolved = require.resolve(modulePath);
      if (typeof jest !== "undefined") {
        await jest.isolateModulesAsync(async () => {
          require(resolved);
        });
      } else {
        delete require.cache[resolved];
        require(resolved);
      }
    };
  }

  /** Reads every resource through the host, like `pulumi refresh`. */
  /**
   * Reads every resource through the host, like `pulumi refresh`: up to `parallel` reads at once
   * (refresh steps do not wait for each other). Records come back in state order; the first
   * failure is thrown once the reads in flight have ended.
   */
  async refresh(): Promise<RefreshRecord[]> {
    const entries = [...this.state.values()].filter((e) => e.custom && isDynamic(e.type) && e.id);
    const slots = new Slots(this.parallel);
    const records = new Map<string, RefreshRecord>();
    let failure: { error: unknown } | undefined;
    await Promise.all(
      entries.map((e) =>
        slots.run(async () => {
          if (failure) return;
          try {
            const r = await this.call(undefined, "read", () => this.host.read(e.id!, e.urn, e.outputs, e.inputs));
            if (r.id === "") {
              this.state.delete(e.urn);
              records.set(e.urn, { urn: e.urn, op: "delete", changedKeys: [] });
              return;
            }
            const keys = changedKeys(e.outputs, r.properties);
            // The engine's Read: answers keep what the provider marked, then get the old state's secrecy.
            const before = secretsOf(e);
            const outputs = wrapAt(r.properties, r.secretPaths);
            annotateSecrets(outputs, before.outputs);
            const inputs = r.inputs ? wrapAt(r.inputs, r.inputSecretPaths ?? []) : before.inputs;
            if (r.inputs) annotateSecrets(inputs, before.inputs);
            e.id = r.id;
            Object.assign(e, recorded(inputs, outputs, before.additionalSecretOutputs));
            records.set(e.urn, { urn: e.urn, op: keys.length ? "update" : "same", changedKeys: keys });
          } catch (error) {
            failure ??= { error };
          }
        }),
      ),
    );
    if (failure) throw failure.error;
    return entries.map((e) => records.get(e.urn)!);
  }

  /** Deletes everything, dependants first, up to `parallel` at once; state ends empty. */
  async destroy(): Promise<OpRecord[]> {
    const ops: OpRecord[] = [];
    await this.deletePending(undefined, ops);
    const { error } = await this.deleteInOrder(
      undefined,
      [...this.state.values()],
      (e) => {
        ops.push({ urn: e.urn, type: e.type, name: e.name, op: "delete", id: e.id });
        return true;
      },
      (e) => this.state.delete(e.urn),
    );
    if (error) throw error.error;
    return ops;
  }

  /**
   * Deletes `entries` like the engine: an entry goes once every entry that depends on it (or is
   * its child) is gone, up to `parallel` at once. `start` runs before each delete (false skips
   * the call: previews), `done` after each success. After the first failure nothing new starts;
   * the deletes in flight end. Returns the entries not deleted and the failure.
   */
  private async deleteInOrder(
    run: Run | undefined,
    entries: StateEntry[],
    start: (e: StateEntry) => boolean,
    done: (e: StateEntry) => void,
  ): Promise<{ left: StateEntry[]; error?: { error: Error } }> {
    const order = this.deletionOrder(entries);
    const byUrn = new Map<string, StateEntry[]>();
    for (const e of order) byUrn.set(e.urn, [...(byUrn.get(e.urn) ?? []), e]);
    // Dependants still to delete, per entry (an old object of a replacement shares its URN).
    const waitsFor = new Map<StateEntry, Set<StateEntry>>(order.map((e) => [e, new Set()]));
    for (const e of order)
      for (const d of e.dependencies) for (const used of byUrn.get(d) ?? []) if (used !== e) waitsFor.get(used)!.add(e);
    const left = new Set(order);
    const slots = new Slots(this.parallel);
    let error: { error: Error } | undefined;
    await new Promise<void>((resolve) => {
      let running = 0;
      const launched = new Set<StateEntry>();
      const pump = () => {
        for (const e of order) {
          if (error) break;
          if (launched.has(e) || waitsFor.get(e)!.size > 0) continue;
          launched.add(e);
          running++;
          void slots
            .run(async () => {
              if (error) return "not started";
              if (!start(e)) return "skipped";
              await this.deleteEntry(run, e);
              return "deleted";
            })
            .then(
              (outcome) => {
                if (outcome === "not started") return;
                left.delete(e);
                if (outcome === "deleted") done(e);
                for (const w of waitsFor.values()) w.delete(e);
              },
              (err: Error) => {
                error ??= { error: err };
              },
            )
            .finally(() => {
              running--;
              pump();
              if (running === 0) resolve();
            });
        }
        if (running === 0) resolve();
      };
      pump();
    });
    if (!error && left.size > 0) error = { error: new Error(`dependency cycle among ${[...left].map((e) => e.urn).join(", ")}`) };
    return { left: order.filter((e) => left.has(e)), error };
  }

  // ---- one run ----------------------------------------------------------------------------------

  private async run(program: Program, preview: boolean): Promise<RunResult> {
    const run: Run = {
      preview,
      ops: [],
      errors: [],
      calls: zeroCalls(),
      registered: new Set(),
      failed: new Set(),
      skipped: [],
      outputs: new Map(),
      replaced: [],
      slots: new Slots(this.parallel),
      mocks: {
        newResource: (args) => this.newResource(run, args),
        call: (args) => {
          throw new Error(`invoke ${args.token} is not supported by the harness`);
        },
      },
    };
    if (ProgramDriver.busy) throw new Error("another ProgramDriver run is in progress (setMocks is global)");
    ProgramDriver.busy = true;
    try {
      return await this.runExclusive(program, run);
    } finally {
      ProgramDriver.busy = false;
    }
  }

  private async runExclusive(program: Program, run: Run): Promise<RunResult> {
    const { preview } = run;
    // The engine configures every provider before using it (with the stack's config).
    if (!this.host.configured) await this.host.configure({});
    if (this.opts.config) pulumi.runtime.setAllConfig(this.opts.config, this.opts.secretConfigKeys);
    await this.install(run);
    try {
      if (!preview) await this.deletePending(run, run.ops);
      await program();
    } catch (e) {
      run.errors.push(e as Error);
    }
    await settle();

    // Resources no longer in the program and the old objects of replacements are deleted,
    // dependants first (never after a failure: the old objects then wait for the next run).
    const gone = [...this.state.values()].filter((e) => !run.registered.has(e.urn));
    const replaced = new Set(run.replaced);
    if (run.errors.length === 0) {
      const { left, error } = await this.deleteInOrder(
        run,
        [...gone, ...run.replaced],
        (e) => {
          // An old object's delete is part of its "replace" op.
          if (!replaced.has(e)) run.ops.push({ urn: e.urn, type: e.type, name: e.name, op: "delete", id: e.id });
          return !preview;
        },
        (e) => {
          if (!replaced.has(e)) this.state.delete(e.urn);
        },
      );
      if (error) {
        run.errors.push(error.error);
        this.pendingDeletes.push(...left.filter((x) => replaced.has(x)));
      }
    } else {
      this.pendingDeletes.push(...this.deletionOrder(run.replaced));
    }

    const result: RunResult = {
      preview,
      ops: run.ops,
      errors: run.errors,
      skipped: run.skipped,
      calls: run.calls,
      outputs: (key) => {
        if (run.outputs.has(key)) return run.outputs.get(key)!;
        const hits = [...run.outputs.keys()].filter((u) => u.endsWith(`::${key}`));
        if (hits.length !== 1) throw new Error(`${hits.length} resources named ${key} in this run`);
        return run.outputs.get(hits[0])!;
      },
    };
    if (run.errors.length) throw new RunError(run.errors, result);
    return result;
  }

  /** setMocks, with the mock monitor wrapped to expose the raw request. */
  private async install(run: Run): Promise<void> {
    await pulumi.runtime.setMocks(run.mocks, this.project, this.stack, run.preview);
    const monitor: any = pulumi.runtime.getMonitor();
    // A FAILED rejection becomes a successful "unknown" answer; any other error passes through.
    const answer = (Resp: any, cb: any) => (err: any, resp: any) => {
      if (!err?.[FAILED]) return cb(err, resp);
      const unknown = new Resp();
      unknown.setUrn(err.urn);
      unknown.setProperties?.(Struct.fromJavaScript({}));
      unknown.setObject?.(Struct.fromJavaScript({}));
      unknown.setUnknown(true);
      cb(null, unknown);
    };
    const register = monitor.registerResource.bind(monitor);
    monitor.registerResource = (req: any, cb: any) => {
      this.captured = req;
      try {
        return register(req, answer(resproto.RegisterResourceResponse, cb));
      } finally {
        this.captured = undefined;
      }
    };
    const read = monitor.readResource.bind(monitor);
    monitor.readResource = (req: any, cb: any) => read(req, answer(resproto.ReadResourceResponse, cb));
  }

  private newResource(run: Run, args: pulumi.runtime.MockResourceArgs): Promise<pulumi.runtime.MockResourceResult> {
    const req = this.captured;
    this.captured = undefined;
    if (!req) {
      run.errors.push(new Error(`${args.type} ${args.name}: reading existing resources (get) is not supported by the harness`));
      return Promise.reject(new Failed(""));
    }
    const parent: string = req.getParent() || undefined;
    // Same URN rule as the engine and MockMonitor: a child's type is qualified by its parent's.
    const type = parent ? `${parent.split("::")[2].split("$").pop()}$${args.type}` : args.type;
    const info: RegInfo = {
      urn: `urn:pulumi:${this.stack}::${this.project}::${type}::${args.name}`,
      type: args.type,
      name: args.name,
      custom: req.getCustom(),
      parent,
      dependencies: req.getDependenciesList(),
      importId: req.getImportid(),
      deleteBeforeReplace: req.getDeletebeforereplace(),
      replaceOnChanges: req.getReplaceonchangesList(),
      additionalSecretOutputs: req.getAdditionalsecretoutputsList(),
    };
    const failed = new Failed(info.urn);
    if (run.registered.has(info.urn)) {
      run.errors.push(new Error(`Duplicate resource URN '${info.urn}'`));
      return Promise.reject(failed);
    }
    run.registered.add(info.urn); // from now on never deleted as "left out of the program"
    if ([...info.dependencies, parent].some((d) => d && run.failed.has(d))) {
      run.failed.add(info.urn);
      run.skipped.push(info.urn);
      return Promise.reject(failed);
    }
    // Like the engine's step executor: at most `parallel` provider steps at once.
    // Our resources' inputs as the engine receives them (the mock's `args.inputs` pushes nested
    // secrets up to the top-level key); components keep the mock's view.
    const dynamic = info.custom && isDynamic(info.type);
    const wire = dynamic ? (req.getObject()?.toJavaScript() as Props | undefined) : undefined;
    const step = dynamic ? run.slots.run(() => this.register(run, info, args.inputs, wire)) : this.register(run, info, args.inputs);
    return step.catch((e: Error) => {
      run.errors.push(e);
      run.failed.add(info.urn);
      return Promise.reject(failed);
    });
  }

  private async register(run: Run, info: RegInfo, rawInputs: Props, wireInputs?: Props): Promise<pulumi.runtime.MockResourceResult> {
    const { urn, type, name } = info;
    // What the engine receives: the registration's wire form (nested secrets kept where the
    // program put them), or for components the mock's view of it.
    const wire: Tree = wireInputs ?? toWire(rawInputs);
    const news = unwrapSecrets(wire);
    const old = this.state.get(urn);
    const base = {
      urn,
      type,
      name,
      custom: info.custom,
      parent: info.parent,
      dependencies: [...new Set([...info.dependencies, ...(info.parent ? [info.parent] : [])])],
    };
    const secretsAsked = info.additionalSecretOutputs;

    /** Records the step; answers the program with the outputs, secrets wrapped where the engine keeps them. */
    const finish = (op: OpRecord, entry: StateEntry | undefined, outputs: Tree, id: string | undefined) => {
      run.ops.push(op);
      run.outputs.set(urn, unwrapSecrets(outputs));
      if (entry && !run.preview) this.state.set(urn, entry);
      return { id, state: outputs };
    };
    /** A new state from trees (the step executor's rules applied), and the outputs tree to answer with. */
    const entryOf = (id: string | undefined, inputs: Tree, outputs: Tree, extra: Partial<StateEntry> = {}) => {
      const r = recorded(inputs, outputs, secretsAsked);
      return { entry: { ...base, id, ...r, ...extra } as StateEntry, outputs: wrapAt(r.outputs, r.secretOutputs) };
    };

    // Components and non-dynamic resources: recorded, their inputs standing in for outputs.
    if (!info.custom || !isDynamic(type)) {
      const id = info.custom ? (old?.id ?? `${name}_id`) : undefined;
      const op: OpKind = !old ? "create" : same(old.inputs, news) ? "same" : "update";
      const made = entryOf(id, wire, copy(wire));
      return finish({ urn, type, name, op, id }, made.entry, made.outputs, id);
    }

    // The checked inputs: what the provider marked, and the secrecy of the program's inputs copied over.
    const checkedTree = await this.checkOrFail(run, urn, old?.inputs ?? {}, news, wire);
    const checked = unwrapSecrets(checkedTree);

    if (info.importId && !old) {
      const r = await this.call(run, "read", () => this.host.read(info.importId, urn, {}, checked));
      if (r.id === "") throw new Error(`${urn}: resource '${info.importId}' to import does not exist`);
      // An import reads with no prior state: only the inputs get the request's secrecy.
      const inputs = r.inputs ? wrapAt(r.inputs, r.inputSecretPaths ?? []) : checkedTree;
      annotateSecrets(inputs, checkedTree);
      const made = entryOf(r.id, inputs, wrapAt(r.properties, r.secretPaths));
      return finish({ urn, type, name, op: "import", id: r.id }, made.entry, made.outputs, r.id);
    }

    if (!old) {
      if (run.preview) return finish({ urn, type, name, op: "create" }, undefined, checkedTree, undefined);
      const created = await this.create(run, base, checkedTree, secretsAsked);
      return finish({ urn, type, name, op: "create", id: created.id }, created, secretsOf(created).outputs, created.id);
    }

    const before = secretsOf(old);
    const d = await this.call(run, "diff", () => this.host.diff(old.id!, urn, old.outputs, checked, old.inputs));
    const keys = changedKeys(old.inputs, checked);
    // DIFF_UNKNOWN (no `diff` method): the engine falls back to comparing old and new inputs.
    let changes = d.changes === "unknown" ? (keys.length ? "some" : "none") : d.changes;
    const replaces = [...d.replaces, ...info.replaceOnChanges.filter((k) => keys.includes(k) && !d.replaces.includes(k))];
    if (old.initErrors?.length) changes = "some"; // the engine retries initialization with an update

    if (changes === "none" && !replaces.length) {
      // A same step keeps the old outputs and takes the new inputs.
      const made = entryOf(old.id, checkedTree, before.outputs, old.initErrors ? { initErrors: old.initErrors } : {});
      return finish({ urn, type, name, op: "same", id: old.id }, made.entry, made.outputs, old.id);
    }

    const propertyDiffs = displayDiff(before.inputs, checkedTree);
    if (!replaces.length) {
      const op: OpRecord = { urn, type, name, op: "update", id: old.id, changedKeys: keys, propertyDiffs };
      if (run.preview) return finish(op, undefined, checkedTree, old.id);
      const r = await this.call(run, "update", () => this.host.update(old.id!, urn, old.outputs, checked, old.inputs));
      const outputs = wrapAt(r.properties, r.secretPaths);
      annotateSecrets(outputs, checkedTree);
      const made = entryOf(old.id, checkedTree, outputs);
      return finish(op, made.entry, made.outputs, old.id);
    }

    const op: OpRecord = { urn, type, name, op: "replace", changedKeys: keys, replaces, propertyDiffs };
    if (run.preview) return finish(op, undefined, checkedTree, undefined);
    if (d.deleteBeforeReplace || info.deleteBeforeReplace) {
      await this.deleteEntry(run, old);
      this.state.delete(urn);
      const created = await this.create(run, base, checkedTree, secretsAsked);
      return finish({ ...op, id: created.id }, created, secretsOf(created).outputs, created.id);
    }
    let created: StateEntry;
    try {
      created = await this.create(run, base, checkedTree, secretsAsked);
    } catch (e) {
      // A partial replacement takes the URN; the old object waits for deletion in the next run.
      if (e instanceof HostError && e.initFailed) this.pendingDeletes.push(old);
      throw e;
    }
    this.state.delete(urn); // re-inserted at the end: creation order
    run.replaced.push(old);
    return finish({ ...op, id: created.id }, created, secretsOf(created).outputs, created.id);
  }

  /** Check; the answer as a tree: what the provider marked secret, plus annotateSecrets from the program's inputs. */
  private async checkOrFail(run: Run, urn: string, olds: Props, news: Props, wire: Tree): Promise<Tree> {
    const c = await this.call(run, "check", () => this.host.check(urn, olds, news));
    if (c.failures.length) {
      throw new Error(`${urn}: check failed: ${c.failures.map((f) => `${f.property}: ${f.reason}`).join("; ")}`);
    }
    const inputs = wrapAt(c.inputs, c.secretPaths);
    annotateSecrets(inputs, wire);
    return inputs;
  }

  /** Create; an ErrorResourceInitFailed still lands in state (the engine keeps partial objects). */
  private async create(
    run: Run,
    base: Omit<StateEntry, "inputs" | "outputs" | "secretKeys">,
    inputs: Tree,
    additionalSecretOutputs: string[],
  ): Promise<StateEntry> {
    const plain = unwrapSecrets(inputs);
    const entry = (id: string, properties: Props, secretPaths: string[], extra: Partial<StateEntry> = {}): StateEntry => {
      const outputs = wrapAt(properties, secretPaths);
      annotateSecrets(outputs, inputs);
      return { ...base, id, ...recorded(copy(inputs), outputs, additionalSecretOutputs), ...extra };
    };
    try {
      const r = await this.call(run, "create", () => this.host.create(base.urn, plain));
      return entry(r.id, r.properties, r.secretPaths);
    } catch (e) {
      if (e instanceof HostError && e.initFailed) {
        const { id, properties, reasons, secretPaths } = e.initFailed;
        this.state.set(base.urn, entry(id, properties, secretPaths, { initErrors: reasons }));
        run.ops.push({ urn: base.urn, type: base.type, name: base.name, op: "create", id, failed: true });
      }
      throw e;
    }
  }

  private async deleteEntry(run: Run | undefined, e: StateEntry): Promise<void> {
    if (e.custom && isDynamic(e.type) && e.id) {
      await this.call(run, "delete", () => this.host.delete(e.id!, e.urn, e.outputs));
    }
  }

  private async deletePending(run: Run | undefined, ops: OpRecord[]): Promise<void> {
    while (this.pendingDeletes.length) {
      const e = this.pendingDeletes[0];
      await this.deleteEntry(run, e);
      this.pendingDeletes.shift();
      ops.push({ urn: e.urn, type: e.type, name: e.name, op: "delete", id: e.id });
    }
  }

  /** Reverse of a creation-order topological sort: dependants (and children) before what they use. */
  private deletionOrder(entries: StateEntry[]): StateEntry[] {
    const byUrn = new Map(entries.map((e) => [e.urn, e]));
    const seen = new Set<string>();
    const order: StateEntry[] = [];
    const visit = (e: StateEntry) => {
      if (seen.has(e.urn)) return;
      seen.add(e.urn);
      for (const d of e.dependencies) if (byUrn.has(d)) visit(byUrn.get(d)!);
      order.push(e);
    };
    entries.forEach(visit);
    return order.reverse();
  }

  private async call<T>(run: Run | undefined, name: CallName, f: () => Promise<T>): Promise<T> {
    this.calls[name]++;
    if (run) run.calls[name]++;
    return f();
  }
}
