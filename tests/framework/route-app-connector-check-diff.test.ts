import { DefinedProvider } from "../../provider/framework/provider";
import { UNKNOWN } from "../../provider/framework/values";
import { definition as app } from "../../provider/resources/magic/app";
import { definition as connector } from "../../provider/resources/magic/connector";
import { definition as staticRoute } from "../../provider/resources/magic/static-route";

const ACCOUNT = "0123456789abcdef0123456789abcdef";

/** State as the provider leaves it after a create: the inputs, server fields, and which leaves the user set. */
function state(inputs: Record<string, unknown>, computed: Record<string, unknown>) {
  const paths = Object.entries(inputs)
    .filter(([k]) => !k.startsWith("__"))
    .flatMap(([k, v]) => (v && typeof v === "object" && !Array.isArray(v) ? Object.keys(v).map((s) => `${k}.${s}`) : [k]));
  return { ...inputs, ...computed, accountId: ACCOUNT, __inputPaths: paths };
}

async function failures(p: DefinedProvider, valid: Record<string, unknown>, overrides: Record<string, unknown>) {
  return (await p.check({}, { ...valid, ...overrides })).failures ?? [];
}

describe("StaticRoute", () => {
  const p = new DefinedProvider(staticRoute);
  const valid = { __token: "magic:StaticRoute", nexthop: "10.212.0.9", prefix: "192.0.2.0/24", priority: 100 };

  it("accepts valid inputs, link-local and IPv6 next hops included", async () => {
    expect(await failures(p, valid, {})).toEqual([]);
    expect(await failures(p, valid, { nexthop: "169.254.21.1", weight: 256, scope: { coloNames: ["den01"], coloRegions: ["APAC"] } })).toEqual([]);
    expect(await failures(p, valid, { nexthop: "2001:db8::1", prefix: "2001:db8:100::/48", weight: 0, priority: 0 })).toEqual([]);
  });

  it.each([
    [{ nexthop: "10.212.0" }, "nexthop", 'nexthop must be an IPv4 or IPv6 address (got "10.212.0").'],
    [{ nexthop: "10.212.0.9/31" }, "nexthop", "nexthop must be an IPv4 or IPv6 address"],
    [{ prefix: "192.0.2.0" }, "prefix", "prefix must be a prefix in CIDR notation with no host bits set"],
    [{ prefix: "192.0.2.1/24" }, "prefix", '(got "192.0.2.1/24")'],
    [{ priority: -1 }, "priority", "priority must be at least 0 (got -1)."],
    [{ priority: 1.5 }, "priority", "priority must be a whole number"],
    [{ weight: 257 }, "weight", "weight must be at most 256 (got 257)."],
    [{ scope: { coloNames: [""] } }, "scope.coloNames.0", "scope.coloNames.0 must be at least 1 characters long"],
    [{ scope: { colos: ["den01"] } }, "scope.colos", "scope.colos is not a property of scope; check its spelling."],
    [{ priority: undefined }, "priority", "priority is required"],
    [{ nexthops: "10.0.0.1" }, "nexthops", "nexthops is not a property of StaticRoute; check its spelling."],
  ])("rejects %j on %s with a sentence naming it", async (override, property, text) => {
    const hit = (await failures(p, valid, override)).find((f) => f.property === property);
    expect(hit?.reason).toContain(text);
  });

  it("does not validate values unknown during preview", async () => {
    expect(await failures(p, valid, { nexthop: UNKNOWN, prefix: UNKNOWN, scope: { coloNames: UNKNOWN } })).toEqual([]);
  });

  it("updates every field in place and never diffs on timestamps", async () => {
    const olds = state(valid, { createdOn: "2026-01-01T00:00:00Z", modifiedOn: "2026-01-01T00:00:00Z" });
    expect((await p.diff("r1", olds, valid)).changes).toBe(false);
    for (const change of [{ nexthop: "10.212.0.11" }, { prefix: "198.51.100.0/24" }, { priority: 5 }, { weight: 3 }, { scope: { coloRegions: ["WEUR"] } }]) {
      const d = await p.diff("r1", olds, { ...valid, ...change });
      expect([d.changes, d.replaces]).toEqual([true, []]);
    }
    expect((await p.diff("r1", olds, { ...valid, accountId: "fedcba9876543210fedcba9876543210" })).replaces).toEqual(["accountId"]);
  });

  it("recognises a lost create only by everything the program says about the route", () => {
    const inputs = { nexthop: "2001:DB8::1", prefix: "2001:db8:100::/48", priority: 100, weight: 10, scope: { coloNames: ["den01"] }, description: "x" };
    const live = { id: "a", nexthop: "2001:db8::1", prefix: "2001:db8:100::/48", priority: 100, weight: 10, scope: { colo_names: ["den01"] }, description: "x" };
    expect(staticRoute.isSameObject!(live, inputs)).toBe(true);
    for (const differs of [{ priority: 101 }, { weight: undefined }, { scope: { colo_names: ["den01"], colo_regions: ["APAC"] } }, { description: "y" }, { nexthop: "2001:db8::2" }]) {
      expect(staticRoute.isSameObject!({ ...live, ...differs }, inputs)).toBe(false);
    }
    // An empty scope and no scope are the same; so are no weight and weight 0.
    expect(staticRoute.isSameObject!({ ...live, scope: {} }, { ...inputs, scope: undefined })).toBe(true);
    expect(staticRoute.isSameObject!({ ...live, weight: 0 }, { ...inputs, weight: undefined })).toBe(true);
  });
});

describe("App", () => {
  const p = new DefinedProvider(app);
  const valid = { __token: "magic:App", name: "CRM", type: "Business" };

  it("accepts valid inputs, wildcard hostnames included", async () => {
    expect(await failures(p, valid, { hostnames: ["crm.example.com", "*.crm.example.com"], ipSubnets: ["192.0.2.0/24"], sourceSubnets: ["10.0.0.0/8"] })).toEqual([]);
  });

  it.each([
    [{ name: "" }, "name", "name must be at least 1 characters long"],
    [{ type: undefined }, "type", "type is required (App needs a string)."],
    [{ hostnames: ["crm"] }, "hostnames.0", "hostnames.0 must be a fully qualified domain name such as auth.example.com (got \"crm\")."],
    [{ hostnames: ["-bad.example.com"] }, "hostnames.0", "must be a fully qualified domain name"],
    [{ ipSubnets: ["2001:db8::/32"] }, "ipSubnets.0", "ipSubnets.0 must be an IPv4 prefix in CIDR notation with no host bits set, such as 192.0.2.0/24 (IPv6 is not supported)"],
    [{ ipSubnets: ["192.0.2.1/24"] }, "ipSubnets.0", "no host bits set"],
    [{ sourceSubnets: ["10.0.0.0"] }, "sourceSubnets.0", "sourceSubnets.0 must be an IPv4 prefix"],
    [{ accountAppId: "x" }, "accountAppId", "accountAppId is not a property of App"],
  ])("rejects %j on %s with a sentence naming it", async (override, property, text) => {
    const hit = (await failures(p, valid, override)).find((f) => f.property === property);
    expect(hit?.reason).toContain(text);
  });

  it("updates every field in place; removing a list is a change", async () => {
    const olds = state({ ...valid, hostnames: ["crm.example.com"] }, {});
    expect((await p.diff("a1", olds, { ...valid, hostnames: ["crm.example.com"] })).changes).toBe(false);
    const d = await p.diff("a1", olds, { ...valid, name: "CRM 2", hostnames: ["crm.example.com", "crm2.example.com"] });
    expect([d.changes, d.replaces]).toEqual([true, []]);
    expect((await p.diff("a1", olds, valid)).changes).toBe(true);
  });

  it("recognises a lost create by name, type and lists", () => {
    const live = { account_app_id: "x", name: "CRM", type: "Business", hostnames: ["crm.example.com"] };
    expect(app.isSameObject!(live, { name: "CRM", type: "Business", hostnames: ["crm.example.com"] })).toBe(true);
    expect(app.isSameObject!(live, { name: "CRM", type: "Business" })).toBe(false);
    expect(app.isSameObject!({ ...live, hostnames: [] }, { name: "CRM", type: "Business" })).toBe(true);
    expect(app.isSameObject!(live, { name: "CRM", type: "Other", hostnames: ["crm.example.com"] })).toBe(false);
  });
});

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

  const device = "device must set exactly one of id (an existing device), serialNumber (a device by its serial number) or provisionLicense: true (a new license key for a virtual connector).";
  it.each([
    [{ device: {} }, "device", device],
    [{ device: { id: "dev-1", serialNumber: "SN-1" } }, "device", device],
    [{ device: { id: "dev-1", provisionLicense: true } }, "device", device],
    [{ device: undefined }, "device", "device is required (Connector needs an object)."],
    [{ device: { provisionLicense: false } }, "device.provisionLicense", "device.provisionLicense must be true."],
    [{ device: { serial: "SN-1" } }, "device.serial", "device.serial is not a property of device; check its spelling."],
    [{ interruptWindowDaysOfWeek: ["Sunday", "Funday"] }, "interruptWindowDaysOfWeek.1", 'must be one of "Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday" (got "Funday").'],
    [{ interruptWindowDaysOfWeek: ["Sunday", "Sunday"] }, "interruptWindowDaysOfWeek", "interruptWindowDaysOfWeek must not name a day twice."],
    [{ interruptWindowDurationHours: 0 }, "interruptWindowDurationHours", "interruptWindowDurationHours must be at least 1 (got 0)."],
    [{ interruptWindowDurationHours: 25 }, "interruptWindowDurationHours", "must be at most 24"],
    [{ interruptWindowHourOfDay: 24 }, "interruptWindowHourOfDay", "interruptWindowHourOfDay must be at most 23 (got 24)."],
    [{ interruptWindowHourOfDay: 2.5 }, "interruptWindowHourOfDay", "must be a whole number"],
    [{ interruptWindowEmbargoDates: ["2026-02-30"] }, "interruptWindowEmbargoDates.0", 'interruptWindowEmbargoDates.0 must be a calendar date written YYYY-MM-DD, such as 2026-12-24 (got "2026-02-30").'],
    [{ interruptWindowEmbargoDates: ["24.12.2026"] }, "interruptWindowEmbargoDates.0", "YYYY-MM-DD"],
    [{ timezone: "Mars/Olympus_Mons" }, "timezone", 'timezone must be an IANA time zone name such as America/New_York or UTC (got "Mars/Olympus_Mons").'],
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
    const olds = state({ ...valid, notes: "a" }, {
      activated: false,
      interruptWindowDaysOfWeek: ["Sunday"],
      lastUpdated: "2026-01-01T00:00:00Z",
      licenseKey: "k",
      deviceId: "dev-9",
    });
    expect((await p.diff("c1", olds, { ...valid, notes: "a" })).changes).toBe(false);
    const settings = await p.diff("c1", olds, { ...valid, notes: "b", timezone: "UTC", licenseRotation: 1 });
    expect([settings.changes, settings.replaces]).toEqual([true, []]);
    const dev = await p.diff("c1", olds, { ...valid, notes: "a", device: { id: "dev-2" } });
    expect(dev.replaces).toEqual(["device"]);
    expect(dev.deleteBeforeReplace).toBeFalsy();
  });

  it("recognises a lost create by its device, and refuses to guess for a new license", () => {
    expect(connector.isSameObject!({ id: "c", device: { id: "dev-1" } }, { device: { id: "dev-1" } })).toBe(true);
    expect(connector.isSameObject!({ id: "c", device: { id: "dev-2" } }, { device: { id: "dev-1" } })).toBe(false);
    expect(connector.isSameObject!({ id: "c", device: { id: "x", serial_number: "SN-1" } }, { device: { serialNumber: "SN-1" } })).toBe(true);
    expect(() => connector.isSameObject!({ id: "c" }, { device: { provisionLicense: true } })).toThrow(/nothing unique to recognise it by, so the request was not sent again/);
  });
});
