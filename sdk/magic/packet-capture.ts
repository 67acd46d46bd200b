import type * as pulumi from "@pulumi/pulumi";
import { AccountArgs, MagicResource } from "../resource";

/** Which packets a capture keeps. Leave it out to capture all packets. */
export interface PcapFilterArgs {
  /** The destination IP address of the packet. */
  destinationAddress?: pulumi.Input<string>;
  /** The destination port of the packet (0-65535). */
  destinationPort?: pulumi.Input<number>;
  /** The protocol number of the packet (0-255, e.g. 6 for TCP, 17 for UDP). */
  protocol?: pulumi.Input<number>;
  /** The source IP address of the packet. */
  sourceAddress?: pulumi.Input<string>;
  /** The source port of the packet (0-65535). */
  sourcePort?: pulumi.Input<number>;
}

/** A capture's filter as Cloudflare reports it (output). */
export interface PcapFilter {
  destinationAddress?: string;
  destinationPort?: number;
  protocol?: number;
  sourceAddress?: string;
  sourcePort?: number;
}

/** The status of a packet capture request (output only). */
export type PcapStatus = "unknown" | "success" | "pending" | "running" | "conversion_pending" | "conversion_running" | "complete" | "failed";

/** Arguments of a packet capture request (Cloudflare API "Magic Transit > PCAPs"). Every change starts a new capture. */
export interface PacketCaptureArgs extends AccountArgs {
  /**
   * `"simple"` captures sampled packets (download them with `downloadPcap`); `"full"` captures
   * entire payloads and non-sampled packets into a bucket (`coloName` and `destinationConf` required).
   */
  type: pulumi.Input<"simple" | "full">;
  /** The system used to collect packet captures: `"magic-transit"`. */
  system: pulumi.Input<"magic-transit">;
  /** The packet capture duration in seconds (1-300). */
  timeLimit: pulumi.Input<number>;
  /** The limit of packets contained in a packet capture (1-10000). Required for simple captures. */
  packetLimit?: pulumi.Input<number>;
  /** Full captures only: the maximum number of bytes to capture (1-1000000000). */
  byteLimit?: pulumi.Input<number>;
  /** Full captures only (required): the data center, a specific colo (`ord02`) or a multi-colo name (`ORD`). */
  coloName?: pulumi.Input<string>;
  /**
   * Full captures only (required): the full URI of a bucket registered and validated with
   * `PcapBucketOwnership`, e.g. `s3://pcaps-bucket?region=us-east-1`.
   */
  destinationConf?: pulumi.Input<string>;
  /** The packet capture filter. @default all packets are captured */
  filterV1?: pulumi.Input<PcapFilterArgs>;
  /**
   * Simple captures only: the RFC 3339 timestamp from which to query backwards for packets; must be
   * within the last 24h when the capture is created.
   * @default the time of the request
   */
  offsetTime?: pulumi.Input<string>;
}

const OUTPUTS = [
  "type", "system", "timeLimit", "packetLimit", "byteLimit", "coloName", "destinationConf", "filterV1", "offsetTime",
  "status", "submitted", "packetsCaptured", "stopRequested", "errorMessage",
] as const;

/**
 * A Magic Transit packet capture that exists while the stack holds it.
 *
 * Creating the resource starts the capture; the API cannot change one, so every change starts a
 * new capture (the old one is stopped first, since Cloudflare runs one full capture at a time —
 * unless you set `deleteBeforeReplace: false`). Destroying it stops a full capture that is still
 * pending or running; a simple capture ends by itself and stays listed by Cloudflare. `status`,
 * `packetsCaptured` and the other server fields are refreshed by `pulumi refresh` and never cause a diff.
 *
 * @example
 * ```ts
 * import * as magic from "pulumi-cloudflare-magic";
 *
 * const capture = new magic.PacketCapture("web-traffic", {
 *     type: "simple",
 *     system: "magic-transit",
 *     timeLimit: 300,
 *     packetLimit: 10000,
 *     filterV1: { destinationAddress: "203.0.113.10", destinationPort: 443, protocol: 6 },
 * });
 * export const captureId = capture.id;
 * export const captureStatus = capture.status;
 * ```
 */
export class PacketCapture extends MagicResource {
  declare readonly type: pulumi.Output<"simple" | "full">;
  declare readonly system: pulumi.Output<"magic-transit">;
  declare readonly timeLimit: pulumi.Output<number>;
  declare readonly packetLimit: pulumi.Output<number | undefined>;
  declare readonly byteLimit: pulumi.Output<number | undefined>;
  declare readonly coloName: pulumi.Output<string | undefined>;
  declare readonly destinationConf: pulumi.Output<string | undefined>;
  declare readonly filterV1: pulumi.Output<PcapFilter | undefined>;
  /** Simple captures: the offset timestamp (the time of the request when not given). */
  declare readonly offsetTime: pulumi.Output<string | undefined>;
  /** The status of the capture when it was last read. */
  declare readonly status: pulumi.Output<PcapStatus>;
  /** When the capture was created (RFC 3339). */
  declare readonly submitted: pulumi.Output<string>;
  /** Full captures: the number of packets captured so far. */
  declare readonly packetsCaptured: pulumi.Output<number | undefined>;
  /** Full captures: when stopping was requested (RFC 3339). */
  declare readonly stopRequested: pulumi.Output<string | undefined>;
  /** Full captures: why the capture failed. */
  declare readonly errorMessage: pulumi.Output<string | undefined>;

  constructor(name: string, args: PacketCaptureArgs, opts?: pulumi.CustomResourceOptions) {
    super("magic", "PacketCapture", name, args, OUTPUTS, { deleteBeforeReplace: true, ...opts });
  }
}
