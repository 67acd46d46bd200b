/**
 * What every emulated API object shares: the handlers of a collection, built from one table per
 * object (`Collection`, served by `serveCollection`), and the lookups and bulk parsing under them.
 *
 * Every write goes through the same steps, in this order, so an object's file holds only what is
 * its own (its rules, defaults, how a body becomes the stored object, its answers):
 *
 *   find the object (its site first, for objects under a site) → read the body (as the live Go
 *   service does, for tunnels and routes) → the field rules → build the object → the rules across
 *   fields and objects → store it (unless `?validate_only=true` where the object takes it) → answer.
 */
import { ApiError, type CfError, Codes, badRequest, cfError, notFound, ok } from "../envelope";
import type { RequestContext, RouteAdder, Router } from "../router";
import type { Store, StoredObject } from "../store";
import type { Product } from "../switches";
import {
  type GoDecoder,
  type JsonObject,
  type Rules,
  assertValid,
  invalid,
  invalidRequest,
  isPlainObject,
  requireObjectBody,
  string,
  validateFields,
} from "../validate";
import { type SiteChildCollection, childrenOf, requireChild, requireSite } from "./site-scope";

/**
 * The stored object with that id, or a 404 that names what it is ("GRE tunnel not found"), with the
 * object's own not-found code where the live API has one (`Codes.GRE_TUNNEL_NOT_FOUND`, ...).
 */
export function requireObject<T extends StoredObject>(
  store: Store,
  accountId: string,
  collection: string,
  id: string,
  label: string,
  notFoundCode: number = Codes.NOT_FOUND,
): T {
  const found = store.get<T>(accountId, collection, id);
  if (!found) throw notFound(label, undefined, notFoundCode);
  return found;
}

/** An object without its undefined members: how the API renders most objects. */
export function defined(object: object): JsonObject {
  return Object.fromEntries(Object.entries(object).filter(([, v]) => v !== undefined));
}

/**
 * A read answer (GET or list) without the named booleans where they are false: the live API's
 * tunnel reads leave them out (Go's `omitempty`). The Terraform provider's GRE and IPsec read code
 * maps a missing `automatic_return_routing` / `replay_protection` to false "to avoid unnecessary
 * diff" (cloudflare/terraform-provider-cloudflare, internal/services/magic_wan_gre_tunnel/resource.go
 * and magic_wan_ipsec_tunnel/resource.go, Read). Its create and update code keeps the planned values
 * whatever the answer says, so nothing shows whether write answers do the same: they keep them.
 */
export function withoutFalse(answer: JsonObject, keys: readonly string[]): JsonObject {
  const out = { ...answer };
  for (const k of keys) if (out[k] === false) delete out[k];
  return out;
}

/** `current` with `replacements` swapped in by id (or appended when new): the outcome of a bulk PUT. */
export function withReplaced<T extends { id: string }>(current: T[], replacements: T[]): T[] {
  const byId = new Map(current.map((t) => [t.id, t]));
  for (const t of replacements) byId.set(t.id, t);
  return [...byId.values()];
}

// ---- a collection, as a table -----------------------------------------------------------------------

/** What the API offers on a collection: list, GET, POST, PUT, PATCH and DELETE of one object, and a bulk PUT. */
export type Verb = "list" | "get" | "create" | "put" | "patch" | "delete" | "bulk";

/** One object a write would store, with where its fields sit in the request (`base`) and the body (or bulk item) it came from. */
export interface Change<T> {
  object: T;
  base: string;
  body: JsonObject;
}

/** How each verb's answer holds the rendered object(s); `body` is the request's. */
export interface Answers {
  list(items: JsonObject[]): unknown;
  get(item: JsonObject): unknown;
  create(item: JsonObject, body: JsonObject): unknown;
  put(item: JsonObject, body: JsonObject): unknown;
  patch(item: JsonObject, body: JsonObject): unknown;
  delete(item: JsonObject): unknown;
  bulk(items: JsonObject[]): unknown;
}

/** The object itself (a list: the array), the answer of most objects' verbs. */
const ITSELF: Answers = {
  list: (items) => items,
  get: (item) => item,
  create: (item) => item,
  put: (item) => item,
  patch: (item) => item,
  delete: (item) => item,
  bulk: (items) => items,
};

/**
 * The Magic tunnels', routes' and interconnects' answers, keyed by the object's name: `{gre_tunnel}`,
 * `{gre_tunnels}`, the created object itself, `{modified: true, modified_gre_tunnel}`,
 * `{deleted: true, deleted_gre_tunnel}`, `{modified: true, modified_gre_tunnels}`.
 */
export function keyedAnswers(one: string, many: string): Partial<Answers> {
  return {
    list: (items) => ({ [many]: items }),
    get: (item) => ({ [one]: item }),
    put: (item) => ({ modified: true, [`modified_${one}`]: item }),
    delete: (item) => ({ deleted: true, [`deleted_${one}`]: item }),
    bulk: (items) => ({ modified: true, [`modified_${many}`]: items }),
  };
}

/**
 * One API object's collection, as its file states it. An object whose path holds `:site_id` lives
 * under a site: it is stored with `site_id`, its site must exist (404 "Site not found"), and an
 * object of another site is a 404 like an unknown one (see site-scope.ts).
 */
export interface Collection<T extends StoredObject> {
  /** The store's collection ("gre_tunnels"). */
  collection: string;
  /** What a 404 calls it ("GRE tunnel not found"). */
  label: string;
  /** The live not-found code where there is one (1029, 1032, 1020); 1004 otherwise. */
  notFoundCode?: number;
  /** The collection's path; one object is at `${path}/:${idParam}`. */
  path: string;
  idParam: string;
  /** The verbs the API offers, routed in this order. */
  verbs: readonly Verb[];
  /** The product the account needs for every call (the `account` switch). */
  product?: Product;
  /**
   * Served by the live Magic tunnels and routes service (written in Go), whose decoder reads the
   * bodies into this struct (see `GoDecoder`; `noun` is what its errors call the object: "creating
   * GRE Tunnel"); its times are answered as that service stores them (timestamps.ts).
   */
  goService?: { struct: string; noun: string };
  /** The writes that take `?validate_only=true` (they answer as usual and change nothing); the others ignore it. */
  validateOnly?: readonly Verb[];
  /** The bulk PUT's body key and its words for messages (`gre_tunnels`, "GRE tunnels"). */
  bulk?: { key: string; plural: string };
  /** Field rules of a body: "create" for a POST, "update" for a PUT, a PATCH and each bulk item. */
  rules(operation: "create" | "update", ctx: RequestContext): Rules;
  /** The object a valid POST (`existing` undefined) or PUT (and bulk item) body describes. May refuse the body. */
  build(body: JsonObject, existing: T | undefined, ctx: RequestContext): T;
  /** A PATCH: the existing object with only what the body sends changed. */
  patch?(body: JsonObject, existing: T, ctx: RequestContext): T;
  /** Rules across fields and objects, on the objects as they would be stored; `all` is the collection after the write. */
  check?(ctx: RequestContext, changes: Array<Change<T>>, all: T[]): CfError[];
  /** Refuses to delete an object that is still in use (throws). */
  checkDelete?(ctx: RequestContext, object: T): void;
  /** The objects a list answers, from its query (which it may refuse); all of them when undefined. */
  listFilter?(ctx: RequestContext): ((object: T) => boolean) | undefined;
  /** The API form of a stored object; its defined members by default. */
  render?(object: T, ctx: RequestContext): JsonObject;
  /** Booleans that GET and list answers leave out when false, as the live API does (see `withoutFalse`). */
  readOmitsFalse?: readonly string[];
  /** How the verbs' answers hold the rendered object(s); the object itself by default. */
  answers?: Partial<Answers>;
}

/** The handlers a table makes, for the routes an object's file adds on top (`find`, e.g. to generate a PSK). */
export interface CollectionHandlers<T extends StoredObject> {
  find: (ctx: RequestContext) => T;
  routes: RouteAdder;
}

/** Routes the table's verbs; returns its `find` and a route adder with the same traits for the object's other routes. */
export function serveCollection<T extends StoredObject>(router: Router, table: Collection<T>): CollectionHandlers<T> {
  const { collection, label, path } = table;
  if (table.verbs.includes("patch") && !table.patch) throw new Error(`${label}: the table offers PATCH without saying how a PATCH applies`);
  if (table.verbs.includes("bulk") && !table.bulk) throw new Error(`${label}: the table offers a bulk PUT without its body key`);
  const itemPath = `${path}/:${table.idParam}`;
  const underSite = path.includes("/:site_id/");
  const answers: Answers = { ...ITSELF, ...table.answers };
  const render = (object: T, ctx: RequestContext) => (table.render ? table.render(object, ctx) : defined(object));
  const readForm = (object: T, ctx: RequestContext) => withoutFalse(render(object, ctx), table.readOmitsFalse ?? []);
  const decoder = (action: "creating" | "updating"): GoDecoder | undefined =>
    table.goService && { struct: table.goService.struct, action: `${action} ${table.goService.noun}` };
  const acts = (ctx: RequestContext, verb: Verb) => !(ctx.validateOnly && table.validateOnly?.includes(verb));

  function find(ctx: RequestContext): T {
    const { account_id: account, site_id: site } = ctx.params;
    const id = ctx.params[table.idParam];
    if (!underSite) return requireObject<T>(ctx.store, account, collection, id, label, table.notFoundCode);
    requireSite(ctx.store, account, site);
    return requireChild(ctx.store, account, collection as SiteChildCollection, site, id, label) as T;
  }

  function listed(ctx: RequestContext): T[] {
    const { account_id: account, site_id: site } = ctx.params;
    if (!underSite) return ctx.store.list<T>(account, collection);
    requireSite(ctx.store, account, site);
    return childrenOf(ctx.store, account, collection as SiteChildCollection, site) as T[];
  }

  function body(ctx: RequestContext, operation: "create" | "update"): JsonObject {
    const go = decoder(operation === "create" ? "creating" : "updating");
    const sent = requireObjectBody(ctx.body, go);
    assertValid(validateFields(sent, table.rules(operation, ctx), "", go));
    return sent;
  }

  /** Checks the changed objects against the rest and stores them (unless validating only); returns them as stored. */
  function write(ctx: RequestContext, verb: Verb, changes: Array<Change<T>>, current?: T[]): T[] {
    const account = ctx.params.account_id;
    if (table.check) {
      const all = withReplaced(
        current ?? ctx.store.list<T>(account, collection),
        changes.map((c) => c.object),
      );
      assertValid(table.check(ctx, changes, all));
    }
    return changes.map(({ object }) => (acts(ctx, verb) ? ctx.store.insert<T>(account, collection, object) : object));
  }

  const handlers = {
    list: (ctx: RequestContext) => {
      const wanted = table.listFilter?.(ctx);
      const objects = listed(ctx).filter((o) => !wanted || wanted(o));
      return ok(answers.list(objects.map((o) => readForm(o, ctx))));
    },
    get: (ctx: RequestContext) => ok(answers.get(readForm(find(ctx), ctx))),
    create: (ctx: RequestContext) => {
      if (underSite) requireSite(ctx.store, ctx.params.account_id, ctx.params.site_id);
      const sent = body(ctx, "create");
      const [saved] = write(ctx, "create", [{ object: table.build(sent, undefined, ctx), base: "", body: sent }]);
      return ok(answers.create(render(saved, ctx), sent));
    },
    put: (ctx: RequestContext) => {
      const existing = find(ctx);
      const sent = body(ctx, "update");
      const [saved] = write(ctx, "put", [{ object: table.build(sent, existing, ctx), base: "", body: sent }]);
      return ok(answers.put(render(saved, ctx), sent));
    },
    patch: (ctx: RequestContext) => {
      const existing = find(ctx);
      const sent = body(ctx, "update");
      const [saved] = write(ctx, "patch", [{ object: table.patch!(sent, existing, ctx), base: "", body: sent }]);
      return ok(answers.patch(render(saved, ctx), sent));
    },
    delete: (ctx: RequestContext) => {
      const object = find(ctx);
      table.checkDelete?.(ctx, object);
      const answer = render(object, ctx);
      if (acts(ctx, "delete")) ctx.store.remove(ctx.params.account_id, collection, object.id);
      return ok(answers.delete(answer));
    },
    /**
     * The spec leaves the bulk bodies undescribed (`body: unknown`); accepted: `{<key>: [...]}` or a
     * bare array, each item an `id` plus the fields of a single PUT. All-or-nothing: any error
     * changes nothing.
     */
    bulk: (ctx: RequestContext) => {
      const target: BulkTarget = { ...table.bulk!, label, collection, notFoundCode: table.notFoundCode, decoder: decoder("updating") };
      const { base, current, items } = bulkRequest<T>(ctx, target, table.rules("update", ctx));
      const changes = items.map(({ item, target }, i) => ({ object: table.build(item, target, ctx), base: `${base}/${i}`, body: item }));
      return ok(answers.bulk(write(ctx, "bulk", changes, current).map((o) => render(o, ctx))));
    },
  };

  const routes = router.with({ product: table.product, goService: table.goService ? true : undefined });
  for (const verb of table.verbs) {
    if (verb === "list") routes.get(path, handlers.list);
    else if (verb === "create") routes.post(path, handlers.create);
    else if (verb === "bulk") routes.put(path, handlers.bulk);
    else if (verb === "get") routes.get(itemPath, handlers.get);
    else if (verb === "put") routes.put(itemPath, handlers.put);
    else if (verb === "patch") routes.patch(itemPath, handlers.patch);
    else routes.delete(itemPath, handlers.delete);
  }
  return { find, routes };
}

// ---- bulk bodies ----------------------------------------------------------------------------------

/** What a bulk PUT asks for: each item with the stored object it updates. */
export interface BulkRequest<T> {
  /** Pointer prefix of the items in the body ("/gre_tunnels" or "" for a bare array). */
  base: string;
  current: T[];
  items: Array<{ item: JsonObject; target: T }>;
}

/** What a bulk PUT changes: the objects' collection, label and not-found code, and how the body is decoded. */
export interface BulkTarget {
  /** Body key of the items (`gre_tunnels`) and its words for messages ("GRE tunnels"). */
  key: string;
  plural: string;
  label: string;
  collection: string;
  notFoundCode?: number;
  decoder?: GoDecoder;
}

/**
 * Reads a bulk PUT body (`{<key>: [...]}` or a bare array): every item an object valid under
 * `rules` plus a required `id`, each id once and known, else 400/404 with pointers per item.
 */
export function bulkRequest<T extends StoredObject>(ctx: RequestContext, target: BulkTarget, rules: Rules): BulkRequest<T> {
  const { key, plural, label, collection, decoder } = target;
  const wrapped = isPlainObject(ctx.body);
  const items = wrapped ? (ctx.body as JsonObject)[key] : ctx.body;
  const base = wrapped ? `/${key}` : "";
  if (!Array.isArray(items)) {
    throw badRequest([
      decoder && items !== undefined
        ? invalidRequest(`json: cannot unmarshal ${items === null ? "null" : typeof items} into Go value of type []${decoder.struct}`)
        : wrapped
          ? invalid(base, `must be an array of ${plural}, each with an id`)
          : cfError(Codes.INVALID_BODY, `Request body must be {"${key}": [...]} or an array`),
    ]);
  }
  const itemRules: Rules = { id: { required: true, checks: [string] }, ...rules };
  assertValid(
    items.flatMap((item, i) =>
      isPlainObject(item) ? validateFields(item, itemRules, `${base}/${i}`, decoder) : [invalid(`${base}/${i}`, "must be an object")],
    ),
  );
  const current = ctx.store.list<T>(ctx.params.account_id, collection);
  const byId = new Map(current.map((t) => [t.id, t]));
  const ids = (items as JsonObject[]).map((item) => item.id as string);
  assertValid(ids.flatMap((id, i) => (ids.indexOf(id) === i ? [] : [invalid(`${base}/${i}/id`, "appears more than once in the request")])));
  const code = target.notFoundCode ?? Codes.NOT_FOUND;
  const missing = ids.flatMap((id, i) => (byId.has(id) ? [] : [cfError(code, `${label} not found`, `${base}/${i}/id`)]));
  if (missing.length > 0) throw new ApiError(404, missing);
  return { base, current, items: (items as JsonObject[]).map((item, i) => ({ item, target: byId.get(ids[i])! })) };
}
