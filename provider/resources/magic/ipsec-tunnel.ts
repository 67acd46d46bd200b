import { defineResource, type Operation } from "../../framework/define";
import { isPlainObject } from "../../framework/values";
import { path } from "../../client";
import { interfaceAddress127, interfaceAddress31, ipAddress, tunnelBgp, withCustomerAddresses, z } from "../common/fields";
import { HC_TARGET_HEADER, healthCheckFromApi, healthCheckInput, healthCheckToApi } from "../common/health-check";

type Props = Record<string, unknown>;

const PERMISSION = "Magic Transit: Edit (or Magic WAN: Edit)";
const collection = ({ accountId }: { accountId: string }) => path`/accounts/${accountId}/magic/ipsec_tunnels`;
const item = ({ accountId }: { accountId: string }, id: string) => path`/accounts/${accountId}/magic/ipsec_tunnels/${id}`;

/**
 * "A custom IKE ID of type FQDN ... Must be of the form `<label>.<label>.custom.ipsec.cloudflare.com`"
 * (the spec prints `..custom.ipsec.cloudflare.com`: two labels before the fixed suffix).
 */
export const ipsecFqdnId = () =>
  z
    .string()
    .refine(
      (s) => /^[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?\.custom\.ipsec\.cloudflare\.com$/.test(s),
      "must be of the form <name>.<account>.custom.ipsec.cloudflare.com",
    );

/**
 * `POST .../ipsec_tunnels/{id}/psk_generate`: Cloudflare makes a new PSK, keeps it at its edge
 * and shows it once. Re-sending after a lost answer is safe: it only makes another PSK, and only
 * the one we receive is kept. Sent as the reference and the official SDK (`pskGenerate`) send it:
 * no body and no `x-magic-new-hc-target` header (the endpoint has no health check to shape).
 */
async function generatePsk(op: Operation, id: string): Promise<Props> {
  const result = await op.api.request<Props>({
    method: "POST",
    path: `${item(op.ctx, id)}/psk_generate`,
    retrySafe: true,
    label: op.label,
    permission: PERMISSION,
  });
  if (!isPlainObject(result) || typeof result.psk !== "string" || result.psk === "") {
    throw new Error(`Cloudflare answered psk_generate for IPsec tunnel ${id} without a PSK.`);
  }
  const metadata = isPlainObject(result.psk_metadata) ? result.psk_metadata : {};
  return {
    psk: result.psk,
    pskMetadata: typeof metadata.last_generated_on === "string" ? { lastGeneratedOn: metadata.last_generated_on } : {},
  };
}

/** IPsec tunnel: Cloudflare API "Magic Transit > IPsec Tunnels". */
export const definition = defineResource({
  token: "magic:IpsecTunnel",
  kind: "IpsecTunnel",
  inputs: z.strictObject({
    /** "The name cannot share a name with other tunnels" (the spec gives no format rule for IPsec names). */
    name: z.string().min(1),
    cloudflareEndpoint: ipAddress(),
    interfaceAddress: interfaceAddress31(),
    customerEndpoint: ipAddress().optional(),
    interfaceAddress6: interfaceAddress127().optional(),
    description: z.string().optional(),
    automaticReturnRouting: z.boolean().optional(),
    replayProtection: z.boolean().optional(),
    customRemoteIdentities: z.strictObject({ fqdnId: ipsecFqdnId().optional() }).optional(),
    healthCheck: healthCheckInput(true).optional(),
    bgp: tunnelBgp().optional(),
    psk: z.string().min(1).optional(),
    /** Ours: any new value makes a new PSK (when `psk` is not given). */
    rotatePsk: z.union([z.string(), z.number()], { error: "must be a string or a number" }).optional(),
  }),
  api: {
    envelope: "v4",
    collection,
    item,
    headers: HC_TARGET_HEADER,
    wrappers: { list: "ipsec_tunnels", get: "ipsec_tunnel", update: "modified_ipsec_tunnel", delete: "deleted_ipsec_tunnel" },
    update: "PUT",
    permission: PERMISSION,
    validateOnly: true,
  },
  // The create and update bodies in the spec take the same fields: nothing is create-only.
  localInputs: ["rotatePsk"],
  // The API never returns the PSK: keep the last one we sent or were given.
  neverReadBack: ["psk", "pskMetadata"],
  // A tunnel adopted with `import` and no `psk` input has no PSK we know: an update generates one.
  madeAfterCreate: ["psk"],
  // Names are unique per account: a create whose answer was lost is found again by name.
  isSameObject: (tunnel, inputs) => tunnel.name === inputs.name,
  toApi: healthCheckToApi,
  fromApi: (outputs) => withCustomerAddresses(healthCheckFromApi(outputs)),
  afterCreate: async (op, id, _outputs, inputs) => (inputs.psk === undefined ? generatePsk(op, id) : {}),
  // A new PSK when the trigger changed, or when none is known yet (an earlier generation failed).
  afterUpdate: async (op, id, outputs, olds, news) =>
    news.psk === undefined && (outputs.psk === undefined || news.rotatePsk !== olds.rotatePsk) ? generatePsk(op, id) : {},
});
