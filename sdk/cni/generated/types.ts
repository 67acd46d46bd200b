// generated from provider/resources/cni/*.ts (and the common/ schemas they use): edit the definition, then run npm run generate
import type * as pulumi from "@pulumi/pulumi";

/** BGP on a CNI. Only `md5Key` is secret, so a preview shows what else changed. */
export interface CniBgpArgs {
  /** ASN used on the customer end of the BGP session (1-4294967295). */
  customerAsn: pulumi.Input<number>;
  /**
   * Extra static prefixes advertised to your end of the session.
   * @default [] (sent as `[]`: the API requires the field)
   */
  extraPrefixes?: pulumi.Input<pulumi.Input<string>[]>;
  /**
   * MD5 key for session authentication (against misconfiguration, not a security measure): printable
   * ASCII without `"`, `?`, tabs or line breaks. Kept as a secret in state.
   */
  md5Key?: pulumi.Input<string>;
}

/** The Magic side of a CNI: the conduit that carries its traffic. */
export interface CniMagicArgs {
  /** Name of the Magic conduit; unique among the CNIs of the interconnect. */
  conduitName: pulumi.Input<string>;
  /** Free-text description (may be empty). */
  description: pulumi.Input<string>;
  /** MTU of the conduit in bytes, at least 576. */
  mtu: pulumi.Input<number>;
}

/** A Cloudflare facility: its name and address lines. */
export interface FacilityInfo {
  address: string[];
  name: string;
}

/** Bandwidth of a GCP Partner interconnect, as the API lists it. */
export type InterconnectBandwidth = "50M" | "100M" | "200M" | "300M" | "400M" | "500M" | "1G" | "2G" | "5G" | "10G" | "20G" | "50G";

/** What the provider waits for after creating an interconnect. */
export interface InterconnectWaitArgs {
  /**
   * The status to wait for: `"Healthy"`, or `"Pending"` (the interconnect exists and is not failing;
   * Healthy satisfies it too). Creation fails if the status endpoint reports `Down` or `Unhealthy`
   * (with Cloudflare's reason) or if the time runs out; the interconnect then stays in the stack (it
   * exists), marked as not fully initialised.
   */
  status: pulumi.Input<"Pending" | "Healthy">;
  /**
   * How long to wait, in seconds (1-86400).
   * @default 600
   */
  timeoutSeconds?: pulumi.Input<number>;
}
