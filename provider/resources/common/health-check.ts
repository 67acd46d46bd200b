import { healthCheckRate, healthCheckType, ipAddress, z } from "./fields";
import { isPlainObject } from "../../../shared/values";

/**
 * Tunnel health checks (GRE, IPsec, Cloudflare interconnects), per the Cloudflare API docs, "Magic Transit".
 * We always send `x-magic-new-hc-target: true`, so the API takes the target as `{saved}` and
 * answers `{effective, saved}`. Users give the target as a plain string; outputs carry the saved
 * value as `target` (so it compares with the input) and the computed one as `effectiveTarget`
 * (never diffed).
 */
export const HC_TARGET_HEADER = { "x-magic-new-hc-target": "true" } as const;

export const healthCheckInput = (withDirection: boolean) =>
  z
    .strictObject({
      enabled: z.boolean().optional().meta({ description: "Whether to run health checks for the tunnel.", default: true }),
      rate: healthCheckRate().optional().meta({ description: 'How often the check runs: `"low"`, `"mid"` or `"high"`.', default: "mid" }),
      type: healthCheckType().optional().meta({
        description: '`"reply"` (Cloudflare answers your probe) or `"request"` (Cloudflare sends the probe).',
        default: "reply",
      }),
      /** Only GRE/IPsec tunnels and cf_interconnects that document it. */
      ...(withDirection
        ? {
            direction: z.enum(["unidirectional", "bidirectional"]).optional().meta({
              description: '`"unidirectional"` (probe via the tunnel, result via the Internet) or `"bidirectional"` (both via the tunnel).',
              // The live default depends on the account (issue 18): no single value to compare or send.
              defaultDoc:
                "unidirectional on a Magic Transit account, bidirectional on a Magic WAN account (Cloudflare's default depends on the account)",
              alwaysSet: false,
            }),
          }
        : {}),
      /** Empty string = Cloudflare's computed default (the customer endpoint). */
      target: z
        .union([z.literal(""), ipAddress()])
        .optional()
        .meta({
          description:
            'Destination address of a `request` health check; `""` uses Cloudflare\'s computed default (the customer endpoint). The saved value is output as `healthCheck.target`, the one in effect as `healthCheck.effectiveTarget`.',
          default: "",
        }),
    })
    .meta({
      args: "HealthCheckArgs",
      description:
        'Tunnel health check (Cloudflare API "Magic Transit"). Fields you leave out keep Cloudflare\'s defaults and never show a diff.',
    });

/** The health check as Cloudflare stores it (outputs): the fields with defaults filled in, and the target in effect. */
export const healthCheckState = () =>
  z
    .object({
      enabled: z.boolean(),
      rate: healthCheckRate(),
      type: healthCheckType(),
      direction: z.enum(["unidirectional", "bidirectional"]).optional(),
      target: z.string().meta({ description: 'The saved target ("" = computed default).' }),
      effectiveTarget: z.string().meta({ description: "The target in effect." }),
    })
    .meta({
      state: "HealthCheckState",
      description: "Health check as stored by Cloudflare (output): your fields with defaults filled in.",
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
