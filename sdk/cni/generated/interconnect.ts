// generated from provider/resources/cni/interconnect.ts: edit the definition, then run npm run generate
import type * as pulumi from "@pulumi/pulumi";
import { type AccountArgs, MagicResource } from "../../resource";

/** Arguments of a {@link Interconnect}. */
export interface InterconnectArgs extends AccountArgs {
  account?: pulumi.Input<string>;
  type: pulumi.Input<string>;
  slotId?: pulumi.Input<string>;
  speed?: pulumi.Input<string>;
  bandwidth?: pulumi.Input<"50M" | "100M" | "200M" | "300M" | "400M" | "500M" | "1G" | "2G" | "5G" | "10G" | "20G" | "50G">;
  pairingKey?: pulumi.Input<string>;
  waitForStatus?: pulumi.Input<{ status: pulumi.Input<"Pending" | "Healthy">; timeoutSeconds?: pulumi.Input<number> }>;
}

/** Every output name, declared to the engine at registration. */
const OUTPUTS = ["account", "type", "slotId", "speed", "bandwidth", "pairingKey", "waitForStatus"] as const;

/** Outputs kept as secrets in state. */
const SECRETS = [] as const;

/** The generated part of {@link Interconnect}: its outputs, and its registration with the provider. */
export abstract class InterconnectResource extends MagicResource {
  declare readonly account: pulumi.Output<string | undefined>;
  declare readonly type: pulumi.Output<string>;
  declare readonly slotId: pulumi.Output<string | undefined>;
  declare readonly speed: pulumi.Output<string | undefined>;
  declare readonly bandwidth: pulumi.Output<"50M" | "100M" | "200M" | "300M" | "400M" | "500M" | "1G" | "2G" | "5G" | "10G" | "20G" | "50G" | undefined>;
  declare readonly pairingKey: pulumi.Output<string | undefined>;
  declare readonly waitForStatus: pulumi.Output<{ status: "Pending" | "Healthy"; timeoutSeconds?: number } | undefined>;

  protected constructor(name: string, args: InterconnectArgs, opts?: pulumi.CustomResourceOptions) {
    super("cni", "Interconnect", name, args, OUTPUTS, opts, SECRETS);
  }
}

/** A {@link Interconnect} as the API reports it (camelCase), with its id. */
export interface InterconnectInfo {
  id: string;
  account?: string;
  type: string;
  slotId?: string;
  speed?: string;
  bandwidth?: "50M" | "100M" | "200M" | "300M" | "400M" | "500M" | "1G" | "2G" | "5G" | "10G" | "20G" | "50G";
  pairingKey?: string;
  waitForStatus?: { status: "Pending" | "Healthy"; timeoutSeconds?: number };
  accountId: string;
}
