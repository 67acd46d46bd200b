import { z } from "zod";
import { formatAddress, isNetworkAddress, linkSides, parseIP, parseIPv4, parsePrefix } from "../../../shared/ip";
import { cniCustomerEnd, interconnectInterfaceAddressProblem, tunnelInterfaceAddressProblem } from "../../../shared/rules";

/**
 * Field schemas shared by the resource definitions, with the rules copied from the API reference.
 * Messages are predicate phrases ("must be ..."): check prefixes them with the property name.
 */

export const ipv4Address = () => z.string().refine((s) => parseIPv4(s) !== undefined, "must be an IPv4 address such as 203.0.113.1");

export const ipAddress = () => z.string().refine((s) => parseIP(s) !== undefined, "must be an IPv4 or IPv6 address");

/** A prefix in CIDR notation with no host bits set, IPv4 or IPv6. */
export const cidr = () =>
  z.string().refine((s) => {
    const p = parsePrefix(s);
    return p !== undefined && isNetworkAddress(p);
  }, "must be a prefix in CIDR notation with no host bits set, such as 192.0.2.0/24");

/** A string field whose rule (shared/rules.ts) answers with a predicate phrase, or undefined when the value is good. */
const ruled = (problem: (s: string) => string | undefined) =>
  z.string().superRefine((s, ctx) => {
    const why = problem(s);
    if (why) ctx.addIssue({ code: "custom", message: why });
  });

/**
 * A GRE or IPsec tunnel's IPv4 interface address, with its doc: a /31 or /30 inside 10/8,
 * 172.16/12, 192.168/16 or 169.254.240.0/20, written with Cloudflare's side (see
 * tunnelInterfaceAddressProblem for the documentation it follows).
 */
export const tunnelInterfaceAddress = () =>
  ruled(tunnelInterfaceAddressProblem).meta({
    // GRE and IPsec tunnels may not share an interface address (emulator/README.md, "Live behaviours").
    unique: true,
    description:
      'A /31 (recommended) or /30 from 10.0.0.0/8, 172.16.0.0/12, 192.168.0.0/16 or 169.254.240.0/20, written with the address of Cloudflare\'s side, e.g. `10.212.0.8/31`; your side takes the other usable address (`customerAddress`). Cloudflare, "Configure tunnel endpoints" (https://developers.cloudflare.com/magic-transit/how-to/configure-tunnel-endpoints/): "A 31-bit (recommended) or 30-bit subnet (/31 or /30 in CIDR notation) supporting two hosts, one for each side of the tunnel." A /30 from 169.254.240.0/20 suits cloud VPNs such as AWS\'s: `169.254.244.2/30`, where AWS takes `169.254.244.1`.',
    linkSubnet: true,
  });

/** A Cloudflare interconnect's IPv4 interface address (see interconnectInterfaceAddressProblem). */
export const interconnectInterfaceAddress = () => ruled(interconnectInterfaceAddressProblem);

/** "A 127 bit IPV6 prefix ... with the address being the first IP of the subnet. Eg 2606:54c1:7:0:a9fe:12d2:1:200/127" */
export const interfaceAddress127 = () =>
  z.string().refine((s) => {
    const p = parsePrefix(s);
    return p !== undefined && p.family === 6 && p.length === 127 && isNetworkAddress(p);
  }, "must be an IPv6 /127 prefix written with the first address of the subnet, such as 2606:54c1:7:0:a9fe:12d2:1:200/127");

/** "The name cannot contain spaces or special characters, must be 15 characters or less." */
export const tunnelName = () =>
  z
    .string()
    .min(1)
    .max(15)
    .refine((s) => /^[A-Za-z0-9_]*$/.test(s), "must contain only letters, digits and underscores (no spaces or special characters)");

/** "Maximum Transmission Unit (MTU) in bytes ... The minimum value is 576." */
export const mtu = () => z.number().int().min(576);

/** A 32-bit ASN. */
export const asn = () => z.number().int().min(1).max(4294967295);

/**
 * "The MD5 key, if set, must be of non-zero length and consist only of ... any printable ASCII
 * character aside from newline, quotation mark, vertical tab, carriage return, tab, form feed,
 * and the question mark."
 */
export const md5Key = () =>
  z
    .string()
    .min(1)
    .refine(
      (s) => /^[\x20-\x7e]*$/.test(s) && !/["?]/.test(s),
      'must contain only printable ASCII characters other than the quotation mark (") and the question mark (?), and no tabs or line breaks',
    );

/** Cloudflare account ids are 32 hexadecimal characters. */
export const healthCheckRate = () => z.enum(["low", "mid", "high"]);
export const healthCheckType = () => z.enum(["reply", "request"]);

/** A BGP filter profile id (a Cloudflare identifier: 32 lowercase hexadecimal characters). */
export const bgpFilterId = () => z.string().regex(/^[0-9a-f]{32}$/, "must be a BGP filter profile id: 32 lowercase hexadecimal characters");

/**
 * BGP on a GRE or IPsec tunnel. `importFilterId` / `exportFilterId` are in the official SDK
 * (`bgp.import_filter_id`, `bgp.export_filter_id`), not in the reference.
 */
export const tunnelBgp = () =>
  z
    .strictObject({
      customerAsn: asn().meta({ description: "ASN used on the customer end of the BGP session (1-4294967295)." }),
      extraPrefixes: z
        .array(cidr())
        .optional()
        .meta({ description: "Prefixes advertised to your device in addition to the Magic routing table.", unordered: true }),
      md5Key: md5Key().optional().meta({
        description:
          'MD5 key for session authentication (against misconfiguration, not a security measure): printable ASCII without `"`, `?`, tabs or line breaks.',
        secret: true,
        noun: "BGP MD5 key",
      }),
      importFilterId: bgpFilterId().optional().meta({
        description: "Id of the BGP filter profile applied to routes received from your device (32 lowercase hexadecimal characters).",
        defaultDoc: "no import filter",
        alwaysSet: false,
      }),
      exportFilterId: bgpFilterId().optional().meta({
        description: "Id of the BGP filter profile applied to routes advertised to your device (32 lowercase hexadecimal characters).",
        defaultDoc: "no export filter",
        alwaysSet: false,
      }),
    })
    .meta({
      args: "TunnelBgpArgs",
      state: "TunnelBgpState",
      description:
        "BGP on a tunnel. On a `GreTunnel` it is set at creation only (the GRE update endpoint does not take it): changing it replaces the tunnel. On an `IpsecTunnel` it updates in place. Only `md5Key` is secret, so a preview shows what else changed.",
    });

/** BGP session status as Cloudflare reports it (output only). */
export const bgpStatus = () =>
  z
    .object({
      state: z.enum(["BGP_DOWN", "BGP_UP", "BGP_ESTABLISHING"]),
      tcpEstablished: z.boolean(),
      updatedAt: z.string(),
      bgpState: z.string().optional(),
      cfSpeakerIp: z.string().optional(),
      cfSpeakerPort: z.number().optional(),
      customerSpeakerIp: z.string().optional(),
      customerSpeakerPort: z.number().optional(),
    })
    .meta({ state: "BgpStatus", description: "BGP session status as Cloudflare reports it (output only)." });

/** When the object was created and last modified (outputs every API object has). */
export const timestamps = () => ({
  createdOn: z.string().meta({ description: "When the object was created (RFC 3339)." }),
  modifiedOn: z.string().meta({ description: "When the object was last modified (RFC 3339)." }),
});

/** The customer sides of a tunnel's interface addresses (see withCustomerAddresses). */
export const customerAddresses = () => ({
  customerAddress: z.string().meta({
    description:
      "The customer side of `interfaceAddress` (the other usable address of the /31 or /30; Cloudflare takes the one written): the `nexthop` of static routes over this tunnel, e.g. `10.212.0.9` for `10.212.0.8/31`, `169.254.244.1` for `169.254.244.2/30`.",
  }),
  customerAddress6: z
    .string()
    .optional()
    .meta({ description: "The customer side of `interfaceAddress6` (the other address of the /127), when one is set." }),
});

/** Re-export so definitions import one module for their schemas. */
export { z };

/**
 * Adds the customer side of a tunnel's interface addresses to its outputs: Cloudflare takes the
 * address written in `interfaceAddress` (a /31 or /30) and `interfaceAddress6` (a /127), the
 * customer's router the other usable one (`customerAddress`, `customerAddress6`), which is the
 * nexthop of routes over the tunnel. Computed on every create, read and refresh (so old state gets
 * them too); output-only, so they never cause a diff.
 */
export function withCustomerAddresses(outputs: Record<string, unknown>): Record<string, unknown> {
  const other = (v: unknown, family: 4 | 6): string | undefined => {
    const p = typeof v === "string" ? parsePrefix(v) : undefined;
    const sides = p?.family === family ? linkSides(p) : undefined;
    return sides ? formatAddress(family, sides.customer) : undefined;
  };
  const v4 = other(outputs.interfaceAddress, 4);
  const v6 = other(outputs.interfaceAddress6, 6);
  return { ...outputs, ...(v4 ? { customerAddress: v4 } : {}), ...(v6 ? { customerAddress6: v6 } : {}) };
}

/**
 * Adds `customerAddress` to a CNI's outputs: its `custIp` is the customer's end of the link written
 * with the link's prefix (`100.64.0.1/31`), refused as a route's nexthop; the address alone is the
 * nexthop, like a tunnel's `customerAddress` (see withCustomerAddresses; the rule is
 * shared/rules.ts cniCustomerEnd, which CniConnection's `nexthop` follows too). Left out while
 * `custIp` and `p2pIp` name one address. Computed on every create, read and refresh, output-only.
 */
export function withCniCustomerAddress(outputs: Record<string, unknown>): Record<string, unknown> {
  if (typeof outputs.custIp !== "string") return outputs;
  const end = cniCustomerEnd(outputs.custIp, typeof outputs.p2pIp === "string" ? outputs.p2pIp : undefined);
  return "address" in end ? { ...outputs, customerAddress: end.address } : outputs;
}

/** A Cloudflare "Identifier" (sites, LANs, WANs, connectors, account apps): 32 lowercase hexadecimal characters. */
export const identifier = (what: string) => z.string().regex(/^[0-9a-f]{32}$/, `must be ${what}: 32 lowercase hexadecimal characters`);

/** A non-empty string; the message names what belongs there. */
export const nonEmpty = (what: string) => z.string().refine((s) => s.length > 0, `must be ${what} (not empty)`);
