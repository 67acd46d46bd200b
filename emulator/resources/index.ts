/**
 * Every emulated API object registers its routes here: one file per object, each exporting a
 * `register(router)` function. To add one, import it and append it to the list.
 */
import type { Router } from "../router";
import * as greTunnels from "./gre-tunnels";
import * as routes from "./routes";
import * as apps from "./apps";
import * as connectors from "./connectors";
import * as ipsecTunnels from "./ipsec-tunnels";
import * as cfInterconnects from "./cf-interconnects";
import * as siteAcls from "./site-acls";
import * as siteAppConfigs from "./site-app-configs";
import * as sites from "./sites";
import * as siteWans from "./site-wans";
import * as siteLans from "./site-lans";
import * as pcaps from "./pcaps";
import * as cni from "./cni";

export const resources: ReadonlyArray<{ register(router: Router): void }> = [
  greTunnels,
  routes,
  apps,
  connectors,
  ipsecTunnels,
  cfInterconnects,
  siteAcls,
  siteAppConfigs,
  sites,
  siteWans,
  siteLans,
  pcaps,
  cni,
];
