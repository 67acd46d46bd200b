// generated from provider/resources/cni/interconnect.ts: edit the definition, then run npm run generate
import type * as pulumi from "@pulumi/pulumi";
import { type AccountArgs, MagicResource } from "../../resource";
import type { FacilityInfo, InterconnectBandwidth, InterconnectWaitArgs } from "./types";

/** Arguments of a {@link Interconnect}. */
export interface InterconnectArgs extends AccountArgs {
  /**
   * "Customer account tag".
   * @default the account the interconnect is created in
   */
  account?: pulumi.Input<string>;
  /** The interconnect type, as Cloudflare names it (a free string in the API reference). */
  type: pulumi.Input<string>;
  /** Physical: the slot (port) to use, a UUID; find free ones with `getSlots({ occupied: false })`. */
  slotId?: pulumi.Input<string>;
  /**
   * Physical: the port speed, e.g. `"10G"`; must be one the slot supports.
   * @default the slot's speed
   */
  speed?: pulumi.Input<string>;
  /** GCP Partner: the bandwidth, `"50M"` ... `"50G"`. */
  bandwidth?: pulumi.Input<InterconnectBandwidth>;
  /** GCP Partner: the pairing key of your VLAN attachment (`<uuid>/<region>/<1|2>`). Kept as a secret. */
  pairingKey?: pulumi.Input<string>;
  /**
   * Wait after creation until the interconnect reports a status, polling with backoff (1 s up to 15 s)
   * and printing progress. It is not sent to the API: adding or changing it later is an update that
   * waits again, never a replacement. If a wait fails (Down, or the timeout), the interconnect stays
   * in state and the next `pulumi up` waits again.
   */
  waitForStatus?: pulumi.Input<InterconnectWaitArgs>;
}

/** Every output name, declared to the engine at registration. */
const OUTPUTS = [
  "account",
  "type",
  "slotId",
  "speed",
  "bandwidth",
  "pairingKey",
  "waitForStatus",
  "facility",
  "site",
  "region",
  "owner",
  "virtualPortReservationId",
] as const;

/** Fields kept as secrets in state, as dotted paths (a nested one keeps the rest of its object visible). */
const SECRETS = ["pairingKey"] as const;

/** The generated part of {@link Interconnect}: its outputs, and its registration with the provider. */
export abstract class InterconnectResource extends MagicResource {
  /** "Customer account tag". */
  declare readonly account: pulumi.Output<string>;
  /** The interconnect type, as Cloudflare names it (a free string in the API reference). */
  declare readonly type: pulumi.Output<string>;
  /** Physical: the slot the interconnect uses. */
  declare readonly slotId: pulumi.Output<string | undefined>;
  /** Physical: the port speed; GCP Partner: the bandwidth. */
  declare readonly speed: pulumi.Output<string | undefined>;
  /** GCP Partner: the bandwidth (the API reports it as `speed`). */
  declare readonly bandwidth: pulumi.Output<InterconnectBandwidth | undefined>;
  /** GCP Partner: the pairing key (secret). */
  declare readonly pairingKey: pulumi.Output<string | undefined>;
  /**
   * Wait after creation until the interconnect reports a status, polling with backoff (1 s up to 15 s)
   * and printing progress. It is not sent to the API: adding or changing it later is an update that
   * waits again, never a replacement. If a wait fails (Down, or the timeout), the interconnect stays
   * in state and the next `pulumi up` waits again.
   */
  declare readonly waitForStatus: pulumi.Output<{ status: "Pending" | "Healthy"; timeoutSeconds?: number } | undefined>;
  /** Physical: the facility of the slot. */
  declare readonly facility: pulumi.Output<FacilityInfo | undefined>;
  /** Physical: the Cloudflare site name. */
  declare readonly site: pulumi.Output<string | undefined>;
  /** GCP Partner: the GCP region. */
  declare readonly region: pulumi.Output<string | undefined>;
  /** The interconnect's owner, as the API reports it. */
  declare readonly owner: pulumi.Output<string | undefined>;
  /**
   * Correlates this interconnect with its V2 CNI virtual port reservation (the API's
   * `virtual_port_reservation_id`).
   */
  declare readonly virtualPortReservationId: pulumi.Output<string | undefined>;

  protected constructor(name: string, args: InterconnectArgs, opts?: pulumi.CustomResourceOptions) {
    super("cni", "Interconnect", name, args, OUTPUTS, opts, { secrets: SECRETS });
  }
}

/** A {@link Interconnect} as the API reports it (camelCase), with its id. */
export interface InterconnectInfo {
  id: string;
  account: string;
  type: string;
  slotId?: string;
  speed?: string;
  bandwidth?: InterconnectBandwidth;
  facility?: FacilityInfo;
  site?: string;
  region?: string;
  owner?: string;
  virtualPortReservationId: string;
  name: string;
  accountId: string;
}
