/**
 * Site WANs (Cloudflare API "Magic Transit > Sites > WANs"): `/accounts/:account_id/magic/sites/:site_id/wans[/:wan_id]`.
 *
 * Stored in "site_wans" with `site_id` (see site-scope.ts); an unknown site, or a WAN of another
 * site, is 404 / 1004.
 * - Create answers `result` as an array holding the new WAN (the spec's `array of WAN`); the other
 *   verbs answer the WAN itself, the list an array.
 * - Defaults: `health_check_rate` "mid" (documented), `vlan_tag` 0 (untagged). Unset `name`,
 *   `priority`, `static_addressing` and `load_balance_inner_flows` are absent from answers.
 * - `health_check_rate` (low/mid/high) and `load_balance_inner_flows` (boolean) are taken by
 *   create, PUT and PATCH, as the official SDK declares; the reference has neither in any body
 *   (it shows `health_check_rate` in answers only). A PUT without them keeps their current values
 *   (the older contract had no way to send them back).
 * - A second WAN on the same `physport` and `vlan_tag` of a site is refused (1003), naming the
 *   WAN already there, as a real site refuses two links on one port and VLAN.
 * - Rules: `physport` an integer >= 1 (required on create); `priority` an integer >= 0; `vlan_tag`
 *   an integer 0..4094; `static_addressing.address` (required in it) an IPv4 CIDR,
 *   `gateway_address` (required in it) an IPv4 address inside that subnet, `secondary_address` an
 *   IPv4 CIDR, required on a site in high availability mode ("Submit secondary_address when site
 *   is in high availability mode").
 * - PUT replaces every field (omitted ones return to their defaults or disappear), except
 *   `physport`, `health_check_rate` and `load_balance_inner_flows`, kept when left out; PATCH
 *   changes the fields it sends. Rules apply to the result.
 * - The spec offers no `?validate_only=true` here: the parameter is ignored and the request acts.
 */
import { type CfError, Codes, badRequest, cfError } from "../envelope";
import type { RequestContext, Router } from "../router";
import { type StoredObject, newId } from "../store";
import { given, type JsonObject, type Rules, boolean, integer, invalid, ipv4, isPlainObject, oneOf, string } from "../validate";
import { type Change, serveCollection } from "./objects";
import { childrenOf, requireSite } from "./site-scope";
import { inSubnet, ipv4Cidr, physport, vlanTag } from "./sites";

const COLLECTION = "site_wans";

interface WanStaticAddressing {
  address: string;
  gateway_address: string;
  secondary_address?: string;
}

export interface SiteWan extends StoredObject {
  site_id: string;
  physport: number;
  health_check_rate: "low" | "mid" | "high";
  vlan_tag: number;
  load_balance_inner_flows?: boolean;
  name?: string;
  priority?: number;
  static_addressing?: WanStaticAddressing;
}

function bodyRules(operation: "create" | "update"): Rules {
  return {
    physport: { required: operation === "create", checks: [physport] },
    health_check_rate: { checks: [oneOf("low", "mid", "high")] },
    load_balance_inner_flows: { checks: [boolean] },
    name: { checks: [string] },
    priority: { checks: [integer({ min: 0 })] },
    static_addressing: {
      fields: {
        address: { required: true, checks: [ipv4Cidr] },
        gateway_address: { required: true, checks: [ipv4] },
        secondary_address: { checks: [ipv4Cidr] },
      },
    },
    vlan_tag: { checks: [vlanTag] },
  };
}

/** Only the spec's static addressing members; a null secondary address counts as not set. */
function staticAddressing(value: unknown): WanStaticAddressing | undefined {
  if (!isPlainObject(value)) return undefined;
  const out: WanStaticAddressing = { address: value.address as string, gateway_address: value.gateway_address as string };
  const secondary = given<string>(value, "secondary_address");
  if (secondary !== undefined) out.secondary_address = secondary;
  return out;
}

/** Rules across fields of the resulting WAN, given its site and the site's other WANs. */
function crossRules(ctx: RequestContext, [{ object: wan }]: Array<Change<SiteWan>>): CfError[] {
  const site = requireSite(ctx.store, ctx.params.account_id, wan.site_id);
  const others = (childrenOf(ctx.store, ctx.params.account_id, COLLECTION, wan.site_id) as SiteWan[]).filter((w) => w.id !== wan.id);
  // A port and VLAN carry one link: a second WAN there is refused, as the site's connector would.
  const taken = others.find((o) => o.physport === wan.physport && o.vlan_tag === wan.vlan_tag);
  if (taken) {
    throw badRequest([
      cfError(
        Codes.DUPLICATE,
        `WAN ${taken.id}${taken.name ? ` ("${taken.name}")` : ""} of this site already uses port ${wan.physport} with VLAN ${wan.vlan_tag}; a port and VLAN carry one WAN`,
        "/physport",
      ),
    ]);
  }
  const sa = wan.static_addressing;
  if (!sa) return [];
  const errors: CfError[] = [];
  if (inSubnet(sa.address, sa.gateway_address) === false) {
    errors.push(invalid("/static_addressing/gateway_address", `must be inside the subnet of static_addressing.address (${sa.address})`));
  }
  if (site.ha_mode === true && sa.secondary_address === undefined) {
    errors.push(
      cfError(
        Codes.MISSING_FIELD,
        "static_addressing.secondary_address is required on a site in high availability mode",
        "/static_addressing/secondary_address",
      ),
    );
  }
  return errors;
}

/**
 * The WAN a create or PUT body describes. A PUT replaces every field (omitted ones return to their
 * defaults or disappear), except `physport`, `health_check_rate` and `load_balance_inner_flows`.
 */
function build(body: JsonObject, existing: SiteWan | undefined, ctx: RequestContext): SiteWan {
  return {
    id: existing?.id ?? newId(),
    site_id: existing?.site_id ?? ctx.params.site_id,
    physport: given<number>(body, "physport") ?? existing!.physport,
    health_check_rate: given<SiteWan["health_check_rate"]>(body, "health_check_rate") ?? existing?.health_check_rate ?? "mid",
    vlan_tag: given<number>(body, "vlan_tag") ?? 0,
    load_balance_inner_flows: given<boolean>(body, "load_balance_inner_flows") ?? existing?.load_balance_inner_flows,
    name: given(body, "name"),
    priority: given(body, "priority"),
    static_addressing: staticAddressing(body.static_addressing),
  };
}

/** A PATCH changes the fields it sends. */
function patch(body: JsonObject, existing: SiteWan): SiteWan {
  return {
    ...existing,
    ...Object.fromEntries(
      ["physport", "name", "priority", "load_balance_inner_flows"].filter((k) => k in body).map((k) => [k, given(body, k)]),
    ),
    ...(given(body, "health_check_rate") !== undefined
      ? { health_check_rate: given<SiteWan["health_check_rate"]>(body, "health_check_rate")! }
      : {}),
    ...("vlan_tag" in body ? { vlan_tag: given<number>(body, "vlan_tag") ?? 0 } : {}),
    ...("static_addressing" in body ? { static_addressing: staticAddressing(body.static_addressing) } : {}),
    id: existing.id,
  };
}

export function register(router: Router): void {
  serveCollection<SiteWan>(router, {
    collection: COLLECTION,
    label: "Site WAN",
    path: "/accounts/:account_id/magic/sites/:site_id/wans",
    idParam: "wan_id",
    verbs: ["list", "create", "get", "put", "patch", "delete"],
    product: "magicWan",
    rules: bodyRules,
    build,
    patch,
    check: crossRules,
    answers: { create: (wan) => [wan] },
  });
}
