import { z } from "zod";
import type { ResourceDefinition } from "./define";
import { type FieldFacts, fieldFacts, fieldMeta, schemaLayers } from "./vocabulary";
import { defaultOf, fieldAt, project, same, settle } from "./equivalence";
import {
  camelToSnake,
  clean,
  containsUnknown,
  convertKeys,
  getPath,
  isPlainObject,
  leafPaths,
  setPath,
  snakeToCamel,
  withSecretsAt,
} from "../../shared/values";
import { instantOf, keepInstants } from "../../shared/times";
import { canonical } from "../../shared/ip";
import { INPUT_PATHS_KEY as INPUT_PATHS, STATE_VERSION_KEY, internalKeysOf, withoutInternalKeys } from "../../shared/internal-keys";

type Props = Record<string, unknown>;

/**
 * The one state codec of a definition, built once from its field vocabulary (and its `toApi` /
 * `fromApi` touches). Pure: no request, no setting, no clock. It relates the four forms a
 * resource's data takes:
 *
 *   program inputs (camelCase)  --body-->            request body (snake_case)
 *   API object (snake_case)     --outputs-->         outputs (state: camelCase, defaults filled in,
 *                                                    the program's spelling kept, our keys added)
 *   outputs                     --recordedInputs-->  the inputs a refresh records
 *   state + program             --changedPaths-->    the input leaves that differ
 */
export interface StateCodec {
  /** The definition's inputs with the framework's `accountId`: what check validates and diff compares by. */
  readonly schema: z.ZodObject;
  /** What the field vocabulary says (framework/vocabulary.ts). */
  readonly facts: FieldFacts;
  /** The state version this release writes. */
  readonly version: number;
  /** The API's name of an input key, and the reverse. */
  apiKey(camel: string): string;
  camelKey(api: string): string;
  /** An API object's keys in camelCase (opaque maps kept verbatim). */
  camel(apiObject: Props): Props;
  /** camelCase values with the API's keys (opaque maps kept verbatim); nothing left out or added. */
  snake(value: Props): Props;
  /** The parts of a value the inputs declare (outputs carry computed fields too). */
  pick(value: unknown): Props;
  /**
   * The request body for these inputs: our own fields, path parameters and the account left out,
   * create-only fields too for an `update` (the object's id and previous outputs), then `toApi`.
   */
  body(inputs: Props, update?: { id: string; olds: Props }): Props;
  /**
   * The body of an in-place update from the state (`olds`) to the program (`inputs`): the API's
   * PUT replaces the whole object, so fields the program never set keep their live values (someone
   * may have changed them elsewhere), fields it removed are left out or sent at their typed
   * default (the documented way to unset them), and the program's values go on top. Also the
   * removed input leaves, which a merging bulk update could not clear.
   */
  update(id: string, olds: Props, inputs: Props): { body: Props; removed: string[] };
  /**
   * An API object as state: camelCase, `fromApi` applied, live values in `source`'s spelling where
   * they mean the same and typed defaults filled in (framework/equivalence.ts); values the API never
   * returns and `carried` ones kept from `source` or `previous`; our local and path inputs from
   * `source`; our internal keys, the account, the input leaves the program set (`paths`) and the
   * state version; server times in `previous`'s spelling of the same instant (shared/times.ts).
   */
  outputs(apiObject: Props, at: { accountId: string; source: Props; paths: string[]; previous?: Props }): Props;
  /** An API object as a lookup reports it: its outputs without our keys. */
  listed(apiObject: Props, accountId: string): Props;
  /** The inputs a refresh records: the outputs at the paths the program manages, as the schema declares them. */
  recordedInputs(outs: Props, paths: string[], props: Props): Props;
  /** The input leaves the state says the program set, or (an import's inputs, which record none) the leaves given. */
  inputPaths(props: Props): string[];
  /** Input leaves the program set last time (state) and no longer sets. */
  removedPaths(olds: Props, inputs: Props): string[];
  /**
   * Input leaves that differ between the program (`news`) and the state (`olds`): every leaf the
   * program sets now, plus every leaf it set last time (a removed input is a change). Fields never
   * set are not compared, so server defaults and computed fields never cause a diff; values that
   * mean the same are no change (equivalence.ts); an unknown value always counts as a change.
   */
  changedPaths(olds: Props, news: Props): string[];
  /**
   * Whether an API object holds exactly what the program (`news`) declares, by the equality of
   * `changedPaths`: every input leaf the program sets is equal, and every input leaf the object
   * holds that the program leaves out is absent or at its typed default; a leaf whose value the
   * server picks (`defaultDoc`) counts only when the program sets it. What a create takes for the
   * twin an interrupted apply left (lifecycle/object.ts).
   */
  holdsExactly(apiObject: Props, news: Props, accountId: string): boolean;
  /**
   * A key every object holding exactly the same inputs shares (`holdsExactly` implies equal keys),
   * from camelCase values (inputs, or an API object as `listed` gives it): the required top-level
   * scalar inputs, an address in its canonical spelling and any time as one word. Lets a create
   * compare in full only the few objects of a large collection that share its key.
   */
  twinKey(values: Props): string;
  /**
   * What we hand back to the engine (checked inputs, outputs, refreshed inputs) with every secret
   * field (`psk`, `bgp.md5Key`) in the engine's secret form. The dynamic-provider host answers
   * Configure with acceptSecrets=false, so the engine sends us plaintext, but it reads our answers
   * keeping secrets (pulumi/pulumi pkg/resource/plugin/provider_plugin.go: Check, Create, Read and
   * Update unmarshal the results with `KeepSecrets: true`) and then copies the secrecy of its own
   * request onto them (`annotateSecrets`, which recurses into objects, so a secret `bgp.md5Key`
   * input leaves `bgp.customerAsn` visible). That copy alone misses a value the program never gave
   * (an MD5 key set outside Pulumi, read on refresh or import); marking it here keeps it secret
   * too, while the rest of the object stays visible in diffs.
   */
  readonly seal: (props: Props) => Props;
}

/** The `accountId` input the framework adds to every resource: where the object lives, when not the configured account. */
export const accountIdField = () => z.string().regex(/^[0-9a-f]{32}$/, "must be a 32-character hexadecimal Cloudflare account id");

/** The user's inputs without our internal keys (and without null or absent values). */
export function userInputs(props: Props): Props {
  return Object.fromEntries(Object.entries(withoutInternalKeys(props)).filter(([, v]) => v !== undefined && v !== null));
}

/**
 * The last touches on any state we hand the engine: our internal keys carried from `source` (but
 * the shim text, and those named in `omit`), server times in the spelling `previous` has for the
 * same instant (shared/times.ts), and no null or absent values (plain JSON for the engine).
 */
export function finishState(outs: Props, source: Props, previous: Props, omit: string[] = []): Props {
  Object.assign(outs, internalKeysOf(source, ...omit));
  return clean(keepInstants(outs, previous));
}

/**
 * Builds the codec of a definition. `carried` names outputs its lifecycle keeps from the program
 * or the state (a settings singleton's restore point).
 */
export function buildCodec(def: ResourceDefinition, carried: readonly string[] = []): StateCodec {
  const facts = fieldFacts(def);
  const schema = def.inputs.extend({ accountId: accountIdField().optional() });
  const reverse = Object.fromEntries(Object.entries(facts.apiNames).map(([c, a]) => [a, c]));
  const apiKey = (k: string) => facts.apiNames[k] ?? camelToSnake(k);
  const camelKey = (k: string) => reverse[k] ?? snakeToCamel(k);
  const opaqueCamel = new Set(facts.opaqueMaps.camel);
  const opaqueApi = new Set(facts.opaqueMaps.api);
  const idKey = camelKey(def.api.idField ?? "id");
  const version = def.state?.version ?? 0;
  const ours = new Set([...facts.local, ...facts.path]);
  const camel = (apiObject: Props) => convertKeys(apiObject, camelKey, opaqueApi) as Props;
  const snake = (value: Props) => convertKeys(value, apiKey, opaqueCamel) as Props;
  const pick = (value: unknown) => pickDeclared(def.inputs, value);
  const inputPaths = (props: Props) =>
    Array.isArray(props[INPUT_PATHS]) ? (props[INPUT_PATHS] as string[]) : leafPaths(userInputs(props));
  const removedPaths = (olds: Props, inputs: Props) =>
    (Array.isArray(olds[INPUT_PATHS]) ? (olds[INPUT_PATHS] as string[]) : []).filter((p) => getPath(inputs, p) === undefined);

  const body = (inputs: Props, update?: { id: string; olds: Props }) => {
    const skip = new Set(["accountId", ...ours, ...(update ? facts.createOnly : [])]);
    const sent = snake(Object.fromEntries(Object.entries(inputs).filter(([k]) => !skip.has(k))));
    return def.toApi ? def.toApi(sent, inputs, update) : sent;
  };

  const outputs: StateCodec["outputs"] = (apiObject, { accountId, source, paths, previous = {} }) => {
    const converted = camel(apiObject);
    delete converted[idKey];
    const outs = settle(def.inputs, def.fromApi ? def.fromApi(converted) : converted, source) as Props;
    for (const k of [...facts.neverReadBack, ...carried]) outs[k] ??= source[k] ?? previous[k];
    for (const k of ours) if (source[k] !== undefined) outs[k] = source[k];
    outs.accountId = accountId;
    outs[INPUT_PATHS] = paths;
    if (version > 0) outs[STATE_VERSION_KEY] = version;
    return finishState(outs, source, previous, [INPUT_PATHS, STATE_VERSION_KEY]);
  };

  // The required top-level scalar inputs (ours aside): what twinKey is made of.
  const keyFields = Object.entries(def.inputs.shape as Record<string, z.ZodType>)
    .filter(
      ([k, f]) => !ours.has(k) && !f.safeParse(undefined).success && SCALARS.has((schemaLayers(f).at(-1)!.def as { type: string }).type),
    )
    .map(([k]) => k);

  const changedPaths: StateCodec["changedPaths"] = (olds, news) => {
    const now = userInputs(news);
    const before = Array.isArray(olds[INPUT_PATHS]) ? (olds[INPUT_PATHS] as string[]) : [];
    const changed: string[] = [];
    for (const p of new Set([...leafPaths(now), ...before])) {
      const n = getPath(now, p);
      if (containsUnknown(n) || crossesUnknown(now, p)) changed.push(p);
      else if (!same(fieldAt(schema, p), n, getPath(olds, p))) changed.push(p);
    }
    return changed;
  };

  return {
    schema,
    facts,
    version,
    apiKey,
    camelKey,
    camel,
    snake,
    pick,
    body,
    update(id, olds, inputs) {
      const live = pick(olds);
      const removed = removedPaths(olds, inputs);
      for (const p of removed) deletePath(live, p);
      const desired = mergeDeep(live, inputs);
      for (const p of removed) {
        const d = defaultOf(fieldAt(def.inputs, p));
        if (d !== undefined) setPath(desired, p, d);
      }
      return { body: body(desired, { id, olds }), removed };
    },
    outputs,
    listed: (apiObject, accountId) => userInputs(outputs(apiObject, { accountId, source: {}, paths: [] })),
    recordedInputs(outs, paths, props) {
      const inputs: Props = {};
      for (const p of paths) {
        const field = fieldAt(def.inputs, p);
        const v = project(field, getPath(outs, p) ?? defaultOf(field));
        if (v !== undefined) setPath(inputs, p, v);
      }
      Object.assign(inputs, internalKeysOf(props, INPUT_PATHS, STATE_VERSION_KEY));
      return inputs;
    },
    inputPaths,
    removedPaths,
    changedPaths,
    holdsExactly(apiObject, news, accountId) {
      const state = outputs(apiObject, { accountId, source: news, paths: [] });
      const given = new Set(leafPaths(userInputs(news)));
      const serverPicked = (p: string) =>
        p
          .split(".")
          .some((_, i, parts) => fieldMeta(fieldAt(schema, parts.slice(0, i + 1).join(".")) ?? z.never()).defaultDoc !== undefined);
      state[INPUT_PATHS] = leafPaths(pick(state)).filter((p) => given.has(p) || !serverPicked(p));
      return changedPaths(state, news).length === 0;
    },
    twinKey: (values) =>
      JSON.stringify(
        keyFields.map((k) => {
          const v = values[k];
          // `same` takes two spellings of one address, and two times less than a microsecond apart, as equal.
          return typeof v !== "string" ? v : instantOf(v) !== undefined ? "(a time)" : canonical(v);
        }),
      ),
    seal: (props) => withSecretsAt(props, facts.secrets),
  };
}

/** zod types of a scalar value. */
const SCALARS = new Set(["string", "number", "boolean", "enum", "literal"]);

/** Whether a field's meta, at a dotted path of the inputs, says `keptWhenOmitted`. */
export function keptWhenOmitted(schema: z.ZodType, path: string): boolean {
  const field = fieldAt(schema, path);
  return field !== undefined && fieldMeta(field).keptWhenOmitted === true;
}

/** The parts of a value that the schema declares (objects walked; lists and scalars kept whole). */
function pickDeclared(schema: z.ZodType, value: unknown): Props {
  const shape = objectShape(schema);
  if (!shape || !isPlainObject(value)) return {};
  const out: Props = {};
  for (const [k, sub] of Object.entries(shape)) {
    const v = value[k];
    if (v === undefined) continue;
    out[k] = objectShape(sub) && isPlainObject(v) ? pickDeclared(sub, v) : v;
  }
  return out;
}

function objectShape(schema: z.ZodType): Record<string, z.ZodType> | undefined {
  if (schema instanceof z.ZodOptional || schema instanceof z.ZodNullable) return objectShape(schema.unwrap() as z.ZodType);
  if (schema instanceof z.ZodObject) return schema.shape;
  return undefined;
}

/** Deletes a leaf and every parent object the deletion leaves empty (`bgp: {}` is not "no bgp"). */
function deletePath(target: Props, dotted: string): void {
  const parts = dotted.split(".");
  for (let depth = parts.length; depth > 0; depth--) {
    const holder = depth === 1 ? target : getPath(target, parts.slice(0, depth - 1).join("."));
    if (!isPlainObject(holder)) return;
    const key = parts[depth - 1];
    if (depth < parts.length && !(isPlainObject(holder[key]) && Object.keys(holder[key]).length === 0)) return;
    delete holder[key];
  }
}

/** `over` wins; objects merge key by key, lists and scalars replace. */
function mergeDeep(base: Props, over: Props): Props {
  const out: Props = { ...base };
  for (const [k, v] of Object.entries(over)) out[k] = isPlainObject(v) && isPlainObject(base[k]) ? mergeDeep(base[k], v) : v;
  return out;
}

function crossesUnknown(v: Props, path: string): boolean {
  const parts = path.split(".");
  for (let i = 1; i < parts.length; i++) if (containsUnknown(getPath(v, parts.slice(0, i).join(".")))) return true;
  return false;
}
