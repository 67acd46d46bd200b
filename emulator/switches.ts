/**
 * The emulator's test switches (README, "Test switches"): every switch's type and default value.
 *
 * A leaf module: it imports nothing of the emulator. The server that holds the switches, the router
 * whose routes are gated by the account's products, the request pipeline (faults, rate limit) and
 * the resources whose behaviour they change all read them from here, so none of those modules needs
 * another's types and the emulator's imports have no circle (tests/structure/cycles.test.ts).
 */

// ---- how the emulator misbehaves ------------------------------------------------------------------

/** Delay added to every request before it is handled, when `latencyMs` is not set. */
export const DEFAULT_LATENCY_MS = 0;

/**
 * The per-user rate limit (rate-limit.ts): `requests` per window of `windowSeconds`, counted per
 * user across all of that user's credentials, and a lockout once it is exceeded. Default: none.
 */
export interface RateLimitOptions {
  /** Requests allowed within the window. */
  requests: number;
  windowSeconds: number;
  /** How long a user is refused once over the limit; defaults to `DEFAULT_LOCKOUT_SECONDS`, like Cloudflare. */
  lockoutSeconds?: number;
}

/** Cloudflare locks a user out for 5 minutes once the limit is exceeded. */
export const DEFAULT_LOCKOUT_SECONDS = 300;

/** Random fault rates (faults.ts), drawn from a seeded PRNG so a run can be replayed. Default: none. */
export interface FaultOptions {
  /** PRNG seed; the same seed and the same request sequence give the same faults. Default 1. */
  seed?: number;
  /** Probability (0..1) of answering 500/502/503 without acting. */
  rate5xx?: number;
  /** Probability of destroying the socket before acting. */
  dropBeforeRate?: number;
  /** Probability of acting, then destroying the socket without answering. */
  dropAfterRate?: number;
  /** Probability of answering 429 without acting. */
  rate429?: number;
  /** Retry-After of injected 429s; default 1. */
  retryAfterSeconds?: number;
  /** Probability of waiting `stallMs` before handling the request normally. */
  stallRate?: number;
  /** Default 1000. */
  stallMs?: number;
}

/** What `FaultOptions` (and a queued fault) leave out: the seed, a 429's Retry-After, a stall's length, a 5xx's status. */
export const FAULT_DEFAULTS = { seed: 1, retryAfterSeconds: 1, stallMs: 1000, status: 500 } as const;

// ---- how the resources behave ---------------------------------------------------------------------

export type InterconnectState = "Pending" | "Healthy" | "Down" | "Unhealthy";

/** What a CNI interconnect's status endpoint answers. */
export interface InterconnectStatus {
  state: InterconnectState;
  reason?: string;
}

/** How new CNI interconnects report their status (the `cni` switch, read by resources/cni.ts). */
export interface CniBehaviour {
  /** How long a new interconnect stays Pending before it reports Healthy. Default 3000 ms. */
  healthyAfterMs: number;
  /** When set, new interconnects start in this status instead of Pending (e.g. Down with a reason). */
  initialStatus?: InterconnectStatus;
}

export const DEFAULT_CNI_BEHAVIOUR: Readonly<CniBehaviour> = { healthyAfterMs: 3000 };

/** How long the phases of a packet capture last, in milliseconds of wall time (the `pcapTiming` switch, read by resources/pcaps.ts). */
export interface PcapTiming {
  /** Every capture starts pending for this long. */
  pendingMs: number;
  /** A simple capture runs this long, then succeeds. */
  simpleRunMs: number;
  /** One second of a full capture's `time_limit`. */
  secondMs: number;
  /** Each of a full capture's two conversion phases. */
  conversionMs: number;
}

export const DEFAULT_PCAP_TIMING: Readonly<PcapTiming> = { pendingMs: 1000, simpleRunMs: 2000, secondMs: 1000, conversionMs: 1000 };

/** The products an account can be onboarded to, each gating the routes that declare it (router.ts). */
export type Product = "magicTransit" | "magicWan";

/** What the account the emulator serves is onboarded to (the `account` switch). */
export interface AccountBehaviour {
  /**
   * Onboarded to Magic Transit (or Magic WAN, whose tunnels and routes are the same API). false:
   * every GRE tunnel, IPsec tunnel and route call answers 403, code 1012 "Magic Transit is not
   * onboarded for this account". Default true.
   */
  magicTransit: boolean;
  /** Entitled to Magic WAN. false: every site (WAN, LAN, ACL, app config) and app call answers 403, code 1025. Default true. */
  magicWan: boolean;
  /**
   * The product the account's tunnels serve, which sets a tunnel health check's default direction:
   * "magic-transit" unidirectional (the default), "magic-wan" bidirectional.
   */
  onboardedAs: "magic-transit" | "magic-wan";
}

export const DEFAULT_ACCOUNT_BEHAVIOUR: Readonly<AccountBehaviour> = { magicTransit: true, magicWan: true, onboardedAs: "magic-transit" };

/** The switches that change how resources behave, as the handlers of one emulator see them. */
export interface ResourceSwitches {
  cni: CniBehaviour;
  pcapTiming: PcapTiming;
  account: AccountBehaviour;
}

// ---- all of them ----------------------------------------------------------------------------------

/**
 * The test switches: how the emulator misbehaves (latency, faults, rate limit) and how its
 * resources behave (CNI interconnect health, packet capture phases, the account's products).
 * `startEmulator` takes their first values; `emulator.configure` changes them while it runs. Each
 * emulator has its own.
 */
export interface EmulatorSwitches {
  /** Delay added to every request before it is handled. Default 0. */
  latencyMs?: number;
  /** Per-user rate limit; default none. */
  rateLimit?: RateLimitOptions;
  /** Random fault rates (seeded); default none. */
  faults?: FaultOptions;
  /** How new CNI interconnects report their status (default: Pending, Healthy after 3000 ms). */
  cni?: Partial<CniBehaviour>;
  /** How long the phases of a packet capture last (defaults in `DEFAULT_PCAP_TIMING`). */
  pcapTiming?: Partial<PcapTiming>;
  /**
   * What the account is onboarded to (default: Magic Transit and Magic WAN, tunnels serving Magic
   * Transit): `{ magicTransit: false }` answers every tunnel and route call with 403 / 1012,
   * `{ magicWan: false }` every site and app call with 403 / 1025, `{ onboardedAs: "magic-wan" }`
   * makes tunnel health checks bidirectional by default.
   */
  account?: Partial<AccountBehaviour>;
}

/**
 * Changes for `emulator.configure`: a switch left out stays as it is; an object is merged field by
 * field over the switch's current value; `null` puts the switch back to its default.
 */
export interface SwitchChanges {
  latencyMs?: number | null;
  /** Merged over the current limit; with none set, `requests` and `windowSeconds` are needed. */
  rateLimit?: Partial<RateLimitOptions> | null;
  faults?: FaultOptions | null;
  cni?: Partial<CniBehaviour> | null;
  pcapTiming?: Partial<PcapTiming> | null;
  account?: Partial<AccountBehaviour> | null;
}
