/**
 * Every emulated API object registers its routes here: one file per object, each exporting a
 * `register(router)` function. Add new files to this list.
 */
import type { Router } from "../router";
import * as greTunnels from "./gre-tunnels";

export const resources: ReadonlyArray<{ register(router: Router): void }> = [greTunnels];
