/**
 * Group 2, "official SDK": the `cloudflare` npm package (a dependency of bench/ only), pointed at the
 * emulator with `baseURL` and an API token; its own defaults otherwise (fetch, 2 retries, 60 s timeout).
 */
import Cloudflare from "cloudflare";
import { TOKEN } from "../lib/common";
import { ACCOUNT, type Ops, routeBody, tunnelBody } from "./ops";

export function create(baseUrl: string): Ops {
  // Explicit nulls: the SDK would otherwise pick up CLOUDFLARE_API_KEY / CLOUDFLARE_EMAIL from the environment.
  const cf = new Cloudflare({ apiToken: TOKEN, apiKey: null, apiEmail: null, userServiceKey: null, baseURL: baseUrl });
  const mt = cf.magicTransit;
  const account_id = ACCOUNT;
  return {
    greCreate: async (name) => ((await mt.greTunnels.create({ account_id, ...tunnelBody(name) })) as { id: string }).id,
    greGet: (id) => mt.greTunnels.get(id, { account_id }),
    greList: async () => (await mt.greTunnels.list({ account_id })).gre_tunnels ?? [],
    greUpdate: (id, name) => mt.greTunnels.update(id, { account_id, ...tunnelBody(name, "updated") }),
    greDelete: (id) => mt.greTunnels.delete(id, { account_id }),
    routeCreate: async (prefix) => ((await mt.routes.create({ account_id, ...routeBody(prefix) })) as unknown as { id: string }).id,
    routeGet: (id) => mt.routes.get(id, { account_id }),
    routeList: async () => (await mt.routes.list({ account_id })).routes ?? [],
    routeUpdate: (id, prefix) => mt.routes.update(id, { account_id, ...routeBody(prefix, 200) }),
    routeDelete: (id) => mt.routes.delete(id, { account_id }),
    close: () => Promise.resolve(),
  };
}
