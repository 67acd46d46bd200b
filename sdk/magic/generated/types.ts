// generated from provider/resources/magic/*.ts (and the common/ schemas they use): edit the definition, then run npm run generate
import type * as pulumi from "@pulumi/pulumi";

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
 * The device: exactly one of `id`, `serialNumber` or `provisionLicense: true` (creation only; a change
 * replaces the connector).
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
   * @default Cloudflare's default for the tunnel
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
   */
  importFilterId?: pulumi.Input<string>;
  /**
   * Id of the BGP filter profile applied to routes advertised to your device (32 lowercase hexadecimal
   * characters).
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
   * @default Cloudflare's default for the tunnel
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
export type PcapStatus = "unknown" | "success" | "pending" | "running" | "conversion_pending" | "conversion_running" | "complete" | "failed";

export interface PskMetadata {
  /** When the PSK was last set or generated. */
  lastGeneratedOn?: string;
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
 * it): changing it replaces the tunnel. On an `IpsecTunnel` it updates in place.
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
 * it): changing it replaces the tunnel. On an `IpsecTunnel` it updates in place.
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
