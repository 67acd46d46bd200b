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
