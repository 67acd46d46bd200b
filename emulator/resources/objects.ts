/** Lookups and request parsing every emulated API object shares. */
import { ApiError, Codes, badRequest, cfError, notFound } from "../envelope";
import type { RequestContext } from "../router";
import type { Store, StoredObject } from "../store";
import {
  type GoDecoder,
  type JsonObject,
  type Rules,
  assertValid,
  invalid,
  invalidRequest,
  isPlainObject,
  string,
  validateFields,
} from "../validate";

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
