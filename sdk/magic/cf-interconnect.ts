import type * as pulumi from "@pulumi/pulumi";
import { type CfInterconnectArgs, CfInterconnectResource } from "./generated/cf-interconnect";

export type { CfInterconnectArgs } from "./generated/cf-interconnect";

/**
 * The settings of a Cloudflare interconnect (a CNI/PNI GRE tunnel). Cloudflare creates
 * interconnects; this resource adopts an existing one by id and manages the settings you give.
 *
 * Creating the resource reads the interconnect and applies your settings; it fails with a clear
 * message when no interconnect has that id. Destroying the resource (or removing a setting)
 * restores nothing: the interconnect stays in place with its last settings, only no longer
 * managed by this stack.
 *
 * @example
 * ```ts
 * import * as magic from "pulumi-cloudflare-magic";
 *
 * const ord = new magic.CfInterconnect("pni-ord", {
 *     interconnectId: "c4a7362d577a6c3019a474fd6f485821",
 *     description: "PNI to ORD",
 *     mtu: 1476,
 *     healthCheck: { enabled: true, rate: "high" },
 * });
 * export const colo = ord.coloName;
 * ```
 */
export class CfInterconnect extends CfInterconnectResource {
  constructor(name: string, args: CfInterconnectArgs, opts?: pulumi.CustomResourceOptions) {
    super(name, args, opts);
  }
}
