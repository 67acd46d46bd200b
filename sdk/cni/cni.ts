import * as pulumi from "@pulumi/pulumi";
import { AccountArgs, MagicResource } from "../resource";

/** The Magic side of a CNI: the conduit that carries its traffic. */
export interface CniMagicArgs {
  /** Name of the Magic conduit; unique among the CNIs of the interconnect. */
  conduitName: pulumi.Input<string>;
  /** Free-text description (may be empty). */
  description: pulumi.Input<string>;
  /** MTU of the conduit in bytes, at least 576. */
  mtu: pulumi.Input<number>;
}

/** BGP on a CNI. Kept as a secret in state (it may carry the MD5 key). */
export interface CniBgpArgs {
  /** ASN used on the customer end of the BGP session (1-4294967295). */
  customerAsn: pulumi.Input<number>;
  /** Extra static prefixes advertised to your end of the session. @default [] (sent as `[]`: the API requires the field) */
  extraPrefixes?: pulumi.Input<pulumi.Input<string>[]>;
  /**
   * MD5 key for session authentication (against misconfiguration, not a security measure):
   * printable ASCII without `"`, `?`, tabs or line breaks.
   */
  md5Key?: pulumi.Input<string>;
}

export interface CniArgs extends AccountArgs {
  /** "Customer account tag". @default the account the CNI is created in */
  account?: pulumi.Input<string>;
  /** The interconnect hosting the CNI: an `Interconnect`'s `id` (its name). Changing it replaces the CNI. */
  interconnect: pulumi.Input<string>;
  /** The Magic conduit. */
  magic: pulumi.Input<CniMagicArgs>;
  /** BGP session over the link; leave out for static routing. */
  bgp?: pulumi.Input<CniBgpArgs>;
  /**
   * How the BGP session exchanges routes: `"dynamic_route_exchange"` (routes learned from your
   * side are used) or `"advertise_only"` (Cloudflare only advertises). The create endpoint does
   * not take it, so a new CNI with `bgpMode` costs one more request (a PUT right after create);
   * changing it updates in place. @default Cloudflare's
   */
  bgpMode?: pulumi.Input<"dynamic_route_exchange" | "advertise_only">;
}

const OUTPUTS = ["account", "interconnect", "magic", "bgp", "bgpMode", "p2pIp", "custIp"] as const;

/**
 * A CNI: a Magic conduit (and optional BGP session) on a Network Interconnect. Cloudflare
 * allocates the point-to-point link: `p2pIp` is its end, `custIp` yours (same /31).
 *
 * @example
 * ```ts
 * import * as pulumi from "@pulumi/pulumi";
 * import * as magic from "pulumi-cloudflare-magic";
 *
 * const port = new magic.cni.Interconnect("ord-port", { type: "direct", slotId: "182bd5e5-6e1a-4fe4-a799-aa6d9a6ab26e" });
 * const cni = new magic.cni.Cni("ord-cni", {
 *     interconnect: port.id,
 *     magic: { conduitName: "ord_cni_1", description: "Chicago CNI", mtu: 1500 },
 *     bgp: { customerAsn: 65010, extraPrefixes: ["192.0.2.0/24"], md5Key: new pulumi.Config().requireSecret("bgpMd5Key") },
 * });
 * export const customerIp = cni.custIp;
 * ```
 */
export class Cni extends MagicResource {
  declare readonly account: pulumi.Output<string>;
  declare readonly interconnect: pulumi.Output<string>;
  declare readonly magic: pulumi.Output<{ conduitName: string; description: string; mtu: number }>;
  /** BGP settings (secret: it carries the MD5 key). */
  declare readonly bgp: pulumi.Output<{ customerAsn: number; extraPrefixes: string[]; md5Key?: string } | undefined>;
  declare readonly bgpMode: pulumi.Output<"dynamic_route_exchange" | "advertise_only" | undefined>;
  /** Cloudflare's end of the point-to-point link, e.g. `100.64.0.0/31`. */
  declare readonly p2pIp: pulumi.Output<string>;
  /** Your end of the point-to-point link, in the same /31 as `p2pIp`. */
  declare readonly custIp: pulumi.Output<string>;

  constructor(name: string, args: CniArgs, opts?: pulumi.CustomResourceOptions) {
    super("cni", "Cni", name, args, OUTPUTS, opts, ["bgp"]);
  }
}
