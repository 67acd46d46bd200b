import * as magic from "pulumi-cloudflare-magic";
import { provisionCfInterconnect } from "../../emulator/resources/cf-interconnects";
import { SHIM_TEXT } from "../../sdk/shim";
import { failure } from "../failure";
import { UNKNOWN, startHost, urn } from "../harness/host";
import { ACCOUNT, REPO, TOKEN, TestStack, testStack } from "./stack";

/**
 * CfInterconnect end to end: Cloudflare makes interconnects (the tests insert them into the
 * emulator's store); the resource adopts one by id, manages its settings with PUT, and lets go of
 * it on delete without changing it.
 */
const TYPE = "pulumi-nodejs:dynamic/magic:CfInterconnect";
const URN = urn(TYPE, "pni-ord");

let s: TestStack;
beforeEach(async () => {
  s = await testStack();
});
afterEach(async () => {
  await s.close();
});

/** An interconnect as Cloudflare provisions it. */
function provision(overrides: Record<string, unknown> = {}): { id: string } & Record<string, unknown> {
  return provisionCfInterconnect(s.emulator.store, ACCOUNT, overrides);
}
const stored = (id: string) => s.emulator.store.get(ACCOUNT, "cf_interconnects", id)!;
const inputs = (interconnectId: string, extra: Record<string, unknown> = {}) => ({
  __provider: SHIM_TEXT,
  __token: "magic:CfInterconnect",
  __resourceName: "pni-ord",
  interconnectId,
  ...extra,
});

describe("CfInterconnect through the provider host", () => {
  it("create adopts (read + PUT) → read → diff → update → delete leaves the interconnect in place", async () => {
    const ic = provision();
    const h = s.host;
    const checked = await h.check(URN, {}, inputs(ic.id, { mtu: 1400, healthCheck: { rate: "high" } }));
    expect(checked.failures).toEqual([]);

    const created = await h.create(URN, checked.inputs);
    expect(created.id).toBe(ic.id);
    expect(created.properties).toMatchObject({
      interconnectId: ic.id,
      name: "pni_ord",
      coloName: "pni_ord",
      description: "Provisioned by Cloudflare",
      gre: { cloudflareEndpoint: "203.0.113.1" },
      interfaceAddress: "192.168.4.0/31",
      mtu: 1400,
      virtualPortReservationId: "c4a7362d577a6c3019a474fd6f485821",
      healthCheck: { enabled: true, rate: "high", type: "reply", target: "", effectiveTarget: "" },
      accountId: ACCOUNT,
    });
    // Read first, then one PUT with the live settings plus ours; the id itself is never sent.
    expect(s.emulator.stats.requests.map((r) => r.method)).toEqual(["GET", "PUT"]);
    const put = s.emulator.stats.requests[1];
    expect(put.body).toEqual({
      name: "pni_ord",
      description: "Provisioned by Cloudflare",
      automatic_return_routing: false,
      gre: { cloudflare_endpoint: "203.0.113.1" },
      health_check: { enabled: true, rate: "high", type: "reply", target: { saved: "" } },
      interface_address: "192.168.4.0/31",
      mtu: 1400,
    });
    expect(put.headers["x-magic-new-hc-target"]).toBe("true");
    expect(stored(ic.id)).toMatchObject({ mtu: 1400, health_check: { rate: "high" } });

    const read = await h.read(created.id, URN, created.properties);
    expect(read.properties).toEqual(created.properties);
    // Refresh records only the settings the program manages.
    expect(read.inputs).toMatchObject({ interconnectId: ic.id, mtu: 1400, healthCheck: { rate: "high" } });
    expect(read.inputs).not.toHaveProperty("description");
    expect((await h.diff(created.id, URN, read.properties, checked.inputs)).changes).toBe("none");

    const changed = inputs(ic.id, {
      mtu: 1400,
      healthCheck: { rate: "high" },
      description: "PNI to ORD",
      gre: { cloudflareEndpoint: "203.0.113.2" },
    });
    expect(await h.diff(created.id, URN, created.properties, changed)).toMatchObject({ changes: "some", replaces: [] });
    const updated = await h.update(created.id, URN, created.properties, changed);
    expect(updated.properties).toMatchObject({ description: "PNI to ORD", gre: { cloudflareEndpoint: "203.0.113.2" }, mtu: 1400 });

    s.emulator.resetStats();
    await h.delete(created.id, URN, updated.properties);
    expect(s.emulator.stats.totalRequests).toBe(0);
    expect(stored(ic.id)).toMatchObject({ description: "PNI to ORD", mtu: 1400, colo_name: "pni_ord" });
  });

  it("fails to create with a clear sentence when no interconnect has the id, and changes nothing", async () => {
    provision();
    const missing = "0".repeat(32);
    const err = await failure(s.host.create(URN, inputs(missing, { mtu: 1400 })));
    expect(err.message).toBe(
      `create CfInterconnect 'pni-ord': there is no CfInterconnect with id ${missing} in account ${ACCOUNT} to adopt (interconnectId); Cloudflare creates these, so check the id.`,
    );
    expect(s.emulator.stats.requests.map((r) => r.method)).toEqual(["GET"]);
  });

  it("rejects bad input in check before any request, naming each property", async () => {
    const before = s.emulator.stats.totalRequests;
    const r = await s.host.check(
      URN,
      {},
      inputs("x".repeat(33), {
        mtu: 500,
        healthCheck: { direction: "both" },
        gre: { cloudflareEndpoint: "edge" },
        bgp: { exportFilterId: "f" },
      }),
    );
    expect(r.failures.map((f) => f.property).sort()).toEqual([
      "bgp.exportFilterId",
      "gre.cloudflareEndpoint",
      "healthCheck.direction",
      "interconnectId",
      "mtu",
    ]);
    expect(r.failures.find((f) => f.property === "mtu")!.reason).toBe("mtu must be at least 576 (got 500).");
    expect(s.emulator.stats.totalRequests).toBe(before);
  });

  it("passes check and diff with unknown values during preview, and needs no credentials for them", async () => {
    const bare = await startHost({ cwd: REPO, project: "test" });
    try {
      await bare.configure({ "cloudflare-magic:accountId": ACCOUNT }); // no credential; the account id is needed at check
      const news = inputs(UNKNOWN, { mtu: UNKNOWN });
      expect((await bare.check(URN, {}, news)).failures).toEqual([]);
      const olds = { ...inputs("c4a7362d577a6c3019a474fd6f485821"), mtu: 1476, accountId: ACCOUNT, __inputPaths: ["interconnectId"] };
      expect(await bare.diff("c4a7362d577a6c3019a474fd6f485821", URN, olds, news)).toMatchObject({
        changes: "some",
        replaces: ["interconnectId"],
      });
      expect(
        await bare.diff("c4a7362d577a6c3019a474fd6f485821", URN, olds, inputs("c4a7362d577a6c3019a474fd6f485821", { mtu: UNKNOWN })),
      ).toMatchObject({ changes: "some", replaces: [] });
    } finally {
      await bare.close();
    }
  });
});

describe("CfInterconnect programs", () => {
  const program =
    (interconnectId: string, extra: Partial<magic.CfInterconnectArgs> = {}) =>
    () => {
      new magic.CfInterconnect("pni-ord", { interconnectId, description: "PNI to ORD", healthCheck: { rate: "high" }, ...extra });
    };

  it("adopts, re-applies as a no-op, updates in place, adopts another on an id change, and destroys without touching either", async () => {
    const ord = provision();
    const iad = provision({ name: "pni_iad", colo_name: "pni_iad" });

    const first = await s.driver.up(program(ord.id));
    expect(first.ops).toMatchObject([{ op: "create", id: ord.id }]);
    expect(first.outputs("pni-ord")).toMatchObject({ coloName: "pni_ord", description: "PNI to ORD" });

    const again = await s.driver.up(program(ord.id));
    expect(again.ops.map((o) => o.op)).toEqual(["same"]);
    expect(again.calls).toMatchObject({ create: 0, update: 0, delete: 0 });

    const changed = await s.driver.up(program(ord.id, { mtu: 1450, interfaceAddress6: "2606:54c1:7:0:a9fe:12d2:1:200/127" }));
    expect(changed.ops).toMatchObject([{ op: "update", id: ord.id }]);
    expect(stored(ord.id)).toMatchObject({ mtu: 1450, interface_address6: "2606:54c1:7:0:a9fe:12d2:1:200/127" });
    expect((await s.driver.up(program(ord.id, { mtu: 1450, interfaceAddress6: "2606:54c1:7:0:a9fe:12d2:1:200/127" }))).ops[0].op).toBe(
      "same",
    );

    const replaced = await s.driver.up(program(iad.id));
    expect(replaced.ops).toMatchObject([{ op: "replace", id: iad.id, replaces: ["interconnectId"] }]);
    expect(stored(iad.id)).toMatchObject({ description: "PNI to ORD", health_check: { rate: "high" } });
    // The old interconnect is let go as it was.
    expect(stored(ord.id)).toMatchObject({ description: "PNI to ORD", mtu: 1450 });

    s.emulator.resetStats();
    await s.driver.destroy();
    expect(s.driver.state.size).toBe(0);
    expect(s.emulator.stats.totalRequests).toBe(0);
    expect(s.emulator.store.list(ACCOUNT, "cf_interconnects")).toHaveLength(2);
  });

  it("refresh shows drift, the next apply puts it back; a vanished interconnect cannot be recreated until it exists again", async () => {
    const ord = provision();
    await s.driver.up(program(ord.id, { mtu: 1450 }));
    s.emulator.store.patch(ACCOUNT, "cf_interconnects", ord.id, { mtu: 1300, description: "changed", automatic_return_routing: true });
    const refreshed = await s.driver.refresh();
    expect(refreshed).toMatchObject([{ op: "update" }]);
    expect(refreshed[0].changedKeys).toEqual(expect.arrayContaining(["mtu", "description"]));
    expect((await s.driver.up(program(ord.id, { mtu: 1450 }))).ops.map((o) => o.op)).toEqual(["update"]);
    expect(stored(ord.id)).toMatchObject({ mtu: 1450, description: "PNI to ORD", automatic_return_routing: true });

    const saved = stored(ord.id);
    s.emulator.store.remove(ACCOUNT, "cf_interconnects", ord.id);
    expect(await s.driver.refresh()).toMatchObject([{ op: "delete" }]);
    const err = await failure(s.driver.up(program(ord.id, { mtu: 1450 })));
    expect(err.message).toContain(`there is no CfInterconnect with id ${ord.id}`);
    s.emulator.store.insert(ACCOUNT, "cf_interconnects", { ...saved, mtu: 1476 });
    expect((await s.driver.up(program(ord.id, { mtu: 1450 }))).ops).toMatchObject([{ op: "create", id: ord.id }]);
    expect(stored(ord.id).mtu).toBe(1450);
  });

  it("adopts with the import resource option, then manages it with no diff", async () => {
    const ord = provision({ description: "PNI to ORD", health_check: { enabled: true, rate: "high", type: "reply", target: "" } });
    const imported = await s.driver.up(() => {
      new magic.CfInterconnect(
        "pni-ord",
        { interconnectId: ord.id, description: "PNI to ORD", healthCheck: { rate: "high" } },
        { import: ord.id },
      );
    });
    expect(imported.ops).toMatchObject([{ op: "import", id: ord.id }]);
    const next = await s.driver.up(program(ord.id));
    expect(next.ops.map((o) => o.op)).toEqual(["same"]);
    expect(stored(ord.id)).toEqual(ord);
  });

  it("never lets the token reach state, errors or logs", async () => {
    const ord = provision();
    await s.driver.up(program(ord.id));
    await s.host.create(URN, inputs("0".repeat(32))).catch(() => undefined);
    expect(s.everythingWritten()).not.toContain(TOKEN);
    expect(s.emulator.stats.requests.every((r) => !JSON.stringify(r).includes(TOKEN))).toBe(true);
  });
});
