/**
 * A realistic Magic Transit / Magic WAN / CNI account, made through raw API calls to the emulator
 * (fetch, snake_case bodies as the spec documents them), never through our resources. The only
 * objects put into the store directly are Cloudflare interconnects, which Cloudflare makes (the API
 * has no create). Ids are deterministic (`stableIds`), so the generated program is too.
 */
import { createHash } from "node:crypto";
import { type Emulator } from "../../emulator";
import { provisionCfInterconnect } from "../../emulator/resources/cf-interconnects";
import { slotCatalogue } from "../../emulator/resources/cni";

/**
 * Makes the emulator hand out the same ids in the same order on every run: its ids (store.newId,
 * including ids the store makes on insert) are 16 random bytes, which this makes a counter's hash.
 * Other random values (PSKs, license keys) keep their sizes and stay random. Restore with the
 * returned function as soon as the seed is in.
 */
export function stableIds(): () => void {
  // The module object itself (an `import * as` namespace would be a frozen copy the emulator never reads).
  const crypto = require("node:crypto") as typeof import("node:crypto");
  let n = 0;
  const real = crypto.randomBytes;
  const spy = jest
    .spyOn(crypto, "randomBytes")
    .mockImplementation((size: number, ...rest: unknown[]) =>
      size === 16 && rest.length === 0
        ? createHash("sha256").update(`codegen-seed-${n++}`).digest().subarray(0, 16)
        : (real as (...a: unknown[]) => Buffer)(size, ...rest),
    );
  return () => spy.mockRestore();
}

/** The secrets the seed sets, keyed as the generated program's config names them. */
export const SEEDED_SECRETS = {
  md5Dc1Gre1: "bgp-k3y!dc1",
  md5Ipsec: "ipsec-md5",
  md5Cni: "cni-k3y",
  pskBranch: "branch-psk-0123456789",
  pairingKey: "7e51371e-72a3-40b5-b844-000000000001/us-central1/2",
};

export interface Seeded {
  /** Objects made per collection. */
  counts: Record<string, number>;
  siteIds: Record<string, string>;
  connectorIds: string[];
  /** The PSK Cloudflare generated for dc1_ipsec_1. */
  generatedPsk: string;
}

export async function seedAccount(emulator: Emulator, account: string, token: string): Promise<Seeded> {
  const counts: Record<string, number> = {};
  const call = async (method: string, path: string, body?: unknown): Promise<any> => {
    const res = await fetch(`${emulator.url}/accounts/${account}${path}`, {
      method,
      headers: { authorization: `Bearer ${token}`, "content-type": "application/json", "x-magic-new-hc-target": "true" },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const json = (await res.json()) as any;
    if (res.status !== 200) throw new Error(`seed ${method} ${path}: ${res.status} ${JSON.stringify(json)}`);
    return json.result ?? json;
  };
  const post = async (collection: string, path: string, body: unknown) => {
    counts[collection] = (counts[collection] ?? 0) + 1;
    return call("POST", path, body);
  };

  // Connectors: two hardware devices, one with its upgrade window moved.
  const nycConnector = await post("connectors", "/magic/connectors", { device: { serial_number: "SN-NYC-0001" } });
  await call("PUT", `/magic/connectors/${nycConnector.id}`, {
    activated: true,
    notes: "nyc closet",
    timezone: "America/New_York",
    interrupt_window_days_of_week: ["Saturday", "Sunday"],
    interrupt_window_hour_of_day: 2,
    interrupt_window_duration_hours: 4,
  });
  const lonConnector = await post("connectors", "/magic/connectors", { device: { serial_number: "SN-LON-0001" } });
  await call("PUT", `/magic/connectors/${lonConnector.id}`, { activated: true, interrupt_window_embargo_dates: ["2026-12-24"] });

  // Tunnels with BGP and health checks.
  await post("greTunnels", "/magic/gre_tunnels", {
    name: "dc1_gre_1",
    cloudflare_gre_endpoint: "162.159.64.1",
    customer_gre_endpoint: "203.0.113.10",
    interface_address: "10.212.0.0/31",
    description: "DC1 primary",
    bgp: { customer_asn: 65001, extra_prefixes: ["198.51.100.0/24"], md5_key: SEEDED_SECRETS.md5Dc1Gre1 },
    health_check: { rate: "high", direction: "bidirectional" },
  });
  await post("greTunnels", "/magic/gre_tunnels", {
    name: "dc1_gre_2",
    cloudflare_gre_endpoint: "162.159.64.2",
    customer_gre_endpoint: "203.0.113.11",
    interface_address: "10.212.0.2/31",
    mtu: 1400,
    ttl: 32,
    automatic_return_routing: true,
    health_check: { type: "request", target: { saved: "203.0.113.99" } },
  });
  await post("greTunnels", "/magic/gre_tunnels", {
    name: "dc2_gre",
    cloudflare_gre_endpoint: "162.159.64.3",
    customer_gre_endpoint: "203.0.113.12",
    // A /30 (Cloudflare on .6, the DC2 router on .5, the backup routes' nexthop).
    interface_address: "10.212.0.6/30",
    health_check: { enabled: false },
  });
  const dc1Ipsec = await post("ipsecTunnels", "/magic/ipsec_tunnels", {
    name: "dc1_ipsec_1",
    cloudflare_endpoint: "162.159.65.1",
    customer_endpoint: "203.0.113.20",
    interface_address: "10.213.0.0/31",
    replay_protection: true,
    bgp: { customer_asn: 65002, md5_key: SEEDED_SECRETS.md5Ipsec },
    health_check: { rate: "low" },
  });
  // One PSK Cloudflare generated (shown once, here), one given by the customer.
  const generated = await call("POST", `/magic/ipsec_tunnels/${dc1Ipsec.id}/psk_generate`, {});
  await post("ipsecTunnels", "/magic/ipsec_tunnels", {
    name: "Branch_IPsec",
    cloudflare_endpoint: "162.159.65.2",
    // An AWS VPN's inside /30, as Cloudflare's AWS guide sets it up (AWS takes 169.254.244.1).
    interface_address: "169.254.244.2/30",
    description: "road warrior",
    psk: SEEDED_SECRETS.pskBranch,
  });

  // 320 routes: 150 prefixes over both DC1 tunnels (ECMP at 100, weighted), a backup over DC2,
  // some limited to colos or regions, and one route a RouteTable cannot hold beside another.
  for (let i = 0; i < 150; i++) {
    const prefix = `10.${64 + Math.floor(i / 100)}.${i % 100}.0/24`;
    await post("routes", "/magic/routes", { prefix, nexthop: "10.212.0.1", priority: 100, ...(i % 3 === 0 ? { weight: 60 } : {}) });
    await post("routes", "/magic/routes", {
      prefix,
      nexthop: "10.212.0.3",
      priority: 100,
      ...(i % 3 === 0 ? { weight: 40 } : {}),
      ...(i % 10 === 0 ? { description: `dc1 ${i}` } : {}),
    });
  }
  for (let i = 0; i < 19; i++) {
    const scope = i % 2 === 0 ? { colo_names: ["ord01", "iad01"] } : { colo_regions: ["ENAM"] };
    await post("routes", "/magic/routes", {
      prefix: `172.20.${i}.0/24`,
      nexthop: "10.212.0.5",
      priority: 200,
      scope,
      description: "backup via dc2",
    });
  }
  await post("routes", "/magic/routes", {
    prefix: "172.20.0.0/24",
    nexthop: "10.212.0.5",
    priority: 300,
    scope: { colo_names: ["ord01", "iad01"] },
  });

  // Apps.
  const crm = await post("apps", "/magic/apps", { name: "crm", type: "business", hostnames: ["crm.example.com", "api.crm.example.com"] });
  await post("apps", "/magic/apps", { name: "erp", type: "business", ip_subnets: ["192.0.2.0/24"] });

  // A branch that fits a BranchSite: WANs, LANs with DHCP, NAT and routed subnets, ACLs, app configs.
  const nyc = await post("sites", "/magic/sites", {
    name: "nyc_branch",
    description: "New York branch",
    connector_id: nycConnector.id,
    location: { lat: "40.7128", lon: "-74.0060" },
  });
  const wan = async (site: string, body: unknown) => {
    const created = await post("siteWans", `/magic/sites/${site}/wans`, body);
    return Array.isArray(created) ? created[created.length - 1] : created;
  };
  const lan = async (site: string, body: unknown) => {
    const created = await post("siteLans", `/magic/sites/${site}/lans`, body);
    return Array.isArray(created) ? created[created.length - 1] : created;
  };
  const ispA = await wan(nyc.id, {
    name: "isp_a",
    physport: 1,
    priority: 1,
    static_addressing: { address: "203.0.113.10/24", gateway_address: "203.0.113.1" },
  });
  const ispB = await wan(nyc.id, { name: "isp_b", physport: 2, vlan_tag: 100 });
  const office = await lan(nyc.id, {
    name: "office",
    physport: 3,
    vlan_tag: 10,
    nat: { static_prefix: "100.64.10.0/24" },
    static_addressing: {
      address: "192.168.10.1/24",
      dhcp_server: {
        dhcp_pool_start: "192.168.10.100",
        dhcp_pool_end: "192.168.10.200",
        dns_server: "192.168.10.1",
        reservations: { "00:11:22:33:44:55": "192.168.10.50" },
      },
    },
  });
  const pos = await lan(nyc.id, {
    name: "pos",
    physport: 3,
    vlan_tag: 20,
    is_prioritized: true,
    routed_subnets: [{ next_hop: "192.168.20.2", prefix: "192.168.120.0/24", nat: { static_prefix: "100.64.120.0/24" } }],
    static_addressing: { address: "192.168.20.1/24", dhcp_relay: { server_addresses: ["192.168.10.5"] } },
  });
  await lan(nyc.id, {
    name: "guest",
    physport: 4,
    is_breakout: true,
    static_addressing: { address: "192.168.30.1/24", dhcp_server: { dhcp_pool_start: "192.168.30.10", dhcp_pool_end: "192.168.30.250" } },
  });
  await post("siteAcls", `/magic/sites/${nyc.id}/acls`, {
    name: "pos_to_office",
    description: "card terminals to the office server",
    protocols: ["tcp"],
    lan_1: { lan_id: pos.id, subnets: ["192.168.20.0/24"] },
    lan_2: { lan_id: office.id, ports: [443], port_ranges: ["8080-9000"] },
  });
  await post("siteAcls", `/magic/sites/${nyc.id}/acls`, {
    name: "office_local",
    lan_1: { lan_id: office.id },
    lan_2: { lan_id: pos.id },
    forward_locally: true,
    unidirectional: true,
  });
  await post("siteAppConfigs", `/magic/sites/${nyc.id}/app_configs`, {
    account_app_id: crm.account_app_id,
    breakout: true,
    preferred_wans: [ispB.id, ispA.id],
  });
  await post("siteAppConfigs", `/magic/sites/${nyc.id}/app_configs`, { managed_app_id: "cloudflare", priority: 1 });

  // A site that does not fit a BranchSite: one of its LANs has no name.
  const lon = await post("sites", "/magic/sites", { name: "lon_office", connector_id: lonConnector.id });
  await wan(lon.id, { name: "fibre", physport: 1 });
  const lonLan = await lan(lon.id, { name: "staff", physport: 2, static_addressing: { address: "10.40.0.1/24" } });
  await lan(lon.id, { physport: 3, static_addressing: { address: "10.41.0.1/24" } });
  await post("siteAcls", `/magic/sites/${lon.id}/acls`, {
    name: "staff_any",
    lan_1: { lan_id: lonLan.id },
    lan_2: { lan_id: lonLan.id, subnets: ["10.40.0.10"] },
    protocols: ["udp", "icmp"],
  });

  // Cloudflare interconnects, as Cloudflare provisions them.
  provisionCfInterconnect(emulator.store, account);
  provisionCfInterconnect(emulator.store, account, {
    name: "pni_iad",
    colo_name: "pni_iad",
    description: "IAD PNI",
    interface_address: "192.168.4.2/31",
    mtu: 1500,
    health_check: { enabled: true, rate: "low", type: "request", target: "" },
  });
  counts.cfInterconnects = 2;

  // CNI: a physical port and a GCP Partner interconnect, each with a CNI.
  const slot = slotCatalogue(account).find((x) => x.site === "ord01" && x.speed === "10G")!;
  const physical = await post("interconnects", "/cni/interconnects", { account, slot_id: slot.id, type: "direct" });
  const gcp = await post("interconnects", "/cni/interconnects", {
    account,
    bandwidth: "1G",
    pairing_key: SEEDED_SECRETS.pairingKey,
    type: "gcp_partner",
  });
  await post("cnis", "/cni/cnis", {
    account,
    interconnect: physical.name,
    magic: { conduit_name: "ord_cni_1", description: "Chicago", mtu: 1500 },
    bgp: { customer_asn: 65010, md5_key: SEEDED_SECRETS.md5Cni, extra_prefixes: [] },
  });
  await post("cnis", "/cni/cnis", {
    account,
    interconnect: gcp.name,
    magic: { conduit_name: "gcp_us_central1", description: "", mtu: 1460 },
    bgp: { customer_asn: 16550, extra_prefixes: [] },
  });

  return { counts, siteIds: { nyc: nyc.id, lon: lon.id }, connectorIds: [nycConnector.id, lonConnector.id], generatedPsk: generated.psk };
}
