/**
 * pulumi-cloudflare-magic: Cloudflare Magic Transit, Magic WAN and Network Interconnect as code.
 *
 * Resources are grouped as `magic.*` (Magic Transit / WAN) and `cni.*` (Network Interconnects) and
 * also exported at the top level, so `import * as magic from "pulumi-cloudflare-magic"` reads well.
 */
import * as cni from "./cni";
import * as magic from "./magic";
export { cni, magic };
export * from "./magic";
export * from "./cni";
export * from "./components";
export type { AccountArgs } from "./resource";
export * from "./lookups";
