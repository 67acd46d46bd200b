import type * as pulumi from "@pulumi/pulumi";
import { type CniArgs, CniResource } from "./generated/cni";

export type { CniArgs } from "./generated/cni";

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
export class Cni extends CniResource {
  constructor(name: string, args: CniArgs, opts?: pulumi.CustomResourceOptions) {
    super(name, args, opts);
  }
}
