// generated from provider/resources/magic/connector.ts: edit the definition, then run npm run generate
import type * as pulumi from "@pulumi/pulumi";
import { type AccountArgs, MagicResource } from "../../resource";

/** Arguments of a {@link Connector}. */
export interface ConnectorArgs extends AccountArgs {
  /** Changing it replaces the Connector. */
  device: pulumi.Input<{ id?: pulumi.Input<string>; serialNumber?: pulumi.Input<string>; provisionLicense?: pulumi.Input<true> }>;
  activated?: pulumi.Input<boolean>;
  interruptWindowDaysOfWeek?: pulumi.Input<Array<pulumi.Input<"Sunday" | "Monday" | "Tuesday" | "Wednesday" | "Thursday" | "Friday" | "Saturday">>>;
  interruptWindowDurationHours?: pulumi.Input<number>;
  interruptWindowEmbargoDates?: pulumi.Input<pulumi.Input<string>[]>;
  interruptWindowHourOfDay?: pulumi.Input<number>;
  notes?: pulumi.Input<string>;
  timezone?: pulumi.Input<string>;
  licenseRotation?: pulumi.Input<string | number>;
}

/** Every output name, declared to the engine at registration. */
const OUTPUTS = ["device", "activated", "interruptWindowDaysOfWeek", "interruptWindowDurationHours", "interruptWindowEmbargoDates", "interruptWindowHourOfDay", "notes", "timezone", "licenseRotation"] as const;

/** Outputs kept as secrets in state. */
const SECRETS = [] as const;

/** The generated part of {@link Connector}: its outputs, and its registration with the provider. */
export abstract class ConnectorResource extends MagicResource {
  declare readonly device: pulumi.Output<{ id?: string; serialNumber?: string; provisionLicense?: true }>;
  declare readonly activated: pulumi.Output<boolean | undefined>;
  declare readonly interruptWindowDaysOfWeek: pulumi.Output<Array<"Sunday" | "Monday" | "Tuesday" | "Wednesday" | "Thursday" | "Friday" | "Saturday"> | undefined>;
  declare readonly interruptWindowDurationHours: pulumi.Output<number | undefined>;
  declare readonly interruptWindowEmbargoDates: pulumi.Output<string[] | undefined>;
  declare readonly interruptWindowHourOfDay: pulumi.Output<number | undefined>;
  declare readonly notes: pulumi.Output<string | undefined>;
  declare readonly timezone: pulumi.Output<string | undefined>;
  declare readonly licenseRotation: pulumi.Output<string | number | undefined>;

  protected constructor(name: string, args: ConnectorArgs, opts?: pulumi.CustomResourceOptions) {
    super("magic", "Connector", name, args, OUTPUTS, opts, SECRETS);
  }
}

/** A {@link Connector} as the API reports it (camelCase), with its id. */
export interface ConnectorInfo {
  id: string;
  activated?: boolean;
  interruptWindowDaysOfWeek?: Array<"Sunday" | "Monday" | "Tuesday" | "Wednesday" | "Thursday" | "Friday" | "Saturday">;
  interruptWindowDurationHours?: number;
  interruptWindowEmbargoDates?: string[];
  interruptWindowHourOfDay?: number;
  notes?: string;
  timezone?: string;
  licenseRotation?: string | number;
  accountId: string;
}
