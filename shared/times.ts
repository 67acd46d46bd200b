/**
 * Server times at another precision. The live Magic API answers a create with nanoseconds and
 * every later read with the microseconds it stored (`…47.054317925Z`, then `…47.054318Z`;
 * emulator/README.md, "Live behaviours"): the same instant, spelled two ways. State keeps the
 * spelling it has, so a refresh never reports such a time as changed.
 */

const TIME = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2})(?:\.(\d{1,9}))?(Z|[+-]\d{2}:\d{2})$/i;

/** Nanoseconds since the epoch of an RFC 3339 time; undefined for anything else. */
export function instantOf(text: string): bigint | undefined {
  const m = TIME.exec(text);
  if (!m) return undefined;
  const ms = Date.parse(`${m[1]}${m[3]}`);
  if (Number.isNaN(ms)) return undefined;
  return BigInt(ms) * 1_000_000n + BigInt((m[2] ?? "").padEnd(9, "0"));
}

/** Whether two texts are times less than a microsecond apart (one rounded or cut from the other). */
export function sameInstant(a: string, b: string): boolean {
  const x = instantOf(a);
  const y = instantOf(b);
  if (x === undefined || y === undefined) return false;
  const d = x > y ? x - y : y - x;
  return d < 1000n;
}

/**
 * `next` with every time that is the same instant as the time at the same place in `previous`
 * replaced by `previous`'s spelling. Array elements are paired by `id` when they have one.
 */
export function keepInstants<T>(next: T, previous: unknown): T {
  if (typeof next === "string")
    return (typeof previous === "string" && next !== previous && sameInstant(next, previous) ? previous : next) as T;
  if (Array.isArray(next)) {
    if (!Array.isArray(previous)) return next;
    const before: unknown[] = previous;
    const byId = new Map(before.filter(hasId).map((p) => [p.id, p]));
    return (next as unknown[]).map((v, i) => keepInstants(v, hasId(v) ? byId.get(v.id) : before[i])) as T;
  }
  if (isObject(next)) {
    if (!isObject(previous)) return next;
    return Object.fromEntries(Object.entries(next).map(([k, v]) => [k, keepInstants(v, previous[k])])) as T;
  }
  return next;
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

function hasId(v: unknown): v is { id: unknown } {
  return isObject(v) && "id" in v;
}
