// generated from provider/resources/magic/pcap-bucket-ownership.ts: edit the definition, then run npm run generate
import type * as pulumi from "@pulumi/pulumi";
import { type AccountArgs, MagicResource } from "../../resource";

/** Arguments of a {@link PcapBucketOwnership}. */
export interface PcapBucketOwnershipArgs extends AccountArgs {
  /**
   * The full URI of the bucket that full packet captures are written to:
   * `s3://<bucket>[/<directory>]?region=<region>` (AWS) or `gs://<bucket>[/<directory>]` (Google
   * Cloud). A bucket is added once per account; changing it replaces the registration.
   */
  destinationConf: pulumi.Input<string>;
  /**
   * The ownership challenge Cloudflare stored in the bucket when it was added (see the `filename`
   * output). When given, the bucket is validated right after it is added. Kept as a secret. Setting or
   * changing it later validates the existing registration in place (an update, not a replacement).
   */
  ownershipChallenge?: pulumi.Input<string>;
}

/** Every output name, declared to the engine at registration. */
const OUTPUTS = ["destinationConf", "ownershipChallenge", "filename", "status", "submitted", "validated"] as const;

/** Fields kept as secrets in state, as dotted paths (a nested one keeps the rest of its object visible). */
const SECRETS = ["ownershipChallenge"] as const;

/** The generated part of {@link PcapBucketOwnership}: its outputs, and its registration with the provider. */
export abstract class PcapBucketOwnershipResource extends MagicResource {
  /**
   * The full URI of the bucket that full packet captures are written to:
   * `s3://<bucket>[/<directory>]?region=<region>` (AWS) or `gs://<bucket>[/<directory>]` (Google
   * Cloud). A bucket is added once per account; changing it replaces the registration.
   */
  declare readonly destinationConf: pulumi.Output<string>;
  /** The challenge the bucket was validated with (secret). */
  declare readonly ownershipChallenge: pulumi.Output<string | undefined>;
  /** The ownership challenge filename stored in the bucket. */
  declare readonly filename: pulumi.Output<string>;
  /** The status of the ownership challenge. */
  declare readonly status: pulumi.Output<"pending" | "success" | "failed">;
  /** When the bucket was added (RFC 3339). */
  declare readonly submitted: pulumi.Output<string>;
  /** When the bucket was validated (RFC 3339). */
  declare readonly validated: pulumi.Output<string | undefined>;

  protected constructor(name: string, args: PcapBucketOwnershipArgs, opts?: pulumi.CustomResourceOptions) {
    super("magic", "PcapBucketOwnership", name, args, OUTPUTS, opts, { secrets: SECRETS });
  }
}

/** A {@link PcapBucketOwnership} as the API reports it (camelCase), with its id. */
export interface PcapBucketOwnershipInfo {
  id: string;
  destinationConf: string;
  filename: string;
  status: "pending" | "success" | "failed";
  submitted: string;
  validated?: string;
  accountId: string;
}
