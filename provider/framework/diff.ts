import type * as dynamic from "@pulumi/pulumi/dynamic";
import { type StateCodec, keptWhenOmitted, userInputs } from "./codec";
import { fieldAt, same } from "./equivalence";
import { containsUnknown, getPath } from "../../shared/values";

type Props = Record<string, unknown>;

/**
 * What an engine `diff` answers, from the field vocabulary: which input leaves changed, which of
 * them replace the object, whether a replacement must delete the old object first, and whether an
 * update must run although nothing changed (a missing `madeAfterCreate` output).
 *
 * - A change to a `replaces`, `createOnly` or `path` field, or to the account, replaces.
 * - Without an update endpoint (`updatable` false) every change to a field the API holds replaces;
 *   our `local` fields do not.
 * - A removed `keptWhenOmitted` field replaces: the API keeps it through an update.
 * - A replacement deletes first when it keeps a `unique` value (Cloudflare would refuse the new
 *   object while the old one holds it), or when the lifecycle says the new object would clash
 *   with the old one (`clashes`: the same object, or the same natural key, in the same collection).
 */
export function diffOf(codec: StateCodec, olds: Props, news: Props, updatable: boolean, clashes: () => boolean): dynamic.DiffResult {
  const changed = codec.changedPaths(olds, news);
  const inputs = userInputs(news);
  const replaceKeys = new Set([...codec.facts.replaces, "accountId"]);
  const ours = new Set(codec.facts.local);
  const top = (p: string) => p.split(".")[0];
  const replaces = [
    ...new Set(
      changed
        .filter(
          (p) =>
            replaceKeys.has(top(p)) ||
            (!updatable && !ours.has(top(p))) ||
            (getPath(inputs, p) === undefined && keptWhenOmitted(codec.schema, p)),
        )
        .map(top),
    ),
  ];
  const missing = codec.facts.madeAfterCreate.some((k) => olds[k] === undefined && news[k] === undefined);
  const deleteFirst = replaces.length > 0 && (keepsUnique(codec, olds, inputs) || clashes());
  return { changes: changed.length > 0 || missing, replaces, deleteBeforeReplace: deleteFirst || undefined };
}

/** Whether the program keeps a value of a `unique` field that the state holds (a value not known yet keeps nothing). */
function keepsUnique(codec: StateCodec, olds: Props, inputs: Props): boolean {
  return codec.facts.unique.some(
    (k) =>
      inputs[k] !== undefined && !containsUnknown(inputs[k]) && olds[k] !== undefined && same(fieldAt(codec.schema, k), inputs[k], olds[k]),
  );
}
