import * as pulumi from "@pulumi/pulumi";
import * as magic from "pulumi-cloudflare-magic";
import { ownershipChallengeFile } from "../../emulator/resources/pcaps";
import { SHIM_TEXT } from "../../sdk/shim";
import { failure } from "../failure";
import { UNKNOWN, startHost, urn } from "../harness/host";
import { ACCOUNT, REPO, TOKEN, TestStack, testStack } from "./stack";

/** PacketCapture end to end: the real provider host against the emulator's PCAP endpoints. */
const TYPE = "pulumi-nodejs:dynamic/magic:PacketCapture";
const URN = urn(TYPE, "capture");
const BUCKET = "s3://pcaps-bucket?region=us-east-1";
const HOUR = 60 * 60 * 1000;
const simpleInputs = (extra: Record<string, unknown> = {}) => ({
  __provider: SHIM_TEXT,
  __token: "magic:PacketCapture",
  __resourceName: "capture",
  type: "simple",
  system: "magic-transit",
  timeLimit: 300,
  packetLimit: 10000,
  ...extra,
});
const fullInputs = (extra: Record<string, unknown> = {}) =>
  simpleInputs({ type: "full", timeLimit: 60, packetLimit: undefined, coloName: "ord02", destinationConf: BUCKET, ...extra });
const pcaps = (s: TestStack) => s.emulator.store.list(ACCOUNT, "pcaps");
const routes = (s: TestStack) => s.emulator.stats.requests.map((r) => `${r.method} ${r.route.replace(/^\w+ /, "")}`);

/** A bucket added and validated behind the program's back. */
function validatedBucket(s: TestStack): void {
  s.emulator.store.insert(ACCOUNT, "pcaps_ownership", {
    destination_conf: BUCKET,
    filename: ownershipChallengeFile(ACCOUNT, BUCKET),
    status: "success",
    submitted: new Date().toISOString(),
    validated: new Date().toISOString(),
  });
}

let s: TestStack;
beforeEach(async () => {
  // Captures start at once and then run for an hour, unless a test moves the clock.
  s = await testStack();
  s.emulator.configure({ pcapTiming: { pendingMs: 0, simpleRunMs: HOUR, secondMs: HOUR, conversionMs: 0 } });
});
afterEach(async () => {
  await s.close();
});

describe("PacketCapture through the provider host", () => {
  it("creates a simple capture, refreshes its status without a diff, replaces on change, and ends without a request", async () => {
    const h = s.host;
    const checked = await h.check(
      URN,
      {},
      simpleInputs({ filterV1: { destinationAddress: "203.0.113.10", destinationPort: 443, protocol: 6 } }),
    );
    expect(checked.failures).toEqual([]);
    const created = await h.create(URN, checked.inputs);
    expect(created.id).toMatch(/^[0-9a-f]{32}$/);
    // A capture has nothing unique to find it by: its create lists what exists first, then POSTs.
    expect(s.emulator.stats.requests.map((r) => r.method)).toEqual(["GET", "POST"]);
    expect(s.emulator.stats.requests[1].body).toEqual({
      type: "simple",
      system: "magic-transit",
      time_limit: 300,
      packet_limit: 10000,
      filter_v1: { destination_address: "203.0.113.10", destination_port: 443, protocol: 6 },
    });
    // The API never echoes packet_limit: it is kept from the inputs. offset_time is the server's default.
    expect(created.properties).toMatchObject({
      type: "simple",
      system: "magic-transit",
      timeLimit: 300,
      packetLimit: 10000,
      filterV1: { destinationAddress: "203.0.113.10", destinationPort: 443, protocol: 6 },
      status: "pending",
      submitted: expect.any(String),
      offsetTime: expect.any(String),
      accountId: ACCOUNT,
    });

    s.emulator.configure({ pcapTiming: { pendingMs: 0, simpleRunMs: 0 } });
    const read = await h.read(created.id, URN, created.properties);
    expect(read.properties).toMatchObject({ status: "success", packetLimit: 10000, timeLimit: 300 });
    expect(read.inputs).toEqual({
      type: "simple",
      system: "magic-transit",
      timeLimit: 300,
      packetLimit: 10000,
      filterV1: { destinationAddress: "203.0.113.10", destinationPort: 443, protocol: 6 },
      __provider: SHIM_TEXT,
      __token: "magic:PacketCapture",
      __resourceName: "capture",
    });
    expect((await h.diff(created.id, URN, read.properties, checked.inputs)).changes).toBe("none");
    expect(await h.diff(created.id, URN, read.properties, simpleInputs({ timeLimit: 60 }))).toMatchObject({
      changes: "some",
      replaces: expect.arrayContaining(["timeLimit", "filterV1"]),
    });

    s.emulator.resetStats();
    await h.delete(created.id, URN, read.properties);
    // There is no DELETE endpoint and a simple capture ends by itself: nothing to send.
    expect(s.emulator.stats.totalRequests).toBe(0);
    expect(pcaps(s)).toHaveLength(1);
  });

  it("stops a running full capture on delete, and leaves a finished or vanished one alone", async () => {
    validatedBucket(s);
    const h = s.host;
    const created = await h.create(URN, (await h.check(URN, {}, fullInputs({ byteLimit: 1000000 }))).inputs);
    expect(created.properties).toMatchObject({
      type: "full",
      coloName: "ord02",
      destinationConf: BUCKET,
      byteLimit: 1000000,
      packetsCaptured: 0,
      status: "pending",
    });
    expect(created.properties.packetLimit).toBeUndefined();
    expect((await h.read(created.id, URN, created.properties)).properties.status).toBe("running");

    s.emulator.resetStats();
    await h.delete(created.id, URN, created.properties);
    expect(routes(s)).toEqual(["GET /accounts/:account_id/pcaps/:pcap_id", "PUT /accounts/:account_id/pcaps/:pcap_id/stop"]);
    expect(pcaps(s)[0]).toMatchObject({ status: "complete", stop_requested: expect.any(String) });

    // Deleting again: the capture no longer collects, so only the look.
    s.emulator.resetStats();
    await h.delete(created.id, URN, created.properties);
    expect(routes(s)).toEqual(["GET /accounts/:account_id/pcaps/:pcap_id"]);
    // Gone behind our back: a 404 counts as deleted.
    s.emulator.store.remove(ACCOUNT, "pcaps", created.id);
    await h.delete(created.id, URN, created.properties);
    expect((await h.read(created.id, URN, created.properties)).id).toBe("");
  });

  it("rejects bad input in check before any request, naming each property", async () => {
    const before = s.emulator.stats.totalRequests;
    const r = await s.host.check(
      URN,
      {},
      simpleInputs({ timeLimit: 301, packetLimit: undefined, coloName: "ord02", filterV1: { protocol: 300 } }),
    );
    expect(r.failures.map((f) => f.property).sort()).toEqual(["coloName", "filterV1.protocol", "packetLimit", "timeLimit"]);
    expect(r.failures.find((f) => f.property === "packetLimit")!.reason).toBe("packetLimit is required for a simple packet capture.");
    const f = await s.host.check(URN, {}, fullInputs({ coloName: undefined, offsetTime: "2026-11-22T00:00:00Z" }));
    expect(f.failures.map((x) => x.reason).sort()).toEqual([
      "coloName is required for a full packet capture (a colo such as ord02, or a multi-colo name such as ORD).",
      'offsetTime only applies to simple packet captures (type is "full").',
    ]);
    expect(s.emulator.stats.totalRequests).toBe(before);
  });

  it("passes check and diff with unknown values during preview, with no credentials", async () => {
    const bare = await startHost({ cwd: REPO, project: "test" });
    try {
      await bare.configure({ "cloudflare-magic:accountId": ACCOUNT }); // no credential; the account id is needed at check
      const news = fullInputs({ destinationConf: UNKNOWN, timeLimit: UNKNOWN });
      expect((await bare.check(URN, {}, news)).failures).toEqual([]);
      expect((await bare.check(URN, {}, simpleInputs({ type: UNKNOWN }))).failures).toEqual([]);
      const olds = {
        ...fullInputs(),
        accountId: ACCOUNT,
        status: "running",
        __inputPaths: ["type", "system", "timeLimit", "coloName", "destinationConf"],
      };
      expect(await bare.diff("some-id", URN, olds, news)).toMatchObject({
        changes: "some",
        replaces: expect.arrayContaining(["destinationConf", "timeLimit"]),
      });
    } finally {
      await bare.close();
    }
  });

  it("surfaces the API's rejection of a full capture into an unvalidated bucket as one sentence", async () => {
    const err = await failure(s.host.create(URN, fullInputs()));
    expect(err.message).toMatch(
      /^create PacketCapture 'capture': Cloudflare 1005: destination_conf must be a bucket added with POST \/pcaps\/ownership and validated/,
    );
    expect(pcaps(s)).toEqual([]);
  });
});

describe("PacketCapture programs", () => {
  const simple =
    (extra: Partial<magic.PacketCaptureArgs> = {}) =>
    () => {
      new magic.PacketCapture("web", {
        type: "simple",
        system: "magic-transit",
        timeLimit: 300,
        packetLimit: 10000,
        filterV1: { destinationPort: 443 },
        ...extra,
      });
    };

  it("applies, re-applies as a no-op even as the status moves, replaces on change, and destroys", async () => {
    const first = await s.driver.up(simple());
    expect(first.ops.map((o) => o.op)).toEqual(["create"]);
    const id = first.ops[0].id;

    s.emulator.configure({ pcapTiming: { pendingMs: 0, simpleRunMs: 0 } });
    const refreshed = await s.driver.refresh();
    expect(refreshed).toMatchObject([{ op: "update", changedKeys: ["status"] }]);
    const again = await s.driver.up(simple());
    expect(again.ops.map((o) => o.op)).toEqual(["same"]);
    expect(again.calls).toMatchObject({ create: 0, update: 0, delete: 0 });

    const replaced = await s.driver.up(simple({ timeLimit: 120 }));
    expect(replaced.ops).toMatchObject([{ op: "replace", replaces: ["timeLimit"] }]);
    expect(replaced.ops[0].id).not.toBe(id);
    expect(pcaps(s).map((p) => p.time_limit)).toEqual([300, 120]);
    expect((await s.driver.up(simple({ timeLimit: 120 }))).ops[0].op).toBe("same");

    s.emulator.resetStats();
    await s.driver.destroy();
    expect(s.driver.state.size).toBe(0);
    // Simple captures cannot be deleted and end by themselves: destroy sends nothing.
    expect(s.emulator.stats.totalRequests).toBe(0);
  });

  it("runs a full capture into a bucket the stack validates, replacing it stops the old one first, destroy stops it and removes the bucket", async () => {
    const program = (timeLimit: number) => () => {
      const bucket = new magic.PcapBucketOwnership("bucket", {
        destinationConf: BUCKET,
        ownershipChallenge: pulumi.secret(ownershipChallengeFile(ACCOUNT, BUCKET)),
      });
      new magic.PacketCapture(
        "full",
        {
          type: "full",
          system: "magic-transit",
          timeLimit,
          coloName: "ord02",
          destinationConf: bucket.destinationConf,
          byteLimit: 1000000,
        },
        { dependsOn: bucket },
      );
    };
    const first = await s.driver.up(program(60));
    expect(first.ops.map((o) => o.op)).toEqual(["create", "create"]);
    expect(first.outputs("bucket")).toMatchObject({ status: "success" });
    const oldId = first.ops[1].id!;
    expect((await s.driver.up(program(60))).ops.map((o) => o.op)).toEqual(["same", "same"]);

    // Cloudflare runs one full capture at a time: the replacement stops the old capture first.
    const replaced = await s.driver.up(program(120));
    expect(replaced.ops.map((o) => o.op)).toEqual(["same", "replace"]);
    expect(s.emulator.store.get(ACCOUNT, "pcaps", oldId)).toMatchObject({ stop_requested: expect.any(String), status: "complete" });
    const newId = replaced.ops[1].id!;
    expect(s.emulator.store.get(ACCOUNT, "pcaps", newId)).toMatchObject({ time_limit: 120 });

    await s.driver.destroy();
    expect(s.emulator.store.get(ACCOUNT, "pcaps", newId)).toMatchObject({ status: "complete", stop_requested: expect.any(String) });
    expect(s.emulator.store.list(ACCOUNT, "pcaps_ownership")).toEqual([]);
    expect(
      s.emulator.stats.requests.some((r) => r.method === "DELETE" && r.url.includes("/pcaps/") && !r.url.includes("/ownership/")),
    ).toBe(false);
  });

  it("refresh shows drift made behind our back, the next apply puts it back, and a vanished capture is recreated", async () => {
    const first = await s.driver.up(simple());
    const id = first.ops[0].id!;
    s.emulator.store.patch(ACCOUNT, "pcaps", id, { time_limit: 30 });
    const refreshed = await s.driver.refresh();
    expect(refreshed[0].changedKeys).toContain("timeLimit");
    const fixed = await s.driver.up(simple());
    expect(fixed.ops.map((o) => o.op)).toEqual(["replace"]);
    expect(pcaps(s).at(-1)).toMatchObject({ time_limit: 300 });

    s.emulator.store.clear();
    expect(await s.driver.refresh()).toMatchObject([{ op: "delete" }]);
    expect((await s.driver.up(simple())).ops.map((o) => o.op)).toEqual(["create"]);
    expect(pcaps(s)).toHaveLength(1);
  });

  it("adopts an existing capture with the import resource option, then manages it with no diff", async () => {
    const existing = await s.host.create(URN, simpleInputs({ filterV1: { destinationPort: 443 } }));
    const imported = await s.driver.up(() => {
      new magic.PacketCapture(
        "web",
        { type: "simple", system: "magic-transit", timeLimit: 300, packetLimit: 10000, filterV1: { destinationPort: 443 } },
        { import: existing.id },
      );
    });
    expect(imported.ops).toMatchObject([{ op: "import", id: existing.id }]);
    expect((await s.driver.up(simple())).ops.map((o) => o.op)).toEqual(["same"]);
    expect(pcaps(s)).toHaveLength(1);
  });

  it("never lets the token reach state, errors or logs", async () => {
    await s.driver.up(simple());
    await s.host.create(URN, fullInputs()).catch(() => undefined);
    expect(s.everythingWritten()).not.toContain(TOKEN);
    expect(s.emulator.stats.requests.every((r) => !JSON.stringify(r).includes(TOKEN))).toBe(true);
  });
});
