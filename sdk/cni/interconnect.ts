import * as pulumi from "@pulumi/pulumi";
import { AccountArgs, MagicResource } from "../resource";

/** Bandwidth of a GCP Partner interconnect, as the API lists it. */
export type InterconnectBandwidth = "50M" | "100M" | "200M" | "300M" | "400M" | "500M" | "1G" | "2G" | "5G" | "10G" | "20G" | "50G";

/** What the provider waits for after creating an interconnect. */
export interface InterconnectWaitArgs {
  /**
   * The status to wait for: `"Healthy"`, or `"Pending"` (the interconnect exists and is not
   * failing; Healthy satisfies it too). Creation fails if the status endpoint reports `Down` or
   * `Unhealthy` (with Cloudflare's reason) or if the time runs out; the interconnect then stays in
   * the stack (it exists), marked as not fully initialised.
   */
  status: pulumi.Input<"Pending" | "Healthy">;
  /** How long to wait, in seconds (1-86400). @default 600 */
  timeoutSeconds?: pulumi.Input<number>;
}

/**
 * Arguments of an interconnect: give either `slotId` (+ `speed`) for a physical one, or
 * `bandwidth` + `pairingKey` for a GCP Partner one; check rejects anything else.
 */
export interface InterconnectArgs extends AccountArgs {
  /** "Customer account tag". @default the account the interconnect is created in */
  account?: pulumi.Input<string>;
  /** The interconnect type, as Cloudflare names it (a free string in the API reference). */
  type: pulumi.Input<string>;
  /** Physical: the slot (port) to use, a UUID; find free ones with `getSlots({ occupied: false })`. */
  slotId?: pulumi.Input<string>;
  /** Physical: the port speed, e.g. `"10G"`; must be one the slot supports. @default the slot's speed */
  speed?: pulumi.Input<string>;
  /** GCP Partner: the bandwidth, `"50M"` ... `"50G"`. */
  bandwidth?: pulumi.Input<InterconnectBandwidth>;
  /** GCP Partner: the pairing key of your VLAN attachment (`<uuid>/<region>/<1|2>`). Kept as a secret. */
  pairingKey?: pulumi.Input<string>;
  /**
   * Wait after creation until the interconnect reports a status, polling with backoff (1 s up
   * to 15 s) and printing progress. It is not sent to the API: adding or changing it later is an
   * update that waits again, never a replacement. If a wait fails (Down, or the timeout), the
   * interconnect stays in state and the next `pulumi up` waits again.
   */
  waitForStatus?: pulumi.Input<InterconnectWaitArgs>;
}

const OUTPUTS = ["account", "type", "slotId", "speed", "bandwidth", "pairingKey", "facility", "site", "region", "owner", "virtualPortReservationId", "waitForStatus"] as const;

/**
 * A Network Interconnect (CNI) port: a physical cross-connect in a Cloudflare facility slot, or a
 * GCP Partner Interconnect. Cloudflare names it; the resource `id` is that name (use it as a
 * CNI's `interconnect` and in `getInterconnectStatus`/`getInterconnectLoa`).
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
export class Interconnect extends MagicResource {
  declare readonly account: pulumi.Output<string>;
  declare readonly type: pulumi.Output<string>;
  /** Physical: the slot the interconnect uses. */
  declare readonly slotId: pulumi.Output<string | undefined>;
  /** Physical: the port speed; GCP Partner: the bandwidth. */
  declare readonly speed: pulumi.Output<string | undefined>;
  /** GCP Partner: the bandwidth (the API reports it as `speed`). */
  declare readonly bandwidth: pulumi.Output<InterconnectBandwidth | undefined>;
  /** GCP Partner: the pairing key (secret). */
  declare readonly pairingKey: pulumi.Output<string | undefined>;
  /** Physical: the facility of the slot. */
  declare readonly facility: pulumi.Output<{ address: string[]; name: string } | undefined>;
  /** Physical: the Cloudflare site name. */
  declare readonly site: pulumi.Output<string | undefined>;
  /** GCP Partner: the GCP region. */
  declare readonly region: pulumi.Output<string | undefined>;
  declare readonly owner: pulumi.Output<string | undefined>;
  /** Correlates this interconnect with its V2 CNI virtual port reservation (the API's `virtual_port_reservation_id`). */
  declare readonly virtualPortReservationId: pulumi.Output<string | undefined>;
  declare readonly waitForStatus: pulumi.Output<{ status: "Pending" | "Healthy"; timeoutSeconds?: number } | undefined>;

  constructor(name: string, args: InterconnectArgs, opts?: pulumi.CustomResourceOptions) {
    super("cni", "Interconnect", name, args, OUTPUTS, { deleteBeforeReplace: true, ...opts }, ["pairingKey"]);
  }
}
