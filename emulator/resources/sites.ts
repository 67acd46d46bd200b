/**
 * Magic WAN sites (Cloudflare API "Magic Transit > Sites"): `/accounts/:account_id/magic/sites[/:site_id]`.
 *
 * - Every verb answers the site itself as `result` (the list, an array of sites). `?connectorid=`
 *   lists the sites whose `connector_id` or `secondary_connector_id` is that connector.
 * - Defaults: `ha_mode` false. Unset `description`, `connector_id`, `secondary_connector_id` and
 *   `location` are absent from answers.
 * - Rules: `name` a non-empty string (required on create); connector ids 32-hex identifiers;
 *   `secondary_connector_id` only on a site in high availability mode ("If set to true, the site
 *   can have two connectors") and different from `connector_id`; `location.lat` / `location.lon`
 *   decimal-degree strings within ±90 / ±180.
 * - `ha_mode` is taken by create, PUT and PATCH, as the official SDK declares (`SiteUpdateParams`,
 *   `SiteEditParams`); the reference lists it on create only. A PUT without it keeps the current
 *   mode. Turning it off is refused while the site keeps a secondary connector (the rule above);
 *   neither source says what happens to a LAN that is the ha_link, so that is not checked here.
 * - PUT replaces every field (omitted ones disappear), except `name`, kept when left out (a site
 *   always has a name); PATCH changes the fields it sends (a sent `location` replaces it whole).
 * - DELETE refuses (400 / 1007) while the site still has WANs, LANs, ACLs or app configurations.
 * - The spec offers no `?validate_only=true` here: the parameter is ignored and the request acts.
 *
 * Also exports the checks the site's WANs and LANs share.
 */
import { ApiError, type CfError, Codes, cfError } from "../envelope";
import type { RequestContext, Router } from "../router";
import { type StoredObject, newId } from "../store";
import {
  given,
  type Check,
  type JsonObject,
  type Rules,
  boolean,
  integer,
  invalid,
  isPlainObject,
  parseCidr,
  parseIPv4,
  string,
} from "../validate";
import { serveCollection } from "./objects";
import { SITES, SITE_CHILDREN, childrenOf } from "./site-scope";

const CHILD_NAMES: Record<(typeof SITE_CHILDREN)[number], string> = {
  site_lans: "LAN(s)",
  site_wans: "WAN(s)",
  site_acls: "ACL(s)",
  site_app_configs: "app configuration(s)",
};

export interface Site extends StoredObject {
  name: string;
  ha_mode: boolean;
  connector_id?: string;
  description?: string;
  location?: { lat?: string; lon?: string };
  secondary_connector_id?: string;
}

// ---- checks shared with site WANs and LANs --------------------------------------------------------

/** Cloudflare identifiers: 32 lowercase hex characters. */
export const identifier: Check = (v, p) =>
  typeof v === "string" && /^[0-9a-f]{32}$/.test(v) ? undefined : invalid(p, "must be a 32-character hexadecimal identifier");

/** "VLAN ID. Use zero for untagged." 802.1Q ids are 1-4094. */
export const vlanTag = integer({ min: 0, max: 4094 });

/** Connector ports are numbered from 1. */
export const physport = integer({ min: 1 });

/** "A valid CIDR notation representing an IP range", IPv4 (site networking is IPv4; host bits allowed for interface addresses). */
export const ipv4Cidr: Check = (v, p) =>
  typeof v === "string" && parseCidr(v)?.version === 4 ? undefined : invalid(p, "must be a valid IPv4 CIDR, e.g. 192.0.2.1/24");

/** True when the IPv4 `address` lies in the subnet of the IPv4 CIDR `cidr`; undefined when either does not parse. */
export function inSubnet(cidr: unknown, address: unknown): boolean | undefined {
  const c = typeof cidr === "string" ? parseCidr(cidr) : undefined;
  const a = typeof address === "string" ? parseIPv4(address) : undefined;
  if (!c || c.version !== 4 || a === undefined) return undefined;
  const size = 2 ** (32 - c.prefix);
  return Math.floor(a / size) === Math.floor(Number(c.address) / size);
}

// ---- sites ----------------------------------------------------------------------------------------

function coordinate(limit: number): Check {
  return (v, p) =>
    typeof v === "string" && /^[-+]?\d{1,3}(\.\d+)?$/.test(v) && Math.abs(Number(v)) <= limit
      ? undefined
      : invalid(p, `must be a decimal number of degrees between -${limit} and ${limit}, as a string`);
}

const nonEmpty: Check = (v, p) => string(v, p) ?? (v === "" ? invalid(p, "must not be empty") : undefined);

function bodyRules(operation: "create" | "update"): Rules {
  return {
    name: { required: operation === "create", checks: [nonEmpty] },
    connector_id: { checks: [identifier] },
    description: { checks: [string] },
    ha_mode: { checks: [boolean] },
    location: { fields: { lat: { checks: [coordinate(90)] }, lon: { checks: [coordinate(180)] } } },
    secondary_connector_id: { checks: [identifier] },
  };
}

/** Only the spec's location members; null ones count as not set. */
function location(value: unknown): Site["location"] {
  if (!isPlainObject(value)) return undefined;
  const out: NonNullable<Site["location"]> = {};
  const lat = given<string>(value, "lat");
  const lon = given<string>(value, "lon");
  if (lat !== undefined) out.lat = lat;
  if (lon !== undefined) out.lon = lon;
  return out;
}

/** Rules across fields of the resulting site. */
function connectorRules(_ctx: RequestContext, [{ object: site }]: Array<{ object: Site }>): CfError[] {
  if (site.secondary_connector_id === undefined) return [];
  if (!site.ha_mode) return [invalid("/secondary_connector_id", "can only be set on a site in high availability mode (ha_mode true)")];
  if (site.secondary_connector_id === site.connector_id) return [invalid("/secondary_connector_id", "must differ from connector_id")];
  return [];
}

/** The site a create or PUT body describes; a PUT keeps the name and the mode when it leaves them out. */
function build(body: JsonObject, existing: Site | undefined): Site {
  return {
    id: existing?.id ?? newId(),
    name: given<string>(body, "name") ?? existing!.name,
    ha_mode: given<boolean>(body, "ha_mode") ?? existing?.ha_mode ?? false,
    connector_id: given(body, "connector_id"),
    description: given(body, "description"),
    location: location(body.location),
    secondary_connector_id: given(body, "secondary_connector_id"),
  };
}

/** A PATCH: the fields it sends (a sent `location` replaces it whole). */
function patch(body: JsonObject, existing: Site): Site {
  return {
    ...existing,
    ...Object.fromEntries(
      ["name", "connector_id", "description", "secondary_connector_id"].filter((k) => k in body).map((k) => [k, given(body, k)]),
    ),
    ...(given(body, "ha_mode") !== undefined ? { ha_mode: given<boolean>(body, "ha_mode") } : {}),
    ...("location" in body ? { location: location(body.location) } : {}),
    id: existing.id,
  };
}

/** DELETE refuses (400 / 1007) while the site still has WANs, LANs, ACLs or app configurations. */
function stillInUse(ctx: RequestContext, site: Site): void {
  const account = ctx.params.account_id;
  const left = SITE_CHILDREN.map((c) => [c, childrenOf(ctx.store, account, c, site.id).length] as const).filter(([, n]) => n > 0);
  if (left.length > 0) {
    const what = left.map(([c, n]) => `${n} ${CHILD_NAMES[c]}`).join(", ");
    throw new ApiError(400, [cfError(Codes.IN_USE, `Site still has ${what}; delete them before deleting the site`)]);
  }
}

export function register(router: Router): void {
  serveCollection<Site>(router, {
    collection: SITES,
    label: "Site",
    path: "/accounts/:account_id/magic/sites",
    idParam: "site_id",
    verbs: ["list", "create", "get", "put", "patch", "delete"],
    product: "magicWan",
    rules: bodyRules,
    build,
    patch,
    check: connectorRules,
    checkDelete: stillInUse,
    // `?connectorid=`: the sites whose `connector_id` or `secondary_connector_id` is that connector.
    listFilter: (ctx) => {
      const connector = ctx.query.get("connectorid");
      return connector ? (s) => s.connector_id === connector || s.secondary_connector_id === connector : undefined;
    },
  });
}
