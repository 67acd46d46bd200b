import * as cni from "../../sdk/cni";
import { setInterconnectStatus, slotCatalogue } from "../../emulator/resources/cni";
import { SHIM_TEXT } from "../../sdk/shim";
import { failure } from "../failure";
import { RunError } from "../harness/program";
import { UNKNOWN, startHost, urn } from "../harness/host";
import { ACCOUNT, REPO, TOKEN, TestStack, testStack } from "./stack";

/**
 * Interconnect end to end: the real provider host against the emulator. The API cannot update an
 * interconnect, so every change replaces it; `waitForStatus` polls the status endpoint after creation.
 */
const TYPE = "pulumi-nodejs:dynamic/cni:Interconnect";
const URN = urn(TYPE, "ord-port");
const SLOTS = slotCatalogue(ACCOUNT);
const PAIRING_KEY = "7e51371e-72a3-40b5-b844-2e3efefaee59/us-central1/2";
const inputs = (extra: Record<string, unknown> = {}) => ({
  __provider: SHIM_TEXT,
  __token: "cni:Interconnect",
  __resourceName: "ord-port",
  type: "direct",
  slotId: SLOTS[0].id,
  ...extra,
});
const interconnects = (s: TestStack) => s.emulator.store.list<any>(ACCOUNT, "cni_interconnects");

let s: TestStack;
beforeEach(async () => {
  s = await testStack();
});
afterEach(async () => {
  await s.close();
});

describe("Interconnect through the provider host", () => {
  it("configure → check → create → read → diff (every change replaces) → delete", async () => {
    const h = s.host;
    const checked = await h.check(URN, {}, inputs());
    expect(checked.failures).toEqual([]);
    const created = await h.create(URN, checked.inputs);
    // The id is the name Cloudflare gave the interconnect.
    expect(created.id).toMatch(/^icon-[0-9a-f]{12}$/);
    expect(created.properties).toMatchObject({
      account: ACCOUNT,
      type: "direct",
      slotId: SLOTS[0].id,
      speed: "10G",
      site: "ord01",
      facility: { name: "Equinix CH1", address: ["350 E Cermak Rd", "Chicago, IL 60616", "United States"] },
      accountId: ACCOUNT,
    });
    // A bare object went out: the account filled in, no wait options.
    expect(s.emulator.stats.requests.find((r) => r.method === "POST")!.body).toEqual({
      type: "direct",
      slot_id: SLOTS[0].id,
      account: ACCOUNT,
    });

    const read = await h.read(created.id, URN, created.properties);
    expect(read.properties).toEqual(created.properties);
    expect(read.inputs).toMatchObject({ type: "direct", slotId: SLOTS[0].id });
    expect(
      Object.keys(read.inputs!)
        .filter((k) => !k.startsWith("__"))
        .sort(),
    ).toEqual(["slotId", "type"]);

    expect((await h.diff(created.id, URN, created.properties, checked.inputs)).changes).toBe("none");
    expect(await h.diff(created.id, URN, created.properties, inputs({ speed: "100G" }))).toMatchObject({
      changes: "some",
      replaces: ["speed"],
    });
    expect(await h.diff(created.id, URN, created.properties, inputs({ slotId: SLOTS[1].id }))).toMatchObject({
      changes: "some",
      replaces: ["slotId"],
    });

    await h.delete(created.id, URN, created.properties);
    expect(interconnects(s)).toEqual([]);
    await h.delete(created.id, URN, created.properties);
    expect((await h.read(created.id, URN, created.properties)).id).toBe("");
  });

  it("rejects bad input in check before any request, naming each property", async () => {
    const before = s.emulator.stats.totalRequests;
    const both = await s.host.check(URN, {}, inputs({ bandwidth: "1G", pairingKey: PAIRING_KEY }));
    expect(both.failures).toEqual([
      {
        property: "bandwidth",
        reason:
          "bandwidth must not be set together with slotId: an Interconnect is either physical (slotId, speed) or GCP Partner (bandwidth, pairingKey).",
      },
    ]);
    const neither = await s.host.check(URN, {}, inputs({ slotId: undefined, waitForStatus: { status: "Ready" } }));
    expect(neither.failures.map((f) => f.property).sort()).toEqual(["slotId", "waitForStatus.status"]);
    expect(s.emulator.stats.totalRequests).toBe(before);
  });

  it("recovers a create whose answer was lost by the interconnect that appeared, without sending it again", async () => {
    s.emulator.injectNext({ kind: "drop-after", method: "POST" });
    const created = await s.host.create(URN, inputs());
    expect(s.emulator.stats.requests.map((r) => `${r.method} ${r.status}`)).toEqual(["GET 200", "POST null", "GET 200"]);
    expect(interconnects(s)).toHaveLength(1);
    expect(created.id).toBe(interconnects(s)[0].name);
  });

  it("passes check and diff with unknown values during preview, without credentials", async () => {
    const bare = await startHost({ cwd: REPO, project: "test" });
    try {
      await bare.configure({ "cloudflare-magic:accountId": ACCOUNT }); // no credential; the account id is needed at check
      const news = inputs({ slotId: UNKNOWN });
      expect((await bare.check(URN, {}, news)).failures).toEqual([]);
      const olds = { ...inputs(), accountId: ACCOUNT, speed: "10G", __inputPaths: ["type", "slotId"] };
      expect(await bare.diff("icon-1", URN, olds, news)).toMatchObject({ changes: "some", replaces: ["slotId"] });
    } finally {
      await bare.close();
    }
  });
});

describe("Interconnect programs", () => {
  const program =
    (args: Partial<cni.InterconnectArgs> = {}) =>
    () => {
      new cni.Interconnect("ord-port", { type: "direct", slotId: SLOTS[0].id, ...args });
    };

  it("applies, re-applies as a no-op, replaces on a change (old one first: same slot), and destroys to an empty account", async () => {
    const first = await s.driver.up(program());
    expect(first.ops.map((o) => o.op)).toEqual(["create"]);
    const again = await s.driver.up(program());
    expect(again.ops.map((o) => o.op)).toEqual(["same"]);
    expect(again.calls).toMatchObject({ create: 0, update: 0, delete: 0 });

    // Giving the speed the slot already has is no change; a new type replaces. The slot stays the
    // same, so the old interconnect must go before the new one can take it.
    const replaced = await s.driver.up(program({ speed: "10G", type: "direct_v2" }));
    expect(replaced.ops).toMatchObject([{ op: "replace", replaces: ["type"] }]);
    expect(interconnects(s)).toEqual([expect.objectContaining({ type: "direct_v2", slot_id: SLOTS[0].id })]);
    expect(interconnects(s)[0].name).not.toBe(first.ops[0].id);
    expect((await s.driver.up(program({ speed: "10G", type: "direct_v2" }))).ops[0].op).toBe("same");

    await s.driver.destroy();
    expect(s.emulator.store.countAll()).toBe(0);
  });

  it("waits for Healthy, printing progress the user sees", async () => {
    s.emulator.configure({ cni: { healthyAfterMs: 1500 } });
    const started = Date.now();
    const r = await s.driver.up(program({ waitForStatus: { status: "Healthy", timeoutSeconds: 30 } }));
    expect(r.ops.map((o) => o.op)).toEqual(["create"]);
    expect(Date.now() - started).toBeGreaterThanOrEqual(1500);
    const id = r.ops[0].id!;
    const polls = s.emulator.stats.requests.filter((q) => q.url.endsWith(`/interconnects/${id}/status`));
    expect(polls.length).toBeGreaterThanOrEqual(2);
    const log = s.host.stderr();
    expect(log).toContain(`[cloudflare-magic] create Interconnect 'ord-port': waiting up to 30s for interconnect ${id} to be Healthy`);
    expect(log).toContain(`interconnect ${id} is Pending; waiting for Healthy`);
    expect(log).toMatch(new RegExp(`interconnect ${id} is Healthy after \\d+s`));
    // The wait option is ours: kept in state, never sent, and no diff on the next run.
    expect(s.driver.state.get(urn(TYPE, "ord-port"))!.outputs.waitForStatus).toEqual({ status: "Healthy", timeoutSeconds: 30 });
    expect((await s.driver.up(program({ waitForStatus: { status: "Healthy", timeoutSeconds: 30 } }))).ops[0].op).toBe("same");
  });

  it("an interconnect that goes Down fails with the API's reason and stays in state (no orphan)", async () => {
    s.emulator.configure({ cni: { initialStatus: { state: "Down", reason: "No light received on the cross-connect" } } });
    const err = await failure(s.driver.up(program({ waitForStatus: { status: "Healthy" } })));
    expect(err).toBeInstanceOf(RunError);
    expect(err.message).toContain("is Down: No light received on the cross-connect.");
    const entry = s.driver.state.get(urn(TYPE, "ord-port"))!;
    expect(entry.initErrors).toEqual([expect.stringContaining("No light received on the cross-connect")]);
    expect(entry.id).toBe(interconnects(s)[0].name);
    expect(entry.outputs).toMatchObject({ slotId: SLOTS[0].id, site: "ord01" });
    // It is still ours to destroy.
    await s.driver.destroy();
    expect(s.emulator.store.countAll()).toBe(0);
  });

  it("an interconnect that stays Pending past the timeout fails, stays in state, and the next apply waits again", async () => {
    s.emulator.configure({ cni: { healthyAfterMs: 3_600_000 } });
    const err = await failure(s.driver.up(program({ waitForStatus: { status: "Healthy", timeoutSeconds: 1 } })));
    expect(err.message).toContain("was still Pending after 1s (waitForStatus Healthy)");
    expect(s.driver.state.get(urn(TYPE, "ord-port"))!.initErrors).toHaveLength(1);
    expect(interconnects(s)).toHaveLength(1);

    // Once it turns healthy, the next apply waits again on the same interconnect and succeeds.
    setInterconnectStatus(s.emulator.store, ACCOUNT, interconnects(s)[0].name as string, { state: "Healthy" });
    const retried = await s.driver.up(program({ waitForStatus: { status: "Healthy", timeoutSeconds: 1 } }));
    expect(retried.ops).toMatchObject([{ op: "update", id: interconnects(s)[0].name }]);
    expect(s.driver.state.get(urn(TYPE, "ord-port"))!.initErrors ?? []).toEqual([]);
    expect(interconnects(s)).toHaveLength(1);
  });

  it("a GCP Partner interconnect keeps its pairing key secret and shows no drift on refresh", async () => {
    const gcp = () => {
      new cni.Interconnect("gcp-port", { type: "gcp_partner", bandwidth: "1G", pairingKey: PAIRING_KEY });
    };
    await s.driver.up(gcp);
    const entry = s.driver.state.get(urn(TYPE, "gcp-port"))!;
    expect(entry.secretKeys).toContain("pairingKey");
    expect(entry.outputs).toMatchObject({ bandwidth: "1G", speed: "1G", region: "us-central1", pairingKey: PAIRING_KEY });
    expect(await s.driver.refresh()).toMatchObject([{ op: "same" }]);
    expect((await s.driver.up(gcp)).ops.map((o) => o.op)).toEqual(["same"]);
    expect(s.host.stderr() + s.host.stdout()).not.toContain(PAIRING_KEY);
    expect(s.everythingWritten()).not.toContain(TOKEN);
  });

  it("refresh shows drift, the next apply puts it back (by replacement), and a deleted interconnect is recreated", async () => {
    const first = await s.driver.up(program());
    const id = first.ops[0].id!;
    s.emulator.store.patch(ACCOUNT, "cni_interconnects", id, { type: "changed_elsewhere" });
    const refreshed = await s.driver.refresh();
    expect(refreshed).toMatchObject([{ op: "update" }]);
    expect(refreshed[0].changedKeys).toContain("type");
    const fixed = await s.driver.up(program());
    expect(fixed.ops.map((o) => o.op)).toEqual(["replace"]);
    expect(interconnects(s)).toEqual([expect.objectContaining({ type: "direct" })]);

    s.emulator.store.remove(ACCOUNT, "cni_interconnects", interconnects(s)[0].id);
    expect(await s.driver.refresh()).toMatchObject([{ op: "delete" }]);
    expect((await s.driver.up(program())).ops.map((o) => o.op)).toEqual(["create"]);
    expect(interconnects(s)).toHaveLength(1);
  });

  it("adopts an existing interconnect with the import resource option, then manages it with no diff", async () => {
    const existing = await s.host.create(URN, inputs());
    const imported = await s.driver.up(() => {
      new cni.Interconnect("ord-port", { type: "direct", slotId: SLOTS[0].id }, { import: existing.id });
    });
    expect(imported.ops).toMatchObject([{ op: "import", id: existing.id }]);
    expect((await s.driver.up(program())).ops.map((o) => o.op)).toEqual(["same"]);
    expect(interconnects(s)).toHaveLength(1);
  });
});
