/**
 * The Magic tunnel health check (Cloudflare API "Magic Transit", plus `direction` from the tunnel specs),
 * shared by GRE tunnels, IPsec tunnels and interconnects.
 *
 * `target` has two wire forms chosen by the `x-magic-new-hc-target` request header: with `true`,
 * requests send `{saved}` and responses get `{effective, saved}`; otherwise both directions use a
 * plain string. It is stored as the saved string, where "" means "the default target", which
 * depends on the direction ("Tunnel health checks" reference): a unidirectional check targets the
 * customer endpoint (Terraform's GRE acceptance test reads `health_check.target.effective` equal to
 * `customer_gre_endpoint` for a tunnel created without a health check), a bidirectional one the
 * customer side of the interface address ("Cloudflare destinations these packets for the Cloudflare
 * side of the interface address ... and sources them from the client side").
 *
 * `direction` defaults to unidirectional on a Magic Transit account and bidirectional on a Magic
 * WAN one ("Configure tunnel endpoints": "Cloudflare defaults to bidirectional health checks for
 * Magic WAN, and unidirectional health checks for Magic Transit"): the `account` switch's `onboardedAs`.
 */
import type { IncomingHttpHeaders } from "node:http";
import type { AccountBehaviour } from "../switches";
import { customerSide } from "./interfaces";
import { type Check, type FieldRule, type JsonObject, boolean, invalid, ipAddress, isPlainObject, oneOf, string } from "../validate";

export interface StoredHealthCheck {
  enabled: boolean;
  rate: string;
  type: string;
  direction: string;
  /** The saved target; "" means the default (the customer endpoint). */
  target: string;
}

const HEALTH_CHECK_DEFAULTS: Readonly<StoredHealthCheck> = {
  enabled: true,
  rate: "mid",
  type: "reply",
  direction: "unidirectional",
  target: "",
};

export function wantsNewHcTarget(headers: IncomingHttpHeaders): boolean {
  return String(headers["x-magic-new-hc-target"] ?? "").toLowerCase() === "true";
}

const savedTarget: Check = (v, p) => (v === "" ? undefined : ipAddress(v, p));

const objectTarget: Check = (v, p) =>
  isPlainObject(v) ? undefined : invalid(p, 'must be an object like {"saved": "192.0.2.1"} when x-magic-new-hc-target is true');

const stringTarget: Check = (v, p) =>
  typeof v === "string" ? undefined : invalid(p, "must be a string unless x-magic-new-hc-target is true");

export function healthCheckRule(newHcTarget: boolean): FieldRule {
  return {
    fields: {
      enabled: { checks: [boolean] },
      rate: { checks: [oneOf("low", "mid", "high")] },
      type: { checks: [oneOf("reply", "request")] },
      direction: { checks: [oneOf("unidirectional", "bidirectional")] },
      target: newHcTarget
        ? // `effective` is ignored in requests, per the spec.
          { checks: [objectTarget], fields: { saved: { checks: [string, savedTarget] } } }
        : { checks: [stringTarget, savedTarget] },
    },
  };
}

/** The health check a tunnel of this account gets when its request leaves fields out. */
export function healthCheckDefaults(account: AccountBehaviour): StoredHealthCheck {
  return { ...HEALTH_CHECK_DEFAULTS, direction: account.onboardedAs === "magic-wan" ? "bidirectional" : "unidirectional" };
}

/** A validated request `health_check` (or its absence) merged over the defaults. */
export function healthCheckFromRequest(given: unknown, defaults: StoredHealthCheck = HEALTH_CHECK_DEFAULTS): StoredHealthCheck {
  if (!isPlainObject(given)) return { ...defaults };
  const present: JsonObject = Object.fromEntries(Object.entries(given).filter(([, v]) => v !== null));
  const target = isPlainObject(present.target) ? present.target.saved : present.target;
  return {
    enabled: (present.enabled as boolean | undefined) ?? defaults.enabled,
    rate: (present.rate as string | undefined) ?? defaults.rate,
    type: (present.type as string | undefined) ?? defaults.type,
    direction: (present.direction as string | undefined) ?? defaults.direction,
    target: (target as string | null | undefined) ?? defaults.target,
  };
}

/** Where a tunnel's health check goes by default, per direction. */
export interface TunnelEnds {
  /** The customer endpoint ("" when the tunnel has none): a unidirectional check's default target. */
  customerEndpoint: string;
  /** The IPv4 interface address: its customer side is a bidirectional check's default target. */
  interfaceAddress?: string;
}

/** The response form of a stored health check: `effective` is the saved target, or the default for its direction. */
export function renderHealthCheck(stored: StoredHealthCheck, ends: TunnelEnds, newHcTarget: boolean): JsonObject {
  const byDirection = stored.direction === "bidirectional" ? (customerSide(ends.interfaceAddress) ?? "") : ends.customerEndpoint;
  const effective = stored.target === "" ? byDirection : stored.target;
  return { ...stored, target: newHcTarget ? { effective, saved: stored.target } : effective };
}

/**
 * A tunnel's (or interconnect's) API form: its shown members with the health check rendered for
 * the request's `x-magic-new-hc-target` header. Objects inserted raw through `emulator.store` may
 * lack a health check; they are answered without one.
 */
export function withHealthCheck(shown: JsonObject, ends: TunnelEnds, headers: IncomingHttpHeaders): JsonObject {
  const stored = shown.health_check as StoredHealthCheck | undefined;
  return stored ? { ...shown, health_check: renderHealthCheck(stored, ends, wantsNewHcTarget(headers)) } : shown;
}
