import type * as pulumi from "@pulumi/pulumi";
import { type GreTunnelArgs, GreTunnelResource } from "./generated/gre-tunnel";

export type { GreTunnelArgs } from "./generated/gre-tunnel";

/**
 * A Magic Transit / Magic WAN GRE tunnel between a Cloudflare endpoint and your router.
 *
 * Replacing a tunnel that keeps its name deletes the old one first (names are unique per account).
 *
 * @example
 * ```ts
 * import * as magic from "pulumi-cloudflare-magic";
 *
 * const gre = new magic.GreTunnel("nyc-gre-1", {
 *     name: "nyc_gre_1",
 *     cloudflareGreEndpoint: "162.159.64.1",
 *     customerGreEndpoint: "203.0.113.10",
 *     interfaceAddress: "10.212.0.8/31",
 *     healthCheck: { rate: "high", direction: "bidirectional" },
 * });
 * export const greId = gre.id;
 * ```
 */
export class GreTunnel extends GreTunnelResource {
  constructor(name: string, args: GreTunnelArgs, opts?: pulumi.CustomResourceOptions) {
    super(name, args, opts);
  }
}
