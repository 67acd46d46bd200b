/** Local Cloudflare API v4 emulator for the Magic Transit / Magic WAN / CNI endpoints. */
export { startEmulator, API_BASE } from "./server";
export type { Emulator, EmulatorOptions, EmulatorStats, RequestLogEntry } from "./server";
export type { AuthOptions, TokenOptions } from "./auth";
export type { FaultKind, InjectedFault } from "./faults";
export { DEFAULT_CNI_BEHAVIOUR, DEFAULT_PCAP_TIMING } from "./switches";
export type {
  CniBehaviour,
  EmulatorSwitches,
  FaultOptions,
  InterconnectStatus,
  PcapTiming,
  RateLimitOptions,
  SwitchChanges,
} from "./switches";
export { Store, newId } from "./store";
export { provisionTunnelsFor } from "./resources/gre-tunnels";
export type { StateSnapshot, StoredObject } from "./store";
export { Codes } from "./envelope";
export type { CfError } from "./envelope";
