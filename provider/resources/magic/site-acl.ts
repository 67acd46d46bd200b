import { defineResource } from "../../framework/define";
import { isNetworkAddress, parseIPv4, parsePrefix } from "../../../shared/ip";
import { identifier, nonEmpty, z } from "../common/fields";
import { siteChildPaths } from "./site";

/** A TCP/UDP port: "Array of ports on the provided LAN" (1-65535). */
export const port = () => z.number().int().min(1).max(65535);

/** "8080-9000": two ports joined by a hyphen, the first not above the second. */
export function isPortRange(s: string): boolean {
  const m = /^(\d{1,5})-(\d{1,5})$/.exec(s);
  if (!m) return false;
  const [start, end] = [Number(m[1]), Number(m[2])];
  return start >= 1 && end <= 65535 && start <= end;
}

export const portRange = () =>
  z.string().refine(isPortRange, 'must be a port range "start-end" with 1 <= start <= end <= 65535, such as "8080-9000"');

/**
 * ACL subnets: the spec's Subnet is "A valid IPv4 address"; a whole IPv4 prefix is accepted too
 * (LAN-side ACLs usually name a range), written with no host bits so it means one thing.
 */
export function isAclSubnet(s: string): boolean {
  if (parseIPv4(s) !== undefined) return true;
  const p = parsePrefix(s);
  return p !== undefined && p.family === 4 && isNetworkAddress(p);
}

export const aclSubnet = () =>
  z.string().refine(isAclSubnet, "must be an IPv4 address such as 192.0.2.1, or an IPv4 prefix with no host bits set such as 192.0.2.0/24");

/** ACLConfiguration: one side of the policy. */
const aclLan = () =>
  z.strictObject({
    lanId: identifier("the id of a LAN of the site"),
    lanName: z.string().optional(),
    ports: z.array(port()).optional(),
    portRanges: z.array(portRange()).optional(),
    subnets: z.array(aclSubnet()).optional(),
  });

/** Site ACL: Cloudflare API "Magic Transit > Sites > ACLs". */
export const definition = defineResource({
  token: "magic:SiteAcl",
  kind: "SiteAcl",
  inputs: z.strictObject({
    siteId: identifier("a site id"),
    name: nonEmpty("a name"),
    description: z.string().optional(),
    lan1: aclLan(),
    lan2: aclLan(),
    protocols: z.array(z.enum(["tcp", "udp", "icmp"])).optional(),
    forwardLocally: z.boolean().optional(),
    unidirectional: z.boolean().optional(),
  }),
  api: {
    envelope: "v4",
    ...siteChildPaths("acls"),
    // The spec shows every verb's result as the ACL itself.
    wrappers: {},
    // PUT, not PATCH: an input the user removes must go back to its default (forward_locally and
    // unidirectional "default to false" when not included), which a PATCH would leave as it was.
    update: "PUT",
    permission: "Magic WAN: Edit",
  },
  // The mechanical conversion turns lan1 into "lan1"; the API says "lan_1".
  keyAliases: { lan1: "lan_1", lan2: "lan_2" },
  // The site is a path parameter, never a body field; an ACL cannot move to another site.
  localInputs: ["siteId"],
  replaceOn: ["siteId"],
  // Names are not documented as unique, so a lost create is recognised by name and both LANs.
  isSameObject: (acl, inputs) => {
    const side = (v: unknown) => (v as Record<string, unknown> | undefined)?.lan_id;
    const want = (v: unknown) => (v as Record<string, unknown> | undefined)?.lanId;
    return acl.name === inputs.name && side(acl.lan_1) === want(inputs.lan1) && side(acl.lan_2) === want(inputs.lan2);
  },
});
