import type { GreTunnelInfo } from "../magic/generated/gre-tunnel";
import { type LookupArgs, listOf } from "./lookup";

export type { GreTunnelInfo } from "../magic/generated/gre-tunnel";

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
