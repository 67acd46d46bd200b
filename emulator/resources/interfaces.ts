/**
 * Tunnel interface addresses across the account: what a route's nexthop must point into, what two
 * tunnels may not share, and which side of an interface address is the customer's.
 *
 * - A route's nexthop must lie inside the interface subnet of an existing tunnel (Terraform
 *   provider commit 11d91df "Ensure nexthop IPs match interface address subnets": its static route
 *   tests had to create the tunnel first and point the nexthop into its /31). GRE and IPsec tunnels
 *   and Cloudflare interconnects hold interface addresses; a CNI's point-to-point link
 *   (`p2p_ip`/`cust_ip`) is counted too, since routes over a CNI point at its customer end
 *   (evidence is silent there: counting it keeps the emulator no stricter than the API).
 * - GRE and IPsec tunnels may not share (overlap) an interface address: the Terraform acceptance
 *   tests give every GRE and IPsec tunnel of their shared account its own address "to avoid
 *   conflicts". Interconnects are Cloudflare's, and nothing public says they conflict: not checked.
 * - The customer side of an interface address: the other host of a /31, the other usable host of
 *   a /30 (the address given is Cloudflare's side), per the "Tunnel health checks" reference.
 * - Deleting a tunnel that routes still point at is not refused: nothing public says it is.
 */
import { type CfError, Codes, cfError } from "../envelope";
import type { Store, StoredObject } from "../store";
import { type Cidr, parseCidr } from "../validate";

interface Holder {
  collection: string;
  label: string;
  /** Fields holding an interface address (`a.b/len`), IPv4 first. */
  fields: string[];
}

const HOLDERS: Holder[] = [
  { collection: "gre_tunnels", label: "GRE tunnel", fields: ["interface_address", "interface_address6"] },
  { collection: "ipsec_tunnels", label: "IPsec tunnel", fields: ["interface_address", "interface_address6"] },
  { collection: "cf_interconnects", label: "interconnect", fields: ["interface_address", "interface_address6"] },
  { collection: "cni_cnis", label: "CNI", fields: ["cust_ip"] },
];

/** Tunnels whose interface addresses may not overlap. */
const UNIQUE_AMONG = new Set(["gre_tunnels", "ipsec_tunnels"]);

export interface InterfaceOwner {
  collection: string;
  label: string;
  id: string;
  name: string;
  /** The subnet (network address and prefix length). */
  subnet: Cidr;
}

/** The network of an address with a prefix length: `10.0.0.1/31` -> 10.0.0.0/31. */
export function subnetOf(text: string): Cidr | undefined {
  const c = parseCidr(text);
  if (!c) return undefined;
  const hostBits = BigInt((c.version === 4 ? 32 : 128) - c.prefix);
  return { ...c, address: (c.address >> hostBits) << hostBits };
}

function inside(subnet: Cidr, address: Cidr): boolean {
  if (subnet.version !== address.version) return false;
  const hostBits = BigInt((subnet.version === 4 ? 32 : 128) - subnet.prefix);
  return address.address >> hostBits === subnet.address >> hostBits;
}

function overlap(a: Cidr, b: Cidr): boolean {
  return a.prefix <= b.prefix ? inside(a, b) : inside(b, a);
}

/** The subnets an object's interface address fields describe. */
function subnetsOf(object: Record<string, unknown>, fields: string[]): Array<{ field: string; subnet: Cidr }> {
  return fields.flatMap((field) => {
    const value = object[field];
    const subnet = typeof value === "string" ? subnetOf(value) : undefined;
    return subnet ? [{ field, subnet }] : [];
  });
}

function owners(store: Store, accountId: string, collections?: Set<string>): InterfaceOwner[] {
  return HOLDERS.filter((h) => !collections || collections.has(h.collection)).flatMap((h) =>
    store.list(accountId, h.collection).flatMap((o) =>
      subnetsOf(o, h.fields).map(({ subnet }) => ({
        collection: h.collection,
        label: h.label,
        id: o.id,
        name: typeof o.name === "string" ? o.name : o.id,
        subnet,
      })),
    ),
  );
}

/** The tunnel (or interconnect, or CNI) whose interface subnet holds `nexthop`, if any. */
export function nexthopOwner(store: Store, accountId: string, nexthop: string): InterfaceOwner | undefined {
  const address = parseCidr(`${nexthop}/${nexthop.includes(":") ? 128 : 32}`);
  return address && owners(store, accountId).find((o) => inside(o.subnet, address));
}

/**
 * A 1003 for each interface address of `candidate` (a GRE or IPsec tunnel about to be stored, its
 * fields at `base`) that overlaps another tunnel's; `pending` are the tunnels the same request
 * writes (a bulk PUT), compared with their new addresses.
 */
export function interfaceConflicts(
  store: Store,
  accountId: string,
  collection: string,
  candidate: StoredObject,
  pending: StoredObject[],
  base: string,
): CfError[] {
  return sharedInterfaces(store, accountId, collection, candidate, pending).map(({ field, other }) =>
    cfError(
      Codes.DUPLICATE,
      `${field} ${String(candidate[field])} overlaps the interface address of ${other.label} "${other.name}"`,
      `${base}/${field}`,
    ),
  );
}

function sharedInterfaces(
  store: Store,
  accountId: string,
  collection: string,
  candidate: StoredObject,
  pending: StoredObject[],
): Array<{ field: string; other: InterfaceOwner }> {
  const holder = HOLDERS.find((h) => h.collection === collection)!;
  const changed = new Set([candidate.id, ...pending.map((p) => p.id)]);
  const others = [
    ...owners(store, accountId, UNIQUE_AMONG).filter((o) => !changed.has(o.id)),
    ...pending
      .filter((p) => p.id !== candidate.id)
      .flatMap((p) =>
        subnetsOf(p, holder.fields).map(({ subnet }) => ({
          collection,
          label: holder.label,
          id: p.id,
          name: typeof p.name === "string" ? p.name : p.id,
          subnet,
        })),
      ),
  ];
  return subnetsOf(candidate, holder.fields).flatMap(({ field, subnet }) => {
    const other = others.find((o) => overlap(o.subnet, subnet));
    return other ? [{ field, other }] : [];
  });
}

/** The customer side of an IPv4 interface address (`10.0.0.8/31` -> `10.0.0.9`); undefined for other lengths. */
export function customerSide(interfaceAddress: string | undefined): string | undefined {
  const c = interfaceAddress === undefined ? undefined : parseCidr(interfaceAddress);
  if (!c || c.version !== 4 || (c.prefix !== 31 && c.prefix !== 30)) return undefined;
  const own = Number(c.address);
  const network = own - (own % 2 ** (32 - c.prefix));
  const other = c.prefix === 31 ? (own === network ? network + 1 : network) : own === network + 1 ? network + 2 : network + 1;
  return [24, 16, 8, 0].map((shift) => (other >>> shift) & 255).join(".");
}

/** The address part of a parsed prefix, as text (`10.0.0.0`, `2001:db8::` spelled out in full groups). */
export function formatCidrAddress(c: Cidr): string {
  if (c.version === 4) return [24, 16, 8, 0].map((shift) => Number((c.address >> BigInt(shift)) & 255n)).join(".");
  return Array.from({ length: 8 }, (_, i) => ((c.address >> BigInt(112 - 16 * i)) & 0xffffn).toString(16)).join(":");
}
