import { z } from "zod";
import { fieldMeta, schemaLayers, type JsonValue } from "./define";
import { isPlainObject } from "../../shared/values";
import { canonical } from "../../shared/ip";
import { sameInstant } from "../../shared/times";

/**
 * When two values of a field mean the same thing to Cloudflare: the one rule diff, read and import
 * use (and resources made of many objects, for their entries), driven by the field metadata. Live answers may leave out
 * default values, give sets in another order, spell an IPv6 address another way or write a
 * timestamp at another precision; none of that is a change.
 *
 * - An absent value and the field's typed `default` are the same, on either side.
 * - Strings are equal as written, or as the same IP address or prefix (`2001:DB8::1` is
 *   `2001:db8:0::1`), or as the same instant at another precision (`08:00:00Z` is
 *   `08:00:00.000000Z`; shared/times.ts, the rule state's server times follow too).
 * - Lists compare element by element, or as multisets for a field whose meta says `unordered`.
 * - Objects compare on the fields the desired side sets (the server may add fields, and keys the
 *   schema does not know are the server's); a field it leaves out is not compared, and an object an
 *   answer leaves out is one whose fields all hold their defaults.
 */

type Props = Record<string, unknown>;

/** The schema a field is, under its wrappers (`.optional()`, `.default()`, ...). */
function inner(schema: z.ZodType): z.ZodType {
  const layers = schemaLayers(schema);
  return layers[layers.length - 1];
}

function shapeOf(schema: z.ZodType | undefined): Record<string, z.ZodType> | undefined {
  const s = schema && inner(schema);
  return s instanceof z.ZodObject ? s.shape : undefined;
}

function elementOf(schema: z.ZodType | undefined): z.ZodType | undefined {
  const s = schema && inner(schema);
  return s instanceof z.ZodArray ? (s.element as z.ZodType) : undefined;
}

function recordValueOf(schema: z.ZodType | undefined): z.ZodType | undefined {
  const s = schema && inner(schema);
  return s instanceof z.ZodRecord ? (s.valueType as z.ZodType) : undefined;
}

/** The schema of a key of an object or record field (undefined when the schema does not say). */
function childOf(schema: z.ZodType | undefined, key: string): z.ZodType | undefined {
  return shapeOf(schema)?.[key] ?? recordValueOf(schema);
}

/** The schema of the field at a dotted path of `root` (an object schema), through nested objects and records. */
export function fieldAt(root: z.ZodType, dotted: string): z.ZodType | undefined {
  let s: z.ZodType | undefined = root;
  for (const part of dotted.split(".")) s = childOf(s, part);
  return s;
}

/** The field's typed default (a fresh copy), or undefined. */
export function defaultOf(schema: z.ZodType | undefined): JsonValue | undefined {
  const d = schema ? fieldMeta(schema).default : undefined;
  return d === undefined ? undefined : structuredClone(d);
}

/**
 * Every typed default of an object schema, by dotted camelCase path (nested objects included,
 * not list elements): what codegen leaves out of a generated program.
 */
export function defaultsOf(schema: z.ZodType, prefix = ""): Record<string, JsonValue> {
  const out: Record<string, JsonValue> = {};
  for (const [k, sub] of Object.entries(shapeOf(schema) ?? {})) {
    const path = prefix ? `${prefix}.${k}` : k;
    const d = defaultOf(sub);
    if (d !== undefined) out[path] = d;
    Object.assign(out, defaultsOf(sub, path));
  }
  return out;
}

/** Whether `desired` (the program's value) and `live` mean the same for a field of `schema` (undefined: no schema known). */
export function same(schema: z.ZodType | undefined, desired: unknown, live: unknown): boolean {
  const d = desired ?? defaultOf(schema);
  // An object left out of an answer is one whose fields all hold their defaults.
  const l = live ?? defaultOf(schema) ?? (isPlainObject(d) && Object.keys(d).length > 0 ? {} : undefined);
  if (d === undefined || l === undefined) return d === l;
  if (Array.isArray(d)) {
    if (!Array.isArray(l) || d.length !== l.length) return false;
    const element = elementOf(schema);
    if (!(schema && fieldMeta(schema).unordered)) return d.every((x, i) => same(element, x, l[i]));
    return pairUp(element, d, l) !== undefined;
  }
  if (isPlainObject(d)) {
    // Keys the schema does not know are the server's (state may hold them from an earlier answer).
    const shape = shapeOf(schema);
    const known = (k: string) => !shape || k in shape;
    return isPlainObject(l) && Object.entries(d).every(([k, x]) => x === undefined || !known(k) || same(childOf(schema, k), x, l[k]));
  }
  if (typeof d === "string" && typeof l === "string") return sameString(d, l);
  return d === l;
}

/**
 * For an unordered list: the index in `live` of each element of `desired`, each live element used
 * once; undefined when some desired element has no partner.
 */
function pairUp(element: z.ZodType | undefined, desired: unknown[], live: unknown[]): number[] | undefined {
  const used = new Set<number>();
  const pairs: number[] = [];
  for (const x of desired) {
    const i = live.findIndex((y, j) => !used.has(j) && same(element, x, y));
    if (i < 0) return undefined;
    used.add(i);
    pairs.push(i);
  }
  return pairs;
}

function sameString(a: string, b: string): boolean {
  // canonical() gives any other string back as it is: equal here means identical, or one address.
  return canonical(a) === canonical(b) || sameInstant(a, b);
}

/**
 * The live value of a field as state should hold it: where it means the same as `reference` (the
 * program's value, or what state held), the reference's spelling and order are kept, so a read or
 * an import never rewrites what the program wrote; where an answer leaves out a field that has a
 * typed default, the default is filled in. Fields the schema does not know (computed ones) stay as
 * the API gave them.
 */
export function settle(schema: z.ZodType | undefined, live: unknown, reference: unknown): unknown {
  if (live === undefined || live === null) {
    if (reference !== undefined && reference !== null && same(schema, reference, undefined)) return reference;
    return defaultOf(schema);
  }
  if (reference === undefined || reference === null) return fill(schema, live);
  if (Array.isArray(live)) {
    const element = elementOf(schema);
    if (!Array.isArray(reference) || reference.length !== live.length) return fill(schema, live);
    if (schema && fieldMeta(schema).unordered) {
      const pairs = pairUp(element, reference, live);
      if (pairs) return pairs.map((i, n) => settle(element, live[i], reference[n]));
    }
    return live.map((x, i) => settle(element, x, reference[i]));
  }
  if (isPlainObject(live)) {
    if (!isPlainObject(reference)) return fill(schema, live);
    const out: Props = { ...live };
    const keys = new Set([
      ...Object.keys(live),
      ...Object.keys(shapeOf(schema) ?? {}),
      ...(recordValueOf(schema) ? Object.keys(reference) : []),
    ]);
    for (const k of keys) {
      const sub = childOf(schema, k);
      if (!sub) continue;
      const v = settle(sub, live[k], reference[k]);
      if (v === undefined) delete out[k];
      else out[k] = v;
    }
    return out;
  }
  return same(schema, reference, live) ? reference : live;
}

/** `live` with the typed defaults of the fields it leaves out filled in (objects it has, not absent ones). */
function fill(schema: z.ZodType | undefined, live: unknown): unknown {
  if (Array.isArray(live)) return live.map((x) => fill(elementOf(schema), x));
  const shape = shapeOf(schema);
  if (!isPlainObject(live) || !shape) return live;
  const out: Props = { ...live };
  for (const [k, sub] of Object.entries(shape)) {
    const v = out[k] === undefined || out[k] === null ? defaultOf(sub) : fill(sub, out[k]);
    if (v !== undefined) out[k] = v;
  }
  return out;
}

/**
 * The parts of a value its schema declares (inside list elements too): what a read may record as
 * an input. Fields the schema does not know are the server's, never the program's.
 */
export function project(schema: z.ZodType | undefined, value: unknown): unknown {
  if (Array.isArray(value)) return value.map((x) => project(elementOf(schema), x));
  const shape = shapeOf(schema);
  if (!isPlainObject(value) || (!shape && !recordValueOf(schema))) return value;
  const out: Props = {};
  for (const [k, x] of Object.entries(value)) if (!shape || k in shape) out[k] = project(childOf(schema, k), x);
  return out;
}

/** A value that carries nothing: absent, null, `""`, `[]` or `{}` (what a removed field may read back as). */
export function isEmpty(v: unknown): boolean {
  if (v === undefined || v === null || v === "") return true;
  if (Array.isArray(v)) return v.length === 0;
  return isPlainObject(v) && Object.values(v).every(isEmpty);
}
