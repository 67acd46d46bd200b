import { defineResource } from "../../framework/define";
import { path } from "../../client";
import { permission } from "../../permissions";
import { asn, z } from "../common/fields";

const settingsPath = ({ accountId }: { accountId: string }) => path`/accounts/${accountId}/cni/settings`;

/**
 * The account's CNI settings (Cloudflare API "Network Interconnects > Settings"): one object per account,
 * read with GET and changed with PUT at the same path. A settings singleton: its id is the account
 * id, create (or an import) records the values found (output `restoreOnDelete`) before putting the
 * desired ones, and delete puts the recorded values back.
 */
export const definition = defineResource({
  token: "cni:CniSettings",
  kind: "CniSettings",
  inputs: z.strictObject({
    defaultAsn: asn().meta({ description: "The account's default ASN for Network Interconnects (1-4294967295)." }),
  }),
  outputs: z.object({
    // Recorded by the framework on create (a singleton's take-over), never read from the API.
    restoreOnDelete: z
      .object({ defaultAsn: z.number().optional() })
      .optional()
      .meta({ description: "The values found when this resource took the settings over; put back on delete.", local: true }),
  }),
  api: {
    envelope: "bare",
    collection: settingsPath,
    // One object per account: the id (the account id) is not part of the path.
    item: (ctx, _id) => settingsPath(ctx),
    wrappers: {},
    update: "PUT",
    permission: permission("cni", "edit"),
  },
  lifecycle: { kind: "singleton" },
  state: {
    version: 1,
    upgrades: {
      // Version 1 state always records what destroy puts back. Release 0.1.0 imported the settings
      // without recording it: nothing was recorded, so that state says so (`{}`: destroy puts
      // nothing back), and a refresh does not mistake the values this stack set for the ones it
      // found.
      0: (state) => ({ restoreOnDelete: {}, ...state }),
    },
  },
});
