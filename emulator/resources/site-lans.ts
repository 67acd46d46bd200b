/**
 * Site LANs (Cloudflare API "Magic Transit > Sites > LANs"): `/accounts/:account_id/magic/sites/:site_id/lans[/:lan_id]`.
 *
 * Stored in "site_lans" with `site_id` (see site-scope.ts); an unknown site, or a LAN of another
 * site, is 404 / 1004.
 * - Create answers `result` as an array holding the new LAN (the spec's `array of LAN`); the other
 *   verbs answer the LAN itself, the list an array.
 * - Defaults: `vlan_tag` 0 (untagged); `ha_link`, `is_breakout`, `is_prioritized` false ("mark true
 *   to use ..."). Other unset fields are absent from answers; only the spec's members are kept.
 * - Rules: `physport` an integer >= 1; `bond_id` an integer >= 0; `vlan_tag` 0..4094; prefixes
 *   (`nat.static_prefix`, `routed_subnets[].prefix`, the static addresses) IPv4 CIDRs; next hops,
 *   DHCP pool bounds, DNS and DHCP relay servers IPv4 addresses; reservation keys MAC addresses
 *   (`00:11:22:33:44:55`) and values IPv4 addresses. Across fields: `dhcp_relay` and `dhcp_server`
 *   not both; the DHCP pool and reservations inside the subnet of `static_addressing.address`, the
 *   pool start not after its end.
 * - High availability (the site's `ha_mode`): "static_addressing is required along with secondary
 *   and virtual address" (1002 at the missing member); `ha_link` "only works for site with HA
 *   turned on" (1005) and "only one LAN can be set as the ha_link" (1003).
 * - `ha_link` is taken by create, PUT and PATCH, as the official SDK declares (`LANUpdateParams`,
 *   `LANEditParams`); the reference lists it on create only. A PUT without it keeps the current
 *   value (the older contract had no way to send it back).
 * - `static_addressing.dhcp_server.dhcp_options` (official SDK, not the reference): a list of
 *   `{code, type, value}`; `code` 1-254 except 3, 6 and 51 (connector-managed), `type` one of
 *   text/hex/ip/byte/short/integer and `value` of that type (text and hex at most 255 bytes).
 * - A second LAN on the same `physport` and `vlan_tag` of a site is refused (1003), naming the
 *   LAN already there, as a real site refuses two links on one port and VLAN.
 * - PUT replaces every other field (omitted ones return to their defaults or disappear); PATCH
 *   changes the top-level fields it sends. Rules apply to the result.
 * - The spec offers no `?validate_only=true` here: the parameter is ignored and the request acts.
 */
import { type CfError, Codes, badRequest, cfError } from "../envelope";
import type { RequestContext, Router } from "../router";
import { type StoredObject, newId } from "../store";
import {
  given,
  type Check,
  type JsonObject,
  type Rules,
  arrayOf,
  boolean,
  integer,
  invalid,
  ipv4,
  isPlainObject,
  parseIPv4,
  string,
} from "../validate";
import { type Change, serveCollection } from "./objects";
import { childrenOf, requireSite } from "./site-scope";
import { inSubnet, ipv4Cidr, physport, vlanTag } from "./sites";

const COLLECTION = "site_lans";

const MAC = /^[0-9A-Fa-f]{2}(:[0-9A-Fa-f]{2}){5}$/;

export interface SiteLan extends StoredObject {
  site_id: string;
  vlan_tag: number;
  ha_link: boolean;
  is_breakout: boolean;
  is_prioritized: boolean;
  bond_id?: number;
  name?: string;
  nat?: JsonObject;
  physport?: number;
  routed_subnets?: JsonObject[];
  static_addressing?: JsonObject;
}

/** Members of the spec's nested objects, kept when present (everything else is dropped). */
const NAT = ["static_prefix"];
const ROUTED_SUBNET = ["next_hop", "prefix", "nat"];
const STATIC_ADDRESSING = ["address", "dhcp_relay", "dhcp_server", "secondary_address", "virtual_address"];
const DHCP_RELAY = ["server_addresses"];
const DHCP_SERVER = ["dhcp_options", "dhcp_pool_end", "dhcp_pool_start", "dns_server", "dns_servers", "reservations"];

/** The given members of an object; null ones count as not set. */
function pick(value: unknown, keys: string[]): JsonObject | undefined {
  if (!isPlainObject(value)) return undefined;
  return Object.fromEntries(keys.filter((k) => value[k] !== undefined && value[k] !== null).map((k) => [k, value[k]]));
}

const nat = (v: unknown) => pick(v, NAT);

function routedSubnets(v: unknown): JsonObject[] | undefined {
  if (!Array.isArray(v)) return undefined;
  return v.map((s) => {
    const out = pick(s, ROUTED_SUBNET)!;
    if (out.nat !== undefined) out.nat = nat(out.nat);
    return out;
  });
}

function staticAddressing(v: unknown): JsonObject | undefined {
  const out = pick(v, STATIC_ADDRESSING);
  if (!out) return undefined;
  if (out.dhcp_relay !== undefined) out.dhcp_relay = pick(out.dhcp_relay, DHCP_RELAY);
  if (out.dhcp_server !== undefined) out.dhcp_server = pick(out.dhcp_server, DHCP_SERVER);
  return out;
}

/** "Mapping of MAC addresses to IP addresses". */
const reservations: Check = (v, p) => {
  if (!isPlainObject(v)) return invalid(p, "must be an object mapping MAC addresses to IPv4 addresses");
  for (const [mac, ip] of Object.entries(v)) {
    if (!MAC.test(mac)) return invalid(`${p}/${mac}`, "must be keyed by a MAC address such as 00:11:22:33:44:55");
    const bad = ipv4(ip, `${p}/${mac}`);
    if (bad) return bad;
  }
  return undefined;
};

/** DHCP option codes the connector manages itself (router, DNS servers, lease time). */
const RESERVED_DHCP_CODES = [3, 6, 51];
const DHCP_OPTION_TYPES = ["text", "hex", "ip", "byte", "short", "integer"];

function dhcpOptionValue(type: string, value: string): string | undefined {
  const unsigned = (max: number) =>
    /^\d+$/.test(value) && Number(value) <= max ? undefined : `must be an unsigned integer 0-${max} for type ${type}`;
  switch (type) {
    case "text":
      return Buffer.byteLength(value) <= 255 ? undefined : "must be at most 255 bytes for type text";
    case "hex":
      return /^[0-9A-Fa-f]{2}(:[0-9A-Fa-f]{2}){0,254}$/.test(value)
        ? undefined
        : 'must be colon-separated hex bytes such as "01:04:aa:bb:cc" (at most 255 bytes) for type hex';
    case "ip":
      return parseIPv4(value) !== undefined ? undefined : "must be an IPv4 address for type ip";
    case "byte":
      return unsigned(255);
    case "short":
      return unsigned(65535);
    default:
      return unsigned(4294967295);
  }
}

/** `dhcp_options`: "A custom DHCP option to include in DHCP responses" (official SDK). */
const dhcpOptions: Check = (v, p) => {
  if (!Array.isArray(v)) return invalid(p, "must be an array of {code, type, value}");
  for (let i = 0; i < v.length; i++) {
    const o: unknown = v[i];
    const at = `${p}/${i}`;
    if (!isPlainObject(o)) return invalid(at, "must be an object {code, type, value}");
    const code = o.code;
    if (typeof code !== "number" || !Number.isInteger(code) || code < 1 || code > 254)
      return invalid(`${at}/code`, "must be an integer 1-254");
    if (RESERVED_DHCP_CODES.includes(code)) return invalid(`${at}/code`, "must not be 3, 6 or 51 (the connector manages those options)");
    if (typeof o.type !== "string" || !DHCP_OPTION_TYPES.includes(o.type))
      return invalid(`${at}/type`, `must be one of ${DHCP_OPTION_TYPES.join(", ")}`);
    if (typeof o.value !== "string") return invalid(`${at}/value`, "must be a string");
    const bad = dhcpOptionValue(o.type, o.value);
    if (bad) return invalid(`${at}/value`, bad);
  }
  return undefined;
};

const listOfObjects: Check = (v, p) => (Array.isArray(v) ? undefined : invalid(p, "must be an array"));

const natRule = { fields: { static_prefix: { checks: [ipv4Cidr] } } };

const subnetRules: Rules = {
  next_hop: { required: true, checks: [ipv4] },
  prefix: { required: true, checks: [ipv4Cidr] },
  nat: natRule,
};

/** Body rules, the same for every operation. */
function bodyRules(): Rules {
  return {
    bond_id: { checks: [integer({ min: 0 })] },
    ha_link: { checks: [boolean] },
    is_breakout: { checks: [boolean] },
    is_prioritized: { checks: [boolean] },
    name: { checks: [string] },
    nat: natRule,
    physport: { checks: [physport] },
    routed_subnets: { checks: [listOfObjects], items: subnetRules },
    static_addressing: {
      fields: {
        address: { required: true, checks: [ipv4Cidr] },
        dhcp_relay: { fields: { server_addresses: { checks: [arrayOf(ipv4)] } } },
        dhcp_server: {
          fields: {
            dhcp_options: { checks: [dhcpOptions] },
            dhcp_pool_end: { checks: [ipv4] },
            dhcp_pool_start: { checks: [ipv4] },
            dns_server: { checks: [ipv4] },
            dns_servers: { checks: [arrayOf(ipv4)] },
            reservations: { checks: [reservations] },
          },
        },
        secondary_address: { checks: [ipv4Cidr] },
        virtual_address: { checks: [ipv4Cidr] },
      },
    },
    vlan_tag: { checks: [vlanTag] },
  };
}

/** Rules across fields of the resulting LAN, given its site and the site's other LANs. */
function crossRules(ctx: RequestContext, [{ object: lan }]: Array<Change<SiteLan>>): CfError[] {
  const site = requireSite(ctx.store, ctx.params.account_id, lan.site_id);
  const others = siblings(ctx, lan.id);
  // A port and VLAN carry one link: a second LAN there is refused, as the site's connector would.
  const taken = lan.physport === undefined ? undefined : others.find((o) => o.physport === lan.physport && o.vlan_tag === lan.vlan_tag);
  if (taken) {
    throw badRequest([
      cfError(
        Codes.DUPLICATE,
        `LAN ${taken.id}${taken.name ? ` ("${taken.name}")` : ""} of this site already uses port ${lan.physport} with VLAN ${lan.vlan_tag}; a port and VLAN carry one LAN`,
        "/physport",
      ),
    ]);
  }
  const errors: CfError[] = [];
  const sa = lan.static_addressing;
  if (site.ha_mode === true) {
    const missing = (pointer: string) =>
      cfError(Codes.MISSING_FIELD, `${pointer.slice(1).replace(/\//g, ".")} is required on a site in high availability mode`, pointer);
    if (!sa) errors.push(missing("/static_addressing"));
    else {
      if (sa.secondary_address === undefined) errors.push(missing("/static_addressing/secondary_address"));
      if (sa.virtual_address === undefined) errors.push(missing("/static_addressing/virtual_address"));
    }
  }
  if (lan.ha_link && site.ha_mode !== true) errors.push(invalid("/ha_link", "only works for a site in high availability mode"));
  else if (lan.ha_link && others.some((o) => o.ha_link)) {
    errors.push(
      cfError(Codes.DUPLICATE, "Another LAN of this site is already the ha_link; only one LAN can be set as the ha_link", "/ha_link"),
    );
  }
  if (sa) {
    if (sa.dhcp_relay !== undefined && sa.dhcp_server !== undefined) {
      errors.push(invalid("/static_addressing/dhcp_relay", "cannot be set together with static_addressing.dhcp_server"));
    }
    const server = isPlainObject(sa.dhcp_server) ? sa.dhcp_server : {};
    const outside = (["dhcp_pool_start", "dhcp_pool_end"] as const).filter((k) => inSubnet(sa.address, server[k]) === false);
    for (const k of outside)
      errors.push(
        invalid(`/static_addressing/dhcp_server/${k}`, `must be inside the subnet of static_addressing.address (${String(sa.address)})`),
      );
    const [start, end] = [parseIPv4(String(server.dhcp_pool_start)), parseIPv4(String(server.dhcp_pool_end))];
    if (outside.length === 0 && start !== undefined && end !== undefined && start > end) {
      errors.push(
        invalid("/static_addressing/dhcp_server/dhcp_pool_end", "must not come before static_addressing.dhcp_server.dhcp_pool_start"),
      );
    }
    if (isPlainObject(server.reservations)) {
      for (const [mac, ip] of Object.entries(server.reservations)) {
        if (inSubnet(sa.address, ip) === false) {
          errors.push(
            invalid(
              `/static_addressing/dhcp_server/reservations/${mac}`,
              `must be inside the subnet of static_addressing.address (${String(sa.address)})`,
            ),
          );
        }
      }
    }
  }
  return errors;
}

/** The LAN a validated body describes; `existing` (on PUT) keeps id, and ha_link unless the body sets it. */
function build(body: JsonObject, existing: SiteLan | undefined, ctx: RequestContext): SiteLan {
  return {
    id: existing?.id ?? newId(),
    site_id: existing?.site_id ?? ctx.params.site_id,
    vlan_tag: given<number>(body, "vlan_tag") ?? 0,
    ha_link: given<boolean>(body, "ha_link") ?? existing?.ha_link ?? false,
    is_breakout: given<boolean>(body, "is_breakout") ?? false,
    is_prioritized: given<boolean>(body, "is_prioritized") ?? false,
    bond_id: given(body, "bond_id"),
    name: given(body, "name"),
    nat: nat(body.nat),
    physport: given(body, "physport"),
    routed_subnets: routedSubnets(body.routed_subnets),
    static_addressing: staticAddressing(body.static_addressing),
  };
}

/** The site's other LANs. */
function siblings(ctx: RequestContext, id: string): SiteLan[] {
  return (childrenOf(ctx.store, ctx.params.account_id, COLLECTION, ctx.params.site_id) as SiteLan[]).filter((l) => l.id !== id);
}

/** A PATCH: the sent top-level fields, built as a PUT would build them, over the existing LAN. */
function patch(body: JsonObject, existing: SiteLan, ctx: RequestContext): SiteLan {
  const sent = build(body, existing, ctx);
  return {
    ...existing,
    ...Object.fromEntries(
      Object.keys(body)
        .filter((k) => k in sent)
        .map((k) => [k, sent[k]]),
    ),
    id: existing.id,
  };
}

export function register(router: Router): void {
  serveCollection<SiteLan>(router, {
    collection: COLLECTION,
    label: "Site LAN",
    path: "/accounts/:account_id/magic/sites/:site_id/lans",
    idParam: "lan_id",
    verbs: ["list", "create", "get", "put", "patch", "delete"],
    product: "magicWan",
    rules: bodyRules,
    build,
    patch,
    check: crossRules,
    answers: { create: (lan) => [lan] },
  });
}
