// generated from provider/resources/magic/cf-interconnect.ts: edit the definition, then run npm run generate
import type * as pulumi from "@pulumi/pulumi";
import { type AccountArgs, MagicResource } from "../../resource";
import type { InterconnectBgpArgs, InterconnectHealthCheckArgs, InterconnectHealthCheckState } from "./types";

/** Arguments of a {@link CfInterconnect}. */
export interface CfInterconnectArgs extends AccountArgs {
  /**
   * The id of the interconnect Cloudflare created (see `getCfInterconnects()`). A change adopts
   * another interconnect.
   */
  interconnectId: pulumi.Input<string>;
  /**
   * Interconnect name, unique among the account's interconnects.
   * @default the name Cloudflare gave it
   */
  name?: pulumi.Input<string>;
  /** Free-text description. */
  description?: pulumi.Input<string>;
  /**
   * Enable automatic stateful return routing.
   * @default false
   */
  automaticReturnRouting?: pulumi.Input<boolean>;
  /** GRE settings of the interconnect. */
  gre?: pulumi.Input<{ cloudflareEndpoint?: pulumi.Input<string> }>;
  /** Health check settings. */
  healthCheck?: pulumi.Input<InterconnectHealthCheckArgs>;
  /**
   * BGP settings of the interconnect (customer ASN, extra prefixes, MD5 key, filter profiles); the MD5
   * key is kept secret in state.
   * @default unchanged
   */
  bgp?: pulumi.Input<InterconnectBgpArgs>;
  /**
   * A /31 or /30 from 10.0.0.0/8, 172.16.0.0/12, 192.168.0.0/16 or 169.254.240.0/20, written with the
   * address of Cloudflare's side (your side takes the other usable address, `customerAddress`); a
   * version 1.5 interconnect takes a /31 only, which may also come from the account's authorized
   * prefixes. The API documentation ("Update interconnect"): "For GRE Interconnects, a /30 or /31
   * prefix may be used. Version 1.5 interconnects require a /31 prefix and may also use a prefix from
   * the account's authorized prefixes; otherwise, select the subnet from RFC 1918 or the approved
   * link-local ranges."
   */
  interfaceAddress?: pulumi.Input<string>;
  /** An IPv6 /127 from your virtual_subnet6, e.g. `2606:54c1:7:0:a9fe:12d2:1:200/127`. */
  interfaceAddress6?: pulumi.Input<string>;
  /**
   * MTU in bytes, at least 576.
   * @default 1476
   */
  mtu?: pulumi.Input<number>;
}

/** The documented defaults of {@link CfInterconnectArgs}'s fields. */
export const cfInterconnectArgsDefaults = { automaticReturnRouting: false, mtu: 1476 } as const;

/** Every output name, declared to the engine at registration. */
const OUTPUTS = [
  "interconnectId",
  "name",
  "description",
  "automaticReturnRouting",
  "gre",
  "healthCheck",
  "bgp",
  "interfaceAddress",
  "interfaceAddress6",
  "mtu",
  "customerAddress",
  "customerAddress6",
  "coloName",
  "virtualPortReservationId",
  "createdOn",
  "modifiedOn",
] as const;

/** Fields kept as secrets in state, as dotted paths (a nested one keeps the rest of its object visible). */
const SECRETS = ["bgp.md5Key"] as const;

/** The generated part of {@link CfInterconnect}: its outputs, and its registration with the provider. */
export abstract class CfInterconnectResource extends MagicResource {
  /**
   * The id of the interconnect Cloudflare created (see `getCfInterconnects()`). A change adopts
   * another interconnect.
   */
  declare readonly interconnectId: pulumi.Output<string>;
  /** Interconnect name, unique among the account's interconnects. */
  declare readonly name: pulumi.Output<string | undefined>;
  /** Free-text description. */
  declare readonly description: pulumi.Output<string | undefined>;
  /** Enable automatic stateful return routing. */
  declare readonly automaticReturnRouting: pulumi.Output<boolean>;
  /** GRE settings of the interconnect. */
  declare readonly gre: pulumi.Output<{ cloudflareEndpoint?: string } | undefined>;
  /** An interconnect's health check as Cloudflare stores it (output). */
  declare readonly healthCheck: pulumi.Output<InterconnectHealthCheckState | undefined>;
  /**
   * BGP settings of the interconnect (customer ASN, extra prefixes, MD5 key, filter profiles); the MD5
   * key is kept secret in state. It holds a secret (`md5Key`), so the program sees it as a secret
   * output.
   */
  declare readonly bgp: pulumi.Output<
    { customerAsn?: number; extraPrefixes?: string[]; md5Key?: string; importFilterId?: string; exportFilterId?: string } | undefined
  >;
  /**
   * A /31 or /30 from 10.0.0.0/8, 172.16.0.0/12, 192.168.0.0/16 or 169.254.240.0/20, written with the
   * address of Cloudflare's side (your side takes the other usable address, `customerAddress`); a
   * version 1.5 interconnect takes a /31 only, which may also come from the account's authorized
   * prefixes. The API documentation ("Update interconnect"): "For GRE Interconnects, a /30 or /31
   * prefix may be used. Version 1.5 interconnects require a /31 prefix and may also use a prefix from
   * the account's authorized prefixes; otherwise, select the subnet from RFC 1918 or the approved
   * link-local ranges."
   */
  declare readonly interfaceAddress: pulumi.Output<string | undefined>;
  /** An IPv6 /127 from your virtual_subnet6, e.g. `2606:54c1:7:0:a9fe:12d2:1:200/127`. */
  declare readonly interfaceAddress6: pulumi.Output<string | undefined>;
  /** MTU in bytes, at least 576. */
  declare readonly mtu: pulumi.Output<number>;
  /**
   * The customer side of `interfaceAddress` (the other usable address of the /31 or /30; Cloudflare
   * takes the one written): the `nexthop` of static routes over this tunnel, e.g. `10.212.0.9` for
   * `10.212.0.8/31`, `169.254.244.1` for `169.254.244.2/30`.
   */
  declare readonly customerAddress: pulumi.Output<string>;
  /** The customer side of `interfaceAddress6` (the other address of the /127), when one is set. */
  declare readonly customerAddress6: pulumi.Output<string | undefined>;
  /** The colocation facility of the interconnect, e.g. `pni_ord`. */
  declare readonly coloName: pulumi.Output<string | undefined>;
  /** Correlates this interconnect with its V2 CNI interconnect resource. */
  declare readonly virtualPortReservationId: pulumi.Output<string | undefined>;
  /** When the object was created (RFC 3339). */
  declare readonly createdOn: pulumi.Output<string | undefined>;
  /** When the object was last modified (RFC 3339). */
  declare readonly modifiedOn: pulumi.Output<string | undefined>;

  protected constructor(name: string, args: CfInterconnectArgs, opts?: pulumi.CustomResourceOptions) {
    super("magic", "CfInterconnect", name, args, OUTPUTS, opts, { secrets: SECRETS });
  }
}

/** A {@link CfInterconnect} as the API reports it (camelCase), with its id. */
export interface CfInterconnectInfo {
  id: string;
  interconnectId: string;
  name?: string;
  description?: string;
  automaticReturnRouting: boolean;
  gre?: { cloudflareEndpoint?: string };
  healthCheck?: InterconnectHealthCheckState;
  bgp?: { customerAsn?: number; extraPrefixes?: string[]; md5Key?: string; importFilterId?: string; exportFilterId?: string };
  interfaceAddress?: string;
  interfaceAddress6?: string;
  mtu: number;
  customerAddress: string;
  customerAddress6?: string;
  coloName?: string;
  virtualPortReservationId?: string;
  createdOn?: string;
  modifiedOn?: string;
  accountId: string;
}
