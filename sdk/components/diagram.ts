/**
 * Mermaid flowcharts of what a component built, as plain text GitHub renders as is (in a
 * ```mermaid block). Pure functions over plain values: the components call them once every value
 * is known, so a diagram is an Output that is unknown during a first preview.
 */

export interface SiteDiagramInput {
  site: string;
  wans: Array<{ name: string; physport?: number; vlanTag?: number; address?: string }>;
  lans: Array<{ name: string; physport?: number; vlanTag?: number; address?: string; routedSubnets?: string[] }>;
  acls: Array<{ name: string; lan1: string; lan2: string; unidirectional?: boolean; protocols?: string[]; forwardLocally?: boolean }>;
  appConfigs: Array<{ name: string; app?: string; breakout?: boolean; preferredWans?: string[] }>;
}

export interface OnrampDiagramInput {
  name: string;
  tunnels: Array<{ name: string; kind: "gre" | "ipsec"; interfaceAddress: string; customerAddress: string }>;
  routes: Array<{ prefix: string; tunnel: string; priority: number }>;
}

export interface CniDiagramInput {
  name: string;
  interconnect: string;
  type: string;
  p2pIp: string;
  custIp: string;
  routes: Array<{ prefix: string; priority: number }>;
}

/** Text safe inside a quoted Mermaid label: quotes as entities, lines joined with <br/>. */
function label(...lines: Array<string | undefined>): string {
  return `"${lines
    .filter((l) => l !== undefined && l !== "")
    .map((l) => l!.replace(/"/g, "#quot;"))
    .join("<br/>")}"`;
}

const port = (physport?: number, vlanTag?: number) =>
  physport === undefined ? undefined : `port ${physport}${vlanTag ? ` · VLAN ${vlanTag}` : " · untagged"}`;

/** A BranchSite: the site, its WANs (ports, addresses) and LANs (ports, subnets), ACLs between LANs, app configs. */
export function siteDiagram(d: SiteDiagramInput): string {
  const out = ["flowchart LR", `  cloudflare((${label("Cloudflare")}))`, `  site[${label(`Site ${d.site}`)}]`];
  const wanId = new Map(d.wans.map((w, i) => [w.name, `wan${i}`]));
  const lanId = new Map(d.lans.map((l, i) => [l.name, `lan${i}`]));
  d.wans.forEach((w, i) => {
    out.push(`  wan${i}[/${label(`WAN ${w.name}`, port(w.physport, w.vlanTag), w.address ?? "DHCP")}/]`);
    out.push(`  cloudflare --- wan${i} --- site`);
  });
  d.lans.forEach((l, i) => {
    out.push(
      `  lan${i}[${label(`LAN ${l.name}`, port(l.physport, l.vlanTag), l.address ?? "DHCP", ...(l.routedSubnets ?? []).map((s) => `routed ${s}`))}]`,
    );
    out.push(`  site --- lan${i}`);
  });
  d.acls.forEach((a) => {
    const [from, to] = [lanId.get(a.lan1), lanId.get(a.lan2)];
    if (!from || !to) return;
    const text = label(
      `ACL ${a.name}`,
      a.protocols?.length ? a.protocols.join(", ") : "all protocols",
      a.forwardLocally ? "forwarded locally" : undefined,
    );
    out.push(`  ${from} ${a.unidirectional ? "-->" : "<-->"}|${text}| ${to}`);
  });
  d.appConfigs.forEach((c, i) => {
    out.push(
      `  app${i}{{${label(`app config ${c.name}`, c.app, c.breakout === undefined ? undefined : c.breakout ? "breakout" : "via Cloudflare")}}}`,
    );
    out.push(`  site -.- app${i}`);
    for (const w of c.preferredWans ?? []) {
      const id = wanId.get(w);
      if (id) out.push(`  app${i} -.->|${label("prefers")}| ${id}`);
    }
  });
  return out.join("\n") + "\n";
}

/** A TransitOnramp: each tunnel with its interface address (both sides) and the prefixes routed over it. */
export function onrampDiagram(d: OnrampDiagramInput): string {
  const out = ["flowchart LR", `  cloudflare((${label("Cloudflare")}))`, `  network[${label(`${d.name} network`)}]`];
  const tunnelId = new Map(d.tunnels.map((t, i) => [t.name, `tunnel${i}`]));
  d.tunnels.forEach((t, i) => {
    out.push(
      `  tunnel${i}[${label(`${t.kind === "gre" ? "GRE" : "IPsec"} ${t.name}`, t.interfaceAddress, `customer side ${t.customerAddress}`)}]`,
    );
    out.push(`  cloudflare === tunnel${i} === network`);
  });
  const prefixId = new Map<string, string>();
  for (const r of d.routes) {
    if (!prefixId.has(r.prefix)) {
      prefixId.set(r.prefix, `prefix${prefixId.size}`);
      out.push(`  ${prefixId.get(r.prefix)}[(${label(r.prefix)})]`);
    }
    const t = tunnelId.get(r.tunnel);
    if (t) out.push(`  ${t} -->|${label(`priority ${r.priority}`)}| ${prefixId.get(r.prefix)}`);
  }
  return out.join("\n") + "\n";
}

/** A CniConnection: the interconnect, the CNI's point-to-point link and the prefixes routed over it. */
export function cniDiagram(d: CniDiagramInput): string {
  const out = [
    "flowchart LR",
    `  cloudflare((${label("Cloudflare")}))`,
    `  interconnect[${label(`Interconnect ${d.interconnect}`, d.type)}]`,
    `  cni[${label(`CNI ${d.name}`, `Cloudflare ${d.p2pIp}`, `customer ${d.custIp}`)}]`,
    "  cloudflare === interconnect === cni",
  ];
  d.routes.forEach((r, i) => {
    out.push(`  prefix${i}[(${label(r.prefix)})]`);
    out.push(`  cni -->|${label(`priority ${r.priority}`)}| prefix${i}`);
  });
  return out.join("\n") + "\n";
}
