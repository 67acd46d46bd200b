import { defineResource } from "../../framework/define";
import { anyUnknown } from "../../framework/check";
import { isPlainObject } from "../../../shared/values";
import { parseIPv4 } from "../../../shared/ip";
import { type HaLanMissing, dhcpServerProblems, haLanMissing, haLinkRefused } from "../../../shared/rules";
import { permission } from "../../permissions";
import { identifier, ipv4Address, z } from "../common/fields";
import { byNameAndPort, carriesInputs, interfaceAddress, ipv4Prefix, physport, portLabel, siteChildPaths, vlanTag } from "./site";

/** "00:11:22:33:44:55": six colon-separated hexadecimal octets, either case (the spec shows both). */
const MAC = /^[0-9A-Fa-f]{2}(:[0-9A-Fa-f]{2}){5}$/;

/** Request body fields, as camelCase inputs (the create answer is matched against them). */
const BODY = ["name", "physport", "vlanTag", "bondId", "haLink", "isBreakout", "isPrioritized", "nat", "routedSubnets", "staticAddressing"];
/** What places a LAN on the connector: two LANs of a site that agree on these are the same network. */
const ATTACHMENT = ["name", "physport", "bondId", "staticAddressing"];

const nat = () =>
  z
    .strictObject({
      staticPrefix: ipv4Prefix().optional().meta({ description: 'The prefix traffic is translated to, e.g. `"192.0.2.0/24"`.' }),
    })
    .meta({ args: "SiteLanNatArgs", description: "Source NAT of a LAN or routed subnet." });

/** DHCP option codes the connector manages itself: 3 (router), 6 (DNS servers), 51 (lease time). */
const RESERVED_DHCP_CODES = [3, 6, 51];

/** The value of a DHCP option of `type`, as the official SDK describes it; a phrase when it is not. */
function dhcpOptionValueProblem(type: string, value: string): string | undefined {
  const unsigned = (max: number) =>
    /^\d+$/.test(value) && Number(value) <= max ? undefined : `must be an unsigned integer 0-${max} written in decimal for type "${type}"`;
  switch (type) {
    case "text":
      return Buffer.byteLength(value) <= 255 ? undefined : 'must be at most 255 bytes for type "text"';
    case "hex":
      return /^[0-9A-Fa-f]{2}(:[0-9A-Fa-f]{2}){0,254}$/.test(value)
        ? undefined
        : 'must be colon-separated hex bytes such as "01:04:aa:bb:cc" (at most 255 bytes) for type "hex"';
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
        .refine(
          (c) => !RESERVED_DHCP_CODES.includes(c),
          "must not be 3, 6 or 51: the connector manages the router, DNS server and lease time options itself",
        )
        .meta({ description: "DHCP option number, 1-254 except 3, 6 and 51." }),
      type: z.enum(["text", "hex", "ip", "byte", "short", "integer"]).meta({ description: "How `value` is read." }),
      value: z.string().meta({ description: "The option value, written as its `type` says (numbers in decimal)." }),
    })
    .superRefine((o, ctx) => {
      const problem = typeof o.type === "string" && typeof o.value === "string" ? dhcpOptionValueProblem(o.type, o.value) : undefined;
      if (problem) ctx.addIssue({ code: "custom", path: ["value"], message: problem });
    })
    .meta({ args: "SiteLanDhcpOptionArgs", description: "One custom DHCP option of a LAN's DHCP server." });

const reservations = () =>
  z.record(z.string(), ipv4Address()).superRefine((map, ctx) => {
    const bad = Object.keys(map).filter((k) => !MAC.test(k));
    if (bad.length)
      ctx.addIssue({
        code: "custom",
        message: `must be keyed by MAC addresses such as 00:11:22:33:44:55 (not ${bad.map((k) => JSON.stringify(k)).join(", ")})`,
      });
  });

/** `static_addressing` of a LAN: the same shape as the argument and as the stored output (each named in its place). */
const staticAddressing = () =>
  z.strictObject({
    address: interfaceAddress().meta({
      description: 'The connector\'s address on the LAN with its prefix length, e.g. `"192.168.10.1/24"`.',
    }),
    dhcpRelay: z
      .strictObject({
        serverAddresses: z.array(ipv4Address()).optional().meta({ description: "DHCP server addresses (IPv4).", unordered: true }),
      })
      .meta({ args: "SiteLanDhcpRelayArgs", description: "DHCP relay: forward the LAN's DHCP requests to these servers." })
      .optional()
      .meta({ description: "Relay DHCP to other servers (not together with `dhcpServer`)." }),
    dhcpServer: z
      .strictObject({
        /** Custom DHCP options in the server's answers (official SDK). */
        dhcpOptions: z.array(dhcpOption()).optional().meta({
          description:
            'Custom DHCP options included in the server\'s answers. `code` 1-254, except 3, 6 and 51 (the connector sets the router, DNS servers and lease time itself); `value` read by `type`: `"text"` (at most 255 bytes), `"hex"` (colon-separated bytes such as `"01:04:aa:bb:cc"`), `"ip"` (an IPv4 address), `"byte"` (0-255), `"short"` (0-65535), `"integer"` (0-4294967295).',
          defaultDoc: "none",
          unordered: true,
        }),
        dhcpPoolStart: ipv4Address().optional().meta({ description: "First address of the pool, inside the LAN subnet." }),
        dhcpPoolEnd: ipv4Address()
          .optional()
          .meta({ description: "Last address of the pool, inside the LAN subnet, not before `dhcpPoolStart`." }),
        dnsServer: ipv4Address().optional().meta({ description: "DNS server handed out to clients (IPv4)." }),
        dnsServers: z.array(ipv4Address()).optional().meta({ description: "DNS servers handed out to clients (IPv4)." }),
        reservations: reservations().optional().meta({
          description:
            'Fixed leases: MAC address (`"00:11:22:33:44:55"`) -> IPv4 address inside the LAN subnet. Keys are kept exactly as written.',
          // Its keys are user data (MAC addresses), kept verbatim.
          opaqueMap: true,
        }),
      })
      .meta({ args: "SiteLanDhcpServerArgs", description: "The connector serves DHCP on the LAN." })
      .optional()
      .meta({ description: "Serve DHCP from the connector (not together with `dhcpRelay`)." }),
    secondaryAddress: interfaceAddress()
      .optional()
      .meta({ description: 'The second connector\'s address (high availability sites), e.g. `"192.168.10.2/24"`.' }),
    virtualAddress: interfaceAddress()
      .optional()
      .meta({ description: 'The address both connectors share (high availability sites), e.g. `"192.168.10.3/24"`.' }),
  });

/** Site LAN: Cloudflare API "Magic Transit > Sites > LANs". */
export const definition = defineResource({
  token: "magic:SiteLan",
  kind: "SiteLan",
  inputs: z.strictObject({
    siteId: identifier("a site id").meta({
      ref: "magic:Site",
      description: "The site the LAN belongs to (`site.id`). Changing it replaces the LAN.",
      path: true,
    }),
    name: z.string().optional().meta({ description: "Name of the LAN." }),
    physport: physport().optional().meta({ description: "Physical port of the connector (from 1)." }),
    vlanTag: vlanTag().optional().meta({ description: "VLAN ID (1-4094); zero means untagged.", default: 0 }),
    bondId: z.number().int().min(0).optional().meta({ description: "Bond interface the LAN runs on." }),
    haLink: z.boolean().optional().meta({
      description:
        "Use this LAN for HA probing; only on a high availability site, and only one LAN of a site. Changing it updates the LAN in place (Cloudflare's current API takes `ha_link` on update).",
      default: false,
    }),
    isBreakout: z.boolean().optional().meta({ description: "Use this LAN for source-based breakout traffic.", default: false }),
    isPrioritized: z.boolean().optional().meta({ description: "Use this LAN for source-based prioritized traffic.", default: false }),
    nat: nat().optional().meta({ description: "Source NAT for the LAN." }),
    routedSubnets: z
      .array(
        z
          .strictObject({
            nextHop: ipv4Address().meta({ description: "The router on the LAN that leads to `prefix` (IPv4)." }),
            prefix: ipv4Prefix().meta({ description: 'The routed prefix, with no host bits set, e.g. `"10.10.0.0/16"`.' }),
            nat: nat().optional().meta({ description: "Source NAT for this subnet." }),
          })
          .meta({ args: "SiteLanRoutedSubnetArgs", description: "A subnet behind a router on the LAN." }),
      )
      .optional()
      .meta({ description: "Subnets reachable through routers on the LAN.", unordered: true }),
    staticAddressing: staticAddressing()
      .meta({
        args: "SiteLanStaticAddressingArgs",
        description: "Static addressing of a LAN. Required, with `secondaryAddress` and `virtualAddress`, on a high availability site.",
      })
      .optional()
      .meta({ description: "Static addressing; leave out to use DHCP (not on a high availability site)." }),
    // Ours: the site's mode, for the high availability rules in check.
    siteHaMode: z.boolean().optional().meta({
      description:
        "Whether the LAN's site is in high availability mode. Never sent to the API: it only lets `pulumi preview` enforce the spec's rules, which depend on the site: on such a site the LAN needs `staticAddressing` with `secondaryAddress` and `virtualAddress`, and `haLink` needs it. Set it from the site (`site.haMode`); the BranchSite component does.",
      defaultDoc: "unknown (the rules are left to the API)",
      local: true,
      alwaysSet: false,
    }),
  }),
  outputs: z.object({
    staticAddressing: staticAddressing()
      .meta({ state: "SiteLanStaticAddressingState", description: "Static addressing as stored by Cloudflare (output)." })
      .optional()
      .meta({ description: "Static addressing; leave out to use DHCP (not on a high availability site)." }),
  }),
  rules: lanRules,
  api: {
    envelope: "v4",
    ...siteChildPaths("lans"),
    // Every verb's result is the LAN itself; create answers with a list of LANs (see pickCreated).
    wrappers: {},
    // PUT, not PATCH: a removed input (NAT, routed subnets, DHCP settings) must be cleared on the server.
    update: "PUT",
    permission: permission("sites", "edit"),
  },
  codegen: { collection: "siteLans", plural: "site LANs", role: "lan", label: portLabel, order: byNameAndPort },
  // ha_link updates in place: the reference lists it on create only, but the official SDK (the
  // current contract) takes it on PUT and PATCH. An API that ignored it would be caught by
  // afterUpdate below instead of drifting silently.
  afterUpdate: async (_op, id, outputs, _olds, news) => {
    if (typeof news.haLink === "boolean" && outputs.haLink !== news.haLink) {
      throw new Error(
        `Cloudflare kept ha_link ${String(outputs.haLink)} on LAN ${id} after an update asking for ${String(news.haLink)}. Change the HA link by replacing the LAN: \`pulumi up --replace <the LAN's URN>\`.`,
      );
    }
    return {};
  },
  lifecycle: {
    kind: "object",
    // Create answers `result: array of LAN`. We send one LAN, so a one-item answer is it; in a longer
    // answer, the one carrying every field we sent (an answer that also lists older LANs of the site).
    pickCreated: (created, inputs) => {
      if (created.length === 1) return created[0];
      const matching = created.filter((l) => carriesInputs(l, inputs, BODY, ["staticAddressing.dhcpServer.reservations"]));
      return matching.length === 1 ? matching[0] : undefined;
    },
    // A port and VLAN carry one link: a LAN already there (an interrupted apply's) is named when a create clashes with it.
    naturalKey: (lan, inputs) =>
      inputs.physport !== undefined && lan.physport === inputs.physport && (lan.vlan_tag ?? 0) === (inputs.vlanTag ?? 0),
    // A create whose answer was lost is found again among the site's LANs by where it attaches.
    // A left-out VLAN tag means untagged (0), so it never matches a tagged LAN on the same port.
    isSameObject: (lan, inputs) =>
      (lan.vlan_tag ?? 0) === (inputs.vlanTag ?? 0) && carriesInputs(lan, inputs, ATTACHMENT, ["staticAddressing.dhcpServer.reservations"]),
  },
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
    if (ha === false && haLinkRefused(ha, inputs.haLink))
      out.push(["haLink", "only works for a site in high availability mode (siteHaMode is false)"]);
  }
  if (!isPlainObject(sa)) return out;
  if (isPlainObject(sa.dhcpRelay) && isPlainObject(sa.dhcpServer)) {
    out.push([
      "staticAddressing.dhcpRelay",
      "cannot be set together with staticAddressing.dhcpServer: the LAN either serves DHCP itself or relays it",
    ]);
  }
  const server = sa.dhcpServer;
  if (!isPlainObject(server) || anyUnknown(sa.address, server)) return out;
  for (const [field, phrase] of dhcpServerProblems(sa.address, server)) out.push([`staticAddressing.dhcpServer.${field}`, phrase]);
  return out;
}
