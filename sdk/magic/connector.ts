import type * as pulumi from "@pulumi/pulumi";
import { AccountArgs, MagicResource } from "../resource";

export type ConnectorDayOfWeek = "Sunday" | "Monday" | "Tuesday" | "Wednesday" | "Thursday" | "Friday" | "Saturday";

/**
 * Which device the connector is for: exactly one of `id`, `serialNumber` or
 * `provisionLicense: true`. Chosen when the connector is added: a change replaces the connector.
 */
export interface ConnectorDeviceArgs {
  /** The id of an existing device. */
  id?: pulumi.Input<string>;
  /** The serial number of a hardware Connector. */
  serialNumber?: pulumi.Input<string>;
  /**
   * `true` creates a new license key for a virtual Connector; the key is output as the secret
   * `licenseKey`. Leave it out (rather than `false`) when giving `id` or `serialNumber`.
   */
  provisionLicense?: pulumi.Input<true>;
}

/** Arguments of a Magic WAN Connector (Cloudflare API "Magic Transit > Connectors"). */
export interface ConnectorArgs extends AccountArgs {
  /** The device: exactly one of `id`, `serialNumber` or `provisionLicense: true` (creation only; a change replaces the connector). */
  device: pulumi.Input<ConnectorDeviceArgs>;
  /** Whether the connector is activated. */
  activated?: pulumi.Input<boolean>;
  /** Days of the week on which upgrades may run, each at most once. @default all seven days */
  interruptWindowDaysOfWeek?: pulumi.Input<pulumi.Input<ConnectorDayOfWeek>[]>;
  /** Length of the upgrade window in whole hours, 1-24. */
  interruptWindowDurationHours?: pulumi.Input<number>;
  /** Dates (`YYYY-MM-DD`) on which upgrades are blocked, e.g. `["2026-12-24"]`. */
  interruptWindowEmbargoDates?: pulumi.Input<pulumi.Input<string>[]>;
  /** Hour of the day (0-23, in `timezone`) at which the upgrade window opens. */
  interruptWindowHourOfDay?: pulumi.Input<number>;
  /** Free-text notes. */
  notes?: pulumi.Input<string>;
  /** IANA time zone of the upgrade window, e.g. `"America/New_York"`. */
  timezone?: pulumi.Input<string>;
  /**
   * Any string or number; setting it to a new value regenerates the connector's license key
   * (Cloudflare's `provision_license: true`) and updates the secret output `licenseKey`. Not
   * sent to Cloudflare otherwise; leaving it out or removing it never rotates.
   */
  licenseRotation?: pulumi.Input<string | number>;
}

const OUTPUTS = [
  "device", "activated", "interruptWindowDaysOfWeek", "interruptWindowDurationHours", "interruptWindowEmbargoDates",
  "interruptWindowHourOfDay", "notes", "timezone", "licenseRotation", "deviceId", "deviceSerialNumber", "deviceType", "lastUpdated",
  "lastHeartbeat", "lastSeenVersion", "licenseKey",
] as const;

/**
 * A Magic WAN Connector (hardware or virtual) registered to the account.
 *
 * With `device.provisionLicense: true` Cloudflare creates a license key for a virtual Connector,
 * output as the secret `licenseKey` and kept in state (Cloudflare shows it only when it is made).
 * Change `licenseRotation` to get a new key.
 *
 * @example
 * ```ts
 * import * as magic from "pulumi-cloudflare-magic";
 *
 * const vc = new magic.Connector("branch-vc", {
 *     device: { provisionLicense: true },
 *     activated: true,
 *     timezone: "America/New_York",
 *     interruptWindowDaysOfWeek: ["Saturday", "Sunday"],
 *     interruptWindowHourOfDay: 2,
 *     interruptWindowDurationHours: 4,
 * });
 * export const licenseKey = vc.licenseKey; // secret
 * ```
 */
export class Connector extends MagicResource {
  /** The device as given (the inputs); what Cloudflare reports is in `deviceId` / `deviceSerialNumber`. */
  declare readonly device: pulumi.Output<{ id?: string; serialNumber?: string; provisionLicense?: true }>;
  declare readonly activated: pulumi.Output<boolean>;
  declare readonly interruptWindowDaysOfWeek: pulumi.Output<ConnectorDayOfWeek[]>;
  declare readonly interruptWindowDurationHours: pulumi.Output<number>;
  declare readonly interruptWindowEmbargoDates: pulumi.Output<string[]>;
  declare readonly interruptWindowHourOfDay: pulumi.Output<number>;
  declare readonly notes: pulumi.Output<string>;
  declare readonly timezone: pulumi.Output<string>;
  declare readonly licenseRotation: pulumi.Output<string | number | undefined>;
  /** The device id Cloudflare reports (absent until a device claims a provisioned license). */
  declare readonly deviceId: pulumi.Output<string | undefined>;
  declare readonly deviceSerialNumber: pulumi.Output<string | undefined>;
  /** `"MANAGED"` (a Cloudflare-shipped device) or `"LICENSED"` (a virtual connector on a license), as Cloudflare reports it. */
  declare readonly deviceType: pulumi.Output<"MANAGED" | "LICENSED" | undefined>;
  declare readonly lastUpdated: pulumi.Output<string>;
  declare readonly lastHeartbeat: pulumi.Output<string | undefined>;
  declare readonly lastSeenVersion: pulumi.Output<string | undefined>;
  /** The license key (secret), when one was provisioned through this resource. */
  declare readonly licenseKey: pulumi.Output<string | undefined>;

  constructor(name: string, args: ConnectorArgs, opts?: pulumi.CustomResourceOptions) {
    super("magic", "Connector", name, args, OUTPUTS, opts, ["licenseKey"]);
  }
}
