// generated from provider/resources/magic/packet-capture.ts: edit the definition, then run npm run generate
import type * as pulumi from "@pulumi/pulumi";
import { type AccountArgs, MagicResource } from "../../resource";

/** Arguments of a {@link PacketCapture}. */
export interface PacketCaptureArgs extends AccountArgs {
  type: pulumi.Input<"simple" | "full">;
  system: pulumi.Input<"magic-transit">;
  timeLimit: pulumi.Input<number>;
  packetLimit?: pulumi.Input<number>;
  byteLimit?: pulumi.Input<number>;
  coloName?: pulumi.Input<string>;
  destinationConf?: pulumi.Input<string>;
  filterV1?: pulumi.Input<{ destinationAddress?: pulumi.Input<string>; destinationPort?: pulumi.Input<number>; protocol?: pulumi.Input<number>; sourceAddress?: pulumi.Input<string>; sourcePort?: pulumi.Input<number> }>;
  offsetTime?: pulumi.Input<string>;
}

/** Every output name, declared to the engine at registration. */
const OUTPUTS = ["type", "system", "timeLimit", "packetLimit", "byteLimit", "coloName", "destinationConf", "filterV1", "offsetTime"] as const;

/** Outputs kept as secrets in state. */
const SECRETS = [] as const;

/** The generated part of {@link PacketCapture}: its outputs, and its registration with the provider. */
export abstract class PacketCaptureResource extends MagicResource {
  declare readonly type: pulumi.Output<"simple" | "full">;
  declare readonly system: pulumi.Output<"magic-transit">;
  declare readonly timeLimit: pulumi.Output<number>;
  declare readonly packetLimit: pulumi.Output<number | undefined>;
  declare readonly byteLimit: pulumi.Output<number | undefined>;
  declare readonly coloName: pulumi.Output<string | undefined>;
  declare readonly destinationConf: pulumi.Output<string | undefined>;
  declare readonly filterV1: pulumi.Output<{ destinationAddress?: string; destinationPort?: number; protocol?: number; sourceAddress?: string; sourcePort?: number } | undefined>;
  declare readonly offsetTime: pulumi.Output<string | undefined>;

  protected constructor(name: string, args: PacketCaptureArgs, opts?: pulumi.CustomResourceOptions) {
    super("magic", "PacketCapture", name, args, OUTPUTS, opts, SECRETS);
  }
}

/** A {@link PacketCapture} as the API reports it (camelCase), with its id. */
export interface PacketCaptureInfo {
  id: string;
  type: "simple" | "full";
  system: "magic-transit";
  timeLimit: number;
  packetLimit?: number;
  byteLimit?: number;
  coloName?: string;
  destinationConf?: string;
  filterV1?: { destinationAddress?: string; destinationPort?: number; protocol?: number; sourceAddress?: string; sourcePort?: number };
  offsetTime?: string;
  accountId: string;
}
