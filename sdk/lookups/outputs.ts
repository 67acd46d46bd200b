/**
 * The Output form of every lookup (`getXOutput`, Pulumi's convention; see output-form.ts): the same
 * arguments as the Promise form, each an Input, then `InvokeOutputOptions`; the answer is a
 * `pulumi.Output`, unknown in a preview without credentials (one warning per lookup) instead of an error.
 *
 * @example
 * ```ts
 * const tunnels = magic.getGreTunnelsOutput();
 * export const nexthops = tunnels.apply((ts) => ts.map((t) => t.customerAddress));
 * const lans = magic.getSiteLansOutput(site.id); // the site may be new in this run
 * ```
 */
import { outputForm } from "./output-form";
import { getApps } from "./apps";
import { getCfInterconnect, getCfInterconnects } from "./cf-interconnects";
import {
  getCni,
  getCniSettings,
  getCnis,
  getInterconnect,
  getInterconnectLoa,
  getInterconnectStatus,
  getInterconnects,
  getSlot,
  getSlots,
} from "./cni";
import {
  getConnectorEvent,
  getConnectorEvents,
  getConnectorLatestEvents,
  getConnectorLatestSnapshots,
  getConnectorSnapshot,
  getConnectorSnapshots,
} from "./connector-telemetry";
import { getConnector, getConnectors } from "./connectors";
import { getGreTunnels } from "./gre-tunnels";
import { getIpsecTunnels } from "./ipsec-tunnels";
import { downloadPcap, getPcap, getPcapBucketOwnerships, getPcaps } from "./pcaps";
import { getRoutes } from "./routes";
import { getSiteAcls } from "./site-acls";
import { getSiteAppConfigs } from "./site-app-configs";
import { getSite, getSiteLans, getSiteWans, getSites } from "./sites";

export type { OutputForm } from "./output-form";

/** {@link getApps} as an Output. */
export const getAppsOutput = outputForm("getAppsOutput", getApps, 1);
/** {@link getCfInterconnects} as an Output. */
export const getCfInterconnectsOutput = outputForm("getCfInterconnectsOutput", getCfInterconnects, 1);
/** {@link getCfInterconnect} as an Output. */
export const getCfInterconnectOutput = outputForm("getCfInterconnectOutput", getCfInterconnect, 2);
/** {@link getSlots} as an Output. */
export const getSlotsOutput = outputForm("getSlotsOutput", getSlots, 1);
/** {@link getSlot} as an Output. */
export const getSlotOutput = outputForm("getSlotOutput", getSlot, 2);
/** {@link getInterconnects} as an Output. */
export const getInterconnectsOutput = outputForm("getInterconnectsOutput", getInterconnects, 1);
/** {@link getInterconnect} as an Output. */
export const getInterconnectOutput = outputForm("getInterconnectOutput", getInterconnect, 2);
/** {@link getInterconnectStatus} as an Output. */
export const getInterconnectStatusOutput = outputForm("getInterconnectStatusOutput", getInterconnectStatus, 2);
/** {@link getInterconnectLoa} as an Output. */
export const getInterconnectLoaOutput = outputForm("getInterconnectLoaOutput", getInterconnectLoa, 2);
/** {@link getCnis} as an Output. */
export const getCnisOutput = outputForm("getCnisOutput", getCnis, 1);
/** {@link getCni} as an Output. */
export const getCniOutput = outputForm("getCniOutput", getCni, 2);
/** {@link getCniSettings} as an Output. */
export const getCniSettingsOutput = outputForm("getCniSettingsOutput", getCniSettings, 1);
/** {@link getConnectorEvents} as an Output. */
export const getConnectorEventsOutput = outputForm("getConnectorEventsOutput", getConnectorEvents, 2);
/** {@link getConnectorEvent} as an Output. */
export const getConnectorEventOutput = outputForm("getConnectorEventOutput", getConnectorEvent, 4);
/** {@link getConnectorLatestEvents} as an Output. */
export const getConnectorLatestEventsOutput = outputForm("getConnectorLatestEventsOutput", getConnectorLatestEvents, 2);
/** {@link getConnectorSnapshots} as an Output. */
export const getConnectorSnapshotsOutput = outputForm("getConnectorSnapshotsOutput", getConnectorSnapshots, 2);
/** {@link getConnectorSnapshot} as an Output. */
export const getConnectorSnapshotOutput = outputForm("getConnectorSnapshotOutput", getConnectorSnapshot, 3);
/** {@link getConnectorLatestSnapshots} as an Output. */
export const getConnectorLatestSnapshotsOutput = outputForm("getConnectorLatestSnapshotsOutput", getConnectorLatestSnapshots, 2);
/** {@link getConnectors} as an Output. */
export const getConnectorsOutput = outputForm("getConnectorsOutput", getConnectors, 1);
/** {@link getConnector} as an Output. */
export const getConnectorOutput = outputForm("getConnectorOutput", getConnector, 2);
/** {@link getGreTunnels} as an Output. */
export const getGreTunnelsOutput = outputForm("getGreTunnelsOutput", getGreTunnels, 1);
/** {@link getIpsecTunnels} as an Output. */
export const getIpsecTunnelsOutput = outputForm("getIpsecTunnelsOutput", getIpsecTunnels, 1);
/** {@link getPcaps} as an Output. */
export const getPcapsOutput = outputForm("getPcapsOutput", getPcaps, 1);
/** {@link getPcap} as an Output. */
export const getPcapOutput = outputForm("getPcapOutput", getPcap, 2);
/** {@link getPcapBucketOwnerships} as an Output. */
export const getPcapBucketOwnershipsOutput = outputForm("getPcapBucketOwnershipsOutput", getPcapBucketOwnerships, 1);
/** {@link downloadPcap} as an Output (the content as base64; to write a file, use downloadPcap with `path`). */
export const downloadPcapOutput = outputForm("downloadPcapOutput", downloadPcap, 2);
/** {@link getRoutes} as an Output. */
export const getRoutesOutput = outputForm("getRoutesOutput", getRoutes, 1);
/** {@link getSiteAcls} as an Output. */
export const getSiteAclsOutput = outputForm("getSiteAclsOutput", getSiteAcls, 2);
/** {@link getSiteAppConfigs} as an Output. */
export const getSiteAppConfigsOutput = outputForm("getSiteAppConfigsOutput", getSiteAppConfigs, 2);
/** {@link getSites} as an Output. */
export const getSitesOutput = outputForm("getSitesOutput", getSites, 1);
/** {@link getSite} as an Output. */
export const getSiteOutput = outputForm("getSiteOutput", getSite, 2);
/** {@link getSiteWans} as an Output. */
export const getSiteWansOutput = outputForm("getSiteWansOutput", getSiteWans, 2);
/** {@link getSiteLans} as an Output. */
export const getSiteLansOutput = outputForm("getSiteLansOutput", getSiteLans, 2);
