import { defineResource } from "../../framework/define";
import { path } from "../../client";
import { permission } from "../../permissions";
import { anyUnknown } from "../../framework/check";
import { isPlainObject } from "../../../shared/values";
import { contains, parseIPv4, parsePrefix } from "../../../shared/ip";
import {
  interfaceAddress127,
  interconnectInterfaceAddress,
  ipAddress,
  mtu,
  customerAddresses,
  tunnelBgp,
  timestamps,
  withCustomerAddresses,
  z,
} from "../common/fields";
import { HC_TARGET_HEADER, healthCheckFromApi, healthCheckInput, healthCheckState, healthCheckToApi } from "../common/health-check";

/**
 * Cloudflare interconnect (CNI/PNI GRE tunnel): Cloudflare API "Magic Transit > CF Interconnects" (its "Update interconnect" page).
 * Cloudflare creates these; the API offers list, get and PUT
 * only, so the resource adopts one by id and manages the settings of the update body.
 */
/** Where a bidirectional health check's source may be: RFC 1918, 169.254.240.0/20, 198.41.199.224/27 (official SDK). */
const SOURCE_RANGES = ["10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16", "169.254.240.0/20", "198.41.199.224/27"].map((c) =>
  parsePrefix(c)!,
);

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
    interconnectId: z.string().min(1).max(32).meta({
      description: "The id of the interconnect Cloudflare created (see `getCfInterconnects()`). A change adopts another interconnect.",
      // The id in the item path: another id is another interconnect, so a change adopts it and lets go of the old one.
      path: true,
    }),
    name: z.string().min(1).optional().meta({
      description: "Interconnect name, unique among the account's interconnects.",
      defaultDoc: "the name Cloudflare gave it",
      alwaysSet: false,
    }),
    description: z.string().optional().meta({ description: "Free-text description." }),
    automaticReturnRouting: z.boolean().optional().meta({ description: "Enable automatic stateful return routing.", default: false }),
    gre: z
      .strictObject({
        cloudflareEndpoint: ipAddress()
          .optional()
          .meta({ description: "The IP address of the Cloudflare side of the interconnect's GRE tunnel." }),
      })
      .optional()
      .meta({ description: "GRE settings of the interconnect." }),
    // The reference's interconnect health check has no `direction`; the official SDK adds it and
    // `source` (the address bidirectional checks come from).
    healthCheck: healthCheckInput(true)
      .extend({
        source: healthCheckSource().optional().meta({
          description:
            'The IPv4 address bidirectional checks come from: required with `direction: "bidirectional"`, not allowed otherwise; inside RFC 1918 space, 169.254.240.0/20 or 198.41.199.224/27. Version 1.5 interconnects only.',
          defaultDoc: "none",
        }),
      })
      .meta({
        args: "InterconnectHealthCheckArgs",
        description: "An interconnect's health check: the tunnel health check, plus the `source` of bidirectional checks.",
      })
      .optional()
      .meta({ description: "Health check settings." }),
    // Official SDK only (the reference has no `bgp` on interconnects). Deprecated SDK fields
    // (`as_no`, read-only endpoints) are left out.
    bgp: tunnelBgp()
      .partial()
      .meta({ args: "InterconnectBgpArgs", description: "BGP on an interconnect: the tunnel BGP settings, every one optional." })
      .optional()
      .meta({
        description:
          "BGP settings of the interconnect (customer ASN, extra prefixes, MD5 key, filter profiles); the MD5 key is kept secret in state.",
        defaultDoc: "unchanged",
        alwaysSet: false,
      }),
    interfaceAddress: interconnectInterfaceAddress().optional().meta({
      linkSubnet: true,
      description:
        'A /31 or /30 from 10.0.0.0/8, 172.16.0.0/12, 192.168.0.0/16 or 169.254.240.0/20, written with the address of Cloudflare\'s side (your side takes the other usable address, `customerAddress`); a version 1.5 interconnect takes a /31 only, which may also come from the account\'s authorized prefixes. The API documentation ("Update interconnect"): "For GRE Interconnects, a /30 or /31 prefix may be used. Version 1.5 interconnects require a /31 prefix and may also use a prefix from the account\'s authorized prefixes; otherwise, select the subnet from RFC 1918 or the approved link-local ranges."',
    }),
    interfaceAddress6: interfaceAddress127()
      .optional()
      .meta({ description: "An IPv6 /127 from your virtual_subnet6, e.g. `2606:54c1:7:0:a9fe:12d2:1:200/127`.", linkSubnet: true }),
    mtu: mtu().optional().meta({ description: "MTU in bytes, at least 576.", default: 1476 }),
  }),
  outputs: z.object({
    healthCheck: healthCheckState()
      .extend({ source: z.string().optional().meta({ description: "The IPv4 address bidirectional checks come from." }) })
      .meta({ state: "InterconnectHealthCheckState", description: "An interconnect's health check as Cloudflare stores it (output)." })
      .optional(),
    ...customerAddresses(),
    coloName: z.string().optional().meta({ description: "The colocation facility of the interconnect, e.g. `pni_ord`." }),
    virtualPortReservationId: z
      .string()
      .optional()
      .meta({ description: "Correlates this interconnect with its V2 CNI interconnect resource." }),
    createdOn: timestamps().createdOn.optional(),
    modifiedOn: timestamps().modifiedOn.optional(),
  }),
  // "[source] is required when direction is bidirectional and must be omitted (and is cleared) when direction is unidirectional."
  rules: (inputs) => {
    const hc = inputs.healthCheck;
    if (!isPlainObject(hc) || anyUnknown(hc.direction, hc.source)) return [];
    if (hc.direction === "bidirectional" && hc.source === undefined) {
      return [
        ["healthCheck.source", "is required when healthCheck.direction is bidirectional: it is the IPv4 address the checks come from"],
      ];
    }
    if (hc.direction !== "bidirectional" && hc.source !== undefined) {
      return [
        [
          "healthCheck.source",
          'is only used when healthCheck.direction is bidirectional; leave it out (or set direction: "bidirectional")',
        ],
      ];
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
    permission: permission("tunnels", "edit"),
  },
  codegen: {
    collection: "cfInterconnects",
    plural: "Cloudflare interconnects",
    role: "interconnect",
    label: (ic) => [ic.name, ic.coloName, ic.id].find((v) => typeof v === "string"),
  },
  lifecycle: { kind: "adopted", idInput: "interconnectId" },
  toApi: healthCheckToApi,
  fromApi: (outputs) => withCustomerAddresses(healthCheckFromApi(outputs)),
});
