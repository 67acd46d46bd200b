// generated from provider/resources/cni/cni.ts: edit the definition, then run npm run generate
import type * as pulumi from "@pulumi/pulumi";
import { type AccountArgs, MagicResource } from "../../resource";

/** Arguments of a {@link Cni}. */
export interface CniArgs extends AccountArgs {
  /** Changing it replaces the Cni. */
  account?: pulumi.Input<string>;
  /** Changing it replaces the Cni. */
  interconnect: pulumi.Input<string>;
  magic: pulumi.Input<{ conduitName: pulumi.Input<string>; description: pulumi.Input<string>; mtu: pulumi.Input<number> }>;
  bgp?: pulumi.Input<{ customerAsn: pulumi.Input<number>; extraPrefixes?: pulumi.Input<pulumi.Input<string>[]>; md5Key?: pulumi.Input<string> }>;
  bgpMode?: pulumi.Input<"dynamic_route_exchange" | "advertise_only">;
}

/** Every output name, declared to the engine at registration. */
const OUTPUTS = ["account", "interconnect", "magic", "bgp", "bgpMode"] as const;

/** Outputs kept as secrets in state. */
const SECRETS = [] as const;

/** The generated part of {@link Cni}: its outputs, and its registration with the provider. */
export abstract class CniResource extends MagicResource {
  declare readonly account: pulumi.Output<string | undefined>;
  declare readonly interconnect: pulumi.Output<string>;
  declare readonly magic: pulumi.Output<{ conduitName: string; description: string; mtu: number }>;
  declare readonly bgp: pulumi.Output<{ customerAsn: number; extraPrefixes?: string[]; md5Key?: string } | undefined>;
  declare readonly bgpMode: pulumi.Output<"dynamic_route_exchange" | "advertise_only" | undefined>;

  protected constructor(name: string, args: CniArgs, opts?: pulumi.CustomResourceOptions) {
    super("cni", "Cni", name, args, OUTPUTS, opts, SECRETS);
  }
}

/** A {@link Cni} as the API reports it (camelCase), with its id. */
export interface CniInfo {
  id: string;
  account?: string;
  interconnect: string;
  magic: { conduitName: string; description: string; mtu: number };
  bgp?: { customerAsn: number; extraPrefixes?: string[]; md5Key?: string };
  bgpMode?: "dynamic_route_exchange" | "advertise_only";
  accountId: string;
}
