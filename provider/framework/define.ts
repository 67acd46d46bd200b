import type { z } from "zod";
import type { Envelope } from "../client";

/** Where an operation happens: the account and the object's current properties (inputs or outputs). */
export interface PathContext {
  accountId: string;
  props: Record<string, unknown>;
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
  /** camelCase inputs mirroring the API's snake_case body (the framework adds `accountId`). */
  inputs: z.ZodObject;
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
    /** Per-verb wrapper keys inside `result`, as the spec shows them. Absent = the result itself. */
    wrappers: { list?: string; get?: string; create?: string; update?: string; delete?: string };
    /** How in-place updates are sent. Absent means the API cannot update: every change replaces. */
    update?: "PUT" | "PATCH";
    /** How to read one object: its own GET, or the list filtered by id (APIs without a single GET). */
    read?: "item" | "list";
    /** Permission a token needs, named in 401/403 errors. */
    permission: string;
  };
  /** Top-level inputs the API cannot change in place. */
  replaceOn?: string[];
  /** Inputs sent on create only (absent from the update body in the spec); changing them replaces. */
  createOnly?: string[];
  /** Inputs that are ours, never sent to the API (triggers, wait options). */
  localInputs?: string[];
  /** Dotted snake_case paths of API maps whose keys are user data (kept verbatim). */
  opaqueMaps?: string[];
  /**
   * Finds the object a create with an unknown outcome may have made (e.g. by its unique name), so
   * a lost response never leads to a second object. Without it, such a create fails and says so.
   */
  identity?: (apiObject: Record<string, unknown>, inputs: Record<string, unknown>) => boolean;
  /** Last touches on the snake_case body after generic conversion. */
  toApi?: (body: Record<string, unknown>, inputs: Record<string, unknown>) => Record<string, unknown>;
  /** Last touches on camelCase outputs after generic conversion. */
  fromApi?: (outputs: Record<string, unknown>) => Record<string, unknown>;
}

/** Records a definition. Kept as a function so every definition goes through one typed door. */
export function defineResource<D extends ResourceDefinition>(definition: D): D {
  return definition;
}
