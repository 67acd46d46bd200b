import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { ownershipChallengeFile } from "../../emulator/resources/pcaps";
import { downloadPcap, getPcap, getPcapBucketOwnerships, getPcaps } from "../../sdk";
import { failure } from "../failure";
import { ACCOUNT } from "../resources/stack";
import { lookupEmulator } from "./lookup-env";

const OTHER = "fedcba9876543210fedcba9876543210";
const BUCKET = "s3://pcaps-bucket?region=us-east-1";

const emulator = lookupEmulator();
beforeEach(() => {
  emulator().store.clear();
  emulator().configure({ pcapTiming: { pendingMs: 0, simpleRunMs: 0 } });
});

function insertSimple(extra: Record<string, unknown> = {}) {
  return emulator().store.insert(ACCOUNT, "pcaps", {
    type: "simple",
    system: "magic-transit",
    time_limit: 300,
    packet_limit: 100,
    status: "pending",
    submitted: new Date().toISOString(),
    offset_time: "2026-11-22T00:00:00Z",
    filter_v1: { destination_address: "198.51.100.9", destination_port: 53, protocol: 17 },
    ...extra,
  });
}

test("getPcaps and getPcap report captures in camelCase with their current status", async () => {
  const stored = insertSimple();
  const pcaps = await getPcaps();
  expect(pcaps).toEqual([
    {
      id: stored.id,
      type: "simple",
      system: "magic-transit",
      timeLimit: 300,
      status: "success",
      submitted: stored.submitted,
      offsetTime: "2026-11-22T00:00:00Z",
      filterV1: { destinationAddress: "198.51.100.9", destinationPort: 53, protocol: 17 },
      accountId: ACCOUNT,
    },
  ]);
  expect(await getPcap(stored.id)).toMatchObject({ id: stored.id, status: "success", timeLimit: 300 });
  expect(await getPcaps({ accountId: OTHER })).toEqual([]);
  const err = await failure(getPcap("00000000000000000000000000000000"));
  expect(err.message).toMatch(/^get PacketCapture '0{32}': Cloudflare 1004: PCAP not found \(HTTP 404/);
});

test("getPcapBucketOwnerships lists the registered buckets", async () => {
  const stored = emulator().store.insert(ACCOUNT, "pcaps_ownership", {
    destination_conf: BUCKET,
    filename: ownershipChallengeFile(ACCOUNT, BUCKET),
    status: "success",
    submitted: "2026-11-22T00:00:00Z",
    validated: "2026-11-22T00:01:00Z",
  });
  expect(await getPcapBucketOwnerships()).toEqual([
    {
      id: stored.id,
      destinationConf: BUCKET,
      filename: ownershipChallengeFile(ACCOUNT, BUCKET),
      status: "success",
      submitted: "2026-11-22T00:00:00Z",
      validated: "2026-11-22T00:01:00Z",
      accountId: ACCOUNT,
    },
  ]);
});

describe("downloadPcap", () => {
  test("returns a finished simple capture as base64 with its content type", async () => {
    const { id } = insertSimple();
    const got = await downloadPcap(id);
    expect(got.contentType).toBe("application/vnd.tcpdump.pcap");
    const file = Buffer.from(got.base64, "base64");
    expect(file.readUInt32LE(0)).toBe(0xa1b2c3d4);
    expect(file.length).toBeGreaterThan(24 + 16 + 14 + 20);
    const request = emulator().stats.requests.at(-1)!;
    expect(request).toMatchObject({ method: "GET", url: `/client/v4/accounts/${ACCOUNT}/pcaps/${id}/download`, status: 200 });
    expect(request.headers.accept).toContain("application/vnd.tcpdump.pcap");
  });

  test("writes the file to the path given and reports its size", async () => {
    const { id } = insertSimple();
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "pcap-"));
    try {
      const target = path.join(dir, "capture.pcap");
      const got = await downloadPcap(id, { path: target });
      expect(got).toEqual({ contentType: "application/vnd.tcpdump.pcap", path: target, bytes: fs.statSync(target).size });
      expect(fs.readFileSync(target).readUInt32LE(0)).toBe(0xa1b2c3d4);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  test("fails with a sentence naming the capture when it is unknown or not ready", async () => {
    const missing = await failure(downloadPcap("00000000000000000000000000000000"));
    expect(missing.message).toMatch(/^download PCAP '0{32}': Cloudflare 1004: PCAP not found/);
    emulator().configure({ pcapTiming: { pendingMs: 60_000 } });
    const { id } = insertSimple();
    const early = await failure(downloadPcap(id));
    expect(early.message).toContain(`download PCAP '${id}': Cloudflare 1005: The packet capture is not ready to download (status pending)`);
  });
});
