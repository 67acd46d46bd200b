import type { Emulator } from "../../emulator";
import { ownershipChallengeFile } from "../../emulator/resources/pcaps";
import { ACCOUNT, OTHER_ACCOUNT, TOKEN, call, errorsOf, start } from "./helpers";

const PCAPS = `/accounts/${ACCOUNT}/pcaps`;
const OWNERSHIP = `${PCAPS}/ownership`;
const BUCKET = "s3://pcaps-bucket?region=us-east-1";
const HOUR = 60 * 60 * 1000;

const simple = (extra: Record<string, unknown> = {}) => ({
  type: "simple",
  system: "magic-transit",
  time_limit: 300,
  packet_limit: 10000,
  ...extra,
});
const full = (extra: Record<string, unknown> = {}) => ({
  type: "full",
  system: "magic-transit",
  time_limit: 60,
  colo_name: "ord02",
  destination_conf: BUCKET,
  ...extra,
});

let emulator: Emulator;
beforeEach(async () => {
  emulator = await start();
});
afterEach(async () => {
  await emulator.close();
});

async function ok(method: string, path: string, body?: unknown): Promise<any> {
  const res = await call(emulator, method, path, { body });
  if (res.status !== 200) throw new Error(`${method} ${path}: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.result;
}

async function validatedBucket(conf = BUCKET): Promise<any> {
  await ok("POST", OWNERSHIP, { destination_conf: conf });
  return ok("POST", `${OWNERSHIP}/validate`, { destination_conf: conf, ownership_challenge: ownershipChallengeFile(ACCOUNT, conf) });
}

async function download(path: string): Promise<{ status: number; contentType: string | null; body: Buffer }> {
  const res = await fetch(`${emulator.url}${path}`, { headers: { authorization: `Bearer ${TOKEN}` } });
  return { status: res.status, contentType: res.headers.get("content-type"), body: Buffer.from(await res.arrayBuffer()) };
}

describe("bucket ownership", () => {
  test("adding a bucket answers the Ownership with a pending challenge; the list carries result_info", async () => {
    const res = await call(emulator, "POST", OWNERSHIP, { body: { destination_conf: BUCKET } });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ success: true, errors: [], messages: [] });
    const added = res.body.result;
    expect(added).toEqual({
      id: expect.stringMatching(/^[0-9a-f]{32}$/),
      destination_conf: BUCKET,
      filename: ownershipChallengeFile(ACCOUNT, BUCKET),
      status: "pending",
      submitted: expect.any(String),
    });
    expect(added.filename).toMatch(/^ownership-challenge-[0-9a-f]{32}\.txt$/);
    const list = await call(emulator, "GET", OWNERSHIP);
    expect(list.body.result).toEqual([added]);
    expect(list.body.result_info).toEqual({ count: 1, page: 1, per_page: 20, total_count: 1 });
  });

  test("rejects a missing, malformed or already added bucket", async () => {
    expect(errorsOf(await call(emulator, "POST", OWNERSHIP, { body: {} }))).toEqual([{ code: 1002, pointer: "/destination_conf" }]);
    const bad = await call(emulator, "POST", OWNERSHIP, { body: { destination_conf: "https://example.com/bucket" } });
    expect(bad.status).toBe(400);
    expect(errorsOf(bad)).toEqual([{ code: 1005, pointer: "/destination_conf" }]);
    await ok("POST", OWNERSHIP, { destination_conf: BUCKET });
    const dup = await call(emulator, "POST", OWNERSHIP, { body: { destination_conf: BUCKET } });
    expect(dup.status).toBe(400);
    expect(errorsOf(dup)).toEqual([{ code: 1003, pointer: "/destination_conf" }]);
    // Google Cloud buckets and directories are fine.
    await ok("POST", OWNERSHIP, { destination_conf: "gs://pcaps-bucket/captures" });
  });

  test("validation succeeds only with the challenge stored in the bucket", async () => {
    const added = await ok("POST", OWNERSHIP, { destination_conf: BUCKET });
    const wrong = await call(emulator, "POST", `${OWNERSHIP}/validate`, {
      body: { destination_conf: BUCKET, ownership_challenge: "ownership-challenge-0.txt" },
    });
    expect(wrong.status).toBe(400);
    expect(errorsOf(wrong)).toEqual([{ code: 1005, pointer: "/ownership_challenge" }]);
    expect((await ok("GET", OWNERSHIP))[0].status).toBe("pending");

    const validated = await ok("POST", `${OWNERSHIP}/validate`, { destination_conf: BUCKET, ownership_challenge: added.filename });
    expect(validated).toEqual({ ...added, status: "success", validated: expect.any(String) });
    // Validating again changes nothing.
    expect(await ok("POST", `${OWNERSHIP}/validate`, { destination_conf: BUCKET, ownership_challenge: added.filename })).toEqual(validated);
  });

  test("validation needs both fields and a bucket that was added", async () => {
    expect(errorsOf(await call(emulator, "POST", `${OWNERSHIP}/validate`, { body: {} }))).toEqual([
      { code: 1002, pointer: "/destination_conf" },
      { code: 1002, pointer: "/ownership_challenge" },
    ]);
    const missing = await call(emulator, "POST", `${OWNERSHIP}/validate`, { body: { destination_conf: BUCKET, ownership_challenge: "x" } });
    expect(missing.status).toBe(404);
    expect(errorsOf(missing)).toEqual([{ code: 1004, pointer: "/destination_conf" }]);
  });

  test("deleting removes the bucket; an unknown id is a 404", async () => {
    const added = await ok("POST", OWNERSHIP, { destination_conf: BUCKET });
    const res = await call(emulator, "DELETE", `${OWNERSHIP}/${added.id}`);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ success: true, result: null });
    expect(await ok("GET", OWNERSHIP)).toEqual([]);
    const again = await call(emulator, "DELETE", `${OWNERSHIP}/${added.id}`);
    expect(again.status).toBe(404);
    expect(errorsOf(again)).toEqual([{ code: 1004, pointer: undefined }]);
    // There is no single GET of an ownership.
    expect((await call(emulator, "GET", `${OWNERSHIP}/${added.id}`)).status).toBe(405);
  });
});

describe("simple captures", () => {
  test("create answers the PCAP shape, with offset_time defaulting to the time of the request", async () => {
    emulator.configure({ pcapTiming: { pendingMs: HOUR } });
    const res = await call(emulator, "POST", PCAPS, {
      body: simple({ filter_v1: { destination_address: "1.2.3.4", destination_port: 80, protocol: 6 } }),
    });
    expect(res.status).toBe(200);
    const created = res.body.result;
    expect(created).toEqual({
      id: expect.stringMatching(/^[0-9a-f]{32}$/),
      filter_v1: { destination_address: "1.2.3.4", destination_port: 80, protocol: 6 },
      offset_time: created.submitted,
      status: "pending",
      submitted: expect.any(String),
      system: "magic-transit",
      time_limit: 300,
      type: "simple",
    });
    expect(await ok("GET", `${PCAPS}/${created.id}`)).toEqual(created);
    const list = await call(emulator, "GET", PCAPS);
    expect(list.body.result).toEqual([created]);
    expect(list.body.result_info).toMatchObject({ count: 1, total_count: 1 });
  });

  test("goes pending -> running -> success as time passes", async () => {
    emulator.configure({ pcapTiming: { pendingMs: HOUR } });
    const { id } = await ok("POST", PCAPS, simple());
    expect((await ok("GET", `${PCAPS}/${id}`)).status).toBe("pending");
    emulator.configure({ pcapTiming: { pendingMs: 0, simpleRunMs: HOUR } });
    expect((await ok("GET", `${PCAPS}/${id}`)).status).toBe("running");
    emulator.configure({ pcapTiming: { pendingMs: 0, simpleRunMs: 0 } });
    expect((await ok("GET", PCAPS))[0].status).toBe("success");
    expect(emulator.store.get(ACCOUNT, "pcaps", id)!.status).toBe("success");
  });

  test("keeps a given offset_time and refuses one outside the last 24h", async () => {
    const recent = new Date(Date.now() - HOUR).toISOString();
    expect((await ok("POST", PCAPS, simple({ offset_time: recent }))).offset_time).toBe(recent);
    for (const offset of ["2020-01-01T08:00:00Z", new Date(Date.now() + HOUR).toISOString(), "yesterday"]) {
      const res = await call(emulator, "POST", PCAPS, { body: simple({ offset_time: offset }) });
      expect(errorsOf(res)).toEqual([{ code: 1005, pointer: "/offset_time" }]);
    }
  });

  test.each([
    [
      { type: undefined, system: undefined, time_limit: undefined },
      [
        [1002, "/type"],
        [1002, "/system"],
        [1002, "/time_limit"],
      ],
    ],
    [{ type: "sampled" }, [[1005, "/type"]]],
    [{ system: "magic-wan" }, [[1005, "/system"]]],
    [{ time_limit: 0 }, [[1005, "/time_limit"]]],
    [{ time_limit: 301 }, [[1005, "/time_limit"]]],
    [{ packet_limit: undefined }, [[1002, "/packet_limit"]]],
    [{ packet_limit: 10001 }, [[1005, "/packet_limit"]]],
    [
      { colo_name: "ord02", byte_limit: 10 },
      [
        [1006, "/colo_name"],
        [1006, "/byte_limit"],
      ],
    ],
    [{ destination_conf: BUCKET }, [[1006, "/destination_conf"]]],
    [
      { filter_v1: { destination_port: 70000, protocol: 256, source_address: "1.2.3" } },
      [
        [1005, "/filter_v1/destination_port"],
        [1005, "/filter_v1/protocol"],
        [1005, "/filter_v1/source_address"],
      ],
    ],
    [{ filter_v1: "tcp" }, [[1005, "/filter_v1"]]],
  ])("rejects %j with every error and its pointer", async (override, expected) => {
    const res = await call(emulator, "POST", PCAPS, { body: simple(override) });
    expect(res.status).toBe(400);
    expect(errorsOf(res)).toEqual(expected.map(([code, pointer]) => ({ code, pointer })));
    expect(emulator.store.countAll()).toBe(0);
  });

  test("a finished capture downloads as a pcap file holding a packet that matches the filter", async () => {
    emulator.configure({ pcapTiming: { pendingMs: 0, simpleRunMs: 0 } });
    const filter = {
      source_address: "203.0.113.7",
      destination_address: "198.51.100.9",
      source_port: 5555,
      destination_port: 443,
      protocol: 6,
    };
    const { id } = await ok("POST", PCAPS, simple({ filter_v1: filter }));
    const file = await download(`${PCAPS}/${id}/download`);
    expect(file.status).toBe(200);
    expect(file.contentType).toBe("application/vnd.tcpdump.pcap");
    const b = file.body;
    // libpcap global header: magic, version 2.4, Ethernet link type.
    expect(b.readUInt32LE(0)).toBe(0xa1b2c3d4);
    expect([b.readUInt16LE(4), b.readUInt16LE(6), b.readUInt32LE(20)]).toEqual([2, 4, 1]);
    const length = b.readUInt32LE(24 + 8);
    expect(b.length).toBe(24 + 16 + length);
    const ip = b.subarray(24 + 16 + 14);
    expect(ip[0]).toBe(0x45);
    expect(ip[9]).toBe(6);
    expect([...ip.subarray(12, 16)].join(".")).toBe("203.0.113.7");
    expect([...ip.subarray(16, 20)].join(".")).toBe("198.51.100.9");
    expect([ip.readUInt16BE(20), ip.readUInt16BE(22)]).toEqual([5555, 443]);
  });

  test("refuses to download a capture that has not finished, or a full one", async () => {
    emulator.configure({ pcapTiming: { pendingMs: HOUR } });
    const { id } = await ok("POST", PCAPS, simple());
    const early = await call(emulator, "GET", `${PCAPS}/${id}/download`);
    expect(early.status).toBe(400);
    expect(early.body.errors[0]).toMatchObject({ code: 1005, message: expect.stringContaining("status pending") });
    expect((await call(emulator, "PUT", `${PCAPS}/${id}/stop`)).status).toBe(400);
  });
});

describe("full captures", () => {
  test("need a validated bucket, a colo and no offset_time", async () => {
    expect(
      errorsOf(
        await call(emulator, "POST", PCAPS, {
          body: full({ colo_name: undefined, destination_conf: undefined, offset_time: "2026-01-01T00:00:00Z" }),
        }),
      ),
    ).toEqual([
      { code: 1002, pointer: "/colo_name" },
      { code: 1002, pointer: "/destination_conf" },
      { code: 1006, pointer: "/offset_time" },
    ]);
    expect(errorsOf(await call(emulator, "POST", PCAPS, { body: full({ byte_limit: 0 }) }))).toEqual([
      { code: 1005, pointer: "/byte_limit" },
    ]);
    expect(errorsOf(await call(emulator, "POST", PCAPS, { body: full() }))).toEqual([{ code: 1005, pointer: "/destination_conf" }]);
    await ok("POST", OWNERSHIP, { destination_conf: BUCKET });
    expect(errorsOf(await call(emulator, "POST", PCAPS, { body: full() }))).toEqual([{ code: 1005, pointer: "/destination_conf" }]);
    await ok("POST", `${OWNERSHIP}/validate`, { destination_conf: BUCKET, ownership_challenge: ownershipChallengeFile(ACCOUNT, BUCKET) });
    expect((await call(emulator, "POST", PCAPS, { body: full() })).status).toBe(200);
  });

  test("run until stopped, one at a time, then convert and complete", async () => {
    await validatedBucket();
    emulator.configure({ pcapTiming: { pendingMs: 0, secondMs: HOUR, conversionMs: HOUR } });
    const created = await ok("POST", PCAPS, full({ byte_limit: 1000000, packet_limit: 500 }));
    expect(created).toEqual({
      id: expect.stringMatching(/^[0-9a-f]{32}$/),
      byte_limit: 1000000,
      colo_name: "ord02",
      destination_conf: BUCKET,
      packets_captured: 0,
      status: "pending",
      submitted: expect.any(String),
      system: "magic-transit",
      time_limit: 60,
      type: "full",
    });
    // Every capture is answered as submitted (pending); the clock moves it on from there.
    expect((await ok("GET", `${PCAPS}/${created.id}`)).status).toBe("running");
    const second = await call(emulator, "POST", PCAPS, { body: full() });
    expect(second.status).toBe(400);
    expect(second.body.errors[0]).toMatchObject({ code: 1003, message: expect.stringContaining(created.id) });

    const stop = await call(emulator, "PUT", `${PCAPS}/${created.id}/stop`);
    expect(stop.status).toBe(200);
    expect(stop.body).toMatchObject({ success: true, result: null });
    const stopped = await ok("GET", `${PCAPS}/${created.id}`);
    expect(stopped).toMatchObject({ status: "conversion_pending", stop_requested: expect.any(String) });
    expect((await call(emulator, "PUT", `${PCAPS}/${created.id}/stop`)).status).toBe(400);
    // Another full capture may start now.
    expect((await call(emulator, "POST", PCAPS, { body: full() })).status).toBe(200);
    emulator.configure({ pcapTiming: { pendingMs: 0, secondMs: HOUR, conversionMs: 0 } });
    expect((await ok("GET", `${PCAPS}/${created.id}`)).status).toBe("complete");

    const res = await call(emulator, "GET", `${PCAPS}/${created.id}/download`);
    expect(res.status).toBe(400);
    expect(res.body.errors[0].message).toContain("full captures are written to s3://pcaps-bucket");
  });

  test("count packets while running, up to packet_limit, and end after time_limit", async () => {
    await validatedBucket();
    emulator.configure({ pcapTiming: { pendingMs: 0, secondMs: 10, conversionMs: 0 } });
    const { id } = await ok("POST", PCAPS, full({ time_limit: 1, packet_limit: 50 }));
    await new Promise((r) => setTimeout(r, 30));
    expect(await ok("GET", `${PCAPS}/${id}`)).toMatchObject({ status: "complete", packets_captured: 50 });
  });

  test("a status set behind the clock's back (failed) stays", async () => {
    await validatedBucket();
    emulator.configure({ pcapTiming: { pendingMs: 0, secondMs: HOUR } });
    const { id } = await ok("POST", PCAPS, full());
    emulator.store.patch(ACCOUNT, "pcaps", id, { status: "failed", error_message: "bucket unreachable" });
    expect(await ok("GET", `${PCAPS}/${id}`)).toMatchObject({ status: "failed", error_message: "bucket unreachable" });
  });
});

describe("unknown ids and accounts", () => {
  test.each([
    ["GET", "/00000000000000000000000000000000"],
    ["PUT", "/00000000000000000000000000000000/stop"],
    ["GET", "/00000000000000000000000000000000/download"],
  ])("%s %s is a 404 with code 1004", async (method, suffix) => {
    const res = await call(emulator, method, `${PCAPS}${suffix}`);
    expect(res.status).toBe(404);
    expect(res.body.errors).toEqual([{ code: 1004, message: "PCAP not found" }]);
  });

  test("captures and buckets are partitioned by account", async () => {
    await ok("POST", PCAPS, simple());
    await ok("POST", OWNERSHIP, { destination_conf: BUCKET });
    expect((await call(emulator, "GET", `/accounts/${OTHER_ACCOUNT}/pcaps`)).body.result).toEqual([]);
    expect((await call(emulator, "GET", `/accounts/${OTHER_ACCOUNT}/pcaps/ownership`)).body.result).toEqual([]);
    // The challenge differs per account, so another account cannot reuse it.
    expect(ownershipChallengeFile(OTHER_ACCOUNT, BUCKET)).not.toBe(ownershipChallengeFile(ACCOUNT, BUCKET));
  });
});
