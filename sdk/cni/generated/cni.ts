// generated from provider/resources/cni/cni.ts: edit the definition, then run npm run generate
import type * as pulumi from "@pulumi/pulumi";
import { type AccountArgs, MagicResource } from "../../resource";
import type { CniBgpArgs, CniMagicArgs } from "./types";

/** Arguments of a {@link Cni}. */
export interface CniArgs extends AccountArgs {
  /**
   * "Customer account tag". Changing it replaces the Cni.
   * @default the account the CNI is created in
   */
  account?: pulumi.Input<string>;
  /**
   * The interconnect hosting the CNI: an `Interconnect`'s `id` (its name). Changing it replaces the
   * CNI.
   */
  interconnect: pulumi.Input<string>;
  /** The Magic conduit. */
  magic: pulumi.Input<CniMagicArgs>;
  /** BGP session over the link; leave out for static routing. */
  bgp?: pulumi.Input<CniBgpArgs>;
  /**
   * How the BGP session exchanges routes: `"dynamic_route_exchange"` (routes learned from your side
   * are used) or `"advertise_only"` (Cloudflare only advertises). The create endpoint does not take
   * it, so a new CNI with `bgpMode` costs one more request (a PUT right after create); changing it
   * updates in place.
   * @default Cloudflare's
   */
  bgpMode?: pulumi.Input<"dynamic_route_exchange" | "advertise_only">;
}

/** Every output name, declared to the engine at registration. */
const OUTPUTS = ["account", "interconnect", "magic", "bgp", "bgpMode", "p2pIp", "custIp", "customerAddress"] as const;

/** Fields kept as secrets in state, as dotted paths (a nested one keeps the rest of its object visible). */
const SECRETS = ["bgp.md5Key"] as const;

/** The generated part of {@link Cni}: its outputs, and its registration with the provider. */
export abstract class CniResource extends MagicResource {
  /** "Customer account tag". */
  declare readonly account: pulumi.Output<string>;
  /**
   * The interconnect hosting the CNI: an `Interconnect`'s `id` (its name). Changing it replaces the
   * CNI.
   */
  declare readonly interconnect: pulumi.Output<string>;
  /** The Magic conduit. */
  declare readonly magic: pulumi.Output<{ conduitName: string; description: string; mtu: number }>;
  /**
   * BGP settings as Cloudflare holds them (the MD5 key kept secret). It holds a secret (`md5Key`), so
   * the program sees it as a secret output.
   */
  declare readonly bgp: pulumi.Output<{ customerAsn: number; extraPrefixes: string[]; md5Key?: string } | undefined>;
  /**
   * How the BGP session exchanges routes: `"dynamic_route_exchange"` (routes learned from your side
   * are used) or `"advertise_only"` (Cloudflare only advertises). The create endpoint does not take
   * it, so a new CNI with `bgpMode` costs one more request (a PUT right after create); changing it
   * updates in place.
   */
  declare readonly bgpMode: pulumi.Output<"dynamic_route_exchange" | "advertise_only" | undefined>;
  /** Cloudflare's end of the point-to-point link, e.g. `100.64.0.0/31`. */
  declare readonly p2pIp: pulumi.Output<string>;
  /** Your end of the point-to-point link, in the same /31 as `p2pIp`. */
  declare readonly custIp: pulumi.Output<string>;
  /**
   * Your end of the link as an address (`custIp` without its prefix length, e.g. `100.64.0.1` for
   * `100.64.0.1/31`): the `nexthop` of static routes over this CNI. Absent while `custIp` and `p2pIp`
   * name one address.
   */
  declare readonly customerAddress: pulumi.Output<string | undefined>;

  protected constructor(name: string, args: CniArgs, opts?: pulumi.CustomResourceOptions) {
    super("cni", "Cni", name, args, OUTPUTS, opts, { secrets: SECRETS });
  }
}

/** A {@link Cni} as the API reports it (camelCase), with its id. */
export interface CniInfo {
  id: string;
  account: string;
  interconnect: string;
  magic: { conduitName: string; description: string; mtu: number };
  bgp?: { customerAsn: number; extraPrefixes: string[]; md5Key?: string };
  bgpMode?: "dynamic_route_exchange" | "advertise_only";
  p2pIp: string;
  custIp: string;
  customerAddress?: string;
  accountId: string;
}
