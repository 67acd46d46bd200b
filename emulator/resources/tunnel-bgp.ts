/**
 * The `bgp` settings of GRE tunnels, IPsec tunnels and Cloudflare interconnects: one shape, one set
 * of rules. `customer_asn` is an ASN (1..4294967295), `extra_prefixes` CIDRs, `md5_key` a key the
 * live API takes (see `md5Key`). The BGP filter profile references are in the official SDK, not in
 * the reference: `import_filter_id` (applied to routes received from the customer) and
 * `export_filter_id` (applied to routes advertised to the customer), both Cloudflare identifiers
 * (32 lowercase hexadecimal characters).
 */
import { type Check, type FieldRule, type JsonObject, arrayOf, cidr, integer, invalid, md5Key } from "../validate";

export interface TunnelBgp {
  customer_asn: number;
  extra_prefixes?: string[];
  md5_key?: string;
  import_filter_id?: string;
  export_filter_id?: string;
}

const BGP_FIELDS: ReadonlyArray<keyof TunnelBgp> = ["customer_asn", "extra_prefixes", "md5_key", "import_filter_id", "export_filter_id"];

const identifier: Check = (v, p) =>
  typeof v === "string" && /^[0-9a-f]{32}$/.test(v)
    ? undefined
    : invalid(p, "must be a BGP filter profile id (32 lowercase hexadecimal characters)");

/** The rule of a `bgp` object; tunnels require the customer's ASN in it, interconnects do not. */
export function bgpRule(asnRequired: boolean): FieldRule {
  return {
    fields: {
      customer_asn: { required: asnRequired, checks: [integer({ min: 1, max: 4294967295 })] },
      extra_prefixes: { checks: [arrayOf(cidr)] },
      md5_key: { checks: [md5Key] },
      import_filter_id: { checks: [identifier] },
      export_filter_id: { checks: [identifier] },
    },
  };
}

/** A valid requested `bgp` as stored: only its own fields, null ones counting as not set. */
export function bgpOf(requested: JsonObject): TunnelBgp {
  return Object.fromEntries(
    Object.entries(requested).filter(([k, v]) => (BGP_FIELDS as readonly string[]).includes(k) && v !== null),
  ) as unknown as TunnelBgp;
}
