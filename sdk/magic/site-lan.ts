import type * as pulumi from "@pulumi/pulumi";
import { AccountArgs, MagicResource } from "../resource";

/** Source NAT of a LAN or routed subnet. */
export interface SiteLanNatArgs {
  /** The prefix traffic is translated to, e.g. `"192.0.2.0/24"`. */
  staticPrefix?: pulumi.Input<string>;
}

/** A subnet behind a router on the LAN. */
export interface SiteLanRoutedSubnetArgs {
  /** The router on the LAN that leads to `prefix` (IPv4). */
  nextHop: pulumi.Input<string>;
  /** The routed prefix, with no host bits set, e.g. `"10.10.0.0/16"`. */
  prefix: pulumi.Input<string>;
  /** Source NAT for this subnet. */
  nat?: pulumi.Input<SiteLanNatArgs>;
}

/** DHCP relay: forward the LAN's DHCP requests to these servers. */
export interface SiteLanDhcpRelayArgs {
  /** DHCP server addresses (IPv4). */
  serverAddresses?: pulumi.Input<pulumi.Input<string>[]>;
}

/** The connector serves DHCP on the LAN. */
export interface SiteLanDhcpServerArgs {
  /** First address of the pool, inside the LAN subnet. */
  dhcpPoolStart?: pulumi.Input<string>;
  /** Last address of the pool, inside the LAN subnet, not before `dhcpPoolStart`. */
  dhcpPoolEnd?: pulumi.Input<string>;
  /** DNS server handed out to clients (IPv4). */
  dnsServer?: pulumi.Input<string>;
  /** DNS servers handed out to clients (IPv4). */
  dnsServers?: pulumi.Input<pulumi.Input<string>[]>;
  /** Fixed leases: MAC address (`"00:11:22:33:44:55"`) -> IPv4 address inside the LAN subnet. Keys are kept exactly as written. */
  reservations?: pulumi.Input<Record<string, pulumi.Input<string>>>;
  /**
   * Custom DHCP options included in the server's answers. `code` 1-254, except 3, 6 and 51 (the
   * connector sets the router, DNS servers and lease time itself); `value` read by `type`:
   * `"text"` (at most 255 bytes), `"hex"` (colon-separated bytes such as `"01:04:aa:bb:cc"`),
   * `"ip"` (an IPv4 address), `"byte"` (0-255), `"short"` (0-65535), `"integer"` (0-4294967295).
   * @default none
   */
  dhcpOptions?: pulumi.Input<pulumi.Input<SiteLanDhcpOptionArgs>[]>;
}

/** One custom DHCP option of a LAN's DHCP server. */
export interface SiteLanDhcpOptionArgs {
  /** DHCP option number, 1-254 except 3, 6 and 51. */
  code: pulumi.Input<number>;
  /** How `value` is read. */
  type: pulumi.Input<"text" | "hex" | "ip" | "byte" | "short" | "integer">;
  /** The option value, written as its `type` says (numbers in decimal). */
  value: pulumi.Input<string>;
}

/** Static addressing of a LAN. Required, with `secondaryAddress` and `virtualAddress`, on a high availability site. */
export interface SiteLanStaticAddressingArgs {
  /** The connector's address on the LAN with its prefix length, e.g. `"192.168.10.1/24"`. */
  address: pulumi.Input<string>;
  /** Relay DHCP to other servers (not together with `dhcpServer`). */
  dhcpRelay?: pulumi.Input<SiteLanDhcpRelayArgs>;
  /** Serve DHCP from the connector (not together with `dhcpRelay`). */
  dhcpServer?: pulumi.Input<SiteLanDhcpServerArgs>;
  /** The second connector's address (high availability sites), e.g. `"192.168.10.2/24"`. */
  secondaryAddress?: pulumi.Input<string>;
  /** The address both connectors share (high availability sites), e.g. `"192.168.10.3/24"`. */
  virtualAddress?: pulumi.Input<string>;
}

/** Arguments of a site LAN (Cloudflare API "Magic Transit > Sites > LANs"). */
export interface SiteLanArgs extends AccountArgs {
  /** The site the LAN belongs to (`site.id`). Changing it replaces the LAN. */
  siteId: pulumi.Input<string>;
  /** Name of the LAN. */
  name?: pulumi.Input<string>;
  /** Physical port of the connector (from 1). */
  physport?: pulumi.Input<number>;
  /** VLAN ID (1-4094); zero means untagged. @default 0 */
  vlanTag?: pulumi.Input<number>;
  /** Bond interface the LAN runs on. */
  bondId?: pulumi.Input<number>;
  /**
   * Use this LAN for HA probing; only on a high availability site, and only one LAN of a site.
   * Changing it updates the LAN in place (Cloudflare's current API takes `ha_link` on update).
   * @default false
   */
  haLink?: pulumi.Input<boolean>;
  /** Use this LAN for source-based breakout traffic. @default false */
  isBreakout?: pulumi.Input<boolean>;
  /** Use this LAN for source-based prioritized traffic. @default false */
  isPrioritized?: pulumi.Input<boolean>;
  /** Source NAT for the LAN. */
  nat?: pulumi.Input<SiteLanNatArgs>;
  /** Subnets reachable through routers on the LAN. */
  routedSubnets?: pulumi.Input<pulumi.Input<SiteLanRoutedSubnetArgs>[]>;
  /** Static addressing; leave out to use DHCP (not on a high availability site). */
  staticAddressing?: pulumi.Input<SiteLanStaticAddressingArgs>;
  /**
   * Whether the LAN's site is in high availability mode. Never sent to the API: it only lets
   * `pulumi preview` enforce the spec's rules, which depend on the site: on such a site the LAN
   * needs `staticAddressing` with `secondaryAddress` and `virtualAddress`, and `haLink` needs it.
   * Set it from the site (`site.haMode`); the BranchSite component does.
   * @default unknown (the rules are left to the API)
   */
  siteHaMode?: pulumi.Input<boolean>;
}

const OUTPUTS = [
  "siteId", "name", "physport", "vlanTag", "bondId", "haLink", "isBreakout", "isPrioritized", "nat", "routedSubnets", "staticAddressing",
] as const;

/** Static addressing as stored by Cloudflare (output). */
export interface SiteLanStaticAddressingState {
  address: string;
  dhcpRelay?: { serverAddresses?: string[] };
  dhcpServer?: {
    dhcpPoolStart?: string;
    dhcpPoolEnd?: string;
    dnsServer?: string;
    dnsServers?: string[];
    reservations?: Record<string, string>;
    dhcpOptions?: Array<{ code: number; type: "text" | "hex" | "ip" | "byte" | "short" | "integer"; value: string }>;
  };
  secondaryAddress?: string;
  virtualAddress?: string;
}

/**
 * A LAN of a Magic WAN site: a connector port (or bond, and VLAN) facing the site's own network,
 * with its addressing, DHCP, NAT and routed subnets.
 *
 * @example
 * ```ts
 * import * as magic from "pulumi-cloudflare-magic";
 *
 * const site = new magic.Site("nyc-branch", { name: "nyc_branch" });
 * new magic.SiteLan("nyc-lan-office", {
 *     siteId: site.id,
 *     name: "office",
 *     physport: 2,
 *     vlanTag: 10,
 *     staticAddressing: {
 *         address: "192.168.10.1/24",
 *         dhcpServer: { dhcpPoolStart: "192.168.10.100", dhcpPoolEnd: "192.168.10.200", reservations: { "00:11:22:33:44:55": "192.168.10.50" } },
 *     },
 *     routedSubnets: [{ prefix: "10.10.0.0/16", nextHop: "192.168.10.254" }],
 * });
 * ```
 */
export class SiteLan extends MagicResource {
  declare readonly siteId: pulumi.Output<string>;
  declare readonly name: pulumi.Output<string | undefined>;
  declare readonly physport: pulumi.Output<number | undefined>;
  declare readonly vlanTag: pulumi.Output<number>;
  declare readonly bondId: pulumi.Output<number | undefined>;
  declare readonly haLink: pulumi.Output<boolean>;
  declare readonly isBreakout: pulumi.Output<boolean>;
  declare readonly isPrioritized: pulumi.Output<boolean>;
  declare readonly nat: pulumi.Output<{ staticPrefix?: string } | undefined>;
  declare readonly routedSubnets: pulumi.Output<Array<{ nextHop: string; prefix: string; nat?: { staticPrefix?: string } }> | undefined>;
  declare readonly staticAddressing: pulumi.Output<SiteLanStaticAddressingState | undefined>;

  constructor(name: string, args: SiteLanArgs, opts?: pulumi.CustomResourceOptions) {
    super("magic", "SiteLan", name, args, OUTPUTS, opts);
  }
}
