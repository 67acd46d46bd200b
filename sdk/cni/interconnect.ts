import type * as pulumi from "@pulumi/pulumi";
import { type InterconnectArgs, InterconnectResource } from "./generated/interconnect";

export type { InterconnectArgs } from "./generated/interconnect";

/**
 * A Network Interconnect (CNI) port: a physical cross-connect in a Cloudflare facility slot, or a
 * GCP Partner Interconnect. Cloudflare names it; the resource `id` is that name (use it as a
 * CNI's `interconnect` and in `getInterconnectStatus`/`getInterconnectLoa`). Give either `slotId`
 * (+ `speed`) for a physical one, or `bandwidth` + `pairingKey` for a GCP Partner one; check
 * rejects anything else.
 *
 * The API cannot change an interconnect: any input change replaces it, and since the new one
 * would need the same slot or pairing key, the old one is deleted first (pass
 * `deleteBeforeReplace: false` to change that).
 *
 * @example
 * ```ts
 * import * as pulumi from "@pulumi/pulumi";
 * import * as magic from "pulumi-cloudflare-magic";
 *
 * // Pick the slot once (e.g. from `getSlots({ site: "ord01", speed: "10G", occupied: false })`) and
 * // keep it in config: choosing "the first free slot" on every run would move the port on the next
 * // run, since its own slot is then occupied.
 * const port = new magic.cni.Interconnect("ord-port", {
 *     type: "direct",
 *     slotId: new pulumi.Config().require("slotId"),
 *     waitForStatus: { status: "Pending", timeoutSeconds: 120 },
 * });
 * const gcp = new magic.cni.Interconnect("gcp-us-central1", {
 *     type: "gcp_partner",
 *     bandwidth: "1G",
 *     pairingKey: new pulumi.Config().requireSecret("gcpPairingKey"),
 * });
 * export const portName = port.id;
 * ```
 */
export class Interconnect extends InterconnectResource {
  constructor(name: string, args: InterconnectArgs, opts?: pulumi.CustomResourceOptions) {
    super(name, args, { deleteBeforeReplace: true, ...opts });
  }
}
