import type * as pulumi from "@pulumi/pulumi";
import { type ConnectorArgs, ConnectorResource } from "./generated/connector";

export type { ConnectorArgs } from "./generated/connector";

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
export class Connector extends ConnectorResource {
  constructor(name: string, args: ConnectorArgs, opts?: pulumi.CustomResourceOptions) {
    super(name, args, opts);
  }
}
