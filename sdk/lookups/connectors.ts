import type { ConnectorInfo } from "../magic/generated/connector";
import { type LookupArgs, listOf, oneOf } from "./lookup";

export type { ConnectorInfo } from "../magic/generated/connector";

/** Device types the connectors list can be filtered by (the API's `device_type`). */
export const CONNECTOR_DEVICE_TYPES = ["MANAGED", "LICENSED"] as const;

export interface GetConnectorsArgs extends LookupArgs {
  /**
   * Only connectors of this device type: `"MANAGED"` (a Cloudflare-shipped device) or
   * `"LICENSED"` (a virtual connector on a provisioned license). @default every connector
   */
  deviceType?: (typeof CONNECTOR_DEVICE_TYPES)[number];
}

/**
 * Lists the account's Magic WAN Connectors, optionally only those of one device type.
 *
 * @example
 * ```ts
 * const connectors = await magic.getConnectors();
 * const silent = connectors.filter((c) => c.activated && !c.lastHeartbeat);
 * const virtual = await magic.getConnectors({ deviceType: "LICENSED" });
 * ```
 */
export function getConnectors(args: GetConnectorsArgs = {}): Promise<ConnectorInfo[]> {
  const { deviceType } = args;
  if (deviceType !== undefined && !(CONNECTOR_DEVICE_TYPES as readonly string[]).includes(deviceType)) {
    return Promise.reject(
      new Error(`getConnectors: deviceType must be one of ${CONNECTOR_DEVICE_TYPES.join(", ")} (got ${JSON.stringify(deviceType)}).`),
    );
  }
  return listOf<ConnectorInfo>("magic:Connector", args, {}, deviceType === undefined ? undefined : { device_type: deviceType });
}

/**
 * Gets one Magic WAN Connector by id.
 *
 * @example
 * ```ts
 * const c = await magic.getConnector("6f3c...");
 * console.log(c.lastSeenVersion);
 * ```
 */
export function getConnector(id: string, args: LookupArgs = {}): Promise<ConnectorInfo> {
  return oneOf<ConnectorInfo>("magic:Connector", id, args);
}
