/**
 * Records every request the provider makes, and the emulator's answer, while every resource goes
 * through the real dynamic-provider host (create, read, update of every updatable field,
 * replace, delete) and every lookup of sdk/lookups runs in the program process.
 *
 * The scenario tables below give each resource its inputs: a base and a list of steps. A step is
 * merged into the previous inputs (`undefined` removes a key); the host's diff decides whether it
 * is an update or a replacement, exactly as the engine would. A step that fails is recorded (its
 * exchanges stay in the log) and the run goes on, so one rejected request is reported as a
 * mismatch instead of hiding every other one.
 */
import { type Emulator, provisionTunnelsFor, startEmulator } from "../../emulator";
import { provisionCfInterconnect } from "../../emulator/resources/cf-interconnects";
import { slotCatalogue } from "../../emulator/resources/cni";
import { ownershipChallengeFile } from "../../emulator/resources/pcaps";
import { definitionOf } from "../../provider/registry";
import { SHIM_TEXT } from "../../sdk/shim";
import { secret, startHost, urn } from "../harness/host";
import { type ScenarioHost, pluginAsHost, startPlugin } from "../harness/plugin";
import { inputPaths, valuePaths } from "./checker";
import { ACCOUNT, REPO, TOKEN } from "../resources/stack";

type Props = Record<string, unknown>;

export interface Exchange {
  /** Who sent it: a resource token (`magic:GreTunnel`) or a lookup (`lookup:getSites`). */
  by: string;
  /** The lifecycle step, e.g. `create`, `update#2`, `replace#3`, `delete`, `lookup`. */
  step: string;
  method: string;
  path: string;
  /** The emulator's route, e.g. `GET /accounts/:account_id/magic/routes`. */
  route: string;
  query: Record<string, string[]>;
  headers: Record<string, string>;
  body?: unknown;
  status: number | null;
  /** Parsed JSON answer; undefined for binary answers. */
  answer?: unknown;
}

export interface Recording {
  exchanges: Exchange[];
  /** The (checked) inputs each resource token was created or updated with. */
  inputs: Map<string, Props[]>;
  /** Steps that failed: by, step, error message. */
  failures: Array<{ by: string; step: string; message: string }>;
  /** Per resource token, the input paths (`a.b`, arrays without `[]`) some in-place update changed. */
  updated: Map<string, Set<string>>;
  /** What each create, update and read answered (outputs), in order: the plugin's parity test compares them. */
  outputs: Array<{ by: string; step: string; props: Props }>;
}

export interface Scenario {
  token: string;
  name: string;
  base: Props;
  steps?: Props[];
}

const BUCKET = "s3://pcaps-bucket?region=us-east-1";
const CONNECTOR_A = "ac60d3d0435248289d446cedd870bcf4";
const CONNECTOR_B = "8d67040d3835dbcf46ce29da440dc482";
const CONNECTOR_C = "1f2e3d4c5b6a79881f2e3d4c5b6a7988";
const SLOTS = slotCatalogue(ACCOUNT);
const HC_FULL = { enabled: true, rate: "low", type: "request", direction: "unidirectional", target: "203.0.113.99" };
const FROM = 1_700_000_400;
const FILTER_IN = "5a2d4c6e8f0a1b3c5d7e9f1a3b5c7d9e";
const FILTER_OUT = "6b3e5d7f9a1b2c4d6e8f0a2b4c6d8e0f";

/**
 * Fields the current API has that issue 10 adds to the definitions: each is put into a step only
 * when the definition's zod schema declares it, so the suite exercises them as soon as they exist
 * (and, until then, reports them as contract fields never sent).
 */
export function ifAccepted(token: string, step: Props, candidates: Record<string, unknown>): Props {
  const def = definitionOf(token);
  if (!def) throw new Error(`${token} has no definition in provider/registry.ts`);
  const paths: string[] = inputPaths(def.inputs).map((p) => p.replace(/\[\]|\{\}/g, ""));
  const out: Props = structuredClone(step);
  for (const [dotted, value] of Object.entries(candidates)) {
    if (!paths.some((p) => p === dotted || p.startsWith(`${dotted}.`))) continue;
    const keys = dotted.split(".");
    let at = out;
    for (const k of keys.slice(0, -1)) at = (at[k] ??= {}) as Props;
    at[keys[keys.length - 1]] = value;
  }
  return out;
}

export class Recorder {
  readonly recording: Recording = { exchanges: [], inputs: new Map(), failures: [], updated: new Map(), outputs: [] };
  private seen = 0;
  private constructor(
    readonly emulator: Emulator,
    readonly host: ScenarioHost,
  ) {}

  /** Through the dynamic-provider host (what TypeScript programs use), or through the provider plugin (every other language). */
  static async start(via: "dynamic" | "plugin" = "dynamic"): Promise<Recorder> {
    const emulator = await startEmulator({ tokens: [TOKEN], recordAnswers: true });
    if (via === "plugin") {
      const plugin = await startPlugin();
      await plugin.configure({
        apiToken: secret(TOKEN),
        accountId: ACCOUNT,
        baseUrl: emulator.url,
        pacing: "false",
        maxAttempts: "1",
        validateOnPreview: "true",
      });
      return new Recorder(emulator, pluginAsHost(plugin));
    }
    const host = await startHost({ cwd: REPO, project: "conformance" });
    await host.configure({
      "cloudflare:apiToken": secret(TOKEN),
      "cloudflare-magic:accountId": ACCOUNT,
      "cloudflare-magic:baseUrl": emulator.url,
      "cloudflare-magic:pacing": "false",
      "cloudflare-magic:maxAttempts": "1",
      // Also records the `?validate_only=true` POST that check sends for new objects with it on.
      "cloudflare-magic:validateOnPreview": "true",
    });
    return new Recorder(emulator, host);
  }

  async close(): Promise<void> {
    await this.host.close();
    await this.emulator.close();
  }

  /** Moves the emulator's new log entries into the recording, attributed to `by`/`step`. */
  private collect(by: string, step: string): void {
    const log = this.emulator.stats.requests;
    for (const entry of log.slice(this.seen)) {
      const url = new URL(entry.url, "http://x");
      const query: Record<string, string[]> = {};
      for (const [k, v] of url.searchParams) (query[k] ??= []).push(v);
      let answer: unknown;
      try {
        answer = entry.answer === undefined ? undefined : JSON.parse(entry.answer);
      } catch {
        answer = entry.answer;
      }
      this.recording.exchanges.push({
        by,
        step,
        method: entry.method,
        route: entry.route,
        path: url.pathname.replace(/^\/client\/v4/, ""),
        query,
        headers: entry.headers,
        body: entry.body,
        status: entry.status,
        answer,
      });
    }
    this.seen = log.length;
  }

  private async attempt<T>(by: string, step: string, run: () => Promise<T>): Promise<T | undefined> {
    try {
      return await run();
    } catch (e) {
      this.recording.failures.push({ by, step, message: (e as Error).message.split("\n")[0] });
      return undefined;
    } finally {
      this.collect(by, step);
    }
  }

  /** Every input path under a top-level input whose value an update changed. */
  private noteUpdated(token: string, olds: Props, news: Props): void {
    const set = this.recording.updated.get(token) ?? new Set<string>();
    this.recording.updated.set(token, set);
    for (const k of new Set([...Object.keys(olds), ...Object.keys(news)])) {
      if (JSON.stringify(news[k]) === JSON.stringify(olds[k])) continue;
      set.add(k);
      // Set, changed or removed: every path under the input counts.
      for (const p of [...valuePaths(news[k], k), ...valuePaths(olds[k], k)]) set.add(p.replace(/\[\]/g, ""));
    }
  }

  private noteInputs(token: string, inputs: Props): void {
    const list = this.recording.inputs.get(token) ?? [];
    list.push(inputs);
    this.recording.inputs.set(token, list);
  }

  /**
   * Create, read, then each step (update or replace, as the host's diff says) with a read after
   * each; returns a handle whose `destroy` deletes the object (called in reverse order at the end).
   */
  async lifecycle(s: Scenario): Promise<Live | undefined> {
    const h = this.host;
    const u = urn(`pulumi-nodejs:dynamic/${s.token}`, s.name);
    const meta = { __provider: SHIM_TEXT, __token: s.token, __resourceName: s.name };
    let inputs: Props = { ...meta, ...s.base };
    const checked = await this.attempt(s.token, "check", () => h.check(u, {}, inputs));
    if (!checked) return undefined;
    if (checked.failures.length) {
      this.recording.failures.push({ by: s.token, step: "check", message: JSON.stringify(checked.failures) });
      return undefined;
    }
    const created = await this.attempt(s.token, "create", () => h.create(u, checked.inputs));
    if (!created) return undefined;
    this.recording.outputs.push({ by: s.token, step: "create", props: created.properties });
    this.noteInputs(s.token, checked.inputs);
    const live: Live = { token: s.token, urn: u, id: created.id, props: created.properties, inputs: checked.inputs };
    const read = await this.attempt(s.token, "read", () => h.read(live.id, u, live.props, live.inputs));
    if (read) this.recording.outputs.push({ by: s.token, step: "read", props: read.properties });
    let n = 0;
    // An empty step is a field the definition does not have yet (see ifAccepted): nothing to run.
    for (const step of (s.steps ?? []).filter((x) => Object.keys(x).length > 0)) {
      n++;
      const next: Props = { ...live.inputs };
      for (const [k, v] of Object.entries(step)) {
        if (v === undefined) delete next[k];
        else next[k] = v;
      }
      inputs = next;
      const c = await this.attempt(s.token, `check#${n}`, () => h.check(u, live.inputs, inputs));
      if (!c) continue;
      if (c.failures.length) {
        this.recording.failures.push({ by: s.token, step: `check#${n}`, message: JSON.stringify(c.failures) });
        continue;
      }
      const d = await this.attempt(s.token, `diff#${n}`, () => h.diff(live.id, u, live.props, c.inputs, live.inputs));
      if (!d || d.changes === "none") {
        this.recording.failures.push({
          by: s.token,
          step: `diff#${n}`,
          message: "step changed nothing: the scenario does not exercise it",
        });
        continue;
      }
      if (d.replaces.length) {
        const step = `replace#${n}`;
        if (d.deleteBeforeReplace) await this.attempt(s.token, step, () => h.delete(live.id, u, live.props));
        const made = await this.attempt(s.token, step, () => h.create(u, c.inputs));
        if (!made) continue;
        if (!d.deleteBeforeReplace) await this.attempt(s.token, step, () => h.delete(live.id, u, live.props));
        Object.assign(live, { id: made.id, props: made.properties, inputs: c.inputs });
      } else {
        const step = `update#${n}`;
        const updated = await this.attempt(s.token, step, () => h.update(live.id, u, live.props, c.inputs, live.inputs));
        if (!updated) continue;
        this.recording.outputs.push({ by: s.token, step, props: updated.properties });
        this.noteUpdated(s.token, live.inputs, c.inputs);
        Object.assign(live, { props: updated.properties, inputs: c.inputs });
      }
      this.noteInputs(s.token, c.inputs);
      await this.attempt(s.token, `read#${n}`, () => h.read(live.id, u, live.props, live.inputs));
    }
    return live;
  }

  async destroy(live: Live): Promise<void> {
    await this.attempt(live.token, "delete", () => this.host.delete(live.id, live.urn, live.props));
  }

  /** Runs a lookup in this (program) process; credentials come from the environment like in CI. */
  async lookup(name: string, run: () => Promise<unknown>): Promise<any> {
    return this.attempt(`lookup:${name}`, "lookup", run);
  }
}

export interface Live {
  token: string;
  urn: string;
  id: string;
  props: Props;
  inputs: Props;
}

/** Every resource and every lookup, in dependency order; deletes in reverse order at the end. */
export async function recordEverything(via: "dynamic" | "plugin" = "dynamic"): Promise<Recording> {
  const r = await Recorder.start(via);
  const store = r.emulator.store;
  const env = { ...process.env };
  process.env.CLOUDFLARE_API_TOKEN = TOKEN;
  process.env.CLOUDFLARE_BASE_URL = r.emulator.url;
  process.env.CLOUDFLARE_ACCOUNT_ID = ACCOUNT;
  process.env.CLOUDFLARE_MAGIC_PACING = "false";
  process.env.CLOUDFLARE_MAGIC_MAX_ATTEMPTS = "1";
  // Simple captures finish at once (so the download runs); full ones keep running (so destroy stops one).
  r.emulator.configure({ pcapTiming: { pendingMs: 0, simpleRunMs: 0 } });
  const alive: Live[] = [];
  const keep = (l: Live | undefined) => {
    if (l) alive.push(l);
    return l;
  };
  try {
    // Network Interconnects.
    keep(
      await r.lifecycle({ token: "cni:CniSettings", name: "cni-settings", base: { defaultAsn: 65001 }, steps: [{ defaultAsn: 65002 }] }),
    );
    const port = keep(
      await r.lifecycle({
        token: "cni:Interconnect",
        name: "ord-port",
        base: {
          type: "direct",
          slotId: SLOTS[0].id,
          account: ACCOUNT,
          speed: SLOTS[0].speed,
          waitForStatus: { status: "Pending", timeoutSeconds: 5 },
        },
        steps: [{ slotId: SLOTS[1].id, speed: SLOTS[1].speed }],
      }),
    );
    keep(
      await r.lifecycle({
        token: "cni:Interconnect",
        name: "gcp-port",
        base: { type: "gcp_partner", bandwidth: "1G", pairingKey: "7e51371e-72a3-40b5-b844-2e3efefaee59/us-central1/2" },
      }),
    );
    const port2 = keep(await r.lifecycle({ token: "cni:Interconnect", name: "ord-port-2", base: { type: "direct", slotId: SLOTS[2].id } }));
    keep(
      await r.lifecycle({
        token: "cni:Cni",
        name: "ord-cni",
        base: {
          account: ACCOUNT,
          interconnect: port?.id ?? "missing",
          magic: { conduitName: "ord_cni_1", description: "Chicago", mtu: 1500 },
          bgp: { customerAsn: 65010, md5Key: "md5-k3y!" },
        },
        steps: [
          ifAccepted(
            "cni:Cni",
            { magic: { conduitName: "ord_cni_1", description: "Chicago primary", mtu: 1400 } },
            { bgpMode: "advertise_only" },
          ),
          { bgp: { customerAsn: 65010, extraPrefixes: ["192.0.2.0/24"], md5Key: "md5-k3y!" } },
          { interconnect: port2?.id ?? "missing" },
        ],
      }),
    );

    // Tunnels, routes, apps, connectors.
    const cf = provisionCfInterconnect(store, ACCOUNT);
    keep(
      await r.lifecycle({
        token: "magic:CfInterconnect",
        name: "pni-ord",
        base: { interconnectId: cf.id, mtu: 1400, healthCheck: { rate: "high" } },
        steps: [
          { description: "PNI Chicago", automaticReturnRouting: true, name: "pni_ord", mtu: 1450 },
          {
            interfaceAddress: "192.168.4.2/31",
            interfaceAddress6: "2606:54c1:7:0:a9fe:12d2:1:200/127",
            gre: { cloudflareEndpoint: "203.0.113.2" },
          },
          ifAccepted(
            "magic:CfInterconnect",
            { healthCheck: { enabled: true, rate: "low", type: "request", target: "192.168.4.3" } },
            { "healthCheck.direction": "bidirectional", "healthCheck.source": "192.168.4.2" },
          ),
          ifAccepted(
            "magic:CfInterconnect",
            {},
            {
              bgp: { customerAsn: 65030, extraPrefixes: ["192.0.2.0/24"], md5Key: "k3y" },
              "bgp.importFilterId": FILTER_IN,
              "bgp.exportFilterId": FILTER_OUT,
            },
          ),
        ],
      }),
    );
    keep(
      await r.lifecycle({
        token: "magic:GreTunnel",
        name: "nyc-gre-1",
        base: {
          name: "nyc_gre_1",
          cloudflareGreEndpoint: "162.159.64.1",
          customerGreEndpoint: "203.0.113.10",
          interfaceAddress: "10.212.0.8/31",
          healthCheck: { rate: "high" },
        },
        steps: [
          {
            description: "Tunnel for ISP X",
            mtu: 1400,
            ttl: 32,
            automaticReturnRouting: true,
            interfaceAddress6: "2606:54c1:7:0:a9fe:12d2:1:200/127",
          },
          { healthCheck: HC_FULL },
          {
            name: "nyc_gre_2",
            cloudflareGreEndpoint: "162.159.64.2",
            customerGreEndpoint: "203.0.113.12",
            interfaceAddress: "10.212.0.10/31",
          },
          ifAccepted(
            "magic:GreTunnel",
            { bgp: { customerAsn: 65010, extraPrefixes: ["192.0.2.0/24"], md5Key: "k3y" } },
            { "bgp.importFilterId": FILTER_IN, "bgp.exportFilterId": FILTER_OUT },
          ),
        ],
      }),
    );
    const ipsec = keep(
      await r.lifecycle({
        token: "magic:IpsecTunnel",
        name: "nyc-ipsec-1",
        base: {
          name: "nyc_ipsec_1",
          cloudflareEndpoint: "162.159.65.1",
          interfaceAddress: "10.213.0.8/31",
          customerEndpoint: "203.0.113.20",
          healthCheck: { rate: "high" },
        },
        steps: [
          {
            description: "IPsec to NYC",
            automaticReturnRouting: true,
            replayProtection: true,
            interfaceAddress6: "2606:54c1:7:0:a9fe:12d2:1:202/127",
            customRemoteIdentities: { fqdnId: `nyc.${ACCOUNT}.custom.ipsec.cloudflare.com` },
          },
          { healthCheck: HC_FULL },
          ifAccepted(
            "magic:IpsecTunnel",
            { bgp: { customerAsn: 65020, extraPrefixes: ["192.0.2.0/24"], md5Key: "k3y" } },
            { "bgp.importFilterId": FILTER_IN, "bgp.exportFilterId": FILTER_OUT },
          ),
          { rotatePsk: "2026-q1" },
          { psk: "0123456789abcdefABCDEF0123456789" },
          { name: "nyc_ipsec_2", cloudflareEndpoint: "162.159.65.2", interfaceAddress: "10.213.0.10/31", customerEndpoint: "203.0.113.21" },
        ],
      }),
    );
    // The tunnels the routes below point into (Cloudflare refuses a nexthop outside every tunnel's
    // subnet), put into the store: their making is not part of the recording.
    provisionTunnelsFor(r.emulator.store, ACCOUNT, ["10.212.0.9", "10.212.0.11"]);
    const route = keep(
      await r.lifecycle({
        token: "magic:StaticRoute",
        name: "dc1-primary",
        base: { prefix: "192.0.2.0/24", nexthop: "10.212.0.9", priority: 100 },
        steps: [
          { description: "DC1 primary", weight: 10 },
          { scope: { coloNames: ["den01"], coloRegions: ["APAC"] } },
          { prefix: "192.0.3.0/24", nexthop: "10.212.0.11", priority: 200 },
        ],
      }),
    );
    const entry = (i: number, priority = 100) => ({ prefix: `10.50.${i}.0/24`, nexthop: "10.212.0.9", priority });
    keep(
      await r.lifecycle({
        token: "magic:RouteTable",
        name: "dc1-routes",
        base: {
          routes: [
            entry(0),
            entry(1),
            { ...entry(2), description: "third", weight: 5, scope: { coloNames: ["den01"], coloRegions: ["APAC"] } },
          ],
        },
        steps: [
          {
            routes: [
              entry(0),
              entry(1, 200),
              { ...entry(2, 300), description: "third", weight: 5, scope: { coloNames: ["den01"], coloRegions: ["APAC"] } },
            ],
          },
          { routes: [entry(1, 200), entry(3)] },
        ],
      }),
    );
    const app = keep(
      await r.lifecycle({
        token: "magic:App",
        name: "crm",
        base: { name: "CRM", type: "Business", hostnames: ["crm.example.com"] },
        steps: [
          { ipSubnets: ["192.0.2.0/24"], sourceSubnets: ["198.51.100.0/24"] },
          { name: "CRM 2", type: "Productivity", hostnames: ["crm2.example.com"] },
        ],
      }),
    );
    const connector = keep(
      await r.lifecycle({
        token: "magic:Connector",
        name: "branch-vc",
        base: { device: { provisionLicense: true } },
        steps: [
          {
            activated: true,
            interruptWindowDaysOfWeek: ["Sunday"],
            interruptWindowDurationHours: 2,
            interruptWindowEmbargoDates: ["2026-12-24"],
            interruptWindowHourOfDay: 3,
            notes: "rack 4",
            timezone: "Europe/Paris",
          },
          { licenseRotation: "2" },
        ],
      }),
    );
    keep(
      await r.lifecycle({
        token: "magic:Connector",
        name: "branch-hw",
        base: { device: { serialNumber: "SN-1" } },
        steps: [{ device: { id: "dev-2" } }],
      }),
    );

    // Sites and what lives in them.
    const site = keep(
      await r.lifecycle({
        token: "magic:Site",
        name: "nyc-branch",
        base: { name: "nyc_branch", haMode: false },
        steps: [{ description: "New York", connectorId: CONNECTOR_A, location: { lat: "40.71", lon: "-74.00" } }, { name: "nyc_branch_2" }],
      }),
    );
    const haSite = keep(
      await r.lifecycle({
        token: "magic:Site",
        name: "ord-branch",
        base: { name: "ord_branch", haMode: true, connectorId: CONNECTOR_A, secondaryConnectorId: CONNECTOR_B },
        steps: [{ secondaryConnectorId: CONNECTOR_C }, { haMode: false, secondaryConnectorId: undefined }],
      }),
    );
    const haSite2 = keep(await r.lifecycle({ token: "magic:Site", name: "sfo-branch", base: { name: "sfo_branch", haMode: true } }));
    const siteId = site?.id ?? "missing";
    const wan = keep(
      await r.lifecycle({
        token: "magic:SiteWan",
        name: "nyc-wan-1",
        base: { siteId, physport: 1, name: "isp_a" },
        steps: [
          { priority: 2, vlanTag: 100, staticAddressing: { address: "203.0.113.10/24", gatewayAddress: "203.0.113.1" } },
          { name: "isp_b", physport: 5 },
          ifAccepted("magic:SiteWan", {}, { healthCheckRate: "high", loadBalanceInnerFlows: true }),
        ],
      }),
    );
    keep(
      await r.lifecycle({
        token: "magic:SiteWan",
        name: "sfo-wan-1",
        base: {
          siteId: haSite2?.id ?? "missing",
          siteHaMode: true,
          physport: 1,
          staticAddressing: { address: "203.0.113.30/24", gatewayAddress: "203.0.113.1", secondaryAddress: "203.0.113.31/24" },
        },
        steps: [
          { staticAddressing: { address: "203.0.113.30/24", gatewayAddress: "203.0.113.1", secondaryAddress: "203.0.113.32/24" } },
          {
            siteId: haSite?.id ?? "missing",
            siteHaMode: false,
            staticAddressing: { address: "203.0.113.30/24", gatewayAddress: "203.0.113.1" },
          },
        ],
      }),
    );
    const office = keep(
      await r.lifecycle({
        token: "magic:SiteLan",
        name: "nyc-lan-office",
        base: { siteId, name: "office", physport: 2, vlanTag: 10 },
        steps: [
          {
            staticAddressing: {
              address: "192.168.10.1/24",
              dhcpServer: {
                dhcpPoolStart: "192.168.10.100",
                dhcpPoolEnd: "192.168.10.200",
                dnsServer: "1.1.1.1",
                reservations: { "00:11:22:33:44:55": "192.168.10.50" },
              },
            },
            nat: { staticPrefix: "192.168.50.0/24" },
            isBreakout: false,
            isPrioritized: true,
            routedSubnets: [{ prefix: "192.168.100.0/24", nextHop: "192.168.10.254", nat: { staticPrefix: "192.168.150.0/24" } }],
          },
          ifAccepted(
            "magic:SiteLan",
            {
              staticAddressing: {
                address: "192.168.10.1/24",
                dhcpServer: { dhcpPoolStart: "192.168.10.100", dhcpPoolEnd: "192.168.10.200", dnsServers: ["1.1.1.1", "1.0.0.1"] },
              },
            },
            { "staticAddressing.dhcpServer.dhcpOptions": [{ code: 42, type: "ip", value: "192.168.10.1" }] },
          ),
          { staticAddressing: { address: "192.168.10.1/24", dhcpRelay: { serverAddresses: ["192.168.0.5"] } } },
          { name: "office_2", vlanTag: 11, physport: 6 },
        ],
      }),
    );
    const pos = keep(
      await r.lifecycle({
        token: "magic:SiteLan",
        name: "nyc-lan-pos",
        base: { siteId, name: "pos", physport: 3, staticAddressing: { address: "192.168.20.1/24" } },
      }),
    );
    keep(
      await r.lifecycle({
        token: "magic:SiteLan",
        name: "sfo-lan-ha",
        base: {
          siteId: haSite2?.id ?? "missing",
          siteHaMode: true,
          name: "ha",
          physport: 4,
          haLink: true,
          staticAddressing: { address: "192.168.30.1/24", secondaryAddress: "192.168.30.2/24", virtualAddress: "192.168.30.3/24" },
        },
        steps: [
          { staticAddressing: { address: "192.168.30.1/24", secondaryAddress: "192.168.30.4/24", virtualAddress: "192.168.30.5/24" } },
          { haLink: false },
        ],
      }),
    );
    keep(
      await r.lifecycle({
        token: "magic:SiteLan",
        name: "nyc-lan-bond",
        base: { siteId, name: "bond", bondId: 2 },
        steps: [{ bondId: 3 }],
      }),
    );
    keep(
      await r.lifecycle({
        token: "magic:SiteAcl",
        name: "pos-acl",
        base: {
          siteId,
          name: "pos_to_office",
          lan1: { lanId: pos?.id ?? "missing", subnets: ["192.168.20.0/24"], ports: [22], portRanges: ["2000-3000"] },
          lan2: { lanId: office?.id ?? "missing", ports: [443] },
        },
        steps: [
          { description: "PIN pads", protocols: ["tcp", "udp"], forwardLocally: true, unidirectional: true },
          { lan2: { lanId: office?.id ?? "missing", lanName: "office_2", portRanges: ["8080-9000"], subnets: ["192.168.10.0/24"] } },
          {
            name: "office_to_pos",
            lan1: {
              lanId: office?.id ?? "missing",
              lanName: "office_2",
              ports: [8443],
              portRanges: ["4000-5000"],
              subnets: ["192.168.10.0/24"],
            },
            lan2: { lanId: pos?.id ?? "missing", ports: [80] },
          },
        ],
      }),
    );
    keep(
      await r.lifecycle({
        token: "magic:SiteAppConfig",
        name: "nyc-breakout",
        base: { siteId, managedAppId: "cloudflare", breakout: true, preferredWans: [wan?.id ?? "missing"] },
        steps: [
          { priority: 1, breakout: undefined, preferredWans: undefined },
          { managedAppId: undefined, accountAppId: app?.id ?? "missing", breakout: false },
          { accountAppId: undefined, managedAppId: "cloudflare", breakout: true, preferredWans: [wan?.id ?? "missing"] },
        ],
      }),
    );

    // Packet captures.
    keep(
      await r.lifecycle({
        token: "magic:PcapBucketOwnership",
        name: "bucket",
        base: { destinationConf: BUCKET },
        steps: [{ ownershipChallenge: ownershipChallengeFile(ACCOUNT, BUCKET) }],
      }),
    );
    const simple = keep(
      await r.lifecycle({
        token: "magic:PacketCapture",
        name: "simple",
        base: {
          type: "simple",
          system: "magic-transit",
          timeLimit: 300,
          packetLimit: 10000,
          filterV1: {
            destinationAddress: "203.0.113.10",
            destinationPort: 443,
            protocol: 6,
            sourceAddress: "198.51.100.1",
            sourcePort: 1234,
          },
        },
        // The API takes an offset within the last 24 hours.
        steps: [{ packetLimit: 500, offsetTime: new Date(Date.now() - 3_600_000).toISOString() }],
      }),
    );
    keep(
      await r.lifecycle({
        token: "magic:PacketCapture",
        name: "full",
        base: { type: "full", system: "magic-transit", timeLimit: 60, byteLimit: 1_000_000, coloName: "ord02", destinationConf: BUCKET },
      }),
    );

    await runLookups(r, { site, haSite, connector, route, ipsec, simple, port, app });
  } finally {
    for (const l of alive.reverse()) await r.destroy(l);
    for (const [k, v] of Object.entries(env)) process.env[k] = v;
    for (const k of [
      "CLOUDFLARE_API_TOKEN",
      "CLOUDFLARE_BASE_URL",
      "CLOUDFLARE_ACCOUNT_ID",
      "CLOUDFLARE_MAGIC_PACING",
      "CLOUDFLARE_MAGIC_MAX_ATTEMPTS",
    ]) {
      if (!(k in env)) delete process.env[k];
    }
    await r.close();
  }
  return r.recording;
}

async function runLookups(r: Recorder, live: Record<string, Live | undefined>): Promise<void> {
  const sdk = await import("../../sdk");
  const id = (l?: Live) => l?.id ?? "missing";
  const l = (name: string, run: () => Promise<unknown>) => r.lookup(name, run);
  await l("getGreTunnels", () => sdk.getGreTunnels());
  await l("getIpsecTunnels", () => sdk.getIpsecTunnels());
  await l("getCfInterconnects", async () => {
    const all = await sdk.getCfInterconnects();
    await sdk.getCfInterconnect(all[0].id);
  });
  await l("getRoutes", () => sdk.getRoutes());
  await l("getApps", () => sdk.getApps());
  await l("getApps", () => sdk.getApps({ includeManaged: false }));
  await l("getConnectors", () => sdk.getConnectors());
  // Issue 10 adds the SDK's `device_type` filter; a lookup without the argument ignores it.
  await l("getConnectors", () => sdk.getConnectors({ deviceType: "LICENSED" } as never));
  await l("getConnector", () => sdk.getConnector(id(live.connector)));
  const c = id(live.connector);
  await l("getConnectorEvents", async () => {
    const page = await sdk.getConnectorEvents(c, { from: FROM, to: FROM + 3 * 3600, limit: 2, kind: "Reconcile" } as never);
    await sdk.getConnectorEvents(c, { from: FROM, to: FROM + 3 * 3600, limit: 50, allPages: true });
    const e = (page as any).items[0] ?? (await sdk.getConnectorEvents(c, { from: FROM, to: FROM + 3 * 3600 })).items[0];
    if (e) await sdk.getConnectorEvent(c, e.t, e.n);
  });
  await l("getConnectorLatestEvents", () => sdk.getConnectorLatestEvents(c));
  await l("getConnectorSnapshots", async () => {
    const page = await sdk.getConnectorSnapshots(c, { from: FROM, to: FROM + 300, limit: 2 });
    const snap = (page as any).items[0];
    if (snap) await sdk.getConnectorSnapshot(c, snap.t);
  });
  await l("getConnectorLatestSnapshots", () => sdk.getConnectorLatestSnapshots(c));
  await l("getSites", () => sdk.getSites());
  await l("getSites", () => sdk.getSites({ connectorId: CONNECTOR_A }));
  await l("getSite", () => sdk.getSite(id(live.site)));
  await l("getSiteWans", () => sdk.getSiteWans(id(live.site)));
  await l("getSiteLans", () => sdk.getSiteLans(id(live.site)));
  await l("getSiteAcls", () => sdk.getSiteAcls(id(live.site)));
  await l("getSiteAppConfigs", () => sdk.getSiteAppConfigs(id(live.site)));
  await l("getPcaps", () => sdk.getPcaps());
  await l("getPcap", () => sdk.getPcap(id(live.simple)));
  await l("getPcapBucketOwnerships", () => sdk.getPcapBucketOwnerships());
  await l("downloadPcap", () => sdk.downloadPcap(id(live.simple)));
  await l("getSlots", () => sdk.getSlots());
  await l("getSlots", () => sdk.getSlots({ addressContains: "chicago", occupied: false, site: "ord01", speed: "10G" }));
  await l("getSlot", () => sdk.getSlot(SLOTS[3].id));
  await l("getInterconnects", () => sdk.getInterconnects());
  await l("getInterconnects", () => sdk.getInterconnects({ site: "ord01", type: "direct" }));
  await l("getInterconnect", () => sdk.getInterconnect(id(live.port)));
  await l("getInterconnectStatus", () => sdk.getInterconnectStatus(id(live.port)));
  await l("getInterconnectLoa", () => sdk.getInterconnectLoa(id(live.port)));
  // Issue 10 adds the SDK's `name` query parameter of the LOA; a lookup without it ignores it.
  await l("getInterconnectLoa", () => sdk.getInterconnectLoa(id(live.port), { name: "ACME Corp" }));
  await l("getCnis", () => sdk.getCnis());
  await l("getCnis", () => sdk.getCnis({ slot: SLOTS[1].id, tunnelId: "t-1" }));
  await l("getCni", async () => {
    const all = await sdk.getCnis();
    if (all[0]) await sdk.getCni(all[0].id);
  });
  await l("getCniSettings", () => sdk.getCniSettings());
}
