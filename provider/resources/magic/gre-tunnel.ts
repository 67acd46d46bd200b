import { defineResource } from "../../framework/define";
import { path } from "../../client";
import { permission } from "../../permissions";
import {
  bgpStatus,
  customerAddresses,
  interfaceAddress127,
  ipv4Address,
  mtu,
  timestamps,
  tunnelInterfaceAddress,
  tunnelBgp,
  tunnelName,
  withCustomerAddresses,
  z,
} from "../common/fields";
import { HC_TARGET_HEADER, healthCheckFromApi, healthCheckInput, healthCheckState, healthCheckToApi } from "../common/health-check";

/** GRE tunnel: Cloudflare API "Magic Transit > GRE Tunnels". */
export const definition = defineResource({
  token: "magic:GreTunnel",
  kind: "GreTunnel",
  inputs: z.strictObject({
    name: tunnelName().meta({
      description: "Tunnel name: up to 15 letters, digits or underscores, unique among the account's GRE tunnels.",
      // "cannot share a name with another GRE tunnel".
      unique: true,
    }),
    cloudflareGreEndpoint: ipv4Address().meta({
      description:
        "The IP address assigned to the Cloudflare side of the tunnel (your Cloudflare-assigned anycast endpoint). The API's own name, kept here; `IpsecTunnel` and the `TransitOnramp` component call the same thing `cloudflareEndpoint`.",
    }),
    customerGreEndpoint: ipv4Address().meta({
      description: "The IP address of your side of the tunnel (the API's name; `customerEndpoint` in `TransitOnramp`).",
    }),
    interfaceAddress: tunnelInterfaceAddress(),
    interfaceAddress6: interfaceAddress127()
      .optional()
      .meta({ description: "An IPv6 /127 from your virtual_subnet6, e.g. `2606:54c1:7:0:a9fe:12d2:1:200/127`.", linkSubnet: true }),
    description: z.string().optional().meta({ description: "Free-text description." }),
    automaticReturnRouting: z.boolean().optional().meta({ description: "Enable automatic stateful return routing.", default: false }),
    mtu: mtu().optional().meta({ description: "MTU in bytes, at least 576.", default: 1476 }),
    ttl: z.number().int().min(1).max(255).optional().meta({ description: "Time To Live in hops.", default: 64 }),
    healthCheck: healthCheckInput(true).optional().meta({ description: "Health check settings." }),
    // The update body in the spec has no `bgp`: BGP settings are set at creation only.
    bgp: tunnelBgp()
      .optional()
      .meta({ description: "BGP session over the tunnel (creation only: a change replaces the tunnel).", createOnly: true }),
  }),
  outputs: z.object({
    ...customerAddresses(),
    healthCheck: healthCheckState(),
    bgpStatus: bgpStatus().optional(),
    ...timestamps(),
  }),
  api: {
    envelope: "v4",
    collection: ({ accountId }) => path`/accounts/${accountId}/magic/gre_tunnels`,
    item: ({ accountId }, id) => path`/accounts/${accountId}/magic/gre_tunnels/${id}`,
    headers: HC_TARGET_HEADER,
    wrappers: { list: "gre_tunnels", get: "gre_tunnel", update: "modified_gre_tunnel", delete: "deleted_gre_tunnel" },
    update: "PUT",
    permission: permission("tunnels", "edit"),
    validateOnly: true,
  },
  codegen: { collection: "greTunnels", plural: "GRE tunnels", role: "gre" },
  lifecycle: {
    kind: "object",
    // Names are unique per account: a create whose answer was lost is found again by name.
    isSameObject: (tunnel, inputs) => tunnel.name === inputs.name,
  },
  toApi: healthCheckToApi,
  fromApi: (outputs) => withCustomerAddresses(healthCheckFromApi(outputs)),
});
