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

/** 404: the object does not exist (or no longer does). */
export class NotFoundError extends CloudflareApiError {}

/** 401/403: the credential was refused or lacks a permission. */
export class AuthError extends CloudflareApiError {}

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
