/**
 * Every lookup of `sdk/lookups` as the provider plugin serves it (an Invoke of
 * `cloudflare-magic:<module>:<name>`), as data: the function's name in `sdk/lookups`, its
 * positional parameters and the fields of its args object, and what it returns. The schema
 * generator (scripts/generate-schema.ts) writes the functions of `schema.json` from this list, and
 * the plugin's Invoke (provider-plugin/server.ts) calls the sdk function by name with the
 * positional parameters in this order, then the args object. The lookups themselves stay in
 * `sdk/lookups`, the one place they are written.
 */

/** A parameter's type, in the words of Pulumi's schema. */
export type LookupType = "string" | "number" | "integer" | "boolean";

export interface LookupParam {
  name: string;
  type: LookupType;
  description: string;
  /** The value must be given. */
  required?: boolean;
}

export interface Lookup {
  /** The function's name in `sdk/lookups` and in the schema's token. */
  name: string;
  module: "magic" | "cni";
  description: string;
  /** Positional parameters of the sdk function, in order (each is required). */
  params: LookupParam[];
  /** Fields of its args object beside `accountId`. */
  args: LookupParam[];
  /**
   * What it returns: the objects of a resource type (`list`, as `items`) or one of them (`one`, its
   * fields), as lookups report them (the type `<Type>Info` of the schema); or a value whose shape the
   * sdk writes by hand (`any`: `items` for a list, `value` for one value).
   */
  result: { list: string } | { one: string } | { any: "list" | "one" };
}

const id = (what: string): LookupParam => ({ name: "id", type: "string", description: `The ${what}'s id.`, required: true });
const siteId: LookupParam = { name: "siteId", type: "string", description: "The site's id.", required: true };
const connectorId: LookupParam = { name: "connectorId", type: "string", description: "The connector's id.", required: true };
const window: LookupParam[] = [
  { name: "from", type: "number", description: "Start of the window: seconds since the Unix epoch.", required: true },
  { name: "to", type: "number", description: "End of the window: seconds since the Unix epoch.", required: true },
  { name: "limit", type: "integer", description: "Items per page (the API's `limit`)." },
  { name: "cursor", type: "string", description: "The `cursor` of the previous page." },
  { name: "allPages", type: "boolean", description: "Follow the cursor through every page and return all items at once. Default: false." },
];

export const LOOKUPS: readonly Lookup[] = [
  {
    name: "getGreTunnels",
    module: "magic",
    description: "Lists the account's GRE tunnels.",
    params: [],
    args: [],
    result: { list: "magic:GreTunnel" },
  },
  {
    name: "getIpsecTunnels",
    module: "magic",
    description: "Lists the account's IPsec tunnels.",
    params: [],
    args: [],
    result: { list: "magic:IpsecTunnel" },
  },
  {
    name: "getCfInterconnects",
    module: "magic",
    description: "Lists the account's Cloudflare-made interconnects (CNI tunnels and GRE interconnects).",
    params: [],
    args: [],
    result: { list: "magic:CfInterconnect" },
  },
  {
    name: "getCfInterconnect",
    module: "magic",
    description: "Gets one Cloudflare-made interconnect by id.",
    params: [id("interconnect")],
    args: [],
    result: { one: "magic:CfInterconnect" },
  },
  {
    name: "getSiteAcls",
    module: "magic",
    description: "Lists the ACLs of a site.",
    params: [siteId],
    args: [],
    result: { list: "magic:SiteAcl" },
  },
  {
    name: "getSiteAppConfigs",
    module: "magic",
    description: "Lists the app configs of a site.",
    params: [siteId],
    args: [],
    result: { list: "magic:SiteAppConfig" },
  },
  {
    name: "getSites",
    module: "magic",
    description: "Lists the account's Magic WAN sites.",
    params: [],
    args: [
      { name: "connectorId", type: "string", description: "Only the sites this Magic Connector runs (as primary or secondary connector)." },
    ],
    result: { list: "magic:Site" },
  },
  { name: "getSite", module: "magic", description: "Gets one site by id.", params: [id("site")], args: [], result: { one: "magic:Site" } },
  {
    name: "getSiteWans",
    module: "magic",
    description: "Lists the WANs of a site.",
    params: [siteId],
    args: [],
    result: { list: "magic:SiteWan" },
  },
  {
    name: "getSiteLans",
    module: "magic",
    description: "Lists the LANs of a site.",
    params: [siteId],
    args: [],
    result: { list: "magic:SiteLan" },
  },
  {
    name: "getRoutes",
    module: "magic",
    description: "Lists the account's static routes.",
    params: [],
    args: [],
    result: { list: "magic:StaticRoute" },
  },
  {
    name: "getApps",
    module: "magic",
    description:
      "Lists the account's apps and, unless `includeManaged` is false, Cloudflare's managed apps (each with `id`, `managed`, `name`, `type`, `hostnames`, `ipSubnets`, `sourceSubnets`).",
    params: [],
    args: [{ name: "includeManaged", type: "boolean", description: "Include Cloudflare's managed apps. Default: true." }],
    result: { any: "list" },
  },
  {
    name: "getConnectors",
    module: "magic",
    description: "Lists the account's Magic WAN Connectors, optionally only those of one device type.",
    params: [],
    args: [
      {
        name: "deviceType",
        type: "string",
        description: 'Only connectors of this device type: "MANAGED" or "LICENSED". Default: every connector.',
      },
    ],
    result: { list: "magic:Connector" },
  },
  {
    name: "getConnector",
    module: "magic",
    description: "Gets one Magic WAN Connector by id.",
    params: [id("connector")],
    args: [],
    result: { one: "magic:Connector" },
  },
  {
    name: "getConnectorEvents",
    module: "magic",
    description: "A page (or, with `allPages`, all) of a connector's event summaries in a time window: `{ items, cursor? }`.",
    params: [connectorId],
    args: [...window, { name: "kind", type: "string", description: "Only events of this kind (the API's `k`)." }],
    result: { any: "one" },
  },
  {
    name: "getConnectorEvent",
    module: "magic",
    description: "One connector event, by the `t` and `n` of an events list item.",
    params: [
      connectorId,
      { name: "t", type: "integer", description: "The event's time (`t` of a list item).", required: true },
      { name: "n", type: "integer", description: "The event's sequence number (`n` of a list item).", required: true },
    ],
    args: [],
    result: { any: "one" },
  },
  {
    name: "getConnectorLatestEvents",
    module: "magic",
    description: "A connector's latest events: `{ count, items }`.",
    params: [connectorId],
    args: [],
    result: { any: "one" },
  },
  {
    name: "getConnectorSnapshots",
    module: "magic",
    description: "A page (or, with `allPages`, all) of a connector's snapshot summaries in a time window: `{ items, cursor? }`.",
    params: [connectorId],
    args: window,
    result: { any: "one" },
  },
  {
    name: "getConnectorSnapshot",
    module: "magic",
    description: "One connector snapshot (camelCase keys), by the `t` of a snapshots list item.",
    params: [connectorId, { name: "t", type: "integer", description: "The snapshot's time (`t` of a list item).", required: true }],
    args: [],
    result: { any: "one" },
  },
  {
    name: "getConnectorLatestSnapshots",
    module: "magic",
    description: "A connector's latest snapshots: `{ count, items }`.",
    params: [connectorId],
    args: [],
    result: { any: "one" },
  },
  {
    name: "getPcaps",
    module: "magic",
    description: "Lists the account's packet capture requests.",
    params: [],
    args: [],
    result: { list: "magic:PacketCapture" },
  },
  {
    name: "getPcap",
    module: "magic",
    description: "Gets one packet capture request by id.",
    params: [id("packet capture")],
    args: [],
    result: { one: "magic:PacketCapture" },
  },
  {
    name: "getPcapBucketOwnerships",
    module: "magic",
    description: "Lists the account's validated packet capture buckets.",
    params: [],
    args: [],
    result: { list: "magic:PcapBucketOwnership" },
  },
  {
    name: "downloadPcap",
    module: "magic",
    description: "Downloads a finished simple packet capture: `{ contentType, base64 }` (the file, base64-encoded).",
    params: [id("packet capture")],
    args: [],
    result: { any: "one" },
  },
  {
    name: "getSlots",
    module: "cni",
    description: "Lists the interconnect slots Cloudflare offers (camelCase keys of the API's slot objects).",
    params: [],
    args: [
      { name: "addressContains", type: "string", description: "Only slots with this text in their address (e.g. a city)." },
      { name: "occupied", type: "boolean", description: "Only occupied (`true`) or free (`false`) slots." },
      { name: "site", type: "string", description: "Only slots at this Cloudflare site." },
      { name: "speed", type: "string", description: 'Only slots that support this speed, e.g. "10G".' },
    ],
    result: { any: "list" },
  },
  {
    name: "getSlot",
    module: "cni",
    description: "Gets one interconnect slot by id.",
    params: [{ name: "slotId", type: "string", description: "The slot's id.", required: true }],
    args: [],
    result: { any: "one" },
  },
  {
    name: "getInterconnects",
    module: "cni",
    description: "Lists the account's CNI interconnects.",
    params: [],
    args: [
      { name: "site", type: "string", description: "Only interconnects at this site." },
      { name: "type", type: "string", description: "Only interconnects of this type." },
    ],
    result: { list: "cni:Interconnect" },
  },
  {
    name: "getInterconnect",
    module: "cni",
    description: "Gets one CNI interconnect by name.",
    params: [{ name: "name", type: "string", description: "The interconnect's name.", required: true }],
    args: [],
    result: { one: "cni:Interconnect" },
  },
  {
    name: "getInterconnectStatus",
    module: "cni",
    description: "The status of a CNI interconnect, as the API answers it.",
    params: [{ name: "name", type: "string", description: "The interconnect's name.", required: true }],
    args: [],
    result: { any: "one" },
  },
  {
    name: "getInterconnectLoa",
    module: "cni",
    description: "The Letter of Authorization of a CNI interconnect: `{ contentType, base64 }` (the PDF, base64-encoded).",
    params: [{ name: "interconnect", type: "string", description: "The interconnect's name.", required: true }],
    args: [{ name: "name", type: "string", description: "Name printed on the LOA instead of the account name (at most 200 characters)." }],
    result: { any: "one" },
  },
  {
    name: "getCnis",
    module: "cni",
    description: "Lists the account's CNIs (camelCase keys of the API's CNI objects).",
    params: [],
    args: [
      { name: "slot", type: "string", description: "Only CNIs on the interconnect using this slot." },
      { name: "tunnelId", type: "string", description: "Only CNIs of this tunnel." },
    ],
    result: { any: "list" },
  },
  {
    name: "getCni",
    module: "cni",
    description: "Gets one CNI by id (camelCase keys of the API's CNI object).",
    params: [id("CNI")],
    args: [],
    result: { any: "one" },
  },
  {
    name: "getCniSettings",
    module: "cni",
    description: "The account's CNI settings (camelCase keys of the API's settings object).",
    params: [],
    args: [],
    result: { any: "one" },
  },
];

/** The optional `accountId` every lookup takes. */
export const ACCOUNT_ID_PARAM: LookupParam = {
  name: "accountId",
  type: "string",
  description: "The account. Default: the provider's `accountId`, else the environment variable CLOUDFLARE_ACCOUNT_ID.",
};
