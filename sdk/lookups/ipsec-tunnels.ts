import { type LookupArgs, listOf } from "./lookup";

/** An IPsec tunnel as the API reports it (camelCase), with its id. The API never returns the PSK. */
export interface IpsecTunnelInfo {
  id: string;
  name: string;
  cloudflareEndpoint: string;
  interfaceAddress: string;
  customerEndpoint?: string;
  interfaceAddress6?: string;
  description?: string;
  automaticReturnRouting?: boolean;
  replayProtection?: boolean;
  allowNullCipher?: boolean;
  customRemoteIdentities?: { fqdnId?: string };
  healthCheck?: { enabled?: boolean; rate?: string; type?: string; direction?: string; target?: string; effectiveTarget?: string };
  bgp?: { customerAsn: number; extraPrefixes?: string[]; md5Key?: string; importFilterId?: string; exportFilterId?: string };
  bgpStatus?: { state: string; tcpEstablished: boolean; updatedAt: string };
  pskMetadata?: { lastGeneratedOn?: string };
  createdOn?: string;
  modifiedOn?: string;
  accountId: string;
}

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
