import { defineResource, type PathContext } from "../../framework/define";
import { isPlainObject } from "../../../shared/values";
import { CloudflareError, path } from "../../client";
import { permission } from "../../permissions";
import { z } from "../common/fields";
import { connectorEvent, connectorEventSummary, connectorSnapshot, connectorSnapshotSummary } from "./connector-telemetry";

const DAYS_OF_WEEK = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"] as const;

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
      id: z.string().min(1).optional().meta({ description: "The id of an existing device." }),
      serialNumber: z.string().min(1).optional().meta({ description: "The serial number of a hardware Connector." }),
      // `false` would provide nothing; leave it out instead.
      provisionLicense: z.literal(true).optional().meta({
        description:
          "`true` creates a new license key for a virtual Connector; the key is output as the secret `licenseKey`. Leave it out (rather than `false`) when giving `id` or `serialNumber`.",
      }),
    })
    .refine(
      (d) => DEVICE_KEYS.filter((k) => d[k] !== undefined).length === 1,
      "must set exactly one of id (an existing device), serialNumber (a device by its serial number) or provisionLicense: true (a new license key for a virtual connector)",
    )
    .meta({
      args: "ConnectorDeviceArgs",
      description:
        "Which device the connector is for: exactly one of `id`, `serialNumber` or `provisionLicense: true`. Chosen when the connector is added: a change replaces the connector.",
    });

const item = ({ accountId }: PathContext, id: string) => path`/accounts/${accountId}/magic/connectors/${id}`;

/** Magic WAN Connector: Cloudflare API "Magic Transit > Connectors". */
export const definition = defineResource({
  token: "magic:Connector",
  kind: "Connector",
  inputs: z.strictObject({
    device: device().meta({
      description:
        "The device: exactly one of `id`, `serialNumber` or `provisionLicense: true` (creation only; a change replaces the connector).",
      // The update bodies have no `device`: the device is chosen when the connector is added.
      createOnly: true,
      listed: false,
    }),
    activated: z.boolean().optional().meta({ description: "Whether the connector is activated.", default: false }),
    interruptWindowDaysOfWeek: z
      .array(z.enum(DAYS_OF_WEEK).meta({ name: "ConnectorDayOfWeek" }))
      .refine((days) => new Set(days).size === days.length, "must not name a day twice")
      .optional()
      .meta({
        description: "Days of the week on which upgrades may run, each at most once.",
        default: [...DAYS_OF_WEEK],
        defaultDoc: "all seven days",
        unordered: true,
      }),
    // The API reference bounds the window to 1-24 hours; a start hour is 0-23.
    interruptWindowDurationHours: z
      .number()
      .int()
      .min(1)
      .max(24)
      .optional()
      .meta({ description: "Length of the upgrade window in whole hours, 1-24.", default: 3 }),
    interruptWindowEmbargoDates: z
      .array(calendarDate())
      .optional()
      .meta({ description: 'Dates (`YYYY-MM-DD`) on which upgrades are blocked, e.g. `["2026-12-24"]`.', default: [], unordered: true }),
    interruptWindowHourOfDay: z
      .number()
      .int()
      .min(0)
      .max(23)
      .optional()
      .meta({ description: "Hour of the day (0-23, in `timezone`) at which the upgrade window opens.", default: 0 }),
    notes: z.string().optional().meta({ description: "Free-text notes.", default: "" }),
    timezone: timeZone()
      .optional()
      .meta({ description: 'IANA time zone of the upgrade window, e.g. `"America/New_York"`.', default: "UTC" }),
    // Ours: changing it regenerates the license key (`provision_license: true` on the connector).
    licenseRotation: z.union([z.string(), z.number()]).optional().meta({
      description:
        "Any string or number; setting it to a new value regenerates the connector's license key (Cloudflare's `provision_license: true`) and updates the secret output `licenseKey`. Not sent to Cloudflare otherwise; leaving it out or removing it never rotates.",
      local: true,
      rotates: "licenseKey",
    }),
  }),
  outputs: z.object({
    device: z
      .object({ id: z.string().optional(), serialNumber: z.string().optional(), provisionLicense: z.literal(true).optional() })
      .meta({
        description: "The device as given (the inputs); what Cloudflare reports is in `deviceId` / `deviceSerialNumber`.",
        listed: false,
        // The API answers `device` as {id, serial_number} and never echoes `provision_license`, so the
        // input is kept as given (and compared against itself); what the API reports is in `deviceId`
        // and `deviceSerialNumber`.
        neverReadBack: true,
      }),
    deviceId: z.string().optional().meta({
      description: "The device id Cloudflare reports (the API's `device.id`; absent until a device claims a provisioned license).",
    }),
    deviceSerialNumber: z.string().optional().meta({ description: "The API's `device.serial_number`." }),
    deviceType: z.enum(["MANAGED", "LICENSED"]).optional().meta({
      description:
        '`"MANAGED"` (a Cloudflare-shipped device) or `"LICENSED"` (a virtual connector on a license), as Cloudflare reports it.',
    }),
    lastUpdated: z.string().meta({ description: "When the connector was last updated." }),
    lastHeartbeat: z.string().optional().meta({ description: "When the connector last reported to Cloudflare." }),
    lastSeenVersion: z.string().optional().meta({ description: "The software version the connector last reported." }),
    licenseKey: z.string().optional().meta({
      description:
        "The license key, when one was provisioned through this resource (Cloudflare shows it only when it is made; lookups have it only if Cloudflare includes it in the list).",
      secret: true,
      // In the answer that provisions it only.
      neverReadBack: true,
      noun: "license key",
    }),
  }),
  api: {
    envelope: "v4",
    collection: ({ accountId }) => path`/accounts/${accountId}/magic/connectors`,
    item,
    wrappers: {},
    // PUT ("Replace Connector") takes every setting, so an input the user removes goes back to its default.
    update: "PUT",
    permission: permission("sites", "edit"),
    // Events and snapshots the connector reports ("Magic WAN Connector telemetry"), for the lookups.
    endpoints: { telemetry: (ctx, id) => `${item(ctx, String(id))}/telemetry` },
  },
  answers: [connectorEventSummary(), connectorEvent(), connectorSnapshotSummary(), connectorSnapshot()],
  codegen: {
    collection: "connectors",
    plural: "connectors",
    section: "Magic WAN Connectors",
    role: "connector",
    // A connector has no name: its device's serial number says which box it is.
    label: (c) => [c.deviceSerialNumber, c.notes || undefined, `connector ${String(c.id).slice(0, 8)}`].find((v) => typeof v === "string"),
    // The device is chosen when a connector is added and never read back as given: what Cloudflare reports says which.
    inputs: (inputs, c) => ({
      device:
        c.deviceSerialNumber !== undefined
          ? { serialNumber: c.deviceSerialNumber }
          : c.deviceId !== undefined
            ? { id: c.deviceId }
            : { provisionLicense: true },
      ...inputs,
    }),
  },
  fromApi: ({ device: reported, ...rest }) => ({
    ...rest,
    deviceId: isPlainObject(reported) ? reported.id : undefined,
    deviceSerialNumber: isPlainObject(reported) ? reported.serialNumber : undefined,
    // In the official SDK's answers (`device.type`: MANAGED or LICENSED), not in the reference.
    deviceType: isPlainObject(reported) ? reported.type : undefined,
  }),
  lifecycle: {
    kind: "object",
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
  },
  afterUpdate: async (op, id, _outputs, olds, news) => {
    if (news.licenseRotation === undefined || news.licenseRotation === olds.licenseRotation) return {};
    const rotated = await op.request<Record<string, unknown>>({
      method: "PATCH",
      path: item(op.ctx, id),
      body: { provision_license: true },
    });
    if (typeof rotated?.license_key !== "string")
      throw new CloudflareError("Cloudflare re-provisioned the license but its answer carried no license_key.", op.label);
    return { licenseKey: rotated.license_key, ...(typeof rotated.last_updated === "string" ? { lastUpdated: rotated.last_updated } : {}) };
  },
});
