/**
 * Every emulated API object registers its routes here: one file per object, each exporting a
 * `register(router)` function. To add one, append a line `add(require("./<file>"));`.
 */
import type { Router } from "../router";

export const resources: Array<{ register(router: Router): void }> = [];
const add = (m: { register(router: Router): void }) => resources.push(m);

add(require("./gre-tunnels"));
add(require("./routes"));
add(require("./apps"));
add(require("./connectors"));
add(require("./ipsec-tunnels"));
add(require("./cf-interconnects"));
add(require("./site-acls"));
add(require("./site-app-configs"));
add(require("./sites"));
add(require("./site-wans"));
add(require("./site-lans"));
add(require("./pcaps"));
add(require("./cni"));
