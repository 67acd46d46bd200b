export type { LookupArgs } from "./lookup";
export * from "./gre-tunnels";
export * from "./ipsec-tunnels";
export * from "./cf-interconnects";
export * from "./routes";
export * from "./apps";
export * from "./connectors";
export * from "./site-acls";
export * from "./site-app-configs";
