import { healthCheckRate, healthCheckType, ipAddress, z } from "./fields";
import { isPlainObject } from "../../framework/values";

/**
 * Tunnel health checks (GRE, IPsec, Cloudflare interconnects), per the Cloudflare API docs, "Magic Transit".
 * We always send `x-magic-new-hc-target: true`, so the API takes the target as `{saved}` and
 * answers `{effective, saved}`. Users give the target as a plain string; outputs carry the saved
 * value as `target` (so it compares with the input) and the computed one as `effectiveTarget`
 * (never diffed).
 */
export const HC_TARGET_HEADER = { "x-magic-new-hc-target": "true" } as const;

export const healthCheckInput = (withDirection: boolean) =>
  z.strictObject({
    enabled: z.boolean().optional(),
    rate: healthCheckRate().optional(),
    type: healthCheckType().optional(),
    /** Only GRE/IPsec tunnels and cf_interconnects that document it. */
    ...(withDirection ? { direction: z.enum(["unidirectional", "bidirectional"]).optional() } : {}),
    /** Empty string = Cloudflare's computed default (the customer endpoint). */
    target: z.union([z.literal(""), ipAddress()]).optional(),
  });

/** Body side: `target: "x"` -> `target: {saved: "x"}`. Works on the snake_case body. */
export function healthCheckToApi(body: Record<string, unknown>): Record<string, unknown> {
  const hc = body.health_check;
  if (isPlainObject(hc) && typeof hc.target === "string") {
    return { ...body, health_check: { ...hc, target: { saved: hc.target } } };
  }
  return body;
}

/** Output side: `target: {effective, saved}` -> `target: saved, effectiveTarget: effective`. Works on camelCase outputs. */
export function healthCheckFromApi(outputs: Record<string, unknown>): Record<string, unknown> {
  const hc = outputs.healthCheck;
  if (!isPlainObject(hc)) return outputs;
  const t = hc.target;
  if (isPlainObject(t)) {
    const saved = typeof t.saved === "string" ? t.saved : "";
    const effective = typeof t.effective === "string" && t.effective !== "" ? t.effective : saved;
    return { ...outputs, healthCheck: { ...hc, target: saved, effectiveTarget: effective } };
  }
  if (typeof t === "string") return { ...outputs, healthCheck: { ...hc, effectiveTarget: t } };
  return outputs;
}
