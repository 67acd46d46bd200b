/**
 * Rules that both the program side (the components' planning, which fails before anything is
 * registered) and the host side (a definition's check, which fails before any request) enforce.
 * Each rule is written once here and answers with the fields at fault; each side words its own
 * message (a component speaks of the component's arguments, a check names the property).
 */

/** Which of an interconnect's variant fields are given (their values may not be known yet). */
export interface InterconnectVariantFields {
  slotId: boolean;
  speed: boolean;
  bandwidth: boolean;
  pairingKey: boolean;
}

/** What is wrong with the fields an interconnect gives, in the order a reader should fix them. */
export type InterconnectVariantProblem =
  /** slotId together with a GCP Partner field (`field`, the first one given). */
  | { kind: "mixed"; field: "bandwidth" | "pairingKey" }
  /** Neither variant described. */
  | { kind: "none" }
  /** A GCP Partner interconnect without `field`. */
  | { kind: "gcpMissing"; field: "bandwidth" | "pairingKey" }
  /** `speed` on a GCP Partner interconnect. */
  | { kind: "gcpSpeed" };

/**
 * An interconnect is either physical (`slotId`, optional `speed`) or GCP Partner (`bandwidth` and
 * `pairingKey`): the create body is one of `{slot_id, speed?}` or `{bandwidth, pairing_key}`.
 * A mixed or empty description is the only problem reported; otherwise every one is.
 */
export function interconnectVariantProblems(given: InterconnectVariantFields): InterconnectVariantProblem[] {
  const gcp = given.bandwidth || given.pairingKey;
  if (given.slotId && gcp) return [{ kind: "mixed", field: given.bandwidth ? "bandwidth" : "pairingKey" }];
  if (!given.slotId && !gcp) return [{ kind: "none" }];
  if (!gcp) return [];
  const out: InterconnectVariantProblem[] = [];
  if (!given.bandwidth) out.push({ kind: "gcpMissing", field: "bandwidth" });
  if (!given.pairingKey) out.push({ kind: "gcpMissing", field: "pairingKey" });
  if (given.speed) out.push({ kind: "gcpSpeed" });
  return out;
}

/** The static addressing fields a LAN of a high availability site lacks. */
export type HaLanMissing = "staticAddressing" | "staticAddressing.secondaryAddress" | "staticAddressing.virtualAddress";

/**
 * "If in high availability mode, static_address is required along with secondary and virtual
 * address" (Cloudflare API, "Magic Transit > Sites > LANs"): what a LAN of an HA site lacks, given
 * its (known) staticAddressing.
 */
export function haLanMissing(staticAddressing: unknown): HaLanMissing[] {
  if (typeof staticAddressing !== "object" || staticAddressing === null || Array.isArray(staticAddressing)) return ["staticAddressing"];
  const sa = staticAddressing as Record<string, unknown>;
  return (["secondaryAddress", "virtualAddress"] as const).filter((k) => sa[k] === undefined).map((k) => `staticAddressing.${k}` as const);
}

/** ha_link "only works for site with HA turned on": whether a LAN's haLink is refused on a site in that mode. */
export function haLinkRefused(siteHaMode: boolean, haLink: unknown): boolean {
  return !siteHaMode && haLink === true;
}
