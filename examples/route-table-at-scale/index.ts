import * as pulumi from "@pulumi/pulumi";
import * as magic from "pulumi-cloudflare-magic";

/**
 * A thousand static routes in one RouteTable: `prefixCount` /24s carved from `aggregate`, each
 * routed over both GRE tunnels at the same priority (ECMP), so 500 prefixes make 1,000 routes.
 * Creating them costs one request per route; re-applying costs none; changing any number of
 * them costs one bulk PUT.
 */
const config = new pulumi.Config();
const aggregate = config.get("aggregate") ?? "10.64.0.0/14";
const prefixCount = config.getNumber("prefixCount") ?? 500;
const priority = config.getNumber("priority") ?? 100;
const cloudflareEndpoint = config.get("cloudflareGreEndpoint") ?? "162.159.64.1";
const customerEndpoints = config.getObject<string[]>("customerGreEndpoints") ?? ["203.0.113.10", "203.0.113.20"];
const namePrefix = config.get("namePrefix") ?? "dc1";

const toInt = (ip: string) => ip.split(".").reduce((n, octet) => n * 256 + Number(octet), 0);
const toIp = (n: number) => [24, 16, 8, 0].map((shift) => Math.floor(n / 2 ** shift) % 256).join(".");

/** The first `count` /24s of an IPv4 aggregate such as 10.64.0.0/14. */
function slash24s(cidr: string, count: number): string[] {
  const [base, length] = cidr.split("/");
  const available = Number(length) <= 24 ? 2 ** (24 - Number(length)) : 0;
  if (count > available) throw new Error(`aggregate ${cidr} holds ${available} /24s; prefixCount ${count} needs a larger one.`);
  return Array.from({ length: count }, (_, i) => `${toIp(toInt(base) + i * 256)}/24`);
}

// Tunnel i uses the /31 10.212.0.(2i)/31: Cloudflare takes the even address, the router the odd
// one, which is the nexthop of every route through that tunnel.
const tunnels = customerEndpoints.map((customer, i) => {
  const cloudflareSide = toIp(toInt("10.212.0.0") + 2 * i);
  const tunnel = new magic.GreTunnel(`${namePrefix}-gre-${i + 1}`, {
    name: `${namePrefix}_gre_${i + 1}`,
    cloudflareGreEndpoint: cloudflareEndpoint,
    customerGreEndpoint: customer,
    interfaceAddress: `${cloudflareSide}/31`,
    healthCheck: { rate: "mid", direction: "bidirectional" },
  });
  return { tunnel, nexthop: toIp(toInt(cloudflareSide) + 1) };
});

const routes = slash24s(aggregate, prefixCount).flatMap((prefix) =>
  tunnels.map(({ nexthop }, i) => ({ prefix, nexthop, priority, description: `${prefix} via ${namePrefix}_gre_${i + 1}` })),
);

// Depending on the tunnels means the routes are created after, and removed before, them.
const table = new magic.RouteTable(`${namePrefix}-routes`, { routes }, { dependsOn: tunnels.map((t) => t.tunnel) });

export const tunnelIds = tunnels.map((t) => t.tunnel.id);
export const routeCount = table.routes.apply((r) => r.length);
export const firstRoute = table.routes.apply((r) => r[0]);
