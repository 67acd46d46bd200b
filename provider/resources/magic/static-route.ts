import { defineResource } from "../../framework/define";
import { isPlainObject } from "../../../shared/values";
import { path } from "../../client";
import { canonical } from "../../../shared/ip";
import { cidr, ipAddress, timestamps, z } from "../common/fields";

/** ECMP scope of a route: the colos or colo regions it applies in. */
const scope = () =>
  z
    .strictObject({
      coloNames: z.array(z.string().min(1)).optional().meta({ description: 'Colo names, e.g. `["den01"]`.', unordered: true }),
      coloRegions: z.array(z.string().min(1)).optional().meta({ description: 'Colo regions, e.g. `["APAC"]`.', unordered: true }),
    })
    .meta({
      args: "StaticRouteScopeArgs",
      description: "ECMP scope of a static route: the Cloudflare colos or colo regions it applies in.",
    });

/** A route's inputs; RouteTable entries use the same schema. */
export const routeInputs = z.strictObject({
  // Any address, link-local included (cloud VPN gateways use 169.254.x.x next hops): whether a
  // tunnel of the account holds it is Cloudflare's to check (emulator/README.md, "Live behaviours").
  nexthop: ipAddress().meta({
    description:
      "The next-hop IP address: an address inside the interface address of one of the account's GRE or IPsec tunnels, interconnects or CNIs, usually your side of it (its `customerAddress`, e.g. `10.212.0.9` of `10.212.0.8/31`, or `169.254.244.1` of an AWS VPN's `169.254.244.2/30`). Cloudflare refuses a nexthop no tunnel holds, so the tunnel must exist first: write `nexthop: tunnel.customerAddress`, or give a literal address and the option `dependsOn: [tunnel]`.",
  }),
  prefix: cidr().meta({ description: "The destination prefix in CIDR notation, with no host bits set, e.g. `192.0.2.0/24`." }),
  // The API schema types both as integers; "lower values have greater priority".
  priority: z
    .number()
    .int()
    .min(0)
    .meta({ description: "Priority, an integer >= 0: lower values win; routes for a prefix with equal priority share traffic (ECMP)." }),
  description: z.string().optional().meta({ description: "Free-text description." }),
  // Cloudflare documents 256 as the largest weight. "The API does not allow to reset weights when
  // the attribute isn't sent" (Terraform provider v2.22-v4, schema_cloudflare_static_route.go, which
  // made it ForceNew), and documents no value that clears one: a removed weight replaces the route.
  weight: z.number().int().min(0).max(256).optional().meta({
    description:
      "Weight within its ECMP group (0-256): higher weights get a larger share of the traffic. Cloudflare keeps a weight an update leaves out, so removing it replaces the route (the new one is made before the old one is deleted).",
    keptWhenOmitted: true,
  }),
  scope: scope().optional().meta({ description: "Limit the route to some colos or colo regions (ECMP scope)." }),
});

/** Static route: Cloudflare API "Magic Transit > Routes". */
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
  // A route has no name. A create whose answer was lost is recognised by everything the program
  // says about it; a route equal in all of that routes traffic exactly like ours, so taking it
  // over is safer than sending the create again and leaving a stray duplicate.
  isSameObject: (route, inputs) =>
    sameAddress(route.prefix, inputs.prefix) &&
    sameAddress(route.nexthop, inputs.nexthop) &&
    route.priority === inputs.priority &&
    // Absent and 0 alike: the spec's example answers show `weight: 0` for routes created without one.
    (route.weight ?? 0) === (inputs.weight ?? 0) &&
    (route.description ?? "") === (inputs.description ?? "") &&
    sameScope(route.scope, inputs.scope),
});

/** One address or prefix however it is written (`2001:0DB8::1` is `2001:db8::1`). */
function sameAddress(live: unknown, wanted: unknown): boolean {
  return typeof live === "string" && typeof wanted === "string" && canonical(live) === canonical(wanted);
}

function sameScope(live: unknown, wanted: unknown): boolean {
  const l = isPlainObject(live) ? live : {};
  const w = isPlainObject(wanted) ? wanted : {};
  return sameList(l.colo_names, w.coloNames) && sameList(l.colo_regions, w.coloRegions);
}

/** Absent and empty lists are the same scope. */
function sameList(live: unknown, wanted: unknown): boolean {
  const a = Array.isArray(live) ? live : [];
  const b = Array.isArray(wanted) ? wanted : [];
  return a.length === b.length && a.every((x, i) => x === b[i]);
}
