import { defineResource } from "../../framework/define";
import { isNetworkAddress, parseIPv4, parsePrefix } from "../../../shared/ip";
import { permission } from "../../permissions";
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

/** ACLConfiguration: one side of the policy (the same shape as the argument and as the stored output). */
const aclLan = () =>
  z.strictObject({
    lanId: identifier("the id of a LAN of the site").meta({
      description: "The id of a LAN of the same site (e.g. a `SiteLan`'s `id`).",
      ref: "magic:SiteLan",
    }),
    lanName: z.string().optional().meta({
      description:
        "The LAN's name. Cloudflare fills it in from the LAN named by `lanId`, so normally leave it out; a value other than the LAN's own name does not stick.",
      defaultDoc: "the LAN's name",
    }),
    ports: z
      .array(port())
      .optional()
      .meta({ description: "Ports (1-65535) on this LAN that the ACL covers.", defaultDoc: "any port", unordered: true }),
    portRanges: z.array(portRange()).optional().meta({
      description: 'Port ranges as `"start-end"`, e.g. `"8080-9000"` (1 <= start <= end <= 65535).',
      defaultDoc: "any port",
      unordered: true,
    }),
    subnets: z.array(aclSubnet()).optional().meta({
      description: "IPv4 addresses (`192.0.2.1`) or prefixes (`192.0.2.0/24`) on this LAN that the ACL covers.",
      defaultDoc: "any subnet",
      unordered: true,
    }),
  });

/**
 * One side as an argument, documented as the field `description` (the second `.meta()`: the first
 * one, with the name, documents the named type). `apiName`: the mechanical conversion turns lan1
 * into "lan1"; the API says "lan_1".
 */
const aclLanArgs = (description: string, apiName: string) =>
  aclLan()
    .meta({
      args: "SiteAclLanArgs",
      description:
        "One side of a site ACL (the spec's ACLConfiguration). Leaving out ports, port ranges or subnets means any port or any subnet on that LAN.",
    })
    .meta({ description, apiName });

/** One side as Cloudflare stores it (outputs), documented as the field `description`. */
const aclLanState = (description: string, apiName: string) =>
  aclLan()
    .meta({ state: "SiteAclLanState", description: "One side of a site ACL as Cloudflare stores it (output)." })
    .meta({ description, apiName });

/** Site ACL: Cloudflare API "Magic Transit > Sites > ACLs". */
export const definition = defineResource({
  token: "magic:SiteAcl",
  kind: "SiteAcl",
  inputs: z.strictObject({
    siteId: identifier("a site id").meta({
      ref: "magic:Site",
      description: "The Magic WAN site the ACL belongs to (a change replaces the ACL).",
      path: true,
    }),
    name: nonEmpty("a name").meta({ description: "The name of the ACL." }),
    description: z.string().optional().meta({ description: "Description for the ACL." }),
    lan1: aclLanArgs("The first LAN of the policy.", "lan_1"),
    lan2: aclLanArgs("The second LAN of the policy.", "lan_2"),
    protocols: z
      .array(z.enum(["tcp", "udp", "icmp"]).meta({ name: "AclProtocol", description: "A protocol an ACL can allow." }))
      .optional()
      .meta({
        description: 'Protocols allowed between the two LANs: `"tcp"`, `"udp"`, `"icmp"`.',
        defaultDoc: "all protocols",
        unordered: true,
        alwaysSet: false,
      }),
    forwardLocally: z.boolean().optional().meta({
      description: "`true` forwards the matching traffic locally on the Magic WAN Connector; `false` sends it to Cloudflare.",
      default: false,
    }),
    unidirectional: z.boolean().optional().meta({
      description:
        "`true` allows traffic in one direction only, from `lan1` to `lan2`: hosts on `lan1` may open connections to `lan2` (on `lan2`'s ports and subnets), not the other way round. `false` allows it both ways. Cloudflare's reference says only \"one direction\"; `lan1` is the source side.",
      default: false,
    }),
  }),
  outputs: z.object({
    lan1: aclLanState("The first LAN of the policy.", "lan_1"),
    lan2: aclLanState("The second LAN of the policy.", "lan_2"),
  }),
  api: {
    envelope: "v4",
    ...siteChildPaths("acls"),
    // The spec shows every verb's result as the ACL itself.
    wrappers: {},
    // PUT, not PATCH: an input the user removes must go back to its default (forward_locally and
    // unidirectional "default to false" when not included), which a PATCH would leave as it was.
    update: "PUT",
    permission: permission("sites", "edit"),
  },
  codegen: {
    collection: "siteAcls",
    plural: "site ACLs",
    role: "acl",
    // Cloudflare fills each side's lanName in from its LAN: the LAN's id says it all.
    inputs: (inputs) => {
      const side = (v: unknown) => {
        const { lanName: _filledIn, ...rest } = v as Record<string, unknown>;
        return rest;
      };
      return { ...inputs, lan1: side(inputs.lan1), lan2: side(inputs.lan2) };
    },
  },
  lifecycle: {
    kind: "object",
    duplicatesAccepted: true,
    // Names are not documented as unique, so a lost create is recognised by name and both LANs.
    isSameObject: (acl, inputs) => {
      const side = (v: unknown) => (v as Record<string, unknown> | undefined)?.lan_id;
      const want = (v: unknown) => (v as Record<string, unknown> | undefined)?.lanId;
      return acl.name === inputs.name && side(acl.lan_1) === want(inputs.lan1) && side(acl.lan_2) === want(inputs.lan2);
    },
  },
});
