import { DefinedProvider } from "../../provider/framework/provider";
import { UNKNOWN } from "../../shared/values";
import { definition as site } from "../../provider/resources/magic/site";
import { ACCOUNT, failures } from "./check-helpers";

const CONNECTOR_A = "ac60d3d0435248289d446cedd870bcf4";
const CONNECTOR_B = "8d67040d3835dbcf46ce29da440dc482";

const provider = new DefinedProvider(site);
const valid = { __token: "magic:Site", name: "nyc_branch" };

describe("Site check", () => {
  it("accepts minimal valid Site inputs and returns them unchanged", async () => {
    const r = await provider.check({}, valid);
    expect(r.failures).toEqual([]);
    expect(r.inputs).toEqual(valid);
  });

  it.each([
    [{ name: "" }, "name", 'name must not be empty (got "").'],
    [{ name: undefined }, "name", "name is required (Site needs a string)."],
    [{ connectorId: "nyc-connector" }, "connectorId", "connectorId must be a Magic Connector id: 32 lowercase hexadecimal characters"],
    [{ haMode: "yes" }, "haMode", "haMode must be true or false"],
    [
      { secondaryConnectorId: CONNECTOR_B },
      "secondaryConnectorId",
      "secondaryConnectorId is only used in high availability mode; set haMode: true",
    ],
    [
      { haMode: true, connectorId: CONNECTOR_A, secondaryConnectorId: CONNECTOR_A },
      "secondaryConnectorId",
      "secondaryConnectorId must differ from connectorId",
    ],
    [
      { location: { lat: "91.5" } },
      "location.lat",
      'location.lat must be a latitude in decimal degrees between -90 and 90, such as "37.6192" (got "91.5").',
    ],
    [{ location: { lon: "east" } }, "location.lon", "location.lon must be a longitude in decimal degrees between -180 and 180"],
    [{ location: { lat: 37.6 } }, "location.lat", "location.lat must be a string (got 37.6)."],
    [{ locaton: {} }, "locaton", "locaton is not a property of Site; did you mean location?"],
  ] as Array<[Record<string, unknown>, string, string]>)("rejects %j on %s with a sentence naming it", async (override, property, text) => {
    const f = await failures(provider, valid, override);
    const hit = f.find((x) => x.property === property);
    expect(hit?.reason).toContain(text);
  });

  it("does not validate values that are unknown during preview", async () => {
    expect(
      await failures(provider, valid, { name: UNKNOWN, haMode: UNKNOWN, secondaryConnectorId: CONNECTOR_B, location: UNKNOWN }),
    ).toEqual([]);
  });
});

/** State as the API leaves it: server defaults filled, the user's input paths recorded. */
function created(inputs: Record<string, unknown>, defaults: Record<string, unknown>, paths: string[]) {
  return { ...defaults, ...inputs, accountId: ACCOUNT, __inputPaths: paths };
}

describe("Site diff", () => {
  it("shows no change when only server defaults differ (haMode)", async () => {
    const s = created(valid, { haMode: false }, ["name"]);
    expect((await provider.diff("id", s, valid)).changes).toBe(false);
  });

  it("updates in place for updatable fields", async () => {
    const s = created(valid, { haMode: false }, ["name"]);
    expect(await provider.diff("id", s, { ...valid, description: "x", location: { lat: "1" } })).toMatchObject({
      changes: true,
      replaces: [],
    });
  });

  it("updates a site in place when haMode changes (the current API takes ha_mode on PUT)", async () => {
    const s = created({ ...valid, haMode: false }, {}, ["name", "haMode"]);
    const d = await provider.diff("id", s, { ...valid, haMode: true });
    expect(d).toMatchObject({ changes: true, replaces: [] });
    expect(d.deleteBeforeReplace).toBeFalsy();
  });
});
