/**
 * Method + path-pattern routing. Patterns are relative to the API base (`/client/v4`) and use
 * `:name` segments, e.g. `/accounts/:account_id/magic/gre_tunnels/:gre_tunnel_id`. Each request path
 * segment is percent-decoded after splitting, so an encoded `/` stays inside its parameter.
 */
import type { IncomingHttpHeaders } from "node:http";
import type { Reply } from "./envelope";
import type { CniBehaviour } from "./resources/cni";
import type { PcapTiming } from "./resources/pcaps";
import type { Store } from "./store";

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

/** The test switches that change how resources behave, as the handlers of one emulator see them. */
export interface ResourceSwitches {
  cni: CniBehaviour;
  pcapTiming: PcapTiming;
}

export type Handler = (ctx: RequestContext) => Reply | Promise<Reply>;

export interface Route {
  method: string;
  pattern: string;
  handler: Handler;
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

export class Router {
  private readonly routes: Array<Route & { segments: string[] }> = [];

  add(method: string, pattern: string, handler: Handler): this {
    this.routes.push({ method: method.toUpperCase(), pattern, handler, segments: pattern.split("/").slice(1) });
    return this;
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
