export * from "./client";
export * from "./errors";
export * from "./pacer";
export { path } from "./path";
