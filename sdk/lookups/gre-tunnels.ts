import { type LookupArgs, listOf } from "./lookup";

/** A GRE tunnel as the API reports it (camelCase), with its id. */
export interface GreTunnelInfo {
  id: string;
  name: string;
  cloudflareGreEndpoint: string;
  customerGreEndpoint: string;
  interfaceAddress: string;
  interfaceAddress6?: string;
  description?: string;
  mtu?: number;
  ttl?: number;
  automaticReturnRouting?: boolean;
  healthCheck?: { enabled?: boolean; rate?: string; type?: string; direction?: string; target?: string; effectiveTarget?: string };
  bgp?: { customerAsn: number; extraPrefixes?: string[]; md5Key?: string; importFilterId?: string; exportFilterId?: string };
  bgpStatus?: { state: string; tcpEstablished: boolean; updatedAt: string };
  createdOn?: string;
  modifiedOn?: string;
  accountId: string;
}

/**
 * Lists the account's GRE tunnels.
 *
 * @example
 * ```ts
 * const tunnels = await magic.getGreTunnels();
 * const names = tunnels.map((t) => t.name);
 * ```
 */
export function getGreTunnels(args: LookupArgs = {}): Promise<GreTunnelInfo[]> {
  return listOf<GreTunnelInfo>("magic:GreTunnel", args);
}
