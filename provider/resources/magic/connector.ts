import { defineResource, type PathContext } from "../../framework/define";
import { isPlainObject } from "../../framework/values";
import { CloudflareError, path } from "../../client";
import { z } from "../common/fields";

export const DAYS_OF_WEEK = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"] as const;

/** "List of dates (YYYY-MM-DD) when upgrades are blocked": a real calendar date in that form. */
export const calendarDate = () =>
  z.string().refine((s) => {
    const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
    if (!m) return false;
    const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
    return d.toISOString().slice(0, 10) === s;
  }, "must be a calendar date written YYYY-MM-DD, such as 2026-12-24");

/** An IANA time zone name, as the runtime's time zone database knows them. */
export const timeZone = () =>
  z.string().refine((s) => {
    if (!/^[A-Za-z][A-Za-z0-9_+\-/]*$/.test(s)) return false;
    try {
      new Intl.DateTimeFormat("en-US", { timeZone: s });
      return true;
    } catch {
      return false;
    }
  }, "must be an IANA time zone name such as America/New_York or UTC");

const DEVICE_KEYS = ["id", "serialNumber", "provisionLicense"] as const;

/** "Exactly one of id, serial_number, or provision_license must be provided." */
const device = () =>
  z
    .strictObject({
      id: z.string().min(1).optional(),
      serialNumber: z.string().min(1).optional(),
      // `false` would provide nothing; leave it out instead.
      provisionLicense: z.literal(true).optional(),
    })
    .refine(
      (d) => DEVICE_KEYS.filter((k) => d[k] !== undefined).length === 1,
      "must set exactly one of id (an existing device), serialNumber (a device by its serial number) or provisionLicense: true (a new license key for a virtual connector)",
    );

const item = ({ accountId }: PathContext, id: string) => path`/accounts/${accountId}/magic/connectors/${id}`;

/** Magic WAN Connector: Cloudflare API "Magic Transit > Connectors". */
export const definition = defineResource({
  token: "magic:Connector",
  kind: "Connector",
  inputs: z.strictObject({
    device: device(),
    activated: z.boolean().optional(),
    interruptWindowDaysOfWeek: z
      .array(z.enum(DAYS_OF_WEEK))
      .refine((days) => new Set(days).size === days.length, "must not name a day twice")
      .optional(),
    // The API reference bounds the window to 1-24 hours; a start hour is 0-23.
    interruptWindowDurationHours: z.number().int().min(1).max(24).optional(),
    interruptWindowEmbargoDates: z.array(calendarDate()).optional(),
    interruptWindowHourOfDay: z.number().int().min(0).max(23).optional(),
    notes: z.string().optional(),
    timezone: timeZone().optional(),
    // Ours: changing it regenerates the license key (`provision_license: true` on the connector).
    licenseRotation: z.union([z.string(), z.number()]).optional(),
  }),
  api: {
    envelope: "v4",
    collection: ({ accountId }) => path`/accounts/${accountId}/magic/connectors`,
    item,
    wrappers: {},
    // PUT ("Replace Connector") takes every setting, so an input the user removes goes back to its default.
    update: "PUT",
    permission: "Magic WAN: Edit",
  },
  // The update bodies have no `device`: the device is chosen when the connector is added.
  createOnly: ["device"],
  localInputs: ["licenseRotation"],
  // The API answers `device` as {id, serial_number} and never echoes `provision_license`, so the
  // input is kept as given (and compared against itself); what the API reports is in `deviceId`
  // and `deviceSerialNumber`. The license key is in the answer that provisions it only.
  neverReadBack: ["device", "licenseKey"],
  fromApi: ({ device: reported, ...rest }) => ({
    ...rest,
    deviceId: isPlainObject(reported) ? reported.id : undefined,
    deviceSerialNumber: isPlainObject(reported) ? reported.serialNumber : undefined,
    // In the official SDK's answers (`device.type`: MANAGED or LICENSED), not in the reference.
    deviceType: isPlainObject(reported) ? reported.type : undefined,
  }),
  // A device backs one connector, so a create whose answer was lost is found by its device.
  isSameObject: (connector, inputs) => {
    const wanted = isPlainObject(inputs.device) ? inputs.device : {};
    const live = isPlainObject(connector.device) ? connector.device : {};
    if (wanted.id !== undefined) return live.id === wanted.id;
    if (wanted.serialNumber !== undefined) return live.serial_number === wanted.serialNumber;
    // A connector made for a new license has nothing unique; refuse rather than guess or send twice.
    throw new CloudflareError(
      "the answer to adding a Connector with device.provisionLicense was lost, and such a connector has nothing unique to recognise it by, so the request was not sent again. Look for a connector without a device in the account (magic.getConnectors()), import it with the `import` resource option or delete it, then run the update again.",
    );
  },
  afterUpdate: async (op, id, _outputs, olds, news) => {
    if (news.licenseRotation === undefined || news.licenseRotation === olds.licenseRotation) return {};
    const rotated = await op.request<Record<string, unknown>>({ method: "PATCH", path: item(op.ctx, id), body: { provision_license: true } });
    if (typeof rotated?.license_key !== "string") throw new CloudflareError("Cloudflare re-provisioned the license but its answer carried no license_key.", op.label);
    return { licenseKey: rotated.license_key, ...(typeof rotated.last_updated === "string" ? { lastUpdated: rotated.last_updated } : {}) };
  },
});
