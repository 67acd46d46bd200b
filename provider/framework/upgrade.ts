import type { ResourceDefinition } from "./define";
import { INPUT_PATHS_KEY, STATE_VERSION_KEY } from "../../shared/internal-keys";

type Props = Record<string, unknown>;

/** The state version `props` records: absent is 0 (written before versions, by release 0.2.0 or earlier). */
export function stateVersionOf(props: Props): number {
  const v = props[STATE_VERSION_KEY];
  return typeof v === "number" && Number.isInteger(v) && v >= 0 ? v : 0;
}

/**
 * `props` as the current state version has it: each upgrade the definition declares, from the
 * version the state records up to the current one (define.ts, `StateVersions`). Only state goes
 * through them (it records the input leaves the program set, `__inputPaths`): an import's program
 * inputs, which record none, are not state. State written by a newer release fails, saying so:
 * this release cannot know what it means.
 */
export function upgradeState(def: ResourceDefinition, props: Props): Props {
  if (!Array.isArray(props[INPUT_PATHS_KEY])) return props;
  const current = def.state?.version ?? 0;
  const found = stateVersionOf(props);
  if (found > current) {
    throw new Error(
      `${def.kind}: this state was written by a newer release of pulumi-cloudflare-magic (state version ${found}; this release reads up to ${current}). Install that release or a later one.`,
    );
  }
  let state = props;
  for (let v = found; v < current; v++) state = def.state!.upgrades[v](structuredClone(state));
  return found === current ? props : { ...state, [STATE_VERSION_KEY]: current };
}
