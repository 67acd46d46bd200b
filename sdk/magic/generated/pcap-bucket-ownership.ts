// generated from provider/resources/magic/pcap-bucket-ownership.ts: edit the definition, then run npm run generate
import type * as pulumi from "@pulumi/pulumi";
import { type AccountArgs, MagicResource } from "../../resource";

/** Arguments of a {@link PcapBucketOwnership}. */
export interface PcapBucketOwnershipArgs extends AccountArgs {
  destinationConf: pulumi.Input<string>;
  ownershipChallenge?: pulumi.Input<string>;
}

/** Every output name, declared to the engine at registration. */
const OUTPUTS = ["destinationConf", "ownershipChallenge"] as const;

/** Outputs kept as secrets in state. */
const SECRETS = [] as const;

/** The generated part of {@link PcapBucketOwnership}: its outputs, and its registration with the provider. */
export abstract class PcapBucketOwnershipResource extends MagicResource {
  declare readonly destinationConf: pulumi.Output<string>;
  declare readonly ownershipChallenge: pulumi.Output<string | undefined>;

  protected constructor(name: string, args: PcapBucketOwnershipArgs, opts?: pulumi.CustomResourceOptions) {
    super("magic", "PcapBucketOwnership", name, args, OUTPUTS, opts, SECRETS);
  }
}

/** A {@link PcapBucketOwnership} as the API reports it (camelCase), with its id. */
export interface PcapBucketOwnershipInfo {
  id: string;
  destinationConf: string;
  ownershipChallenge?: string;
  accountId: string;
}
