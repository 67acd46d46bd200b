// generated from provider/resources/cni/interconnect.ts: edit the definition, then run npm run generate

/** The states an interconnect's status reports. */
export type InterconnectState = "Pending" | "Healthy" | "Down" | "Unhealthy";

/** What `GET .../interconnects/{icon}/status` reports. */
export interface InterconnectStatusInfo {
  /** The states an interconnect's status reports. */
  state: InterconnectState;
  /** Diagnostic information for Down/Unhealthy, if available. */
  reason?: string;
}
