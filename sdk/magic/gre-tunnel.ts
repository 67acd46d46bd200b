import type * as pulumi from "@pulumi/pulumi";
import { AccountArgs, MagicResource } from "../resource";
import type { BgpStatus, HealthCheckArgs, HealthCheckState, TunnelBgpArgs, TunnelBgpState } from "./types";

/** Arguments of a GRE tunnel (Cloudflare API "Magic Transit > GRE Tunnels"). */
export interface GreTunnelArgs extends AccountArgs {
  /** Tunnel name: up to 15 letters, digits or underscores, unique among the account's GRE tunnels. */
  name: pulumi.Input<string>;
  /**
   * The IP address assigned to the Cloudflare side of the tunnel (your Cloudflare-assigned anycast
   * endpoint). The API's own name, kept here; `IpsecTunnel` and the `TransitOnramp` component call
   * the same thing `cloudflareEndpoint`.
   */
  cloudflareGreEndpoint: pulumi.Input<string>;
  /** The IP address of your side of the tunnel (the API's name; `customerEndpoint` in `TransitOnramp`). */
  customerGreEndpoint: pulumi.Input<string>;
  /** A /31 from private space (10/8, 172.16/12, 192.168/16), one address for each side, e.g. `10.212.0.8/31`. */
  interfaceAddress: pulumi.Input<string>;
  /** An IPv6 /127 from your virtual_subnet6, e.g. `2606:54c1:7:0:a9fe:12d2:1:200/127`. */
  interfaceAddress6?: pulumi.Input<string>;
  /** Free-text description. */
  description?: pulumi.Input<string>;
  /** Enable automatic stateful return routing. @default false */
  automaticReturnRouting?: pulumi.Input<boolean>;
  /** MTU in bytes, at least 576. @default 1476 */
  mtu?: pulumi.Input<number>;
  /** Time To Live in hops. @default 64 */
  ttl?: pulumi.Input<number>;
  /** Health check settings. */
  healthCheck?: pulumi.Input<HealthCheckArgs>;
  /** BGP session over the tunnel (creation only: a change replaces the tunnel). */
  bgp?: pulumi.Input<TunnelBgpArgs>;
}

const OUTPUTS = [
  "name", "cloudflareGreEndpoint", "customerGreEndpoint", "interfaceAddress", "interfaceAddress6", "customerAddress", "customerAddress6", "description",
  "automaticReturnRouting", "mtu", "ttl", "healthCheck", "bgp", "bgpStatus", "createdOn", "modifiedOn",
] as const;

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
export class GreTunnel extends MagicResource {
  declare readonly name: pulumi.Output<string>;
  declare readonly cloudflareGreEndpoint: pulumi.Output<string>;
  declare readonly customerGreEndpoint: pulumi.Output<string>;
  declare readonly interfaceAddress: pulumi.Output<string>;
  declare readonly interfaceAddress6: pulumi.Output<string | undefined>;
  /**
   * The customer side of `interfaceAddress` (the other address of the /31; Cloudflare takes the
   * one written): the `nexthop` of static routes over this tunnel, e.g. `10.212.0.9` for `10.212.0.8/31`.
   */
  declare readonly customerAddress: pulumi.Output<string>;
  /** The customer side of `interfaceAddress6` (the other address of the /127), when one is set. */
  declare readonly customerAddress6: pulumi.Output<string | undefined>;
  declare readonly description: pulumi.Output<string | undefined>;
  declare readonly automaticReturnRouting: pulumi.Output<boolean>;
  declare readonly mtu: pulumi.Output<number>;
  declare readonly ttl: pulumi.Output<number>;
  declare readonly healthCheck: pulumi.Output<HealthCheckState>;
  /** BGP settings (secret: it carries the MD5 key). */
  declare readonly bgp: pulumi.Output<TunnelBgpState | undefined>;
  declare readonly bgpStatus: pulumi.Output<BgpStatus | undefined>;
  declare readonly createdOn: pulumi.Output<string>;
  declare readonly modifiedOn: pulumi.Output<string>;

  constructor(name: string, args: GreTunnelArgs, opts?: pulumi.CustomResourceOptions) {
    super("magic", "GreTunnel", name, args, OUTPUTS, opts, ["bgp"]);
  }
}
