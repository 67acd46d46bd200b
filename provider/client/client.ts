import type { Agent } from "undici";
import type { z } from "zod";
import {
  AuthError,
  CloudflareApiError,
  CloudflareError,
  CloudflareMessage,
  GONE_CODES,
  NetworkError,
  NotEntitledError,
  NotFoundError,
  OutcomeUnknownError,
  PRODUCT_CODES,
  RateLimitError,
  ResponseShapeError,
  TimeoutError,
  pointerInMessage,
} from "./errors";
import { report } from "../engine/report";
import { followCursor } from "./pages";
import { Pacer, ServerBudget, processPacer, sleep } from "./pacer";
import {
  CONNECTION_FAILURES,
  type ConnectionFailure,
  type Destination,
  QUICK_RETRY_MS,
  RETRIED_STATUSES,
  RETRY_SAFE_METHODS,
  type Retry,
  otherConnectionFailure,
} from "./retry-policy";

export const DEFAULT_BASE_URL = "https://api.cloudflare.com/client/v4";

/** How the client authenticates. `source` names where the secret came from (never the secret). */
export type Credentials = { kind: "token"; token: string; source: string } | { kind: "key"; email: string; key: string; source: string };

export interface RetryOptions {
  /** Attempts per request, the first included. Default 6. */
  maxAttempts: number;
  /** First backoff step in ms; doubles each attempt, with full jitter. Default 500. */
  baseDelayMs: number;
  /** Cap of one backoff step in ms. Default 30,000. */
  maxDelayMs: number;
  /** Longest Retry-After honoured, in seconds (Cloudflare's lockout is 300). Default 330. */
  maxRetryAfterSeconds: number;
}

export interface TimeoutOptions {
  connectMs: number;
  headersMs: number;
  bodyMs: number;
}

export interface ClientOptions {
  baseUrl?: string;
  /** Where the base URL came from ("stack config cloudflare-magic:baseUrl"), named when nothing answers there. */
  baseUrlSource?: string;
  credentials: Credentials;
  retry?: Partial<RetryOptions>;
  timeouts?: Partial<TimeoutOptions>;
  /** The request budget; defaults to the one shared by the whole process. */
  pacer?: Pacer;
  /** Debug lines (method, path, status, timing). Never given headers or bodies. */
  log?: (line: string) => void;
}

export type Method = "GET" | "POST" | "PUT" | "PATCH" | "DELETE";

/**
 * How a response carries its payload: Magic endpoints use the v4 envelope
 * `{success, errors, messages, result}`; CNI endpoints answer with the bare object.
 */
export type Envelope = "v4" | "bare";

export interface RequestSpec<T> {
  method: Method;
  /** Path below the base URL, built with `path```. */
  path: string;
  query?: Record<string, string | number | boolean | undefined>;
  body?: unknown;
  headers?: Record<string, string>;
  /** Default "v4". */
  envelope?: Envelope;
  /** Key of the per-verb wrapper inside `result` ("gre_tunnel", "modified_gre_tunnel", ...). */
  unwrap?: string;
  /** Validates the unwrapped payload. Schemas should tolerate unknown fields. */
  schema?: z.ZodType<T>;
  /** "create GreTunnel 'nyc-gre-1'": prefixed to every error of this request. */
  label?: string;
  /** Permission the operation needs, named in 401/403 errors ("Magic Transit: Edit"). */
  permission?: string;
  /**
   * Whether the request may be re-sent after an ambiguous failure (5xx, dropped connection after
   * sending, header timeout). Default: `RETRY_SAFE_METHODS` (GET/PUT/PATCH/DELETE, not POST, whose
   * ambiguous failures become OutcomeUnknownError for the caller to resolve by lookup).
   */
  retrySafe?: boolean;
}

export interface RawResponse {
  status: number;
  contentType: string;
  body: Buffer;
}

export interface ClientStats {
  requests: number;
  retries: number;
  byStatus: Record<string, number>;
}

const DEFAULT_RETRY: RetryOptions = { maxAttempts: 6, baseDelayMs: 500, maxDelayMs: 30_000, maxRetryAfterSeconds: 330 };
const DEFAULT_TIMEOUTS: TimeoutOptions = { connectMs: 10_000, headersMs: 60_000, bodyMs: 60_000 };

/** Failure of one attempt, classified for the retry decision (retry-policy.ts). */
interface AttemptFailure {
  error: CloudflareError;
  /** The server may have acted on the request. */
  maybeActed: boolean;
  retry: Retry;
  retryAfterMs?: number;
}

/**
 * The one Cloudflare API client: undici keep-alive connections, the shared pacing budget,
 * retries with backoff and jitter honouring Retry-After, envelope unwrapping, zod validation
 * and typed errors. Credentials live only in the request headers it builds.
 */
/** A pause before a retry this long or longer is shown as the resource's status in the CLI. */
const RETRY_NOTICE_MS = 2000;

export class CloudflareClient {
  readonly baseUrl: URL;
  readonly stats: ClientStats = { requests: 0, retries: 0, byStatus: {} };
  private agentInstance?: Agent;
  private readonly retry: RetryOptions;
  private readonly timeouts: TimeoutOptions;
  private readonly pacer: Pacer;
  /** What the server reports about this credential's budget, shared with every client of its user. */
  readonly serverBudget: ServerBudget;
  private readonly authHeaders: () => Record<string, string>;
  private readonly log?: (line: string) => void;
  readonly credentialSource: string;
  private readonly baseUrlSource: string;

  constructor(options: ClientOptions) {
    this.baseUrl = new URL((options.baseUrl ?? DEFAULT_BASE_URL).replace(/\/+$/, ""));
    this.baseUrlSource = options.baseUrlSource ?? (options.baseUrl === undefined ? "the default" : "the client options");
    this.retry = { ...DEFAULT_RETRY, ...options.retry };
    this.timeouts = { ...DEFAULT_TIMEOUTS, ...options.timeouts };
    this.pacer = options.pacer ?? processPacer;
    this.log = options.log;
    this.serverBudget = new ServerBudget(options.log);
    this.credentialSource = options.credentials.source;
    const creds = options.credentials;
    // A closure, not a field: the secret is not an enumerable property anything could dump.
    this.authHeaders = (): Record<string, string> =>
      creds.kind === "token" ? { authorization: `Bearer ${creds.token}` } : { "x-auth-email": creds.email, "x-auth-key": creds.key };
  }

  /** Sends a request and returns its validated, unwrapped payload. */
  async request<T = unknown>(spec: RequestSpec<T>): Promise<T> {
    const raw = await this.send(spec);
    return this.decode(spec, raw);
  }

  /**
   * Lists every item of a cursor-paginated bare endpoint (CNI): `{items, next}` pages, following
   * `next` as `cursor` until it is absent.
   */
  async listAll<T>(spec: RequestSpec<T> & { pageSize?: number }): Promise<T[]> {
    return followCursor<T, number | string>(
      async (cursor) => {
        const page = await this.request<{ items?: unknown[]; next?: number | string | null } | undefined>({
          ...spec,
          schema: undefined,
          envelope: "bare",
          query: { ...spec.query, limit: spec.pageSize ?? 100, cursor },
        });
        if (!page || !Array.isArray(page.items)) {
          throw new ResponseShapeError(`GET ${spec.path} did not answer with {items, next}.`, spec.label);
        }
        const items = page.items.map((item) => (spec.schema ? this.validate(spec, item) : (item as T)));
        return { items, next: page.next ?? undefined };
      },
      undefined,
      // A server that repeats a cursor would loop forever; stop with a clear error instead.
      (key) => new ResponseShapeError(`GET ${spec.path} returned cursor ${key} twice.`, spec.label),
    );
  }

  /** Sends a request and returns the raw body (binary endpoints: LOA PDFs, PCAP downloads). */
  async requestRaw(spec: Omit<RequestSpec<unknown>, "schema" | "unwrap">): Promise<RawResponse> {
    return this.send(spec);
  }

  async close(): Promise<void> {
    await this.agentInstance?.close();
  }

  /**
   * The keep-alive connection pool, made on the first request: undici is loaded only then, so
   * check and diff (which never call the API) do not pay for it at start-up.
   */
  private get agent(): Agent {
    if (!this.agentInstance) {
      const { Agent } = require("undici") as typeof import("undici");
      this.agentInstance = new Agent({
        connect: { timeout: this.timeouts.connectMs },
        headersTimeout: this.timeouts.headersMs,
        bodyTimeout: this.timeouts.bodyMs,
        keepAliveTimeout: 30_000,
        connections: 64,
      });
    }
    return this.agentInstance;
  }

  private async send(spec: RequestSpec<unknown>): Promise<RawResponse> {
    refuseUnsafe(spec);
    const retrySafe = spec.retrySafe ?? RETRY_SAFE_METHODS.has(spec.method);
    for (let attempt = 1; ; attempt++) {
      const outcome = await this.attempt(spec);
      if (!("failure" in outcome)) return outcome;
      const f = outcome.failure;
      const canRepeat = f.retry !== "never" && (retrySafe || !f.maybeActed) && !(f.retry === "once" && attempt >= 2);
      if (!canRepeat || attempt >= this.retry.maxAttempts) {
        if (f.maybeActed && !retrySafe) throw new OutcomeUnknownError(f.error, spec.label);
        throw f.error;
      }
      this.stats.retries++;
      const delay = f.retryAfterMs ?? (f.retry === "once" ? Math.min(this.backoff(attempt), QUICK_RETRY_MS) : this.backoff(attempt));
      this.log?.(`retrying ${spec.method} ${spec.path} in ${delay} ms (attempt ${attempt + 1}): ${f.error.message}`);
      if (delay >= RETRY_NOTICE_MS) {
        const asked = f.retryAfterMs !== undefined ? "as Cloudflare's Retry-After asks" : "backing off";
        report().status(`${spec.method} ${spec.path} failed (${f.error.message}); trying again in ${Math.ceil(delay / 1000)} s, ${asked}`);
      }
      await sleep(delay);
    }
  }

  private backoff(attempt: number): number {
    const cap = Math.min(this.retry.maxDelayMs, this.retry.baseDelayMs * 2 ** (attempt - 1));
    return Math.round(cap / 2 + (Math.random() * cap) / 2);
  }

  private async attempt(spec: RequestSpec<unknown>): Promise<RawResponse | { failure: AttemptFailure }> {
    const grant = await this.pacer.acquireFor(this.serverBudget);
    const started = Date.now();
    this.stats.requests++;
    const url = this.url(spec);
    const displayPath = url.pathname;
    try {
      const headers: Record<string, string> = {
        accept: "application/json",
        "user-agent": "pulumi-cloudflare-magic",
        ...spec.headers,
        ...this.authHeaders(),
      };
      let body: string | undefined;
      if (spec.body !== undefined) {
        body = JSON.stringify(spec.body);
        headers["content-type"] = "application/json";
      }
      let res;
      try {
        res = await this.agent.request({
          origin: url.origin,
          path: url.pathname + url.search,
          method: spec.method,
          headers,
          body,
        });
      } catch (e) {
        return { failure: this.networkFailure(e, spec, displayPath) };
      }
      // The budget the server reports, as soon as the headers are in (every status, 429 included).
      const budget = grant.observe(res.headers["ratelimit"], res.headers["ratelimit-policy"]);
      let buf: Buffer;
      try {
        buf = Buffer.from(await res.body.arrayBuffer());
      } catch (e) {
        return { failure: this.networkFailure(e, spec, displayPath) };
      }
      const status = res.statusCode;
      this.stats.byStatus[status] = (this.stats.byStatus[status] ?? 0) + 1;
      this.log?.(`${spec.method} ${displayPath} -> ${status} (${Date.now() - started} ms)${budget ? `; ${budget}` : ""}`);
      const contentType = String(res.headers["content-type"] ?? "");
      if (status >= 200 && status < 300) return { status, contentType, body: buf };
      return { failure: this.statusFailure(spec, displayPath, status, buf, res.headers["retry-after"]) };
    } finally {
      grant.release();
    }
  }

  private url(spec: RequestSpec<unknown>): URL {
    const url = new URL(this.baseUrl.toString());
    url.pathname = this.baseUrl.pathname.replace(/\/$/, "") + spec.path;
    for (const [k, v] of Object.entries(spec.query ?? {})) {
      if (v !== undefined) url.searchParams.set(k, String(v));
    }
    return url;
  }

  private statusFailure(
    spec: RequestSpec<unknown>,
    displayPath: string,
    status: number,
    buf: Buffer,
    retryAfterHeader: string | string[] | undefined,
  ): AttemptFailure {
    const errors = extractErrors(buf, status);
    const args = [status, errors, spec.method, displayPath, spec.label] as const;
    // A code that says what happened is believed over the status it comes with.
    const refusal = status < 500 ? codedRefusal(status, errors, spec.method, displayPath, spec.label) : undefined;
    if (refusal) return { error: refusal, maybeActed: false, retry: "never" };
    const retried = RETRIED_STATUSES.find((r) => status >= r.from && status <= r.to);
    const policy = { maybeActed: retried?.maybeActed ?? false, retry: retried ? "backoff" : "never" } as const;
    if (status === 404) return { error: new NotFoundError(...args), ...policy };
    if (status === 401 || status === 403) {
      const need = spec.permission ? ` and grant ${spec.permission}` : "";
      const hint = `Check the credential from ${this.credentialSource}: it must be valid, unexpired${need}.`;
      return { error: new AuthError(...args, hint), ...policy };
    }
    if (status === 429) {
      const retryAfterMs = parseRetryAfter(retryAfterHeader, this.retry.maxRetryAfterSeconds);
      if (retryAfterMs !== undefined) this.pacer.pause(retryAfterMs);
      const hint =
        "Lower cloudflare-magic:requestsPerWindow or cloudflare-magic:maxConcurrency if this keeps happening, and keep cloudflare-magic:sharedBudget on so that concurrent runs of this user share the budget the API reports.";
      return { error: new RateLimitError(...args, hint), ...policy, retryAfterMs };
    }
    return { error: new CloudflareApiError(...args), ...policy };
  }

  /** A connection that failed before an answer, retried and worded as `CONNECTION_FAILURES` says. */
  private networkFailure(e: unknown, spec: RequestSpec<unknown>, displayPath: string): AttemptFailure {
    const err = e as { code?: string; message?: string };
    const code = err.code ?? "";
    const policy: ConnectionFailure = Object.hasOwn(CONNECTION_FAILURES, code)
      ? CONNECTION_FAILURES[code]
      : otherConnectionFailure(err.code, err.message, e);
    const error =
      "timeout" in policy
        ? new TimeoutError(policy.timeout, this.timeouts[`${policy.timeout}Ms`] / 1000, spec.method, displayPath, spec.label)
        : new NetworkError(policy.reason(code, this.destination()), policy.maybeActed, spec.method, displayPath, spec.label);
    return { error, maybeActed: policy.maybeActed, retry: policy.retry };
  }

  private destination(): Destination {
    const { host, hostname } = this.baseUrl;
    return { host, hostname, url: this.baseUrl.toString().replace(/\/$/, ""), source: this.baseUrlSource, defaultUrl: DEFAULT_BASE_URL };
  }

  private decode<T>(spec: RequestSpec<T>, raw: RawResponse): T {
    // Some endpoints (a DELETE, a capture stop) may answer with no body at all.
    if (raw.body.length === 0 && spec.unwrap === undefined && spec.schema === undefined) return undefined as T;
    let parsed: unknown;
    try {
      parsed = raw.body.length === 0 ? undefined : JSON.parse(raw.body.toString("utf8"));
    } catch {
      throw new ResponseShapeError(`${spec.method} ${spec.path} answered HTTP ${raw.status} with a body that is not JSON.`, spec.label);
    }
    let payload: unknown = parsed;
    if ((spec.envelope ?? "v4") === "v4") {
      const env = parsed as { success?: boolean; errors?: CloudflareMessage[]; result?: unknown } | undefined;
      if (!env || typeof env !== "object" || !("result" in env || "success" in env)) {
        throw new ResponseShapeError(
          `${spec.method} ${spec.path} did not answer with the v4 envelope {success, errors, messages, result}.`,
          spec.label,
        );
      }
      if (env.success === false) {
        const errors = withPointers(env.errors ?? []);
        throw (
          codedRefusal(raw.status, errors, spec.method, spec.path, spec.label) ??
          new CloudflareApiError(raw.status, errors, spec.method, spec.path, spec.label)
        );
      }
      payload = env.result;
    }
    if (spec.unwrap !== undefined) {
      const inner = payload && typeof payload === "object" ? (payload as Record<string, unknown>)[spec.unwrap] : undefined;
      if (inner === undefined) {
        throw new ResponseShapeError(`${spec.method} ${spec.path} answered without result.${spec.unwrap}.`, spec.label);
      }
      payload = inner;
    }
    return spec.schema ? this.validate(spec, payload) : (payload as T);
  }

  private validate<T>(spec: RequestSpec<T>, value: unknown): T {
    const r = spec.schema!.safeParse(value);
    if (r.success) return r.data;
    const where = r.error.issues
      .slice(0, 3)
      .map((i) => `${i.path.join(".") || "(root)"}: ${i.message}`)
      .join("; ");
    throw new ResponseShapeError(`${spec.method} ${spec.path} answered with an unexpected shape (${where}).`, spec.label);
  }
}

/**
 * The error a Cloudflare code means whatever the status: a missing object (`GONE_CODES`) or an
 * account without the product (`PRODUCT_CODES`); undefined for every other code.
 */
function codedRefusal(
  status: number,
  errors: CloudflareMessage[],
  method: string,
  path: string,
  label?: string,
): CloudflareApiError | undefined {
  const code = errors[0]?.code;
  if (code === undefined) return undefined;
  if (GONE_CODES.has(code)) return new NotFoundError(status, errors, method, path, label);
  const product = PRODUCT_CODES.get(code);
  return product === undefined ? undefined : new NotEntitledError(status, errors, method, path, label, product);
}

/** Errors without a `source` get the field their message names (`pointerInMessage`), so they point at a property like the rest. */
function withPointers(errors: CloudflareMessage[]): CloudflareMessage[] {
  return errors.map((e) => {
    if (e.source?.pointer) return e;
    const pointer = pointerInMessage(e.message);
    return pointer ? { ...e, source: { ...e.source, pointer } } : e;
  });
}

/** Cloudflare's `errors[]` from a failed response, from either the v4 envelope or a bare error body. */
function extractErrors(buf: Buffer, status: number): CloudflareMessage[] {
  return withPointers(errorsIn(buf, status));
}

function errorsIn(buf: Buffer, status: number): CloudflareMessage[] {
  let body: unknown;
  try {
    body = JSON.parse(buf.toString("utf8"));
  } catch {
    const text = buf.toString("utf8").trim().slice(0, 200);
    return text ? [{ code: status, message: text }] : [];
  }
  if (body && typeof body === "object") {
    const b = body as { errors?: unknown; message?: unknown; code?: unknown; error?: unknown };
    if (Array.isArray(b.errors) && b.errors.length > 0) {
      return b.errors.map((e) => ({
        code: Number((e as CloudflareMessage).code ?? status),
        message: String((e as CloudflareMessage).message ?? ""),
        source: (e as CloudflareMessage).source,
      }));
    }
    const message = typeof b.message === "string" ? b.message : typeof b.error === "string" ? b.error : undefined;
    if (message) return [{ code: typeof b.code === "number" ? b.code : status, message }];
  }
  return [];
}

/** Retry-After as seconds or an HTTP date, in ms, capped; undefined when absent or unreadable. */
function parseRetryAfter(header: string | string[] | undefined, capSeconds: number): number | undefined {
  const v = Array.isArray(header) ? header[0] : header;
  if (!v) return undefined;
  const seconds = /^\d+(\.\d+)?$/.test(v.trim()) ? Number(v) : (Date.parse(v) - Date.now()) / 1000;
  if (!Number.isFinite(seconds)) return undefined;
  return Math.round(Math.min(Math.max(seconds, 0), capSeconds) * 1000);
}

/**
 * `DELETE /accounts/{id}/magic/routes` ("Delete Many Routes") has no body in the reference or the
 * official SDK (`routes.empty`): it deletes every static route of the account, including routes
 * other stacks and people manage. Nothing here may send it, whatever body it carries; routes are
 * deleted one by one at `/magic/routes/{route_id}`. Refused before any request is made.
 */
function refuseUnsafe(spec: Pick<RequestSpec<unknown>, "method" | "path" | "label">): void {
  if (spec.method === "DELETE" && /\/magic\/routes\/*$/.test(spec.path.split("?")[0])) {
    throw new CloudflareError(
      `refusing to send DELETE ${spec.path}: that request deletes every static route of the account (routes other stacks and people manage included); delete routes one by one at /magic/routes/{route_id}.`,
      spec.label,
    );
  }
}
