/**
 * Method + path-pattern routing. Patterns are relative to the API base (`/client/v4`) and use
 * `:name` segments, e.g. `/accounts/:account_id/magic/gre_tunnels/:gre_tunnel_id`. Each request path
 * segment is percent-decoded after splitting, so an encoded `/` stays inside its parameter.
 */
import type { IncomingHttpHeaders } from "node:http";
import type { Reply } from "./envelope";
import type { Store } from "./store";
import type { Product, ResourceSwitches } from "./switches";

/** Everything a handler may look at; the server has already authenticated and parsed the body. */
export interface RequestContext {
  method: string;
  params: Record<string, string>;
  query: URLSearchParams;
  /** Lower-cased names, as node:http gives them. */
  headers: IncomingHttpHeaders;
  /** Parsed JSON body; undefined when the request had none. */
  body: unknown;
  store: Store;
  /** `?validate_only=true`: run every check and answer, but change nothing. */
  validateOnly: boolean;
  /** One ISO timestamp per request, so all objects touched by it agree. */
  now: string;
  /** The emulator's current resource switches (see `Emulator.configure`). */
  switches: ResourceSwitches;
}

export type Handler = (ctx: RequestContext) => Reply | Promise<Reply>;

/** What a route shares with the other routes of its API object, set with `router.with(traits)`. */
export interface RouteTraits {
  /** The product the account needs for this route (see `AccountBehaviour` in switches.ts). */
  product?: Product;
  /**
   * Served like the live Magic tunnels and routes service (written in Go): a malformed JSON body
   * answers 1022 "Invalid Request" (see `GoDecoder`), and times are answered as that service
   * stores them (timestamps.ts).
   */
  goService?: boolean;
}

export interface Route extends RouteTraits {
  method: string;
  pattern: string;
  handler: Handler;
}

/** The route-adding half of a Router, with traits applied to every route it adds. */
export interface RouteAdder {
  get(pattern: string, handler: Handler): this;
  post(pattern: string, handler: Handler): this;
  put(pattern: string, handler: Handler): this;
  patch(pattern: string, handler: Handler): this;
  delete(pattern: string, handler: Handler): this;
}

export type RouteMatch =
  { kind: "found"; route: Route; params: Record<string, string> } | { kind: "method-not-allowed"; pattern: string } | { kind: "none" };

/** Splits a raw path into decoded segments; undefined when the percent-encoding is malformed. */
function segmentsOf(rawPath: string): string[] | undefined {
  const parts = rawPath.replace(/\/+$/, "").split("/").slice(1);
  try {
    return parts.map((p) => decodeURIComponent(p));
  } catch {
    return undefined;
  }
}

export class Router implements RouteAdder {
  private readonly routes: Array<Route & { segments: string[] }> = [];

  add(method: string, pattern: string, handler: Handler, traits: RouteTraits = {}): this {
    this.routes.push({ ...traits, method: method.toUpperCase(), pattern, handler, segments: pattern.split("/").slice(1) });
    return this;
  }

  /** Adds routes that share `traits`: `router.with({ product: "magicTransit" }).get(...).post(...)`. */
  with(traits: RouteTraits): RouteAdder {
    const group: RouteAdder = {
      get: (pattern, handler) => (this.add("GET", pattern, handler, traits), group),
      post: (pattern, handler) => (this.add("POST", pattern, handler, traits), group),
      put: (pattern, handler) => (this.add("PUT", pattern, handler, traits), group),
      patch: (pattern, handler) => (this.add("PATCH", pattern, handler, traits), group),
      delete: (pattern, handler) => (this.add("DELETE", pattern, handler, traits), group),
    };
    return group;
  }

  get(pattern: string, handler: Handler): this {
    return this.add("GET", pattern, handler);
  }

  post(pattern: string, handler: Handler): this {
    return this.add("POST", pattern, handler);
  }

  put(pattern: string, handler: Handler): this {
    return this.add("PUT", pattern, handler);
  }

  patch(pattern: string, handler: Handler): this {
    return this.add("PATCH", pattern, handler);
  }

  delete(pattern: string, handler: Handler): this {
    return this.add("DELETE", pattern, handler);
  }

  /** `rawPath` is relative to the API base and still percent-encoded. */
  match(method: string, rawPath: string): RouteMatch {
    const segments = segmentsOf(rawPath);
    if (!segments) return { kind: "none" };
    let pathOnly: string | undefined;
    for (const route of this.routes) {
      const params = matchSegments(route.segments, segments);
      if (!params) continue;
      if (route.method === method) return { kind: "found", route, params };
      pathOnly ??= route.pattern;
    }
    return pathOnly === undefined ? { kind: "none" } : { kind: "method-not-allowed", pattern: pathOnly };
  }
}

function matchSegments(pattern: string[], actual: string[]): Record<string, string> | undefined {
  if (pattern.length !== actual.length) return undefined;
  const params: Record<string, string> = {};
  for (let i = 0; i < pattern.length; i++) {
    if (pattern[i].startsWith(":")) {
      if (actual[i] === "") return undefined;
      params[pattern[i].slice(1)] = actual[i];
    } else if (pattern[i] !== actual[i]) {
      return undefined;
    }
  }
  return params;
}
