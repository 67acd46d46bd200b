import * as pulumi from "@pulumi/pulumi";
import * as magic from "pulumi-cloudflare-magic";

/**
 * A physical Network Interconnect: a port in one of Cloudflare's facility slots, a CNI with its
 * Magic conduit, and static routes for the data centre's prefixes over the link. The slot comes
 * from config (`slotId`) or is picked with the `getSlots` lookup. After the first `up`, download
 * the Letter of Authorization (`magic.getInterconnectLoa(interconnectId)`) for your cross-connect
 * order; the port turns Healthy once the cross-connect is in place.
 */
const config = new pulumi.Config();
const site = config.get("site") ?? "ord01";
const speed = config.get("speed") ?? "10G";
const conduitName = config.get("conduitName") ?? "ord_cni_1";

/**
 * The configured slot; else the slot this program's port already holds (found through the CNI's
 * conduit name: picking a free slot again would move, i.e. replace, the port on every run); else
 * the first free slot of the right speed at the site.
 */
async function chooseSlot(): Promise<string> {
  const configured = config.get("slotId");
  if (configured) return configured;
  const ours = (await magic.getCnis()).find((c) => c.magic.conduitName === conduitName);
  const held = ours && (await magic.getInterconnect(ours.interconnect)).slotId;
  if (held) return held;
  const [free] = await magic.getSlots({ site, speed, occupied: false });
  if (!free) throw new Error(`no free ${speed} slot at ${site}: choose another site or speed, or set slotId.`);
  return free.id;
}

const bgpAsn = config.getNumber("customerAsn");
const ord = new magic.CniConnection("ord", {
  interconnect: { type: config.get("interconnectType") ?? "direct", slotId: chooseSlot(), speed },
  magic: { conduitName, description: `${site} cross-connect`, mtu: config.getNumber("mtu") ?? 1500 },
  // Static routing by default; set customerAsn (and the secret bgpMd5Key) for a BGP session instead.
  bgp: bgpAsn === undefined ? undefined : { customerAsn: bgpAsn, md5Key: config.getSecret("bgpMd5Key") },
  routes: { prefixes: config.getObject<string[]>("prefixes") ?? ["198.51.100.0/24", "203.0.113.0/24"], priority: 50 },
});

export const interconnectId = ord.interconnectId;
export const slotId = ord.nodes.interconnect.slotId;
export const facility = ord.nodes.interconnect.facility;
/** Your router's address on the link; the routes' nexthop. */
export const customerAddress = ord.custIp;
export const routes = ord.routes.apply((rs) => rs.map((r) => `${r.prefix} via ${r.nexthop}`));
