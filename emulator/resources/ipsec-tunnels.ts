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
  type JsonObject,
  type Rules,
  boolean,
  invalid,
  ipAddress,
  ipv6Slash127,
  tunnelInterfaceAddress,
  string,
} from "../validate";
import { type TunnelBgp, bgpOf, bgpRule } from "./tunnel-bgp";
import {
  type StoredHealthCheck,
  healthCheckDefaults,
  healthCheckFromRequest,
  healthCheckRule,
  withHealthCheck,
  wantsNewHcTarget,
} from "./health-check";
import { interfaceConflicts } from "./interfaces";
import { type Change, defined, keyedAnswers, serveCollection } from "./objects";

const COLLECTION = "ipsec_tunnels";

export interface IpsecTunnel extends StoredObject {
  cloudflare_endpoint: string;
  interface_address: string;
  name: string;
  allow_null_cipher: boolean;
  automatic_return_routing: boolean;
  bgp?: TunnelBgp;
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

/**
 * Values of optional fields the request leaves out, on create and (full-replace) update alike.
 * `allow_null_cipher` is not in the request bodies: it is false unless set behind the API's back.
 */
const DEFAULTS = { automatic_return_routing: false, replay_protection: false, allow_null_cipher: false } as const;

const nonEmptyString: Check = (v, p) =>
  typeof v !== "string" ? invalid(p, "must be a string") : v === "" ? invalid(p, "must not be empty") : undefined;

/** "Must be of the form `<name>.<account>.custom.ipsec.cloudflare.com`" (two labels, then the fixed suffix). */
const LABEL_RE = "[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?";
const FQDN_ID = new RegExp(`^${LABEL_RE}\\.${LABEL_RE}\\.custom\\.ipsec\\.cloudflare\\.com$`);
const fqdnId: Check = (v, p) =>
  typeof v === "string" && FQDN_ID.test(v) ? undefined : invalid(p, "must be of the form <name>.<account>.custom.ipsec.cloudflare.com");

/** Request body rules, in the spec's field order; create and update take the same body. */
function bodyRules(_operation: "create" | "update", ctx: RequestContext): Rules {
  return {
    cloudflare_endpoint: { required: true, checks: [ipAddress] },
    interface_address: { required: true, checks: [tunnelInterfaceAddress] },
    name: { required: true, checks: [string, nonEmptyString] },
    automatic_return_routing: { checks: [boolean] },
    bgp: bgpRule(true),
    custom_remote_identities: { fields: { fqdn_id: { checks: [string, fqdnId] } } },
    customer_endpoint: { checks: [ipAddress] },
    description: { checks: [string] },
    health_check: healthCheckRule(wantsNewHcTarget(ctx.headers)),
    interface_address6: { checks: [ipv6Slash127] },
    psk: { checks: [string, nonEmptyString] },
    replay_protection: { checks: [boolean] },
  };
}

/** The stored tunnel a validated body describes; `existing` (on update) keeps id, created_on, the PSK and BGP status. */
function buildTunnel(body: JsonObject, existing: IpsecTunnel | undefined, ctx: RequestContext): IpsecTunnel {
  const now = ctx.now;
  const requestedBgp = given<JsonObject>(body, "bgp");
  const bgp = requestedBgp && bgpOf(requestedBgp);
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
function render(tunnel: IpsecTunnel, ctx: RequestContext): JsonObject {
  const { psk: _never, ...shown } = tunnel;
  const ends = { customerEndpoint: tunnel.customer_endpoint ?? "", interfaceAddress: tunnel.interface_address };
  return withHealthCheck(defined(shown), ends, ctx.headers);
}

/**
 * Names are unique per account; a custom fqdn_id may be shared, but not by two tunnels on the same
 * cloudflare_endpoint; the interface address may not overlap another GRE or IPsec tunnel's.
 */
function conflicts(ctx: RequestContext, changes: Array<Change<IpsecTunnel>>, all: IpsecTunnel[]): CfError[] {
  const errors: CfError[] = [];
  const pending = changes.map((c) => c.object);
  for (const { object: tunnel, base } of changes) {
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
function generatePsk(find: (ctx: RequestContext) => IpsecTunnel) {
  return (ctx: RequestContext) => {
    const tunnel = find(ctx);
    const psk = newPsk();
    const psk_metadata = { last_generated_on: ctx.now };
    if (!ctx.validateOnly) ctx.store.patch<IpsecTunnel>(ctx.params.account_id, COLLECTION, tunnel.id, { psk, psk_metadata });
    return ok({ ipsec_tunnel_id: tunnel.id, psk, psk_metadata });
  };
}

export function register(router: Router): void {
  const { find, routes } = serveCollection<IpsecTunnel>(router, {
    collection: COLLECTION,
    label: "IPsec tunnel",
    notFoundCode: Codes.IPSEC_TUNNEL_NOT_FOUND,
    path: "/accounts/:account_id/magic/ipsec_tunnels",
    idParam: "ipsec_tunnel_id",
    verbs: ["list", "create", "bulk", "get", "put", "delete"],
    product: "magicTransit",
    goService: { struct: "IPsecTunnel", noun: "IPsec Tunnel" },
    validateOnly: ["create", "put", "delete", "bulk"],
    bulk: { key: "ipsec_tunnels", plural: "IPsec tunnels" },
    rules: bodyRules,
    build: buildTunnel,
    check: conflicts,
    render,
    readOmitsFalse: ["automatic_return_routing", "replay_protection"],
    answers: keyedAnswers("ipsec_tunnel", "ipsec_tunnels"),
  });
  routes.post("/accounts/:account_id/magic/ipsec_tunnels/:ipsec_tunnel_id/psk_generate", generatePsk(find));
}
