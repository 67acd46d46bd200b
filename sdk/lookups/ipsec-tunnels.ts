import type { IpsecTunnelInfo } from "../magic/generated/ipsec-tunnel";
import { type LookupArgs, listOf } from "./lookup";

/** An IPsec tunnel as the API reports it; the API never returns the PSK. */
export type { IpsecTunnelInfo } from "../magic/generated/ipsec-tunnel";

/**
 * Lists the account's IPsec tunnels.
 *
 * @example
 * ```ts
 * const tunnels = await magic.getIpsecTunnels();
 * const endpoints = tunnels.map((t) => t.cloudflareEndpoint);
 * ```
 */
export function getIpsecTunnels(args: LookupArgs = {}): Promise<IpsecTunnelInfo[]> {
  return listOf<IpsecTunnelInfo>("magic:IpsecTunnel", args);
}
