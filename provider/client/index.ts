export * from "./client";
export * from "./errors";
export * from "./pacer";
export * from "./ratelimit";
export { path } from "./path";
export { followCursor } from "./pages";
