/**
 * Static routes (Cloudflare API "Magic Transit > Routes"): `/accounts/:account_id/magic/routes[/:route_id]`.
 *
 * - No server defaults besides `created_on`/`modified_on`; unset `description`, `scope` and
 *   `weight` are absent from answers.
 * - `nexthop`: an IPv4 or IPv6 address (link-local next hops such as 169.254.x.x included).
 *   `prefix`: a CIDR prefix with no host bits set. `priority`: an integer >= 0 (lower wins).
 *   `weight`: an integer 0..256 (Cloudflare's documented maximum). `scope.colo_names` and
 *   `scope.colo_regions`: arrays of non-empty strings.
 * - PUT on one route replaces every field (nexthop, prefix and priority are required again), but
 *   `weight`: a PUT without it keeps the weight (see buildRoute).
 * - Bulk PUT takes `{routes: [{id, ...}]}`; "only fields for a route that need to be changed need
 *   be provided", so each item is merged over its route. All-or-nothing.
 * - Collection DELETE ("Delete Many Routes") follows the reference literally: it takes no body
 *   (any body is ignored) and deletes every route of the account, answering with all of them.
 *   This is what the official SDK's `routes.empty()` sends; a client that sends it thinking a body
 *   limits it wipes the account's routing table, and a test that ever sends it sees that damage.
 * - `?validate_only=true` (POST, PUT, bulk PUT, as the spec offers) answers as usual and changes nothing.
 * - Unknown body fields are ignored.
 *
 * As the live API does (emulator/README.md, "Live behaviours"): a route's nexthop must lie inside
 * the interface subnet of an existing tunnel, interconnect or CNI (interfaces.ts; 400 / 1005 at
 * `/nexthop`, our code and words), bodies are read by a Go decoder (`GoDecoder`: null or a wrong
 * JSON type is 1022), a missing route is code 1020, and the account must be onboarded to Magic
 * Transit (1012).
 */
import { ApiError, type CfError, Codes, badRequest, cfError, ok } from "../envelope";
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
  integer,
  invalid,
  invalidRequest,
  ipAddress,
  isPlainObject,
  parseCidr,
  requireObjectBody,
  string,
  validateFields,
} from "../validate";
import { nexthopOwner } from "./interfaces";
import { type Change, defined, keyedAnswers, serveCollection } from "./objects";

const COLLECTION = "routes";
const LABEL = "Route";
const COLLECTION_PATH = "/accounts/:account_id/magic/routes";
/** How the bulk PUT's items are decoded (the single calls are decoded by `serveCollection`). */
const UPDATING: GoDecoder = { struct: "Route", action: "updating Route" };

export interface Route extends StoredObject {
  nexthop: string;
  prefix: string;
  priority: number;
  created_on: string;
  modified_on: string;
  description?: string;
  scope?: { colo_names?: string[]; colo_regions?: string[] };
  weight?: number;
}

/** A CIDR prefix whose address is the network address ("192.0.2.0/24", not "192.0.2.1/24"). */
const networkPrefix: Check = (v, p) => {
  const parsed = typeof v === "string" ? parseCidr(v) : undefined;
  if (!parsed) return invalid(p, "must be a valid CIDR prefix, e.g. 192.0.2.0/24");
  const hostBits = BigInt((parsed.version === 4 ? 32 : 128) - parsed.prefix);
  if ((parsed.address & ((1n << hostBits) - 1n)) !== 0n) return invalid(p, "must not have host bits set (use the network address)");
  return undefined;
};

const nonEmptyString: Check = (v, p) => (typeof v === "string" && v !== "" ? undefined : invalid(p, "must be a non-empty string"));

/** Route body rules, in the spec's field order; `partial` for bulk items (only changed fields). */
function routeRules(partial: boolean): Rules {
  return {
    nexthop: { required: !partial, checks: [ipAddress] },
    prefix: { required: !partial, checks: [string, networkPrefix] },
    priority: { required: !partial, checks: [integer({ min: 0 })] },
    description: { checks: [string] },
    scope: { fields: { colo_names: { checks: [arrayOf(nonEmptyString)] }, colo_regions: { checks: [arrayOf(nonEmptyString)] } } },
    weight: { checks: [integer({ min: 0, max: 256 })] },
  };
}

function scopeOf(body: JsonObject): Route["scope"] {
  const s = given<JsonObject>(body, "scope");
  if (!s) return undefined;
  const out: NonNullable<Route["scope"]> = {};
  if (Array.isArray(s.colo_names)) out.colo_names = s.colo_names as string[];
  if (Array.isArray(s.colo_regions)) out.colo_regions = s.colo_regions as string[];
  return out;
}

/**
 * The route a full (create / single PUT) body describes. A PUT without `weight` keeps the route's
 * weight, as the live API does: "API does not allow to reset weights when attribute isn't send"
 * (cloudflare/terraform-provider-cloudflare v2.22.0 to v4.52, schema_cloudflare_static_route.go,
 * which made `weight` ForceNew for it). The reference documents no value that clears one.
 */
function buildRoute(body: JsonObject, existing: Route | undefined, ctx: RequestContext): Route {
  const now = ctx.now;
  return {
    id: existing?.id ?? newId(),
    nexthop: body.nexthop as string,
    prefix: body.prefix as string,
    priority: body.priority as number,
    created_on: existing?.created_on ?? now,
    modified_on: now,
    description: given<string>(body, "description"),
    scope: scopeOf(body),
    weight: given<number>(body, "weight") ?? existing?.weight,
  };
}

/** A bulk item merged over its route: given fields replace, the others stay. */
function mergeRoute(existing: Route, item: JsonObject, now: string): Route {
  const merged: Route = { ...existing, modified_on: now };
  for (const key of ["nexthop", "prefix", "priority", "description", "weight"] as const) {
    const v = given(item, key);
    if (v !== undefined) (merged as Record<string, unknown>)[key] = v;
  }
  if (given(item, "scope") !== undefined) merged.scope = scopeOf(item);
  return merged;
}

/** Each route's nexthop inside some tunnel's (or interconnect's, or CNI's) interface subnet; `base` points at the route. */
function nexthopErrors(ctx: RequestContext, routes: Array<Pick<Change<Route>, "object" | "base">>): CfError[] {
  return routes
    .filter(({ object: route }) => !nexthopOwner(ctx.store, ctx.params.account_id, route.nexthop))
    .map(({ object: route, base }) =>
      invalid(
        `${base}/nexthop`,
        `${route.nexthop} is not inside the interface address of any GRE tunnel, IPsec tunnel, interconnect or CNI of this account: create the tunnel first`,
      ),
    );
}

/** Validates `{routes: [...]}` of a bulk request: a non-empty array of objects, each naming a known route once. */
function bulkItems(ctx: RequestContext, itemRules: Rules, emptyMessage: string): { items: JsonObject[]; routes: Route[] } {
  const body = ctx.body;
  if (body === undefined) {
    throw badRequest([cfError(Codes.MISSING_FIELD, `routes is required: ${emptyMessage}`, "/routes")]);
  }
  const items = requireObjectBody(body, UPDATING).routes;
  if (items === undefined || items === null) {
    throw badRequest([cfError(Codes.MISSING_FIELD, `routes is required: ${emptyMessage}`, "/routes")]);
  }
  if (!Array.isArray(items)) {
    throw badRequest([invalidRequest(`json: cannot unmarshal ${typeof items} into Go struct field Routes.routes of type []Route`)]);
  }
  if (items.length === 0) throw badRequest([invalid("/routes", `must not be empty: ${emptyMessage}`)]);
  assertValid(
    items.flatMap((item, i) =>
      isPlainObject(item) ? validateFields(item, itemRules, `/routes/${i}`, UPDATING) : [invalid(`/routes/${i}`, "must be an object")],
    ),
  );
  const list = items as JsonObject[];
  const ids = list.map((item) => item.id as string);
  assertValid(ids.flatMap((id, i) => (ids.indexOf(id) === i ? [] : [invalid(`/routes/${i}/id`, "appears more than once in the request")])));
  const account = ctx.params.account_id;
  const routes = ids.map((id) => ctx.store.get<Route>(account, COLLECTION, id));
  const missing: CfError[] = routes.flatMap((r, i) => (r ? [] : [cfError(Codes.ROUTE_NOT_FOUND, `${LABEL} not found`, `/routes/${i}/id`)]));
  if (missing.length > 0) throw new ApiError(404, missing);
  return { items: list, routes: routes as Route[] };
}

function bulkUpdate(ctx: RequestContext) {
  const itemRules: Rules = { id: { required: true, checks: [string] }, ...routeRules(true) };
  const { items, routes } = bulkItems(ctx, itemRules, 'send {"routes": [{"id": ..., <changed fields>}]}');
  const merged = routes.map((r, i) => mergeRoute(r, items[i], ctx.now));
  assertValid(
    nexthopErrors(
      ctx,
      merged.map((route, i) => ({ object: route, base: `/routes/${i}` })),
    ),
  );
  if (!ctx.validateOnly) for (const r of merged) ctx.store.insert(ctx.params.account_id, COLLECTION, r);
  return ok({ modified: true, modified_routes: merged.map(defined) });
}

function bulkDelete(ctx: RequestContext) {
  const account = ctx.params.account_id;
  const routes = ctx.store.list<Route>(account, COLLECTION);
  for (const r of routes) ctx.store.remove(account, COLLECTION, r.id);
  return ok({ deleted: true, deleted_routes: routes.map(defined) });
}

export function register(router: Router): void {
  const { routes } = serveCollection<Route>(router, {
    collection: COLLECTION,
    label: LABEL,
    notFoundCode: Codes.ROUTE_NOT_FOUND,
    path: COLLECTION_PATH,
    idParam: "route_id",
    verbs: ["list", "create", "get", "put", "delete"],
    product: "magicTransit",
    goService: { struct: "Route", noun: "Route" },
    validateOnly: ["create", "put"],
    rules: () => routeRules(false),
    build: buildRoute,
    check: (ctx, changes) => nexthopErrors(ctx, changes),
    answers: keyedAnswers("route", "routes"),
  });
  routes.put(COLLECTION_PATH, bulkUpdate).delete(COLLECTION_PATH, bulkDelete);
}
