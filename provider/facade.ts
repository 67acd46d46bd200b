/**
 * The one door from the program side (sdk lookups and warnings, codegen) into the provider: the
 * settings (stack config and credentials), the API client module, the permission names and the
 * generic provider of a type token. Nothing under `sdk/` imports any other file under `provider/` (a test checks).
 */
import type { DefinedProvider } from "./framework/provider";

export * as settings from "./framework/settings";
export * as api from "./client";
export * as permissions from "./permissions";

/** The generic provider of a definition-based token (list/get as outputs); its module loads on first use. */
export function definedProvider(token: string): DefinedProvider {
  return (require("./registry") as typeof import("./registry")).definedProvider(token);
}

/**
 * One of a type's API paths as its definition declares it: its `collection`, one object's `item`,
 * or another endpoint it names (`status`, `telemetry`). For lookups that read what list and get do not.
 */
export function pathOf(token: string, endpoint: string, accountId: string, id?: string): string {
  const { api } = definedProvider(token).def;
  const ctx = { accountId, props: {} };
  if (endpoint === "collection") return api.collection(ctx);
  if (endpoint === "item") return api.item(ctx, String(id));
  const path = api.endpoints?.[endpoint];
  if (!path) throw new Error(`${token} declares no endpoint ${JSON.stringify(endpoint)}`);
  return path(ctx, id);
}

/** A route's identity (prefix, nexthop, scope) as RouteTable compares its entries; its module loads on first use. */
export function routeKey(r: { prefix: string; nexthop: string; scope?: { coloNames?: string[]; coloRegions?: string[] } }): string {
  return (require("./resources/magic/routes/route") as typeof import("./resources/magic/routes/route")).routeKey(r);
}
