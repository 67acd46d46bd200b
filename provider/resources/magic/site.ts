import { defineResource, type PathContext } from "../../framework/define";
import { path } from "../../client";
import { permission } from "../../permissions";
import { anyUnknown } from "../../framework/check";
import { camelToSnake, compareText, convertKeys, isPlainObject } from "../../../shared/values";
import { isNetworkAddress, parsePrefix } from "../../../shared/ip";
import { identifier, z } from "../common/fields";

/**
 * Magic WAN site (Cloudflare API "Magic Transit > Sites"), plus the field schemas and path helpers its children
 * (site WANs and LANs, Cloudflare API "Magic Transit > Sites > WANs" / Cloudflare API "Magic Transit > Sites > LANs") share.
 */

/**
 * An interface address "in CIDR notation": the address of the port and its subnet length, such
 * as 192.0.2.10/24 (host bits are the point here). Site networking is IPv4: gateways, next hops
 * and DHCP addresses are all "A valid IPv4 address".
 */
export const interfaceAddress = () =>
  z.string().refine((s) => parsePrefix(s)?.family === 4, "must be an IPv4 address with its prefix length, such as 192.0.2.10/24");

/** A routed range in CIDR notation, written with no host bits set so it means one thing. */
export const ipv4Prefix = () =>
  z.string().refine((s) => {
    const p = parsePrefix(s);
    return p?.family === 4 && isNetworkAddress(p);
  }, "must be an IPv4 prefix in CIDR notation with no host bits set, such as 192.0.2.0/24");

/** "VLAN ID. Use zero for untagged." 802.1Q ids are 1-4094. */
export const vlanTag = () => z.number().int().min(0).max(4094);

/** Physical port number of the Magic WAN Connector (ports are numbered from 1). */
export const physport = () => z.number().int().min(1);

export { inSubnet } from "../../../shared/rules";

function siteIdOf(ctx: PathContext): string {
  const id = ctx.props.siteId;
  if (typeof id !== "string" || id === "")
    throw new Error("siteId is required: the object lives under a site (/magic/sites/{site_id}/...).");
  return id;
}

/** Paths of a site's children: `/accounts/{account_id}/magic/sites/{site_id}/<segment>[/{id}]`. */
export function siteChildPaths(segment: "wans" | "lans" | "acls" | "app_configs") {
  return {
    collection: (ctx: PathContext) => path`/accounts/${ctx.accountId}/magic/sites/${siteIdOf(ctx)}/${segment}`,
    item: (ctx: PathContext, id: string) => path`/accounts/${ctx.accountId}/magic/sites/${siteIdOf(ctx)}/${segment}/${id}`,
  };
}

/** What names a WAN or LAN in a generated program: its name, else its port (and VLAN). */
export function portLabel(o: Record<string, unknown>): string {
  const vlan = typeof o.vlanTag === "number" && o.vlanTag !== 0 ? `_vlan${o.vlanTag}` : "";
  return typeof o.name === "string" ? o.name : `port${String(o.physport)}${vlan}`;
}

/** The order WANs or LANs are written in: by name (unnamed first), then port. */
export function byNameAndPort(a: Record<string, unknown>, b: Record<string, unknown>): number {
  const key = (o: Record<string, unknown>) => `${typeof o.name === "string" ? o.name : ""} ${String(o.physport).padStart(4, "0")}`;
  return compareText(key(a), key(b));
}

/**
 * True when the API object carries every value the user gave for `keys` (camelCase input names):
 * scalars equal, lists pairwise, objects on the given keys only. Keys of `opaque` maps (dotted
 * camelCase paths, e.g. MAC addresses) are compared verbatim.
 */
export function carriesInputs(
  apiObject: Record<string, unknown>,
  inputs: Record<string, unknown>,
  keys: string[],
  opaque: string[] = [],
): boolean {
  const given = Object.fromEntries(keys.filter((k) => inputs[k] !== undefined).map((k) => [k, inputs[k]]));
  const body = convertKeys(given, camelToSnake, new Set(opaque)) as Record<string, unknown>;
  return Object.entries(body).every(([k, v]) => carries(v, apiObject[k]));
}

function carries(want: unknown, live: unknown): boolean {
  if (Array.isArray(want)) return Array.isArray(live) && want.length === live.length && want.every((w, i) => carries(w, live[i]));
  if (isPlainObject(want)) return isPlainObject(live) && Object.entries(want).every(([k, w]) => w === undefined || carries(w, live[k]));
  return want === live;
}

/** "37.6192": a decimal number between -`limit` and `limit`, as the API's string. */
const coordinate = (limit: number, what: string) =>
  z
    .string()
    .refine(
      (s) => /^[-+]?\d{1,3}(\.\d+)?$/.test(s) && Math.abs(Number(s)) <= limit,
      `must be a ${what} in decimal degrees between -${limit} and ${limit}, such as "37.6192"`,
    );

export const definition = defineResource({
  token: "magic:Site",
  kind: "Site",
  inputs: z.strictObject({
    name: z
      .string()
      .refine((s) => s.length > 0, "must not be empty")
      .meta({ description: 'The name of the site, e.g. `"nyc_branch"`.' }),
    description: z.string().optional().meta({ description: "Free-text description." }),
    connectorId: identifier("a Magic Connector id")
      .optional()
      .meta({ description: "The Magic WAN Connector running the site (its 32-hex id).", ref: "magic:Connector" }),
    secondaryConnectorId: identifier("a Magic Connector id").optional().meta({
      description: "The second connector of a high availability site; needs `haMode: true` and must differ from `connectorId`.",
      ref: "magic:Connector",
    }),
    haMode: z.boolean().optional().meta({
      description:
        "High availability mode: the site can have two connectors. Changing it updates the site in place (Cloudflare's current API takes `ha_mode` on update); the site and everything under it stay. Turning it off needs the site's HA LAN (`haLink`) and `secondaryConnectorId` gone first.",
      default: false,
    }),
    location: z
      .strictObject({
        lat: coordinate(90, "latitude").optional().meta({ description: 'Latitude between -90 and 90, e.g. `"37.6192"`.' }),
        lon: coordinate(180, "longitude").optional().meta({ description: 'Longitude between -180 and 180, e.g. `"122.3816"`.' }),
      })
      .meta({ args: "SiteLocationArgs", description: "Where a site is, in decimal degrees (the API takes them as strings)." })
      .optional()
      .meta({ description: "Location of the site." }),
  }),
  // "If set to true, the site can have two connectors": the secondary one needs high availability mode.
  rules: (inputs) => {
    const out: Array<[string, string]> = [];
    const { haMode, connectorId, secondaryConnectorId } = inputs;
    if (secondaryConnectorId === undefined || anyUnknown(haMode, secondaryConnectorId)) return out;
    if (haMode !== true)
      out.push(["secondaryConnectorId", "is only used in high availability mode; set haMode: true to run the site on two connectors"]);
    else if (!anyUnknown(connectorId) && connectorId === secondaryConnectorId)
      out.push([
        "secondaryConnectorId",
        "must differ from connectorId (the two connectors of a high availability site are different devices)",
      ]);
    return out;
  },
  api: {
    envelope: "v4",
    collection: ({ accountId }) => path`/accounts/${accountId}/magic/sites`,
    item: ({ accountId }, id) => path`/accounts/${accountId}/magic/sites/${id}`,
    // The reference documents `x-magic-new-hc-target` on the site GET, and the official SDK sends
    // it there (sites.get); the other site endpoints take no such header.
    getHeaders: { "x-magic-new-hc-target": "true" },
    // The spec shows every verb's result as the site itself.
    wrappers: {},
    // PUT, not PATCH: an input the user removes (description, location) must be cleared on the
    // server, which a PATCH that leaves it out would not do.
    update: "PUT",
    permission: permission("sites", "edit"),
  },
  codegen: { collection: "sites", plural: "sites", role: "site" },
  // ha_mode updates in place. The reference lists it on create only; the official SDK (generated
  // from Cloudflare's current OpenAPI description) takes it on PUT and PATCH. Replacing a site
  // would delete every WAN, LAN, ACL and app config under it (and the API refuses to delete a site
  // that still has them), so the in-place path is the one to take. If Cloudflare ever answers a
  // PUT without applying it, afterUpdate fails loudly instead of leaving a permanent diff.
  afterUpdate: async (_op, id, outputs, _olds, news) => {
    if (typeof news.haMode === "boolean" && outputs.haMode !== news.haMode) {
      throw new Error(
        `Cloudflare kept ha_mode ${String(outputs.haMode)} on site ${id} after an update asking for ${String(news.haMode)}. Change the high availability mode by replacing the site (remove its WANs, LANs, ACLs and app configs first): \`pulumi up --replace <the site's URN>\`.`,
      );
    }
    return {};
  },
  // No isSameObject: site names are not documented as unique, so a create whose answer was lost is
  // never matched to a site someone else made (the framework then fails it and says so). An
  // isSameObject would also make a same-named replacement delete first, which the API refuses while
  // the site still has WANs and LANs. Cloudflare takes two equal sites, so a create first looks for
  // the twin an interrupted apply may have left.
  lifecycle: { kind: "object", duplicatesAccepted: true },
});
