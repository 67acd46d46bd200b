import type * as pulumi from "@pulumi/pulumi";
import { AccountArgs, MagicResource } from "../resource";
import type { HealthCheckArgs, HealthCheckState, TunnelBgpArgs, TunnelBgpState } from "./generated/types";

/** An interconnect's health check: the tunnel health check, plus the `source` of bidirectional checks. */
export interface InterconnectHealthCheckArgs extends HealthCheckArgs {
  /**
   * The IPv4 address bidirectional checks come from: required with `direction: "bidirectional"`,
   * not allowed otherwise; inside RFC 1918 space, 169.254.240.0/20 or 198.41.199.224/27.
   * Version 1.5 interconnects only. @default none
   */
  source?: pulumi.Input<string>;
}

/** BGP on an interconnect: the tunnel BGP settings, every one optional. */
export type InterconnectBgpArgs = Partial<TunnelBgpArgs>;

/** Arguments of a Cloudflare interconnect (Cloudflare API "Magic Transit > CF Interconnects"). Settings you leave out keep their current values. */
export interface CfInterconnectArgs extends AccountArgs {
  /** The id of the interconnect Cloudflare created (see `getCfInterconnects()`). A change adopts another interconnect. */
  interconnectId: pulumi.Input<string>;
  /** Interconnect name, unique among the account's interconnects. @default the name Cloudflare gave it */
  name?: pulumi.Input<string>;
  /** Free-text description. */
  description?: pulumi.Input<string>;
  /** Enable automatic stateful return routing. */
  automaticReturnRouting?: pulumi.Input<boolean>;
  /** GRE settings of the interconnect. */
  gre?: pulumi.Input<{
    /** The IP address of the Cloudflare side of the interconnect's GRE tunnel. */
    cloudflareEndpoint?: pulumi.Input<string>;
  }>;
  /** Health check settings. */
  healthCheck?: pulumi.Input<InterconnectHealthCheckArgs>;
  /** BGP settings of the interconnect (customer ASN, extra prefixes, MD5 key, filter profiles). Kept secret in state. @default unchanged */
  bgp?: pulumi.Input<InterconnectBgpArgs>;
  /** A /31 from private space (10/8, 172.16/12, 192.168/16), one address for each side. */
  interfaceAddress?: pulumi.Input<string>;
  /** An IPv6 /127 from your virtual_subnet6, e.g. `2606:54c1:7:0:a9fe:12d2:1:200/127`. */
  interfaceAddress6?: pulumi.Input<string>;
  /** MTU in bytes, at least 576. */
  mtu?: pulumi.Input<number>;
}

const OUTPUTS = [
  "interconnectId", "name", "description", "automaticReturnRouting", "gre", "healthCheck", "bgp", "interfaceAddress",
  "interfaceAddress6", "customerAddress", "customerAddress6", "mtu", "coloName", "virtualPortReservationId", "createdOn", "modifiedOn",
] as const;

/**
 * The settings of a Cloudflare interconnect (a CNI/PNI GRE tunnel). Cloudflare creates
 * interconnects; this resource adopts an existing one by id and manages the settings you give.
 *
 * Creating the resource reads the interconnect and applies your settings; it fails with a clear
 * message when no interconnect has that id. Destroying the resource (or removing a setting)
 * restores nothing: the interconnect stays in place with its last settings, only no longer
 * managed by this stack.
 *
 * @example
 * ```ts
 * import * as magic from "pulumi-cloudflare-magic";
 *
 * const ord = new magic.CfInterconnect("pni-ord", {
 *     interconnectId: "c4a7362d577a6c3019a474fd6f485821",
 *     description: "PNI to ORD",
 *     mtu: 1476,
 *     healthCheck: { enabled: true, rate: "high" },
 * });
 * export const colo = ord.coloName;
 * ```
 */
export class CfInterconnect extends MagicResource {
  declare readonly interconnectId: pulumi.Output<string>;
  declare readonly name: pulumi.Output<string | undefined>;
  declare readonly description: pulumi.Output<string | undefined>;
  declare readonly automaticReturnRouting: pulumi.Output<boolean | undefined>;
  declare readonly gre: pulumi.Output<{ cloudflareEndpoint?: string } | undefined>;
  declare readonly healthCheck: pulumi.Output<(Omit<HealthCheckState, "direction"> & { direction?: "unidirectional" | "bidirectional"; source?: string }) | undefined>;
  /** BGP settings (secret: they may carry the MD5 key). */
  declare readonly bgp: pulumi.Output<Partial<TunnelBgpState> | undefined>;
  declare readonly interfaceAddress: pulumi.Output<string | undefined>;
  declare readonly interfaceAddress6: pulumi.Output<string | undefined>;
  /**
   * The customer side of `interfaceAddress` (the other address of the /31; Cloudflare takes the
   * one written): the `nexthop` of static routes over this tunnel, e.g. `10.212.0.9` for `10.212.0.8/31`.
   */
  declare readonly customerAddress: pulumi.Output<string>;
  /** The customer side of `interfaceAddress6` (the other address of the /127), when one is set. */
  declare readonly customerAddress6: pulumi.Output<string | undefined>;
  declare readonly mtu: pulumi.Output<number | undefined>;
  /** The colocation facility of the interconnect, e.g. `pni_ord`. */
  declare readonly coloName: pulumi.Output<string | undefined>;
  /** Correlates this interconnect with its V2 CNI interconnect resource. */
  declare readonly virtualPortReservationId: pulumi.Output<string | undefined>;
  declare readonly createdOn: pulumi.Output<string | undefined>;
  declare readonly modifiedOn: pulumi.Output<string | undefined>;

  constructor(name: string, args: CfInterconnectArgs, opts?: pulumi.CustomResourceOptions) {
    super("magic", "CfInterconnect", name, args, OUTPUTS, opts, ["bgp"]);
  }
}
