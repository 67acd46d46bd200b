/** Network Interconnect (CNI) resources: `cni.Interconnect`, `cni.Cni`, `cni.CniSettings`. */
export * from "./interconnect";
export * from "./cni";
export * from "./cni-settings";
export type * from "./generated/types";
