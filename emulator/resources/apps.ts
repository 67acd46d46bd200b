/**
 * Magic WAN apps (Cloudflare API "Magic Transit > Apps"): `/accounts/:account_id/magic/apps[/:account_app_id]`.
 *
 * - The list answers the account's apps (`account_app_id`) followed by a fixed catalogue of
 *   Cloudflare's managed apps (`managed_app_id`), as the spec's union type shows. Managed apps are
 *   not in the store and cannot be changed: PUT/PATCH/DELETE on their ids are 404s like any id
 *   that is not an account app.
 * - There is no single-app GET (the path answers 405).
 * - Create: `name` and `type` are required non-empty strings. `hostnames`: FQDNs (a leading `*.`
 *   is accepted). `ip_subnets`, `source_subnets`: IPv4 CIDR prefixes with no host bits set; IPv6
 *   is refused ("IPv6 CIDRs are currently unsupported"). No defaults: unset lists are absent.
 * - PUT replaces the app: omitted lists are removed, omitted `name`/`type` keep their value (an
 *   app always has both). PATCH changes only the given fields. Every verb answers the app itself.
 * - No `validate_only` (the spec does not offer it for apps). Unknown body fields are ignored.
 */
import type { Router } from "../router";
import { type StoredObject, newId } from "../store";
import { type Check, type JsonObject, type Rules, arrayOf, invalid, parseCidr } from "../validate";
import { serveCollection } from "./objects";

export interface App extends StoredObject {
  name: string;
  type: string;
  hostnames?: string[];
  ip_subnets?: string[];
  source_subnets?: string[];
}

/** Cloudflare-defined apps every account sees in its list (stable ids, so tests can name them). */
export const MANAGED_APPS: readonly JsonObject[] = [
  {
    managed_app_id: "cf0000000000000000000000000000a1",
    name: "Cloudflare Dashboard",
    type: "Development",
    hostnames: ["dash.cloudflare.com"],
  },
  {
    managed_app_id: "cf0000000000000000000000000000a2",
    name: "Microsoft 365",
    type: "Productivity",
    hostnames: ["outlook.office365.com", "teams.microsoft.com"],
  },
  {
    managed_app_id: "cf0000000000000000000000000000a3",
    name: "Zoom",
    type: "Video Conferencing",
    hostnames: ["zoom.us"],
    ip_subnets: ["170.114.0.0/16"],
  },
];

const LIST_FIELDS = ["hostnames", "ip_subnets", "source_subnets"] as const;

const nonEmptyString: Check = (v, p) => (typeof v === "string" && v !== "" ? undefined : invalid(p, "must be a non-empty string"));

const fqdn: Check = (v, p) => {
  const name = typeof v === "string" ? (v.startsWith("*.") ? v.slice(2) : v) : "";
  const labels = name.split(".");
  const fine = name.length <= 253 && labels.length >= 2 && labels.every((l) => /^[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?$/.test(l));
  return fine ? undefined : invalid(p, "must be a fully qualified domain name");
};

const ipv4Cidr: Check = (v, p) => {
  const parsed = typeof v === "string" ? parseCidr(v) : undefined;
  if (!parsed) return invalid(p, "must be a valid IPv4 CIDR prefix, e.g. 192.0.2.0/24");
  if (parsed.version !== 4) return invalid(p, "must be an IPv4 CIDR prefix: IPv6 CIDRs are currently unsupported");
  if ((parsed.address & ((1n << BigInt(32 - parsed.prefix)) - 1n)) !== 0n)
    return invalid(p, "must not have host bits set (use the network address)");
  return undefined;
};

function rules(operation: "create" | "update"): Rules {
  return {
    name: { required: operation === "create", checks: [nonEmptyString] },
    type: { required: operation === "create", checks: [nonEmptyString] },
    hostnames: { checks: [arrayOf(fqdn)] },
    ip_subnets: { checks: [arrayOf(ipv4Cidr)] },
    source_subnets: { checks: [arrayOf(ipv4Cidr)] },
  };
}

/** `base` holds what the body leaves out; `clearLists` drops lists the body omits (PUT). */
function buildApp(body: JsonObject, base: App, clearLists: boolean): App {
  const app: App = { ...base };
  if (typeof body.name === "string") app.name = body.name;
  if (typeof body.type === "string") app.type = body.type;
  for (const field of LIST_FIELDS) {
    const v = body[field];
    if (Array.isArray(v)) app[field] = v as string[];
    else if (clearLists || v === null) delete app[field];
  }
  return app;
}

function render(app: App): JsonObject {
  const { id, ...rest } = app;
  return { account_app_id: id, ...Object.fromEntries(Object.entries(rest).filter(([, v]) => v !== undefined)) };
}

export function register(router: Router): void {
  serveCollection<App>(router, {
    collection: "apps",
    label: "App",
    path: "/accounts/:account_id/magic/apps",
    idParam: "account_app_id",
    verbs: ["list", "create", "put", "patch", "delete"],
    product: "magicWan",
    rules,
    build: (body, existing) => buildApp(body, existing ?? { id: newId(), name: "", type: "" }, true),
    patch: (body, existing) => buildApp(body, existing, false),
    render,
    answers: { list: (apps) => [...apps, ...MANAGED_APPS] },
  });
}
