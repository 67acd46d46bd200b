/**
 * The one walk over a cursor-paged list (the CNI lists, connector telemetry): fetch a page, keep
 * its items, follow its next cursor until there is none or a page comes back empty. A server that
 * hands out the same cursor twice would loop forever: `repeated` says what to do then, stop with
 * what was read or throw the error it returns.
 */
export async function followCursor<T, C extends string | number>(
  fetchPage: (cursor: C | undefined) => Promise<{ items: T[]; next?: C }>,
  first: C | undefined,
  repeated: (cursor: C) => Error | "stop",
): Promise<T[]> {
  const items: T[] = [];
  const seen = new Set<string>();
  let cursor = first;
  for (;;) {
    const page = await fetchPage(cursor);
    items.push(...page.items);
    if (page.next === undefined || page.items.length === 0) return items;
    const key = String(page.next);
    if (seen.has(key)) {
      const outcome = repeated(page.next);
      if (outcome === "stop") return items;
      throw outcome;
    }
    seen.add(key);
    cursor = page.next;
  }
}
