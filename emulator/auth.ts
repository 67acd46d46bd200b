/**
 * Credential checks: `Authorization: Bearer <token>` or the legacy `X-Auth-Email` + `X-Auth-Key`
 * pair, as the Cloudflare API accepts them, and the permissions of scoped API tokens.
 *
 * What Cloudflare answers, and so what this answers:
 * - no credentials, a malformed header, an unknown token, a wrong email/key: 401, 10000
 *   "Authentication error";
 * - an expired token: 401, 9109 "Invalid access token";
 * - a valid token without the permission the request needs: 403, 10000 "Authentication error"
 *   (Cloudflare does not say which permission is missing; clients have to know).
 */
import type { IncomingHttpHeaders } from "node:http";
import { Codes, type Reply, cfError, fail } from "./envelope";

/**
 * Permission groups of a scoped token, as `<product>:<read|write>`. Write includes read. The API
 * reference lists "Magic WAN Write" and "Magic Transit Write" as accepted alternatives for the
 * Magic and CNI endpoints, so either product's permission opens them; the packet capture endpoints
 * (`/accounts/:id/pcaps...`) need "Magic Firewall Packet Captures" (`pcaps:*`) instead.
 */
export type Permission = "magic-transit:read" | "magic-transit:write" | "magic-wan:read" | "magic-wan:write" | "pcaps:read" | "pcaps:write";

const PERMISSIONS: readonly Permission[] = [
  "magic-transit:read",
  "magic-transit:write",
  "magic-wan:read",
  "magic-wan:write",
  "pcaps:read",
  "pcaps:write",
];

/** Properties of one configured API token. */
export interface TokenOptions {
  /** An expired token is recognised but refused with 401 / 9109. */
  expired?: boolean;
  /** What the token may do; left out, it may do everything (a token with every permission). */
  permissions?: Permission[];
  /**
   * The user the token belongs to. Cloudflare's rate limit counts per user, across every token
   * and the global API key of that user. Left out, the token is a user of its own.
   */
  user?: string;
}

export interface AuthOptions {
  /** A list means every token has full access; a map gives each token its properties. */
  tokens?: string[] | Record<string, TokenOptions>;
  email?: string;
  apiKey?: string;
  /** The user the email/apiKey pair belongs to, for rate limiting; default: the email itself. */
  apiKeyUser?: string;
}

/** The request being authorised: its method and URL path (the API base included or not). */
export interface AuthTarget {
  method: string;
  path: string;
}

/**
 * `credential` identifies the credential (the token, or the email); `user` the user it belongs
 * to, whose budget the rate limit counts (`user:<name>` when configured, else the credential).
 */
export type AuthResult = { ok: true; credential: string; user: string } | { ok: false; reply: Reply };

const AUTH_ERROR = fail(401, [cfError(Codes.AUTH_ERROR, "Authentication error")]);
const EXPIRED = fail(401, [cfError(Codes.INVALID_TOKEN, "Invalid access token")]);
const FORBIDDEN = fail(403, [cfError(Codes.AUTH_ERROR, "Authentication error")]);

const READ_METHODS = new Set(["GET", "HEAD"]);
const PCAPS_PATH = /\/accounts\/[^/]+\/pcaps(\/|$)/;

function header(headers: IncomingHttpHeaders, name: string): string | undefined {
  const value = headers[name];
  return Array.isArray(value) ? value[0] : value;
}

/** The permissions of which a token needs at least one for `target`. */
export function acceptedPermissions(target: AuthTarget): Permission[] {
  const write = !READ_METHODS.has(target.method.toUpperCase());
  const products = PCAPS_PATH.test(target.path) ? ["pcaps"] : ["magic-transit", "magic-wan"];
  return products.flatMap((p) => (write ? [`${p}:write`] : [`${p}:read`, `${p}:write`])) as Permission[];
}

export class Authenticator {
  private readonly tokens: Map<string, TokenOptions>;
  /** With no credentials configured at all, any well-formed credential is accepted (local dev). */
  private readonly open: boolean;

  constructor(private readonly options: AuthOptions = {}) {
    const { tokens = [] } = options;
    this.tokens = new Map(Array.isArray(tokens) ? tokens.map((t) => [t, {}]) : Object.entries(tokens));
    for (const [, t] of this.tokens) {
      const unknown = (t.permissions ?? []).filter((p) => !PERMISSIONS.includes(p));
      if (unknown.length) throw new Error(`unknown token permission(s) ${unknown.join(", ")}; use ${PERMISSIONS.join(", ")}`);
    }
    this.open = this.tokens.size === 0 && options.email === undefined && options.apiKey === undefined;
  }

  /** Without a `target`, only the credential is checked (permissions need the method and path). */
  check(headers: IncomingHttpHeaders, target?: AuthTarget): AuthResult {
    const authorization = header(headers, "authorization");
    if (authorization !== undefined) {
      const token = /^Bearer\s+(\S+)\s*$/i.exec(authorization)?.[1];
      if (token === undefined) return { ok: false, reply: AUTH_ERROR };
      if (this.open) return { ok: true, credential: `token:${token}`, user: `token:${token}` };
      const known = this.tokens.get(token);
      if (!known) return { ok: false, reply: AUTH_ERROR };
      if (known.expired) return { ok: false, reply: EXPIRED };
      if (target && known.permissions && !acceptedPermissions(target).some((p) => known.permissions!.includes(p))) {
        return { ok: false, reply: FORBIDDEN };
      }
      return { ok: true, credential: `token:${token}`, user: known.user !== undefined ? `user:${known.user}` : `token:${token}` };
    }
    // A global API key carries every permission of its user.
    const email = header(headers, "x-auth-email");
    const key = header(headers, "x-auth-key");
    if (email && key && (this.open || (email === this.options.email && key === this.options.apiKey))) {
      return { ok: true, credential: `email:${email}`, user: `user:${this.options.apiKeyUser ?? email}` };
    }
    return { ok: false, reply: AUTH_ERROR };
  }
}
