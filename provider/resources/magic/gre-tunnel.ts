import { defineResource } from "../../framework/define";
import { path } from "../../client";
import { interfaceAddress127, interfaceAddress31, ipv4Address, mtu, tunnelBgp, tunnelName, withCustomerAddresses, z } from "../common/fields";
import { HC_TARGET_HEADER, healthCheckFromApi, healthCheckInput, healthCheckToApi } from "../common/health-check";

/** GRE tunnel: Cloudflare API "Magic Transit > GRE Tunnels". */
export const definition = defineResource({
  token: "magic:GreTunnel",
  kind: "GreTunnel",
  inputs: z.strictObject({
    name: tunnelName(),
    cloudflareGreEndpoint: ipv4Address(),
    customerGreEndpoint: ipv4Address(),
    interfaceAddress: interfaceAddress31(),
    interfaceAddress6: interfaceAddress127().optional(),
    description: z.string().optional(),
    automaticReturnRouting: z.boolean().optional(),
    mtu: mtu().optional(),
    ttl: z.number().int().min(1).max(255).optional(),
    healthCheck: healthCheckInput(true).optional(),
    bgp: tunnelBgp().optional(),
  }),
  api: {
    envelope: "v4",
    collection: ({ accountId }) => path`/accounts/${accountId}/magic/gre_tunnels`,
    item: ({ accountId }, id) => path`/accounts/${accountId}/magic/gre_tunnels/${id}`,
    headers: HC_TARGET_HEADER,
    wrappers: { list: "gre_tunnels", get: "gre_tunnel", update: "modified_gre_tunnel", delete: "deleted_gre_tunnel" },
    update: "PUT",
    permission: "Magic Transit: Edit (or Magic WAN: Edit)",
    validateOnly: true,
  },
  // The update body in the spec has no `bgp`: BGP settings are set at creation only.
  createOnly: ["bgp"],
  // Names are unique per account: a create whose answer was lost is found again by name.
  isSameObject: (tunnel, inputs) => tunnel.name === inputs.name,
  toApi: healthCheckToApi,
  fromApi: (outputs) => withCustomerAddresses(healthCheckFromApi(outputs)),
});

