// generated from provider/resources/magic/ipsec-tunnel.ts: edit the definition, then run npm run generate
import type * as pulumi from "@pulumi/pulumi";
import { type AccountArgs, MagicResource } from "../../resource";
import type { HealthCheckArgs, TunnelBgpArgs, TunnelBgpState } from "./types";

/** Arguments of a {@link IpsecTunnel}. */
export interface IpsecTunnelArgs extends AccountArgs {
  name: pulumi.Input<string>;
  cloudflareEndpoint: pulumi.Input<string>;
  interfaceAddress: pulumi.Input<string>;
  customerEndpoint?: pulumi.Input<string>;
  interfaceAddress6?: pulumi.Input<string>;
  description?: pulumi.Input<string>;
  automaticReturnRouting?: pulumi.Input<boolean>;
  replayProtection?: pulumi.Input<boolean>;
  customRemoteIdentities?: pulumi.Input<{ fqdnId?: pulumi.Input<string> }>;
  /**
   * Tunnel health check (Cloudflare API "Magic Transit"). Fields you leave out keep Cloudflare's
   * defaults and never show a diff.
   */
  healthCheck?: pulumi.Input<HealthCheckArgs>;
  /**
   * BGP on a tunnel. On a `GreTunnel` it is set at creation only (the GRE update endpoint does not
   * take it): changing it replaces the tunnel. On an `IpsecTunnel` it updates in place.
   */
  bgp?: pulumi.Input<TunnelBgpArgs>;
  psk?: pulumi.Input<string>;
  rotatePsk?: pulumi.Input<string | number>;
}

/** Every output name, declared to the engine at registration. */
const OUTPUTS = ["name", "cloudflareEndpoint", "interfaceAddress", "customerEndpoint", "interfaceAddress6", "description", "automaticReturnRouting", "replayProtection", "customRemoteIdentities", "healthCheck", "bgp", "psk", "rotatePsk"] as const;

/** Outputs kept as secrets in state. */
const SECRETS = ["bgp"] as const;

/** The generated part of {@link IpsecTunnel}: its outputs, and its registration with the provider. */
export abstract class IpsecTunnelResource extends MagicResource {
  declare readonly name: pulumi.Output<string>;
  declare readonly cloudflareEndpoint: pulumi.Output<string>;
  declare readonly interfaceAddress: pulumi.Output<string>;
  declare readonly customerEndpoint: pulumi.Output<string | undefined>;
  declare readonly interfaceAddress6: pulumi.Output<string | undefined>;
  declare readonly description: pulumi.Output<string | undefined>;
  declare readonly automaticReturnRouting: pulumi.Output<boolean | undefined>;
  declare readonly replayProtection: pulumi.Output<boolean | undefined>;
  declare readonly customRemoteIdentities: pulumi.Output<{ fqdnId?: string } | undefined>;
  /**
   * Tunnel health check (Cloudflare API "Magic Transit"). Fields you leave out keep Cloudflare's
   * defaults and never show a diff.
   */
  declare readonly healthCheck: pulumi.Output<{ enabled?: boolean; rate?: "low" | "mid" | "high"; type?: "reply" | "request"; direction?: "unidirectional" | "bidirectional"; target?: string } | undefined>;
  /**
   * BGP on a tunnel. On a `GreTunnel` it is set at creation only (the GRE update endpoint does not
   * take it): changing it replaces the tunnel. On an `IpsecTunnel` it updates in place. Kept as a
   * secret in state.
   */
  declare readonly bgp: pulumi.Output<TunnelBgpState | undefined>;
  declare readonly psk: pulumi.Output<string | undefined>;
  declare readonly rotatePsk: pulumi.Output<string | number | undefined>;

  protected constructor(name: string, args: IpsecTunnelArgs, opts?: pulumi.CustomResourceOptions) {
    super("magic", "IpsecTunnel", name, args, OUTPUTS, opts, SECRETS);
  }
}

/** A {@link IpsecTunnel} as the API reports it (camelCase), with its id. */
export interface IpsecTunnelInfo {
  id: string;
  name: string;
  cloudflareEndpoint: string;
  interfaceAddress: string;
  customerEndpoint?: string;
  interfaceAddress6?: string;
  description?: string;
  automaticReturnRouting?: boolean;
  replayProtection?: boolean;
  customRemoteIdentities?: { fqdnId?: string };
  healthCheck?: { enabled?: boolean; rate?: "low" | "mid" | "high"; type?: "reply" | "request"; direction?: "unidirectional" | "bidirectional"; target?: string };
  bgp?: TunnelBgpState;
  rotatePsk?: string | number;
  accountId: string;
}
