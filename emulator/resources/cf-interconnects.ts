/**
 * Cloudflare interconnects (Cloudflare API "Magic Transit > CF Interconnects"):
 * `/accounts/:account_id/magic/cf_interconnects[/:cf_interconnect_id]`: list, get, PUT, bulk PUT.
 *
 * Cloudflare creates interconnects (there is no POST or DELETE); tests put them in with
 * `emulator.store.insert(account, "cf_interconnects", {...})`.
 * Stored shape: the API object as the spec lists it, `health_check.target` holding the saved
 * target string. The reference's interconnect health check has no `direction`; the official SDK
 * adds `health_check.direction` and `health_check.source` ("The source IPv4 address used for
 * bidirectional health checks ... required when direction is bidirectional and must be omitted
 * (and is cleared) when direction is unidirectional ... within RFC1918 space, the approved
 * link-local range 169.254.240.0/20, or the Cloudflare reserved range 198.41.199.224/27") and
 * `bgp` (`customer_asn`, `extra_prefixes`, `md5_key`, `import_filter_id`, `export_filter_id`);
 * both are taken and answered here. A stored health check without `direction` is answered
 * without it.
 * Every body field is optional, so a PUT changes only the fields it gives: a given `gre`,
 * `health_check` or `bgp` replaces that whole object (omitted subfields go back to their
 * defaults), an omitted field keeps its value.
 */
import { type CfError, Codes, cfError } from "../envelope";
import type { RequestContext, Router } from "../router";
import type { Store, StoredObject } from "../store";
import {
  type Check,
  type JsonObject,
  type Rules,
  assertValid,
  boolean,
  integer,
  invalid,
  ipAddress,
  ipv6Slash127,
  isPlainObject,
  parseCidr,
  interconnectInterfaceAddress,
  string,
} from "../validate";
import { type StoredHealthCheck, healthCheckFromRequest, healthCheckRule, wantsNewHcTarget, withHealthCheck } from "./health-check";
import { type Change, defined, keyedAnswers, serveCollection } from "./objects";
import { type TunnelBgp, bgpOf, bgpRule } from "./tunnel-bgp";

const COLLECTION = "cf_interconnects";

type InterconnectHealthCheck = Omit<StoredHealthCheck, "direction"> & { direction?: string; source?: string };

/** RFC 1918, 169.254.240.0/20 and 198.41.199.224/27: where a bidirectional check's source may be. */
const SOURCE_RANGES = ["10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16", "169.254.240.0/20", "198.41.199.224/27"].map((c) => parseCidr(c)!);
const healthCheckSource: Check = (v, p) => {
  const a = typeof v === "string" && !v.includes("/") ? parseCidr(`${v}/32`) : undefined;
  if (!a || a.version !== 4) return invalid(p, "must be an IPv4 address");
  const inside = SOURCE_RANGES.some((r) => a.address >> BigInt(32 - r.prefix) === r.address >> BigInt(32 - r.prefix));
  return inside ? undefined : invalid(p, "must be inside RFC 1918 space, 169.254.240.0/20 or 198.41.199.224/27");
};

export interface CfInterconnect extends StoredObject {
  automatic_return_routing?: boolean;
  bgp?: Partial<TunnelBgp>;
  colo_name?: string;
  created_on?: string;
  description?: string;
  gre?: { cloudflare_endpoint?: string };
  health_check?: InterconnectHealthCheck;
  interface_address?: string;
  interface_address6?: string;
  modified_on?: string;
  mtu?: number;
  name?: string;
  virtual_port_reservation_id?: string;
}

const nonEmptyString: Check = (v, p) =>
  typeof v !== "string" ? invalid(p, "must be a string") : v === "" ? invalid(p, "must not be empty") : undefined;

/** The update body of the reference, plus `bgp` and `health_check.direction` / `source` of the official SDK. */
function bodyRules(_operation: "create" | "update", ctx: RequestContext): Rules {
  const healthFields = { ...healthCheckRule(wantsNewHcTarget(ctx.headers)).fields!, source: { checks: [healthCheckSource] } };
  return {
    automatic_return_routing: { checks: [boolean] },
    bgp: bgpRule(false),
    description: { checks: [string] },
    gre: { fields: { cloudflare_endpoint: { checks: [ipAddress] } } },
    health_check: { fields: healthFields },
    interface_address: { checks: [interconnectInterfaceAddress] },
    interface_address6: { checks: [ipv6Slash127] },
    mtu: { checks: [integer({ min: 576 })] },
    name: { checks: [nonEmptyString] },
  };
}

/** A requested health check: direction only when given; source only with bidirectional (required there). */
function healthCheckOf(given: unknown, pointer = "/health_check"): InterconnectHealthCheck {
  const { direction, ...rest } = healthCheckFromRequest(given);
  const sent = isPlainObject(given) ? given : {};
  const out: InterconnectHealthCheck = { ...rest };
  if (sent.direction !== undefined && sent.direction !== null) out.direction = direction;
  const source = typeof sent.source === "string" ? sent.source : undefined;
  if (out.direction === "bidirectional") {
    if (source === undefined)
      assertValid([
        cfError(Codes.MISSING_FIELD, "health_check.source is required when health_check.direction is bidirectional", `${pointer}/source`),
      ]);
    out.source = source;
  } else if (source !== undefined) {
    assertValid([invalid(`${pointer}/source`, "must be omitted unless health_check.direction is bidirectional")]);
  }
  return out;
}

/** The interconnect after a validated PUT body: given fields replace, omitted (or null) ones stay. */
function applyBody(body: JsonObject, existing: CfInterconnect | undefined, ctx: RequestContext): CfInterconnect {
  const next: CfInterconnect = { ...existing!, modified_on: ctx.now };
  for (const key of ["automatic_return_routing", "description", "interface_address", "interface_address6", "mtu", "name"] as const) {
    if (body[key] !== undefined && body[key] !== null) (next as JsonObject)[key] = body[key];
  }
  if (isPlainObject(body.gre)) {
    const endpoint = body.gre.cloudflare_endpoint;
    next.gre = typeof endpoint === "string" ? { cloudflare_endpoint: endpoint } : {};
  }
  if (isPlainObject(body.health_check)) next.health_check = healthCheckOf(body.health_check);
  if (isPlainObject(body.bgp)) next.bgp = bgpOf(body.bgp);
  return next;
}

/**
 * The API form: undefined members dropped, health check target per header. An interconnect has no
 * customer endpoint, so an empty saved target is also the effective one for a unidirectional
 * check; a bidirectional one targets the customer side of the interface address, as on tunnels.
 */
function render(interconnect: CfInterconnect, ctx: RequestContext): JsonObject {
  return withHealthCheck(defined(interconnect), { customerEndpoint: "", interfaceAddress: interconnect.interface_address }, ctx.headers);
}

/** "The name cannot share a name with other tunnels": unique among the account's interconnects. */
function nameConflicts(_ctx: RequestContext, changes: Array<Change<CfInterconnect>>, all: CfInterconnect[]): CfError[] {
  return changes
    .filter(({ object: ic }) => ic.name !== undefined && all.some((other) => other.id !== ic.id && other.name === ic.name))
    .map(({ object: ic, base }) =>
      cfError(Codes.DUPLICATE, `An interconnect named "${ic.name}" already exists in this account`, `${base}/name`),
    );
}

/**
 * Puts an interconnect into an account the way Cloudflare provisions one (the API has no create):
 * for tests, demos and CI previews that need one to adopt.
 */
export function provisionCfInterconnect(store: Store, accountId: string, overrides: Record<string, unknown> = {}): CfInterconnect {
  return store.insert<CfInterconnect>(accountId, COLLECTION, {
    name: "pni_ord",
    colo_name: "pni_ord",
    description: "Provisioned by Cloudflare",
    automatic_return_routing: false,
    gre: { cloudflare_endpoint: "203.0.113.1" },
    health_check: { enabled: true, rate: "mid", type: "reply", target: "" },
    interface_address: "192.168.4.0/31",
    mtu: 1476,
    virtual_port_reservation_id: "c4a7362d577a6c3019a474fd6f485821",
    created_on: "2026-01-01T00:00:00.000Z",
    modified_on: "2026-01-01T00:00:00.000Z",
    ...overrides,
  });
}

export function register(router: Router): void {
  serveCollection<CfInterconnect>(router, {
    collection: COLLECTION,
    label: "Interconnect",
    path: "/accounts/:account_id/magic/cf_interconnects",
    idParam: "cf_interconnect_id",
    verbs: ["list", "bulk", "get", "put"],
    validateOnly: ["put", "bulk"],
    bulk: { key: "interconnects", plural: "interconnects" },
    rules: bodyRules,
    build: applyBody,
    check: nameConflicts,
    render,
    answers: keyedAnswers("interconnect", "interconnects"),
  });
}
