import { defineResource, type PathContext } from "../../framework/define";
import { anyUnknown } from "../../framework/check";
import { path } from "../../client";
import { ipAddress, z } from "../common/fields";
import { PCAP_PERMISSION, bucketUri } from "./pcap-bucket-ownership";

const port = () => z.number().int().min(0).max(65535);

/** "RFC 3339 offset timestamp". The "within the last 24h" rule is left to the API: it depends on when it runs. */
const rfc3339 = () =>
  z.string().refine((s) => /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/i.test(s) && !Number.isNaN(Date.parse(s)), {
    message: "must be an RFC 3339 timestamp such as 2026-01-01T08:00:00Z",
  });

/** Fields that "only apply to `full` packet captures". */
const FULL_ONLY = ["coloName", "destinationConf", "byteLimit"] as const;

/** A full capture still collecting packets: destroying the resource stops it. */
const COLLECTING = new Set(["pending", "running"]);

const item = ({ accountId }: PathContext, id: string) => path`/accounts/${accountId}/pcaps/${id}`;

/** A packet capture request: Cloudflare API "Magic Transit > PCAPs". */
export const definition = defineResource({
  token: "magic:PacketCapture",
  kind: "PacketCapture",
  // Limits from Cloudflare's packet capture guide and the API schema: "time_limit: The minimum value
  // is 1 seconds and maximum value is 300 seconds. packet_limit: ... 1 packet and maximum value is
  // 10000 packets. byte_limit: ... 1 byte and maximum value is 1000000000 bytes."
  inputs: z.strictObject({
    type: z.enum(["simple", "full"]),
    system: z.literal("magic-transit"),
    timeLimit: z.number().min(1).max(300),
    packetLimit: z.number().int().min(1).max(10000).optional(),
    byteLimit: z.number().int().min(1).max(1_000_000_000).optional(),
    coloName: z.string().min(1).optional(),
    destinationConf: bucketUri().optional(),
    filterV1: z
      .strictObject({
        destinationAddress: ipAddress().optional(),
        destinationPort: port().optional(),
        protocol: z.number().int().min(0).max(255).optional(),
        sourceAddress: ipAddress().optional(),
        sourcePort: port().optional(),
      })
      .optional(),
    offsetTime: rfc3339().optional(),
  }),
  // The two request bodies of the spec: simple {packet_limit, offset_time?} and full {colo_name, destination_conf, byte_limit?}.
  rules: (inputs) => {
    const { type } = inputs;
    if (type === undefined || anyUnknown(type)) return [];
    const failures: Array<[string, string]> = [];
    if (type === "simple") {
      if (inputs.packetLimit === undefined) failures.push(["packetLimit", "is required for a simple packet capture"]);
      for (const k of FULL_ONLY) if (inputs[k] !== undefined) failures.push([k, 'only applies to full packet captures (type is "simple")']);
    } else if (type === "full") {
      if (inputs.coloName === undefined) failures.push(["coloName", "is required for a full packet capture (a colo such as ord02, or a multi-colo name such as ORD)"]);
      if (inputs.destinationConf === undefined) failures.push(["destinationConf", "is required for a full packet capture (the URI of a bucket added with PcapBucketOwnership)"]);
      if (inputs.offsetTime !== undefined) failures.push(["offsetTime", 'only applies to simple packet captures (type is "full")']);
    }
    return failures;
  },
  api: {
    envelope: "v4",
    collection: ({ accountId }) => path`/accounts/${accountId}/pcaps`,
    item,
    wrappers: {},
    // No update endpoint: every change starts a new capture.
    permission: PCAP_PERMISSION,
  },
  // The API never echoes packet_limit.
  neverReadBack: ["packetLimit"],
  // There is no DELETE: a simple capture ends by itself; a full one still collecting is stopped.
  remove: async (op, id, props) => {
    if (props.type !== "full") return;
    const live = await op.request<Record<string, unknown>>({ method: "GET", path: item(op.ctx, id) });
    if (!COLLECTING.has(String(live?.status))) return;
    // The spec documents no answer body for stop, so the answer is not decoded.
    await op.api.requestRaw({ method: "PUT", path: `${item(op.ctx, id)}/stop`, label: op.label, permission: PCAP_PERMISSION });
  },
});
