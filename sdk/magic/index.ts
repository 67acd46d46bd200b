export * from "./gre-tunnel";
export type * from "./types";
export * from "./route-table";
export * from "./ipsec-tunnel";
export * from "./cf-interconnect";
export * from "./static-route";
export * from "./app";
export * from "./connector";
