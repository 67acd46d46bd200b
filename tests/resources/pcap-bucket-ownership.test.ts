import * as pulumi from "@pulumi/pulumi";
import * as magic from "pulumi-cloudflare-magic";
import { ownershipChallengeFile } from "../../emulator/resources/pcaps";
import { SHIM_TEXT } from "../../sdk/shim";
import { failure } from "../failure";
import { UNKNOWN, startHost, urn } from "../harness/host";
import { ACCOUNT, REPO, TOKEN, TestStack, testStack } from "./stack";

/** PcapBucketOwnership end to end: the real provider host against the emulator's ownership endpoints. */
const TYPE = "pulumi-nodejs:dynamic/magic:PcapBucketOwnership";
const URN = urn(TYPE, "bucket");
const BUCKET = "s3://pcaps-bucket?region=us-east-1";
const OTHER_BUCKET = "gs://pcaps-archive/captures";
const CHALLENGE = ownershipChallengeFile(ACCOUNT, BUCKET);
const inputs = (extra: Record<string, unknown> = {}) => ({
  __provider: SHIM_TEXT,
  __token: "magic:PcapBucketOwnership",
  __resourceName: "bucket",
  destinationConf: BUCKET,
  ...extra,
});
const buckets = (s: TestStack) => s.emulator.store.list(ACCOUNT, "pcaps_ownership");

let s: TestStack;
beforeEach(async () => {
  s = await testStack();
});
afterEach(async () => {
  await s.close();
});

describe("PcapBucketOwnership through the provider host", () => {
  it("adds a bucket, reads it from the list, updates on a new challenge, and deletes it", async () => {
    const h = s.host;
    const checked = await h.check(URN, {}, inputs());
    expect(checked.failures).toEqual([]);
    const created = await h.create(URN, checked.inputs);
    expect(created.id).toMatch(/^[0-9a-f]{32}$/);
    expect(s.emulator.stats.requests.map((r) => [r.method, r.body])).toEqual([["POST", { destination_conf: BUCKET }]]);
    expect(created.properties).toMatchObject({
      destinationConf: BUCKET,
      filename: CHALLENGE,
      status: "pending",
      submitted: expect.any(String),
      accountId: ACCOUNT,
    });
    expect(created.properties.validated).toBeUndefined();

    // Validated elsewhere (e.g. by hand): a read picks up the status, which never causes a diff.
    s.emulator.store.patch(ACCOUNT, "pcaps_ownership", created.id, { status: "success", validated: "2026-11-22T00:00:00Z" });
    const read = await h.read(created.id, URN, created.properties);
    expect(read.properties).toMatchObject({ destinationConf: BUCKET, status: "success", validated: "2026-11-22T00:00:00Z" });
    expect(read.inputs).toMatchObject({ destinationConf: BUCKET });
    expect((await h.diff(created.id, URN, read.properties, checked.inputs)).changes).toBe("none");
    expect(await h.diff(created.id, URN, read.properties, inputs({ destinationConf: OTHER_BUCKET }))).toMatchObject({
      changes: "some",
      replaces: ["destinationConf"],
    });
    expect(await h.diff(created.id, URN, read.properties, inputs({ ownershipChallenge: CHALLENGE }))).toMatchObject({
      changes: "some",
      replaces: [],
    });

    await h.delete(created.id, URN, read.properties);
    expect(s.emulator.store.countAll()).toBe(0);
    await h.delete(created.id, URN, read.properties);
    expect((await h.read(created.id, URN, read.properties)).id).toBe("");
  });

  it("validates the bucket right after adding it when the challenge is given", async () => {
    const created = await s.host.create(URN, inputs({ ownershipChallenge: CHALLENGE }));
    expect(s.emulator.stats.requests.map((r) => [r.method, r.url.replace(/^.*\/pcaps/, "/pcaps"), r.body])).toEqual([
      ["POST", "/pcaps/ownership", { destination_conf: BUCKET }],
      ["POST", "/pcaps/ownership/validate", { destination_conf: BUCKET, ownership_challenge: CHALLENGE }],
    ]);
    expect(created.properties).toMatchObject({
      destinationConf: BUCKET,
      ownershipChallenge: CHALLENGE,
      status: "success",
      validated: expect.any(String),
    });
    expect(buckets(s)[0]).toMatchObject({ id: created.id, status: "success" });
  });

  it("keeps a bucket whose validation was refused in state, as a failed initialization", async () => {
    const err = await failure(s.host.create(URN, inputs({ ownershipChallenge: "ownership-challenge-wrong.txt" })));
    expect(err.message).toMatch(/Cloudflare 1005: ownership_challenge does not match the ownership challenge stored in the bucket/);
    expect(err.initFailed).toMatchObject({
      id: buckets(s)[0].id,
      properties: { destinationConf: BUCKET, status: "pending", ownershipChallenge: "ownership-challenge-wrong.txt" },
    });
  });

  it("finds the bucket a create whose answer was lost made, instead of adding it twice", async () => {
    s.emulator.injectNext({ kind: "drop-after", method: "POST" });
    const created = await s.host.create(URN, inputs());
    expect(buckets(s)).toHaveLength(1);
    expect(buckets(s)[0].id).toBe(created.id);
    expect(s.emulator.stats.requests.map((r) => `${r.method} ${r.status}`)).toEqual(["POST null", "GET 200"]);
  });

  it("rejects bad input in check before any request, naming each property", async () => {
    const before = s.emulator.stats.totalRequests;
    const r = await s.host.check(URN, {}, inputs({ destinationConf: "https://pcaps-bucket.s3.amazonaws.com", ownershipChallenge: "" }));
    expect(r.failures.map((f) => f.property).sort()).toEqual(["destinationConf", "ownershipChallenge"]);
    expect(r.failures.find((f) => f.property === "destinationConf")!.reason).toContain(
      "destinationConf must be the bucket's full URI: s3://<bucket>",
    );
    expect(s.emulator.stats.totalRequests).toBe(before);
  });

  it("passes check and diff with unknown values during preview, with no credentials", async () => {
    const bare = await startHost({ cwd: REPO, project: "test" });
    try {
      await bare.configure({ "cloudflare-magic:accountId": ACCOUNT }); // no credential; the account id is needed at check
      const news = inputs({ destinationConf: UNKNOWN, ownershipChallenge: UNKNOWN });
      expect((await bare.check(URN, {}, news)).failures).toEqual([]);
      const olds = { ...inputs(), accountId: ACCOUNT, status: "pending", __inputPaths: ["destinationConf"] };
      expect(await bare.diff("some-id", URN, olds, news)).toMatchObject({ changes: "some", replaces: ["destinationConf"] });
    } finally {
      await bare.close();
    }
  });
});

describe("PcapBucketOwnership programs", () => {
  const program =
    (args: Partial<magic.PcapBucketOwnershipArgs> = {}) =>
    () => {
      new magic.PcapBucketOwnership("bucket", { destinationConf: BUCKET, ...args });
    };

  it("adds, re-applies as a no-op, validates in place once the challenge is known, moves to another bucket, and destroys", async () => {
    const first = await s.driver.up(program());
    expect(first.ops.map((o) => o.op)).toEqual(["create"]);
    expect(first.outputs("bucket")).toMatchObject({ status: "pending", filename: CHALLENGE });
    const again = await s.driver.up(program());
    expect(again.ops.map((o) => o.op)).toEqual(["same"]);
    expect(again.calls).toMatchObject({ create: 0, update: 0, delete: 0 });

    // The challenge is known only after the bucket was added: setting it validates the same registration.
    const id = first.ops[0].id;
    s.emulator.resetStats();
    const validated = await s.driver.up(program({ ownershipChallenge: pulumi.secret(CHALLENGE) }));
    expect(validated.ops).toMatchObject([{ op: "update", id }]);
    expect(buckets(s)).toMatchObject([{ id, destination_conf: BUCKET, status: "success" }]);
    expect(
      s.emulator.stats.requests.filter((r) => r.method !== "GET").map((r) => `${r.method} ${r.url.replace(/^.*\/pcaps/, "/pcaps")}`),
    ).toEqual(["POST /pcaps/ownership/validate"]);
    expect((await s.driver.up(program({ ownershipChallenge: pulumi.secret(CHALLENGE) }))).ops[0].op).toBe("same");

    const moved = await s.driver.up(program({ destinationConf: OTHER_BUCKET }));
    expect(moved.ops.map((o) => o.op)).toEqual(["replace"]);
    expect(buckets(s)).toMatchObject([{ destination_conf: OTHER_BUCKET, status: "pending" }]);

    await s.driver.destroy();
    expect(s.emulator.store.countAll()).toBe(0);
  });

  it("retries a refused validation on the next apply without adding the bucket again", async () => {
    const failed = await failure(s.driver.up(program({ ownershipChallenge: pulumi.secret("ownership-challenge-wrong.txt") })));
    expect(failed.message).toMatch(/ownership_challenge does not match/);
    const id = buckets(s)[0].id;
    const fixed = await s.driver.up(program({ ownershipChallenge: pulumi.secret(CHALLENGE) }));
    expect(fixed.ops).toMatchObject([{ op: "update", id }]);
    expect(buckets(s)).toMatchObject([{ id, status: "success" }]);
  });

  it("refresh shows drift made behind our back, the next apply puts it back, and a removed bucket is added again", async () => {
    const first = await s.driver.up(program());
    const id = first.ops[0].id!;
    s.emulator.store.patch(ACCOUNT, "pcaps_ownership", id, { destination_conf: OTHER_BUCKET });
    const refreshed = await s.driver.refresh();
    expect(refreshed[0].changedKeys).toContain("destinationConf");
    expect((await s.driver.up(program())).ops.map((o) => o.op)).toEqual(["replace"]);
    expect(buckets(s)).toMatchObject([{ destination_conf: BUCKET }]);

    s.emulator.store.clear();
    expect(await s.driver.refresh()).toMatchObject([{ op: "delete" }]);
    expect((await s.driver.up(program())).ops.map((o) => o.op)).toEqual(["create"]);
    expect(buckets(s)).toHaveLength(1);
  });

  it("keeps the challenge a secret and the token out of state, errors and logs", async () => {
    await s.driver.up(program({ ownershipChallenge: CHALLENGE }));
    const entry = [...s.driver.state.values()][0];
    expect(entry.secretKeys).toContain("ownershipChallenge");
    expect(entry.outputs.ownershipChallenge).toBe(CHALLENGE);
    await s.host.create(URN, inputs()).catch(() => undefined);
    expect(s.everythingWritten()).not.toContain(TOKEN);
    expect(s.emulator.stats.requests.every((r) => !JSON.stringify(r).includes(TOKEN))).toBe(true);
  });

  it("adopts an existing bucket with the import resource option, then manages it with no diff", async () => {
    const existing = await s.host.create(URN, inputs());
    const imported = await s.driver.up(() => {
      new magic.PcapBucketOwnership("bucket", { destinationConf: BUCKET }, { import: existing.id });
    });
    expect(imported.ops).toMatchObject([{ op: "import", id: existing.id }]);
    expect((await s.driver.up(program())).ops.map((o) => o.op)).toEqual(["same"]);
    expect(buckets(s)).toHaveLength(1);
  });
});
