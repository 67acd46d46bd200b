export * from "./gre-tunnel";
export type * from "./types";
