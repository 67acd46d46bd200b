import { anyUnknown } from "../../framework/check";
import { defineResource } from "../../framework/define";
import { permission } from "../../permissions";
import { identifier, nonEmpty, z } from "../common/fields";
import { siteChildPaths } from "./site";

/** Site app configuration (a traffic decision for one app): Cloudflare API "Magic Transit > Sites > App Configuration". */
export const definition = defineResource({
  token: "magic:SiteAppConfig",
  kind: "SiteAppConfig",
  inputs: z.strictObject({
    siteId: identifier("a site id").meta({
      ref: "magic:Site",
      description: "The Magic WAN site the configuration belongs to (a change replaces it).",
      path: true,
    }),
    accountAppId: identifier("a Magic account app id")
      .optional()
      .meta({ description: "A Magic account app id (an app you defined). Set this or `managedAppId`, not both.", ref: "magic:App" }),
    managedAppId: nonEmpty('a managed app id such as "cloudflare"')
      .optional()
      .meta({ description: 'A managed app id (an app Cloudflare defines, e.g. `"cloudflare"`). Set this or `accountAppId`, not both.' }),
    breakout: z.boolean().optional().meta({
      description: "Whether to break the app's traffic out to its endpoints directly instead of through Cloudflare.",
      defaultDoc: "Cloudflare's default behaviour (not set)",
      alwaysSet: false,
    }),
    preferredWans: z
      .array(identifier("the id of a WAN of the site").meta({ ref: "magic:SiteWan" }))
      .optional()
      .meta({
        description: "WAN ids of the site to prefer over the default WANs, highest priority first. Only allowed when `breakout` is `true`.",
      }),
    // "0 is default, anything greater is prioritized. (Currently only 0 and 1 are supported)"
    priority: z
      .number()
      .refine((n) => n === 0 || n === 1, "must be 0 (the default) or 1 (prioritized); Cloudflare supports only these two")
      .optional()
      .meta({ description: "Traffic priority: `0` (normal) or `1` (prioritized); Cloudflare supports only these.", default: 0 }),
  }),
  rules: (inputs) => {
    const failures: Array<[string, string]> = [];
    const { accountAppId, managedAppId, breakout, preferredWans } = inputs;
    // The create body is one of two forms: { account_app_id, ... } or { managed_app_id, ... }.
    if (!anyUnknown(accountAppId, managedAppId)) {
      if (accountAppId === undefined && managedAppId === undefined) {
        failures.push([
          "accountAppId",
          'or managedAppId is required: name the app this traffic decision is for (an account app id, or a managed app id such as "cloudflare")',
        ]);
      } else if (accountAppId !== undefined && managedAppId !== undefined) {
        failures.push([
          "managedAppId",
          "cannot be set together with accountAppId: an app config is for one app, either an account app or a managed app",
        ]);
      }
    }
    // "Can only be specified for breakout rules (breakout must be true)."
    if (!anyUnknown(breakout, preferredWans) && Array.isArray(preferredWans) && preferredWans.length > 0 && breakout !== true) {
      failures.push(["preferredWans", "can only be set on a breakout rule: set breakout to true, or leave preferredWans out"]);
    }
    return failures;
  },
  api: {
    envelope: "v4",
    ...siteChildPaths("app_configs"),
    // Every verb's result is the app config itself (the AccountApp or ManagedApp form).
    wrappers: {},
    // PUT, not PATCH: an input the user removes (breakout, preferredWans) must be cleared.
    update: "PUT",
    // The spec has no single-item GET: an app config is read from the site's list.
    read: "list",
    permission: permission("sites", "edit"),
  },
  codegen: {
    collection: "siteAppConfigs",
    plural: "site app configs",
    role: "app",
    // Named after its app: the name of the managed app (its id when the list has no such app), or of the account's app.
    label: (c, nameOf) =>
      typeof c.managedAppId === "string"
        ? (nameOf("magic:App", c.managedAppId) ?? c.managedAppId)
        : (nameOf("magic:App", c.accountAppId) ?? `app_${String(c.accountAppId).slice(0, 8)}`),
  },
  lifecycle: {
    kind: "object",
    // A site has one traffic decision per app, so a lost create is recognised by its app.
    isSameObject: (config, inputs) =>
      inputs.accountAppId !== undefined ? config.account_app_id === inputs.accountAppId : config.managed_app_id === inputs.managedAppId,
  },
  // The API refuses preferred WANs on a non-breakout rule. Check rejects that for the user's own
  // inputs, so here they can only be live values the user never set: turning breakout off drops them.
  toApi: (body) => {
    if (body.breakout !== true) delete body.preferred_wans;
    return body;
  },
});
