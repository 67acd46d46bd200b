/**
 * The API's documented defaults: the values an object has when its create request leaves the
 * field out. The generator writes an input only when the live value differs from this table, so
 * a generated program reads like one a person wrote. The single table for the generator; sources:
 * - tunnels (Cloudflare API "Magic Transit > GRE Tunnels" and "> IPsec Tunnels"): `automatic_return_routing`
 *   false, GRE `mtu` 1476 and `ttl` 64, IPsec `replay_protection` false;
 * - the tunnel health check (Cloudflare API "Magic Transit"): enabled, rate "mid", type "reply",
 *   direction "unidirectional", target "" (Cloudflare's computed default, the customer endpoint);
 * - sites (Cloudflare API "Magic Transit > Sites"): `ha_mode` false; WANs and LANs (Cloudflare API "Magic Transit > Sites > WANs",
 *   Cloudflare API "Magic Transit > Sites > LANs"): `vlan_tag` 0 ("Use zero for untagged"), WAN `health_check_rate` "mid",
 *   LAN `ha_link`, `is_breakout`, `is_prioritized` false;
 * - CNIs (Cloudflare API "Network Interconnects"): `bgp.extra_prefixes` empty (always sent, `[]` when none);
 * - ACLs (Cloudflare API "Magic Transit > Sites > ACLs"): `forward_locally` and `unidirectional` "default to false";
 * - app configs (Cloudflare API "Magic Transit > Sites > App Configuration"): `priority` "0 is default";
 * - connectors (Cloudflare API "Magic Transit > Connectors"): not activated, upgrades on every day of the week for 3
 *   hours from hour 0, no embargo dates, empty notes, time zone "UTC".
 * The local emulator (emulator/resources/*.ts, `DEFAULTS`) fills in the same values.
 * Keys are the sdk's camelCase input paths, dotted for nested fields.
 */

const HEALTH_CHECK = {
  "healthCheck.enabled": true,
  "healthCheck.rate": "mid",
  "healthCheck.type": "reply",
  "healthCheck.direction": "unidirectional",
  "healthCheck.target": "",
};

export const API_DEFAULTS: Record<string, Record<string, unknown>> = {
  "magic:GreTunnel": { automaticReturnRouting: false, mtu: 1476, ttl: 64, ...HEALTH_CHECK },
  "magic:IpsecTunnel": { automaticReturnRouting: false, replayProtection: false, ...HEALTH_CHECK },
  "magic:CfInterconnect": { automaticReturnRouting: false, mtu: 1476, ...HEALTH_CHECK },
  "magic:Site": { haMode: false },
  "magic:SiteWan": { vlanTag: 0, healthCheckRate: "mid" },
  "magic:SiteLan": { vlanTag: 0, haLink: false, isBreakout: false, isPrioritized: false },
  "magic:SiteAcl": { forwardLocally: false, unidirectional: false },
  "magic:SiteAppConfig": { priority: 0 },
  "magic:Connector": {
    activated: false,
    interruptWindowDaysOfWeek: ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"],
    interruptWindowDurationHours: 3,
    interruptWindowEmbargoDates: [],
    interruptWindowHourOfDay: 0,
    notes: "",
    timezone: "UTC",
  },
  "magic:App": { hostnames: [], ipSubnets: [], sourceSubnets: [] },
  "cni:Cni": { "bgp.extraPrefixes": [] },
};
