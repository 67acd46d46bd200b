/**
 * The types codegen reads and writes, from the registry: every definition with `codegen` facts, in
 * the registry's order, with what its fields say about the others (the type a `ref` names, the
 * parent whose path holds it, the objects a `linkAddress` lies in) and the set that holds it.
 */
import type { z } from "zod";
import type { CodegenFacts, CodegenSet } from "../provider/framework/codegen";
import { fieldMeta, schemaLayers, type ResourceDefinition } from "../provider/framework/define";
import { fieldFacts } from "../provider/framework/vocabulary";
import { resourceModules } from "../provider/registry";
import { isPlainObject } from "../shared/values";

export interface CodegenType {
  token: string;
  def: ResourceDefinition;
  facts: CodegenFacts;
  /** The key of its objects in an account read (`greTunnels`). */
  collection: string;
  /** One object in words ("GRE tunnel"). */
  noun: string;
  /** The heading its declarations are written under. */
  section: string;
  /** `magic.GreTunnel`, `magic.cni.Cni`. */
  className: string;
  /** The object it lives under: a field naming another type's object that is a path parameter (a WAN's `siteId`). */
  parent?: { field: string; token: string };
  /** The set whose one declaration holds its objects (routes: a RouteTable), with that set's token. */
  heldBy?: CodegenSet & { token: string };
  /** The types its objects refer to (`ref`), and for a `linkAddress` the types whose objects hold link subnets. */
  dependsOn: string[];
  /** Top-level fields whose value is a link's subnet (`interfaceAddress`, a CNI's `custIp`). */
  linkSubnets: string[];
  /** Top-level inputs whose value must lie inside some object's link subnet (a route's `nexthop`). */
  linkAddresses: string[];
  /** Inputs never sent to the API: ours (triggers, waits) and path parameters (the parent). */
  local: string[];
  /** Fields the API never returns (a PSK, a license key). */
  unread: string[];
  /** Outputs a step after create makes (an IPsec PSK), which an adopted object lacks until an update makes them. */
  madeAfterCreate: string[];
  /** For an object Cloudflare makes and the resource adopts: the input that names it. */
  adoptedBy?: string;
}

/**
 * What codegen reads of the framework's vocabulary for a definition, in one place: which inputs
 * are ours or path parameters, what is never read back or made after create (the fields' meta, as
 * `fieldFacts` collects it), how an adopted object is named (its lifecycle).
 */
function vocabulary(def: ResourceDefinition): Pick<CodegenType, "local" | "unread" | "madeAfterCreate" | "adoptedBy"> {
  const facts = fieldFacts(def);
  return {
    local: [...facts.local, ...facts.path],
    unread: facts.neverReadBack,
    madeAfterCreate: facts.madeAfterCreate,
    adoptedBy: def.lifecycle.kind === "adopted" ? def.lifecycle.idInput : undefined,
  };
}

const capitalised = (s: string) => s[0].toUpperCase() + s.slice(1);

/** The class a program declares for a token: `magic.GreTunnel`, `magic.cni.Cni`. */
export function classNameOf(token: string): string {
  const [module, type] = token.split(":");
  return module === "magic" ? `magic.${type}` : `magic.${module}.${type}`;
}

/** The field's own schema, through `.optional()` and the other wrappers. */
export function innermost(schema: z.ZodType): z.ZodType {
  const layers = schemaLayers(schema);
  return layers[layers.length - 1];
}

/** The fields of an object schema (through wrappers), or undefined for any other schema. */
export function shapeOf(schema: z.ZodType | undefined): Record<string, z.ZodType> | undefined {
  const s = schema && (innermost(schema) as unknown as { shape?: Record<string, z.ZodType> });
  return s && isPlainObject(s.shape) ? s.shape : undefined;
}

/** The element schema of a list (through wrappers), or undefined. */
export function elementOf(schema: z.ZodType): z.ZodType | undefined {
  const s = innermost(schema) as unknown as { def?: { type?: string }; element?: z.ZodType };
  return s.def?.type === "array" ? s.element : undefined;
}

/** Every `ref` at any depth of a schema (object fields and list elements), as [dotted path, token]. */
export function refsOf(schema: z.ZodType, prefix = ""): Array<[string, string]> {
  const out: Array<[string, string]> = [];
  const own = fieldMeta(schema).ref;
  if (own !== undefined) out.push([prefix, own]);
  const element = elementOf(schema);
  if (element) out.push(...refsOf(element, prefix));
  for (const [k, f] of Object.entries(shapeOf(schema) ?? {})) out.push(...refsOf(f, prefix ? `${prefix}.${k}` : k));
  return out;
}

/** Top-level fields of the inputs and outputs whose meta sets `flag`. */
function flagged(def: ResourceDefinition, flag: "linkSubnet" | "linkAddress", where: "inputs" | "both"): string[] {
  const shapes = where === "inputs" ? [def.inputs.shape] : [def.inputs.shape, def.outputs?.shape ?? {}];
  return [...new Set(shapes.flatMap((s) => Object.entries(s).filter(([, f]) => fieldMeta(f as z.ZodType)[flag] === true)))].map(([k]) => k);
}

let cached: CodegenType[] | undefined;

/** Every type codegen reads and writes, in the registry's order. */
export function codegenTypes(): CodegenType[] {
  if (cached) return cached;
  const modules = Object.entries(resourceModules).map(([token, load]) => ({ token, module: load() }));
  const sets = modules.flatMap(({ token, module }) => (module.codegen ? [{ ...module.codegen, token }] : []));
  const types: CodegenType[] = [];
  for (const { token, module } of modules) {
    const def = module.definition;
    if (!def?.codegen) continue;
    const facts = def.codegen;
    const plural = facts.plural;
    const refs = refsOf(def.inputs);
    const words = vocabulary(def);
    // A path parameter (never in the body) that names another type's object is where the object lives.
    const parentField = refs.find(([path]) => !path.includes(".") && words.local.includes(path));
    types.push({
      token,
      def,
      facts,
      collection: facts.collection,
      noun: facts.noun ?? plural.replace(/s$/, ""),
      // Objects Cloudflare makes are adopted, never made or deleted: their heading says so.
      section: (facts.section ?? capitalised(plural)) + (words.adoptedBy ? " (created by Cloudflare; adopted, never deleted)" : ""),
      className: classNameOf(token),
      parent: parentField && { field: parentField[0], token: parentField[1] },
      heldBy: sets.find((s) => s.holds === token),
      dependsOn: [...new Set(refs.map(([, t]) => t))].filter((t) => t !== token),
      linkSubnets: flagged(def, "linkSubnet", "both"),
      linkAddresses: flagged(def, "linkAddress", "inputs"),
      ...words,
    });
  }
  // An address inside a link subnet depends on every type that holds link subnets.
  const holders = types.filter((t) => t.linkSubnets.length > 0).map((t) => t.token);
  for (const t of types) if (t.linkAddresses.length > 0) t.dependsOn = [...new Set([...t.dependsOn, ...holders])];
  cached = types;
  return types;
}

/**
 * The types in the order their declarations are written: each after the types it depends on,
 * in registry order otherwise. A type that lives under another (a site's WANs) is written with its
 * parent, so the parent comes after everything its children depend on too.
 */
export function writingOrder(types: CodegenType[] = codegenTypes()): CodegenType[] {
  const byToken = new Map(types.map((t) => [t.token, t]));
  const familyOf = (t: CodegenType): CodegenType[] => [t, ...types.filter((c) => c.parent?.token === t.token).flatMap(familyOf)];
  const needs = new Map(
    types.map((t) => {
      const family = new Set(familyOf(t).map((m) => m.token));
      const wanted = familyOf(t).flatMap((m) => m.dependsOn);
      return [t.token, new Set(wanted.filter((d) => byToken.has(d) && !family.has(d) && d !== t.parent?.token))];
    }),
  );
  const done = new Set<string>();
  const out: CodegenType[] = [];
  while (out.length < types.length) {
    const next = types.find((t) => !done.has(t.token) && [...needs.get(t.token)!].every((d) => done.has(d)));
    if (!next)
      throw new Error(
        `codegen: the references between ${types
          .filter((t) => !done.has(t.token))
          .map((t) => t.token)
          .join(", ")} form a cycle`,
      );
    done.add(next.token);
    out.push(next);
  }
  return out;
}
