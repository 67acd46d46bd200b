// generated from provider/resources/magic/site-lan.ts: edit the definition, then run npm run generate
import type * as pulumi from "@pulumi/pulumi";
import { type AccountArgs, MagicResource } from "../../resource";
import type { SiteLanNatArgs, SiteLanRoutedSubnetArgs, SiteLanStaticAddressingArgs, SiteLanStaticAddressingState } from "./types";

/** Arguments of a {@link SiteLan}. */
export interface SiteLanArgs extends AccountArgs {
  /** The site the LAN belongs to (`site.id`). Changing it replaces the LAN. */
  siteId: pulumi.Input<string>;
  /** Name of the LAN. */
  name?: pulumi.Input<string>;
  /** Physical port of the connector (from 1). */
  physport?: pulumi.Input<number>;
  /**
   * VLAN ID (1-4094); zero means untagged.
   * @default 0
   */
  vlanTag?: pulumi.Input<number>;
  /** Bond interface the LAN runs on. */
  bondId?: pulumi.Input<number>;
  /**
   * Use this LAN for HA probing; only on a high availability site, and only one LAN of a site.
   * Changing it updates the LAN in place (Cloudflare's current API takes `ha_link` on update).
   * @default false
   */
  haLink?: pulumi.Input<boolean>;
  /**
   * Use this LAN for source-based breakout traffic.
   * @default false
   */
  isBreakout?: pulumi.Input<boolean>;
  /**
   * Use this LAN for source-based prioritized traffic.
   * @default false
   */
  isPrioritized?: pulumi.Input<boolean>;
  /** Source NAT for the LAN. */
  nat?: pulumi.Input<SiteLanNatArgs>;
  /** Subnets reachable through routers on the LAN. */
  routedSubnets?: pulumi.Input<pulumi.Input<SiteLanRoutedSubnetArgs>[]>;
  /** Static addressing; leave out to use DHCP (not on a high availability site). */
  staticAddressing?: pulumi.Input<SiteLanStaticAddressingArgs>;
  /**
   * Whether the LAN's site is in high availability mode. Never sent to the API: it only lets `pulumi
   * preview` enforce the spec's rules, which depend on the site: on such a site the LAN needs
   * `staticAddressing` with `secondaryAddress` and `virtualAddress`, and `haLink` needs it. Set it
   * from the site (`site.haMode`); the BranchSite component does.
   * @default unknown (the rules are left to the API)
   */
  siteHaMode?: pulumi.Input<boolean>;
}

/** The documented defaults of {@link SiteLanArgs}'s fields. */
export const siteLanArgsDefaults = { vlanTag: 0, haLink: false, isBreakout: false, isPrioritized: false } as const;

/** Every output name, declared to the engine at registration. */
const OUTPUTS = [
  "siteId",
  "name",
  "physport",
  "vlanTag",
  "bondId",
  "haLink",
  "isBreakout",
  "isPrioritized",
  "nat",
  "routedSubnets",
  "staticAddressing",
  "siteHaMode",
] as const;

/** Fields kept as secrets in state, as dotted paths (a nested one keeps the rest of its object visible). */
const SECRETS = [] as const;

/** The generated part of {@link SiteLan}: its outputs, and its registration with the provider. */
export abstract class SiteLanResource extends MagicResource {
  /** The site the LAN belongs to (`site.id`). Changing it replaces the LAN. */
  declare readonly siteId: pulumi.Output<string>;
  /** Name of the LAN. */
  declare readonly name: pulumi.Output<string | undefined>;
  /** Physical port of the connector (from 1). */
  declare readonly physport: pulumi.Output<number | undefined>;
  /** VLAN ID (1-4094); zero means untagged. */
  declare readonly vlanTag: pulumi.Output<number>;
  /** Bond interface the LAN runs on. */
  declare readonly bondId: pulumi.Output<number | undefined>;
  /**
   * Use this LAN for HA probing; only on a high availability site, and only one LAN of a site.
   * Changing it updates the LAN in place (Cloudflare's current API takes `ha_link` on update).
   */
  declare readonly haLink: pulumi.Output<boolean>;
  /** Use this LAN for source-based breakout traffic. */
  declare readonly isBreakout: pulumi.Output<boolean>;
  /** Use this LAN for source-based prioritized traffic. */
  declare readonly isPrioritized: pulumi.Output<boolean>;
  /** Source NAT for the LAN. */
  declare readonly nat: pulumi.Output<{ staticPrefix?: string } | undefined>;
  /** Subnets reachable through routers on the LAN. */
  declare readonly routedSubnets: pulumi.Output<{ nextHop: string; prefix: string; nat?: { staticPrefix?: string } }[] | undefined>;
  /** Static addressing; leave out to use DHCP (not on a high availability site). */
  declare readonly staticAddressing: pulumi.Output<SiteLanStaticAddressingState | undefined>;
  /**
   * Whether the LAN's site is in high availability mode. Never sent to the API: it only lets `pulumi
   * preview` enforce the spec's rules, which depend on the site: on such a site the LAN needs
   * `staticAddressing` with `secondaryAddress` and `virtualAddress`, and `haLink` needs it. Set it
   * from the site (`site.haMode`); the BranchSite component does.
   */
  declare readonly siteHaMode: pulumi.Output<boolean | undefined>;

  protected constructor(name: string, args: SiteLanArgs, opts?: pulumi.CustomResourceOptions) {
    super("magic", "SiteLan", name, args, OUTPUTS, opts, { secrets: SECRETS });
  }
}

/** A {@link SiteLan} as the API reports it (camelCase), with its id. */
export interface SiteLanInfo {
  id: string;
  siteId: string;
  name?: string;
  physport?: number;
  vlanTag: number;
  bondId?: number;
  haLink: boolean;
  isBreakout: boolean;
  isPrioritized: boolean;
  nat?: { staticPrefix?: string };
  routedSubnets?: { nextHop: string; prefix: string; nat?: { staticPrefix?: string } }[];
  staticAddressing?: SiteLanStaticAddressingState;
  accountId: string;
}
