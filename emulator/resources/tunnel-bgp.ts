/**
 * BGP filter profile references on GRE and IPsec tunnels' `bgp` (in the official SDK, not in the
 * reference): `import_filter_id` (applied to routes received from the customer) and
 * `export_filter_id` (applied to routes advertised to the customer). Both are Cloudflare
 * identifiers: 32 lowercase hexadecimal characters.
 */
import { type Check, type Rules, invalid } from "../validate";

export const FILTER_ID_FIELDS = ["import_filter_id", "export_filter_id"] as const;

const identifier: Check = (v, p) =>
  typeof v === "string" && /^[0-9a-f]{32}$/.test(v)
    ? undefined
    : invalid(p, "must be a BGP filter profile id (32 lowercase hexadecimal characters)");

export const filterIdRules: Rules = {
  import_filter_id: { checks: [identifier] },
  export_filter_id: { checks: [identifier] },
};
