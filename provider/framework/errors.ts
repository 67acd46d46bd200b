import { CloudflareApiError, CloudflareError } from "../client";
import { clean } from "../../shared/values";
import { PROVIDER_KEY } from "../../shared/internal-keys";

type Props = Record<string, unknown>;

/**
 * Thrown when the object was created (or updated) but a step after it failed: the provider host
 * turns `id` + `properties` into an initialization failure, so the engine keeps the object in
 * state and the next `up` converges instead of creating a second one.
 */
export class InitFailedError extends Error {
  readonly reasons: string[];
  readonly properties: Props;
  /**
   * `inputs` are the props the operation was called with: their `__provider` must be in the
   * recorded state (the host adds it only on success), or later deletes and refreshes of the
   * half-made object could not load the provider.
   */
  constructor(
    readonly id: string,
    properties: Props,
    reason: string,
    inputs: Props,
  ) {
    super(reason);
    this.reasons = [reason];
    this.properties = { ...properties, [PROVIDER_KEY]: inputs[PROVIDER_KEY] };
  }
}

/**
 * Runs a step after a create or update (`afterCreate`, `afterUpdate`) and adds what it returns to
 * the outputs; if it fails, the object is still recorded with what we know (`seal`ed outputs).
 */
export async function stepAfter(
  id: string,
  outs: Props,
  news: Props,
  seal: (props: Props) => Props,
  step: (() => Promise<Props>) | undefined,
): Promise<Props> {
  if (!step) return outs;
  try {
    return clean({ ...outs, ...(await step()) });
  } catch (e) {
    throw new InitFailedError(id, seal(outs), (e as Error).message, news);
  }
}

/** A create refused as a duplicate of an existing object (Cloudflare 1003, or a 400/409 saying so). */
export function isDuplicateRefusal(e: unknown): e is CloudflareApiError {
  if (!(e instanceof CloudflareApiError) || (e.status !== 400 && e.status !== 409)) return false;
  return e.errors.some((m) => m.code === 1003 || /already (exists|uses|in use)|duplicate/i.test(m.message));
}

/** An error's message without the label it starts with. */
export function stripLabel(e: CloudflareError, label: string): string {
  return label && e.message.startsWith(`${label}: `) ? e.message.slice(label.length + 2) : e.message;
}
