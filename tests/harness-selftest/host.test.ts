/** The gRPC client of host.ts against the real dynamic-provider host, with the fixture provider. */
import * as pulumi from "@pulumi/pulumi";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { type Host, HostError, UNKNOWN, secret, startHost, urn } from "../harness/host";
import { WIDGET_TYPE, callsLog, widgetProvider } from "./fixture";

const ROOT = path.resolve(__dirname, "../..");
let host: Host;
let dir: string;
let provider: string; // serialized provider text, as the SDK puts it in `__provider`

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "harness-host-"));
  const p = widgetProvider(dir);
  provider = (await pulumi.runtime.serializeFunction(() => p, { allowSecrets: true })).text;
  host = await startHost({ cwd: ROOT });
  // Before any CRUD call: the host configures a provider once, on its first use.
  await host.configure({ "cloudflare:apiToken": secret("tok-123"), "test:region": "eu-1" });
});
afterAll(async () => {
  await host?.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

const u = (name: string) => urn(WIDGET_TYPE, name);
const props = (p: Record<string, unknown>) => ({ __provider: provider, ...p });

test("urn() builds the engine's URN shape", () => {
  expect(urn("a:b:C", "x")).toBe("urn:pulumi:dev::test::a:b:C::x");
  expect(urn("a:b:C", "x", "proj", "prod")).toBe("urn:pulumi:prod::proj::a:b:C::x");
});

test("check returns inputs and configure received the config, secret unwrapped", async () => {
  const r = await host.check(u("a"), {}, props({ name: "a", size: 1 }));
  expect(r.failures).toEqual([]);
  expect(r.inputs).toMatchObject({ name: "a", size: 1, color: "blue", __provider: provider });
  const cfg = JSON.parse(fs.readFileSync(path.join(dir, "config.json"), "utf8"));
  expect(cfg).toEqual({ token: "tok-123", region: "eu-1" }); // `region` means `<project>:region`
  expect(callsLog(dir).filter((c) => c.call === "configure")).toHaveLength(1);
});

test("check failures come back as {property, reason}", async () => {
  const r = await host.check(u("bad"), {}, props({ name: "bad", size: -1 }));
  expect(r.failures).toEqual([{ property: "size", reason: "size must be a number >= 0" }]);
});

test("the unknown sentinel reaches check and diff as a plain string", async () => {
  const c = await host.check(u("p"), {}, props({ name: "p", size: UNKNOWN }));
  expect(c.failures).toEqual([]);
  expect(c.inputs.size).toBe(UNKNOWN);
  const d = await host.diff("p-0", u("p"), props({ name: "p", size: 1, color: "blue" }), c.inputs);
  expect(d.changes).toBe("some");
  expect(
    callsLog(dir)
      .filter((l) => l.call === "diff")
      .pop().news.size,
  ).toBe(UNKNOWN);
});

test("create, read, diff, update, delete round trip", async () => {
  const { inputs } = await host.check(u("w"), {}, props({ name: "w", size: 2 }));
  const c = await host.create(u("w"), inputs);
  expect(c.id).toMatch(/^w-\d+$/);
  expect(c.properties).toMatchObject({ name: "w", size: 2, color: "blue", __provider: provider });

  const r = await host.read(c.id, u("w"), c.properties, inputs);
  expect(r.id).toBe(c.id);
  expect(r.properties).toMatchObject({ size: 2 });
  expect(r.inputs).toMatchObject({ name: "w", size: 2, __provider: provider });

  expect(await host.diff(c.id, u("w"), c.properties, inputs)).toEqual({ changes: "none", replaces: [], deleteBeforeReplace: false });
  expect(await host.diff(c.id, u("w"), c.properties, { ...inputs, size: 3 })).toEqual({
    changes: "some",
    replaces: [],
    deleteBeforeReplace: false,
  });
  expect(await host.diff(c.id, u("w"), c.properties, { ...inputs, color: "red" })).toEqual({
    changes: "some",
    replaces: ["color"],
    deleteBeforeReplace: false,
  });
  expect(await host.diff(c.id, u("w"), c.properties, { ...inputs, name: "v", dbr: true })).toEqual({
    changes: "some",
    replaces: ["name"],
    deleteBeforeReplace: true,
  });

  const up = await host.update(c.id, u("w"), c.properties, { ...inputs, size: 3 });
  expect(up.properties).toMatchObject({ size: 3, serial: c.properties.serial });

  await host.delete(c.id, u("w"), up.properties);
  expect(await host.read(c.id, u("w"), up.properties)).toMatchObject({ id: "" }); // gone
});

test("CRUD inputs arrive in plaintext when given as secrets", async () => {
  const { inputs } = await host.check(u("s"), {}, props({ name: "s", size: 1, token: secret("hush-1") }));
  expect(inputs.token).toBe("hush-1");
  const c = await host.create(u("s"), { ...inputs, token: secret("hush-1") });
  expect(c.properties.token).toBe("hush-1");
  await host.delete(c.id, u("s"), c.properties);
});

test("a provider error rejects with HostError carrying code and the provider's message", async () => {
  const e = await host.delete("nope-1", u("nope"), props({})).catch((x) => x);
  expect(e).toBeInstanceOf(HostError);
  expect(e.code).toBe(2);
  expect(e.message).toBe("widget nope-1 does not exist");
  expect(e.initFailed).toBeUndefined();
  expect(host.stderr()).toContain("widget nope-1 does not exist"); // delete errors are logged by the host
});

test("create init failure is decoded from grpc-status-details-bin", async () => {
  const { inputs } = await host.check(u("f"), {}, props({ name: "f", size: 1, failInit: true }));
  const e = await host.create(u("f"), inputs).catch((x) => x);
  expect(e).toBeInstanceOf(HostError);
  expect(e.message).toMatch(/^widget f-\d+ failed to initialize$/);
  expect(e.initFailed).toMatchObject({ id: expect.stringMatching(/^f-\d+$/), reasons: ["boot loop", "gave up"] });
  expect(e.initFailed.properties).toMatchObject({ name: "f", healthy: false });
});

test("start and close: the process is gone afterwards, close is idempotent", async () => {
  const h = await startHost({ cwd: ROOT, project: "other" });
  expect(h.port).toBeGreaterThan(0);
  expect(() => process.kill(h.pid, 0)).not.toThrow();
  await h.close();
  await h.close();
  expect(() => process.kill(h.pid, 0)).toThrow();
});
