import { AccessError, AuthError, CloudflareApiError, type CloudflareClient } from "../client";
import type { PathContext } from "./define";
import type { CheckFailure } from "./check";
import type { Endpoint } from "./endpoint";
import { contextOf } from "./endpoint";
import { booleanSetting, client } from "./settings";
import { containsUnknown } from "../../shared/values";

type Props = Record<string, unknown>;

/**
 * With `cloudflare-magic:validateOnPreview`, asks the API to validate a new object
 * (`POST <collection>?validate_only=true`) and turns its refusals into check failures naming the
 * property. Offline (no credentials or account), with unknown inputs, or when the API cannot
 * answer, preview goes on without it.
 */
export async function validateWithApi(ep: Endpoint, inputs: Props, news: Props): Promise<CheckFailure[]> {
  const { validateOnly } = ep.def.api;
  if (!validateOnly || !booleanSetting("validateOnPreview") || containsUnknown(inputs)) return [];
  let api: CloudflareClient;
  let ctx: PathContext;
  try {
    api = client();
    ctx = contextOf(inputs, news);
  } catch {
    return []; // no credentials or account: preview stays offline
  }
  try {
    await api.request({
      ...ep.base(ep.label("validate", news)),
      method: "POST",
      path: ep.def.api.collection(ctx),
      query: { validate_only: true },
      body: ep.codec.body(inputs),
    });
    return [];
  } catch (e) {
    // A refused credential, or an account without the product, is not a property's fault: say so, as a create would.
    if (e instanceof AccessError) {
      return [
        {
          property: e instanceof AuthError ? "(credentials)" : "(account)",
          reason: `${e.message} (cloudflare-magic:validateOnPreview is on, so preview asks the API to validate new objects; set it to false to preview offline.)`,
        },
      ];
    }
    if (!(e instanceof CloudflareApiError) || e.status >= 500 || e.status === 429) {
      console.error(`[cloudflare-magic] could not validate ${ep.label("", news).trim()} with the API: ${(e as Error).message}`);
      return [];
    }
    const later = typeof validateOnly === "object" ? validateOnly.dependsOnRun : [];
    const errors = (e.errors.length ? e.errors : [{ code: e.status, message: e.message }]).filter(
      (err: { source?: { pointer?: string } }) => !later.includes(err.source?.pointer?.split("/")[1] ?? ""),
    );
    return errors.map((err) => {
      const pointer = err.source?.pointer
        ?.replace(/^\//, "")
        .split("/")
        .map((k) => ep.codec.camelKey(k))
        .join(".");
      const property = pointer || "(api)";
      return { property, reason: `${property}: Cloudflare rejects this ${ep.def.kind} (${err.code}: ${err.message}).` };
    });
  }
}
