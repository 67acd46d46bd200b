/** Group 2, "ours": the provider's CloudflareClient with its real pacer, retries and zod validation. */
import { api } from "pulumi-cloudflare-magic/provider";
import { z } from "zod";
import { TOKEN } from "../lib/common";
import { ACCOUNT, OUR_PACING, type Ops, routeBody, tunnelBody } from "./ops";

const { CloudflareClient, Pacer, path } = api;

const greSchema = z.looseObject({
  id: z.string(),
  name: z.string(),
  cloudflare_gre_endpoint: z.string(),
  customer_gre_endpoint: z.string(),
  interface_address: z.string(),
  interface_address6: z.string().optional(),
  description: z.string().optional(),
  mtu: z.number().int().optional(),
  ttl: z.number().int().optional(),
  automatic_return_routing: z.boolean().optional(),
  created_on: z.string().optional(),
  modified_on: z.string().optional(),
  health_check: z
    .looseObject({
      enabled: z.boolean().optional(),
      rate: z.string().optional(),
      type: z.string().optional(),
      direction: z.string().optional(),
    })
    .optional(),
});
const routeSchema = z.looseObject({
  id: z.string(),
  prefix: z.string(),
  nexthop: z.string(),
  priority: z.number().int(),
  description: z.string().optional(),
  weight: z.number().int().optional(),
  created_on: z.string().optional(),
  modified_on: z.string().optional(),
});

export function create(baseUrl: string): Ops {
  const c = new CloudflareClient({
    baseUrl,
    credentials: { kind: "token", token: TOKEN, source: "benchmark" },
    pacer: new Pacer(OUR_PACING),
  });
  const gre = path`/accounts/${ACCOUNT}/magic/gre_tunnels`;
  const routes = path`/accounts/${ACCOUNT}/magic/routes`;
  const permission = "Magic Transit Write";
  return {
    stats: () => ({ requests: c.stats.requests, retries: c.stats.retries }),
    greCreate: async (name) =>
      (
        await c.request({
          method: "POST",
          path: gre,
          body: tunnelBody(name),
          schema: greSchema,
          label: `create GreTunnel '${name}'`,
          permission,
        })
      ).id,
    greGet: (id) =>
      c.request({ method: "GET", path: `${gre}/${id}`, unwrap: "gre_tunnel", schema: greSchema, label: "read GreTunnel", permission }),
    greList: () =>
      c.request({ method: "GET", path: gre, unwrap: "gre_tunnels", schema: z.array(greSchema), label: "list GreTunnel", permission }),
    greUpdate: (id, name) =>
      c.request({
        method: "PUT",
        path: `${gre}/${id}`,
        body: tunnelBody(name, "updated"),
        unwrap: "modified_gre_tunnel",
        schema: greSchema,
        label: "update GreTunnel",
        permission,
      }),
    greDelete: (id) =>
      c.request({
        method: "DELETE",
        path: `${gre}/${id}`,
        unwrap: "deleted_gre_tunnel",
        schema: greSchema,
        label: "delete GreTunnel",
        permission,
      }),
    routeCreate: async (prefix) =>
      (
        await c.request({
          method: "POST",
          path: routes,
          body: routeBody(prefix),
          schema: routeSchema,
          label: "create StaticRoute",
          permission,
        })
      ).id,
    routeGet: (id) =>
      c.request({ method: "GET", path: `${routes}/${id}`, unwrap: "route", schema: routeSchema, label: "read StaticRoute", permission }),
    routeList: () =>
      c.request({ method: "GET", path: routes, unwrap: "routes", schema: z.array(routeSchema), label: "list StaticRoute", permission }),
    routeUpdate: (id, prefix) =>
      c.request({
        method: "PUT",
        path: `${routes}/${id}`,
        body: routeBody(prefix, 200),
        unwrap: "modified_route",
        schema: routeSchema,
        label: "update StaticRoute",
        permission,
      }),
    routeDelete: (id) =>
      c.request({
        method: "DELETE",
        path: `${routes}/${id}`,
        unwrap: "deleted_route",
        schema: routeSchema,
        label: "delete StaticRoute",
        permission,
      }),
    close: () => c.close(),
  };
}
