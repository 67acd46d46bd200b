/** Lookups every emulated API object shares. */
import { notFound } from "../envelope";
import type { Store, StoredObject } from "../store";

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
