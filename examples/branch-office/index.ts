import * as pulumi from "@pulumi/pulumi";
import * as magic from "pulumi-cloudflare-magic";

/**
 * A high-availability branch office: one Magic WAN site run by two connectors, two Internet
 * uplinks, an office LAN (with DHCP), a point-of-sale LAN, a dedicated HA link between the
 * connectors, ACLs between office and point of sale, and video calls broken out locally over the
 * second uplink instead of going through Cloudflare.
 */
const config = new pulumi.Config();
const siteName = config.get("siteName") ?? "nyc_branch";
// The two Magic WAN Connectors of the site (32-hex ids from the dashboard); optional until they are installed.
const connectorId = config.get("connectorId");
const secondaryConnectorId = config.get("secondaryConnectorId");
// The uplinks differ from office to office; on an HA site each needs the second connector's address too.
const wans = config.getObject<magic.BranchSiteWanArgs[]>("wans") ?? [
  {
    name: "isp_a",
    physport: 1,
    priority: 1,
    staticAddressing: { address: "203.0.113.10/24", gatewayAddress: "203.0.113.1", secondaryAddress: "203.0.113.11/24" },
  },
  {
    name: "isp_b",
    physport: 2,
    priority: 2,
    staticAddressing: { address: "198.51.100.10/24", gatewayAddress: "198.51.100.1", secondaryAddress: "198.51.100.11/24" },
  },
];

// An app of our own: traffic to these hostnames is what the breakout below applies to.
const video = new magic.App("video-calls", {
  name: `${siteName} video calls`,
  type: "Collaboration",
  hostnames: ["meet.example.com", "video.example.net"],
});

const site = new magic.BranchSite("branch", {
  name: siteName,
  description: config.get("description") ?? "New York branch office",
  haMode: true,
  connectorId,
  secondaryConnectorId,
  location: { lat: "40.7128", lon: "-74.0060" },
  wans,
  lans: [
    // On an HA site every LAN has the address of each connector and a virtual one they share.
    {
      name: "office",
      physport: 3,
      vlanTag: 10,
      staticAddressing: {
        address: "192.168.10.2/24",
        secondaryAddress: "192.168.10.3/24",
        virtualAddress: "192.168.10.1/24",
        dhcpServer: {
          dhcpPoolStart: "192.168.10.100",
          dhcpPoolEnd: "192.168.10.200",
          dnsServers: ["1.1.1.1", "1.0.0.1"],
          reservations: { "00:11:22:33:44:55": "192.168.10.50" },
        },
      },
    },
    {
      name: "pos",
      physport: 3,
      vlanTag: 20,
      staticAddressing: { address: "192.168.20.2/24", secondaryAddress: "192.168.20.3/24", virtualAddress: "192.168.20.1/24" },
      isPrioritized: true,
    },
    {
      name: "ha_link",
      physport: 4,
      haLink: true,
      staticAddressing: { address: "169.254.100.1/30", secondaryAddress: "169.254.100.2/30", virtualAddress: "169.254.100.3/30" },
    },
  ],
  acls: [
    // Point-of-sale terminals reach the office's payment gateway on HTTPS only, locally.
    {
      name: "pos_to_office",
      description: "POS terminals to the payment gateway",
      lan1: { lan: "pos", subnets: ["192.168.20.0/24"] },
      lan2: { lan: "office", subnets: ["192.168.10.50"], ports: [443] },
      protocols: ["tcp"],
      forwardLocally: true,
      unidirectional: true,
    },
    // Office printers and scanners talk to the POS VLAN on a port range, through Cloudflare.
    { name: "office_to_pos", lan1: { lan: "office" }, lan2: { lan: "pos", portRanges: ["9100-9110"] }, protocols: ["tcp", "udp"] },
  ],
  appConfigs: [{ name: "video", accountAppId: video.id, breakout: true, preferredWans: ["isp_b"], priority: 1 }],
});

export const siteId = site.siteId;
export const wanIds = site.wanIds;
export const lanIds = site.lanIds;
export const aclIds = site.aclIds;
export const appConfigIds = site.appConfigIds;
// A Mermaid flowchart of the site: paste it into a ```mermaid block (GitHub renders it).
export const diagram = site.diagram;
