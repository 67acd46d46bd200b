import * as pulumi from "@pulumi/pulumi";
import * as magic from "pulumi-cloudflare-magic";

/**
 * A GCP Partner Interconnect between a VPC and Cloudflare: the interconnect (from the pairing key
 * of a Partner VLAN attachment made in GCP), a CNI with its Magic conduit, and a BGP session with
 * the VPC's Cloud Router, which learns and advertises the routes, so no static routes are needed.
 */
const config = new pulumi.Config();
// From `gcloud compute interconnects attachments partner create ...`; the default is a placeholder the emulator accepts.
const pairingKey = config.getSecret("pairingKey") ?? pulumi.secret("7e51371e-72a3-40b5-b844-2e3efefaee59/us-central1/2");
const conduitName = config.get("conduitName") ?? "gcp_us_central1";

const gcp = new magic.CniConnection("gcp-us-central1", {
  interconnect: {
    type: config.get("interconnectType") ?? "gcp_partner",
    bandwidth: config.get<magic.InterconnectBandwidth>("bandwidth") ?? "1G",
    pairingKey,
  },
  // A partner attachment turns Healthy once GCP activates it; the CNI is created after that.
  waitForStatus: { status: "Healthy", timeoutSeconds: config.getNumber("waitSeconds") ?? 900 },
  magic: { conduitName, description: "VPC prod, us-central1", mtu: config.getNumber("mtu") ?? 1460 },
  bgp: {
    // Cloud Router's ASN for Partner Interconnect is always 16550.
    customerAsn: 16550,
    md5Key: config.getSecret("bgpMd5Key"),
  },
});

export const interconnectId = gcp.interconnectId;
export const cniId = gcp.cniId;
/** Configure the Cloud Router's BGP peer with these: Cloudflare's address and yours on the link. */
export const cloudflareBgpAddress = gcp.p2pIp;
export const cloudRouterAddress = gcp.custIp;
