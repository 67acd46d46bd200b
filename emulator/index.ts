/** Local Cloudflare API v4 emulator for the Magic Transit / Magic WAN / CNI endpoints. */
export { startEmulator, API_BASE } from "./server";
export type { Emulator, EmulatorOptions, EmulatorStats, EmulatorSwitches, RequestLogEntry, SwitchChanges } from "./server";
export type { AuthOptions, TokenOptions } from "./auth";
export type { RateLimitOptions } from "./rate-limit";
export type { FaultKind, FaultOptions, InjectedFault } from "./faults";
export { DEFAULT_CNI_BEHAVIOUR } from "./resources/cni";
export type { CniBehaviour, InterconnectStatus } from "./resources/cni";
export { DEFAULT_PCAP_TIMING } from "./resources/pcaps";
export type { PcapTiming } from "./resources/pcaps";
export { Store, newId } from "./store";
export { provisionTunnelsFor } from "./resources/gre-tunnels";
export type { StateSnapshot, StoredObject } from "./store";
export { Codes } from "./envelope";
export type { CfError } from "./envelope";
