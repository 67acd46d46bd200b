/**
 * Packet captures (Cloudflare API "Magic Transit > PCAPs", Cloudflare API "Magic Transit > PCAPs > Download") and their buckets
 * (Cloudflare API "Magic Transit > PCAPs > Ownership"), under `/accounts/:account_id/pcaps`.
 *
 * A capture's status follows a clock instead of timers: each access works out where the capture
 * is now from `submitted` (and `stop_requested`) and records it. Simple captures go pending ->
 * running -> success; full ones pending -> running (for `time_limit` seconds, or until stopped) ->
 * conversion_pending -> conversion_running -> complete. Tests shorten the phases with the
 * `pcapTiming` switch (`startEmulator` / `emulator.configure`). A status the clock does not produce (set through `emulator.store`, e.g.
 * "failed") is left alone.
 *
 * Buckets: adding one "writes" an ownership challenge file into it, whose name the emulator
 * derives from the account and bucket URI (`ownershipChallengeFile`, which tests use to "read the
 * bucket"); the spec takes that file name as the `ownership_challenge` to validate with.
 */
import { createHash } from "node:crypto";
import { Codes, type Reply, badRequest, cfError, notFound, ok } from "../envelope";
import type { RequestContext, Router } from "../router";
import { type StoredObject, newId } from "../store";
import type { PcapTiming } from "../switches";
import {
  type Check,
  type JsonObject,
  type Rules,
  assertValid,
  integer,
  invalid,
  ipAddress,
  isPlainObject,
  notAllowed,
  oneOf,
  parseIPv4,
  requireObjectBody,
  string,
  validateFields,
} from "../validate";

const PCAPS = "pcaps";
const OWNERSHIPS = "pcaps_ownership";
const PCAPS_PATH = "/accounts/:account_id/pcaps";
const OWNERSHIP_PATH = `${PCAPS_PATH}/ownership`;
const PCAP_LABEL = "PCAP";
const OWNERSHIP_LABEL = "Bucket ownership";

/** The name of the ownership challenge file the emulator "writes" into a bucket when it is added. */
export function ownershipChallengeFile(accountId: string, destinationConf: string): string {
  return `ownership-challenge-${createHash("sha256").update(`${accountId}\n${destinationConf}`).digest("hex").slice(0, 32)}.txt`;
}

type Status = "unknown" | "success" | "pending" | "running" | "conversion_pending" | "conversion_running" | "complete" | "failed";

interface Filter {
  destination_address?: string;
  destination_port?: number;
  protocol?: number;
  source_address?: string;
  source_port?: number;
}

export interface Pcap extends StoredObject {
  type: "simple" | "full";
  system: "magic-transit";
  time_limit: number;
  status: Status;
  submitted: string;
  packet_limit?: number;
  byte_limit?: number;
  colo_name?: string;
  destination_conf?: string;
  filter_v1?: Filter;
  offset_time?: string;
  packets_captured?: number;
  stop_requested?: string;
  error_message?: string;
}

export interface Ownership extends StoredObject {
  destination_conf: string;
  filename: string;
  status: "pending" | "success" | "failed";
  submitted: string;
  validated?: string;
}

/** Fields of each response shape, in the spec's order (`PCAP` and `...ResponseFull`). */
const SIMPLE_FIELDS = ["id", "filter_v1", "offset_time", "status", "submitted", "system", "time_limit", "type"];
const FULL_FIELDS = [
  "id",
  "byte_limit",
  "colo_name",
  "destination_conf",
  "error_message",
  "filter_v1",
  "packets_captured",
  "status",
  "stop_requested",
  "submitted",
  "system",
  "time_limit",
  "type",
];

/** Statuses the clock moves; any other one was set deliberately and stays. */
const CLOCKED = new Set<Status>(["pending", "running", "conversion_pending", "conversion_running"]);

/** Packets per second a running full capture collects (so `packets_captured` grows visibly). */
const PACKETS_PER_SECOND = 100;

const DAY_MS = 24 * 60 * 60 * 1000;

// ---- validation ------------------------------------------------------------------------------------

/** "The full URI for the bucket": s3://<bucket>[/<dir>]?region=<region> (AWS) or gs://<bucket>[/<dir>] (GCP). */
const bucketUri: Check = (v, p) =>
  typeof v === "string" && /^(s3|gs):\/\/[a-z0-9][a-z0-9._-]*[a-z0-9](\/[^?#\s]*)?(\?[^#\s]*)?$/.test(v)
    ? undefined
    : invalid(p, "must be an AWS (s3://<bucket>?region=<region>) or Google Cloud (gs://<bucket>) bucket URI");

/** A number within a range (the spec says `number`, not integer). */
function numberIn(min: number, max: number): Check {
  return (v, p) =>
    typeof v === "number" && Number.isFinite(v) && v >= min && v <= max
      ? undefined
      : invalid(p, `must be a number between ${min} and ${max}`);
}

/** "The RFC 3339 offset timestamp ... Must be within the last 24h." */
function offsetTime(nowMs: number): Check {
  return (v, p) => {
    const ms = typeof v === "string" && /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/i.test(v) ? Date.parse(v) : NaN;
    if (Number.isNaN(ms)) return invalid(p, "must be an RFC 3339 timestamp");
    return ms <= nowMs && ms >= nowMs - DAY_MS ? undefined : invalid(p, "must be within the last 24h");
  };
}

const nonEmpty: Check = (v, p) => (typeof v === "string" && v !== "" ? undefined : invalid(p, "must be a non-empty string"));

const filterRules: Rules = {
  destination_address: { checks: [ipAddress] },
  destination_port: { checks: [integer({ min: 0, max: 65535 })] },
  protocol: { checks: [integer({ min: 0, max: 255 })] },
  source_address: { checks: [ipAddress] },
  source_port: { checks: [integer({ min: 0, max: 65535 })] },
};

/** The simple and full request bodies of the spec; the type picks which one applies. */
function pcapRules(type: unknown, nowMs: number): Rules {
  const common: Rules = {
    type: { required: true, checks: [oneOf("simple", "full")] },
    system: { required: true, checks: [oneOf("magic-transit")] },
    time_limit: { required: true, checks: [numberIn(1, 300)] },
    filter_v1: { fields: filterRules },
  };
  const fullOnly = notAllowed("this field only applies to full packet captures");
  if (type === "full") {
    return {
      ...common,
      colo_name: { required: true, checks: [nonEmpty] },
      destination_conf: { required: true, checks: [bucketUri] },
      byte_limit: { checks: [integer({ min: 1, max: 1_000_000_000 })] },
      packet_limit: { checks: [integer({ min: 1, max: 10000 })] },
      offset_time: { checks: [notAllowed("this field only applies to simple packet captures")] },
    };
  }
  return {
    ...common,
    packet_limit: { required: type === "simple", checks: [integer({ min: 1, max: 10000 })] },
    offset_time: { checks: [offsetTime(nowMs)] },
    colo_name: { checks: [fullOnly] },
    destination_conf: { checks: [fullOnly] },
    byte_limit: { checks: [fullOnly] },
  };
}

// ---- the clock ---------------------------------------------------------------------------------

/** Where a capture is at `nowMs` under `timing`, with its packet count. */
function progress(pcap: Pcap, nowMs: number, timing: PcapTiming): { status: Status; packets?: number } {
  const start = Date.parse(pcap.submitted);
  const runFrom = start + timing.pendingMs;
  if (pcap.type === "simple") {
    return { status: nowMs < runFrom ? "pending" : nowMs < runFrom + timing.simpleRunMs ? "running" : "success" };
  }
  const naturalEnd = runFrom + pcap.time_limit * timing.secondMs;
  const stopped = pcap.stop_requested === undefined ? Infinity : Date.parse(pcap.stop_requested);
  const end = Math.min(naturalEnd, stopped);
  const ranMs = Math.max(0, Math.min(nowMs, end) - runFrom);
  const packets = Math.min(pcap.packet_limit ?? Infinity, Math.floor((ranMs / timing.secondMs) * PACKETS_PER_SECOND) || 0);
  const status: Status =
    nowMs < Math.min(runFrom, end)
      ? "pending"
      : nowMs < end
        ? "running"
        : nowMs < end + timing.conversionMs
          ? "conversion_pending"
          : nowMs < end + 2 * timing.conversionMs
            ? "conversion_running"
            : "complete";
  return { status, packets };
}

/** Moves a stored capture along the clock and records where it is. */
function advance(ctx: RequestContext, pcap: Pcap): Pcap {
  if (!CLOCKED.has(pcap.status)) return pcap;
  const { status, packets } = progress(pcap, Date.parse(ctx.now), ctx.switches.pcapTiming);
  if (status === pcap.status && packets === pcap.packets_captured) return pcap;
  return ctx.store.patch<Pcap>(ctx.params.account_id, PCAPS, pcap.id, { status, packets_captured: packets }) ?? pcap;
}

function render(pcap: Pcap): JsonObject {
  const fields = pcap.type === "full" ? FULL_FIELDS : SIMPLE_FIELDS;
  return Object.fromEntries(fields.filter((k) => pcap[k] !== undefined).map((k) => [k, pcap[k]]));
}

/** A v4 list answer with the `result_info` the spec shows (one page holds everything). */
function listReply(items: unknown[]): Reply {
  const reply = ok(items);
  const info = { count: items.length, page: 1, per_page: Math.max(items.length, 20), total_count: items.length };
  return { ...reply, body: { ...(reply.body as JsonObject), result_info: info } };
}

function findPcap(ctx: RequestContext): Pcap {
  const pcap = ctx.store.get<Pcap>(ctx.params.account_id, PCAPS, ctx.params.pcap_id);
  if (!pcap) throw notFound(PCAP_LABEL);
  return advance(ctx, pcap);
}

// ---- captures ----------------------------------------------------------------------------------

function listPcaps(ctx: RequestContext) {
  return listReply(ctx.store.list<Pcap>(ctx.params.account_id, PCAPS).map((p) => render(advance(ctx, p))));
}

function getPcap(ctx: RequestContext) {
  return ok(render(findPcap(ctx)));
}

function createPcap(ctx: RequestContext) {
  const account = ctx.params.account_id;
  const body = requireObjectBody(ctx.body);
  const nowMs = Date.parse(ctx.now);
  assertValid(validateFields(body, pcapRules(body.type, nowMs)));
  const type = body.type as Pcap["type"];
  if (type === "full") {
    const bucket = ctx.store.list<Ownership>(account, OWNERSHIPS).find((o) => o.destination_conf === body.destination_conf);
    if (bucket?.status !== "success") {
      throw badRequest([invalid("/destination_conf", "must be a bucket added with POST /pcaps/ownership and validated")]);
    }
    // Cloudflare allows "one running or pending full PCAP at a time".
    const busy = ctx.store
      .list<Pcap>(account, PCAPS)
      .map((p) => advance(ctx, p))
      .find((p) => p.type === "full" && (p.status === "pending" || p.status === "running"));
    if (busy)
      throw badRequest([
        cfError(Codes.DUPLICATE, `Full packet capture ${busy.id} is still ${busy.status}; only one full packet capture may run at a time`),
      ]);
  }
  const filter = isPlainObject(body.filter_v1)
    ? (Object.fromEntries(Object.entries(body.filter_v1).filter(([k, v]) => k in filterRules && v !== null)) as Filter)
    : undefined;
  const pcap: Pcap = {
    id: newId(),
    type,
    system: "magic-transit",
    time_limit: body.time_limit as number,
    status: "pending",
    submitted: ctx.now,
    packet_limit: (body.packet_limit ?? undefined) as number | undefined,
    filter_v1: filter,
    ...(type === "full"
      ? {
          byte_limit: (body.byte_limit ?? undefined) as number | undefined,
          colo_name: body.colo_name as string,
          destination_conf: body.destination_conf as string,
          packets_captured: 0,
        }
      : // "When this field is empty, defaults to time of request."
        { offset_time: (body.offset_time ?? ctx.now) as string }),
  };
  return ok(render(ctx.store.insert(account, PCAPS, pcap)));
}

/** Stop full PCAP. Stopping a capture that is no longer collecting is refused. */
function stopPcap(ctx: RequestContext) {
  const pcap = findPcap(ctx);
  if (pcap.type !== "full") throw badRequest([cfError(Codes.INVALID_VALUE, "Only full packet captures can be stopped")]);
  if (pcap.status !== "pending" && pcap.status !== "running") {
    throw badRequest([cfError(Codes.INVALID_VALUE, `The packet capture is not running (status ${pcap.status})`)]);
  }
  const stopped = ctx.store.patch<Pcap>(ctx.params.account_id, PCAPS, pcap.id, { stop_requested: ctx.now });
  if (stopped) advance(ctx, stopped);
  return ok(null);
}

/** "Download Simple PCAP ... Response is a binary PCAP file." */
function downloadPcap(ctx: RequestContext): Reply {
  const pcap = findPcap(ctx);
  if (pcap.type !== "simple") {
    throw badRequest([
      cfError(Codes.INVALID_VALUE, `Only simple packet captures can be downloaded; full captures are written to ${pcap.destination_conf}`),
    ]);
  }
  if (pcap.status !== "success") {
    throw badRequest([cfError(Codes.INVALID_VALUE, `The packet capture is not ready to download (status ${pcap.status})`)]);
  }
  return {
    status: 200,
    body: pcapFile(pcap),
    headers: { "content-type": "application/vnd.tcpdump.pcap", "content-disposition": `attachment; filename="${pcap.id}.pcap"` },
  };
}

// ---- the pcap file -----------------------------------------------------------------------------

/**
 * A classic libpcap file (little-endian, microsecond timestamps, Ethernet link type) holding one
 * IPv4 packet that matches the capture's filter where it names IPv4 addresses, ports and TCP/UDP.
 */
function pcapFile(pcap: Pcap): Buffer {
  const f = pcap.filter_v1 ?? {};
  const v4 = (a: string | undefined, fallback: string) => (a !== undefined && parseIPv4(a) !== undefined ? a : fallback);
  const tcp = f.protocol === 6;
  const payload = Buffer.from("cloudflare-magic emulator");
  const l4 = Buffer.alloc(tcp ? 20 : 8);
  l4.writeUInt16BE(f.source_port ?? 40000, 0);
  l4.writeUInt16BE(f.destination_port ?? 80, 2);
  if (tcp) {
    l4.writeUInt8(5 << 4, 12); // data offset: 5 words
    l4.writeUInt8(0x18, 13); // PSH, ACK
    l4.writeUInt16BE(65535, 14); // window
  } else {
    l4.writeUInt16BE(8 + payload.length, 4);
  }
  const ip = Buffer.alloc(20);
  ip.writeUInt8(0x45, 0);
  ip.writeUInt16BE(20 + l4.length + payload.length, 2);
  ip.writeUInt8(64, 8); // TTL
  ip.writeUInt8(tcp ? 6 : 17, 9);
  ip.writeUInt32BE(parseIPv4(v4(f.source_address, "192.0.2.10"))!, 12);
  ip.writeUInt32BE(parseIPv4(v4(f.destination_address, "198.51.100.20"))!, 16);
  ip.writeUInt16BE(ipChecksum(ip), 10);
  const ethernet = Buffer.from([0x02, 0, 0, 0, 0, 0x02, 0x02, 0, 0, 0, 0, 0x01, 0x08, 0x00]);
  const frame = Buffer.concat([ethernet, ip, l4, payload]);

  const header = Buffer.alloc(24);
  header.writeUInt32LE(0xa1b2c3d4, 0);
  header.writeUInt16LE(2, 4);
  header.writeUInt16LE(4, 6);
  header.writeUInt32LE(65535, 16); // snaplen
  header.writeUInt32LE(1, 20); // LINKTYPE_ETHERNET
  const record = Buffer.alloc(16);
  const ms = Date.parse(pcap.offset_time ?? pcap.submitted);
  record.writeUInt32LE(Math.floor(ms / 1000), 0);
  record.writeUInt32LE((ms % 1000) * 1000, 4);
  record.writeUInt32LE(frame.length, 8);
  record.writeUInt32LE(frame.length, 12);
  return Buffer.concat([header, record, frame]);
}

function ipChecksum(header: Buffer): number {
  let sum = 0;
  for (let i = 0; i < header.length; i += 2) sum += header.readUInt16BE(i);
  while (sum > 0xffff) sum = (sum & 0xffff) + (sum >>> 16);
  return ~sum & 0xffff;
}

// ---- bucket ownership --------------------------------------------------------------------------

function listOwnerships(ctx: RequestContext) {
  return listReply(ctx.store.list<Ownership>(ctx.params.account_id, OWNERSHIPS));
}

function addOwnership(ctx: RequestContext) {
  const account = ctx.params.account_id;
  const body = requireObjectBody(ctx.body);
  assertValid(validateFields(body, { destination_conf: { required: true, checks: [bucketUri] } }));
  const conf = body.destination_conf as string;
  if (ctx.store.list<Ownership>(account, OWNERSHIPS).some((o) => o.destination_conf === conf)) {
    throw badRequest([cfError(Codes.DUPLICATE, `The bucket ${conf} is already added to the packet captures API`, "/destination_conf")]);
  }
  const ownership: Ownership = {
    id: newId(),
    destination_conf: conf,
    filename: ownershipChallengeFile(account, conf),
    status: "pending",
    submitted: ctx.now,
  };
  return ok(ctx.store.insert(account, OWNERSHIPS, ownership));
}

function deleteOwnership(ctx: RequestContext) {
  const account = ctx.params.account_id;
  if (!ctx.store.remove(account, OWNERSHIPS, ctx.params.ownership_id)) throw notFound(OWNERSHIP_LABEL);
  return ok(null);
}

function validateOwnership(ctx: RequestContext) {
  const account = ctx.params.account_id;
  const body = requireObjectBody(ctx.body);
  assertValid(
    validateFields(body, {
      destination_conf: { required: true, checks: [string] },
      ownership_challenge: { required: true, checks: [string] },
    }),
  );
  const ownership = ctx.store.list<Ownership>(account, OWNERSHIPS).find((o) => o.destination_conf === body.destination_conf);
  if (!ownership) throw notFound(OWNERSHIP_LABEL, "/destination_conf");
  if (body.ownership_challenge !== ownership.filename) {
    throw badRequest([invalid("/ownership_challenge", "does not match the ownership challenge stored in the bucket")]);
  }
  if (ownership.status === "success") return ok(ownership);
  return ok(ctx.store.patch<Ownership>(account, OWNERSHIPS, ownership.id, { status: "success", validated: ctx.now }));
}

export function register(router: Router): void {
  // Ownership routes first: `/pcaps/ownership` would otherwise match `/pcaps/:pcap_id`.
  router
    .get(OWNERSHIP_PATH, listOwnerships)
    .post(OWNERSHIP_PATH, addOwnership)
    .post(`${OWNERSHIP_PATH}/validate`, validateOwnership)
    .delete(`${OWNERSHIP_PATH}/:ownership_id`, deleteOwnership)
    .get(PCAPS_PATH, listPcaps)
    .post(PCAPS_PATH, createPcap)
    .get(`${PCAPS_PATH}/:pcap_id`, getPcap)
    .put(`${PCAPS_PATH}/:pcap_id/stop`, stopPcap)
    .get(`${PCAPS_PATH}/:pcap_id/download`, downloadPcap);
}
