import type { z } from "zod";
import type { CloudflareClient, Envelope, RequestSpec } from "../client";
import type { CodegenFacts } from "./codegen";
import { fieldFacts } from "./vocabulary";

export { fieldMeta, schemaLayers, secretFields, type JsonValue } from "./vocabulary";

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

/** A predicate over an API object (snake_case, as the API answers) and the program's inputs (camelCase). */
export type ObjectMatch = (apiObject: Props, inputs: Props) => boolean;

/**
 * An object the program makes and deletes (a tunnel, a site, a LAN): create POSTs it, delete
 * DELETEs it. The settings below exist only for such objects.
 */
export interface ObjectLifecycle {
  kind: "object";
  /**
   * Finds the object a create with an unknown outcome may have made (by its unique name, or by
   * everything the program says about it), so a lost response never leads to a second object.
   * Without it, such a create looks at what appeared meanwhile, and fails when it cannot tell.
   */
  isSameObject?: ObjectMatch;
  /**
   * What makes an existing object the one a create would clash with when it is not the same object
   * (a WAN or LAN on the same port and VLAN of the site, an interconnect on a slot). With
   * `isSameObject`, used to name the existing object when a create is refused as a duplicate, and
   * to delete first when a replacement would sit where the old object sits.
   */
  naturalKey?: ObjectMatch;
  /**
   * Cloudflare takes a second object equal to this one: nothing about it is unique (no `unique`
   * field, no natural key), so a create sent again after an interrupted apply would make a silent
   * twin (a site, an app). With this, a create first looks in the account for an object
   * holding exactly what the program declares (every input, absent meaning default) that this run
   * has not met as one of the program's own, and adopts it (`adoptExisting`) or fails naming it.
   */
  duplicatesAccepted?: true;
  /** Picks the new object when the create endpoint answers with a list. */
  pickCreated?: (created: Props[], inputs: Props) => Props | undefined;
  /**
   * Steps after the object exists (generate a PSK, wait for a status). Returns outputs to add. If
   * it throws, the object is still recorded in state (as an initialization failure), so it is
   * never orphaned; without an update endpoint, the next update runs it again.
   */
  afterCreate?: (op: Operation, id: string, outputs: Props, inputs: Props) => Promise<Props>;
  /** Replaces the DELETE call (a packet capture is stopped, not deleted). A 404 still counts as gone. */
  remove?: (op: Operation, id: string, props: Props) => Promise<void>;
}

/**
 * An object Cloudflare makes, not us (cf_interconnects): create reads the object whose id is the
 * input `idInput` (a `path` field: the id is in the item path) and applies the inputs with an
 * update; delete leaves it in place. Needs the API's update.
 */
export interface AdoptedLifecycle {
  kind: "adopted";
  idInput: string;
}

/**
 * An account's one settings object (CNI settings): its id is the account id; create records the
 * values it finds (the output `restoreOnDelete`) and puts the desired ones; delete puts the recorded
 * values back. Needs the API's update.
 */
export interface SingletonLifecycle {
  kind: "singleton";
}

/**
 * How the state of an older version becomes the current one (the idea of the Terraform provider's
 * `migrations.go`). The framework records `version` in every state it writes (`__stateVersion`,
 * absent = 0: written before versions, by release 0.2.0 or earlier) and, before it reads any
 * state (diff, update, refresh, delete, the audit), runs `upgrades[v]` for each version `v` from
 * the state's up to `version - 1`. Each upgrade is pure: the outputs of version `v` in, those of
 * `v + 1` out. Only state goes through them, never an import's program inputs.
 */
export interface StateVersions {
  version: number;
  upgrades: Record<number, (state: Props) => Props>;
}

/** The API endpoints and envelope of one object. */
export interface ApiSpec {
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
  /**
   * The API updates the object in place with a PUT of the whole object (every definition's API
   * does; a PATCH could not clear a removed field). Absent: the API cannot update, every change
   * to a field it holds replaces the object.
   */
  update?: "PUT";
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
   * `dependsOnRun`: API fields whose refusal may be about an object the same run makes first (an
   * address that must lie inside an object made earlier in the run, which a preview has not made):
   * refusals there are not reported at preview; the apply is where they count.
   */
  validateOnly?: boolean | { dependsOnRun: string[] };
  /**
   * The object's other endpoints by name (its status, its telemetry), below its item path or
   * beside its collection: the sdk's lookups reach them through the facade (`pathOf`), the
   * definition's own steps directly.
   */
  endpoints?: Record<string, (ctx: PathContext, id?: string) => string>;
}

/** What every kind of definition says. */
interface DefinitionBase {
  /** Sdk type token `<module>:<Type>`, e.g. "magic:GreTunnel"; the shim dispatches on it. */
  token: string;
  /** Human name used in messages, e.g. "GreTunnel". */
  kind: string;
  /**
   * camelCase inputs mirroring the API's snake_case body (the framework adds `accountId`). Each
   * field carries its doc and every fact about it in `.meta()` (framework/vocabulary.ts): the
   * source of the wire format, diff, read and the sdk's generated types.
   */
  inputs: z.ZodObject;
  /**
   * Outputs that are not inputs (`createdOn`, `bgpStatus`), and inputs whose output differs from
   * the input (filled-in defaults): for the generated sdk output declarations and lookup types.
   */
  outputs?: z.ZodObject;
  /** Object-level rules across fields; return failures as [property, predicate phrase]. */
  rules?: (inputs: Props) => Array<[property: string, phrase: string]>;
  api: ApiSpec;
  /**
   * Last touches on the snake_case body after generic conversion. `update` is given for an
   * in-place update: the object's id and its previous outputs (for APIs whose PUT wants the whole
   * object, computed fields included).
   */
  toApi?: (body: Props, inputs: Props, update?: { id: string; olds: Props }) => Props;
  /** Last touches on camelCase outputs after generic conversion. */
  fromApi?: (outputs: Props) => Props;
  /** Steps after an update (rotate a PSK); the contract of `afterCreate`. */
  afterUpdate?: (op: Operation, id: string, outputs: Props, olds: Props, news: Props) => Promise<Props>;
  /** The state version and how older state becomes it; absent: version 0, never upgraded. */
  state?: StateVersions;
  /**
   * What the object's other endpoints answer (a connector's telemetry snapshots), each a named
   * object schema (`.meta({ state: "ConnectorSnapshot" })`), camelCase as the lookups return it:
   * `npm run generate` writes each as an sdk type (`sdk/<module>/generated/<type>-answers.ts`).
   */
  answers?: z.ZodType[];
  /** What codegen needs beyond the fields: the type's words and quirks. Types without it are never generated. */
  codegen?: CodegenFacts;
}

/** An object the program makes and deletes. */
export type ObjectDefinition = DefinitionBase & { lifecycle: ObjectLifecycle };
/** An object Cloudflare made, which the resource adopts: it needs the API's update. */
export type AdoptedDefinition = DefinitionBase & { lifecycle: AdoptedLifecycle; api: ApiSpec & { update: "PUT" } };
/** An account's settings object: it needs the API's update. */
export type SingletonDefinition = DefinitionBase & { lifecycle: SingletonLifecycle; api: ApiSpec & { update: "PUT" } };

/**
 * An API object described as data; its `lifecycle` says how it comes and goes, and TypeScript
 * refuses a setting its kind cannot use (an `isSameObject` on a singleton, an `afterCreate` on an
 * adopted object, an adopted object or singleton without the API's update).
 */
export type ResourceDefinition = ObjectDefinition | AdoptedDefinition | SingletonDefinition;

/**
 * Records a definition. Every definition goes through this one typed door, which refuses a field
 * vocabulary key where it means nothing, an adopted object whose id input is not a path field, and
 * a state version without the upgrade from each version below it.
 */
export function defineResource(definition: ObjectDefinition): ObjectDefinition;
export function defineResource(definition: AdoptedDefinition): AdoptedDefinition;
export function defineResource(definition: SingletonDefinition): SingletonDefinition;
export function defineResource(definition: ResourceDefinition): ResourceDefinition {
  const facts = fieldFacts(definition);
  const { lifecycle, state } = definition;
  if (lifecycle.kind === "adopted" && !facts.path.includes(lifecycle.idInput))
    throw new Error(
      `${definition.token}: the adopted object's id input ${lifecycle.idInput} must be a \`path\` field (its id is in the item path)`,
    );
  if (lifecycle.kind === "object" && lifecycle.duplicatesAccepted && (facts.unique.length > 0 || lifecycle.naturalKey))
    throw new Error(
      `${definition.token}: \`duplicatesAccepted\` contradicts ${facts.unique.length ? `the unique field ${facts.unique[0]}` : "its naturalKey"}: Cloudflare refuses a second one`,
    );
  for (let v = 0; v < (state?.version ?? 0); v++)
    if (typeof state?.upgrades[v] !== "function")
      throw new Error(`${definition.token}: state version ${state?.version} has no upgrade from version ${v}`);
  return definition;
}
