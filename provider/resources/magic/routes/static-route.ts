import { defineResource } from "../../../framework/define";
import { path } from "../../../client";
import { permission } from "../../../permissions";
import { compareText } from "../../../../shared/values";
import { comparePrefixes } from "../../../../shared/ip";
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
    permission: permission("tunnels", "edit"),
    // The tunnel a new route's nexthop lies in may be new in the same run: a preview has not made it.
    validateOnly: { dependsOnRun: ["nexthop"] },
  },
  codegen: {
    collection: "routes",
    plural: "static routes",
    role: "route",
    label: (r) => `route ${String(r.prefix)} via ${String(r.nexthop)} priority ${String(r.priority)}`,
    // By destination (address family, address, length), then nexthop and priority.
    order: (a, b) =>
      comparePrefixes(String(a.prefix), String(b.prefix)) ||
      compareText(String(a.nexthop), String(b.nexthop)) ||
      Number(a.priority) - Number(b.priority),
    first: ["prefix", "nexthop", "priority", "weight"],
  },
  // Cloudflare takes two equal routes (an ECMP pair differs in nexthop; two equal ones are a mistake).
  lifecycle: { kind: "object", isSameObject: isSameRoute, duplicatesAccepted: true },
});
