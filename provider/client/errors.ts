/**
 * Typed errors of the Cloudflare API client. Every error names the operation and resource it
 * belongs to ("create GreTunnel 'nyc-gre-1'") once that is known, keeps the HTTP status and
 * Cloudflare's `errors[]`, and never contains a credential: messages are built only from the
 * request label, the URL path (ids, never headers) and what the server answered.
 */

/** One entry of Cloudflare's `errors[]` / `messages[]`. */
export interface CloudflareMessage {
  code: number;
  message: string;
  documentation_url?: string;
  source?: { pointer?: string };
}

/** Base class: anything the client raises. `label` is "create GreTunnel 'nyc-gre-1'" style. */
export class CloudflareError extends Error {
  constructor(
    message: string,
    readonly label?: string,
  ) {
    super(label ? `${label}: ${message}` : message);
    this.name = new.target.name;
  }
}

/** Cloudflare answered with a non-success status or `success: false`. */
export class CloudflareApiError extends CloudflareError {
  /** The first Cloudflare error code, or undefined when the body carried none. */
  readonly code: number | undefined;
  constructor(
    readonly status: number,
    readonly errors: CloudflareMessage[],
    readonly method: string,
    readonly path: string,
    label?: string,
    hint?: string,
  ) {
    super(describeApiError(status, errors, method, path) + (hint ? ` ${hint}` : ""), label);
    this.code = errors[0]?.code;
  }
}

/**
 * The object does not exist (or no longer does): a 404, or one of the codes the live API answers
 * for a missing object whatever the status (`GONE_CODES`).
 */
export class NotFoundError extends CloudflareApiError {}

/** The request may not be made at all: by this credential (`AuthError`) or in this account (`NotEntitledError`). */
export class AccessError extends CloudflareApiError {}

/** 401/403: the credential was refused or lacks a permission. */
export class AuthError extends AccessError {}

/**
 * The account is not onboarded to (or entitled to) the product the request belongs to
 * (`PRODUCT_CODES`): no credential would do, so the error says so rather than "check your token".
 */
export class NotEntitledError extends AccessError {}

/**
 * Codes the live Magic API answers for a missing object, recorded by alchemy-run/distilled's typed
 * Cloudflare errors (GreTunnelNotFound 1029, IpsecTunnelNotFound 1032, RouteNotFound 1020) with
 * the messages the Terraform provider's read code matches ("GRE tunnel not found", ...). Nothing
 * public records the HTTP status they come with, so they mean "gone" whatever it is.
 */
export const GONE_CODES: ReadonlySet<number> = new Set([1029, 1032, 1020]);

/**
 * Codes the live Magic API answers to an account without the product (alchemy-run/distilled's
 * MagicTransitNotOnboarded 1012, "Magic Transit is not onboarded for this account", on every
 * tunnel and route call; MagicWanUnauthorized 1025 on site and app calls), with what to do.
 */
export const PRODUCT_CODES: ReadonlyMap<number, string> = new Map([
  [
    1012,
    "The account is not onboarded to Magic Transit (or Magic WAN), which GRE and IPsec tunnels and static routes need: no token can change that. Check that the account id is the onboarded account's, or ask your Cloudflare account team to onboard it.",
  ],
  [
    1025,
    "The account is not entitled to Magic WAN, which sites, their WANs, LANs, ACLs and app configurations, and apps need: no token can change that. Check that the account id is the Magic WAN account's, or ask your Cloudflare account team to enable Magic WAN on it.",
  ],
]);

/**
 * The field a Cloudflare message names, as a JSON pointer, for errors that carry no `source`: the
 * live API's decoder says "Invalid Request: json: cannot unmarshal number into Go struct field
 * Route.routes.weight of type int" (-> `/routes/weight`), and its checks start "Invalid Request:
 * description must ..." (-> `/description`). Undefined when the message names none.
 */
export function pointerInMessage(message: string): string | undefined {
  const goField = /Go struct field [A-Za-z0-9_]+\.([A-Za-z0-9_.]+) of type/.exec(message);
  if (goField) return `/${goField[1].split(".").join("/")}`;
  const leading = /^Invalid Request: ([a-z][a-z0-9_]*(?:\.[a-z0-9_]+)*):? (?:is|are|must|should|cannot|can't|has|have|needs?|may)\b/.exec(
    message,
  );
  return leading ? `/${leading[1].split(".").join("/")}` : undefined;
}

/** 429 that outlived every retry. */
export class RateLimitError extends CloudflareApiError {}

/** No answer in time. `phase` says which of connect / headers / body took too long. */
export class TimeoutError extends CloudflareError {
  constructor(
    readonly phase: "connect" | "headers" | "body",
    readonly seconds: number,
    readonly method: string,
    readonly path: string,
    label?: string,
  ) {
    super(
      `${method} ${path} timed out after ${seconds}s waiting for the ${phase === "connect" ? "connection" : `response ${phase}`}.`,
      label,
    );
  }
}

/** The connection failed before any answer. `sent` says whether the request may have reached the server. */
export class NetworkError extends CloudflareError {
  constructor(
    readonly reason: string,
    readonly sent: boolean,
    readonly method: string,
    readonly path: string,
    label?: string,
  ) {
    super(`${method} ${path} failed: ${reason}.`, label);
  }
}

/**
 * A create (POST) whose outcome is unknown: the request may have been acted on but no answer
 * arrived. The caller must look the object up before trying again, never re-send blindly.
 */
export class OutcomeUnknownError extends CloudflareError {
  constructor(
    override readonly cause: CloudflareError,
    label?: string,
  ) {
    super(`${stripLabel(cause).replace(/\.$/, "")}; whether it took effect is unknown.`, label);
  }
}

/** The response did not have the documented shape. */
export class ResponseShapeError extends CloudflareError {}

/** Missing or inconsistent configuration (credentials, account id); says what to set. */
export class ConfigError extends CloudflareError {}

function stripLabel(e: CloudflareError): string {
  return e.label && e.message.startsWith(`${e.label}: `) ? e.message.slice(e.label.length + 2) : e.message;
}

function describeApiError(status: number, errors: CloudflareMessage[], method: string, path: string): string {
  if (errors.length === 0) return `${method} ${path} answered HTTP ${status}.`;
  const parts = errors.map((e) => `Cloudflare ${e.code}: ${e.message}${e.source?.pointer ? ` (at ${e.source.pointer})` : ""}`);
  return `${parts.join("; ")} (HTTP ${status} from ${method} ${path}).`;
}
