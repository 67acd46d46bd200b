/**
 * What the client retries, and how, as data (the shape of undici's RetryHandler options `methods`,
 * `statusCodes`, `errorCodes`): which methods may be re-sent after a failure the server may have
 * acted on, which answers and which connection failures are worth another attempt, and the words
 * of each connection failure. `CloudflareClient` reads these tables; it holds no list of its own.
 */

/**
 * How a failed attempt may be repeated: `backoff`, again after an exponential backoff with full
 * jitter (or the answer's Retry-After); `once`, one quick second attempt only; `never`.
 */
export type Retry = "backoff" | "once" | "never";

/**
 * The methods re-sent after a failure the server may have acted on (a 5xx, a connection dropped
 * after sending, a header timeout). A POST is not: it would create a second object, so its
 * ambiguous failure becomes OutcomeUnknownError, which the caller resolves by looking the object
 * up. A request may say otherwise (`RequestSpec.retrySafe`).
 */
export const RETRY_SAFE_METHODS: ReadonlySet<string> = new Set(["GET", "PUT", "PATCH", "DELETE"]);

/** The one quick retry of a `once` failure waits at most this long. */
export const QUICK_RETRY_MS = 1_000;

/**
 * Answers worth another attempt, by status (the first that matches). Any other failed status is
 * final: a refusal (4xx) says the same when asked again. A code that says what happened (a missing
 * object, an account without the product) is believed over the status below 500.
 */
export const RETRIED_STATUSES: ReadonlyArray<{ from: number; to: number; maybeActed: boolean }> = [
  // Request Timeout: the server gave up on a request it may have begun to act on.
  { from: 408, to: 408, maybeActed: true },
  // Rate limited: refused before acting; retried after its Retry-After, which pauses the whole process.
  { from: 429, to: 429, maybeActed: false },
  // A server error, after which the request may or may not have taken effect.
  { from: 500, to: Infinity, maybeActed: true },
];

/** Where a request went, for the words of a connection failure. */
export interface Destination {
  /** `api.cloudflare.com` (the host name alone) and `127.0.0.1:8787` (with the port). */
  hostname: string;
  host: string;
  /** The base URL, without a trailing slash, and where it came from ("the default", "stack config cloudflare-magic:baseUrl"). */
  url: string;
  source: string;
  /** The default base URL, offered when a wrong base URL is the likely cause. */
  defaultUrl: string;
}

/** Where the base URL came from and what to do about it, for a failure that a wrong base URL explains. */
function checkBaseUrl(to: Destination): string {
  return to.source === "the default"
    ? `the default base URL ${to.url}; check this machine's network and DNS`
    : `base URL ${to.url} from ${to.source}; check it, or unset it to use ${to.defaultUrl}`;
}

/**
 * How a connection failure is retried and worded: the request either timed out in one `phase`
 * (TimeoutError) or never reached the server (NetworkError with this `reason`).
 */
export type ConnectionFailure = { retry: Retry; maybeActed: boolean } & (
  { timeout: "connect" | "headers" | "body" } | { reason: (code: string, to: Destination) => string }
);

/**
 * Connection failures by error code (undici's and Node's). Nothing listens there, or no such host:
 * a wrong base URL far more often than a passing fault, so one quick retry only, and the error names
 * the URL and where it came from.
 */
export const CONNECTION_FAILURES: Readonly<Record<string, ConnectionFailure>> = {
  UND_ERR_CONNECT_TIMEOUT: { retry: "backoff", maybeActed: false, timeout: "connect" },
  UND_ERR_HEADERS_TIMEOUT: { retry: "backoff", maybeActed: true, timeout: "headers" },
  UND_ERR_BODY_TIMEOUT: { retry: "backoff", maybeActed: true, timeout: "body" },
  ECONNREFUSED: {
    retry: "once",
    maybeActed: false,
    reason: (code, to) => `${code}: nothing accepted a connection at ${to.host} (${checkBaseUrl(to)})`,
  },
  ENOTFOUND: {
    retry: "once",
    maybeActed: false,
    reason: (code, to) => `${code}: no host named ${to.hostname} was found (${checkBaseUrl(to)})`,
  },
  EHOSTUNREACH: { retry: "once", maybeActed: false, reason: (code, to) => `${code}: ${to.host} is unreachable (${checkBaseUrl(to)})` },
  ENETUNREACH: { retry: "once", maybeActed: false, reason: (code, to) => `${code}: ${to.host} is unreachable (${checkBaseUrl(to)})` },
  // A DNS answer that may come yet.
  EAI_AGAIN: { retry: "backoff", maybeActed: false, reason: (code, to) => `${code} (could not resolve ${to.host} from ${to.source} yet)` },
};

/**
 * Any other connection failure: the request may have been sent and acted on. Retried when the
 * connection broke (undici's own errors, a reset, a closed socket), final otherwise.
 */
export function otherConnectionFailure(code: string | undefined, message: string | undefined, thrown: unknown): ConnectionFailure {
  const reason = code ? `${code}: ${message}` : String(message ?? thrown);
  const broken = (code ?? "").startsWith("UND_ERR") || /ECONNRESET|EPIPE|socket|closed/i.test(reason);
  return { retry: broken ? "backoff" : "never", maybeActed: true, reason: () => reason };
}
