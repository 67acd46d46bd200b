import { defineResource } from "../../framework/define";
import { resolveAccountId } from "../../framework/settings";
import { isPlainObject } from "../../framework/values";
import { path } from "../../client";
import { mtu, tunnelBgp, z } from "../fields";

/**
 * CNI (cni-network-interconnects.md): a Magic conduit on an interconnect, with optional BGP.
 * Cloudflare allocates the point-to-point link (`p2p_ip`, `cust_ip`). Updates go through PUT
 * with the whole object; the hosting interconnect cannot change, so a new one replaces the CNI.
 */
export const definition = defineResource({
  token: "cni:Cni",
  kind: "Cni",
  inputs: z.strictObject({
    /** "Customer account tag": the account the CNI is created in, unless given. */
    account: z.string().min(1).optional(),
    interconnect: z.string().min(1),
    magic: z.strictObject({
      conduitName: z.string().min(1),
      description: z.string(),
      mtu: mtu(),
    }),
    bgp: tunnelBgp().optional(),
  }),
  api: {
    envelope: "bare",
    collection: ({ accountId }) => path`/accounts/${accountId}/cni/cnis`,
    item: ({ accountId }, id) => path`/accounts/${accountId}/cni/cnis/${id}`,
    wrappers: {},
    update: "PUT",
    permission: "Magic WAN: Edit (or Magic Transit: Edit)",
  },
  replaceOn: ["interconnect"],
  // The spec has no unique field; a conduit name names one Magic conduit on its interconnect, so
  // the pair finds a CNI whose create answer was lost.
  identity: (cni, inputs) =>
    cni.interconnect === inputs.interconnect && isPlainObject(cni.magic) && isPlainObject(inputs.magic) && cni.magic.conduit_name === inputs.magic.conduitName,
  toApi: (body, inputs) => ({ ...body, account: body.account ?? resolveAccountId(inputs.accountId) }),
});
