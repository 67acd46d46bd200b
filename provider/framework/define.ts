import { z } from "zod";
import type { CloudflareClient, Envelope, RequestSpec } from "../client";

/**
 * What a field says about itself, beside its rules: `npm run generate` writes the sdk (Args with
 * JSDoc, output declarations, secret outputs, lookup types) from it, and `defineResource` turns the
 * flags into the definition's lists. Set with `.meta({...})` as the last call on a field.
 */
declare module "zod" {
  interface GlobalMeta {
    /** The doc sentence(s) of the field (the JSDoc of the sdk argument and output). */
    description?: string;
    /** What the API uses when the field is left out (the JSDoc `@default`); implies the output is always set. */
    default?: string;
    /**
     * Kept as a secret in state (a PSK, an MD5 key), at any depth: on a field of a nested object
     * (`bgp.md5Key`) only that field is secret, so the rest of the object stays visible in diffs.
     * Not inside lists or maps (a secret there would hide the whole list).
     */
    secret?: boolean;
    /** Changing it replaces the object (the API cannot change it in place). */
    replaces?: boolean;
    /** Sent on create only (absent from the update body); changing it replaces the object. */
    createOnly?: boolean;
    /** Ours, never sent to Cloudflare (a trigger, a wait option; as an output, a value we record): not in lookups either. */
    local?: boolean;
    /** Whether lookups (the API's lists) show it; default: yes, unless `local`. The API never shows a PSK. */
    listed?: boolean;
    /** Whether the output is always set (default: when the input is required or has a `default`). */
    alwaysSet?: boolean;
    /**
     * Whether a lookup result always has it (default: as `alwaysSet`): for a field the API always
     * reports that an output may still lack (state written before the field was read back).
     */
    alwaysListed?: boolean;
    /** Reported by lookups, but not an output of the resource (the API field the resource takes as its id). */
    lookupOnly?: boolean;
    /** Named sdk type of this object as an argument (e.g. "HealthCheckArgs"); inline when absent. */
    args?: string;
    /** Named sdk type of this object as an output (e.g. "HealthCheckState"); inline when absent. */
    state?: string;
    /** Named sdk type alias of this enum (e.g. "AclProtocol"); inline when absent. */
    name?: string;
    /** The TypeScript type to write when the schema cannot say it (custom schemas). */
    tsType?: string;
  }
}

/** Where an operation happens: the account and the object's current properties (inputs or outputs). */
export interface PathContext {
  accountId: string;
  props: Record<string, unknown>;
}

type Props = Record<string, unknown>;

/** What a definition's hooks get: the client, where the object lives, and a request helper. */
export interface Operation {
  api: CloudflareClient;
  ctx: PathContext;
  label: string;
  /** Sends a request with this object's envelope, headers, label and permission. */
  request<T = unknown>(spec: Omit<RequestSpec<T>, "envelope" | "headers" | "label" | "permission">): Promise<T>;
}

/**
 * One API object, described as data. The generic provider (provider.ts) turns it into
 * check/diff/create/read/update/delete; a definition file should read like a table.
 */
export interface ResourceDefinition {
  /** Sdk type token `<module>:<Type>`, e.g. "magic:GreTunnel"; the shim dispatches on it. */
  token: string;
  /** Human name used in messages, e.g. "GreTunnel". */
  kind: string;
  /**
   * camelCase inputs mirroring the API's snake_case body (the framework adds `accountId`). Each
   * field carries its doc and flags in `.meta()`: the source of the sdk's generated types.
   */
  inputs: z.ZodObject;
  /**
   * Outputs that are not inputs (`createdOn`, `bgpStatus`), and inputs whose output differs from
   * the input (filled-in defaults): for the generated sdk output declarations and lookup types.
   */
  outputs?: z.ZodObject;
  /** Object-level rules across fields; return failures as [property, predicate phrase]. */
  rules?: (inputs: Record<string, unknown>) => Array<[property: string, phrase: string]>;
  api: {
    envelope: Envelope;
    /** The collection path (list, create). */
    collection: (ctx: PathContext) => string;
    /** The item path (get, update, delete). */
    item: (ctx: PathContext, id: string) => string;
    /** Extra headers on every request for this object. */
    headers?: Record<string, string>;
    /** Extra headers on the single-object GET only (sites: the official SDK sends `x-magic-new-hc-target` there). */
    getHeaders?: Record<string, string>;
    /** Per-verb wrapper keys inside `result`, as the spec shows them. Absent = the result itself. */
    wrappers: { list?: string; get?: string; create?: string; update?: string; delete?: string };
    /** How in-place updates are sent. Absent means the API cannot update: every change replaces. */
    update?: "PUT" | "PATCH";
    /** How to read one object: its own GET, or the list filtered by id (APIs without a single GET). */
    read?: "item" | "list";
    /** Permission a token needs, named in 401/403 errors. */
    permission: string;
    /** The API's id field when it is not `id` (apps: `account_app_id`). */
    idField?: string;
    /**
     * The collection takes a bulk `PUT` of `{<list wrapper>: [{id, ...}]}` whose answer wraps the
     * objects in this key: updates in flight together go out as one (framework/coalesce.ts).
     */
    bulkUpdate?: { wrapper: string };
    /**
     * The endpoints accept `?validate_only=true` (used by `cloudflare-magic:validateOnPreview`).
     * `dependsOnRun`: API fields whose refusal may be about an object the same run makes first (a
     * route's nexthop needs its tunnel, which a preview has not made): refusals there are not
     * reported at preview; the apply, which makes the tunnel first, is where they count.
     */
    validateOnly?: boolean | { dependsOnRun: string[] };
  };
  /**
   * For objects Cloudflare makes, not us (cf_interconnects): create reads the object whose id is
   * the input `idInput` and applies the inputs with an update; delete leaves it in place.
   */
  adopt?: { idInput: string };
  /**
   * For an account's one settings object (CNI settings): its id is the account id; create reads
   * the current values (kept as the output `restoreOnDelete`) and puts the desired ones; delete
   * puts the recorded values back.
   */
  singleton?: boolean;
  /** Replaces the DELETE call (a packet capture is stopped, not deleted). A 404 still counts as gone. */
  remove?: (op: Operation, id: string, props: Props) => Promise<void>;
  /** Top-level inputs the API cannot change in place. */
  replaceOn?: string[];
  /** Inputs sent on create only (absent from the update body in the spec); changing them replaces. */
  createOnly?: string[];
  /** Inputs that are ours, never sent to the API (triggers, wait options). */
  localInputs?: string[];
  /** Dotted snake_case paths of API maps whose keys are user data (kept verbatim). */
  opaqueMaps?: string[];
  /** camelCase -> snake_case names where the mechanical conversion is wrong (`lan1` -> `lan_1`). */
  keyAliases?: Record<string, string>;
  /**
   * Outputs the API never returns (a PSK, a license key): taken from the API answer when present,
   * else from the inputs, else kept from the previous state, so a read never loses them.
   */
  neverReadBack?: string[];
  /** Picks the new object when the create endpoint answers with a list. */
  pickCreated?: (created: Props[], inputs: Props) => Props | undefined;
  /**
   * Steps after the object exists (generate a PSK). Returns outputs to add. If it throws, the
   * object is still recorded in state (as an initialization failure), so it is never orphaned.
   */
  afterCreate?: (op: Operation, id: string, outputs: Props, inputs: Props) => Promise<Props>;
  /** Steps after an update (rotate a PSK); same contract as afterCreate. */
  afterUpdate?: (op: Operation, id: string, outputs: Props, olds: Props, news: Props) => Promise<Props>;
  /**
   * Finds the object a create with an unknown outcome may have made (e.g. by its unique name), so
   * a lost response never leads to a second object. Without it, such a create fails and says so.
   * A predicate: is this API object the one these inputs describe?
   */
  isSameObject?: (apiObject: Record<string, unknown>, inputs: Record<string, unknown>) => boolean;
  /**
   * What makes an existing object the one a create would clash with when it is not the same name
   * (a WAN or LAN on the same port and VLAN of the site). With `isSameObject`, used to name the
   * existing object when a create is refused as a duplicate.
   */
  naturalKey?: (apiObject: Record<string, unknown>, inputs: Record<string, unknown>) => boolean;
  /**
   * Outputs a step after create makes (an IPsec PSK) and an adopted object lacks: while one is
   * missing from the state (and not given as an input), diff reports a change, so the update runs
   * `afterUpdate`, which makes it.
   */
  madeAfterCreate?: string[];
  /**
   * Last touches on the snake_case body after generic conversion. `update` is given for an
   * in-place update: the object's id and its previous outputs (for APIs whose PUT wants the whole
   * object, computed fields included).
   */
  toApi?: (
    body: Record<string, unknown>,
    inputs: Record<string, unknown>,
    update?: { id: string; olds: Record<string, unknown> },
  ) => Record<string, unknown>;
  /** Last touches on camelCase outputs after generic conversion. */
  fromApi?: (outputs: Record<string, unknown>) => Record<string, unknown>;
}

/** zod schema types that only wrap another schema (`.optional()`, `.default()`, ...). */
const WRAPPERS = new Set(["optional", "default", "nullable", "readonly", "prefault", "nonoptional", "catch"]);

/** The schemas a field is made of, outermost first, through every wrapper; the last is the field's own type. */
export function schemaLayers(schema: z.ZodType): z.ZodType[] {
  const layers: z.ZodType[] = [];
  for (let s: z.ZodType | undefined = schema; s;) {
    layers.push(s);
    const def = s.def as { type: string; innerType?: z.ZodType };
    s = WRAPPERS.has(def.type) ? def.innerType : undefined;
  }
  return layers;
}

/** The metadata of a field: its own `.meta()`, then that of the schemas it wraps (outer wins). */
export function fieldMeta(schema: z.ZodType): z.GlobalMeta {
  const layers = schemaLayers(schema).map((s) => z.globalRegistry.get(s) ?? {});
  return Object.assign({}, ...layers.reverse()) as z.GlobalMeta;
}

/** The object schema a field holds (through its wrappers), if it holds one. */
function objectOf(schema: z.ZodType): z.ZodObject | undefined {
  const layers = schemaLayers(schema);
  const inner = layers[layers.length - 1];
  return inner instanceof z.ZodObject ? inner : undefined;
}

/**
 * Dotted paths of the fields of `schema` whose meta says `secret`, at any depth of nested objects
 * (a secret field's own fields are not listed: the whole value is secret). A `secret` inside a
 * list or a map throws: the engine could only keep the whole list secret.
 */
function secretPaths(schema: z.ZodObject | undefined, prefix = ""): string[] {
  const out: string[] = [];
  for (const [k, field] of Object.entries(schema?.shape ?? {}) as Array<[string, z.ZodType]>) {
    const at = prefix ? `${prefix}.${k}` : k;
    if (fieldMeta(field).secret) out.push(at);
    else if (objectOf(field)) out.push(...secretPaths(objectOf(field), at));
    else if (anySecret(field)) throw new Error(`${at}: a field inside a list or a map cannot be secret on its own; mark ${at} secret`);
  }
  return out;
}

/**
 * Every field of a definition kept as a secret, inputs and outputs, as dotted paths (`psk`,
 * `bgp.md5Key`), from the fields' `secret` meta: what the sdk marks secret (generated `SECRETS`)
 * and what the provider marks secret in its answers.
 */
export function secretFields(def: Pick<ResourceDefinition, "inputs" | "outputs">): string[] {
  return [...new Set([...secretPaths(def.inputs), ...secretPaths(def.outputs)])];
}

/** Whether `schema` or anything inside it (objects, list elements, map values) is marked secret. */
function anySecret(schema: z.ZodType): boolean {
  if (fieldMeta(schema).secret) return true;
  const layers = schemaLayers(schema);
  const inner = layers[layers.length - 1];
  const def = inner.def as { type: string; element?: z.ZodType; valueType?: z.ZodType };
  if (inner instanceof z.ZodObject) return Object.values(inner.shape).some(anySecret);
  const inside = def.type === "array" ? def.element : def.type === "record" ? def.valueType : undefined;
  return inside !== undefined && anySecret(inside);
}

/** Input names whose field meta sets `flag`. */
function flagged(inputs: z.ZodObject, flag: "replaces" | "createOnly" | "local"): string[] {
  return Object.entries(inputs.shape)
    .filter(([, schema]) => fieldMeta(schema as z.ZodType)[flag])
    .map(([k]) => k);
}

/**
 * Records a definition. Every definition goes through this one typed door, which adds the fields
 * whose meta says `replaces`, `createOnly` or `local` to `replaceOn`, `createOnly` and `localInputs`.
 */
export function defineResource<D extends ResourceDefinition>(definition: D): D {
  const merge = (given: string[] | undefined, flag: "replaces" | "createOnly" | "local") => {
    const all = [...new Set([...(given ?? []), ...flagged(definition.inputs, flag)])];
    return all.length ? all : undefined;
  };
  secretFields(definition); // a misplaced `secret` fails when the definition loads
  return {
    ...definition,
    replaceOn: merge(definition.replaceOn, "replaces"),
    createOnly: merge(definition.createOnly, "createOnly"),
    localInputs: merge(definition.localInputs, "local"),
  };
}
