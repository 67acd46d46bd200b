import * as pulumi from "@pulumi/pulumi";
import * as magic from "pulumi-cloudflare-magic";

/**
 * A data centre on Magic Transit: two IPsec tunnels (one per edge router) and a GRE tunnel, and
 * ECMP routes sending each of the data centre's /24s over all three. Cloudflare generates the
 * IPsec pre-shared keys; they are exported as secrets to configure the routers with.
 */
const config = new pulumi.Config();
const dc = config.get("name") ?? "dc1";
// The anycast endpoints Cloudflare assigned to the account (Magic Transit onboarding gives you these).
const cloudflareEndpoints = config.getObject<string[]>("cloudflareEndpoints") ?? ["162.159.64.1", "162.159.65.1"];
// The public addresses of the data centre's two edge routers.
const routers = config.getObject<string[]>("routerEndpoints") ?? ["203.0.113.10", "203.0.113.20"];
const prefixes = config.getObject<string[]>("prefixes") ?? ["192.0.2.0/24", "198.51.100.0/24"];

const onramp = new magic.TransitOnramp(dc, {
  tunnels: [
    {
      kind: "ipsec",
      name: `${dc}_ipsec_1`,
      cloudflareEndpoint: cloudflareEndpoints[1],
      customerEndpoint: routers[0],
      interfaceAddress: "10.213.0.0/31",
      description: "edge router A",
      replayProtection: true,
    },
    {
      kind: "ipsec",
      name: `${dc}_ipsec_2`,
      cloudflareEndpoint: cloudflareEndpoints[1],
      customerEndpoint: routers[1],
      interfaceAddress: "10.213.0.2/31",
      description: "edge router B",
      replayProtection: true,
    },
    // GRE from router A as well, on the other anycast endpoint: a path that does not depend on IKE.
    {
      kind: "gre",
      name: `${dc}_gre_1`,
      cloudflareEndpoint: cloudflareEndpoints[0],
      customerEndpoint: routers[0],
      interfaceAddress: "10.212.0.0/31",
      description: "edge router A (GRE)",
      healthCheck: { rate: "high" },
    },
  ],
  prefixes,
  routing: { mode: "ecmp", priority: config.getNumber("priority") ?? 100 },
});

export const tunnelIds = onramp.tunnelIds;
/** Secret: configure each router's IPsec peer with its key (`pulumi stack output --show-secrets psks`). */
export const psks = onramp.psks;
export const routes = onramp.routes.apply((rs) => rs.map((r) => `${r.prefix} via ${r.nexthop} (priority ${r.priority})`));
