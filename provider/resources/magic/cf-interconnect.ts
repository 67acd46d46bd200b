import { defineResource } from "../../framework/define";
import { path } from "../../client";
import { interfaceAddress127, interfaceAddress31, ipAddress, mtu, withCustomerAddresses, z } from "../fields";
import { HC_TARGET_HEADER, healthCheckFromApi, healthCheckInput, healthCheckToApi } from "./health-check";

/**
 * Cloudflare interconnect (CNI/PNI GRE tunnel): magic-02-cf-interconnects.md and
 * page-update-cf-interconnect.txt. Cloudflare creates these; the API offers list, get and PUT
 * only, so the resource adopts one by id and manages the settings of the update body.
 */
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
    // The interconnect health check is the shared HealthCheck type, which has no `direction`.
    healthCheck: healthCheckInput(false).optional(),
    interfaceAddress: interfaceAddress31().optional(),
    interfaceAddress6: interfaceAddress127().optional(),
    mtu: mtu().optional(),
  }),
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
