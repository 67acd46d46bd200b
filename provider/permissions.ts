/**
 * The API token permissions each family of endpoints accepts (the reference's "Accepted
 * Permissions (at least one required)": "Magic WAN Write", "Magic Transit Write"), named as the
 * dashboard shows them, the product most users of those endpoints hold first. Every message that
 * names a permission words it from here: a 401/403 names what to grant, a command what to create.
 */

const PRODUCTS = {
  transit: { edit: "Magic Transit: Edit", read: "Magic Transit Read" },
  wan: { edit: "Magic WAN: Edit", read: "Magic WAN Read" },
  pcaps: { edit: "Magic Firewall Packet Captures - Write PCAPs API", read: "Magic Firewall Packet Captures - Read PCAPs API" },
} as const;

const FAMILIES = {
  /** GRE and IPsec tunnels, static routes, Cloudflare interconnects. */
  tunnels: ["transit", "wan"],
  /** Sites and everything under them, apps, connectors and their telemetry. */
  sites: ["wan"],
  /** Network Interconnects: interconnects, CNIs, slots, settings. */
  cni: ["wan", "transit"],
  /** Packet captures and their buckets. */
  pcaps: ["pcaps"],
} as const;

export type Family = keyof typeof FAMILIES;
export type Access = "edit" | "read";

/** The permission a token needs for `family`, the others that also do in brackets: "Magic Transit: Edit (or Magic WAN: Edit)". */
export function permission(family: Family, access: Access): string {
  const [first, ...others] = FAMILIES[family].map((p) => PRODUCTS[p][access]);
  return others.length ? `${first} (or ${others.join(" or ")})` : first;
}

/** The permissions any one of which lets a token do `access` on `family`: "Magic Transit Read or Magic WAN Read". */
export function anyPermission(family: Family, access: Access): string {
  return FAMILIES[family].map((p) => PRODUCTS[p][access]).join(" or ");
}
