import { defineResource, type PathContext } from "../../framework/define";
import { anyUnknown } from "../../framework/check";
import { path } from "../../client";
import { ipAddress, z } from "../common/fields";
import { PCAP_PERMISSION, bucketUri } from "./pcap-bucket-ownership";

const port = () => z.number().int().min(0).max(65535);

/** "RFC 3339 offset timestamp". The "within the last 24h" rule is left to the API: it depends on when it runs. */
const rfc3339 = () =>
  z.string().refine((s) => /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/i.test(s) && !Number.isNaN(Date.parse(s)), {
    error: "must be an RFC 3339 timestamp such as 2026-01-01T08:00:00Z",
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
    type: z.enum(["simple", "full"]).meta({
      description:
        '`"simple"` captures sampled packets (download them with `downloadPcap`); `"full"` captures entire payloads and non-sampled packets into a bucket (`coloName` and `destinationConf` required).',
    }),
    system: z.literal("magic-transit").meta({ description: 'The system used to collect packet captures: `"magic-transit"`.' }),
    timeLimit: z.number().min(1).max(300).meta({ description: "The packet capture duration in seconds (1-300)." }),
    packetLimit: z
      .number()
      .int()
      .min(1)
      .max(10000)
      .optional()
      // The API never echoes packet_limit: kept as given, and not in what lookups list.
      .meta({
        description: "The limit of packets contained in a packet capture (1-10000). Required for simple captures.",
        listed: false,
        neverReadBack: true,
      }),
    byteLimit: z
      .number()
      .int()
      .min(1)
      .max(1_000_000_000)
      .optional()
      .meta({ description: "Full captures only: the maximum number of bytes to capture (1-1000000000)." }),
    coloName: z
      .string()
      .min(1)
      .optional()
      .meta({ description: "Full captures only (required): the data center, a specific colo (`ord02`) or a multi-colo name (`ORD`)." }),
    destinationConf: bucketUri().optional().meta({
      description:
        "Full captures only (required): the full URI of a bucket registered and validated with `PcapBucketOwnership`, e.g. `s3://pcaps-bucket?region=us-east-1`.",
    }),
    filterV1: z
      .strictObject({
        destinationAddress: ipAddress().optional().meta({ description: "The destination IP address of the packet." }),
        destinationPort: port().optional().meta({ description: "The destination port of the packet (0-65535)." }),
        protocol: z
          .number()
          .int()
          .min(0)
          .max(255)
          .optional()
          .meta({ description: "The protocol number of the packet (0-255, e.g. 6 for TCP, 17 for UDP)." }),
        sourceAddress: ipAddress().optional().meta({ description: "The source IP address of the packet." }),
        sourcePort: port().optional().meta({ description: "The source port of the packet (0-65535)." }),
      })
      .meta({ args: "PcapFilterArgs", description: "Which packets a capture keeps. Leave it out to capture all packets." })
      .optional()
      .meta({ description: "The packet capture filter.", defaultDoc: "all packets are captured", alwaysSet: false }),
    offsetTime: rfc3339().optional().meta({
      description:
        "Simple captures only: the RFC 3339 timestamp from which to query backwards for packets; must be within the last 24h when the capture is created.",
      defaultDoc: "the time of the request",
      alwaysSet: false,
    }),
  }),
  outputs: z.object({
    filterV1: z
      .object({
        destinationAddress: z.string().optional(),
        destinationPort: z.number().optional(),
        protocol: z.number().optional(),
        sourceAddress: z.string().optional(),
        sourcePort: z.number().optional(),
      })
      .meta({ state: "PcapFilter", description: "A capture's filter as Cloudflare reports it (output)." })
      .optional()
      .meta({ description: "The packet capture filter." }),
    offsetTime: z
      .string()
      .optional()
      .meta({ description: "Simple captures: the offset timestamp (the time of the request when not given)." }),
    status: z
      .enum(["unknown", "success", "pending", "running", "conversion_pending", "conversion_running", "complete", "failed"])
      .meta({ name: "PcapStatus", description: "The status of a packet capture request (output only)." })
      .meta({ description: "The status of the capture when it was last read." }),
    submitted: z.string().meta({ description: "When the capture was created (RFC 3339)." }),
    packetsCaptured: z.number().optional().meta({ description: "Full captures: the number of packets captured so far." }),
    stopRequested: z.string().optional().meta({ description: "Full captures: when stopping was requested (RFC 3339)." }),
    errorMessage: z.string().optional().meta({ description: "Full captures: why the capture failed." }),
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
      if (inputs.coloName === undefined)
        failures.push(["coloName", "is required for a full packet capture (a colo such as ord02, or a multi-colo name such as ORD)"]);
      if (inputs.destinationConf === undefined)
        failures.push(["destinationConf", "is required for a full packet capture (the URI of a bucket added with PcapBucketOwnership)"]);
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
    // "Download Simple PCAP": the pcap file of a finished simple capture.
    endpoints: { download: (ctx, id) => `${item(ctx, String(id))}/download` },
  },
  lifecycle: {
    kind: "object",
    // There is no DELETE: a simple capture ends by itself; a full one still collecting is stopped.
    remove: async (op, id, props) => {
      if (props.type !== "full") return;
      const live = await op.request<Record<string, unknown>>({ method: "GET", path: item(op.ctx, id) });
      if (!COLLECTING.has(String(live?.status))) return;
      // The spec documents no answer body for stop, so the answer is not decoded.
      await op.api.requestRaw({ method: "PUT", path: `${item(op.ctx, id)}/stop`, label: op.label, permission: PCAP_PERMISSION });
    },
  },
});
