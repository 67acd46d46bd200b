// generated from provider/resources/magic/packet-capture.ts: edit the definition, then run npm run generate
import type * as pulumi from "@pulumi/pulumi";
import { type AccountArgs, MagicResource } from "../../resource";
import type { PcapFilter, PcapFilterArgs, PcapStatus } from "./types";

/** Arguments of a {@link PacketCapture}. */
export interface PacketCaptureArgs extends AccountArgs {
  /**
   * `"simple"` captures sampled packets (download them with `downloadPcap`); `"full"` captures entire
   * payloads and non-sampled packets into a bucket (`coloName` and `destinationConf` required).
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
  /**
   * Full captures only (required): the data center, a specific colo (`ord02`) or a multi-colo name
   * (`ORD`).
   */
  coloName?: pulumi.Input<string>;
  /**
   * Full captures only (required): the full URI of a bucket registered and validated with
   * `PcapBucketOwnership`, e.g. `s3://pcaps-bucket?region=us-east-1`.
   */
  destinationConf?: pulumi.Input<string>;
  /**
   * The packet capture filter.
   * @default all packets are captured
   */
  filterV1?: pulumi.Input<PcapFilterArgs>;
  /**
   * Simple captures only: the RFC 3339 timestamp from which to query backwards for packets; must be
   * within the last 24h when the capture is created.
   * @default the time of the request
   */
  offsetTime?: pulumi.Input<string>;
}

/** Every output name, declared to the engine at registration. */
const OUTPUTS = [
  "type",
  "system",
  "timeLimit",
  "packetLimit",
  "byteLimit",
  "coloName",
  "destinationConf",
  "filterV1",
  "offsetTime",
  "status",
  "submitted",
  "packetsCaptured",
  "stopRequested",
  "errorMessage",
] as const;

/** Fields kept as secrets in state, as dotted paths (a nested one keeps the rest of its object visible). */
const SECRETS = [] as const;

/** The generated part of {@link PacketCapture}: its outputs, and its registration with the provider. */
export abstract class PacketCaptureResource extends MagicResource {
  /**
   * `"simple"` captures sampled packets (download them with `downloadPcap`); `"full"` captures entire
   * payloads and non-sampled packets into a bucket (`coloName` and `destinationConf` required).
   */
  declare readonly type: pulumi.Output<"simple" | "full">;
  /** The system used to collect packet captures: `"magic-transit"`. */
  declare readonly system: pulumi.Output<"magic-transit">;
  /** The packet capture duration in seconds (1-300). */
  declare readonly timeLimit: pulumi.Output<number>;
  /** The limit of packets contained in a packet capture (1-10000). Required for simple captures. */
  declare readonly packetLimit: pulumi.Output<number | undefined>;
  /** Full captures only: the maximum number of bytes to capture (1-1000000000). */
  declare readonly byteLimit: pulumi.Output<number | undefined>;
  /**
   * Full captures only (required): the data center, a specific colo (`ord02`) or a multi-colo name
   * (`ORD`).
   */
  declare readonly coloName: pulumi.Output<string | undefined>;
  /**
   * Full captures only (required): the full URI of a bucket registered and validated with
   * `PcapBucketOwnership`, e.g. `s3://pcaps-bucket?region=us-east-1`.
   */
  declare readonly destinationConf: pulumi.Output<string | undefined>;
  /** The packet capture filter. */
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

  protected constructor(name: string, args: PacketCaptureArgs, opts?: pulumi.CustomResourceOptions) {
    super("magic", "PacketCapture", name, args, OUTPUTS, opts, { secrets: SECRETS });
  }
}

/** A {@link PacketCapture} as the API reports it (camelCase), with its id. */
export interface PacketCaptureInfo {
  id: string;
  type: "simple" | "full";
  system: "magic-transit";
  timeLimit: number;
  byteLimit?: number;
  coloName?: string;
  destinationConf?: string;
  filterV1?: PcapFilter;
  offsetTime?: string;
  status: PcapStatus;
  submitted: string;
  packetsCaptured?: number;
  stopRequested?: string;
  errorMessage?: string;
  accountId: string;
}
