import { DefinedProvider } from "../../provider/framework/provider";
import { UNKNOWN } from "../../shared/values";
import { definition as connector } from "../../provider/resources/magic/connector";
import { failures, state } from "./check-helpers";

describe("Connector", () => {
  const p = new DefinedProvider(connector);
  const valid = { __token: "magic:Connector", device: { provisionLicense: true } };

  it("accepts each device form and full settings", async () => {
    expect(await failures(p, valid, {})).toEqual([]);
    expect(await failures(p, valid, { device: { id: "dev-1" } })).toEqual([]);
    expect(
      await failures(p, valid, {
        device: { serialNumber: "SN-1" },
        activated: true,
        interruptWindowDaysOfWeek: ["Saturday", "Sunday"],
        interruptWindowDurationHours: 24,
        interruptWindowEmbargoDates: ["2026-12-24", "2028-02-29"],
        interruptWindowHourOfDay: 23,
        notes: "rack 4",
        timezone: "America/New_York",
        licenseRotation: 2,
      }),
    ).toEqual([]);
  });

  const device =
    "device must set exactly one of id (an existing device), serialNumber (a device by its serial number) or provisionLicense: true (a new license key for a virtual connector).";
  it.each([
    [{ device: {} }, "device", device],
    [{ device: { id: "dev-1", serialNumber: "SN-1" } }, "device", device],
    [{ device: { id: "dev-1", provisionLicense: true } }, "device", device],
    [{ device: undefined }, "device", "device is required (Connector needs an object)."],
    [{ device: { provisionLicense: false } }, "device.provisionLicense", "device.provisionLicense must be true."],
    [{ device: { serial: "SN-1" } }, "device.serial", "device.serial is not a property of device; check its spelling."],
    [
      { interruptWindowDaysOfWeek: ["Sunday", "Funday"] },
      "interruptWindowDaysOfWeek.1",
      'must be one of "Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday" (got "Funday").',
    ],
    [
      { interruptWindowDaysOfWeek: ["Sunday", "Sunday"] },
      "interruptWindowDaysOfWeek",
      "interruptWindowDaysOfWeek must not name a day twice.",
    ],
    [{ interruptWindowDurationHours: 0 }, "interruptWindowDurationHours", "interruptWindowDurationHours must be at least 1 (got 0)."],
    [{ interruptWindowDurationHours: 25 }, "interruptWindowDurationHours", "must be at most 24"],
    [{ interruptWindowHourOfDay: 24 }, "interruptWindowHourOfDay", "interruptWindowHourOfDay must be at most 23 (got 24)."],
    [{ interruptWindowHourOfDay: 2.5 }, "interruptWindowHourOfDay", "must be a whole number"],
    [
      { interruptWindowEmbargoDates: ["2026-02-30"] },
      "interruptWindowEmbargoDates.0",
      'interruptWindowEmbargoDates.0 must be a calendar date written YYYY-MM-DD, such as 2026-12-24 (got "2026-02-30").',
    ],
    [{ interruptWindowEmbargoDates: ["24.12.2026"] }, "interruptWindowEmbargoDates.0", "YYYY-MM-DD"],
    [
      { timezone: "Mars/Olympus_Mons" },
      "timezone",
      'timezone must be an IANA time zone name such as America/New_York or UTC (got "Mars/Olympus_Mons").',
    ],
    [{ timezone: "+01:00" }, "timezone", "IANA time zone"],
    [{ activated: "yes" }, "activated", "activated must be true or false"],
    [{ licenseRotation: true }, "licenseRotation", "licenseRotation"],
    [{ licenseKey: "abc" }, "licenseKey", "licenseKey is not a property of Connector"],
  ])("rejects %j on %s with a sentence naming it", async (override, property, text) => {
    const hit = (await failures(p, valid, override)).find((f) => f.property === property);
    expect(hit?.reason).toContain(text);
  });

  it("does not validate a device that is unknown during preview", async () => {
    expect(await failures(p, valid, { device: UNKNOWN })).toEqual([]);
    expect(await failures(p, valid, { device: { id: UNKNOWN } })).toEqual([]);
    expect(await failures(p, valid, { timezone: UNKNOWN, interruptWindowEmbargoDates: [UNKNOWN] })).toEqual([]);
  });

  it("replaces on a device change, updates settings in place, never diffs on reported device fields or the key", async () => {
    const olds = state(
      { ...valid, notes: "a" },
      {
        activated: false,
        interruptWindowDaysOfWeek: ["Sunday"],
        lastUpdated: "2026-01-01T00:00:00Z",
        licenseKey: "k",
        deviceId: "dev-9",
      },
    );
    expect((await p.diff("c1", olds, { ...valid, notes: "a" })).changes).toBe(false);
    const settings = await p.diff("c1", olds, { ...valid, notes: "b", timezone: "UTC", licenseRotation: 1 });
    expect([settings.changes, settings.replaces]).toEqual([true, []]);
    const dev = await p.diff("c1", olds, { ...valid, notes: "a", device: { id: "dev-2" } });
    expect(dev.replaces).toEqual(["device"]);
    expect(dev.deleteBeforeReplace).toBeFalsy();
  });

  it("recognises a lost create by its device, and refuses to guess for a new license", () => {
    expect(connector.lifecycle.isSameObject!({ id: "c", device: { id: "dev-1" } }, { device: { id: "dev-1" } })).toBe(true);
    expect(connector.lifecycle.isSameObject!({ id: "c", device: { id: "dev-2" } }, { device: { id: "dev-1" } })).toBe(false);
    expect(
      connector.lifecycle.isSameObject!({ id: "c", device: { id: "x", serial_number: "SN-1" } }, { device: { serialNumber: "SN-1" } }),
    ).toBe(true);
    expect(() => connector.lifecycle.isSameObject!({ id: "c" }, { device: { provisionLicense: true } })).toThrow(
      /nothing unique to recognise it by, so the request was not sent again/,
    );
  });
});
