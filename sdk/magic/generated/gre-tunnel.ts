// generated from provider/resources/magic/gre-tunnel.ts: edit the definition, then run npm run generate
import type * as pulumi from "@pulumi/pulumi";
import { type AccountArgs, MagicResource } from "../../resource";
import type { BgpStatus, HealthCheckArgs, HealthCheckState, TunnelBgpArgs, TunnelBgpState } from "./types";

/** Arguments of a {@link GreTunnel}. */
export interface GreTunnelArgs extends AccountArgs {
  /** Tunnel name: up to 15 letters, digits or underscores, unique among the account's GRE tunnels. */
  name: pulumi.Input<string>;
  /**
   * The IP address assigned to the Cloudflare side of the tunnel (your Cloudflare-assigned anycast
   * endpoint). The API's own name, kept here; `IpsecTunnel` and the `TransitOnramp` component call the
   * same thing `cloudflareEndpoint`.
   */
  cloudflareGreEndpoint: pulumi.Input<string>;
  /** The IP address of your side of the tunnel (the API's name; `customerEndpoint` in `TransitOnramp`). */
  customerGreEndpoint: pulumi.Input<string>;
  /**
   * A /31 (recommended) or /30 from 10.0.0.0/8, 172.16.0.0/12, 192.168.0.0/16 or 169.254.240.0/20,
   * written with the address of Cloudflare's side, e.g. `10.212.0.8/31`; your side takes the other
   * usable address (`customerAddress`). Cloudflare, "Configure tunnel endpoints"
   * (https://developers.cloudflare.com/magic-transit/how-to/configure-tunnel-endpoints/): "A 31-bit
   * (recommended) or 30-bit subnet (/31 or /30 in CIDR notation) supporting two hosts, one for each
   * side of the tunnel." A /30 from 169.254.240.0/20 suits cloud VPNs such as AWS's:
   * `169.254.244.2/30`, where AWS takes `169.254.244.1`.
   */
  interfaceAddress: pulumi.Input<string>;
  /** An IPv6 /127 from your virtual_subnet6, e.g. `2606:54c1:7:0:a9fe:12d2:1:200/127`. */
  interfaceAddress6?: pulumi.Input<string>;
  /** Free-text description. */
  description?: pulumi.Input<string>;
  /**
   * Enable automatic stateful return routing.
   * @default false
   */
  automaticReturnRouting?: pulumi.Input<boolean>;
  /**
   * MTU in bytes, at least 576.
   * @default 1476
   */
  mtu?: pulumi.Input<number>;
  /**
   * Time To Live in hops.
   * @default 64
   */
  ttl?: pulumi.Input<number>;
  /** Health check settings. */
  healthCheck?: pulumi.Input<HealthCheckArgs>;
  /** BGP session over the tunnel (creation only: a change replaces the tunnel). */
  bgp?: pulumi.Input<TunnelBgpArgs>;
}

/** The documented defaults of {@link GreTunnelArgs}'s fields. */
export const greTunnelArgsDefaults = { automaticReturnRouting: false, mtu: 1476, ttl: 64 } as const;

/** Every output name, declared to the engine at registration. */
const OUTPUTS = [
  "name",
  "cloudflareGreEndpoint",
  "customerGreEndpoint",
  "interfaceAddress",
  "interfaceAddress6",
  "description",
  "automaticReturnRouting",
  "mtu",
  "ttl",
  "healthCheck",
  "bgp",
  "customerAddress",
  "customerAddress6",
  "bgpStatus",
  "createdOn",
  "modifiedOn",
] as const;

/** Fields kept as secrets in state, as dotted paths (a nested one keeps the rest of its object visible). */
const SECRETS = ["bgp.md5Key"] as const;

/** Inputs Cloudflare keeps unique per account: a second resource of this program that gives the same value is refused. */
const UNIQUE = ["name", "interfaceAddress"] as const;

/** The generated part of {@link GreTunnel}: its outputs, and its registration with the provider. */
export abstract class GreTunnelResource extends MagicResource {
  /** Tunnel name: up to 15 letters, digits or underscores, unique among the account's GRE tunnels. */
  declare readonly name: pulumi.Output<string>;
  /**
   * The IP address assigned to the Cloudflare side of the tunnel (your Cloudflare-assigned anycast
   * endpoint). The API's own name, kept here; `IpsecTunnel` and the `TransitOnramp` component call the
   * same thing `cloudflareEndpoint`.
   */
  declare readonly cloudflareGreEndpoint: pulumi.Output<string>;
  /** The IP address of your side of the tunnel (the API's name; `customerEndpoint` in `TransitOnramp`). */
  declare readonly customerGreEndpoint: pulumi.Output<string>;
  /**
   * A /31 (recommended) or /30 from 10.0.0.0/8, 172.16.0.0/12, 192.168.0.0/16 or 169.254.240.0/20,
   * written with the address of Cloudflare's side, e.g. `10.212.0.8/31`; your side takes the other
   * usable address (`customerAddress`). Cloudflare, "Configure tunnel endpoints"
   * (https://developers.cloudflare.com/magic-transit/how-to/configure-tunnel-endpoints/): "A 31-bit
   * (recommended) or 30-bit subnet (/31 or /30 in CIDR notation) supporting two hosts, one for each
   * side of the tunnel." A /30 from 169.254.240.0/20 suits cloud VPNs such as AWS's:
   * `169.254.244.2/30`, where AWS takes `169.254.244.1`.
   */
  declare readonly interfaceAddress: pulumi.Output<string>;
  /** An IPv6 /127 from your virtual_subnet6, e.g. `2606:54c1:7:0:a9fe:12d2:1:200/127`. */
  declare readonly interfaceAddress6: pulumi.Output<string | undefined>;
  /** Free-text description. */
  declare readonly description: pulumi.Output<string | undefined>;
  /** Enable automatic stateful return routing. */
  declare readonly automaticReturnRouting: pulumi.Output<boolean>;
  /** MTU in bytes, at least 576. */
  declare readonly mtu: pulumi.Output<number>;
  /** Time To Live in hops. */
  declare readonly ttl: pulumi.Output<number>;
  /** Health check as stored by Cloudflare (output): your fields with defaults filled in. */
  declare readonly healthCheck: pulumi.Output<HealthCheckState>;
  /**
   * BGP session over the tunnel (creation only: a change replaces the tunnel). It holds a secret
   * (`md5Key`), so the program sees it as a secret output.
   */
  declare readonly bgp: pulumi.Output<TunnelBgpState | undefined>;
  /**
   * The customer side of `interfaceAddress` (the other usable address of the /31 or /30; Cloudflare
   * takes the one written): the `nexthop` of static routes over this tunnel, e.g. `10.212.0.9` for
   * `10.212.0.8/31`, `169.254.244.1` for `169.254.244.2/30`.
   */
  declare readonly customerAddress: pulumi.Output<string>;
  /** The customer side of `interfaceAddress6` (the other address of the /127), when one is set. */
  declare readonly customerAddress6: pulumi.Output<string | undefined>;
  /** BGP session status as Cloudflare reports it (output only). */
  declare readonly bgpStatus: pulumi.Output<BgpStatus | undefined>;
  /** When the object was created (RFC 3339). */
  declare readonly createdOn: pulumi.Output<string>;
  /** When the object was last modified (RFC 3339). */
  declare readonly modifiedOn: pulumi.Output<string>;

  protected constructor(name: string, args: GreTunnelArgs, opts?: pulumi.CustomResourceOptions) {
    super("magic", "GreTunnel", name, args, OUTPUTS, opts, { secrets: SECRETS, unique: UNIQUE });
  }
}

/** A {@link GreTunnel} as the API reports it (camelCase), with its id. */
export interface GreTunnelInfo {
  id: string;
  name: string;
  cloudflareGreEndpoint: string;
  customerGreEndpoint: string;
  interfaceAddress: string;
  interfaceAddress6?: string;
  description?: string;
  automaticReturnRouting: boolean;
  mtu: number;
  ttl: number;
  healthCheck: HealthCheckState;
  bgp?: TunnelBgpState;
  customerAddress: string;
  customerAddress6?: string;
  bgpStatus?: BgpStatus;
  createdOn: string;
  modifiedOn: string;
  accountId: string;
}
