import type * as pulumi from "@pulumi/pulumi";
import { AccountArgs, MagicResource } from "../resource";

/** Arguments of a packet capture bucket (Cloudflare API "Magic Transit > PCAPs > Ownership"). */
export interface PcapBucketOwnershipArgs extends AccountArgs {
  /**
   * The full URI of the bucket that full packet captures are written to:
   * `s3://<bucket>[/<directory>]?region=<region>` (AWS) or `gs://<bucket>[/<directory>]` (Google
   * Cloud). A bucket is added once per account; changing it replaces the registration.
   */
  destinationConf: pulumi.Input<string>;
  /**
   * The ownership challenge Cloudflare stored in the bucket when it was added (see the `filename`
   * output). When given, the bucket is validated right after it is added. Kept as a secret.
   * Changing it replaces the registration: the API has no way to change a registration in place.
   */
  ownershipChallenge?: pulumi.Input<string>;
}

const OUTPUTS = ["destinationConf", "ownershipChallenge", "filename", "status", "submitted", "validated"] as const;

/**
 * An AWS or Google Cloud bucket registered with the packet captures API, as the destination of
 * full packet captures (see `PacketCapture`).
 *
 * Cloudflare writes an ownership challenge file into the bucket when it is added (its name is the
 * `filename` output); validating with that challenge turns `status` from `"pending"` into
 * `"success"`. The usual flow: add the bucket, read the challenge file Cloudflare wrote, then set
 * `ownershipChallenge` and apply again; that validates the existing registration in place.
 * A bucket can be registered only once per account, so a replacement (a new `destinationConf`)
 * deletes the old registration first (unless you set `deleteBeforeReplace: false`).
 *
 * @example
 * ```ts
 * import * as pulumi from "@pulumi/pulumi";
 * import * as magic from "pulumi-cloudflare-magic";
 *
 * const config = new pulumi.Config();
 * const bucket = new magic.PcapBucketOwnership("pcaps-bucket", {
 *     destinationConf: "s3://pcaps-bucket?region=us-east-1",
 *     ownershipChallenge: config.requireSecret("pcapOwnershipChallenge"),
 * });
 * export const challengeFile = bucket.filename;
 * export const bucketStatus = bucket.status;
 * ```
 */
export class PcapBucketOwnership extends MagicResource {
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

  constructor(name: string, args: PcapBucketOwnershipArgs, opts?: pulumi.CustomResourceOptions) {
    super("magic", "PcapBucketOwnership", name, args, OUTPUTS, { deleteBeforeReplace: true, ...opts }, ["ownershipChallenge"]);
  }
}
