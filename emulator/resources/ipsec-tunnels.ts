/**
 * IPsec tunnels (Cloudflare API "Magic Transit > IPsec Tunnels"):
 * `/accounts/:account_id/magic/ipsec_tunnels[/:ipsec_tunnel_id[/psk_generate]]`.
 *
 * Stored shape: the API object as the spec lists it, plus the tunnel's `psk`, which is never
 * answered ("the PSK ... cannot be retrieved later"); `health_check.target` holds the saved target
 * string and is rendered per `x-magic-new-hc-target` (see health-check.ts).
 * PUT replaces every mutable field (omitted ones return to their defaults or disappear) except the
 * PSK: a PUT without `psk` keeps the current one, since nobody could send it back otherwise.
 *
 * As the live API does (emulator/README.md, "Live behaviours"): bodies are read by a Go decoder
 * (`GoDecoder`: null or a wrong JSON type is 1022), a missing tunnel is code 1032, the account
 * must be onboarded to Magic Transit (1012), and the interface address may not overlap another
 * GRE or IPsec tunnel's (interfaces.ts).
 */
import { randomBytes } from "node:crypto";
import { type CfError, Codes, cfError, ok } from "../envelope";
import type { RequestContext, Router } from "../router";
import { type StoredObject, newId } from "../store";
import {
  given,
  type Check,
  type GoDecoder,
  type JsonObject,
  type Rules,
  arrayOf,
  assertValid,
  boolean,
  cidr,
  integer,
  invalid,
  ipAddress,
  ipv6Slash127,
  md5Key,
  tunnelInterfaceAddress,
  requireObjectBody,
  string,
  validateFields,
} from "../validate";
import { FILTER_ID_FIELDS, filterIdRules } from "./tunnel-bgp";
import {
  type StoredHealthCheck,
  healthCheckDefaults,
  healthCheckFromRequest,
  healthCheckRule,
  renderHealthCheck,
  wantsNewHcTarget,
} from "./health-check";
import { interfaceConflicts } from "./interfaces";
import { requireObject, withReplaced, bulkRequest, withoutFalse, type BulkTarget } from "./objects";

const COLLECTION = "ipsec_tunnels";
const LABEL = "IPsec tunnel";
const COLLECTION_PATH = "/accounts/:account_id/magic/ipsec_tunnels";
const ITEM_PATH = `${COLLECTION_PATH}/:ipsec_tunnel_id`;
const PSK_PATH = `${ITEM_PATH}/psk_generate`;
const CREATING: GoDecoder = { struct: "IPsecTunnel", action: "creating IPsec Tunnel" };
const UPDATING: GoDecoder = { struct: "IPsecTunnel", action: "updating IPsec Tunnel" };
const BULK: BulkTarget = {
  key: "ipsec_tunnels",
  plural: "IPsec tunnels",
  label: LABEL,
  collection: COLLECTION,
  notFoundCode: Codes.IPSEC_TUNNEL_NOT_FOUND,
  decoder: UPDATING,
};

export interface IpsecTunnelBgp {
  customer_asn: number;
  extra_prefixes?: string[];
  md5_key?: string;
  import_filter_id?: string;
  export_filter_id?: string;
}

export interface IpsecTunnel extends StoredObject {
  cloudflare_endpoint: string;
  interface_address: string;
  name: string;
  allow_null_cipher: boolean;
  automatic_return_routing: boolean;
  bgp?: IpsecTunnelBgp;
  bgp_status?: { state: string; tcp_established: boolean; updated_at: string };
  created_on: string;
  custom_remote_identities?: { fqdn_id?: string };
  customer_endpoint?: string;
  description?: string;
  health_check: StoredHealthCheck;
  interface_address6?: string;
  modified_on: string;
  /** Never rendered. */
  psk?: string;
  psk_metadata?: { last_generated_on: string };
  replay_protection: boolean;
}

const BGP_FIELDS: string[] = ["customer_asn", "extra_prefixes", "md5_key", ...FILTER_ID_FIELDS];

/**
 * Values of optional fields the request leaves out, on create and (full-replace) update alike.
 * `allow_null_cipher` is not in the request bodies: it is false unless set behind the API's back.
 */
const DEFAULTS = { automatic_return_routing: false, replay_protection: false, allow_null_cipher: false } as const;

/** Left out of GET and list answers when false, as the live API does (see withoutFalse). */
const READ_OMITS_FALSE = ["automatic_return_routing", "replay_protection"];

const nonEmptyString: Check = (v, p) =>
  typeof v !== "string" ? invalid(p, "must be a string") : v === "" ? invalid(p, "must not be empty") : undefined;

/** "Must be of the form `<name>.<account>.custom.ipsec.cloudflare.com`" (two labels, then the fixed suffix). */
const LABEL_RE = "[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?";
const FQDN_ID = new RegExp(`^${LABEL_RE}\\.${LABEL_RE}\\.custom\\.ipsec\\.cloudflare\\.com$`);
const fqdnId: Check = (v, p) =>
  typeof v === "string" && FQDN_ID.test(v) ? undefined : invalid(p, "must be of the form <name>.<account>.custom.ipsec.cloudflare.com");

/** Request body rules, in the spec's field order; create and update take the same body. */
function bodyRules(newHcTarget: boolean): Rules {
  return {
    cloudflare_endpoint: { required: true, checks: [ipAddress] },
    interface_address: { required: true, checks: [tunnelInterfaceAddress] },
    name: { required: true, checks: [string, nonEmptyString] },
    automatic_return_routing: { checks: [boolean] },
    bgp: {
      fields: {
        customer_asn: { required: true, checks: [integer({ min: 1, max: 4294967295 })] },
        extra_prefixes: { checks: [arrayOf(cidr)] },
        md5_key: { checks: [md5Key] },
        ...filterIdRules,
      },
    },
    custom_remote_identities: { fields: { fqdn_id: { checks: [string, fqdnId] } } },
    customer_endpoint: { checks: [ipAddress] },
    description: { checks: [string] },
    health_check: healthCheckRule(newHcTarget),
    interface_address6: { checks: [ipv6Slash127] },
    psk: { checks: [string, nonEmptyString] },
    replay_protection: { checks: [boolean] },
  };
}

/** The stored tunnel a validated body describes; `existing` (on update) keeps id, created_on, the PSK and BGP status. */
function buildTunnel(body: JsonObject, existing: IpsecTunnel | undefined, ctx: RequestContext): IpsecTunnel {
  const now = ctx.now;
  const requestedBgp = given<JsonObject>(body, "bgp");
  // Only the spec's BGP fields are kept; null ones count as not set.
  const bgp =
    requestedBgp &&
    (Object.fromEntries(
      Object.entries(requestedBgp).filter(([k, v]) => BGP_FIELDS.includes(k) && v !== null),
    ) as unknown as IpsecTunnelBgp);
  const identities = given<JsonObject>(body, "custom_remote_identities");
  const fqdn = identities && given<string>(identities, "fqdn_id");
  const psk = given<string>(body, "psk");
  return {
    id: existing?.id ?? newId(),
    cloudflare_endpoint: body.cloudflare_endpoint as string,
    interface_address: body.interface_address as string,
    name: body.name as string,
    allow_null_cipher: existing?.allow_null_cipher ?? DEFAULTS.allow_null_cipher,
    automatic_return_routing: given<boolean>(body, "automatic_return_routing") ?? DEFAULTS.automatic_return_routing,
    bgp,
    bgp_status: bgp && (existing?.bgp_status ?? { state: "BGP_DOWN", tcp_established: false, updated_at: now }),
    created_on: existing?.created_on ?? now,
    custom_remote_identities: fqdn === undefined ? undefined : { fqdn_id: fqdn },
    customer_endpoint: given<string>(body, "customer_endpoint"),
    description: given<string>(body, "description"),
    health_check: healthCheckFromRequest(body.health_check, healthCheckDefaults(ctx.switches.account)),
    interface_address6: given<string>(body, "interface_address6"),
    modified_on: now,
    psk: psk ?? existing?.psk,
    psk_metadata: psk !== undefined ? { last_generated_on: now } : existing?.psk_metadata,
    replay_protection: given<boolean>(body, "replay_protection") ?? DEFAULTS.replay_protection,
  };
}

/** The API form of a stored tunnel: no PSK, undefined members dropped, health check target per header. */
function render(tunnel: IpsecTunnel, newHcTarget: boolean): JsonObject {
  const out: JsonObject = Object.fromEntries(Object.entries(tunnel).filter(([k, v]) => v !== undefined && k !== "psk"));
  // Objects inserted raw through `emulator.store` may lack a health check.
  if (tunnel.health_check) {
    const ends = { customerEndpoint: tunnel.customer_endpoint ?? "", interfaceAddress: tunnel.interface_address };
    out.health_check = renderHealthCheck(tunnel.health_check, ends, newHcTarget);
  }
  return out;
}

/**
 * Names are unique per account; a custom fqdn_id may be shared, but not by two tunnels on the same
 * cloudflare_endpoint; the interface address may not overlap another GRE or IPsec tunnel's.
 */
function conflicts(ctx: RequestContext, all: IpsecTunnel[], changed: Array<{ tunnel: IpsecTunnel; base: string }>): CfError[] {
  const errors: CfError[] = [];
  const pending = changed.map((c) => c.tunnel);
  for (const { tunnel, base } of changed) {
    const others = all.filter((o) => o.id !== tunnel.id);
    if (others.some((o) => o.name === tunnel.name)) {
      errors.push(cfError(Codes.DUPLICATE, `An IPsec tunnel named "${tunnel.name}" already exists in this account`, `${base}/name`));
    }
    errors.push(...interfaceConflicts(ctx.store, ctx.params.account_id, COLLECTION, tunnel, pending, base));
    const fqdn = tunnel.custom_remote_identities?.fqdn_id;
    if (fqdn && others.some((o) => o.custom_remote_identities?.fqdn_id === fqdn && o.cloudflare_endpoint === tunnel.cloudflare_endpoint)) {
      errors.push(
        cfError(
          Codes.DUPLICATE,
          `Another IPsec tunnel on cloudflare_endpoint ${tunnel.cloudflare_endpoint} already uses the custom fqdn_id "${fqdn}"`,
          `${base}/custom_remote_identities/fqdn_id`,
        ),
      );
    }
  }
  return errors;
}

function find(ctx: RequestContext): IpsecTunnel {
  return requireObject<IpsecTunnel>(
    ctx.store,
    ctx.params.account_id,
    COLLECTION,
    ctx.params.ipsec_tunnel_id,
    LABEL,
    Codes.IPSEC_TUNNEL_NOT_FOUND,
  );
}

function list(ctx: RequestContext) {
  const newHc = wantsNewHcTarget(ctx.headers);
  const tunnels = ctx.store.list<IpsecTunnel>(ctx.params.account_id, COLLECTION);
  return ok({ ipsec_tunnels: tunnels.map((t) => withoutFalse(render(t, newHc), READ_OMITS_FALSE)) });
}

function get(ctx: RequestContext) {
  return ok({ ipsec_tunnel: withoutFalse(render(find(ctx), wantsNewHcTarget(ctx.headers)), READ_OMITS_FALSE) });
}

function create(ctx: RequestContext) {
  const account = ctx.params.account_id;
  const newHc = wantsNewHcTarget(ctx.headers);
  const body = requireObjectBody(ctx.body, CREATING);
  assertValid(validateFields(body, bodyRules(newHc), "", CREATING));
  const tunnel = buildTunnel(body, undefined, ctx);
  const all = withReplaced(ctx.store.list<IpsecTunnel>(account, COLLECTION), [tunnel]);
  assertValid(conflicts(ctx, all, [{ tunnel, base: "" }]));
  if (!ctx.validateOnly) ctx.store.insert(account, COLLECTION, tunnel);
  return ok(render(tunnel, newHc));
}

function update(ctx: RequestContext) {
  const account = ctx.params.account_id;
  const newHc = wantsNewHcTarget(ctx.headers);
  const existing = find(ctx);
  const body = requireObjectBody(ctx.body, UPDATING);
  assertValid(validateFields(body, bodyRules(newHc), "", UPDATING));
  const tunnel = buildTunnel(body, existing, ctx);
  const all = withReplaced(ctx.store.list<IpsecTunnel>(account, COLLECTION), [tunnel]);
  assertValid(conflicts(ctx, all, [{ tunnel, base: "" }]));
  if (!ctx.validateOnly) ctx.store.insert(account, COLLECTION, tunnel);
  return ok({ modified: true, modified_ipsec_tunnel: render(tunnel, newHc) });
}

function remove(ctx: RequestContext) {
  const tunnel = find(ctx);
  if (!ctx.validateOnly) ctx.store.remove(ctx.params.account_id, COLLECTION, tunnel.id);
  return ok({ deleted: true, deleted_ipsec_tunnel: render(tunnel, wantsNewHcTarget(ctx.headers)) });
}

/** 32 characters of [A-Za-z0-9], like the spec's example `O3bwKSjnaoCxDoUxjcq4Rk8ZKkezQUiy`. */
function newPsk(): string {
  const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
  let out = "";
  while (out.length < 32) {
    for (const b of randomBytes(48)) {
      // 248 = 4 * 62: dropping larger bytes keeps every character equally likely.
      if (b < 248 && out.length < 32) out += alphabet[b % 62];
    }
  }
  return out;
}

/** The body is undescribed (`body: unknown`) and ignored; the answer is the only place the PSK is ever shown. */
function generatePsk(ctx: RequestContext) {
  const tunnel = find(ctx);
  const psk = newPsk();
  const psk_metadata = { last_generated_on: ctx.now };
  if (!ctx.validateOnly) ctx.store.patch<IpsecTunnel>(ctx.params.account_id, COLLECTION, tunnel.id, { psk, psk_metadata });
  return ok({ ipsec_tunnel_id: tunnel.id, psk, psk_metadata });
}

/**
 * The spec leaves the bulk body undescribed (`body: unknown`); accepted: `{ipsec_tunnels: [...]}`
 * or a bare array, each item an `id` plus the fields of a single-tunnel PUT. All-or-nothing: any
 * error changes nothing.
 */
function bulkUpdate(ctx: RequestContext) {
  const account = ctx.params.account_id;
  const newHc = wantsNewHcTarget(ctx.headers);
  const { base, current, items } = bulkRequest<IpsecTunnel>(ctx, BULK, bodyRules(newHc));

  const tunnels = items.map(({ item, target }) => buildTunnel(item, target, ctx));
  const all = withReplaced(current, tunnels);
  assertValid(
    conflicts(
      ctx,
      all,
      tunnels.map((tunnel, i) => ({ tunnel, base: `${base}/${i}` })),
    ),
  );
  if (!ctx.validateOnly) for (const t of tunnels) ctx.store.insert(account, COLLECTION, t);
  return ok({ modified: true, modified_ipsec_tunnels: tunnels.map((t) => render(t, newHc)) });
}

export function register(router: Router): void {
  router
    .with({ product: "magicTransit", goService: true })
    .get(COLLECTION_PATH, list)
    .post(COLLECTION_PATH, create)
    .put(COLLECTION_PATH, bulkUpdate)
    .get(ITEM_PATH, get)
    .put(ITEM_PATH, update)
    .delete(ITEM_PATH, remove)
    .post(PSK_PATH, generatePsk);
}
