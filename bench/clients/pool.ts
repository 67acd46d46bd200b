/**
 * Group 2, "raw undici Pool": the same requests on a bare `Pool` (64 connections), each body read
 * and JSON-parsed and the envelope's `success` checked, nothing else: the physical limit.
 */
import { Pool } from "undici";
import { TOKEN } from "../lib/common";
import { ACCOUNT, type Ops, routeBody, tunnelBody } from "./ops";

export function create(baseUrl: string): Ops {
  const u = new URL(baseUrl);
  const pool = new Pool(u.origin, { connections: 64 });
  const base = `${u.pathname.replace(/\/$/, "")}/accounts/${ACCOUNT}/magic`;
  const headers = { authorization: `Bearer ${TOKEN}`, accept: "application/json", "content-type": "application/json" };
  /** The envelope's `result`, typed as the caller says (nothing is checked beyond `success`). */
  const call = async <T = unknown>(method: "GET" | "POST" | "PUT" | "DELETE", p: string, body?: unknown): Promise<T> => {
    const res = await pool.request({ method, path: base + p, headers, body: body === undefined ? undefined : JSON.stringify(body) });
    const json = (await res.body.json()) as { success: boolean; result: T };
    if (res.statusCode >= 300 || !json.success) throw new Error(`${method} ${p}: HTTP ${res.statusCode}`);
    return json.result;
  };
  return {
    greCreate: async (name) => (await call<{ id: string }>("POST", "/gre_tunnels", tunnelBody(name))).id,
    greGet: (id) => call("GET", `/gre_tunnels/${id}`),
    greList: async () => (await call<{ gre_tunnels: unknown[] }>("GET", "/gre_tunnels")).gre_tunnels,
    greUpdate: (id, name) => call("PUT", `/gre_tunnels/${id}`, tunnelBody(name, "updated")),
    greDelete: (id) => call("DELETE", `/gre_tunnels/${id}`),
    routeCreate: async (prefix) => (await call<{ id: string }>("POST", "/routes", routeBody(prefix))).id,
    routeGet: (id) => call("GET", `/routes/${id}`),
    routeList: async () => (await call<{ routes: unknown[] }>("GET", "/routes")).routes,
    routeUpdate: (id, prefix) => call("PUT", `/routes/${id}`, routeBody(prefix, 200)),
    routeDelete: (id) => call("DELETE", `/routes/${id}`),
    close: () => pool.close(),
  };
}
