export type { LookupArgs } from "./lookup";
export * from "./gre-tunnels";
export * from "./ipsec-tunnels";
export * from "./cf-interconnects";
