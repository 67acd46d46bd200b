import { defineResource } from "../../framework/define";
import { path } from "../../client";
import { permission } from "../../permissions";
import { isNetworkAddress, parsePrefix } from "../../../shared/ip";
import { z } from "../common/fields";

/** "IPv4 CIDRs to associate with traffic decisions. (IPv6 CIDRs are currently unsupported)" */
export const ipv4Cidr = () =>
  z.string().refine((s) => {
    const p = parsePrefix(s);
    return p !== undefined && p.family === 4 && isNetworkAddress(p);
  }, "must be an IPv4 prefix in CIDR notation with no host bits set, such as 192.0.2.0/24 (IPv6 is not supported)");

/**
 * "FQDNs to associate with traffic decisions": two or more dot-separated labels of letters,
 * digits and hyphens (no hyphen at either end of a label), 253 characters at most. A leading `*.` is let
 * through: the spec does not say whether wildcards are accepted, and refusing a value the API
 * takes would block users while the reverse only surfaces as an API error.
 */
export const fqdn = () =>
  z.string().refine((s) => {
    const name = s.startsWith("*.") ? s.slice(2) : s;
    const labels = name.split(".");
    if (name.length > 253 || labels.length < 2) return false;
    return labels.every((label) => /^[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?$/.test(label));
  }, "must be a fully qualified domain name such as auth.example.com");

const LIST_FIELDS = [
  ["hostnames", "hostnames"],
  ["ipSubnets", "ip_subnets"],
  ["sourceSubnets", "source_subnets"],
] as const;

/** Magic WAN account app: Cloudflare API "Magic Transit > Apps". */
export const definition = defineResource({
  token: "magic:App",
  kind: "App",
  inputs: z.strictObject({
    name: z.string().min(1).meta({ description: "Display name for the app." }),
    type: z.string().min(1).meta({ description: 'Category of the app, e.g. `"Development"`.' }),
    hostnames: z
      .array(fqdn())
      .optional()
      .meta({ description: 'FQDNs to associate with traffic decisions, e.g. `["auth.example.com"]`.', default: [], unordered: true }),
    ipSubnets: z.array(ipv4Cidr()).optional().meta({
      description: "Destination IPv4 prefixes (CIDR, no host bits) to associate with traffic decisions. IPv6 is not supported.",
      default: [],
      unordered: true,
    }),
    sourceSubnets: z.array(ipv4Cidr()).optional().meta({
      description: "Source IPv4 prefixes (CIDR, no host bits) to associate with traffic decisions. IPv6 is not supported.",
      default: [],
      unordered: true,
    }),
  }),
  api: {
    envelope: "v4",
    collection: ({ accountId }) => path`/accounts/${accountId}/magic/apps`,
    item: ({ accountId }, id) => path`/accounts/${accountId}/magic/apps/${id}`,
    // Every verb answers the app itself (the list: an array that also holds Cloudflare's managed apps).
    wrappers: {},
    // The spec offers PUT and PATCH with the same body; PUT with the whole object lets a removed input go.
    update: "PUT",
    // There is no single-app GET.
    read: "list",
    idField: "account_app_id",
    permission: permission("sites", "edit"),
  },
  // The apps list also holds Cloudflare's managed apps (with a `managed_app_id`): referenced by id, never declared.
  codegen: { collection: "apps", plural: "apps", role: "app", managed: (app) => typeof app.managed_app_id === "string" },
  lifecycle: {
    kind: "object",
    duplicatesAccepted: true,
    // Nothing about an app is unique. A create whose answer was lost is recognised by everything
    // the program says about it: an app equal in all of that makes the same traffic decisions.
    isSameObject: (app, inputs) =>
      app.name === inputs.name && app.type === inputs.type && LIST_FIELDS.every(([camel, snake]) => sameList(app[snake], inputs[camel])),
  },
});

/** Absent and empty lists are the same. */
function sameList(live: unknown, wanted: unknown): boolean {
  const a = Array.isArray(live) ? live : [];
  const b = Array.isArray(wanted) ? wanted : [];
  return a.length === b.length && a.every((x, i) => x === b[i]);
}
