import { defineResource } from "../../../framework/define";
import { path } from "../../../client";
import { timestamps, z } from "../../common/fields";
import { isSameRoute, routeInputs } from "./route";

/** Static route: Cloudflare API "Magic Transit > Routes". RouteTable keeps a set of these through this definition's endpoints. */
export const definition = defineResource({
  token: "magic:StaticRoute",
  kind: "StaticRoute",
  inputs: routeInputs,
  outputs: z.object(timestamps()),
  api: {
    envelope: "v4",
    collection: ({ accountId }) => path`/accounts/${accountId}/magic/routes`,
    item: ({ accountId }, id) => path`/accounts/${accountId}/magic/routes/${id}`,
    wrappers: { list: "routes", get: "route", update: "modified_route", delete: "deleted_route" },
    update: "PUT",
    // "Update Many Routes": only fields that change need be given; merged over each route.
    bulkUpdate: { wrapper: "modified_routes" },
    permission: "Magic Transit: Edit (or Magic WAN: Edit)",
    // The tunnel a new route's nexthop lies in may be new in the same run: a preview has not made it.
    validateOnly: { dependsOnRun: ["nexthop"] },
  },
  lifecycle: { kind: "object", isSameObject: isSameRoute },
});
