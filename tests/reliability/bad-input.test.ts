import * as magic from "pulumi-cloudflare-magic";
import { ownershipChallengeFile } from "../../emulator/resources/pcaps";
import { slotCatalogue } from "../../emulator/resources/cni";
import {
  BranchSite,
  type BranchSiteArgs,
  CniConnection,
  type CniConnectionArgs,
  TransitOnramp,
  type TransitOnrampArgs,
} from "../../sdk/components";
import { SHIM_TEXT } from "../../sdk/shim";
import { failure } from "../failure";
import { urn } from "../harness/host";
import { ProgramDriver, RunError } from "../harness/program";
import { ACCOUNT, TestStack, testStack } from "../resources/stack";

/**
 * The bad-input catalogue: every row is an input a user could plausibly write, sent through the
 * real provider host's `check` (as `pulumi preview` does), and each must be refused there, before
 * any request, with a sentence that names the property and the rule it breaks. Then the API's own
 * refusals (taken names, occupied slots, objects in use), which check cannot know about, must come
 * back as one sentence with Cloudflare's code, and leave state and account consistent.
 */
const SITE = "5e5c0a1e5e5c0a1e5e5c0a1e5e5c0a1e";
const LAN_A = "1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a";
const LAN_B = "2b2b2b2b2b2b2b2b2b2b2b2b2b2b2b2b";
const WAN_A = "3c3c3c3c3c3c3c3c3c3c3c3c3c3c3c3c";
const SLOT = "182bd5e5-6e1a-4fe4-a799-aa6d9a6ab26e";

/** A valid input set per resource token; each row changes it so that exactly one rule breaks. */
const VALID: Record<string, Record<string, unknown>> = {
  "magic:GreTunnel": {
    name: "gre_1",
    cloudflareGreEndpoint: "162.159.64.1",
    customerGreEndpoint: "203.0.113.10",
    interfaceAddress: "10.212.0.8/31",
  },
  "magic:IpsecTunnel": { name: "ipsec_1", cloudflareEndpoint: "162.159.65.1", interfaceAddress: "10.213.0.8/31" },
  "magic:StaticRoute": { prefix: "192.0.2.0/24", nexthop: "10.212.0.9", priority: 100 },
  "magic:RouteTable": { routes: [{ prefix: "192.0.2.0/24", nexthop: "10.212.0.9", priority: 100 }] },
  "magic:Site": { name: "nyc_branch" },
  "magic:SiteWan": { siteId: SITE, physport: 1 },
  "magic:SiteLan": { siteId: SITE, physport: 2, staticAddressing: { address: "192.168.10.1/24" } },
  "magic:SiteAcl": { siteId: SITE, name: "lan-to-lan", lan1: { lanId: LAN_A }, lan2: { lanId: LAN_B } },
  "magic:SiteAppConfig": { siteId: SITE, managedAppId: "cloudflare" },
  "magic:App": { name: "CRM", type: "Business" },
  "magic:Connector": { device: { id: "dev-1" } },
  "magic:CfInterconnect": { interconnectId: "c4a7362d577a6c3019a474fd6f485821" },
  "magic:PcapBucketOwnership": { destinationConf: "s3://pcaps-bucket?region=us-east-1" },
  "magic:PacketCapture": { type: "simple", system: "magic-transit", timeLimit: 300, packetLimit: 100 },
  "cni:Interconnect": { type: "direct", slotId: SLOT },
  "cni:Cni": { interconnect: "icon-a", magic: { conduitName: "ord_cni_1", description: "Chicago", mtu: 1500 } },
  "cni:CniSettings": { defaultAsn: 65001 },
};

type Row = [token: string, override: Record<string, unknown>, property: string, text: string];

const hc = (healthCheck: Record<string, unknown>) => ({ healthCheck });
const bgp = (b: Record<string, unknown>) => ({ bgp: { customerAsn: 65010, ...b } });
const lan = (staticAddressing: Record<string, unknown>) => ({ staticAddressing: { address: "192.168.10.1/24", ...staticAddressing } });
const acl1 = (extra: Record<string, unknown>) => ({ lan1: { lanId: LAN_A, ...extra } });
const route = (r: Record<string, unknown>) => ({ routes: [{ prefix: "192.0.2.0/24", nexthop: "10.212.0.9", priority: 100, ...r }] });
const filter = (f: Record<string, unknown>) => ({ filterV1: f });
const gcp = { slotId: undefined, bandwidth: "1G", pairingKey: "d5e1bc2a-1b2c-4d5e-8f90-123456789abc/us-east4/1" };
const cniMagic = (m: Record<string, unknown>) => ({ magic: { conduitName: "ord_cni_1", description: "Chicago", mtu: 1500, ...m } });

const ROWS: Row[] = [
  // GreTunnel: addressing, names, MTU, BGP, health checks, endpoints, spelling.
  [
    "magic:GreTunnel",
    { interfaceAddress: "10.212.0.8/29" },
    "interfaceAddress",
    "must be a /31 or /30 prefix inside 10.0.0.0/8, 172.16.0.0/12, 192.168.0.0/16 or 169.254.240.0/20",
  ],
  ["magic:GreTunnel", { interfaceAddress: "10.212.0.8/30" }, "interfaceAddress", "is the network address of its /30"],
  ["magic:GreTunnel", { interfaceAddress: "10.212.0.11/30" }, "interfaceAddress", "is the broadcast address of its /30"],
  [
    "magic:GreTunnel",
    { interfaceAddress: "203.0.113.0/31" },
    "interfaceAddress",
    "must be a /31 or /30 prefix inside 10.0.0.0/8, 172.16.0.0/12, 192.168.0.0/16 or 169.254.240.0/20",
  ],
  [
    "magic:GreTunnel",
    { interfaceAddress: "203.0.113.1/30" },
    "interfaceAddress",
    "must be a /31 or /30 prefix inside 10.0.0.0/8, 172.16.0.0/12, 192.168.0.0/16 or 169.254.240.0/20",
  ],
  [
    "magic:GreTunnel",
    { interfaceAddress: "169.254.100.1/30" },
    "interfaceAddress",
    "must be a /31 or /30 prefix inside 10.0.0.0/8, 172.16.0.0/12, 192.168.0.0/16 or 169.254.240.0/20",
  ],
  [
    "magic:GreTunnel",
    { interfaceAddress: "100.64.0.1/30" },
    "interfaceAddress",
    "must be a /31 or /30 prefix inside 10.0.0.0/8, 172.16.0.0/12, 192.168.0.0/16 or 169.254.240.0/20",
  ],
  ["magic:GreTunnel", { interfaceAddress: "10.212.0.8" }, "interfaceAddress", "must be a /31 or /30 prefix"],
  ["magic:GreTunnel", { interfaceAddress: "10.212.0/31" }, "interfaceAddress", "must be a /31 or /30 prefix"],
  [
    "magic:GreTunnel",
    { interfaceAddress6: "2606:54c1:7:0:a9fe:12d2:1:201/127" },
    "interfaceAddress6",
    "/127 prefix written with the first address of the subnet",
  ],
  ["magic:GreTunnel", { interfaceAddress6: "2606:54c1:7:0:a9fe:12d2:1:200/64" }, "interfaceAddress6", "must be an IPv6 /127 prefix"],
  ["magic:GreTunnel", { interfaceAddress6: "10.212.0.8/127" }, "interfaceAddress6", "must be an IPv6 /127 prefix"],
  ["magic:GreTunnel", { mtu: 575 }, "mtu", "must be at least 576"],
  ["magic:GreTunnel", { mtu: 1400.5 }, "mtu", "must be a whole number"],
  ["magic:GreTunnel", { ttl: 0 }, "ttl", "must be at least 1"],
  ["magic:GreTunnel", { name: "sixteen_chars_xx" }, "name", "must be at most 15 characters long"],
  ["magic:GreTunnel", { name: "nyc gre 1" }, "name", "no spaces or special characters"],
  ["magic:GreTunnel", { name: "nyc-gre-1" }, "name", "no spaces or special characters"],
  ["magic:GreTunnel", { name: "gre.1" }, "name", "only letters, digits and underscores"],
  ["magic:GreTunnel", { name: "" }, "name", "must be at least 1 characters long"],
  ["magic:GreTunnel", bgp({ md5Key: "abc?def" }), "bgp.md5Key", "the question mark (?)"],
  ["magic:GreTunnel", bgp({ md5Key: 'abc"def' }), "bgp.md5Key", 'the quotation mark (")'],
  ["magic:GreTunnel", bgp({ md5Key: "abc\tdef" }), "bgp.md5Key", "no tabs or line breaks"],
  ["magic:GreTunnel", bgp({ md5Key: "abc\ndef" }), "bgp.md5Key", "no tabs or line breaks"],
  ["magic:GreTunnel", bgp({ md5Key: "" }), "bgp.md5Key", "must be at least 1 characters long"],
  ["magic:GreTunnel", bgp({ customerAsn: 0 }), "bgp.customerAsn", "must be at least 1"],
  ["magic:GreTunnel", bgp({ customerAsn: 4294967296 }), "bgp.customerAsn", "must be at most 4294967295"],
  ["magic:GreTunnel", bgp({ customerAsn: 65010.5 }), "bgp.customerAsn", "must be a whole number"],
  ["magic:GreTunnel", bgp({ extraPrefixes: ["192.0.2.1/24"] }), "bgp.extraPrefixes.0", "no host bits set"],
  ["magic:GreTunnel", hc({ rate: "fast" }), "healthCheck.rate", 'one of "low", "mid", "high"'],
  ["magic:GreTunnel", hc({ type: "ping" }), "healthCheck.type", 'one of "reply", "request"'],
  ["magic:GreTunnel", hc({ direction: "both" }), "healthCheck.direction", 'one of "unidirectional", "bidirectional"'],
  ["magic:GreTunnel", hc({ target: "customer-router" }), "healthCheck.target", "must be an IPv4 or IPv6 address"],
  ["magic:GreTunnel", { cloudflareGreEndpoint: "2001:db8::1" }, "cloudflareGreEndpoint", "must be an IPv4 address"],
  ["magic:GreTunnel", { customerGreEndpoint: "203.0.113.300" }, "customerGreEndpoint", "must be an IPv4 address"],
  ["magic:GreTunnel", { customerGreEndpoint: undefined }, "customerGreEndpoint", "is required"],
  ["magic:GreTunnel", { mtuu: 1400 }, "mtuu", "is not a property of GreTunnel; did you mean mtu?"],
  [
    "magic:GreTunnel",
    { interfaceAdress: "10.212.0.8/31" },
    "interfaceAdress",
    "is not a property of GreTunnel; did you mean interfaceAddress?",
  ],
  // IpsecTunnel
  ["magic:IpsecTunnel", { interfaceAddress: "10.213.0.8/32" }, "interfaceAddress", "must be a /31 or /30 prefix"],
  [
    "magic:IpsecTunnel",
    { interfaceAddress: "8.8.8.0/31" },
    "interfaceAddress",
    "must be a /31 or /30 prefix inside 10.0.0.0/8, 172.16.0.0/12, 192.168.0.0/16 or 169.254.240.0/20",
  ],
  [
    "magic:IpsecTunnel",
    { interfaceAddress: "169.254.100.0/30" },
    "interfaceAddress",
    "must be a /31 or /30 prefix inside 10.0.0.0/8, 172.16.0.0/12, 192.168.0.0/16 or 169.254.240.0/20",
  ],
  [
    "magic:IpsecTunnel",
    { interfaceAddress: "100.64.0.0/30" },
    "interfaceAddress",
    "must be a /31 or /30 prefix inside 10.0.0.0/8, 172.16.0.0/12, 192.168.0.0/16 or 169.254.240.0/20",
  ],
  [
    "magic:IpsecTunnel",
    { interfaceAddress: "169.254.244.0/29" },
    "interfaceAddress",
    "must be a /31 or /30 prefix inside 10.0.0.0/8, 172.16.0.0/12, 192.168.0.0/16 or 169.254.240.0/20",
  ],
  ["magic:IpsecTunnel", { interfaceAddress: "169.254.244.0/30" }, "interfaceAddress", "169.254.244.1/30 or 169.254.244.2/30"],
  ["magic:IpsecTunnel", { interfaceAddress6: "2001:db8::1/127" }, "interfaceAddress6", "written with the first address of the subnet"],
  ["magic:IpsecTunnel", { cloudflareEndpoint: "cloudflare" }, "cloudflareEndpoint", "must be an IPv4 or IPv6 address"],
  ["magic:IpsecTunnel", { customerEndpoint: "10.0.0" }, "customerEndpoint", "must be an IPv4 or IPv6 address"],
  [
    "magic:IpsecTunnel",
    { customRemoteIdentities: { fqdnId: "ipsec.example.com" } },
    "customRemoteIdentities.fqdnId",
    "<name>.<account>.custom.ipsec.cloudflare.com",
  ],
  ["magic:IpsecTunnel", bgp({ md5Key: "k?y" }), "bgp.md5Key", "the question mark (?)"],
  ["magic:IpsecTunnel", hc({ rate: "medium" }), "healthCheck.rate", 'one of "low", "mid", "high"'],
  ["magic:IpsecTunnel", { psk: "" }, "psk", "must be at least 1 characters long"],
  ["magic:IpsecTunnel", { name: undefined }, "name", "is required"],
  // StaticRoute
  ["magic:StaticRoute", { prefix: "192.0.2.1/24" }, "prefix", "no host bits set"],
  ["magic:StaticRoute", { prefix: "192.0.2.0/33" }, "prefix", "a prefix in CIDR notation"],
  ["magic:StaticRoute", { prefix: "192.0.2.0" }, "prefix", "a prefix in CIDR notation"],
  ["magic:StaticRoute", { nexthop: "10.212.0.999" }, "nexthop", "must be an IPv4 or IPv6 address"],
  ["magic:StaticRoute", { priority: -1 }, "priority", "must be at least 0"],
  ["magic:StaticRoute", { weight: 257 }, "weight", "must be at most 256"],
  ["magic:StaticRoute", { scope: { coloNames: [""] } }, "scope.coloNames.0", "must be at least 1 characters long"],
  // RouteTable
  ["magic:RouteTable", route({ prefix: "10.0.0.1/8" }), "routes.0.prefix", "no host bits set"],
  ["magic:RouteTable", route({ nexthop: "next-router" }), "routes.0.nexthop", "must be an IPv4 or IPv6 address"],
  ["magic:RouteTable", route({ priority: "high" }), "routes.0.priority", "must be a number"],
  [
    "magic:RouteTable",
    { routes: [VALID["magic:RouteTable"].routes, VALID["magic:RouteTable"].routes].flat() },
    "routes.1",
    "repeats routes.0 (192.0.2.0/24 via 10.212.0.9)",
  ],
  // Site
  ["magic:Site", { name: "" }, "name", "must not be empty"],
  ["magic:Site", { connectorId: "connector-1" }, "connectorId", "32 lowercase hexadecimal characters"],
  ["magic:Site", { location: { lat: "91" } }, "location.lat", "latitude in decimal degrees between -90 and 90"],
  ["magic:Site", { location: { lon: "east" } }, "location.lon", "longitude in decimal degrees"],
  ["magic:Site", { secondaryConnectorId: LAN_A }, "secondaryConnectorId", "set haMode: true"],
  ["magic:Site", { haMode: true, connectorId: LAN_A, secondaryConnectorId: LAN_A }, "secondaryConnectorId", "must differ from connectorId"],
  // SiteWan
  ["magic:SiteWan", { physport: 0 }, "physport", "must be at least 1"],
  ["magic:SiteWan", { vlanTag: 4095 }, "vlanTag", "must be at most 4094"],
  ["magic:SiteWan", { siteId: "nyc-branch" }, "siteId", "must be a site id: 32 lowercase hexadecimal characters"],
  [
    "magic:SiteWan",
    { staticAddressing: { address: "203.0.113.10", gatewayAddress: "203.0.113.1" } },
    "staticAddressing.address",
    "with its prefix length",
  ],
  [
    "magic:SiteWan",
    { staticAddressing: { address: "203.0.113.10/24", gatewayAddress: "198.51.100.1" } },
    "staticAddressing.gatewayAddress",
    "inside the subnet of staticAddressing.address",
  ],
  [
    "magic:SiteWan",
    { siteHaMode: true, staticAddressing: { address: "203.0.113.10/24", gatewayAddress: "203.0.113.1" } },
    "staticAddressing.secondaryAddress",
    "high availability mode",
  ],
  // SiteLan
  ["magic:SiteLan", { vlanTag: -1 }, "vlanTag", "must be at least 0"],
  ["magic:SiteLan", { routedSubnets: [{ nextHop: "192.168.10.2", prefix: "10.1.0.1/16" }] }, "routedSubnets.0.prefix", "no host bits set"],
  [
    "magic:SiteLan",
    { routedSubnets: [{ nextHop: "2001:db8::2", prefix: "10.1.0.0/16" }] },
    "routedSubnets.0.nextHop",
    "must be an IPv4 address",
  ],
  [
    "magic:SiteLan",
    lan({ dhcpServer: { dhcpPoolStart: "192.168.20.10", dhcpPoolEnd: "192.168.10.200" } }),
    "staticAddressing.dhcpServer.dhcpPoolStart",
    "inside the subnet of staticAddressing.address",
  ],
  [
    "magic:SiteLan",
    lan({ dhcpServer: { dhcpPoolStart: "192.168.10.200", dhcpPoolEnd: "192.168.10.10" } }),
    "staticAddressing.dhcpServer.dhcpPoolEnd",
    "must not come before",
  ],
  [
    "magic:SiteLan",
    lan({ dhcpRelay: { serverAddresses: ["10.0.0.53"] }, dhcpServer: {} }),
    "staticAddressing.dhcpRelay",
    "cannot be set together with staticAddressing.dhcpServer",
  ],
  [
    "magic:SiteLan",
    lan({ dhcpServer: { reservations: { "printer-1": "192.168.10.20" } } }),
    "staticAddressing.dhcpServer.reservations",
    "keyed by MAC addresses",
  ],
  ["magic:SiteLan", { nat: { staticPrefix: "10.0.0.1/24" } }, "nat.staticPrefix", "no host bits set"],
  ["magic:SiteLan", { siteHaMode: false, haLink: true }, "haLink", "only works for a site in high availability mode"],
  // SiteAcl: ports, ranges, subnets, protocols, LANs named instead of identified
  ["magic:SiteAcl", acl1({ ports: [70000] }), "lan1.ports.0", "must be at most 65535"],
  ["magic:SiteAcl", acl1({ ports: [0] }), "lan1.ports.0", "must be at least 1"],
  ["magic:SiteAcl", acl1({ portRanges: ["9000-8080"] }), "lan1.portRanges.0", 'a port range "start-end" with 1 <= start <= end <= 65535'],
  ["magic:SiteAcl", acl1({ portRanges: ["8080"] }), "lan1.portRanges.0", 'a port range "start-end"'],
  ["magic:SiteAcl", acl1({ portRanges: ["1-65536"] }), "lan1.portRanges.0", 'a port range "start-end"'],
  ["magic:SiteAcl", { lan2: { lanId: LAN_B, subnets: ["10.0.0.1/24"] } }, "lan2.subnets.0", "no host bits set"],
  ["magic:SiteAcl", { protocols: ["gre"] }, "protocols.0", 'one of "tcp", "udp", "icmp"'],
  ["magic:SiteAcl", { lan1: { lanId: "office-lan" } }, "lan1.lanId", "must be the id of a LAN of the site"],
  ["magic:SiteAcl", { name: "" }, "name", "must be a name (not empty)"],
  // SiteAppConfig
  ["magic:SiteAppConfig", { preferredWans: [WAN_A] }, "preferredWans", "can only be set on a breakout rule"],
  ["magic:SiteAppConfig", { preferredWans: [WAN_A], breakout: false }, "preferredWans", "set breakout to true"],
  ["magic:SiteAppConfig", { priority: 2 }, "priority", "must be 0 (the default) or 1 (prioritized)"],
  ["magic:SiteAppConfig", { priority: -1 }, "priority", "must be 0 (the default) or 1 (prioritized)"],
  ["magic:SiteAppConfig", { accountAppId: WAN_A }, "managedAppId", "cannot be set together with accountAppId"],
  ["magic:SiteAppConfig", { managedAppId: undefined }, "accountAppId", "or managedAppId is required"],
  ["magic:SiteAppConfig", { managedAppId: undefined, accountAppId: "crm" }, "accountAppId", "must be a Magic account app id"],
  // App
  ["magic:App", { hostnames: ["not a host"] }, "hostnames.0", "must be a fully qualified domain name"],
  ["magic:App", { ipSubnets: ["2001:db8::/32"] }, "ipSubnets.0", "IPv6 is not supported"],
  ["magic:App", { sourceSubnets: ["10.0.0.1/8"] }, "sourceSubnets.0", "no host bits set"],
  ["magic:App", { type: undefined }, "type", "is required"],
  // Connector
  ["magic:Connector", { device: {} }, "device", "must set exactly one of id"],
  ["magic:Connector", { device: { id: "dev-1", serialNumber: "SN-1" } }, "device", "must set exactly one of id"],
  ["magic:Connector", { device: { serialNumber: "SN-1", provisionLicense: true } }, "device", "must set exactly one of id"],
  ["magic:Connector", { device: { provisionLicense: false } }, "device.provisionLicense", "must be true"],
  [
    "magic:Connector",
    { interruptWindowEmbargoDates: ["2026-13-01"] },
    "interruptWindowEmbargoDates.0",
    "a calendar date written YYYY-MM-DD",
  ],
  ["magic:Connector", { interruptWindowEmbargoDates: ["24/12/2026"] }, "interruptWindowEmbargoDates.0", "YYYY-MM-DD"],
  ["magic:Connector", { interruptWindowEmbargoDates: ["2026-02-30"] }, "interruptWindowEmbargoDates.0", "YYYY-MM-DD"],
  ["magic:Connector", { interruptWindowHourOfDay: 24 }, "interruptWindowHourOfDay", "must be at most 23"],
  ["magic:Connector", { interruptWindowDurationHours: 0 }, "interruptWindowDurationHours", "must be at least 1"],
  ["magic:Connector", { interruptWindowDaysOfWeek: ["Funday"] }, "interruptWindowDaysOfWeek.0", '"Sunday", "Monday"'],
  ["magic:Connector", { interruptWindowDaysOfWeek: ["Monday", "Monday"] }, "interruptWindowDaysOfWeek", "must not name a day twice"],
  ["magic:Connector", { timezone: "Mars/Olympus_Mons" }, "timezone", "must be an IANA time zone name"],
  // CfInterconnect
  ["magic:CfInterconnect", { interconnectId: "" }, "interconnectId", "must be at least 1 characters long"],
  ["magic:CfInterconnect", { mtu: 500 }, "mtu", "must be at least 576"],
  ["magic:CfInterconnect", { interfaceAddress: "192.168.4.0/30" }, "interfaceAddress", "is the network address of its /30"],
  ["magic:CfInterconnect", { interfaceAddress: "198.51.100.1/30" }, "interfaceAddress", "or a /31 from the account's authorized prefixes"],
  ["magic:CfInterconnect", { interfaceAddress: "192.168.4.0/29" }, "interfaceAddress", "must be a /31 or /30 prefix"],
  ["magic:CfInterconnect", { gre: { cloudflareEndpoint: "edge" } }, "gre.cloudflareEndpoint", "must be an IPv4 or IPv6 address"],
  [
    "magic:CfInterconnect",
    hc({ direction: "bidirectional" }),
    "healthCheck.source",
    "is required when healthCheck.direction is bidirectional",
  ],
  ["magic:CfInterconnect", hc({ rate: "max" }), "healthCheck.rate", 'one of "low", "mid", "high"'],
  // PcapBucketOwnership
  ["magic:PcapBucketOwnership", { destinationConf: "https://pcaps-bucket.s3.amazonaws.com" }, "destinationConf", "the bucket's full URI"],
  ["magic:PcapBucketOwnership", { destinationConf: "s3://" }, "destinationConf", "s3://<bucket>"],
  ["magic:PcapBucketOwnership", { ownershipChallenge: "" }, "ownershipChallenge", "must be at least 1 characters long"],
  // PacketCapture
  ["magic:PacketCapture", { type: "partial" }, "type", 'one of "simple", "full"'],
  ["magic:PacketCapture", { system: "magic-wan" }, "system", 'must be "magic-transit"'],
  ["magic:PacketCapture", { timeLimit: 301 }, "timeLimit", "must be at most 300"],
  ["magic:PacketCapture", { packetLimit: 10001 }, "packetLimit", "must be at most 10000"],
  ["magic:PacketCapture", { packetLimit: undefined }, "packetLimit", "is required for a simple packet capture"],
  ["magic:PacketCapture", { byteLimit: 1000 }, "byteLimit", "only applies to full packet captures"],
  [
    "magic:PacketCapture",
    { type: "full", packetLimit: undefined, destinationConf: "s3://pcaps-bucket?region=us-east-1" },
    "coloName",
    "is required for a full packet capture",
  ],
  ["magic:PacketCapture", filter({ destinationPort: 65536 }), "filterV1.destinationPort", "must be at most 65535"],
  ["magic:PacketCapture", filter({ sourcePort: -1 }), "filterV1.sourcePort", "must be at least 0"],
  ["magic:PacketCapture", filter({ protocol: 256 }), "filterV1.protocol", "must be at most 255"],
  ["magic:PacketCapture", filter({ sourceAddress: "198.51.100" }), "filterV1.sourceAddress", "must be an IPv4 or IPv6 address"],
  ["magic:PacketCapture", { offsetTime: "yesterday" }, "offsetTime", "must be an RFC 3339 timestamp"],
  // cni.Interconnect: physical xor GCP Partner
  ["cni:Interconnect", { bandwidth: "1G", pairingKey: gcp.pairingKey }, "bandwidth", "must not be set together with slotId"],
  ["cni:Interconnect", { pairingKey: gcp.pairingKey }, "pairingKey", "must not be set together with slotId"],
  ["cni:Interconnect", { slotId: undefined }, "slotId", "is required for a physical interconnect"],
  ["cni:Interconnect", { ...gcp, bandwidth: "3G" }, "bandwidth", 'one of "50M", "100M"'],
  ["cni:Interconnect", { ...gcp, bandwidth: undefined }, "bandwidth", "is required with pairingKey"],
  ["cni:Interconnect", { ...gcp, speed: "10G" }, "speed", "applies to physical interconnects only"],
  ["cni:Interconnect", { slotId: "slot-1" }, "slotId", "must be a slot id (a UUID"],
  ["cni:Interconnect", { waitForStatus: { status: "Down" } }, "waitForStatus.status", 'one of "Pending", "Healthy"'],
  ["cni:Interconnect", { waitForStatus: { status: "Healthy", timeoutSeconds: 0 } }, "waitForStatus.timeoutSeconds", "must be at least 1"],
  // cni.Cni
  ["cni:Cni", cniMagic({ mtu: 575 }), "magic.mtu", "must be at least 576"],
  ["cni:Cni", cniMagic({ conduitName: "" }), "magic.conduitName", "must be at least 1 characters long"],
  ["cni:Cni", { magic: undefined }, "magic", "is required"],
  ["cni:Cni", bgp({ customerAsn: 0 }), "bgp.customerAsn", "must be at least 1"],
  ["cni:Cni", bgp({ md5Key: "line\nbreak" }), "bgp.md5Key", "no tabs or line breaks"],
  ["cni:Cni", { interconnect: "" }, "interconnect", "must be at least 1 characters long"],
  // cni.CniSettings
  ["cni:CniSettings", { defaultAsn: 0 }, "defaultAsn", "must be at least 1"],
  ["cni:CniSettings", { defaultAsn: 4294967296 }, "defaultAsn", "must be at most 4294967295"],
  ["cni:CniSettings", { defaultAsn: "65001" }, "defaultAsn", "must be a number"],
  ["cni:CniSettings", { defaultAsn: undefined }, "defaultAsn", "is required"],
];

/**
 * Components check their arguments as a whole (names that must resolve, addresses that must not
 * collide) in their constructors, before any child exists: a bad argument fails the program before
 * the provider host or the API hear of it. Each row: component, its arguments, the text.
 */
const branchSite = (o: Partial<BranchSiteArgs> = {}): BranchSiteArgs => ({
  name: "nyc_branch",
  wans: [
    { name: "isp_a", physport: 1 },
    { name: "isp_b", physport: 2 },
  ],
  lans: [
    { name: "office", physport: 3, vlanTag: 10, staticAddressing: { address: "192.168.10.1/24" } },
    { name: "pos", physport: 3, vlanTag: 20, staticAddressing: { address: "192.168.20.1/24" } },
  ],
  acls: [{ name: "pos_to_office", lan1: { lan: "pos" }, lan2: { lan: "office" }, protocols: ["tcp"] }],
  appConfigs: [{ name: "cf", managedAppId: "cloudflare", breakout: true, preferredWans: ["isp_a"] }],
  ...o,
});
const onramp = (o: Partial<TransitOnrampArgs> = {}): TransitOnrampArgs => ({
  tunnels: [
    {
      kind: "gre",
      name: "dc1_gre_1",
      cloudflareEndpoint: "162.159.64.1",
      customerEndpoint: "203.0.113.10",
      interfaceAddress: "10.212.0.8/31",
    },
    { kind: "ipsec", name: "dc1_ipsec_1", cloudflareEndpoint: "162.159.65.1", interfaceAddress: "10.213.0.8/31" },
  ],
  prefixes: ["192.0.2.0/24", "198.51.100.0/24"],
  ...o,
});
const connection = (o: Partial<CniConnectionArgs> = {}): CniConnectionArgs => ({
  interconnect: { type: "direct", slotId: SLOT },
  magic: { conduitName: "ord_cni_1", description: "Chicago", mtu: 1500 },
  routes: { prefixes: ["192.0.2.0/24"] },
  ...o,
});
type ComponentRow = [component: string, declare: () => void, text: string];
const [office, pos] = branchSite().lans!;
const COMPONENT_ROWS: ComponentRow[] = [
  [
    "BranchSite",
    () => new BranchSite("nyc", branchSite({ acls: [{ name: "pos_to_wh", lan1: { lan: "pos" }, lan2: { lan: "warehouse" } }] })),
    'BranchSite "nyc": ACL "pos_to_wh" refers to LAN "warehouse", which is not declared; known LANs: "office", "pos".',
  ],
  [
    "BranchSite",
    () =>
      new BranchSite(
        "nyc",
        branchSite({ appConfigs: [{ name: "cf", managedAppId: "cloudflare", breakout: true, preferredWans: ["isp_c"] }] }),
      ),
    'app config "cf" refers to WAN "isp_c", which is not declared; known WANs: "isp_a", "isp_b".',
  ],
  [
    "BranchSite",
    () => new BranchSite("nyc", branchSite({ lans: [office, { ...pos, staticAddressing: { address: "192.168.10.129/25" } }] })),
    "overlap; the subnets and routed subnets of a site's LANs must be disjoint.",
  ],
  [
    "BranchSite",
    () =>
      new BranchSite(
        "nyc",
        branchSite({
          lans: [
            office,
            { ...pos, staticAddressing: undefined, routedSubnets: [{ prefix: "192.168.10.0/28", nextHop: "192.168.10.254" }] },
          ],
        }),
      ),
    "overlap; the subnets and routed subnets of a site's LANs must be disjoint.",
  ],
  [
    "BranchSite",
    () => new BranchSite("nyc", branchSite({ lans: [office, { ...pos, name: "office" }] })),
    'two LANs are named "office"; LAN names must be unique.',
  ],
  [
    "BranchSite",
    () => new BranchSite("nyc", branchSite({ lans: [office, { ...pos, vlanTag: 10 }] })),
    "both use port 3 with VLAN 10; each port/VLAN pair carries one network.",
  ],
  [
    "BranchSite",
    () => new BranchSite("nyc", branchSite({ haMode: true })),
    'LAN "office" needs staticAddressing.secondaryAddress and staticAddressing.virtualAddress: on a high availability site',
  ],
  [
    "BranchSite",
    () => new BranchSite("nyc", branchSite({ lans: [office, { ...pos, haLink: true }] })),
    'LAN "pos" is marked haLink, which only works on a site in high availability mode (haMode: true).',
  ],
  [
    "BranchSite",
    // Before: SiteLan's own check refused it, but only after the site and its WANs were created (an `up` without preview).
    () =>
      new BranchSite(
        "nyc",
        branchSite({
          lans: [
            {
              ...office,
              staticAddressing: {
                address: "192.168.10.1/24",
                dhcpServer: { dhcpPoolStart: "192.168.11.10", dhcpPoolEnd: "192.168.10.200" },
              },
            },
            pos,
          ],
        }),
      ),
    'BranchSite "nyc": LAN "office": staticAddressing.dhcpServer.dhcpPoolStart must be inside the subnet of staticAddressing.address (192.168.10.1/24) (got "192.168.11.10").',
  ],
  [
    "BranchSite",
    () =>
      new BranchSite(
        "nyc",
        branchSite({
          lans: [
            office,
            {
              ...pos,
              staticAddressing: { address: "192.168.20.1/24", dhcpServer: { reservations: { "00:11:22:33:44:55": "192.168.10.5" } } },
            },
          ],
        }),
      ),
    'LAN "pos": staticAddressing.dhcpServer.reservations must reserve addresses inside the subnet of staticAddressing.address (192.168.20.1/24); not 192.168.10.5 for 00:11:22:33:44:55.',
  ],
  [
    "TransitOnramp",
    () => new TransitOnramp("dc1", onramp({ prefixes: ["10.96.0.0/16", "10.96.1.0/24"] })),
    'TransitOnramp "dc1": prefixes 10.96.0.0/16 and 10.96.1.0/24 overlap (10.96.1.0/24 lies inside 10.96.0.0/16), so the same addresses would be routed twice; list 10.96.0.0/16 alone, or split it so no two prefixes overlap.',
  ],
  [
    "CniConnection",
    () => new CniConnection("ord", connection({ routes: { prefixes: ["198.51.100.128/25", "198.51.100.0/24"] } })),
    "route prefixes 198.51.100.0/24 and 198.51.100.128/25 overlap",
  ],
  [
    "TransitOnramp",
    () => new TransitOnramp("dc1", onramp({ tunnels: onramp().tunnels.map((t) => ({ ...t, interfaceAddress: "10.212.0.8/31" })) })),
    'TransitOnramp "dc1": tunnels "dc1_gre_1" and "dc1_ipsec_1" use the same /31 (10.212.0.8/31); each tunnel needs its own.',
  ],
  [
    "TransitOnramp",
    () =>
      new TransitOnramp(
        "dc1",
        onramp({
          tunnels: [
            { ...onramp().tunnels[0], interfaceAddress: "10.212.0.9/30" },
            { ...onramp().tunnels[1], interfaceAddress: "10.212.0.10/31" },
          ],
        }),
      ),
    'tunnels "dc1_gre_1" and "dc1_ipsec_1" use overlapping subnets (10.212.0.8/30 and 10.212.0.10/31); each tunnel needs its own.',
  ],
  [
    "TransitOnramp",
    () => new TransitOnramp("dc1", onramp({ tunnels: [{ ...onramp().tunnels[0], interfaceAddress: "169.254.244.3/30" }] })),
    'tunnel "dc1_gre_1": interfaceAddress "169.254.244.3/30" is the broadcast address of its /30',
  ],
  [
    "TransitOnramp",
    () =>
      new TransitOnramp(
        "dc1",
        onramp({ tunnels: [{ ...onramp().tunnels[0] }, { ...onramp().tunnels[1], interfaceAddress: "10.212.0.9/31" }] }),
      ),
    "use the same /31 (10.212.0.8/31); each tunnel needs its own.",
  ],
  [
    "TransitOnramp",
    () => new TransitOnramp("dc1", onramp({ tunnels: [{ ...onramp().tunnels[0], interfaceAddress: "203.0.113.0/31" }] })),
    'tunnel "dc1_gre_1": interfaceAddress "203.0.113.0/31" must be a /31 or /30 prefix inside 10.0.0.0/8, 172.16.0.0/12, 192.168.0.0/16 or 169.254.240.0/20, such as 10.212.0.8/31.',
  ],
  [
    "TransitOnramp",
    () => new TransitOnramp("dc1", onramp({ tunnels: [{ ...onramp().tunnels[0], name: "dc1 gre 1" }] })),
    'GRE tunnel "dc1 gre 1": a GRE tunnel name must be 1 to 15 letters, digits or underscores (no spaces or special characters).',
  ],
  [
    "TransitOnramp",
    () => new TransitOnramp("dc1", onramp({ prefixes: ["192.0.2.1/24"] })),
    'prefix "192.0.2.1/24" has host bits set; write it as 192.0.2.0/24.',
  ],
  [
    "TransitOnramp",
    () => new TransitOnramp("dc1", onramp({ prefixes: ["192.0.2.0/24", "192.0.2.0/24"] })),
    "prefix 192.0.2.0/24 is listed twice; list each prefix once.",
  ],
  [
    "TransitOnramp",
    () => new TransitOnramp("dc1", onramp({ routing: { mode: "active-backup", step: 0 } })),
    "routing.step must be a positive number (got 0).",
  ],
  ["TransitOnramp", () => new TransitOnramp("dc1", onramp({ tunnels: [] })), "tunnels is empty; an on-ramp needs at least one tunnel."],
  [
    "CniConnection",
    () =>
      new CniConnection(
        "ord",
        connection({ interconnect: { type: "direct", slotId: SLOT, bandwidth: "1G", pairingKey: "k/us-central1/1" } }),
      ),
    'CniConnection "ord": the interconnect gives slotId and bandwidth; it is either physical (slotId, speed) or GCP Partner (bandwidth, pairingKey).',
  ],
  [
    "CniConnection",
    () => new CniConnection("ord", connection({ interconnect: { type: "direct" } })),
    "the interconnect needs slotId (physical) or bandwidth and pairingKey (GCP Partner).",
  ],
  [
    "CniConnection",
    () => new CniConnection("ord", connection({ routes: { prefixes: ["192.0.2.0/33"] } })),
    'route prefix "192.0.2.0/33" is not a prefix in CIDR notation such as 192.0.2.0/24.',
  ],
];

/** Properties whose values must never be echoed back in a failure. */
const SECRET_PROPERTY = /md5Key|psk|pairingKey|ownershipChallenge/;

let s: TestStack;
let rejected = 0;
/** Requests the emulator received while the catalogue ran (the API cases below make their own). */
let catalogueRequests = 0;
let componentsRejected = 0;
let componentCalls = 0;
let componentRequests = 0;
beforeAll(async () => {
  s = await testStack();
});
afterAll(async () => {
  console.log(
    `bad inputs rejected in check: ${rejected} of ${ROWS.length} (${catalogueRequests} requests sent); ` +
      `component arguments rejected before any child: ${componentsRejected} of ${COMPONENT_ROWS.length} (${componentCalls} host calls, ${componentRequests} requests sent)`,
  );
  await s.close();
});

const checkInputs = (token: string, override: Record<string, unknown>) => ({
  __provider: SHIM_TEXT,
  __token: token,
  __resourceName: "bad",
  ...VALID[token],
  ...override,
});
const check = (token: string, override: Record<string, unknown>) =>
  s.host.check(urn(`pulumi-nodejs:dynamic/${token}`, "bad"), {}, checkInputs(token, override));

describe("the bad-input catalogue, through the provider host's check", () => {
  it("covers every resource, with at least 80 rows, from inputs that pass check unchanged", async () => {
    expect(new Set(ROWS.map(([token]) => token))).toEqual(new Set(Object.keys(VALID)));
    expect(ROWS.length).toBeGreaterThanOrEqual(80);
    for (const token of Object.keys(VALID)) expect({ token, failures: (await check(token, {})).failures }).toEqual({ token, failures: [] });
  });

  it.each(ROWS)("%s %j is refused on %s: %s", async (token, override, property, text) => {
    const before = s.emulator.stats.totalRequests;
    const { failures } = await check(token, override);
    const hit = failures.find((f) => f.property === property);
    expect({ failures, hit: hit?.reason.includes(text) }).toMatchObject({ hit: true });
    // One sentence (or a question: "did you mean ...?") that starts with the property it is about, and never echoes a secret.
    expect(hit!.reason.startsWith(property)).toBe(true);
    expect(hit!.reason).toMatch(/[.?]$/);
    if (SECRET_PROPERTY.test(property)) {
      for (const v of Object.values(JSON.parse(JSON.stringify(override)))) expect(hit!.reason).not.toContain(JSON.stringify(v));
    }
    catalogueRequests += s.emulator.stats.totalRequests - before;
    expect(s.emulator.stats.totalRequests).toBe(before);
    rejected++;
  });
});

describe("bad component arguments, through a whole program", () => {
  it.each(COMPONENT_ROWS.map(([component, declare, text]) => [component, text, declare] as const))(
    "%s refuses: %s",
    async (_component, text, declare) => {
      const before = s.emulator.stats.totalRequests;
      const driver = newDriver();
      const err = await failure(driver.up(declare));
      expect(err).toBeInstanceOf(RunError);
      expect(err.errors.map((e: Error) => e.message)).toEqual([expect.stringContaining(text)]);
      expect(err.errors[0].name).toBe("PlanError");
      const calls = Object.values(err.result.calls as Record<string, number>).reduce((a, b) => a + b, 0);
      componentCalls += calls;
      componentRequests += s.emulator.stats.totalRequests - before;
      expect({ calls, requests: s.emulator.stats.totalRequests - before, state: driver.state.size }).toEqual({
        calls: 0,
        requests: 0,
        state: 0,
      });
      componentsRejected++;
    },
  );
});

describe("refusals only the API can make", () => {
  // A refused duplicate then names the object already there and how to adopt it (see Interrupted applies).
  const oneSentence =
    /^create (\w+) '[^']+': Cloudflare (\d+): [^\n]+ \(HTTP 400 from POST \/client\/v4\/accounts\/[0-9a-f]{32}\/[^\s]+\)\.( The existing \w+ [^\n]*has id \S+\. [^\n]+)?$/;

  beforeEach(() => {
    s.emulator.store.clear();
    s.emulator.resetStats();
  });

  it("a tunnel name someone else took: one sentence with code 1003; the rest of the program is applied and recorded", async () => {
    s.emulator.store.insert(ACCOUNT, "gre_tunnels", {
      name: "nyc_gre_1",
      cloudflare_gre_endpoint: "162.159.64.1",
      customer_gre_endpoint: "203.0.113.99",
      interface_address: "10.212.9.0/31",
    });
    const driver = newDriver();
    const program = (name: string) => () => {
      new magic.GreTunnel("nyc-gre-1", {
        name,
        cloudflareGreEndpoint: "162.159.64.1",
        customerGreEndpoint: "203.0.113.10",
        interfaceAddress: "10.212.0.8/31",
      });
      // Into the tunnel that exists already: a route into the refused one could not be made before it.
      new magic.StaticRoute("dc1", { prefix: "192.0.2.0/24", nexthop: "10.212.9.1", priority: 100 });
    };
    const err = await failure(driver.up(program("nyc_gre_1")));
    expect(err).toBeInstanceOf(RunError);
    expect(err.errors).toHaveLength(1);
    const [, kind, code] = oneSentence.exec(err.errors[0].message) ?? [];
    expect({ message: err.errors[0].message, kind, code }).toMatchObject({ kind: "GreTunnel", code: "1003" });
    expect(err.errors[0].message).toContain("nyc_gre_1");
    // Nothing half-made: the failed tunnel is not in state, the route that succeeded is.
    expect([...driver.state.values()].map((e) => e.name)).toEqual(["dc1"]);
    expect(s.emulator.store.list(ACCOUNT, "gre_tunnels")).toHaveLength(1);
    expect(s.emulator.store.list(ACCOUNT, "routes")).toHaveLength(1);

    const fixed = await driver.up(program("nyc_gre_2"));
    expect(fixed.ops.map((o) => `${o.name}:${o.op}`).sort()).toEqual(["dc1:same", "nyc-gre-1:create"]);
    expect(s.emulator.store.list(ACCOUNT, "gre_tunnels")).toHaveLength(2);
  });

  it("an occupied slot: one sentence with code 1003 naming the slot; nothing recorded, nothing created", async () => {
    const slot = slotCatalogue(ACCOUNT)[0];
    s.emulator.store.insert(ACCOUNT, "cni_interconnects", {
      id: "theirs",
      name: "theirs",
      account: ACCOUNT,
      type: "direct",
      slot_id: slot.id,
      site: slot.site,
      facility: slot.facility,
      speed: slot.speed,
      status: { state: "Healthy" },
    });
    const driver = newDriver();
    const err = await failure(driver.up(() => new magic.cni.Interconnect("ord-port", { type: "direct", slotId: slot.id })));
    const [, kind, code] = oneSentence.exec(err.errors[0].message) ?? [];
    expect({ message: err.errors[0].message, kind, code }).toMatchObject({ kind: "Interconnect", code: "1003" });
    expect(err.errors[0].message).toContain(`Slot ${slot.id} is already occupied`);
    expect(driver.state.size).toBe(0);
    expect(s.emulator.store.list(ACCOUNT, "cni_interconnects").map((i) => i.id)).toEqual(["theirs"]);
  });

  it("a second traffic decision for the same app: one sentence with code 1003; one config remains", async () => {
    const site = s.emulator.store.insert(ACCOUNT, "sites", { name: "nyc", ha_mode: false });
    s.emulator.store.insert(ACCOUNT, "site_app_configs", { site_id: site.id, managed_app_id: "cloudflare", breakout: true });
    const driver = newDriver();
    const err = await failure(
      driver.up(() => new magic.SiteAppConfig("cf-breakout", { siteId: site.id, managedAppId: "cloudflare", breakout: true })),
    );
    const [, kind, code] = oneSentence.exec(err.errors[0].message) ?? [];
    expect({ message: err.errors[0].message, kind, code }).toMatchObject({ kind: "SiteAppConfig", code: "1003" });
    expect(driver.state.size).toBe(0);
    expect(s.emulator.store.list(ACCOUNT, "site_app_configs")).toHaveLength(1);
  });

  it("a site still in use when destroyed: one sentence with code 1007; the site stays in state and in the account", async () => {
    const driver = newDriver();
    await driver.up(() => new magic.Site("nyc", { name: "nyc_branch" }));
    const siteId = [...driver.state.values()][0].id!;
    s.emulator.store.insert(ACCOUNT, "site_lans", { site_id: siteId, name: "added-in-dashboard", physport: 3 });
    const err = await failure(driver.destroy());
    expect(err.message).toMatch(
      /^delete Site 'nyc': Cloudflare 1007: Site still has 1 LAN\(s\); delete them before deleting the site \(HTTP 400 from DELETE \/client\/v4\/accounts\/[0-9a-f]{32}\/magic\/sites\/[0-9a-f]{32}\)\.$/,
    );
    expect([...driver.state.values()].map((e) => e.id)).toEqual([siteId]);
    expect(s.emulator.store.list(ACCOUNT, "sites")).toHaveLength(1);
  });

  it("a bucket whose ownership challenge is wrong: the bucket is kept in state as half-made, and the next apply with the right challenge validates it", async () => {
    const BUCKET = "s3://pcaps-bucket?region=us-east-1";
    const driver = newDriver();
    const program = (ownershipChallenge: string) => () =>
      new magic.PcapBucketOwnership("bucket", { destinationConf: BUCKET, ownershipChallenge });
    const err = await failure(driver.up(program("wrong-challenge")));
    expect(err.errors[0].message).toMatch(/^create PcapBucketOwnership 'bucket': Cloudflare \d+: /);
    expect(err.errors[0].message).not.toContain("wrong-challenge");
    expect([...driver.state.values()][0].initErrors).toHaveLength(1);
    expect(s.emulator.store.list(ACCOUNT, "pcaps_ownership")).toHaveLength(1);
    await driver.up(program(ownershipChallengeFile(ACCOUNT, BUCKET)));
    expect(s.emulator.store.list(ACCOUNT, "pcaps_ownership")).toEqual([expect.objectContaining({ status: "success" })]);
  });
});

/** A fresh stack state on the shared host: each case starts from an empty account and no state. */
const newDriver = () => new ProgramDriver({ host: s.host, project: "test", stack: "dev" });
