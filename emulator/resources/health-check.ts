/**
 * The Magic tunnel health check (Cloudflare API "Magic Transit", plus `direction` from the tunnel specs),
 * shared by GRE tunnels, IPsec tunnels and interconnects.
 *
 * `target` has two wire forms chosen by the `x-magic-new-hc-target` request header: with `true`,
 * requests send `{saved}` and responses get `{effective, saved}`; otherwise both directions use a
 * plain string. It is stored as the saved string, where "" means "the tunnel's customer endpoint".
 */
import type { IncomingHttpHeaders } from "node:http";
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

/** A validated request `health_check` (or its absence) merged over the defaults. */
export function healthCheckFromRequest(given: unknown): StoredHealthCheck {
  if (!isPlainObject(given)) return { ...HEALTH_CHECK_DEFAULTS };
  const present: JsonObject = Object.fromEntries(Object.entries(given).filter(([, v]) => v !== null));
  const target = isPlainObject(present.target) ? present.target.saved : present.target;
  return {
    enabled: (present.enabled as boolean | undefined) ?? HEALTH_CHECK_DEFAULTS.enabled,
    rate: (present.rate as string | undefined) ?? HEALTH_CHECK_DEFAULTS.rate,
    type: (present.type as string | undefined) ?? HEALTH_CHECK_DEFAULTS.type,
    direction: (present.direction as string | undefined) ?? HEALTH_CHECK_DEFAULTS.direction,
    target: (target as string | null | undefined) ?? HEALTH_CHECK_DEFAULTS.target,
  };
}

/** The response form of a stored health check; `defaultTarget` is the tunnel's customer endpoint. */
export function renderHealthCheck(stored: StoredHealthCheck, defaultTarget: string, newHcTarget: boolean): JsonObject {
  const effective = stored.target === "" ? defaultTarget : stored.target;
  return { ...stored, target: newHcTarget ? { effective, saved: stored.target } : effective };
}
