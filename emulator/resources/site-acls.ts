/**
 * Site ACLs (Cloudflare API "Magic Transit > Sites > ACLs"): `/accounts/:account_id/magic/sites/:site_id/acls[/:acl_id]`.
 *
 * Stored in "site_acls" with `site_id` (see site-scope.ts); answers leave `site_id` out, as the
 * spec's ACL has none. Every verb answers with the ACL itself as `result`.
 * - `lan_1.lan_id` / `lan_2.lan_id` must name LANs of the same site ("site_lans").
 * - `lan_name` is rendered from the LAN named by `lan_id` ("The name of the LAN based on the
 *   provided lan_id"); the name sent in a request is kept only for a LAN that has none.
 * - POST and PUT fill `forward_locally` and `unidirectional` with false when left out ("If not
 *   included in request, will default to false"); PUT replaces every field, except that `name`,
 *   `lan_1` and `lan_2` (required on create, optional on PUT) keep their values when left out.
 * - PATCH changes only the fields it sends; a sent `lan_1`/`lan_2` replaces that side whole.
 * - The spec offers no `?validate_only=true` here: the parameter is ignored and the request acts.
 * - Field errors are 400 / 1002 (missing) or 1005 (wrong type, format, range, unknown LAN);
 *   an unknown site or ACL is 404 / 1004.
 */
import type { CfError } from "../envelope";
import type { RequestContext, Router } from "../router";
import { type StoredObject, newId } from "../store";
import {
  type Check,
  type JsonObject,
  type Rules,
  arrayOf,
  boolean,
  integer,
  invalid,
  oneOf,
  parseCidr,
  parseIPv4,
  string,
} from "../validate";
import { type Change, serveCollection } from "./objects";
import { childrenOf } from "./site-scope";

const LANS = "site_lans";

const LAN_FIELDS = ["lan_id", "lan_name", "port_ranges", "ports", "subnets"] as const;
const ACL_FIELDS = ["name", "description", "lan_1", "lan_2", "protocols", "forward_locally", "unidirectional"] as const;

/** Values of the booleans a POST or PUT leaves out. */
const DEFAULTS = { forward_locally: false, unidirectional: false } as const;

interface AclLan {
  lan_id: string;
  lan_name?: string;
  port_ranges?: string[];
  ports?: number[];
  subnets?: string[];
}

type AclFields = {
  site_id: string;
  name: string;
  description?: string;
  lan_1: AclLan;
  lan_2: AclLan;
  protocols?: string[];
  forward_locally: boolean;
  unidirectional: boolean;
};

export type SiteAcl = StoredObject & AclFields;

const nonEmptyString: Check = (v, p) =>
  typeof v !== "string" ? invalid(p, "must be a string") : v.length === 0 ? invalid(p, "must not be empty") : undefined;

/** "8080-9000": start and end ports 1-65535, start <= end. */
const portRange: Check = (v, p) => {
  const m = typeof v === "string" ? /^(\d{1,5})-(\d{1,5})$/.exec(v) : null;
  const ok = m !== null && Number(m[1]) >= 1 && Number(m[2]) <= 65535 && Number(m[1]) <= Number(m[2]);
  return ok ? undefined : invalid(p, 'must be a port range "start-end" with 1 <= start <= end <= 65535, e.g. "8080-9000"');
};

/** Subnet: "A valid IPv4 address"; an IPv4 prefix without host bits is accepted too. */
const aclSubnet: Check = (v, p) => {
  if (typeof v === "string" && parseIPv4(v) !== undefined) return undefined;
  const c = typeof v === "string" ? parseCidr(v) : undefined;
  const hostBits = c ? c.address & ((1n << BigInt(32 - c.prefix)) - 1n) : 1n;
  return c && c.version === 4 && hostBits === 0n
    ? undefined
    : invalid(p, "must be a valid IPv4 address, or an IPv4 prefix with no host bits set (e.g. 192.0.2.0/24)");
};

const lanRules: Rules = {
  lan_id: { required: true, checks: [nonEmptyString] },
  lan_name: { checks: [string] },
  port_ranges: { checks: [arrayOf(portRange)] },
  ports: { checks: [arrayOf(integer({ min: 1, max: 65535 }))] },
  subnets: { checks: [arrayOf(aclSubnet)] },
};

/** Body rules, in the spec's field order; `lan_1`, `lan_2` and `name` are required on create only. */
function bodyRules(operation: "create" | "update"): Rules {
  const create = operation === "create";
  return {
    lan_1: { required: create, fields: lanRules },
    lan_2: { required: create, fields: lanRules },
    name: { required: create, checks: [nonEmptyString] },
    description: { checks: [string] },
    forward_locally: { checks: [boolean] },
    protocols: { checks: [arrayOf(oneOf("tcp", "udp", "icmp"))] },
    unidirectional: { checks: [boolean] },
  };
}

/** Each LAN the body names must be a LAN of this site. */
function checkLanReferences(ctx: RequestContext, [{ body }]: Array<Change<SiteAcl>>): CfError[] {
  const lanIds = new Set(childrenOf(ctx.store, ctx.params.account_id, LANS, ctx.params.site_id).map((l) => l.id));
  return (["lan_1", "lan_2"] as const).flatMap((side) => {
    const lan = body[side] as JsonObject | null | undefined;
    return lan && !lanIds.has(lan.lan_id as string) ? [invalid(`/${side}/lan_id`, "must be the id of a LAN of this site")] : [];
  });
}

/** Only the spec's fields, nulls dropped (null means "not set"). */
function pick<K extends string>(obj: JsonObject, keys: readonly K[]): Partial<Record<K, unknown>> {
  return Object.fromEntries(keys.filter((k) => obj[k] !== undefined && obj[k] !== null).map((k) => [k, obj[k]])) as Partial<
    Record<K, unknown>
  >;
}

function lanOf(value: unknown): AclLan {
  return pick(value as JsonObject, LAN_FIELDS) as unknown as AclLan;
}

/** A validated POST/PUT body as a stored ACL; `existing` (PUT) keeps id, site and the required fields left out. */
function build(body: JsonObject, existing: SiteAcl | undefined, ctx: RequestContext): SiteAcl {
  const given = pick(body, ACL_FIELDS);
  return {
    id: existing?.id ?? newId(),
    site_id: ctx.params.site_id,
    name: (given.name as string | undefined) ?? existing!.name,
    description: given.description as string | undefined,
    lan_1: given.lan_1 ? lanOf(given.lan_1) : existing!.lan_1,
    lan_2: given.lan_2 ? lanOf(given.lan_2) : existing!.lan_2,
    protocols: given.protocols as string[] | undefined,
    forward_locally: (given.forward_locally as boolean | undefined) ?? DEFAULTS.forward_locally,
    unidirectional: (given.unidirectional as boolean | undefined) ?? DEFAULTS.unidirectional,
  };
}

/** The API form: no `site_id`, absent fields left out, `lan_name` from the LAN. */
function render(acl: SiteAcl, ctx: RequestContext): JsonObject {
  const lans = new Map(childrenOf(ctx.store, ctx.params.account_id, LANS, ctx.params.site_id).map((l) => [l.id, l]));
  const side = (lan: AclLan | undefined) => {
    if (!lan) return undefined;
    const name = lans.get(lan.lan_id)?.name;
    return typeof name === "string" && name !== "" ? { ...lan, lan_name: name } : lan;
  };
  const { site_id: _site, ...rest } = acl;
  return Object.fromEntries(Object.entries({ ...rest, lan_1: side(acl.lan_1), lan_2: side(acl.lan_2) }).filter(([, v]) => v !== undefined));
}

/** A PATCH changes only the fields it sends; a sent `lan_1`/`lan_2` replaces that side whole. */
function patch(body: JsonObject, existing: SiteAcl): SiteAcl {
  const given = pick(body, ACL_FIELDS);
  return {
    ...existing,
    ...(given as Partial<SiteAcl>),
    ...(given.lan_1 ? { lan_1: lanOf(given.lan_1) } : {}),
    ...(given.lan_2 ? { lan_2: lanOf(given.lan_2) } : {}),
  };
}

export function register(router: Router): void {
  serveCollection<SiteAcl>(router, {
    collection: "site_acls",
    label: "Site ACL",
    path: "/accounts/:account_id/magic/sites/:site_id/acls",
    idParam: "acl_id",
    verbs: ["list", "create", "get", "put", "patch", "delete"],
    product: "magicWan",
    rules: bodyRules,
    build,
    patch,
    check: checkLanReferences,
    render,
  });
}
