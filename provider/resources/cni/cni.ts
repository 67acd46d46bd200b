import { defineResource } from "../../framework/define";
import { resolveAccountId } from "../../framework/settings";
import { isPlainObject } from "../../../shared/values";
import { path } from "../../client";
import { permission } from "../../permissions";
import { asn, cidr, md5Key, mtu, withCniCustomerAddress, z } from "../common/fields";

type Props = Record<string, unknown>;

/** `bgp_mode`, as the official SDK declares it (the reference does not list the field). */
const CNI_BGP_MODES = ["dynamic_route_exchange", "advertise_only"] as const;

/** BGP on a CNI. */
const cniBgp = () =>
  z
    .strictObject({
      customerAsn: asn().meta({ description: "ASN used on the customer end of the BGP session (1-4294967295)." }),
      extraPrefixes: z.array(cidr()).optional().meta({
        description: "Extra static prefixes advertised to your end of the session.",
        default: [],
        defaultDoc: "[] (sent as `[]`: the API requires the field)",
        unordered: true,
      }),
      md5Key: md5Key().optional().meta({
        description:
          'MD5 key for session authentication (against misconfiguration, not a security measure): printable ASCII without `"`, `?`, tabs or line breaks.',
        secret: true,
        noun: "BGP MD5 key",
      }),
    })
    .meta({ args: "CniBgpArgs", description: "BGP on a CNI. Only `md5Key` is secret, so a preview shows what else changed." });

const item = ({ accountId }: { accountId: string }, id: string) => path`/accounts/${accountId}/cni/cnis/${id}`;

/**
 * `bgp` as the API wants it: `extra_prefixes` is required whenever `bgp` is sent, so `[]` when
 * none are given. A `bgp` without `customer_asn` is what is left of a removed session (server
 * filled fields such as `extra_prefixes: []`): no session, so no `bgp`.
 */
function bgpBody(bgp: unknown): Props | undefined {
  if (!isPlainObject(bgp) || bgp.customer_asn === undefined) return undefined;
  return { ...bgp, extra_prefixes: bgp.extra_prefixes ?? [] };
}

/**
 * CNI (Cloudflare API "Network Interconnects"): a Magic conduit on an interconnect, with optional BGP.
 * Cloudflare allocates the point-to-point link (`p2p_ip`, `cust_ip`). Updates go through PUT
 * with the whole object, as the reference and the official SDK (`CNIUpdateParams`) require: `id`,
 * `account`, `cust_ip` and `p2p_ip` (the live link from the last read), `interconnect`, `magic`,
 * `bgp` (with `extra_prefixes`) and `bgp_mode`. The hosting interconnect cannot change, so a new
 * one replaces the CNI. `bgp_mode` is only in the SDK, and only in its update params: create
 * leaves it out and, when the program sets it, one PUT right after create applies it.
 */
export const definition = defineResource({
  token: "cni:Cni",
  kind: "Cni",
  inputs: z.strictObject({
    // `account` is where the CNI lives: Cloudflare cannot move a CNI to another account in place
    // (the update's `account` must be the one in the path), so a change makes a new one there.
    account: z
      .string()
      .min(1)
      .optional()
      .meta({ description: '"Customer account tag".', defaultDoc: "the account the CNI is created in", replaces: true, isAccount: true }),
    interconnect: z.string().min(1).meta({
      description: "The interconnect hosting the CNI: an `Interconnect`'s `id` (its name). Changing it replaces the CNI.",
      replaces: true,
      ref: "cni:Interconnect",
    }),
    magic: z
      .strictObject({
        conduitName: z.string().min(1).meta({ description: "Name of the Magic conduit; unique among the CNIs of the interconnect." }),
        description: z.string().meta({ description: "Free-text description (may be empty)." }),
        mtu: mtu().meta({ description: "MTU of the conduit in bytes, at least 576." }),
      })
      .meta({ args: "CniMagicArgs", description: "The Magic side of a CNI: the conduit that carries its traffic." })
      .meta({ description: "The Magic conduit." }),
    bgp: cniBgp().optional().meta({ description: "BGP session over the link; leave out for static routing." }),
    bgpMode: z.enum(CNI_BGP_MODES).optional().meta({
      description:
        'How the BGP session exchanges routes: `"dynamic_route_exchange"` (routes learned from your side are used) or `"advertise_only"` (Cloudflare only advertises). The create endpoint does not take it, so a new CNI with `bgpMode` costs one more request (a PUT right after create); changing it updates in place.',
      defaultDoc: "Cloudflare's",
      alwaysSet: false,
    }),
  }),
  outputs: z.object({
    // The API always answers with `extra_prefixes` (sent as `[]` when not given).
    bgp: z
      .object({
        customerAsn: z.number(),
        extraPrefixes: z.array(z.string()),
        md5Key: z.string().optional(),
      })
      .optional()
      .meta({ description: "BGP settings as Cloudflare holds them (the MD5 key kept secret)." }),
    p2pIp: z.string().meta({ description: "Cloudflare's end of the point-to-point link, e.g. `100.64.0.0/31`.", linkSubnet: true }),
    custIp: z.string().meta({ description: "Your end of the point-to-point link, in the same /31 as `p2pIp`.", linkSubnet: true }),
    customerAddress: z.string().optional().meta({
      description:
        "Your end of the link as an address (`custIp` without its prefix length, e.g. `100.64.0.1` for `100.64.0.1/31`): the `nexthop` of static routes over this CNI. Absent while `custIp` and `p2pIp` name one address.",
    }),
  }),
  api: {
    envelope: "bare",
    collection: ({ accountId }) => path`/accounts/${accountId}/cni/cnis`,
    item,
    wrappers: {},
    update: "PUT",
    permission: permission("cni", "edit"),
  },
  codegen: {
    collection: "cnis",
    plural: "CNIs",
    role: "cni",
    label: (c) => {
      const conduit = isPlainObject(c.magic) ? c.magic.conduitName : undefined;
      return typeof conduit === "string" ? conduit : `cni ${String(c.id).slice(0, 8)}`;
    },
  },
  lifecycle: {
    kind: "object",
    // The spec has no unique field; a conduit name names one Magic conduit on its interconnect, so
    // the pair finds a CNI whose create answer was lost.
    isSameObject: (cni, inputs) =>
      cni.interconnect === inputs.interconnect &&
      isPlainObject(cni.magic) &&
      isPlainObject(inputs.magic) &&
      cni.magic.conduit_name === inputs.magic.conduitName,
    // Create cannot carry bgp_mode: set it with the whole-object PUT once the link is allocated.
    afterCreate: async (op, id, outputs, inputs) => {
      if (inputs.bgpMode === undefined || outputs.bgpMode === inputs.bgpMode) return {};
      const magic = inputs.magic as Props;
      const bgp = inputs.bgp as Props | undefined;
      const body = {
        id,
        account: outputs.account,
        cust_ip: outputs.custIp,
        p2p_ip: outputs.p2pIp,
        interconnect: outputs.interconnect,
        magic: { conduit_name: magic.conduitName, description: magic.description, mtu: magic.mtu },
        ...(bgp ? { bgp: bgpBody({ customer_asn: bgp.customerAsn, extra_prefixes: bgp.extraPrefixes, md5_key: bgp.md5Key }) } : {}),
        bgp_mode: inputs.bgpMode,
      };
      const answer = await op.request<Props>({ method: "PUT", path: item(op.ctx, id), body });
      return { bgpMode: isPlainObject(answer) ? answer.bgp_mode : undefined };
    },
  },
  fromApi: withCniCustomerAddress,
  toApi: (body: Props, inputs: Props, update?: { id: string; olds: Props }) => {
    const { bgp_mode, ...rest } = body;
    const { bgp, ...others } = rest;
    const session = bgpBody(bgp);
    const common = { ...others, account: body.account ?? resolveAccountId(inputs.accountId), ...(session ? { bgp: session } : {}) };
    if (!update) return common;
    return {
      id: update.id,
      ...common,
      cust_ip: update.olds.custIp,
      p2p_ip: update.olds.p2pIp,
      ...(bgp_mode !== undefined ? { bgp_mode } : {}),
    };
  },
});
