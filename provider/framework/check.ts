import { z } from "zod";
import { didYouMean } from "../../shared/spelling";
import { containsUnknown, getPath, isUnknown } from "../../shared/values";
import { schemaLayers } from "./vocabulary";

/** One bad property, as Pulumi's CheckFailure: `reason` is a whole sentence naming the property. */
export interface CheckFailure {
  property: string;
  reason: string;
}

/** Values under keys like these are never echoed back in a message. */
const SECRET_LIKE = /key|psk|secret|password|token|license|challenge/i;

/**
 * Validates inputs with a zod schema and returns one failure per bad property, each a sentence
 * that names the property and what is allowed. Issues located at (or inside) a value that is
 * Pulumi's unknown sentinel are dropped: during preview a value that is not known yet is never
 * bad input. Refinements that span several fields must skip when any of them is unknown
 * (see `anyUnknown`).
 */
export function validate(schema: z.ZodType, inputs: Record<string, unknown>, kind: string): CheckFailure[] {
  const result = schema.safeParse(inputs);
  if (result.success) return [];
  const byProperty = new Map<string, CheckFailure>();
  for (const issue of result.error.issues) {
    const segments = issue.path.map(String);
    if (isAtUnknown(inputs, segments)) continue;
    for (const f of describe(issue, segments, inputs, kind, schema)) {
      if (!byProperty.has(f.property)) byProperty.set(f.property, f);
    }
  }
  return [...byProperty.values()];
}

/** True when any of the values is Pulumi's unknown sentinel (for cross-field refinements). */
export function anyUnknown(...values: unknown[]): boolean {
  return values.some(containsUnknown);
}

function isAtUnknown(inputs: unknown, segments: string[]): boolean {
  let cur: unknown = inputs;
  for (const s of segments) {
    if (isUnknown(cur)) return true;
    if (cur === null || typeof cur !== "object") return false;
    cur = (cur as Record<string, unknown>)[s];
  }
  return containsUnknown(cur);
}

function describe(issue: z.core.$ZodIssue, segments: string[], inputs: unknown, kind: string, schema: z.ZodType): CheckFailure[] {
  const property = segments.join(".") || "(inputs)";
  const value = segments.length ? getPath(inputs, segments.join(".")) : inputs;
  const got = showValue(property, value);
  switch (issue.code) {
    case "invalid_type":
      if (value === undefined) return [{ property, reason: `${property} is required (${kind} needs ${article(issue.expected)}).` }];
      return [{ property, reason: `${property} must be ${article(issue.expected)}${got}.` }];
    case "invalid_value":
      return [
        {
          property,
          reason: `${property} must be ${issue.values.length === 1 ? JSON.stringify(issue.values[0]) : `one of ${issue.values.map((v) => JSON.stringify(v)).join(", ")}`}${got}.`,
        },
      ];
    case "too_small":
      return [{ property, reason: `${property} must be ${bound(issue.origin, "at least", issue.minimum, issue.inclusive)}${got}.` }];
    case "too_big":
      return [{ property, reason: `${property} must be ${bound(issue.origin, "at most", issue.maximum, issue.inclusive)}${got}.` }];
    case "unrecognized_keys":
      return issue.keys.map((k) => {
        const p = segments.length ? `${property}.${k}` : k;
        const meant = didYouMean(k, propertiesAt(schema, segments));
        return {
          property: p,
          reason: `${p} is not a property of ${segments.length ? property : kind}; ${meant ? `did you mean ${meant}?` : "check its spelling."}`,
        };
      });
    case "invalid_union":
      return [
        { property, reason: `${property} ${issue.message.startsWith("must") ? issue.message : "does not match any allowed form"}${got}.` },
      ];
    default:
      // Our own refinements and formats carry a predicate phrase such as "must be a /31 or /30 prefix ...".
      return [{ property, reason: `${property} ${issue.message.replace(/\.$/, "")}${got}.` }];
  }
}

/** The property names of the object the schema holds at `segments` (through wrappers and list elements). */
function propertiesAt(schema: z.ZodType, segments: string[]): string[] {
  let cur: z.ZodType | undefined = schema;
  for (const s of [...segments, ""]) {
    const layers: z.ZodType[] = cur ? schemaLayers(cur) : [];
    const inner: z.ZodType | undefined = layers[layers.length - 1];
    if (s === "") return inner instanceof z.ZodObject ? Object.keys(inner.shape) : [];
    if (inner instanceof z.ZodObject) cur = (inner.shape as Record<string, z.ZodType>)[s];
    else if (inner instanceof z.ZodArray) cur = inner.element as z.ZodType;
    else return [];
  }
  return [];
}

function showValue(property: string, v: unknown): string {
  if (SECRET_LIKE.test(property)) return "";
  if (typeof v === "string") return v.length <= 80 ? ` (got ${JSON.stringify(v)})` : "";
  if (typeof v === "number" || typeof v === "boolean") return ` (got ${v})`;
  return "";
}

function article(expected: string): string {
  const names: Record<string, string> = {
    object: "an object",
    array: "a list",
    string: "a string",
    number: "a number",
    boolean: "true or false",
    int: "a whole number",
  };
  return names[expected] ?? `a ${expected}`;
}

function bound(origin: string, word: string, n: number | bigint, inclusive?: boolean): string {
  const limit = inclusive === false ? (word === "at least" ? `more than ${n}` : `less than ${n}`) : `${word} ${n}`;
  if (origin === "string") return `${limit} characters long`;
  if (origin === "array" || origin === "set") return `a list of ${limit} items`;
  return limit;
}
