import { defineResource } from "../../framework/define";
import { anyUnknown } from "../../framework/check";
import { isPlainObject } from "../../../shared/values";
import { permission } from "../../permissions";
import { identifier, healthCheckRate, ipv4Address, z } from "../common/fields";
import { byNameAndPort, carriesInputs, inSubnet, interfaceAddress, physport, portLabel, siteChildPaths, vlanTag } from "./site";

/** Request body fields, as camelCase inputs (the create answer is matched against them). */
const BODY = ["name", "physport", "priority", "staticAddressing", "vlanTag", "healthCheckRate", "loadBalanceInnerFlows"];
/** What places a WAN on the connector: two WANs of a site that agree on these are the same link. */
const ATTACHMENT = ["name", "physport", "staticAddressing"];

/** Site WAN: Cloudflare API "Magic Transit > Sites > WANs". */
export const definition = defineResource({
  token: "magic:SiteWan",
  kind: "SiteWan",
  inputs: z.strictObject({
    siteId: identifier("a site id").meta({
      ref: "magic:Site",
      description: "The site the WAN belongs to (`site.id`). Changing it replaces the WAN.",
      path: true,
    }),
    physport: physport().meta({ description: "Physical port of the connector (from 1)." }),
    name: z.string().optional().meta({ description: "Name of the WAN." }),
    priority: z.number().int().min(0).optional().meta({ description: "Priority of the WAN for traffic load balancing (0 or more)." }),
    vlanTag: vlanTag().optional().meta({ description: "VLAN ID (1-4094); zero means untagged.", default: 0 }),
    staticAddressing: z
      .strictObject({
        address: interfaceAddress().meta({
          description: 'The connector\'s address on the link with its prefix length, e.g. `"203.0.113.10/24"`.',
        }),
        gatewayAddress: ipv4Address().meta({ description: "The upstream gateway (IPv4), inside the subnet of `address`." }),
        secondaryAddress: interfaceAddress()
          .optional()
          .meta({ description: 'The second connector\'s address (high availability sites), e.g. `"203.0.113.11/24"`.' }),
      })
      .meta({ args: "SiteWanStaticAddressingArgs", description: "Static addressing of a WAN link; without it the link uses DHCP." })
      .optional()
      .meta({ description: "Static addressing; leave out to use DHCP." }),
    // Official SDK (create, PUT, PATCH); the reference shows it in answers only.
    healthCheckRate: healthCheckRate().optional().meta({
      description: 'Magic WAN health check rate for tunnels created on this link: `"low"`, `"mid"` or `"high"`.',
      default: "mid",
    }),
    // Official SDK only.
    loadBalanceInnerFlows: z.boolean().optional().meta({
      description: "Load-balance the flows inside tunnels over this link (the API's `load_balance_inner_flows`).",
      defaultDoc: "Cloudflare's",
      alwaysSet: false,
    }),
    // Ours: the site's mode, for the high availability rule in check.
    siteHaMode: z.boolean().optional().meta({
      description:
        "Whether the WAN's site is in high availability mode. Never sent to the API: it only lets `pulumi preview` enforce the spec's rule that static addressing on such a site includes `secondaryAddress`. Set it from the site (`site.haMode`); the BranchSite component does.",
      defaultDoc: "unknown (the rule is left to the API)",
      local: true,
      alwaysSet: false,
    }),
  }),
  outputs: z.object({
    healthCheckRate: healthCheckRate().meta({
      description: 'Magic WAN health check rate for tunnels created on this link (Cloudflare\'s default: `"mid"`).',
    }),
  }),
  rules: (inputs) => {
    const out: Array<[string, string]> = [];
    const sa = inputs.staticAddressing;
    if (!isPlainObject(sa) || anyUnknown(sa)) return out;
    if (inSubnet(sa.address, sa.gatewayAddress) === false)
      out.push(["staticAddressing.gatewayAddress", `must be inside the subnet of staticAddressing.address (${String(sa.address)})`]);
    // "Submit secondary_address when site is in high availability mode."
    if (inputs.siteHaMode === true && sa.secondaryAddress === undefined) {
      out.push([
        "staticAddressing.secondaryAddress",
        "is required when the site is in high availability mode (siteHaMode is true): the second connector needs its own address on this link",
      ]);
    }
    return out;
  },
  api: {
    envelope: "v4",
    ...siteChildPaths("wans"),
    // Every verb's result is the WAN itself; create answers with a list of WANs (see pickCreated).
    wrappers: {},
    // PUT, not PATCH: a removed input (name, static addressing) must be cleared on the server.
    update: "PUT",
    permission: permission("sites", "edit"),
  },
  codegen: { collection: "siteWans", plural: "site WANs", role: "wan", label: portLabel, order: byNameAndPort },
  lifecycle: {
    kind: "object",
    // Create answers `result: array of WAN`. We send one WAN, so a one-item answer is it; in a longer
    // answer, the one carrying every field we sent (an answer that also lists older WANs of the site).
    pickCreated: (created, inputs) => {
      if (created.length === 1) return created[0];
      const matching = created.filter((w) => carriesInputs(w, inputs, BODY));
      return matching.length === 1 ? matching[0] : undefined;
    },
    // A port and VLAN carry one link: a WAN already there (an interrupted apply's) is named when a create clashes with it.
    naturalKey: (wan, inputs) =>
      inputs.physport !== undefined && wan.physport === inputs.physport && (wan.vlan_tag ?? 0) === (inputs.vlanTag ?? 0),
    // A create whose answer was lost is found again among the site's WANs by where it attaches.
    // A left-out VLAN tag means untagged (0), so it never matches a tagged WAN on the same port.
    isSameObject: (wan, inputs) => (wan.vlan_tag ?? 0) === (inputs.vlanTag ?? 0) && carriesInputs(wan, inputs, ATTACHMENT),
  },
});
