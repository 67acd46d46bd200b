import fc from "fast-check";
import { z } from "zod";
import { fieldMeta, schemaLayers, type ResourceDefinition } from "../../provider/framework/define";
import { defaultsOf, fieldAt, same } from "../../provider/framework/equivalence";
import { camelToSnake, isPlainObject } from "../../shared/values";
import { parseIPv6, parsePrefix } from "../../shared/ip";
import { withoutInternalKeys } from "../../shared/internal-keys";
import { runs } from "../property";
import { type Direct, type Reshape, TOKENS, news, programs, startDirect, statingDefaults, unsentInputs } from "./programs";

/**
 * Answer-shape tolerance (issue 18, item 6), for every resource: from a created object, the answers
 * the live API could equally give (fields at their documented default left out, in write answers
 * too; unknown fields added; sets in another order; IPv6 addresses spelt another way; timestamps at
 * another precision) must change nothing: a refresh keeps the program's inputs, the next diff
 * reports no change, an import shows no change, and an update's answer leaves nothing to change.
 * The program states every default, so every left-out default is one the program wrote. The real
 * provider code and client run against the emulator behind a proxy that reshapes its answers.
 */

type Props = Record<string, unknown>;

interface Shape {
  dropDefaults: boolean;
  extras: boolean;
  /** Reorders sets and lists of objects (undefined: as the emulator gave them). */
  shuffle?: number;
  /** 0: as given; 1: upper case; 2: every group written out in full; 3: both. */
  ipv6: 0 | 1 | 2 | 3;
  /** 0: as given; 1: microseconds; 2: a zero fraction added or dropped. */
  timestamps: 0 | 1 | 2;
}

const shapeArb: fc.Arbitrary<Shape> = fc.record({
  dropDefaults: fc.boolean(),
  extras: fc.boolean(),
  shuffle: fc.option(fc.integer({ min: 1, max: 1_000_000 }), { nil: undefined }),
  ipv6: fc.constantFrom(0, 1, 2, 3),
  timestamps: fc.constantFrom(0, 1, 2),
});

/** Every way of answering differently at once: what the create answer gets. */
const WORST: Shape = { dropDefaults: true, extras: true, shuffle: 7, ipv6: 3, timestamps: 1 };

/** Snake-case names of the fields whose order means nothing, across every definition. */
function unorderedKeys(defs: ResourceDefinition[]): Set<string> {
  const out = new Set<string>();
  const walk = (schema: z.ZodType) => {
    const layers = schemaLayers(schema);
    const inner = layers[layers.length - 1];
    if (inner instanceof z.ZodObject)
      for (const [k, sub] of Object.entries(inner.shape)) {
        if (fieldMeta(sub).unordered) out.add(camelToSnake(k));
        walk(sub);
      }
    if (inner instanceof z.ZodArray) walk(inner.element as z.ZodType);
  };
  for (const d of defs) walk(d.inputs);
  return out;
}

function ipv6Spelling(s: string, how: Shape["ipv6"]): string {
  if (how === 0 || !s.includes(":")) return s;
  const prefix = s.includes("/") ? parsePrefix(s) : undefined;
  const address = prefix ? (prefix.family === 6 ? prefix.address : undefined) : parseIPv6(s)?.value;
  if (address === undefined) return s;
  let text: string;
  if (how === 1) text = (prefix ? s.slice(0, s.indexOf("/")) : s).toUpperCase();
  else {
    const groups = Array.from({ length: 8 }, (_, i) => ((address >> BigInt(112 - 16 * i)) & 0xffffn).toString(16).padStart(4, "0"));
    text = how === 3 ? groups.join(":").toUpperCase() : groups.join(":");
  }
  return prefix ? `${text}/${prefix.length}` : text;
}

const TIMESTAMP = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2})(?:\.(\d+))?(Z|[+-]\d{2}:\d{2})$/;

function timestampPrecision(s: string, how: Shape["timestamps"]): string {
  const m = how === 0 ? null : TIMESTAMP.exec(s);
  if (!m) return s;
  const fraction = m[2] ?? "";
  if (how === 1) return `${m[1]}.${fraction.padEnd(6, "0").slice(0, Math.max(6, fraction.length))}${m[3]}`;
  return /^0*$/.test(fraction) ? `${m[1]}${fraction ? "" : ".000"}${m[3]}` : `${m[1]}.${fraction}000${m[3]}`;
}

/** A deterministic shuffle (mulberry32). */
function shuffled<T>(xs: T[], seed: number): T[] {
  let a = seed >>> 0;
  const random = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const out = [...xs];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}

/**
 * Rewrites an answer as `shape` says. Defaults are left out where a field of that name (under a
 * parent of the default's parent name) holds its documented default.
 */
function reshaper(def: ResourceDefinition | undefined, unordered: Set<string>, shape: Shape): Reshape {
  const defaults = Object.entries(def ? defaultsOf(def.inputs) : {})
    .filter(([path]) => !(def ? unsentInputs(def) : []).includes(path.split(".")[0]))
    .map(([path, value]) => {
      const parts = path.split(".").map(camelToSnake);
      return {
        key: parts[parts.length - 1],
        parent: parts.length > 1 ? parts[parts.length - 2] : undefined,
        value,
        field: fieldAt(def!.inputs, path),
      };
    });
  let extra = 0;
  const walk = (v: unknown, key: string | undefined, depth: number): unknown => {
    if (Array.isArray(v)) {
      const items = v.map((x) => walk(x, key, depth + 1));
      const reorder = shape.shuffle !== undefined && (unordered.has(key ?? "") || items.every(isPlainObject));
      return reorder ? shuffled(items, shape.shuffle! + depth) : items;
    }
    if (typeof v === "string") return timestampPrecision(ipv6Spelling(v, shape.ipv6), shape.timestamps);
    if (!isPlainObject(v)) return v;
    const out: Props = {};
    for (const [k, x] of Object.entries(v)) {
      const atDefault = defaults.some((d) => d.key === k && (d.parent === undefined || d.parent === key) && same(d.field, d.value, x));
      if (shape.dropDefaults && atDefault && depth > 0) continue;
      // Keys of user maps (DHCP reservations) are data, not fields: left alone.
      out[k] = key === "reservations" ? x : walk(x, k, depth + 1);
    }
    if (shape.extras && depth > 0 && key !== "reservations") out[`shape_extra_${++extra % 3}`] = { added: "by a newer API" };
    return out;
  };
  return (body) => {
    if (!isPlainObject(body) || !("result" in body)) return walk(body, undefined, 1);
    return { ...body, result: walk(body.result, undefined, 1) };
  };
}

const userOf = (props: Props) => withoutInternalKeys(props);

let d: Direct;
let unordered: Set<string>;

beforeAll(async () => {
  d = await startDirect();
  unordered = unorderedKeys(TOKENS.map((t) => d.definition(t)).filter((x): x is ResourceDefinition => x !== undefined));
}, 120_000);

afterAll(async () => {
  await d?.close();
});

describe.each(TOKENS)("%s answered in any shape the live API may give", (token) => {
  it("refresh keeps the program's inputs, diff and import show no change, an update's answer leaves nothing to change", async () => {
    const def = d.definition(token);
    const p = d.provider(token);
    const base = programs(token, d.parents, 1)[0].inputs;
    let program = news(token, def ? statingDefaults(def, base) : base);
    // A default stated can make another input meaningless (no secondary connector without
    // haMode): the program then leaves that input out, as a user would.
    for (
      let refused = (await p.check({}, program)).failures ?? [];
      refused.length > 0;
      refused = (await p.check({}, program)).failures ?? []
    ) {
      program = Object.fromEntries(Object.entries(program).filter(([k]) => !refused.some((f) => f.property.split(".")[0] === k)));
    }
    const expected = userOf(program);

    // The create answer in every other shape at once.
    d.proxy.reshape = reshaper(def, unordered, WORST);
    const created = await p.create(program);
    d.proxy.reshape = undefined;
    const id = created.id;
    expect((await p.diff(id, created.outs as Props, program)).changes).toBe(false);
    let state = created.outs as Props;

    await fc.assert(
      fc.asyncProperty(shapeArb, async (shape) => {
        d.proxy.reshape = reshaper(def, unordered, shape);
        try {
          const refreshed = await p.read(id, state);
          expect(userOf(refreshed.inputs as Props)).toEqual(expected);
          expect((await p.diff(id, refreshed.props as Props, program)).changes).toBe(false);

          const imported = await p.read(id, structuredClone(program));
          expect(userOf(imported.inputs as Props)).toEqual(expected);
          expect((await p.diff(id, imported.props as Props, program)).changes).toBe(false);

          const updated = await p.update(id, refreshed.props as Props, program);
          expect((await p.diff(id, updated.outs as Props, program)).changes).toBe(false);
          state = updated.outs as Props;
        } finally {
          d.proxy.reshape = undefined;
        }
      }),
      runs(6),
    );
  });
});
