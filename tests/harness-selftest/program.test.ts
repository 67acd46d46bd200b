/** ProgramDriver: whole programs under setMocks, dynamic resources forwarded to a real host. */
import * as pulumi from "@pulumi/pulumi";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { type Host, UNKNOWN, startHost } from "../harness/host";
import { ProgramDriver, RunError } from "../harness/program";
import { Shelf, WIDGET_TYPE, Widget, type WidgetArgs, callsLog } from "./fixture";

const ROOT = path.resolve(__dirname, "../..");
let host: Host;
const dirs: string[] = [];

beforeAll(async () => {
  host = await startHost({ cwd: ROOT });
});
afterAll(async () => {
  await host?.close();
  for (const d of dirs) fs.rmSync(d, { recursive: true, force: true });
});

/** A fresh widget store and driver per test. */
function setup() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "harness-prog-"));
  dirs.push(dir);
  const driver = new ProgramDriver({ host, project: "test", stack: "dev" });
  const widget = (name: string, args: Partial<WidgetArgs> = {}, opts?: pulumi.CustomResourceOptions) =>
    new Widget(name, { name, size: 1, ...args }, dir, opts);
  const files = () =>
    fs
      .readdirSync(dir)
      .filter((f) => f.endsWith(".json") && f !== "config.json")
      .sort();
  return { dir, driver, widget, files };
}
const opsOf = (r: { ops: { name: string; op: string }[] }) => Object.fromEntries(r.ops.map((o) => [o.name, o.op]));

test("up creates, outputs flow to dependants, a second up is all 'same'", async () => {
  const { driver, widget, files } = setup();
  const program = () => {
    const a = widget("a", { size: 1 });
    widget("b", { size: 2, peer: a.id });
  };
  const r1 = await driver.up(program);
  expect(opsOf(r1)).toEqual({ a: "create", b: "create" });
  const a = r1.outputs("a");
  expect(a).toMatchObject({ name: "a", size: 1, color: "blue", serial: 1 });
  expect(r1.outputs("b").peer).toBe(r1.ops.find((o) => o.name === "a")!.id); // the real id, same run
  expect(files()).toEqual(["a-1.json", "b-2.json"]);
  expect(driver.state.size).toBe(2);

  driver.resetCalls();
  const r2 = await driver.up(program);
  expect(r2.ops.map((o) => o.op)).toEqual(["same", "same"]);
  expect(r2.calls).toEqual({ check: 2, diff: 2, create: 0, read: 0, update: 0, delete: 0 });
  expect(driver.calls).toEqual(r2.calls);
  expect(r2.outputs("a")).toEqual(a);
});

test("changing a property updates in place, keeping the id", async () => {
  const { driver, widget } = setup();
  await driver.up(() => widget("a", { size: 1 }));
  const id = driver.state.values().next().value!.id;
  const r = await driver.up(() => widget("a", { size: 5 }));
  expect(r.ops).toMatchObject([{ name: "a", op: "update", id, changedKeys: ["size"] }]);
  expect(r.calls).toMatchObject({ update: 1, create: 0, delete: 0 });
  expect(r.outputs("a")).toMatchObject({ size: 5, serial: 1 });
});

test("a replacing change creates the new object before deleting the old one", async () => {
  const { dir, driver, widget, files } = setup();
  await driver.up(() => widget("a", { color: "blue" }));
  const r = await driver.up(() => widget("a", { color: "red" }));
  expect(r.ops).toMatchObject([{ name: "a", op: "replace", id: "a-2", replaces: ["color"] }]);
  expect(files()).toEqual(["a-2.json"]);
  const order = callsLog(dir)
    .filter((c) => c.call === "create" || c.call === "delete")
    .map((c) => `${c.call} ${c.id}`);
  expect(order).toEqual(["create a-1", "create a-2", "delete a-1"]);
  expect(driver.state.get(r.ops[0].urn)!.id).toBe("a-2");
});

test("deleteBeforeReplace from diff (or the resource option) deletes first", async () => {
  const { dir, driver, widget } = setup();
  await driver.up(() => widget("a", { color: "blue", dbr: true }));
  await driver.up(() => widget("a", { color: "red", dbr: true }));
  await driver.up(() => widget("a", { color: "green" }, { deleteBeforeReplace: true }));
  const order = callsLog(dir)
    .filter((c) => c.call === "create" || c.call === "delete")
    .map((c) => `${c.call} ${c.id}`);
  expect(order).toEqual(["create a-1", "delete a-1", "create a-2", "delete a-2", "create a-3"]);
});

test("a resource left out of the program is deleted; destroy empties state", async () => {
  const { driver, widget, files } = setup();
  await driver.up(() => {
    const a = widget("a");
    widget("b", { peer: a.id });
    widget("c");
  });
  const r = await driver.up(() => {
    const a = widget("a");
    widget("b", { peer: a.id });
  });
  expect(opsOf(r)).toEqual({ a: "same", b: "same", c: "delete" });
  expect(files()).toEqual([...driver.state.values()].map((s) => `${s.id}.json`).sort());
  expect(files()).toHaveLength(2);

  const d = await driver.destroy();
  expect(d.map((o) => o.name)).toEqual(["b", "a"]); // dependant first
  expect(driver.state.size).toBe(0);
  expect(files()).toEqual([]);
});

test("preview: check and diff only, unknown outputs of not-yet-created resources", async () => {
  const { dir, driver, widget } = setup();
  const program = (size: number) => () => {
    const a = widget("a", { size });
    widget("b", { peer: a.id });
    widget("c", { size: a.serial });
  };
  const p = await driver.preview(program(1));
  expect(opsOf(p)).toEqual({ a: "create", b: "create", c: "create" });
  expect(p.calls).toEqual({ check: 3, diff: 0, create: 0, read: 0, update: 0, delete: 0 });
  const checkB = callsLog(dir).find((c) => c.call === "check" && c.news.name === "b");
  expect(checkB.news.peer).toBe(UNKNOWN);
  expect(callsLog(dir).find((c) => c.call === "check" && c.news.name === "c").news.size).toBe(UNKNOWN);
  expect(p.outputs("b").peer).toBe(UNKNOWN);
  expect(driver.state.size).toBe(0);

  await driver.up(program(1));
  const p2 = await driver.preview(program(4));
  // Like the engine: an update's preview outputs are its inputs, so a.serial (output-only) turns
  // unknown and c shows as an update; a.id stays known, so b is unchanged.
  expect(opsOf(p2)).toEqual({ a: "update", b: "same", c: "update" });
  expect(p2.calls).toMatchObject({ update: 0, create: 0, delete: 0 });
  expect(driver.state.get(p2.ops[0].urn)!.outputs.size).toBe(1); // state untouched
});

test("check failures fail the run and nothing else is called for that resource", async () => {
  const { driver, widget } = setup();
  const e = await driver
    .up(() => {
      widget("ok");
      widget("bad", { size: -3 });
    })
    .catch((x) => x);
  expect(e).toBeInstanceOf(RunError);
  expect(e.message).toContain("size: size must be a number >= 0");
  expect(e.result.calls).toMatchObject({ check: 2, create: 1 });
  expect(opsOf(e.result)).toEqual({ ok: "create" });
  expect([...driver.state.values()].map((s) => s.name)).toEqual(["ok"]);
});

test("an init failure keeps the partial object in state; the next up updates it", async () => {
  const { driver, widget } = setup();
  const e = await driver.up(() => widget("f", { failInit: true })).catch((x) => x);
  expect(e).toBeInstanceOf(RunError);
  expect(e.message).toMatch(/widget f-1 failed to initialize/);
  const s = [...driver.state.values()][0];
  expect(s).toMatchObject({ id: "f-1", initErrors: ["boot loop", "gave up"], outputs: { healthy: false } });

  const r = await driver.up(() => widget("f", { failInit: true })); // same inputs, still updated
  expect(r.ops).toMatchObject([{ name: "f", op: "update", id: "f-1" }]);
  expect(driver.state.get(s.urn)!.initErrors).toBeUndefined();
});

test("dependants of a failed resource fail too, and the run waits for all of them", async () => {
  const { driver, widget } = setup();
  const e = await driver
    .up(() => {
      const bad = widget("bad", { size: -1 });
      widget("child", { peer: bad.id });
      widget("independent");
    })
    .catch((x) => x);
  expect(e).toBeInstanceOf(RunError);
  expect(e.errors).toHaveLength(1);
  expect(opsOf(e.result)).toEqual({ independent: "create" });
  expect(e.result.skipped).toEqual([expect.stringMatching(/::child$/)]);
  expect(e.result.calls.check).toBe(2); // bad and independent; child never reached the host
  // A later good run recovers normally.
  const r = await driver.up(() => {
    const bad = widget("bad", { size: 1 });
    widget("child", { peer: bad.id });
    widget("independent");
  });
  expect(opsOf(r)).toEqual({ bad: "create", child: "create", independent: "same" });
});

test("refresh records drift and drops resources that are gone", async () => {
  const { dir, driver, widget } = setup();
  await driver.up(() => {
    widget("a");
    widget("b");
  });
  const same = await driver.refresh();
  expect(same.map((r) => r.op)).toEqual(["same", "same"]);

  const fa = path.join(dir, "a-1.json");
  fs.writeFileSync(fa, JSON.stringify({ ...JSON.parse(fs.readFileSync(fa, "utf8")), size: 42 }));
  fs.unlinkSync(path.join(dir, "b-2.json"));
  const r = await driver.refresh();
  expect(r).toMatchObject([{ op: "update", changedKeys: ["size"] }, { op: "delete" }]);
  expect([...driver.state.values()].map((s) => [s.name, s.outputs.size, s.inputs.size])).toEqual([["a", 42, 42]]);

  // The program still says size 1, so the next up puts it back (and recreates b).
  const u = await driver.up(() => {
    widget("a");
    widget("b");
  });
  expect(opsOf(u)).toEqual({ a: "update", b: "create" });
});

test("component children get parent-qualified URNs; secrets stay secret and off the host's stderr", async () => {
  const { dir, driver, widget } = setup();
  let tokenIsSecret: Promise<boolean> = Promise.resolve(false);
  const r = await driver.up(() => {
    new Shelf("s", { sizes: [1, 2], dir });
    const w = widget("t", { token: pulumi.secret("sup3r-s3cret") });
    tokenIsSecret = (w as any).token.isSecret;
  });
  expect(opsOf(r)).toEqual({ s: "create", "s-w0": "create", "s-w1": "create", t: "create" });
  expect(r.ops.find((o) => o.name === "s-w0")!.urn).toBe(`urn:pulumi:dev::test::selftest:index:Shelf$${WIDGET_TYPE}::s-w0`);
  expect(r.outputs("t").token).toBe("sup3r-s3cret");
  expect(await tokenIsSecret).toBe(true);
  expect(host.stderr()).not.toContain("sup3r-s3cret");

  const d = await driver.destroy();
  expect(d.map((o) => o.name).indexOf("s")).toBeGreaterThan(d.map((o) => o.name).indexOf("s-w0")); // children first
});

test("moduleProgram loads a module afresh on every run", async () => {
  const { dir, driver } = setup();
  process.env.HARNESS_SELFTEST_DIR = dir;
  const program = driver.moduleProgram(path.join(__dirname, "module-program"));
  expect(opsOf(await driver.up(program))).toEqual({ m: "create" });
  expect(opsOf(await driver.up(program))).toEqual({ m: "same" });
});

test("a failed create-before-delete replacement keeps the partial object; the old one goes next run", async () => {
  const { driver, widget, files } = setup();
  await driver.up(() => widget("a", { color: "blue" }));
  const e = await driver.up(() => widget("a", { color: "red", failInit: true })).catch((x) => x);
  expect(e).toBeInstanceOf(RunError);
  expect(driver.pendingDeletes.map((s) => s.id)).toEqual(["a-1"]);
  expect(files()).toEqual(["a-1.json", "a-2.json"]);
  const r = await driver.up(() => widget("a", { color: "red" }));
  expect(r.ops.map((o) => `${o.op} ${o.id}`)).toEqual(["delete a-1", "update a-2"]);
  expect(files()).toEqual(["a-2.json"]);
});

test("resources registered inside apply are awaited; program config reaches pulumi.Config", async () => {
  const { widget } = setup();
  const driver = new ProgramDriver({ host, config: { "test:suffix": "-x" } });
  const program = () => {
    const suffix = new pulumi.Config().require("suffix");
    const a = widget(`a${suffix}`);
    a.id.apply((id) => a.serial.apply(() => widget(`late${suffix}`, { peer: id })));
  };
  const r = await driver.up(program);
  expect(opsOf(r)).toEqual({ "a-x": "create", "late-x": "create" });
  expect(r.outputs("late-x").peer).toBe(r.ops[0].id);
  expect(opsOf(await driver.up(program))).toEqual({ "a-x": "same", "late-x": "same" });
  await driver.destroy();
});

test("import adopts an existing object through read (id + inputs, no state)", async () => {
  const { driver, widget } = setup();
  await driver.up(() => widget("a", { size: 3 }));
  const id = [...driver.state.values()][0].id!;
  const other = new ProgramDriver({ host });
  const r = await other.up(() => widget("a", { size: 3 }, { import: id }));
  expect(r.ops).toMatchObject([{ op: "import", id }]);
  expect(r.calls).toMatchObject({ read: 1, create: 0 });
  expect(r.outputs("a")).toMatchObject({ size: 3, serial: 1 });
  expect((await other.up(() => widget("a", { size: 3 }, { import: id }))).ops[0].op).toBe("same");
});

test("a program that throws fails the run, and nothing is deleted", async () => {
  const { driver, widget } = setup();
  await driver.up(() => widget("a"));
  const e = await driver
    .up(() => {
      throw new Error("boom");
    })
    .catch((x) => x);
  expect(e).toBeInstanceOf(RunError);
  expect(e.message).toContain("boom");
  expect(driver.state.size).toBe(1);
});
