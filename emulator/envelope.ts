/**
 * Response shapes shared by every resource file: the Cloudflare API v4 envelope, Cloudflare-style
 * errors, and bare JSON bodies (the CNI API answers without an envelope).
 * The error codes are listed (with status and meaning) in emulator/README.md; keep both in step.
 */

/** One entry of `errors`/`messages` in a v4 envelope. */
export interface CfError {
  code: number;
  message: string;
  source?: { pointer: string };
}

/** What a route handler returns; the server serialises it as JSON. */
export interface Reply {
  status: number;
  body: unknown;
  headers?: Record<string, string>;
}

export const Codes = {
  /** 400: body is not valid JSON, or not the JSON shape the endpoint takes (e.g. not an object). */
  INVALID_BODY: 1001,
  /** 400: a required field is missing or null. */
  MISSING_FIELD: 1002,
  /** 400: a field must be unique within the account (e.g. a tunnel name) and is already taken. */
  DUPLICATE: 1003,
  /** 404: the object identifier names nothing in this account. */
  NOT_FOUND: 1004,
  /** 400: a field has the wrong type, format, range or enum value. */
  INVALID_VALUE: 1005,
  /** 400: a field that this operation does not accept (e.g. `bgp` on a GRE tunnel PUT). */
  FIELD_NOT_ALLOWED: 1006,
  /** 400: the object is still in use (e.g. deleting a site that has WANs, LANs, ACLs or app configs). */
  IN_USE: 1007,
  /**
   * 400: "Invalid Request: …", the live Magic tunnels' and routes' answer to a body their decoder
   * refuses: malformed JSON, a JSON type the field does not take, `null` for a field.
   */
  INVALID_REQUEST: 1022,
  /** 403: the account is not onboarded to Magic Transit (or Magic WAN): every tunnel and route call. */
  NOT_ONBOARDED: 1012,
  /** 403: the account has no Magic WAN entitlement: every site and app call. */
  NOT_ENTITLED: 1025,
  /** 404: "GRE tunnel not found". */
  GRE_TUNNEL_NOT_FOUND: 1029,
  /** 404: "IPsec tunnel not found". */
  IPSEC_TUNNEL_NOT_FOUND: 1032,
  /** 404: "Route not found". */
  ROUTE_NOT_FOUND: 1020,
  /** 429: rate limited (configured limit, lockout, or an injected 429). */
  RATE_LIMITED: 971,
  /** 405: the path exists but not for this HTTP method. */
  METHOD_NOT_ALLOWED: 7001,
  /** 404: no route matches the path. */
  NO_ROUTE: 7003,
  /** 401: the bearer token is known but expired. */
  INVALID_TOKEN: 9109,
  /** 401: no credentials, or credentials that match nothing configured. */
  AUTH_ERROR: 10000,
  /** 5xx: an injected server fault, or a bug in the emulator. */
  INTERNAL: 10001,
} as const;

export function cfError(code: number, message: string, pointer?: string): CfError {
  return pointer === undefined ? { code, message } : { code, message, source: { pointer } };
}

/** Successful v4 envelope. */
export function ok(result: unknown, status = 200): Reply {
  return { status, body: { success: true, errors: [], messages: [], result } };
}

/** Failed v4 envelope. */
export function fail(status: number, errors: CfError[], headers?: Record<string, string>): Reply {
  return { status, body: { success: false, errors, messages: [], result: null }, headers };
}

/** A JSON body sent as-is, for APIs that do not use the v4 envelope (CNI). */
export function bare(body: unknown, status = 200): Reply {
  return { status, body };
}

/**
 * Thrown by handlers (and the validators they call) to answer with a failed envelope; the server
 * turns it into the response so handlers can bail out from any depth.
 */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly errors: CfError[],
  ) {
    super(errors.map((e) => e.message).join("; "));
  }

  toReply(): Reply {
    return fail(this.status, this.errors);
  }
}

/** "<label> not found"; `code` is the object's own not-found code where the live API has one (1029, 1032, 1020). */
export function notFound(label: string, pointer?: string, code: number = Codes.NOT_FOUND): ApiError {
  return new ApiError(404, [cfError(code, `${label} not found`, pointer)]);
}

export function badRequest(errors: CfError[]): ApiError {
  return new ApiError(400, errors);
}
