/**
 * The fleet of issue 11, shared by tests/fleet/coalesce*.test.ts and the bench's "fleet" group:
 * StaticRoutes, GRE and IPsec tunnels, Apps (read through their list) and sites each with WANs,
 * LANs and ACLs (children of the site), plus helpers to count requests per collection.
 */
import * as magic from "pulumi-cloudflare-magic";
import type { RequestLogEntry } from "../../emulator";

export interface FleetSize {
  routes: number;
  gre: number;
  ipsec: number;
  sites: number;
  /** Apps are read through their list (no single GET in the API). */
  apps: number;
}

/** The issue's ~1,000-object fleet: 600 + 150 + 50 + 20 × (1 site + 2 WANs + 3 LANs + 2 ACLs) + 10 apps = 970. */
export const FULL_FLEET: FleetSize = { routes: 600, gre: 150, ipsec: 50, sites: 20, apps: 10 };
/** CI size: the same shape, a quarter of it (250 objects), so the suite stays fast on 2 cores. */
export const CI_FLEET: FleetSize = { routes: 150, gre: 36, ipsec: 12, sites: 5, apps: 4 };

/** The nexthop of every route of the fleet: the customer side of tunnel gre-4's 10.212.0.8/31. */
export const FLEET_ROUTE_NEXTHOP = "10.212.0.9";

export const objectCount = (f: FleetSize) => f.routes + f.gre + f.ipsec + f.sites * 8 + f.apps;

/**
 * `priorityOf(i)` gives route i's priority (default 100). Every route goes over tunnel gre-4
 * (10.212.0.8/31, nexthop `FLEET_ROUTE_NEXTHOP`), which it depends on: Cloudflare refuses it before
 * the tunnel. A fleet of fewer than five tunnels needs that tunnel made beforehand (`tunnelsFor`).
 */
export function fleetProgram(f: FleetSize, priorityOf: (i: number) => number = () => 100): () => void {
  return () => {
    const tunnels = Array.from(
      { length: f.gre },
      (_, i) =>
        new magic.GreTunnel(`gre-${i}`, {
          name: `gre_${i}`,
          cloudflareGreEndpoint: "162.159.64.1",
          customerGreEndpoint: `203.0.${113 + (i >> 8)}.${i & 255}`,
          interfaceAddress: `10.212.${i >> 7}.${(i & 127) * 2}/31`,
        }),
    );
    for (let i = 0; i < f.routes; i++) {
      new magic.StaticRoute(
        `route-${i}`,
        { prefix: `10.${(i >> 8) & 255}.${i & 255}.0/24`, nexthop: FLEET_ROUTE_NEXTHOP, priority: priorityOf(i) },
        { dependsOn: tunnels.slice(4, 5) },
      );
    }
    for (let i = 0; i < f.ipsec; i++) {
      new magic.IpsecTunnel(`ipsec-${i}`, {
        name: `ipsec_${i}`,
        cloudflareEndpoint: "162.159.65.1",
        interfaceAddress: `10.213.${i >> 7}.${(i & 127) * 2}/31`,
      });
    }
    for (let i = 0; i < f.apps; i++) {
      new magic.App(`app-${i}`, { name: `app_${i}`, type: "Business", hostnames: [`app${i}.example.com`] });
    }
    for (let s = 0; s < f.sites; s++) {
      const site = new magic.Site(`site-${s}`, { name: `site_${s}` });
      for (let w = 0; w < 2; w++) new magic.SiteWan(`site-${s}-wan-${w}`, { siteId: site.id, physport: 1 + w, name: `isp_${w}` });
      const lans = [0, 1, 2].map(
        (l) =>
          new magic.SiteLan(`site-${s}-lan-${l}`, {
            siteId: site.id,
            physport: 3 + l,
            name: `lan_${l}`,
            staticAddressing: { address: `192.168.${10 + l}.1/24` },
          }),
      );
      new magic.SiteAcl(`site-${s}-acl-0`, {
        siteId: site.id,
        name: "lan0_to_lan1",
        lan1: { lanId: lans[0].id },
        lan2: { lanId: lans[1].id },
        protocols: ["tcp"],
      });
      new magic.SiteAcl(`site-${s}-acl-1`, {
        siteId: site.id,
        name: "lan1_to_lan2",
        lan1: { lanId: lans[1].id },
        lan2: { lanId: lans[2].id },
        protocols: ["udp"],
      });
    }
  };
}

/** The collection a request touched: its path, without the object id of an item route, without the query. */
export function collectionOf(r: RequestLogEntry): string {
  const path = r.url.split("?")[0];
  const pattern = r.route.split(" ")[1] ?? "";
  return /\/:[a-z_]+$/.test(pattern) ? path.replace(/\/[^/]+$/, "") : path;
}

/** Requests per collection. */
export function byCollection(requests: RequestLogEntry[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const r of requests) counts.set(collectionOf(r), (counts.get(collectionOf(r)) ?? 0) + 1);
  return counts;
}

/** Requests per collection kind (account and site ids replaced), for printing. */
export function byKind(requests: RequestLogEntry[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const r of requests) {
    const kind = `${r.method} ${collectionOf(r)
      .replace(/^\/client\/v4/, "")
      .replace(/\/accounts\/[^/]+/, "")
      .replace(/\/sites\/[^/]+\//, "/sites/{site}/")}`;
    out[kind] = (out[kind] ?? 0) + 1;
  }
  return out;
}
