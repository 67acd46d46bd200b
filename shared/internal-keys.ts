/**
 * The names of the internal `__` keys that travel in a resource's inputs and state beside the
 * user's fields. The sdk writes them, the provider host reads them and keeps them out of requests
 * and diffs. They are part of the state earlier releases wrote: never rename one.
 */

/** The serialized shim (the text the host requires to load the provider). Never written to outputs by the generic provider. */
export const PROVIDER_KEY = "__provider";
/** The type token ("magic:GreTunnel") the host dispatches on. */
export const TOKEN_KEY = "__token";
/** The Pulumi resource name, used in messages. */
export const RESOURCE_NAME_KEY = "__resourceName";
/**
 * The resource's URN as the engine registers it (computed by the sdk from stack, project, parent
 * chain, type and name), so what the provider host says reaches the CLI on that resource's row.
 */
export const URN_KEY = "__urn";
/** Output that records which input leaves the user set, so removing one is a change. */
export const INPUT_PATHS_KEY = "__inputPaths";
/** Output that records the version of the state's shape (provider/framework/upgrade.ts); absent = 0. */
export const STATE_VERSION_KEY = "__stateVersion";

/** Whether a key is one of ours rather than a user field. */
function isInternalKey(key: string): boolean {
  return key.startsWith("__");
}

/** The user's fields of a props bag: every key that is not one of ours. */
export function withoutInternalKeys(props: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(props).filter(([k]) => !isInternalKey(k)));
}

/**
 * Our internal keys of a props bag, to carry into outputs or refreshed inputs: all but the shim
 * text (`__provider`, which the host keeps itself) and the keys named in `omit`.
 */
export function internalKeysOf(props: Record<string, unknown>, ...omit: string[]): Record<string, unknown> {
  return Object.fromEntries(Object.entries(props).filter(([k]) => isInternalKey(k) && k !== PROVIDER_KEY && !omit.includes(k)));
}
