import type * as pulumi from "@pulumi/pulumi";
import { type PcapBucketOwnershipArgs, PcapBucketOwnershipResource } from "./generated/pcap-bucket-ownership";

export type { PcapBucketOwnershipArgs } from "./generated/pcap-bucket-ownership";

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
export class PcapBucketOwnership extends PcapBucketOwnershipResource {
  constructor(name: string, args: PcapBucketOwnershipArgs, opts?: pulumi.CustomResourceOptions) {
    super(name, args, { deleteBeforeReplace: true, ...opts });
  }
}
