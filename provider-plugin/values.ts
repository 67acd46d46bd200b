/**
 * Values between the engine's wire form and the core's: the engine sends a provider that accepts
 * secrets each secret wrapped (`{"4dabf18193072939515e22adb298388d": "1b47061264138c4ac30d75fd1eb44270",
 * "value": v}`) and each unknown of a preview as the string sentinel; the core works on plain
 * values (it knows the sentinel itself, shared/values.ts) and marks its own secret fields with the
 * same wrapper (codec.seal). A secret the program made of any other input stays a secret: the
 * plugin wraps the same paths of the answer again, since the engine re-marks nothing for a
 * provider that accepts secrets.
 */
import { PROVIDER_KEY } from "../shared/internal-keys";
import { isPlainObject, isSecretValue, revealed, withSecretsAt } from "../shared/values";

type Props = Record<string, unknown>;

/**
 * Plain values and the dotted paths at which the engine sent a secret. A secret inside a list marks
 * the whole list (a path stops at a list, as the core's secrets do).
 */
export function unwrap(props: Props): { plain: Props; secretPaths: string[] } {
  const secretPaths: string[] = [];
  const find = (v: unknown, at: string): void => {
    if (isSecretValue(v)) secretPaths.push(at);
    else if (Array.isArray(v)) {
      if (JSON.stringify(v) !== JSON.stringify(revealed(v))) secretPaths.push(at);
    } else if (isPlainObject(v)) for (const [k, x] of Object.entries(v)) find(x, at ? `${at}.${k}` : k);
  };
  for (const [k, v] of Object.entries(props)) find(v, k);
  return { plain: revealed(props), secretPaths };
}

/** `props` with the value at each dotted path in the engine's secret form (once; absent paths are skipped). */
export const wrapAt = (props: Props, paths: string[]): Props => withSecretsAt(props, paths);

/** The core's answer as the plugin returns it: without the internal keys named, and without `undefined`. */
export function forEngine(props: Props, drop: readonly string[]): Props {
  const kept = Object.fromEntries(Object.entries(props).filter(([k]) => k !== PROVIDER_KEY && !drop.includes(k)));
  return JSON.parse(JSON.stringify(kept)) as Props;
}
