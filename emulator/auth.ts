/**
 * Credential checks: `Authorization: Bearer <token>` or the legacy `X-Auth-Email` + `X-Auth-Key`
 * pair, as the Cloudflare API accepts them.
 */
import type { IncomingHttpHeaders } from "node:http";
import { Codes, type Reply, cfError, fail } from "./envelope";

/** Properties of one configured API token. New token properties (e.g. permissions) belong here. */
export interface TokenOptions {
  /** An expired token is recognised but refused with 401 / 9109. */
  expired?: boolean;
}

export interface AuthOptions {
  /** A list means every token has full access; a map gives each token its properties. */
  tokens?: string[] | Record<string, TokenOptions>;
  email?: string;
  apiKey?: string;
}

/** `credential` identifies the caller for rate limiting (the token, or the email). */
export type AuthResult = { ok: true; credential: string } | { ok: false; reply: Reply };

const AUTH_ERROR = fail(401, [cfError(Codes.AUTH_ERROR, "Authentication error")]);
const EXPIRED = fail(401, [cfError(Codes.INVALID_TOKEN, "Invalid access token")]);

function header(headers: IncomingHttpHeaders, name: string): string | undefined {
  const value = headers[name];
  return Array.isArray(value) ? value[0] : value;
}

export class Authenticator {
  private readonly tokens: Map<string, TokenOptions>;
  /** With no credentials configured at all, any well-formed credential is accepted (local dev). */
  private readonly open: boolean;

  constructor(private readonly options: AuthOptions = {}) {
    const { tokens = [] } = options;
    this.tokens = new Map(Array.isArray(tokens) ? tokens.map((t) => [t, {}]) : Object.entries(tokens));
    this.open = this.tokens.size === 0 && options.email === undefined && options.apiKey === undefined;
  }

  check(headers: IncomingHttpHeaders): AuthResult {
    const authorization = header(headers, "authorization");
    if (authorization !== undefined) {
      const token = /^Bearer\s+(\S+)\s*$/i.exec(authorization)?.[1];
      if (token === undefined) return { ok: false, reply: AUTH_ERROR };
      if (this.open) return { ok: true, credential: `token:${token}` };
      const known = this.tokens.get(token);
      if (!known) return { ok: false, reply: AUTH_ERROR };
      if (known.expired) return { ok: false, reply: EXPIRED };
      return { ok: true, credential: `token:${token}` };
    }
    const email = header(headers, "x-auth-email");
    const key = header(headers, "x-auth-key");
    if (email && key && (this.open || (email === this.options.email && key === this.options.apiKey))) {
      return { ok: true, credential: `email:${email}` };
    }
    return { ok: false, reply: AUTH_ERROR };
  }
}
