export type { LookupArgs } from "./lookup";
export * from "./gre-tunnels";
