/**
 * The emulator's HTTP server: one request pipeline that applies, in order, logging/stats, latency,
 * authentication, rate limiting, fault injection, routing, JSON body parsing and the route handler.
 * Error codes are tabled in emulator/README.md and defined in envelope.ts.
 */
import * as http from "node:http";
import type { AddressInfo } from "node:net";
import { type AuthOptions, Authenticator } from "./auth";
import { ApiError, Codes, type Reply, cfError, fail } from "./envelope";
import { FAULT_KINDS, type FaultDecision, type FaultKind, FaultPlan, type InjectedFault } from "./faults";
import { RateLimiter, rateLimitHeaders } from "./rate-limit";
import { resources } from "./resources";
import { type Route, type RouteMatch, Router } from "./router";
import { Store } from "./store";
import {
  DEFAULT_ACCOUNT_BEHAVIOUR,
  DEFAULT_CNI_BEHAVIOUR,
  DEFAULT_LATENCY_MS,
  DEFAULT_PCAP_TIMING,
  type EmulatorSwitches,
  type FaultOptions,
  type RateLimitOptions,
  type ResourceSwitches,
  type SwitchChanges,
} from "./switches";
import { preciseNow, renderTimes } from "./timestamps";

export const API_BASE = "/client/v4";

export interface EmulatorOptions extends AuthOptions, EmulatorSwitches {
  /** 0 (the default) picks a free port. */
  port?: number;
  /** Default 127.0.0.1; the emulator is meant for local use only. */
  host?: string;
  /** JSON file the state is loaded from on start and saved to after every change. */
  stateFile?: string;
  /** Keep each answer's JSON text in the request log (`answer`); off by default, as big lists would stay in memory. */
  recordAnswers?: boolean;
}

export interface RequestLogEntry {
  method: string;
  /** Path and query string as sent. */
  url: string;
  /** `METHOD /pattern` of the matched route (as in `byRoute`), or `METHOD (no route)`. */
  route: string;
  /** null when the connection was dropped without an answer. */
  status: number | null;
  fault?: FaultKind;
  /** Request headers, with credential values (authorization, x-auth-key) redacted. */
  headers: Record<string, string>;
  /** Parsed JSON body (raw text when it was not JSON); absent when the request had no body. */
  body?: unknown;
  /** The answer's JSON text as sent, with `recordAnswers` on (absent for binary answers and dropped connections). */
  answer?: string;
}

export interface EmulatorStats {
  totalRequests: number;
  /** Requests per `METHOD /pattern`, e.g. `POST /accounts/:account_id/magic/gre_tunnels`. */
  byRoute: Record<string, number>;
  /** Faults applied, injected or random. */
  faults: Record<FaultKind, number>;
  /** 429s caused by the rate limit (not injected ones). */
  rateLimited: number;
  /** The most recent requests, oldest first (capped at MAX_LOG_ENTRIES). */
  requests: RequestLogEntry[];
}

export interface Emulator {
  /** Base URL of the API, e.g. `http://127.0.0.1:8787/client/v4`. */
  readonly url: string;
  readonly port: number;
  /** Direct access to state, for changes "behind the client's back". */
  readonly store: Store;
  /** Live statistics; `resetStats()` clears them in place. */
  readonly stats: EmulatorStats;
  resetStats(): void;
  injectNext(fault: InjectedFault): void;
  /**
   * Changes test switches of this emulator (see `SwitchChanges`): e.g.
   * `configure({ faults: { rate5xx: 0.1 }, pcapTiming: { pendingMs: 0 } })`, `configure({ faults: null })`.
   * Changing `faults` restarts the PRNG from the seed; changing `rateLimit` forgets history and
   * lockouts (the limit counts per user, see `TokenOptions.user`, `apiKeyUser`). `cni` applies to
   * interconnects created from now on; `pcapTiming` to every capture at its next access. Invalid
   * fault rates or rate limits throw and change nothing.
   */
  configure(changes: SwitchChanges): void;
  /** Stops listening and closes every connection, keep-alive ones included. */
  close(): Promise<void>;
}

const MAX_LOG_ENTRIES = 10_000;
const REDACTED_HEADERS = new Set(["authorization", "x-auth-key"]);

function emptyStats(): EmulatorStats {
  return {
    totalRequests: 0,
    byRoute: {},
    faults: Object.fromEntries(FAULT_KINDS.map((k) => [k, 0])) as Record<FaultKind, number>,
    rateLimited: 0,
    requests: [],
  };
}

function redactHeaders(headers: http.IncomingHttpHeaders): Record<string, string> {
  const result: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value === undefined) continue;
    const text = Array.isArray(value) ? value.join(", ") : value;
    // Keep the scheme so tests can still tell which kind of credential was sent.
    result[name] = REDACTED_HEADERS.has(name) ? text.replace(/^(Bearer\s+)?.*$/is, "$1[redacted]") : text;
  }
  return result;
}

type ParsedBody = { kind: "none" } | { kind: "json"; value: unknown } | { kind: "malformed" };

function parseBody(text: string): ParsedBody {
  if (text.trim() === "") return { kind: "none" };
  try {
    return { kind: "json", value: JSON.parse(text) };
  } catch {
    return { kind: "malformed" };
  }
}

/** Sends a reply; returns the JSON text sent (undefined for a binary answer). */
function send(res: http.ServerResponse, reply: Reply): string | undefined {
  // Binary endpoints (an LOA PDF, a PCAP download) answer with a Buffer and their own content-type.
  const payload = Buffer.isBuffer(reply.body) ? reply.body : JSON.stringify(reply.body);
  res.writeHead(reply.status, {
    "content-type": "application/json",
    "content-length": Buffer.byteLength(payload),
    ...reply.headers,
  });
  res.end(payload);
  return typeof payload === "string" ? payload : undefined;
}

function rateLimitedReply(retryAfterSeconds: number): Reply {
  return fail(429, [cfError(Codes.RATE_LIMITED, "Please wait and consider throttling your request speed")], {
    "retry-after": String(retryAfterSeconds),
  });
}

function faultReply(fault: FaultDecision): Reply | undefined {
  if (fault.kind === "5xx") {
    return fail(fault.status, [cfError(Codes.INTERNAL, http.STATUS_CODES[fault.status] ?? "Server error")]);
  }
  if (fault.kind === "429") return rateLimitedReply(fault.retryAfterSeconds);
  return undefined;
}

export async function startEmulator(options: EmulatorOptions = {}): Promise<Emulator> {
  const store = new Store(options.stateFile);
  const auth = new Authenticator(options);
  const rateLimiter = new RateLimiter(options.rateLimit);
  const faults = new FaultPlan(options.faults);
  let latencyMs = options.latencyMs ?? DEFAULT_LATENCY_MS;
  // Current values of the object switches, so configure() can merge over them.
  let faultOptions: FaultOptions | undefined = options.faults;
  let rateLimit: RateLimitOptions | undefined = options.rateLimit;
  const switches: ResourceSwitches = {
    cni: { ...DEFAULT_CNI_BEHAVIOUR, ...options.cni },
    pcapTiming: { ...DEFAULT_PCAP_TIMING, ...options.pcapTiming },
    account: { ...DEFAULT_ACCOUNT_BEHAVIOUR, ...options.account },
  };

  function configure(changes: SwitchChanges): void {
    // Validate (the two constructors throw) before changing anything.
    const nextFaults =
      changes.faults === undefined ? faultOptions : changes.faults === null ? undefined : { ...faultOptions, ...changes.faults };
    const nextLimit =
      changes.rateLimit === undefined
        ? rateLimit
        : changes.rateLimit === null
          ? undefined
          : ({ ...rateLimit, ...changes.rateLimit } as RateLimitOptions);
    if (changes.faults !== undefined) new FaultPlan(nextFaults);
    if (changes.rateLimit !== undefined) new RateLimiter(nextLimit);
    if (changes.latencyMs !== undefined) latencyMs = changes.latencyMs ?? DEFAULT_LATENCY_MS;
    if (changes.faults !== undefined) {
      faults.configure(nextFaults);
      faultOptions = nextFaults;
    }
    if (changes.rateLimit !== undefined) {
      rateLimiter.configure(nextLimit);
      rateLimit = nextLimit;
    }
    if (changes.cni !== undefined)
      switches.cni = { ...(changes.cni === null ? DEFAULT_CNI_BEHAVIOUR : { ...switches.cni, ...changes.cni }) };
    if (changes.pcapTiming !== undefined) {
      switches.pcapTiming = { ...(changes.pcapTiming === null ? DEFAULT_PCAP_TIMING : { ...switches.pcapTiming, ...changes.pcapTiming }) };
    }
    if (changes.account !== undefined) {
      switches.account = { ...(changes.account === null ? DEFAULT_ACCOUNT_BEHAVIOUR : { ...switches.account, ...changes.account }) };
    }
  }
  const stats = emptyStats();

  const router = new Router();
  for (const resource of resources) resource.register(router);

  // Pending latency/stall timers, cleared on close so a test runner is not kept alive by them.
  const timers = new Set<NodeJS.Timeout>();
  const sleep = (ms: number) =>
    ms > 0
      ? new Promise<void>((resolve) => {
          const timer = setTimeout(() => {
            timers.delete(timer);
            resolve();
          }, ms);
          timers.add(timer);
        })
      : Promise.resolve();

  /** 403 with the product's code when the account is not onboarded to (or entitled to) the product the route needs. */
  function productRefusal(route: Route): Reply | undefined {
    if (route.product === "magicTransit" && !switches.account.magicTransit) {
      return fail(403, [cfError(Codes.NOT_ONBOARDED, "Magic Transit is not onboarded for this account")]);
    }
    if (route.product === "magicWan" && !switches.account.magicWan) {
      return fail(403, [cfError(Codes.NOT_ENTITLED, "Magic WAN is not enabled for this account")]);
    }
    return undefined;
  }

  function match(method: string, pathname: string): RouteMatch {
    if (pathname !== API_BASE && !pathname.startsWith(`${API_BASE}/`)) return { kind: "none" };
    return router.match(method, pathname.slice(API_BASE.length));
  }

  /** Routing, body parsing and the handler: everything after the cross-cutting checks. */
  async function dispatch(routed: RouteMatch, method: string, url: URL, req: http.IncomingMessage, body: ParsedBody) {
    if (routed.kind === "none") {
      const path = url.pathname.startsWith(API_BASE) ? url.pathname.slice(API_BASE.length) : url.pathname;
      const message = `Could not route to ${path}, perhaps your object identifier is invalid?`;
      return fail(404, [cfError(Codes.NO_ROUTE, message)]);
    }
    if (routed.kind === "method-not-allowed") {
      return fail(405, [cfError(Codes.METHOD_NOT_ALLOWED, "Method not allowed")]);
    }
    const refused = productRefusal(routed.route);
    if (refused) return refused;
    if (body.kind === "malformed") {
      return routed.route.goService
        ? fail(400, [cfError(Codes.INVALID_REQUEST, "Invalid Request: invalid character in request body: not valid JSON")])
        : fail(400, [cfError(Codes.INVALID_BODY, "Malformed JSON in request body")]);
    }
    const now = routed.route.goService ? preciseNow() : new Date().toISOString();
    try {
      const reply = await routed.route.handler({
        method,
        params: routed.params,
        query: url.searchParams,
        headers: req.headers,
        body: body.kind === "json" ? body.value : undefined,
        store,
        validateOnly: url.searchParams.get("validate_only") === "true",
        now,
        switches,
      });
      return routed.route.goService ? { ...reply, body: renderTimes(reply.body, method === "POST" ? now : undefined) } : reply;
    } catch (error) {
      if (error instanceof ApiError) return error.toReply();
      return fail(500, [cfError(Codes.INTERNAL, `Emulator bug: ${(error as Error).message}`)]);
    }
  }

  async function handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const rawBody = Buffer.concat(chunks).toString("utf8");

    const method = (req.method ?? "GET").toUpperCase();
    const url = new URL(req.url ?? "/", "http://emulator");
    const routed = match(method, url.pathname);
    const routeKey = `${method} ${routed.kind === "found" ? routed.route.pattern : "(no route)"}`;

    const body = parseBody(rawBody);
    const entry: RequestLogEntry = {
      method,
      url: req.url ?? "/",
      route: routeKey,
      status: null,
      headers: redactHeaders(req.headers),
    };
    if (body.kind !== "none") entry.body = body.kind === "json" ? body.value : rawBody;
    stats.totalRequests++;
    stats.byRoute[routeKey] = (stats.byRoute[routeKey] ?? 0) + 1;
    stats.requests.push(entry);
    if (stats.requests.length > MAX_LOG_ENTRIES) stats.requests.shift();

    // Once the user is known and a limit is set, every answer carries Ratelimit / Ratelimit-Policy.
    let limitHeaders: Record<string, string> | undefined;
    const answer = (reply: Reply) => {
      entry.status = reply.status;
      const text = send(res, limitHeaders ? { ...reply, headers: { ...reply.headers, ...limitHeaders } } : reply);
      if (options.recordAnswers && text !== undefined) entry.answer = text;
    };
    const drop = () => {
      req.socket.destroy();
    };

    await sleep(latencyMs);

    const authenticated = auth.check(req.headers, { method, path: url.pathname });
    if (!authenticated.ok) return answer(authenticated.reply);

    const limit = rateLimiter.check(authenticated.user);
    if (limit.state) limitHeaders = rateLimitHeaders(limit.state);
    if (!limit.ok) {
      stats.rateLimited++;
      return answer(rateLimitedReply(limit.retryAfterSeconds));
    }

    const fault = faults.decide(method, entry.url);
    if (fault) {
      stats.faults[fault.kind]++;
      entry.fault = fault.kind;
      const reply = faultReply(fault);
      if (reply) return answer(reply);
      if (fault.kind === "drop-before") return drop();
      if (fault.kind === "stall") await sleep(fault.stallMs);
    }

    const reply = await dispatch(routed, method, url, req, body);
    if (fault?.kind === "drop-after") return drop();
    answer(reply);
  }

  const server = http.createServer((req, res) => {
    handle(req, res).catch((error: Error) => {
      // Handler errors are answered inside handle(); this catches the rest (e.g. the client
      // aborting while its body is read) and answers if the socket is still there.
      if (!res.headersSent && !res.destroyed) {
        send(res, fail(500, [cfError(Codes.INTERNAL, `Emulator bug: ${error.message}`)]));
      }
    });
  });

  const host = options.host ?? "127.0.0.1";
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, host, () => {
      server.off("error", reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  const urlHost = host.includes(":") ? `[${host}]` : host;

  return {
    url: `http://${urlHost}:${port}${API_BASE}`,
    port,
    store,
    stats,
    resetStats() {
      Object.assign(stats, emptyStats());
    },
    injectNext: (fault) => faults.injectNext(fault),
    configure,
    close() {
      for (const timer of timers) clearTimeout(timer);
      timers.clear();
      return new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
    },
  };
}
