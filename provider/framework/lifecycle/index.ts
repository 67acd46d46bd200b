import type { ResourceDefinition } from "../define";
import { adoptedLifecycle } from "./adopted";
import type { Lifecycle } from "./lifecycle";
import { objectLifecycle } from "./object";
import { singletonLifecycle } from "./singleton";

export type { Call, Lifecycle } from "./lifecycle";

/** The lifecycle of a definition, by its kind. */
export function lifecycleOf(def: ResourceDefinition): Lifecycle {
  switch (def.lifecycle.kind) {
    case "object":
      return objectLifecycle(def.lifecycle);
    case "adopted":
      return adoptedLifecycle(def.lifecycle);
    case "singleton":
      return singletonLifecycle;
  }
}
