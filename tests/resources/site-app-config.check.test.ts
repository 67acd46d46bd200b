import { DefinedProvider } from "../../provider/framework/provider";
import { UNKNOWN } from "../../shared/values";
import { definition as siteAppConfig } from "../../provider/resources/magic/site-app-config";
import { failures } from "./check-helpers";

const SITE = "023e105f4ecef8ad9ca31a8372d0c353";

// WAN ids are Cloudflare identifiers too.
const [W1, W2] = ["e0000000000000000000000000000001", "e0000000000000000000000000000002"];

const appConfig = new DefinedProvider(siteAppConfig);

const validConfig = { __token: "magic:SiteAppConfig", siteId: SITE, managedAppId: "cloudflare" };

/** State as the API leaves it: the inputs, server defaults and the paths the user set. */
function state(inputs: Record<string, unknown>, defaults: Record<string, unknown>) {
  const paths = Object.entries(inputs)
    .filter(([k]) => !k.startsWith("__"))
    .flatMap(([k, v]) => (v && typeof v === "object" && !Array.isArray(v) ? Object.keys(v).map((s) => `${k}.${s}`) : [k]));
  return { ...defaults, ...inputs, accountId: "0123456789abcdef0123456789abcdef", __inputPaths: paths };
}

describe("SiteAppConfig check", () => {
  it("accepts valid inputs in both forms", async () => {
    expect(await failures(appConfig, validConfig)).toEqual([]);
    expect(
      await failures(appConfig, {
        __token: "magic:SiteAppConfig",
        siteId: SITE,
        accountAppId: "ac60d3d0435248289d446cedd870bcf4",
        breakout: true,
        preferredWans: [W1, W2],
        priority: 1,
      }),
    ).toEqual([]);
    expect(await failures(appConfig, { ...validConfig, breakout: false, preferredWans: [], priority: 0 })).toEqual([]);
  });

  it.each([
    [
      { managedAppId: undefined },
      "accountAppId",
      'accountAppId or managedAppId is required: name the app this traffic decision is for (an account app id, or a managed app id such as "cloudflare").',
    ],
    [
      { accountAppId: "ac60d3d0435248289d446cedd870bcf4" },
      "managedAppId",
      "managedAppId cannot be set together with accountAppId: an app config is for one app, either an account app or a managed app.",
    ],
    [{ managedAppId: "" }, "managedAppId", 'managedAppId must be a managed app id such as "cloudflare" (not empty)'],
    [
      { preferredWans: [W1] },
      "preferredWans",
      "preferredWans can only be set on a breakout rule: set breakout to true, or leave preferredWans out.",
    ],
    [{ breakout: false, preferredWans: [W1] }, "preferredWans", "can only be set on a breakout rule"],
    [
      { breakout: true, preferredWans: [W1, "wan2"] },
      "preferredWans.1",
      "preferredWans.1 must be the id of a WAN of the site: 32 lowercase hexadecimal characters",
    ],
    [
      { managedAppId: undefined, accountAppId: "my-app" },
      "accountAppId",
      'accountAppId must be a Magic account app id: 32 lowercase hexadecimal characters (got "my-app").',
    ],
    [{ priority: 2 }, "priority", "priority must be 0 (the default) or 1 (prioritized); Cloudflare supports only these two (got 2)."],
    [{ priority: 0.5 }, "priority", "priority must be 0 (the default) or 1 (prioritized)"],
    [{ priority: "1" }, "priority", "priority must be a number"],
    [{ breakout: "true" }, "breakout", "breakout must be true or false"],
    [{ siteId: undefined }, "siteId", "siteId is required"],
    [{ managedAppID: "x" }, "managedAppID", "managedAppID is not a property of SiteAppConfig; did you mean managedAppId?"],
  ])("rejects %j on %s with a sentence naming it", async (override, property, text) => {
    const f = await failures(appConfig, { ...validConfig, ...override });
    const hit = f.find((x) => x.property === property);
    expect(hit?.reason).toContain(text);
  });

  it("skips the cross-field rules while a value they need is unknown", async () => {
    expect(await failures(appConfig, { ...validConfig, managedAppId: UNKNOWN })).toEqual([]);
    expect(await failures(appConfig, { ...validConfig, managedAppId: undefined, accountAppId: UNKNOWN })).toEqual([]);
    expect(await failures(appConfig, { ...validConfig, breakout: UNKNOWN, preferredWans: [W1] })).toEqual([]);
    expect(await failures(appConfig, { ...validConfig, preferredWans: UNKNOWN, priority: UNKNOWN })).toEqual([]);
  });
});

describe("SiteAppConfig diff", () => {
  it("shows no change when only the server's default priority is in state", async () => {
    const d = await appConfig.diff("id1", state(validConfig, { priority: 0 }), validConfig);
    expect(d).toMatchObject({ changes: false, replaces: [] });
  });

  it("updates in place when the app, breakout, preferred WANs or priority change", async () => {
    const olds = state({ ...validConfig, breakout: true, preferredWans: [W1] }, { priority: 0 });
    for (const news of [
      { ...validConfig, managedAppId: undefined, accountAppId: "ac60d3d0435248289d446cedd870bcf4", breakout: true, preferredWans: [W1] },
      { ...validConfig, breakout: true, preferredWans: [W2, W1] },
      { ...validConfig, breakout: true, preferredWans: [W1], priority: 1 },
      { ...validConfig },
    ]) {
      expect(await appConfig.diff("id1", olds, news)).toMatchObject({ changes: true, replaces: [] });
    }
  });

  it("replaces on a new site without deleting first (the old site keeps no clash)", async () => {
    const d = await appConfig.diff("id1", state(validConfig, { priority: 0 }), {
      ...validConfig,
      siteId: "fedcba9876543210fedcba9876543210",
    });
    expect(d.replaces).toEqual(["siteId"]);
    expect(d.deleteBeforeReplace).toBeFalsy();
  });
});
