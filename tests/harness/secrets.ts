/**
 * How the engine keeps track of secrets in a resource's state, for the program driver (program.ts)
 * to imitate. Values are "trees": plain JSON with the engine's secret wrapper (host.ts `secret`)
 * wherever a value is secret, nested or not. Read from pulumi/pulumi:
 *
 * - `annotateSecrets(outs, ins)` (pkg/resource/plugin/provider_plugin.go): for a provider that
 *   answered Configure with acceptSecrets=false, as the Node dynamic-provider host does, the
 *   engine sends plaintext and afterwards copies the secrecy of its request onto the answer, key
 *   by key: where both sides are objects it recurses, otherwise an answer value whose request
 *   value contains a secret becomes secret as a whole (so a secret inside a list hides the list).
 *   Check's inputs get it from the program's inputs, Create's outputs from the checked inputs,
 *   Update's from the new inputs, Read's outputs and inputs from the old ones.
 * - Answers themselves are read with `KeepSecrets: true`: what a provider marks stays secret.
 * - The step executor (pkg/resource/deploy/step_executor.go) then makes top-level outputs secret
 *   as a whole: those named in additionalSecretOutputs, and those whose input of the same key is a
 *   secret as a whole.
 * - The CLI shows a secret as `[secret]` in diffs (pkg/backend/display/object_diff.go).
 */
import { type Props, isSecret, secret } from "./host";

export type Tree = Props;

const isObject = (v: unknown): v is Props => typeof v === "object" && v !== null && !Array.isArray(v) && !isSecret(v);

function containsSecrets(v: unknown): boolean {
  if (isSecret(v)) return true;
  if (typeof v !== "object" || v === null) return false;
  return Object.values(v).some(containsSecrets);
}

/**
 * A deep copy. Not `structuredClone`: under jest it makes arrays of another realm, which the
 * Pulumi SDK's serializer (`instanceof Array`) takes for objects.
 */
export function copy<T>(v: T): T {
  if (Array.isArray(v)) return v.map(copy) as T;
  if (typeof v === "object" && v !== null) return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, copy(x)])) as T;
  return v;
}

/** `plain` with the values at the dotted `paths` wrapped as secrets (a path through a non-object stops there). */
export function wrapAt(plain: Props, paths: readonly string[]): Tree {
  const wrap = (v: unknown, parts: string[]): unknown => {
    if (v === undefined) return v;
    if (parts.length === 0) return isSecret(v) ? v : secret(v);
    if (!isObject(v) || !(parts[0] in v)) return v;
    return { ...v, [parts[0]]: wrap(v[parts[0]], parts.slice(1)) };
  };
  return paths.reduce<Tree>((t, p) => wrap(t, p === "" ? [] : p.split(".")) as Tree, copy(plain));
}

/** Dotted paths of the secret values of a tree (not looking inside them). */
export function pathsOf(tree: unknown, at = ""): string[] {
  if (isSecret(tree)) return [at];
  if (typeof tree !== "object" || tree === null) return [];
  return Object.entries(tree).flatMap(([k, x]) => pathsOf(x, at ? `${at}.${k}` : k));
}

/** The engine's annotateSecrets: copies the secrecy of `ins` onto `outs` (in place). */
export function annotateSecrets(outs: Tree, ins: Tree | undefined): void {
  if (!ins) return;
  for (const [key, inValue] of Object.entries(ins)) {
    if (!(key in outs)) continue;
    const outValue = outs[key];
    if (isObject(outValue) && isObject(inValue)) annotateSecrets(outValue, inValue);
    else if (!isSecret(outValue) && containsSecrets(inValue)) outs[key] = secret(outValue);
  }
}

/** The step executor's rules for a new state's outputs (in place). */
export function executorRules(outputs: Tree, inputs: Tree, additionalSecretOutputs: readonly string[]): void {
  for (const k of additionalSecretOutputs) if (k !== "id" && k in outputs && !isSecret(outputs[k])) outputs[k] = secret(outputs[k]);
  for (const [k, out] of Object.entries(outputs)) if (!isSecret(out) && isSecret(inputs[k])) outputs[k] = secret(out);
}

/** One changed input as the CLI shows it: the dotted path, and old and new values with every secret as "[secret]". */
export interface PropertyDiff {
  path: string;
  old?: unknown;
  new?: unknown;
}

function shown(v: unknown): unknown {
  if (isSecret(v)) return "[secret]";
  if (Array.isArray(v)) return v.map(shown);
  if (isObject(v)) return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, shown(x)]));
  return v;
}

/** Deep equality of the plaintext (secret wrappers looked through, key order ignored). */
function plainEqual(a: unknown, b: unknown): boolean {
  if (isSecret(a)) return plainEqual(a.value, b);
  if (isSecret(b)) return plainEqual(a, b.value);
  if (a === b) return true;
  if (typeof a !== "object" || typeof b !== "object" || a === null || b === null || Array.isArray(a) !== Array.isArray(b)) return false;
  const keys = (v: object) => Object.keys(v).filter((k) => (v as Props)[k] !== undefined);
  const ka = keys(a);
  return ka.length === keys(b).length && ka.every((k) => plainEqual((a as Props)[k], (b as Props)[k]));
}

/**
 * The changed inputs of an update or replacement, as the CLI's diff shows them: objects are
 * walked key by key, anything else (a list, a scalar, a secret) is one entry, and a secret's value
 * is never shown. Internal `__` keys are left out, as the CLI leaves them out.
 */
export function displayDiff(olds: Tree, news: Tree, at = ""): PropertyDiff[] {
  const keys = [...new Set([...Object.keys(olds), ...Object.keys(news)])].filter((k) => at !== "" || !k.startsWith("__")).sort();
  const out: PropertyDiff[] = [];
  for (const k of keys) {
    const path = at ? `${at}.${k}` : k;
    const o = olds[k];
    const n = news[k];
    if (plainEqual(o, n)) continue;
    if (isObject(o) && isObject(n)) out.push(...displayDiff(o, n, path));
    else out.push({ path, ...(o === undefined ? {} : { old: shown(o) }), ...(n === undefined ? {} : { new: shown(n) }) });
  }
  return out;
}
