import type { CfInterconnectInfo } from "../magic/generated/cf-interconnect";
import { type LookupArgs, listOf, oneOf } from "./lookup";

export type { CfInterconnectInfo } from "../magic/generated/cf-interconnect";

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
