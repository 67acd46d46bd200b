/** Lookups and request parsing every emulated API object shares. */
import { ApiError, Codes, badRequest, cfError, notFound } from "../envelope";
import type { RequestContext } from "../router";
import type { Store, StoredObject } from "../store";
import { type JsonObject, type Rules, assertValid, invalid, isPlainObject, string, validateFields } from "../validate";

/** The stored object with that id, or a 404 that names what it is ("GRE tunnel not found"). */
export function requireObject<T extends StoredObject>(store: Store, accountId: string, collection: string, id: string, label: string): T {
  const found = store.get<T>(accountId, collection, id);
  if (!found) throw notFound(label);
  return found;
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

/**
 * Reads a bulk PUT body (`{<key>: [...]}` or a bare array): every item an object valid under
 * `rules` plus a required `id`, each id once and known, else 400/404 with pointers per item.
 */
export function bulkRequest<T extends StoredObject>(
  ctx: RequestContext,
  key: string,
  plural: string,
  label: string,
  collection: string,
  rules: Rules,
): BulkRequest<T> {
  const wrapped = isPlainObject(ctx.body);
  const items = wrapped ? (ctx.body as JsonObject)[key] : ctx.body;
  const base = wrapped ? `/${key}` : "";
  if (!Array.isArray(items)) {
    throw badRequest([
      wrapped
        ? invalid(base, `must be an array of ${plural}, each with an id`)
        : cfError(Codes.INVALID_BODY, `Request body must be {"${key}": [...]} or an array`),
    ]);
  }
  const itemRules: Rules = { id: { required: true, checks: [string] }, ...rules };
  assertValid(
    items.flatMap((item, i) =>
      isPlainObject(item) ? validateFields(item, itemRules, `${base}/${i}`) : [invalid(`${base}/${i}`, "must be an object")],
    ),
  );
  const current = ctx.store.list<T>(ctx.params.account_id, collection);
  const byId = new Map(current.map((t) => [t.id, t]));
  const ids = (items as JsonObject[]).map((item) => item.id as string);
  assertValid(ids.flatMap((id, i) => (ids.indexOf(id) === i ? [] : [invalid(`${base}/${i}/id`, "appears more than once in the request")])));
  const missing = ids.flatMap((id, i) => (byId.has(id) ? [] : [cfError(Codes.NOT_FOUND, `${label} not found`, `${base}/${i}/id`)]));
  if (missing.length > 0) throw new ApiError(404, missing);
  return { base, current, items: (items as JsonObject[]).map((item, i) => ({ item, target: byId.get(ids[i])! })) };
}
