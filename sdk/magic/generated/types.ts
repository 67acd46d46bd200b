// generated from provider/resources/magic/*.ts (and the common/ schemas they use): edit the definition, then run npm run generate
import type * as pulumi from "@pulumi/pulumi";

/** A protocol an ACL can allow. */
export type AclProtocol = "tcp" | "udp" | "icmp";

/** BGP session status as Cloudflare reports it (output only). */
export interface BgpStatus {
  state: "BGP_DOWN" | "BGP_UP" | "BGP_ESTABLISHING";
  tcpEstablished: boolean;
  updatedAt: string;
  bgpState?: string;
  cfSpeakerIp?: string;
  cfSpeakerPort?: number;
  customerSpeakerIp?: string;
  customerSpeakerPort?: number;
}

export type ConnectorDayOfWeek = "Sunday" | "Monday" | "Tuesday" | "Wednesday" | "Thursday" | "Friday" | "Saturday";

/**
 * Which device the connector is for: exactly one of `id`, `serialNumber` or `provisionLicense: true`.
 * Chosen when the connector is added: a change replaces the connector.
 */
export interface ConnectorDeviceArgs {
  /** The id of an existing device. */
  id?: pulumi.Input<string>;
  /** The serial number of a hardware Connector. */
  serialNumber?: pulumi.Input<string>;
  /**
   * `true` creates a new license key for a virtual Connector; the key is output as the secret
   * `licenseKey`. Leave it out (rather than `false`) when giving `id` or `serialNumber`.
   */
  provisionLicense?: pulumi.Input<true>;
}

/**
 * Tunnel health check (Cloudflare API "Magic Transit"). Fields you leave out keep Cloudflare's
 * defaults and never show a diff.
 */
export interface HealthCheckArgs {
  /**
   * Whether to run health checks for the tunnel.
   * @default true
   */
  enabled?: pulumi.Input<boolean>;
  /**
   * How often the check runs: `"low"`, `"mid"` or `"high"`.
   * @default "mid"
   */
  rate?: pulumi.Input<"low" | "mid" | "high">;
  /**
   * `"reply"` (Cloudflare answers your probe) or `"request"` (Cloudflare sends the probe).
   * @default "reply"
   */
  type?: pulumi.Input<"reply" | "request">;
  /**
   * `"unidirectional"` (probe via the tunnel, result via the Internet) or `"bidirectional"` (both via
   * the tunnel).
   * @default unidirectional on a Magic Transit account, bidirectional on a Magic WAN account (Cloudflare's default depends on the account)
   */
  direction?: pulumi.Input<"unidirectional" | "bidirectional">;
  /**
   * Destination address of a `request` health check; `""` uses Cloudflare's computed default (the
   * customer endpoint). The saved value is output as `healthCheck.target`, the one in effect as
   * `healthCheck.effectiveTarget`.
   * @default ""
   */
  target?: pulumi.Input<string>;
}

/** Health check as stored by Cloudflare (output): your fields with defaults filled in. */
export interface HealthCheckState {
  enabled: boolean;
  rate: "low" | "mid" | "high";
  type: "reply" | "request";
  direction?: "unidirectional" | "bidirectional";
  /** The saved target ("" = computed default). */
  target: string;
  /** The target in effect. */
  effectiveTarget: string;
}

/** BGP on an interconnect: the tunnel BGP settings, every one optional. */
export interface InterconnectBgpArgs {
  /** ASN used on the customer end of the BGP session (1-4294967295). */
  customerAsn?: pulumi.Input<number>;
  /** Prefixes advertised to your device in addition to the Magic routing table. */
  extraPrefixes?: pulumi.Input<pulumi.Input<string>[]>;
  /**
   * MD5 key for session authentication (against misconfiguration, not a security measure): printable
   * ASCII without `"`, `?`, tabs or line breaks. Kept as a secret in state.
   */
  md5Key?: pulumi.Input<string>;
  /**
   * Id of the BGP filter profile applied to routes received from your device (32 lowercase hexadecimal
   * characters).
   * @default no import filter
   */
  importFilterId?: pulumi.Input<string>;
  /**
   * Id of the BGP filter profile applied to routes advertised to your device (32 lowercase hexadecimal
   * characters).
   * @default no export filter
   */
  exportFilterId?: pulumi.Input<string>;
}

/** An interconnect's health check: the tunnel health check, plus the `source` of bidirectional checks. */
export interface InterconnectHealthCheckArgs {
  /**
   * Whether to run health checks for the tunnel.
   * @default true
   */
  enabled?: pulumi.Input<boolean>;
  /**
   * How often the check runs: `"low"`, `"mid"` or `"high"`.
   * @default "mid"
   */
  rate?: pulumi.Input<"low" | "mid" | "high">;
  /**
   * `"reply"` (Cloudflare answers your probe) or `"request"` (Cloudflare sends the probe).
   * @default "reply"
   */
  type?: pulumi.Input<"reply" | "request">;
  /**
   * `"unidirectional"` (probe via the tunnel, result via the Internet) or `"bidirectional"` (both via
   * the tunnel).
   * @default unidirectional on a Magic Transit account, bidirectional on a Magic WAN account (Cloudflare's default depends on the account)
   */
  direction?: pulumi.Input<"unidirectional" | "bidirectional">;
  /**
   * Destination address of a `request` health check; `""` uses Cloudflare's computed default (the
   * customer endpoint). The saved value is output as `healthCheck.target`, the one in effect as
   * `healthCheck.effectiveTarget`.
   * @default ""
   */
  target?: pulumi.Input<string>;
  /**
   * The IPv4 address bidirectional checks come from: required with `direction: "bidirectional"`, not
   * allowed otherwise; inside RFC 1918 space, 169.254.240.0/20 or 198.41.199.224/27. Version 1.5
   * interconnects only.
   * @default none
   */
  source?: pulumi.Input<string>;
}

/** An interconnect's health check as Cloudflare stores it (output). */
export interface InterconnectHealthCheckState {
  enabled: boolean;
  rate: "low" | "mid" | "high";
  type: "reply" | "request";
  direction?: "unidirectional" | "bidirectional";
  /** The saved target ("" = computed default). */
  target: string;
  /** The target in effect. */
  effectiveTarget: string;
  /** The IPv4 address bidirectional checks come from. */
  source?: string;
}

/** Custom IKE identities of an IPsec tunnel. */
export interface IpsecCustomRemoteIdentitiesArgs {
  /**
   * A custom IKE ID of type FQDN, of the form `<name>.<account>.custom.ipsec.cloudflare.com`. The
   * generated IKE IDs keep working. Two tunnels may share it, but not on the same
   * `cloudflareEndpoint`.
   */
  fqdnId?: pulumi.Input<string>;
}

/** A capture's filter as Cloudflare reports it (output). */
export interface PcapFilter {
  destinationAddress?: string;
  destinationPort?: number;
  protocol?: number;
  sourceAddress?: string;
  sourcePort?: number;
}

/** Which packets a capture keeps. Leave it out to capture all packets. */
export interface PcapFilterArgs {
  /** The destination IP address of the packet. */
  destinationAddress?: pulumi.Input<string>;
  /** The destination port of the packet (0-65535). */
  destinationPort?: pulumi.Input<number>;
  /** The protocol number of the packet (0-255, e.g. 6 for TCP, 17 for UDP). */
  protocol?: pulumi.Input<number>;
  /** The source IP address of the packet. */
  sourceAddress?: pulumi.Input<string>;
  /** The source port of the packet (0-65535). */
  sourcePort?: pulumi.Input<number>;
}

/** The status of a packet capture request (output only). */
export type PcapStatus =
  "unknown" | "success" | "pending" | "running" | "conversion_pending" | "conversion_running" | "complete" | "failed";

export interface PskMetadata {
  /** When the PSK was last set or generated. */
  lastGeneratedOn?: string;
}

/**
 * One side of a site ACL (the spec's ACLConfiguration). Leaving out ports, port ranges or subnets
 * means any port or any subnet on that LAN.
 */
export interface SiteAclLanArgs {
  /** The id of a LAN of the same site (e.g. a `SiteLan`'s `id`). */
  lanId: pulumi.Input<string>;
  /**
   * The LAN's name. Cloudflare fills it in from the LAN named by `lanId`, so normally leave it out; a
   * value other than the LAN's own name does not stick.
   * @default the LAN's name
   */
  lanName?: pulumi.Input<string>;
  /**
   * Ports (1-65535) on this LAN that the ACL covers.
   * @default any port
   */
  ports?: pulumi.Input<pulumi.Input<number>[]>;
  /**
   * Port ranges as `"start-end"`, e.g. `"8080-9000"` (1 <= start <= end <= 65535).
   * @default any port
   */
  portRanges?: pulumi.Input<pulumi.Input<string>[]>;
  /**
   * IPv4 addresses (`192.0.2.1`) or prefixes (`192.0.2.0/24`) on this LAN that the ACL covers.
   * @default any subnet
   */
  subnets?: pulumi.Input<pulumi.Input<string>[]>;
}

/** One side of a site ACL as Cloudflare stores it (output). */
export interface SiteAclLanState {
  /** The id of a LAN of the same site (e.g. a `SiteLan`'s `id`). */
  lanId: string;
  /**
   * The LAN's name. Cloudflare fills it in from the LAN named by `lanId`, so normally leave it out; a
   * value other than the LAN's own name does not stick.
   * @default the LAN's name
   */
  lanName?: string;
  /**
   * Ports (1-65535) on this LAN that the ACL covers.
   * @default any port
   */
  ports?: number[];
  /**
   * Port ranges as `"start-end"`, e.g. `"8080-9000"` (1 <= start <= end <= 65535).
   * @default any port
   */
  portRanges?: string[];
  /**
   * IPv4 addresses (`192.0.2.1`) or prefixes (`192.0.2.0/24`) on this LAN that the ACL covers.
   * @default any subnet
   */
  subnets?: string[];
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

/** DHCP relay: forward the LAN's DHCP requests to these servers. */
export interface SiteLanDhcpRelayArgs {
  /** DHCP server addresses (IPv4). */
  serverAddresses?: pulumi.Input<pulumi.Input<string>[]>;
}

/** The connector serves DHCP on the LAN. */
export interface SiteLanDhcpServerArgs {
  /**
   * Custom DHCP options included in the server's answers. `code` 1-254, except 3, 6 and 51 (the
   * connector sets the router, DNS servers and lease time itself); `value` read by `type`: `"text"`
   * (at most 255 bytes), `"hex"` (colon-separated bytes such as `"01:04:aa:bb:cc"`), `"ip"` (an IPv4
   * address), `"byte"` (0-255), `"short"` (0-65535), `"integer"` (0-4294967295).
   * @default none
   */
  dhcpOptions?: pulumi.Input<pulumi.Input<SiteLanDhcpOptionArgs>[]>;
  /** First address of the pool, inside the LAN subnet. */
  dhcpPoolStart?: pulumi.Input<string>;
  /** Last address of the pool, inside the LAN subnet, not before `dhcpPoolStart`. */
  dhcpPoolEnd?: pulumi.Input<string>;
  /** DNS server handed out to clients (IPv4). */
  dnsServer?: pulumi.Input<string>;
  /** DNS servers handed out to clients (IPv4). */
  dnsServers?: pulumi.Input<pulumi.Input<string>[]>;
  /**
   * Fixed leases: MAC address (`"00:11:22:33:44:55"`) -> IPv4 address inside the LAN subnet. Keys are
   * kept exactly as written.
   */
  reservations?: pulumi.Input<Record<string, pulumi.Input<string>>>;
}

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

/**
 * Static addressing of a LAN. Required, with `secondaryAddress` and `virtualAddress`, on a high
 * availability site.
 */
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

/** Static addressing as stored by Cloudflare (output). */
export interface SiteLanStaticAddressingState {
  /** The connector's address on the LAN with its prefix length, e.g. `"192.168.10.1/24"`. */
  address: string;
  /** Relay DHCP to other servers (not together with `dhcpServer`). */
  dhcpRelay?: { serverAddresses?: string[] };
  /** Serve DHCP from the connector (not together with `dhcpRelay`). */
  dhcpServer?: {
    dhcpOptions?: Array<{ code: number; type: "text" | "hex" | "ip" | "byte" | "short" | "integer"; value: string }>;
    dhcpPoolStart?: string;
    dhcpPoolEnd?: string;
    dnsServer?: string;
    dnsServers?: string[];
    reservations?: Record<string, string>;
  };
  /** The second connector's address (high availability sites), e.g. `"192.168.10.2/24"`. */
  secondaryAddress?: string;
  /** The address both connectors share (high availability sites), e.g. `"192.168.10.3/24"`. */
  virtualAddress?: string;
}

/** Where a site is, in decimal degrees (the API takes them as strings). */
export interface SiteLocationArgs {
  /** Latitude between -90 and 90, e.g. `"37.6192"`. */
  lat?: pulumi.Input<string>;
  /** Longitude between -180 and 180, e.g. `"122.3816"`. */
  lon?: pulumi.Input<string>;
}

/** Static addressing of a WAN link; without it the link uses DHCP. */
export interface SiteWanStaticAddressingArgs {
  /** The connector's address on the link with its prefix length, e.g. `"203.0.113.10/24"`. */
  address: pulumi.Input<string>;
  /** The upstream gateway (IPv4), inside the subnet of `address`. */
  gatewayAddress: pulumi.Input<string>;
  /** The second connector's address (high availability sites), e.g. `"203.0.113.11/24"`. */
  secondaryAddress?: pulumi.Input<string>;
}

/** ECMP scope of a static route: the Cloudflare colos or colo regions it applies in. */
export interface StaticRouteScopeArgs {
  /** Colo names, e.g. `["den01"]`. */
  coloNames?: pulumi.Input<pulumi.Input<string>[]>;
  /** Colo regions, e.g. `["APAC"]`. */
  coloRegions?: pulumi.Input<pulumi.Input<string>[]>;
}

/**
 * BGP on a tunnel. On a `GreTunnel` it is set at creation only (the GRE update endpoint does not take
 * it): changing it replaces the tunnel. On an `IpsecTunnel` it updates in place. Only `md5Key` is
 * secret, so a preview shows what else changed.
 */
export interface TunnelBgpArgs {
  /** ASN used on the customer end of the BGP session (1-4294967295). */
  customerAsn: pulumi.Input<number>;
  /** Prefixes advertised to your device in addition to the Magic routing table. */
  extraPrefixes?: pulumi.Input<pulumi.Input<string>[]>;
  /**
   * MD5 key for session authentication (against misconfiguration, not a security measure): printable
   * ASCII without `"`, `?`, tabs or line breaks. Kept as a secret in state.
   */
  md5Key?: pulumi.Input<string>;
  /**
   * Id of the BGP filter profile applied to routes received from your device (32 lowercase hexadecimal
   * characters).
   * @default no import filter
   */
  importFilterId?: pulumi.Input<string>;
  /**
   * Id of the BGP filter profile applied to routes advertised to your device (32 lowercase hexadecimal
   * characters).
   * @default no export filter
   */
  exportFilterId?: pulumi.Input<string>;
}

/**
 * BGP on a tunnel. On a `GreTunnel` it is set at creation only (the GRE update endpoint does not take
 * it): changing it replaces the tunnel. On an `IpsecTunnel` it updates in place. Only `md5Key` is
 * secret, so a preview shows what else changed.
 */
export interface TunnelBgpState {
  /** ASN used on the customer end of the BGP session (1-4294967295). */
  customerAsn: number;
  /** Prefixes advertised to your device in addition to the Magic routing table. */
  extraPrefixes?: string[];
  /**
   * MD5 key for session authentication (against misconfiguration, not a security measure): printable
   * ASCII without `"`, `?`, tabs or line breaks. Kept as a secret in state.
   */
  md5Key?: string;
  /**
   * Id of the BGP filter profile applied to routes received from your device (32 lowercase hexadecimal
   * characters).
   * @default no import filter
   */
  importFilterId?: string;
  /**
   * Id of the BGP filter profile applied to routes advertised to your device (32 lowercase hexadecimal
   * characters).
   * @default no export filter
   */
  exportFilterId?: string;
}
