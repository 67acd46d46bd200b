/**
 * Turns an account snapshot into resource declarations by walking the registry (types.ts): every
 * type with codegen facts, each after the types it refers to; each object's inputs from its
 * definition's fields (what differs from the server default; references as variables; secrets as
 * `config.requireSecret(...)`, read back or not; the others never read back listed as needing a
 * human), and the `import` option set to its id. Nothing here names a resource type: a type's
 * quirks are in its definition's `codegen` facts, and a site as one BranchSite is the component's
 * own `adoptingBranchSite`.
 */
import type { z } from "zod";
import { fieldMeta, secretFields, type ResourceDefinition } from "../provider/framework/define";
import { defaultsOf, fieldAt, same } from "../provider/framework/equivalence";
import { fieldFacts } from "../provider/framework/vocabulary";
import { contains, parseIP, parsePrefix } from "../shared/ip";
import { compareText, getPath, isPlainObject, setPath } from "../shared/values";
import { type ExistingObject, adoptingBranchSite } from "../sdk/components/branch-site-args";
import { Namer, camel } from "./names";
import type { AccountSnapshot, CollectionKey, Props } from "./read";
import { type CodegenType, classNameOf, codegenTypes, elementOf, shapeOf, writingOrder } from "./types";

/** A TypeScript expression written as is (a variable's id, a config secret). */
export class Expr {
  constructor(readonly code: string) {}
}

export interface Declaration {
  /** Heading of the group the declaration is written under. */
  section: string;
  variable: string;
  /** `magic.GreTunnel`, `magic.cni.Cni`, ... */
  className: string;
  /** The Pulumi resource name. */
  name: string;
  args: Record<string, unknown>;
  /** The `import` option; components carry their children's ids in their arguments instead. */
  importId?: string;
  /** Variables of declarations this one must come after (and be removed before): a route's tunnels. */
  dependsOn?: string[];
  /** How many Cloudflare objects the declaration adopts. */
  objects: number;
}

export interface SecretEntry {
  key: string;
  what: string;
}

export interface Note {
  what: string;
  detail: string;
}

export interface Program {
  declarations: Declaration[];
  secrets: SecretEntry[];
  /** What needs a human, beyond the secrets. */
  notes: Note[];
  /** Sites written as one BranchSite, and those that could not be, with why. */
  components: { used: string[]; plain: Array<{ site: string; reason: string }> };
}

export interface ProgramOptions {
  /** Write each site that fits as one BranchSite. */
  components: boolean;
  /**
   * Which objects to adopt (default: all). Objects left out are not declared; those adopted refer
   * to them by id (a WAN of a site adopted elsewhere gets the site's id).
   */
  adopt?: (collection: CollectionKey, id: string) => boolean;
}

/**
 * Components that can hold an object with its children, by the object's type: the component's
 * class and its own function from existing objects to its arguments (or why they do not fit).
 */
const COMPONENTS: Record<string, { className: string; adopting: typeof adoptingBranchSite }> = {
  "magic:Site": { className: "magic.BranchSite", adopting: adoptingBranchSite },
};

// ---- inputs from live objects ------------------------------------------------------------------

/** The parts of a live object (outputs) that are inputs of `schema`: computed fields drop out. */
function project(schema: z.ZodType, value: unknown): unknown {
  const shape = shapeOf(schema);
  if (shape && isPlainObject(value)) {
    const out: Record<string, unknown> = {};
    for (const [k, sub] of Object.entries(shape)) if (value[k] !== undefined && value[k] !== null) out[k] = project(sub, value[k]);
    return out;
  }
  const element = elementOf(schema);
  if (element && Array.isArray(value)) return value.map((v) => project(element, v));
  return value;
}

/**
 * Removes fields whose value is the API's documented default (the definitions' typed `default`
 * metadata, compared as diff compares them: a set in any order), then objects left empty. A field
 * whose default depends on the account (a health check's `direction`) has no typed default, so it
 * is always written.
 */
function withoutDefaults(def: ResourceDefinition, inputs: Record<string, unknown>): Record<string, unknown> {
  const defaults = Object.keys(defaultsOf(def.inputs));
  const walk = (obj: Record<string, unknown>, prefix: string): Record<string, unknown> => {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(obj)) {
      const path = prefix ? `${prefix}.${k}` : k;
      if (defaults.includes(path) && !(v instanceof Expr) && same(fieldAt(def.inputs, path), v, undefined)) continue;
      if (isPlainObject(v) && !(v instanceof Expr) && defaults.some((d) => d.startsWith(`${path}.`))) {
        const inner = walk(v, path);
        if (Object.keys(inner).length > 0) out[k] = inner;
        continue;
      }
      out[k] = v;
    }
    return out;
  };
  return walk(inputs, "");
}

/** Each value at a `ref` field (objects at any depth, list elements) passed through `to`. */
function mapRefs(schema: z.ZodType, value: unknown, to: (id: unknown) => unknown): unknown {
  if (value instanceof Expr) return value;
  if (fieldMeta(schema).ref !== undefined) return to(value);
  const element = elementOf(schema);
  if (element && Array.isArray(value)) return value.map((v) => mapRefs(element, v, to));
  const shape = shapeOf(schema);
  if (shape && isPlainObject(value))
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, shape[k] ? mapRefs(shape[k], v, to) : v]));
  return value;
}

/** The inputs of a definition that reproduce the live object, minus defaults and our local inputs (what a CLI import records, too). */
export function inputsOf(def: ResourceDefinition, live: Props, drop: string[] = []): Record<string, unknown> {
  const projected = project(def.inputs, live) as Record<string, unknown>;
  const { local, path } = fieldFacts(def);
  for (const k of [...local, ...path, ...drop]) delete projected[k];
  return withoutDefaults(def, projected);
}

/** The fields written first: the id of the object an adopted type takes over, the name, then the type's own. */
function firstOf(t: CodegenType): string[] {
  return [...(t.adoptedBy ? [t.adoptedBy] : []), "name", ...(t.facts.first ?? [])];
}

/** The object with `first` keys first (those it has), then the rest in their order. */
function reorder(args: Record<string, unknown>, first: string[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const k of first) if (k in args) out[k] = args[k];
  return Object.assign(out, args);
}

// ---- the program -------------------------------------------------------------------------------

/** One object on its way to a declaration: its type, what it is read as, its names. */
interface Pending {
  type: CodegenType;
  live: Props;
  label: string;
}

export function buildProgram(snapshot: AccountSnapshot, options: ProgramOptions): Program {
  const { accountId } = snapshot;
  const types = codegenTypes();
  const byToken = new Map(types.map((t) => [t.token, t]));
  const all = (t: CodegenType): Props[] => snapshot.objects[t.collection] ?? [];
  const adopted = (t: CodegenType): Props[] => all(t).filter((o) => options.adopt?.(t.collection, o.id) ?? true);
  const names = new Namer();
  const declarations: Declaration[] = [];
  const secrets: SecretEntry[] = [];
  const notes: Note[] = [];
  const components: Program["components"] = { used: [], plain: [] };
  /** Variable of each declared object, by its Cloudflare id. */
  const variables = new Map<string, string>();
  const ref = (id: unknown): unknown => (typeof id === "string" && variables.has(id) ? new Expr(`${variables.get(id)}.id`) : id);
  const declare = (d: Omit<Declaration, "objects"> & { objects?: number }, id?: string) => {
    declarations.push({ objects: 1, ...d });
    if (id !== undefined) variables.set(id, d.variable);
  };

  /**
   * The label of any object read (adopted or not), for what refers to it; for an id of no such
   * object, the name of the Cloudflare-managed object of that type listed with it (a managed app,
   * as the API lists it: `managed_app_id` and `name`), which is referred to but never declared.
   */
  const nameOf = (token: string, id: unknown): string | undefined => {
    const t = byToken.get(token);
    const o = t && all(t).find((x) => x.id === id);
    if (t && o) return labelOf(t, o);
    const isIt = (m: Record<string, unknown>) =>
      t?.facts.managed?.(m) === true && Object.entries(m).some(([k, v]) => /(^|_)id$/.test(k) && v === id);
    const managed = snapshot.managedApps.find(isIt);
    return typeof managed?.name === "string" ? managed.name : undefined;
  };
  const labelOf = (t: CodegenType, o: Props): string => {
    const own = t.facts.label ? t.facts.label(o, nameOf) : o.name;
    return typeof own === "string" ? own : `${t.noun} ${o.id.slice(0, 8)}`;
  };
  const sorted = (t: CodegenType, list: Props[]): Pending[] =>
    list
      .map((live) => ({ type: t, live, label: labelOf(t, live) }))
      .sort((a, b) => (t.facts.order ? t.facts.order(a.live, b.live) : compareText(a.label, b.label)) || compareText(a.live.id, b.live.id));

  /** Variables of the declared objects whose link subnet holds `address`. */
  const holders = types.flatMap((t) =>
    t.linkSubnets.length ? adopted(t).map((o) => ({ id: o.id, subnets: t.linkSubnets.map((f) => o[f]) })) : [],
  );
  const holderOf = (address: unknown): string | undefined => {
    const a = typeof address === "string" ? parseIP(address) : undefined;
    const holder =
      a &&
      holders.find((h) =>
        h.subnets.some((s) => {
          const subnet = typeof s === "string" ? parsePrefix(s) : undefined;
          return subnet !== undefined && contains(subnet, a);
        }),
      );
    return holder ? variables.get(holder.id) : undefined;
  };
  const dependsOnFor = (list: Pending[]): { dependsOn?: string[] } => {
    const vars = list.flatMap((p) => p.type.linkAddresses.map((f) => holderOf(p.live[f])));
    const unique = [...new Set(vars.filter((v): v is string => v !== undefined))].sort(compareText);
    return unique.length ? { dependsOn: unique } : {};
  };

  /**
   * The inputs that reproduce an object: its definition's inputs as read, less its parent and our
   * local inputs, less what equals the documented default; references as variables; secrets from
   * config (those read back, and those never read back that it needs).
   */
  const argsOf = (p: Pending, variable: string): Record<string, unknown> => {
    const { def, facts, local, unread, madeAfterCreate, adoptedBy } = p.type;
    let args = project(def.inputs, p.live) as Record<string, unknown>;
    for (const k of local) delete args[k];
    if (adoptedBy) args = { [adoptedBy]: p.live.id, ...args };
    if (facts.inputs) args = facts.inputs(args, p.live);
    args = withoutDefaults(def, args);
    for (const [k, f] of Object.entries(def.inputs.shape)) if (fieldMeta(f as z.ZodType).isAccount && args[k] === accountId) delete args[k];
    args = mapRefs(def.inputs, args, ref) as Record<string, unknown>;
    const failing = new Set((def.rules?.(args) ?? []).map(([property]) => property));
    for (const path of secretFields({ inputs: def.inputs })) {
      const given = getPath(args, path) !== undefined;
      const needed = unread.includes(path) && (madeAfterCreate.includes(path) || failing.has(path));
      if (!given && !needed) continue;
      const key = camel(`${variable} ${path.split(".").join(" ")}`);
      const field = fieldAt(def.inputs, path);
      secrets.push({ key, what: `${(field && fieldMeta(field).noun) ?? path} of ${p.type.noun} ${p.label}` });
      setPath(args, path, new Expr(`config.requireSecret(${JSON.stringify(key)})`));
    }
    return args;
  };

  /** What the program cannot give an adopted object: a secret output Cloudflare never shows again. */
  const notesOf = (p: Pending, variable: string) => {
    const { def, unread } = p.type;
    for (const field of unread) {
      const output = def.outputs?.shape[field] as z.ZodType | undefined;
      const meta = output && fieldMeta(output);
      if (!meta?.secret || def.inputs.shape[field]) continue;
      const trigger = Object.entries(def.inputs.shape).find(([, f]) => fieldMeta(f as z.ZodType).rotates === field)?.[0];
      notes.push({
        what: `${p.type.noun} ${p.label} (${variable})`,
        detail:
          `Cloudflare shows a ${meta.noun ?? field} only when it issues one, so \`${field}\` stays empty` +
          (trigger ? `; set \`${trigger}\` to any value to issue a new one (whatever uses it must then be given it).` : "."),
      });
    }
  };

  /** A plain declaration of one object (a child under its parent's resource name, with its parent first). */
  const declareObject = (p: Pending, section: string, under?: { field: string; ref: unknown; resource: string }) => {
    const role = p.type.facts.role;
    let name: string;
    let variable: string;
    if (under) {
      name = names.resource(`${under.resource}-${role}-${p.label}`);
      variable = names.variable(name, role);
    } else {
      variable = names.variable(p.label, role);
      name = names.resource(p.label);
    }
    const own = argsOf(p, variable);
    const args = reorder(under ? { [under.field]: under.ref, ...own } : own, [...(under ? [under.field] : []), ...firstOf(p.type)]);
    declare({ section, variable, className: p.type.className, name, args, importId: p.live.id, ...dependsOnFor([p]) }, p.live.id);
    notesOf(p, variable);
  };

  /** A set's one declaration holding every object no other shares a key with; the others on their own. */
  const declareHeld = (t: CodegenType, list: Pending[]) => {
    const set = t.heldBy!;
    if (list.length === 0) return;
    const entries = list.map((p) => reorder(project(t.def.inputs, p.live) as Record<string, unknown>, t.facts.first ?? []));
    const keys = entries.map((e) => set.key(e));
    const shared = new Set(keys.filter((k, i) => keys.indexOf(k) !== i));
    const held = list.filter((_p, i) => !shared.has(keys[i]));
    const name = names.resource(set.name);
    declare({
      section: t.section,
      variable: names.variable(set.name, t.facts.role),
      className: byToken.get(set.token)?.className ?? classNameOf(set.token),
      name,
      args: { [set.field]: entries.filter((_e, i) => !shared.has(keys[i])).map((e) => withoutDefaults(t.def, e)) },
      importId: set.importId(accountId),
      objects: held.length,
      ...dependsOnFor(held),
    });
    for (const [i, p] of list.entries()) if (shared.has(keys[i])) declareObject(p, t.section);
  };

  /** An object with the objects that live under it, in its own section; as one component when it fits. */
  const declareFamily = (t: CodegenType, parent: Props) => {
    const label = labelOf(t, parent);
    const isAdopted = adopted(t).includes(parent);
    const childTypes = writingOrder().filter((c) => c.parent?.token === t.token);
    const children = childTypes.map((c) => ({
      type: c,
      list: sorted(
        c,
        adopted(c).filter((o) => o[c.parent!.field] === parent.id),
      ),
    }));
    if (!isAdopted && children.every((c) => c.list.length === 0)) return;
    const section = `${t.noun[0].toUpperCase()}${t.noun.slice(1)} ${label}${isAdopted ? "" : ` (${parent.id}, not adopted here)`}`;
    const component = COMPONENTS[t.token];
    if (options.components && component && isAdopted && declareComponent(t, parent, label, children, component, section)) return;
    const resource = names.resource(label);
    let parentRef: unknown = parent.id;
    if (isAdopted) {
      const variable = names.variable(label, t.facts.role);
      const p = { type: t, live: parent, label };
      const args = reorder(argsOf(p, variable), firstOf(t));
      declare({ section, variable, className: t.className, name: resource, args, importId: parent.id }, parent.id);
      notesOf(p, variable);
      parentRef = new Expr(`${variable}.id`);
    }
    for (const c of children) for (const p of c.list) declareObject(p, section, { field: c.type.parent!.field, ref: parentRef, resource });
  };

  /** The object and its children as one component declaration; false (and why, in `components.plain`) when they do not fit. */
  const declareComponent = (
    t: CodegenType,
    parent: Props,
    label: string,
    children: Array<{ type: CodegenType; list: Pending[] }>,
    component: (typeof COMPONENTS)[string],
    section: string,
  ): boolean => {
    // Children are not declared: references between them stay ids, which the component turns into its entries' names.
    const labels = new Namer();
    const existing = (p: Pending, variable: string): ExistingObject => {
      const inputs = argsOf(p, variable);
      if (p.type.parent) delete inputs[p.type.parent.field];
      return { id: p.live.id, label: labels.resource(p.label), live: p.live, inputs };
    };
    const mark = secrets.length;
    const result = component.adopting(
      existing({ type: t, live: parent, label }, camel(label)),
      Object.fromEntries(
        children.map((c) => [c.type.token, c.list.map((p) => existing(p, camel(`${label} ${c.type.facts.role} ${p.label}`)))]),
      ),
    );
    if ("misfit" in result) {
      secrets.length = mark;
      components.plain.push({ site: label, reason: result.misfit });
      return false;
    }
    components.used.push(label);
    const name = names.resource(label);
    const variable = names.variable(label, t.facts.role);
    const objects = 1 + children.reduce((n, c) => n + c.list.length, 0);
    declare({ section, variable, className: component.className, name, args: result.args, objects }, undefined);
    return true;
  };

  for (const t of writingOrder()) {
    if (t.parent) continue; // written with its parent
    if (t.heldBy) declareHeld(t, sorted(t, adopted(t)));
    else if (types.some((c) => c.parent?.token === t.token)) for (const p of sorted(t, all(t))) declareFamily(t, p.live);
    else for (const p of sorted(t, adopted(t))) declareObject(p, t.section);
  }
  return { declarations, secrets, notes, components };
}
