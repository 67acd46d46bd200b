// generated from provider/resources/magic/connector.ts: edit the definition, then run npm run generate
import type * as pulumi from "@pulumi/pulumi";
import { type AccountArgs, MagicResource } from "../../resource";
import type { ConnectorDayOfWeek, ConnectorDeviceArgs } from "./types";

/** Arguments of a {@link Connector}. */
export interface ConnectorArgs extends AccountArgs {
  /**
   * The device: exactly one of `id`, `serialNumber` or `provisionLicense: true` (creation only; a
   * change replaces the connector).
   */
  device: pulumi.Input<ConnectorDeviceArgs>;
  /**
   * Whether the connector is activated.
   * @default false
   */
  activated?: pulumi.Input<boolean>;
  /**
   * Days of the week on which upgrades may run, each at most once.
   * @default all seven days
   */
  interruptWindowDaysOfWeek?: pulumi.Input<pulumi.Input<ConnectorDayOfWeek>[]>;
  /**
   * Length of the upgrade window in whole hours, 1-24.
   * @default 3
   */
  interruptWindowDurationHours?: pulumi.Input<number>;
  /**
   * Dates (`YYYY-MM-DD`) on which upgrades are blocked, e.g. `["2026-12-24"]`.
   * @default []
   */
  interruptWindowEmbargoDates?: pulumi.Input<pulumi.Input<string>[]>;
  /**
   * Hour of the day (0-23, in `timezone`) at which the upgrade window opens.
   * @default 0
   */
  interruptWindowHourOfDay?: pulumi.Input<number>;
  /**
   * Free-text notes.
   * @default ""
   */
  notes?: pulumi.Input<string>;
  /**
   * IANA time zone of the upgrade window, e.g. `"America/New_York"`.
   * @default "UTC"
   */
  timezone?: pulumi.Input<string>;
  /**
   * Any string or number; setting it to a new value regenerates the connector's license key
   * (Cloudflare's `provision_license: true`) and updates the secret output `licenseKey`. Not sent to
   * Cloudflare otherwise; leaving it out or removing it never rotates.
   */
  licenseRotation?: pulumi.Input<string | number>;
}

/** The documented defaults of {@link ConnectorArgs}'s fields. */
export const connectorArgsDefaults = {
  activated: false,
  interruptWindowDaysOfWeek: ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"],
  interruptWindowDurationHours: 3,
  interruptWindowEmbargoDates: [],
  interruptWindowHourOfDay: 0,
  notes: "",
  timezone: "UTC",
} as const;

/** Every output name, declared to the engine at registration. */
const OUTPUTS = [
  "device",
  "activated",
  "interruptWindowDaysOfWeek",
  "interruptWindowDurationHours",
  "interruptWindowEmbargoDates",
  "interruptWindowHourOfDay",
  "notes",
  "timezone",
  "licenseRotation",
  "deviceId",
  "deviceSerialNumber",
  "deviceType",
  "lastUpdated",
  "lastHeartbeat",
  "lastSeenVersion",
  "licenseKey",
] as const;

/** Fields kept as secrets in state, as dotted paths (a nested one keeps the rest of its object visible). */
const SECRETS = ["licenseKey"] as const;

/** The generated part of {@link Connector}: its outputs, and its registration with the provider. */
export abstract class ConnectorResource extends MagicResource {
  /** The device as given (the inputs); what Cloudflare reports is in `deviceId` / `deviceSerialNumber`. */
  declare readonly device: pulumi.Output<{ id?: string; serialNumber?: string; provisionLicense?: true }>;
  /** Whether the connector is activated. */
  declare readonly activated: pulumi.Output<boolean>;
  /** Days of the week on which upgrades may run, each at most once. */
  declare readonly interruptWindowDaysOfWeek: pulumi.Output<ConnectorDayOfWeek[]>;
  /** Length of the upgrade window in whole hours, 1-24. */
  declare readonly interruptWindowDurationHours: pulumi.Output<number>;
  /** Dates (`YYYY-MM-DD`) on which upgrades are blocked, e.g. `["2026-12-24"]`. */
  declare readonly interruptWindowEmbargoDates: pulumi.Output<string[]>;
  /** Hour of the day (0-23, in `timezone`) at which the upgrade window opens. */
  declare readonly interruptWindowHourOfDay: pulumi.Output<number>;
  /** Free-text notes. */
  declare readonly notes: pulumi.Output<string>;
  /** IANA time zone of the upgrade window, e.g. `"America/New_York"`. */
  declare readonly timezone: pulumi.Output<string>;
  /**
   * Any string or number; setting it to a new value regenerates the connector's license key
   * (Cloudflare's `provision_license: true`) and updates the secret output `licenseKey`. Not sent to
   * Cloudflare otherwise; leaving it out or removing it never rotates.
   */
  declare readonly licenseRotation: pulumi.Output<string | number | undefined>;
  /**
   * The device id Cloudflare reports (the API's `device.id`; absent until a device claims a
   * provisioned license).
   */
  declare readonly deviceId: pulumi.Output<string | undefined>;
  /** The API's `device.serial_number`. */
  declare readonly deviceSerialNumber: pulumi.Output<string | undefined>;
  /**
   * `"MANAGED"` (a Cloudflare-shipped device) or `"LICENSED"` (a virtual connector on a license), as
   * Cloudflare reports it.
   */
  declare readonly deviceType: pulumi.Output<"MANAGED" | "LICENSED" | undefined>;
  /** When the connector was last updated. */
  declare readonly lastUpdated: pulumi.Output<string>;
  /** When the connector last reported to Cloudflare. */
  declare readonly lastHeartbeat: pulumi.Output<string | undefined>;
  /** The software version the connector last reported. */
  declare readonly lastSeenVersion: pulumi.Output<string | undefined>;
  /**
   * The license key, when one was provisioned through this resource (Cloudflare shows it only when it
   * is made; lookups have it only if Cloudflare includes it in the list). Kept as a secret in state.
   */
  declare readonly licenseKey: pulumi.Output<string | undefined>;

  protected constructor(name: string, args: ConnectorArgs, opts?: pulumi.CustomResourceOptions) {
    super("magic", "Connector", name, args, OUTPUTS, opts, { secrets: SECRETS });
  }
}

/** A {@link Connector} as the API reports it (camelCase), with its id. */
export interface ConnectorInfo {
  id: string;
  activated: boolean;
  interruptWindowDaysOfWeek: ConnectorDayOfWeek[];
  interruptWindowDurationHours: number;
  interruptWindowEmbargoDates: string[];
  interruptWindowHourOfDay: number;
  notes: string;
  timezone: string;
  deviceId?: string;
  deviceSerialNumber?: string;
  deviceType?: "MANAGED" | "LICENSED";
  lastUpdated: string;
  lastHeartbeat?: string;
  lastSeenVersion?: string;
  licenseKey?: string;
  accountId: string;
}
