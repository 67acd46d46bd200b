/**
 * Shared pieces of the reliability tests: a program that declares one of every resource (and the
 * objects Cloudflare would have made for it beforehand), and the emulator collection of each
 * resource, so a test can count what the account holds.
 */
import * as magic from "pulumi-cloudflare-magic";
import { BranchSite, CniConnection, TransitOnramp } from "../../sdk/components";
import type { Emulator } from "../../emulator";
import { ownershipChallengeFile } from "../../emulator/resources/pcaps";
import { provisionCfInterconnect as provision } from "../../emulator/resources/cf-interconnects";
import { slotCatalogue } from "../../emulator/resources/cni";
import { ACCOUNT } from "../resources/stack";

export const BUCKET = "s3://pcaps-audit?region=us-east-1";
export const OWNERSHIP_CHALLENGE = ownershipChallengeFile(ACCOUNT, BUCKET);
export const PAIRING_KEY = "7e51371e-72a3-40b5-b844-2e3efefaee59/us-central1/2";
/** The pairing key of the CniConnection component's interconnect (each key makes one interconnect). */
export const COMPONENT_PAIRING_KEY = "0b6c1f7a-3d2e-4f5a-9b8c-7d6e5f4a3b2c/us-east4/1";
/** A free port of the account's CNI slot catalogue. */
export const SLOT_ID = slotCatalogue(ACCOUNT)[0].id;

/** Secrets a user writes into a program; each must only ever be stored as a secret. */
export interface ProgramSecrets {
  psk: string;
  md5Key: string;
}

/** What Cloudflare makes before a program can refer to it: a CNI/PNI interconnect. */
export function provisionCfInterconnect(emulator: Emulator): string {
  return provision(emulator.store, ACCOUNT).id;
}

export interface EveryResourceOptions {
  secrets: ProgramSecrets;
  cfInterconnectId: string;
  /** Changing it regenerates the generated PSK and the connector's license key (update paths). */
  rotation?: number;
}

/**
 * One of every resource and every component, the secrets given as plain strings (as a user may well write them: the
 * classes must keep them secret themselves), children wired to their parents' outputs.
 */
export function everyResource(o: EveryResourceOptions): () => void {
  const { psk, md5Key } = o.secrets;
  return () => {
    const gre = new magic.GreTunnel("gre", {
      name: "audit_gre",
      cloudflareGreEndpoint: "162.159.64.1",
      customerGreEndpoint: "203.0.113.10",
      interfaceAddress: "10.212.0.8/31",
      bgp: { customerAsn: 65010, md5Key },
    });
    const ipsecGiven = new magic.IpsecTunnel("ipsec-given", {
      name: "audit_ipsec_1",
      cloudflareEndpoint: "162.159.65.1",
      interfaceAddress: "10.213.0.8/31",
      psk,
      bgp: { customerAsn: 65011, md5Key },
    });
    new magic.IpsecTunnel("ipsec-generated", {
      name: "audit_ipsec_2",
      cloudflareEndpoint: "162.159.65.1",
      interfaceAddress: "10.213.0.10/31",
      rotatePsk: o.rotation,
    });
    // Routes come after the tunnels their nexthops lie in (Cloudflare refuses them before), as README tells users.
    new magic.StaticRoute("route", { prefix: "192.0.2.0/24", nexthop: "10.212.0.9", priority: 100 }, { dependsOn: [gre] });
    new magic.RouteTable(
      "routes",
      {
        routes: [
          { prefix: "198.51.100.0/24", nexthop: "10.213.0.9", priority: 100 },
          { prefix: "203.0.113.0/24", nexthop: "10.213.0.9", priority: 200 },
        ],
      },
      { dependsOn: [ipsecGiven] },
    );
    const site = new magic.Site("site", { name: "audit_site" });
    new magic.SiteWan("wan", { siteId: site.id, physport: 1, name: "isp1" });
    const lanA = new magic.SiteLan("lan-a", {
      siteId: site.id,
      physport: 2,
      name: "office",
      staticAddressing: { address: "192.168.10.1/24" },
    });
    const lanB = new magic.SiteLan("lan-b", {
      siteId: site.id,
      physport: 3,
      name: "guests",
      staticAddressing: { address: "192.168.20.1/24" },
    });
    new magic.SiteAcl("acl", {
      siteId: site.id,
      name: "office-to-guests",
      lan1: { lanId: lanA.id },
      lan2: { lanId: lanB.id },
      protocols: ["tcp"],
    });
    const app = new magic.App("app", { name: "CRM", type: "Business", hostnames: ["crm.example.com"] });
    new magic.SiteAppConfig("app-config", { siteId: site.id, accountAppId: app.id, breakout: true });
    new magic.Connector("connector", { device: { provisionLicense: true }, notes: "audit", licenseRotation: o.rotation });
    new magic.CfInterconnect("pni", { interconnectId: o.cfInterconnectId, description: "PNI to ORD" });
    new magic.PcapBucketOwnership("bucket", { destinationConf: BUCKET, ownershipChallenge: OWNERSHIP_CHALLENGE });
    new magic.PacketCapture("capture", { type: "simple", system: "magic-transit", timeLimit: 300, packetLimit: 100 });
    const port = new magic.cni.Interconnect("port", { type: "direct", slotId: SLOT_ID });
    new magic.cni.Interconnect("gcp", { type: "gcp_partner", bandwidth: "1G", pairingKey: PAIRING_KEY });
    new magic.cni.Cni("cni", {
      interconnect: port.id,
      magic: { conduitName: "audit_cni", description: "audit", mtu: 1500 },
      bgp: { customerAsn: 65012, md5Key },
    });
    new magic.cni.CniSettings("cni-settings", { defaultAsn: 65001 });

    new TransitOnramp("dc9", {
      tunnels: [
        { kind: "ipsec", name: "dc9_ipsec_1", cloudflareEndpoint: "162.159.65.1", interfaceAddress: "10.214.0.0/31", psk },
        {
          kind: "ipsec",
          name: "dc9_ipsec_2",
          cloudflareEndpoint: "162.159.65.1",
          interfaceAddress: "10.214.0.2/31",
          rotatePsk: o.rotation,
        },
        {
          kind: "gre",
          name: "dc9_gre_1",
          cloudflareEndpoint: "162.159.64.1",
          customerEndpoint: "203.0.113.30",
          interfaceAddress: "10.214.0.4/31",
        },
      ],
      prefixes: ["100.64.10.0/24"],
    });
    new BranchSite("branch", {
      name: "audit_branch",
      wans: [{ name: "isp_a", physport: 1 }],
      lans: [
        { name: "office", physport: 2, staticAddressing: { address: "192.168.30.1/24" } },
        { name: "pos", physport: 3, staticAddressing: { address: "192.168.40.1/24" } },
      ],
      acls: [{ name: "pos_to_office", lan1: { lan: "pos" }, lan2: { lan: "office" }, protocols: ["tcp"] }],
      appConfigs: [{ name: "cf", managedAppId: "cloudflare", breakout: true, preferredWans: ["isp_a"] }],
    });
    new CniConnection("gcp-conn", {
      interconnect: { type: "gcp_partner", bandwidth: "1G", pairingKey: COMPONENT_PAIRING_KEY },
      magic: { conduitName: "audit_gcp_cni", description: "audit", mtu: 1500 },
      bgp: { customerAsn: 65013, md5Key },
      routes: { prefixes: ["100.64.20.0/24"] },
    });
  };
}
