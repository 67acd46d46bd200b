export * from "./gre-tunnel";
export type * from "./types";
export * from "./route-table";
