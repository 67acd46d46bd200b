import { defineResource } from "../../framework/define";
import { path } from "../../client";
import { permission } from "../../permissions";
import { z } from "../common/fields";

/** Token permission named in 401/403 errors (the PCAP endpoints' "Accepted Permissions"). */
export const PCAP_PERMISSION = permission("pcaps", "edit");

/**
 * "The full URI for the bucket": Cloudflare adds "an AWS or GCP bucket", written (per the packet
 * capture bucket setup guide) as `s3://<bucket-name>/<directory>?region=<bucket-region>` or
 * `gs://<bucket-name>/<directory>`. Shared with PacketCapture.destinationConf.
 */
export const bucketUri = () =>
  z.string().refine((s) => /^(s3|gs):\/\/[a-z0-9][a-z0-9._-]*[a-z0-9](\/[^?#\s]*)?(\?[^#\s]*)?$/.test(s), {
    error:
      "must be the bucket's full URI: s3://<bucket>[/<directory>]?region=<region> for AWS or gs://<bucket>[/<directory>] for Google Cloud",
  });

const collection = ({ accountId }: { accountId: string }) => path`/accounts/${accountId}/pcaps/ownership`;

/** A bucket for full packet captures: Cloudflare API "Magic Transit > PCAPs > Ownership". */
export const definition = defineResource({
  token: "magic:PcapBucketOwnership",
  kind: "PcapBucketOwnership",
  inputs: z.strictObject({
    destinationConf: bucketUri().meta({
      description:
        "The full URI of the bucket that full packet captures are written to: `s3://<bucket>[/<directory>]?region=<region>` (AWS) or `gs://<bucket>[/<directory>]` (Google Cloud). A bucket is added once per account; changing it replaces the registration.",
    }),
    // The challenge goes to the validate endpoint, not to the body that adds the bucket. Being local,
    // setting or changing it later is an update that re-runs afterCreate: it validates in place.
    ownershipChallenge: z.string().min(1).optional().meta({
      description:
        "The ownership challenge Cloudflare stored in the bucket when it was added (see the `filename` output). When given, the bucket is validated right after it is added. Kept as a secret. Setting or changing it later validates the existing registration in place (an update, not a replacement).",
      secret: true,
      local: true,
    }),
  }),
  outputs: z.object({
    ownershipChallenge: z.string().optional().meta({ description: "The challenge the bucket was validated with (secret)." }),
    filename: z.string().meta({ description: "The ownership challenge filename stored in the bucket." }),
    status: z.enum(["pending", "success", "failed"]).meta({ description: "The status of the ownership challenge." }),
    submitted: z.string().meta({ description: "When the bucket was added (RFC 3339)." }),
    validated: z.string().optional().meta({ description: "When the bucket was validated (RFC 3339)." }),
  }),
  api: {
    envelope: "v4",
    collection,
    item: ({ accountId }, id) => path`/accounts/${accountId}/pcaps/ownership/${id}`,
    wrappers: {},
    // No single GET: an ownership is read from the list. No update endpoint: a new bucket replaces.
    read: "list",
    permission: PCAP_PERMISSION,
  },
  lifecycle: {
    kind: "object",
    // A bucket is added once per account, so a create whose answer was lost is found by its URI.
    isSameObject: (ownership, inputs) => ownership.destination_conf === inputs.destinationConf,
    afterCreate: async (op, _id, _outputs, inputs) => {
      if (inputs.ownershipChallenge === undefined) return {};
      const validated = await op.request<Record<string, unknown>>({
        method: "POST",
        path: `${collection(op.ctx)}/validate`,
        body: { destination_conf: inputs.destinationConf, ownership_challenge: inputs.ownershipChallenge },
      });
      return { status: validated?.status, filename: validated?.filename, validated: validated?.validated };
    },
  },
});
