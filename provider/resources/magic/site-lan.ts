import { defineResource } from "../../framework/define";
import { anyUnknown } from "../../framework/check";
import { isPlainObject } from "../../framework/values";
import { parseIPv4 } from "../../../shared/ip";
import { type HaLanMissing, haLanMissing, haLinkRefused } from "../../../shared/rules";
import { identifier, ipv4Address, z } from "../common/fields";
import { carriesInputs, inSubnet, interfaceAddress, ipv4Prefix, physport, siteChildPaths, vlanTag } from "./site";

/** "00:11:22:33:44:55": six colon-separated hexadecimal octets, either case (the spec shows both). */
const MAC = /^[0-9A-Fa-f]{2}(:[0-9A-Fa-f]{2}){5}$/;

/** Request body fields, as camelCase inputs (the create answer is matched against them). */
const BODY = ["name", "physport", "vlanTag", "bondId", "haLink", "isBreakout", "isPrioritized", "nat", "routedSubnets", "staticAddressing"];
/** What places a LAN on the connector: two LANs of a site that agree on these are the same network. */
const ATTACHMENT = ["name", "physport", "bondId", "staticAddressing"];
/** The DHCP reservations map: MAC address -> IPv4 address. Its keys are user data, kept verbatim. */
const RESERVATIONS = "static_addressing.dhcp_server.reservations";

const nat = () => z.strictObject({ staticPrefix: ipv4Prefix().optional() });

/** DHCP option codes the connector manages itself: 3 (router), 6 (DNS servers), 51 (lease time). */
const RESERVED_DHCP_CODES = [3, 6, 51];

/** The value of a DHCP option of `type`, as the official SDK describes it; a phrase when it is not. */
function dhcpOptionValueProblem(type: string, value: string): string | undefined {
  const unsigned = (max: number) => (/^\d+$/.test(value) && Number(value) <= max ? undefined : `must be an unsigned integer 0-${max} written in decimal for type "${type}"`);
  switch (type) {
    case "text":
      return Buffer.byteLength(value) <= 255 ? undefined : 'must be at most 255 bytes for type "text"';
    case "hex":
      return /^[0-9A-Fa-f]{2}(:[0-9A-Fa-f]{2}){0,254}$/.test(value) ? undefined : 'must be colon-separated hex bytes such as "01:04:aa:bb:cc" (at most 255 bytes) for type "hex"';
    case "ip":
      return parseIPv4(value) ? undefined : 'must be an IPv4 address such as 10.20.30.40 for type "ip"';
    case "byte":
      return unsigned(255);
    case "short":
      return unsigned(65535);
    case "integer":
      return unsigned(4294967295);
    default:
      return undefined;
  }
}

/** `static_addressing.dhcp_server.dhcp_options` (official SDK; not in the reference). */
const dhcpOption = () =>
  z
    .strictObject({
      code: z
        .number()
        .int()
        .min(1)
        .max(254)
        .refine((c) => !RESERVED_DHCP_CODES.includes(c), "must not be 3, 6 or 51: the connector manages the router, DNS server and lease time options itself"),
      type: z.enum(["text", "hex", "ip", "byte", "short", "integer"]),
      value: z.string(),
    })
    .superRefine((o, ctx) => {
      const problem = typeof o.type === "string" && typeof o.value === "string" ? dhcpOptionValueProblem(o.type, o.value) : undefined;
      if (problem) ctx.addIssue({ code: "custom", path: ["value"], message: problem });
    });

const reservations = () =>
  z.record(z.string(), ipv4Address()).superRefine((map, ctx) => {
    const bad = Object.keys(map).filter((k) => !MAC.test(k));
    if (bad.length) ctx.addIssue({ code: "custom", message: `must be keyed by MAC addresses such as 00:11:22:33:44:55 (not ${bad.map((k) => JSON.stringify(k)).join(", ")})` });
  });

/** Site LAN: Cloudflare API "Magic Transit > Sites > LANs". */
export const definition = defineResource({
  token: "magic:SiteLan",
  kind: "SiteLan",
  inputs: z.strictObject({
    siteId: identifier("a site id"),
    name: z.string().optional(),
    physport: physport().optional(),
    vlanTag: vlanTag().optional(),
    bondId: z.number().int().min(0).optional(),
    haLink: z.boolean().optional(),
    isBreakout: z.boolean().optional(),
    isPrioritized: z.boolean().optional(),
    nat: nat().optional(),
    routedSubnets: z.array(z.strictObject({ nextHop: ipv4Address(), prefix: ipv4Prefix(), nat: nat().optional() })).optional(),
    staticAddressing: z
      .strictObject({
        address: interfaceAddress(),
        dhcpRelay: z.strictObject({ serverAddresses: z.array(ipv4Address()).optional() }).optional(),
        dhcpServer: z
          .strictObject({
            /** Custom DHCP options in the server's answers (official SDK). */
            dhcpOptions: z.array(dhcpOption()).optional(),
            dhcpPoolStart: ipv4Address().optional(),
            dhcpPoolEnd: ipv4Address().optional(),
            dnsServer: ipv4Address().optional(),
            dnsServers: z.array(ipv4Address()).optional(),
            reservations: reservations().optional(),
          })
          .optional(),
        secondaryAddress: interfaceAddress().optional(),
        virtualAddress: interfaceAddress().optional(),
      })
      .optional(),
    siteHaMode: z.boolean().optional(),
  }),
  rules: lanRules,
  api: {
    envelope: "v4",
    ...siteChildPaths("lans"),
    // Every verb's result is the LAN itself; create answers with a list of LANs (see pickCreated).
    wrappers: {},
    // PUT, not PATCH: a removed input (NAT, routed subnets, DHCP settings) must be cleared on the server.
    update: "PUT",
    permission: "Magic WAN: Edit",
  },
  // The site is a path parameter, never a body field; a LAN cannot move to another site.
  // `siteHaMode` is ours: the site's mode, for the high availability rules in check.
  localInputs: ["siteId", "siteHaMode"],
  replaceOn: ["siteId"],
  // ha_link updates in place: the reference lists it on create only, but the official SDK (the
  // current contract) takes it on PUT and PATCH. An API that ignored it would be caught by
  // afterUpdate below instead of drifting silently.
  // An update body without ha_link means the program removed it: send the default, false.
  toApi: (body: Record<string, unknown>, _inputs: Record<string, unknown>, update?: { id: string }) =>
    update && body.ha_link === undefined ? { ...body, ha_link: false } : body,
  afterUpdate: async (_op, id, outputs, _olds, news) => {
    if (typeof news.haLink === "boolean" && outputs.haLink !== news.haLink) {
      throw new Error(
        `Cloudflare kept ha_link ${String(outputs.haLink)} on LAN ${id} after an update asking for ${String(news.haLink)}. Change the HA link by replacing the LAN: \`pulumi up --replace <the LAN's URN>\`.`,
      );
    }
    return {};
  },
  opaqueMaps: [RESERVATIONS],
  // Create answers `result: array of LAN`. We send one LAN, so a one-item answer is it; in a longer
  // answer, the one carrying every field we sent (an answer that also lists older LANs of the site).
  pickCreated: (created, inputs) => {
    if (created.length === 1) return created[0];
    const matching = created.filter((l) => carriesInputs(l, inputs, BODY, ["staticAddressing.dhcpServer.reservations"]));
    return matching.length === 1 ? matching[0] : undefined;
  },
  // A port and VLAN carry one link: a LAN already there (an interrupted apply's) is named when a create clashes with it.
  naturalKey: (lan, inputs) => inputs.physport !== undefined && lan.physport === inputs.physport && (lan.vlan_tag ?? 0) === (inputs.vlanTag ?? 0),
  // A create whose answer was lost is found again among the site's LANs by where it attaches.
  // A left-out VLAN tag means untagged (0), so it never matches a tagged LAN on the same port.
  isSameObject: (lan, inputs) =>
    (lan.vlan_tag ?? 0) === (inputs.vlanTag ?? 0) && carriesInputs(lan, inputs, ATTACHMENT, ["staticAddressing.dhcpServer.reservations"]),
});

/**
 * Rules across fields. `siteHaMode` (a local input the BranchSite component sets from its site)
 * turns on the spec's rule: "if in high availability mode, static_address is required along with
 * secondary and virtual address"; ha_link "only works for site with HA turned on".
 */
export function lanRules(inputs: Record<string, unknown>): Array<[string, string]> {
  const out: Array<[string, string]> = [];
  const ha = inputs.siteHaMode;
  const sa = inputs.staticAddressing;
  if (!anyUnknown(ha)) {
    if (ha === true && !anyUnknown(sa)) {
      const why = "is required when the site is in high availability mode (siteHaMode is true)";
      const detail: Record<HaLanMissing, string> = {
        staticAddressing: ", with address, secondaryAddress and virtualAddress",
        "staticAddressing.secondaryAddress": ": it is the second connector's address on this LAN",
        "staticAddressing.virtualAddress": ": it is the address the two connectors share",
      };
      for (const field of haLanMissing(sa)) out.push([field, `${why}${detail[field]}`]);
    }
    if (ha === false && haLinkRefused(ha, inputs.haLink)) out.push(["haLink", "only works for a site in high availability mode (siteHaMode is false)"]);
  }
  if (!isPlainObject(sa)) return out;
  if (isPlainObject(sa.dhcpRelay) && isPlainObject(sa.dhcpServer)) {
    out.push(["staticAddressing.dhcpRelay", "cannot be set together with staticAddressing.dhcpServer: the LAN either serves DHCP itself or relays it"]);
  }
  const server = sa.dhcpServer;
  if (!isPlainObject(server) || anyUnknown(sa.address, server)) return out;
  const outsidePool = (["dhcpPoolStart", "dhcpPoolEnd"] as const).filter((key) => inSubnet(sa.address, server[key]) === false);
  for (const key of outsidePool) out.push([`staticAddressing.dhcpServer.${key}`, `must be inside the subnet of staticAddressing.address (${String(sa.address)})`]);
  const start = typeof server.dhcpPoolStart === "string" ? parseIPv4(server.dhcpPoolStart) : undefined;
  const end = typeof server.dhcpPoolEnd === "string" ? parseIPv4(server.dhcpPoolEnd) : undefined;
  if (outsidePool.length === 0 && start && end && start.value > end.value) out.push(["staticAddressing.dhcpServer.dhcpPoolEnd", `must not come before staticAddressing.dhcpServer.dhcpPoolStart (${String(server.dhcpPoolStart)})`]);
  if (isPlainObject(server.reservations)) {
    const outside = Object.entries(server.reservations).filter(([, ip]) => inSubnet(sa.address, ip) === false);
    if (outside.length) {
      out.push(["staticAddressing.dhcpServer.reservations", `must reserve addresses inside the subnet of staticAddressing.address (${String(sa.address)}); not ${outside.map(([mac, ip]) => `${String(ip)} for ${mac}`).join(", ")}`]);
    }
  }
  return out;
}
