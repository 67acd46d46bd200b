import { defineResource } from "../../framework/define";
import { path } from "../../client";
import { anyUnknown } from "../../framework/check";
import { isPlainObject } from "../../framework/values";
import { contains, parseIPv4, parsePrefix } from "../../../shared/ip";
import { asn, bgpFilterId, cidr, interfaceAddress127, interfaceAddress31, ipAddress, md5Key, mtu, withCustomerAddresses, z } from "../common/fields";
import { HC_TARGET_HEADER, healthCheckFromApi, healthCheckInput, healthCheckToApi } from "../common/health-check";

/**
 * Cloudflare interconnect (CNI/PNI GRE tunnel): Cloudflare API "Magic Transit > CF Interconnects" (its "Update interconnect" page).
 * Cloudflare creates these; the API offers list, get and PUT
 * only, so the resource adopts one by id and manages the settings of the update body.
 */
/** Where a bidirectional health check's source may be: RFC 1918, 169.254.240.0/20, 198.41.199.224/27 (official SDK). */
const SOURCE_RANGES = ["10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16", "169.254.240.0/20", "198.41.199.224/27"].map((c) => parsePrefix(c)!);

const healthCheckSource = () =>
  z.string().refine((s) => {
    const a = parseIPv4(s);
    return a !== undefined && SOURCE_RANGES.some((r) => contains(r, a));
  }, "must be an IPv4 address inside RFC 1918 space (10.0.0.0/8, 172.16.0.0/12, 192.168.0.0/16), 169.254.240.0/20 or 198.41.199.224/27");

export const definition = defineResource({
  token: "magic:CfInterconnect",
  kind: "CfInterconnect",
  inputs: z.strictObject({
    /** The id of the interconnect Cloudflare made ("Identifier", maxLength 32). */
    interconnectId: z.string().min(1).max(32),
    name: z.string().min(1).optional(),
    description: z.string().optional(),
    automaticReturnRouting: z.boolean().optional(),
    gre: z.strictObject({ cloudflareEndpoint: ipAddress().optional() }).optional(),
    // The reference's interconnect health check has no `direction`; the official SDK adds it and
    // `source` (the address bidirectional checks come from).
    healthCheck: healthCheckInput(true).extend({ source: healthCheckSource().optional() }).optional(),
    // Official SDK only (the reference has no `bgp` on interconnects). Deprecated SDK fields
    // (`as_no`, read-only endpoints) are left out.
    bgp: z
      .strictObject({
        customerAsn: asn().optional(),
        extraPrefixes: z.array(cidr()).optional(),
        md5Key: md5Key().optional(),
        importFilterId: bgpFilterId().optional(),
        exportFilterId: bgpFilterId().optional(),
      })
      .optional(),
    interfaceAddress: interfaceAddress31().optional(),
    interfaceAddress6: interfaceAddress127().optional(),
    mtu: mtu().optional(),
  }),
  // "[source] is required when direction is bidirectional and must be omitted (and is cleared) when direction is unidirectional."
  rules: (inputs) => {
    const hc = inputs.healthCheck;
    if (!isPlainObject(hc) || anyUnknown(hc.direction, hc.source)) return [];
    if (hc.direction === "bidirectional" && hc.source === undefined) {
      return [["healthCheck.source", "is required when healthCheck.direction is bidirectional: it is the IPv4 address the checks come from"]];
    }
    if (hc.direction !== "bidirectional" && hc.source !== undefined) {
      return [["healthCheck.source", "is only used when healthCheck.direction is bidirectional; leave it out (or set direction: \"bidirectional\")"]];
    }
    return [];
  },
  api: {
    envelope: "v4",
    collection: ({ accountId }) => path`/accounts/${accountId}/magic/cf_interconnects`,
    item: ({ accountId }, id) => path`/accounts/${accountId}/magic/cf_interconnects/${id}`,
    headers: HC_TARGET_HEADER,
    wrappers: { list: "interconnects", get: "interconnect", update: "modified_interconnect" },
    update: "PUT",
    permission: "Magic Transit: Edit (or Magic WAN: Edit)",
  },
  adopt: { idInput: "interconnectId" },
  // Another id is another interconnect: adopt it, and let go of the old one.
  replaceOn: ["interconnectId"],
  toApi: healthCheckToApi,
  fromApi: (outputs) => withCustomerAddresses(healthCheckFromApi(outputs)),
});
