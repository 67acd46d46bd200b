import { type LookupArgs, listOf, oneOf } from "./lookup";

/** A Cloudflare interconnect as the API reports it (camelCase), with its id. */
export interface CfInterconnectInfo {
  id: string;
  name?: string;
  coloName?: string;
  description?: string;
  automaticReturnRouting?: boolean;
  gre?: { cloudflareEndpoint?: string };
  healthCheck?: { enabled?: boolean; rate?: string; type?: string; direction?: "unidirectional" | "bidirectional"; source?: string; target?: string; effectiveTarget?: string };
  bgp?: { customerAsn?: number; extraPrefixes?: string[]; md5Key?: string; importFilterId?: string; exportFilterId?: string };
  interfaceAddress?: string;
  interfaceAddress6?: string;
  mtu?: number;
  virtualPortReservationId?: string;
  createdOn?: string;
  modifiedOn?: string;
  accountId: string;
}

/**
 * Lists the account's interconnects (Cloudflare creates them; adopt one with `CfInterconnect`).
 *
 * @example
 * ```ts
 * const ics = await magic.getCfInterconnects();
 * const ord = ics.find((i) => i.coloName === "pni_ord");
 * ```
 */
export function getCfInterconnects(args: LookupArgs = {}): Promise<CfInterconnectInfo[]> {
  return listOf<CfInterconnectInfo>("magic:CfInterconnect", args);
}

/**
 * Gets one interconnect by id; fails when there is none.
 *
 * @example
 * ```ts
 * const ic = await magic.getCfInterconnect("c4a7362d577a6c3019a474fd6f485821");
 * ```
 */
export function getCfInterconnect(id: string, args: LookupArgs = {}): Promise<CfInterconnectInfo> {
  return oneOf<CfInterconnectInfo>("magic:CfInterconnect", id, args);
}
