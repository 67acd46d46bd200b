import type * as pulumi from "@pulumi/pulumi";
import { type IpsecTunnelArgs, IpsecTunnelResource } from "./generated/ipsec-tunnel";

export type { IpsecTunnelArgs } from "./generated/ipsec-tunnel";

/**
 * A Magic Transit / Magic WAN IPsec tunnel between a Cloudflare endpoint and your router.
 *
 * The PSK is a secret: give one with `psk`, or let Cloudflare generate it (read it from the `psk`
 * output; Cloudflare never shows it again, so it lives only in your stack's state). Change
 * `rotatePsk` to rotate a generated PSK in place. Replacing a tunnel that keeps its name deletes
 * the old one first (names are unique per account).
 *
 * @example
 * ```ts
 * import * as magic from "pulumi-cloudflare-magic";
 *
 * const ipsec = new magic.IpsecTunnel("nyc-ipsec-1", {
 *     name: "nyc_ipsec_1",
 *     cloudflareEndpoint: "162.159.65.1",
 *     customerEndpoint: "203.0.113.20",
 *     interfaceAddress: "10.213.0.8/31",
 *     healthCheck: { direction: "bidirectional", rate: "high" },
 *     rotatePsk: "2026-q1",
 * });
 * export const psk = ipsec.psk; // secret
 * ```
 */
export class IpsecTunnel extends IpsecTunnelResource {
  constructor(name: string, args: IpsecTunnelArgs, opts?: pulumi.CustomResourceOptions) {
    super(name, args, opts);
  }
}
