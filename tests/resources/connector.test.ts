import * as pulumi from "@pulumi/pulumi";
import * as magic from "pulumi-cloudflare-magic";
import { SHIM_TEXT } from "../../sdk/shim";
import { failure } from "../failure";
import { UNKNOWN, startHost, urn } from "../harness/host";
import { ACCOUNT, REPO, TOKEN, TestStack, testStack } from "./stack";

/** Connector end to end: the real provider host against the emulator, license key handling included. */
const TYPE = "pulumi-nodejs:dynamic/magic:Connector";
const URN = urn(TYPE, "branch-vc");
const inputs = (extra: Record<string, unknown> = {}) => ({
  __provider: SHIM_TEXT,
  __token: "magic:Connector",
  __resourceName: "branch-vc",
  device: { provisionLicense: true },
  ...extra,
});
const connectors = (s: TestStack) => s.emulator.store.list(ACCOUNT, "connectors");
const ALL_DAYS = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"];

let s: TestStack;
beforeEach(async () => {
  s = await testStack();
});
afterEach(async () => {
  await s.close();
});

describe("Connector through the provider host", () => {
  it("check → create → read → diff → update → license rotation → replace on device → delete", async () => {
    const h = s.host;
    const checked = await h.check(URN, {}, inputs({ notes: "branch 1" }));
    expect(checked.failures).toEqual([]);
    const created = await h.create(URN, checked.inputs);
    expect(created.properties).toMatchObject({
      device: { provisionLicense: true },
      notes: "branch 1",
      activated: false,
      interruptWindowDaysOfWeek: ALL_DAYS,
      interruptWindowDurationHours: 3,
      interruptWindowEmbargoDates: [],
      interruptWindowHourOfDay: 0,
      timezone: "UTC",
      lastUpdated: expect.any(String),
      licenseKey: expect.stringMatching(/^[0-9a-f]{64}$/),
      accountId: ACCOUNT,
    });
    expect(created.properties).not.toHaveProperty("deviceId");
    const key1 = created.properties.licenseKey;
    expect(s.emulator.stats.requests[0].body).toEqual({ device: { provision_license: true }, notes: "branch 1" });

    // The API shows the key only when it makes one: a read keeps it, and the device as given.
    const read = await h.read(created.id, URN, created.properties);
    expect(read.properties).toMatchObject({ licenseKey: key1, device: { provisionLicense: true } });
    expect(read.inputs).toMatchObject({ device: { provisionLicense: true }, notes: "branch 1" });
    expect((await h.diff(created.id, URN, read.properties, checked.inputs)).changes).toBe("none");

    const changed = inputs({ notes: "branch 1", activated: true, timezone: "Europe/Berlin" });
    expect(await h.diff(created.id, URN, read.properties, changed)).toMatchObject({ changes: "some", replaces: [] });
    s.emulator.resetStats();
    const updated = await h.update(created.id, URN, read.properties, changed);
    expect(updated.properties).toMatchObject({ activated: true, timezone: "Europe/Berlin", licenseKey: key1 });
    // PUT carries every setting (live values for the ones the program leaves out), never the device.
    expect(s.emulator.stats.requests.map((r) => r.method)).toEqual(["PUT"]);
    expect(s.emulator.stats.requests[0].body).toEqual({
      activated: true,
      interrupt_window_days_of_week: ALL_DAYS,
      interrupt_window_duration_hours: 3,
      interrupt_window_embargo_dates: [],
      interrupt_window_hour_of_day: 0,
      notes: "branch 1",
      timezone: "Europe/Berlin",
    });

    const rotate = inputs({ notes: "branch 1", activated: true, timezone: "Europe/Berlin", licenseRotation: 1 });
    expect(await h.diff(created.id, URN, updated.properties, rotate)).toMatchObject({ changes: "some", replaces: [] });
    s.emulator.resetStats();
    const rotated = await h.update(created.id, URN, updated.properties, rotate);
    expect(s.emulator.stats.requests.map((r) => `${r.method} ${JSON.stringify(r.method === "PATCH" ? r.body : undefined)}`)).toEqual([
      "PUT undefined",
      'PATCH {"provision_license":true}',
    ]);
    expect(rotated.properties.licenseKey).toMatch(/^[0-9a-f]{64}$/);
    expect(rotated.properties.licenseKey).not.toBe(key1);
    expect(rotated.properties.licenseRotation).toBe(1);
    // The same rotation value again does not rotate.
    s.emulator.resetStats();
    const same = await h.update(created.id, URN, rotated.properties, { ...rotate, notes: "b" });
    expect(s.emulator.stats.requests.map((r) => r.method)).toEqual(["PUT"]);
    expect(same.properties.licenseKey).toBe(rotated.properties.licenseKey);

    const d = await h.diff(created.id, URN, same.properties, inputs({ device: { id: "dev-1" }, notes: "b", licenseRotation: 1 }));
    expect(d).toMatchObject({ changes: "some", replaces: ["device"] });

    await h.delete(created.id, URN, same.properties);
    expect(connectors(s)).toEqual([]);
    expect((await h.read(created.id, URN, same.properties)).id).toBe("");
  });

  it("rejects bad input in check before any request, with a sentence naming device", async () => {
    const before = s.emulator.stats.totalRequests;
    const r = await s.host.check(
      URN,
      {},
      inputs({ device: { id: "dev-1", serialNumber: "SN-1" }, timezone: "Nowhere/Town", interruptWindowHourOfDay: 24 }),
    );
    expect(r.failures.map((f) => f.property).sort()).toEqual(["device", "interruptWindowHourOfDay", "timezone"]);
    expect(r.failures.find((f) => f.property === "device")!.reason).toMatch(
      /^device must set exactly one of id .*, serialNumber .* or provisionLicense: true/,
    );
    expect(s.emulator.stats.totalRequests).toBe(before);
  });

  it("passes check and diff with unknown values during preview, without credentials", async () => {
    const bare = await startHost({ cwd: REPO, project: "test" });
    try {
      await bare.configure({ "cloudflare-magic:accountId": ACCOUNT }); // no credential; the account id is needed at check
      expect((await bare.check(URN, {}, inputs({ device: { id: UNKNOWN }, notes: UNKNOWN }))).failures).toEqual([]);
      const olds = { ...inputs({ device: { id: "dev-1" } }), accountId: ACCOUNT, __inputPaths: ["device.id"] };
      expect(await bare.diff("some-id", URN, olds, inputs({ device: { id: UNKNOWN } }))).toMatchObject({
        changes: "some",
        replaces: ["device"],
      });
    } finally {
      await bare.close();
    }
  });

  it("recovers a lost create by its device; for a new license it refuses to guess and sends nothing twice", async () => {
    s.emulator.injectNext({ kind: "drop-after", method: "POST" });
    const byDevice = await s.host.create(URN, inputs({ device: { id: "dev-1" } }));
    expect(connectors(s).map((c) => c.id)).toEqual([byDevice.id]);
    expect(byDevice.properties).toMatchObject({ device: { id: "dev-1" }, deviceId: "dev-1" });

    s.emulator.resetStats();
    s.emulator.injectNext({ kind: "drop-after", method: "POST" });
    const err = await failure(s.host.create(urn(TYPE, "vc"), inputs({ __resourceName: "vc" })));
    expect(err.message).toContain("nothing unique to recognise it by, so the request was not sent again");
    expect(s.emulator.stats.requests.map((r) => `${r.method} ${r.status}`)).toEqual(["POST null", "GET 200"]);
    expect(connectors(s)).toHaveLength(2);
  });

  it("re-sends a new-license create when the account shows nothing was made", async () => {
    s.emulator.injectNext({ kind: "drop-before", method: "POST" });
    const created = await s.host.create(URN, inputs());
    expect(connectors(s).map((c) => c.id)).toEqual([created.id]);
    expect(created.properties.licenseKey).toEqual(expect.any(String));
  });
});

describe("Connector programs", () => {
  const program =
    (extra: Partial<magic.ConnectorArgs> = {}, capture?: (c: magic.Connector) => void) =>
    () => {
      const c = new magic.Connector("branch-vc", { device: { provisionLicense: true }, timezone: "America/New_York", ...extra });
      capture?.(c);
    };
  const entry = () => [...s.driver.state.values()].find((e) => e.name === "branch-vc")!;

  it("applies, re-applies as a no-op, updates and rotates in place, replaces on a device change, destroys to empty", async () => {
    let key: pulumi.Output<string | undefined> | undefined;
    const first = await s.driver.up(program({}, (c) => (key = c.licenseKey)));
    expect(first.ops.map((o) => o.op)).toEqual(["create"]);
    const id = first.ops[0].id;
    // The license key is a secret output: the program sees it as secret, the state records it as one.
    expect(await pulumi.isSecret(key!)).toBe(true);
    expect(entry().secretKeys).toContain("licenseKey");
    const key1 = entry().outputs.licenseKey as string;
    expect(s.host.stderr() + s.host.stdout()).not.toContain(key1);

    const again = await s.driver.up(program());
    expect(again.ops.map((o) => o.op)).toEqual(["same"]);
    expect(again.calls).toMatchObject({ create: 0, update: 0, delete: 0 });

    const settings = {
      activated: true,
      interruptWindowDaysOfWeek: ["Saturday", "Sunday"] as magic.ConnectorDayOfWeek[],
      interruptWindowEmbargoDates: ["2026-12-24"],
    };
    const changed = await s.driver.up(program(settings));
    expect(changed.ops).toMatchObject([{ op: "update", id }]);
    expect(connectors(s)[0]).toMatchObject({
      activated: true,
      interrupt_window_days_of_week: ["Saturday", "Sunday"],
      interrupt_window_embargo_dates: ["2026-12-24"],
    });
    expect(entry().outputs.licenseKey).toBe(key1);

    const rotated = await s.driver.up(program({ ...settings, licenseRotation: "2026-q4" }));
    expect(rotated.ops).toMatchObject([{ op: "update", id }]);
    expect(entry().outputs.licenseKey).not.toBe(key1);
    expect(entry().secretKeys).toContain("licenseKey");
    expect((await s.driver.up(program({ ...settings, licenseRotation: "2026-q4" }))).ops[0].op).toBe("same");

    const replaced = await s.driver.up(program({ ...settings, device: { serialNumber: "SN-1" } }));
    expect(replaced.ops.map((o) => o.op)).toEqual(["replace"]);
    expect(connectors(s)).toHaveLength(1);
    expect(connectors(s)[0]).toMatchObject({ device: { serial_number: "SN-1" } });

    await s.driver.destroy();
    expect(s.emulator.store.countAll()).toBe(0);
    expect(s.everythingWritten()).not.toContain(TOKEN);
  });

  it("previews a connector whose device is not known yet", async () => {
    const p = await s.driver.preview(() => {
      const t = new magic.GreTunnel("t", {
        name: "t",
        cloudflareGreEndpoint: "162.159.64.1",
        customerGreEndpoint: "203.0.113.10",
        interfaceAddress: "10.212.0.8/31",
      });
      new magic.Connector("branch-vc", { device: { id: t.id } });
    });
    expect(p.errors).toEqual([]);
    expect(p.ops.map((o) => o.op)).toEqual(["create", "create"]);
  });

  it("refresh shows drift and keeps the license key; the next apply puts settings back; a deleted connector is recreated", async () => {
    const id = (await s.driver.up(program({ notes: "ours" }))).ops[0].id!;
    const key = entry().outputs.licenseKey;
    s.emulator.store.patch(ACCOUNT, "connectors", id, { notes: "theirs", timezone: "UTC", interrupt_window_hour_of_day: 5 });
    const refreshed = await s.driver.refresh();
    expect(refreshed).toMatchObject([{ op: "update" }]);
    expect(refreshed[0].changedKeys).toEqual(expect.arrayContaining(["notes", "timezone", "interruptWindowHourOfDay"]));
    expect(entry().outputs.licenseKey).toBe(key);
    expect((await s.driver.up(program({ notes: "ours" }))).ops.map((o) => o.op)).toEqual(["update"]);
    // Settings the program sets go back; the hour of day was never the program's.
    expect(connectors(s)[0]).toMatchObject({ notes: "ours", timezone: "America/New_York", interrupt_window_hour_of_day: 5 });

    s.emulator.store.remove(ACCOUNT, "connectors", id);
    expect(await s.driver.refresh()).toMatchObject([{ op: "delete" }]);
    expect((await s.driver.up(program({ notes: "ours" }))).ops.map((o) => o.op)).toEqual(["create"]);
    expect(connectors(s)).toHaveLength(1);
  });

  it("adopts an existing connector with the import resource option, then manages it with no diff", async () => {
    const existing = s.emulator.store.insert(ACCOUNT, "connectors", {
      activated: true,
      interrupt_window_days_of_week: ALL_DAYS,
      interrupt_window_duration_hours: 3,
      interrupt_window_embargo_dates: [],
      interrupt_window_hour_of_day: 0,
      last_updated: "2026-01-01T00:00:00Z",
      notes: "",
      timezone: "America/New_York",
      device: { id: "dev-7" },
    });
    const adopt = () => {
      new magic.Connector("branch-vc", { device: { id: "dev-7" }, timezone: "America/New_York" }, { import: existing.id });
    };
    const imported = await s.driver.up(adopt);
    expect(imported.ops).toMatchObject([{ op: "import", id: existing.id }]);
    expect(imported.outputs("branch-vc")).toMatchObject({ device: { id: "dev-7" }, deviceId: "dev-7", activated: true });
    const next = await s.driver.up(adopt);
    expect(next.ops.map((o) => o.op)).toEqual(["same"]);
    expect(connectors(s)).toHaveLength(1);
  });
});
