import * as http from "node:http";
import type { AddressInfo } from "node:net";
import type { z } from "zod";
import { type Emulator, startEmulator } from "../../emulator";
import { provisionCfInterconnect } from "../../emulator/resources/cf-interconnects";
import { provisionTunnelsFor } from "../../emulator/resources/gre-tunnels";
import { ownershipChallengeFile } from "../../emulator/resources/pcaps";
import { slotCatalogue } from "../../emulator/resources/cni";
import { fieldMeta, schemaLayers, type ResourceDefinition } from "../../provider/framework/define";
import { fieldFacts } from "../../provider/framework/vocabulary";
import { defaultsOf } from "../../provider/framework/equivalence";
import { definitionOf, forToken, resourceModules, type ResourceProvider } from "../../provider/registry";
import { configureFrom } from "../../provider/framework/settings";
import { getPath, isPlainObject, leafPaths, setPath } from "../../shared/values";
import { ACCOUNT } from "../resources/stack";
import { unwrapSecrets } from "../harness/host";

/**
 * What the framework's property tests drive: for each of the 17 resources, programs (inputs) that
 * between them set every optional input, with values other than the API's defaults where the
 * field has one and IPv6 addresses where the field takes them; the parent objects they need; and
 * the resource's provider, run in this process against an emulator behind a loopback proxy that
 * can reshape every answer (the real provider code and client, no host).
 */

type Props = Record<string, unknown>;

export const TOKENS = Object.keys(resourceModules).sort();

/** The objects programs refer to, made once per emulator. */
export interface Parents {
  siteId: string;
  lanIds: [string, string];
  wanId: string;
  appId: string;
  interconnect: string;
  cfInterconnectId: string;
  bucket: string;
}

export interface Program {
  /** The inputs, as a program writes them. */
  inputs: Props;
  /** Optional inputs this program cannot drop (a rule requires them here, e.g. `packetLimit` of a simple capture). */
  keep?: string[];
}

const BUCKET = "s3://shape-bucket?region=us-east-1";

/** Nexthops of the routes: each must lie in an existing tunnel's interface subnet (emulator README, Live behaviours). */
const ROUTES_V4 = "10.250.0.1";
const ROUTES_V6 = "2001:db8:0:1::1";

/** Every program of a resource; the first one is the richest. Names carry `n` so programs of one run never clash. */
export function programs(token: string, p: Parents, n: number): Program[] {
  const hc = { enabled: false, rate: "high", type: "request", target: "2001:db8:0:1::5" };
  const bgp = {
    customerAsn: 65010,
    extraPrefixes: ["2001:db8:100::/48", "192.0.2.0/24"],
    md5Key: "shape-key",
    importFilterId: "a".repeat(32),
    exportFilterId: "b".repeat(32),
  };
  switch (token) {
    case "magic:GreTunnel":
      return [
        {
          inputs: {
            name: `shape_gre_${n}`,
            cloudflareGreEndpoint: "162.159.64.1",
            customerGreEndpoint: "203.0.113.10",
            interfaceAddress: `10.212.${n % 250}.8/31`,
            interfaceAddress6: "2606:54c1:7:0:a9fe:12d2:1:200/127",
            description: "shape",
            automaticReturnRouting: true,
            mtu: 1400,
            ttl: 32,
            healthCheck: { ...hc, direction: "unidirectional" },
            bgp,
          },
        },
      ];
    case "magic:IpsecTunnel":
      return [
        {
          inputs: {
            name: `shape_ipsec_${n}`,
            cloudflareEndpoint: "2606:4700:a0::1",
            interfaceAddress: `10.213.${n % 250}.8/31`,
            customerEndpoint: "2001:db8:ffff::10",
            interfaceAddress6: "2606:54c1:7:0:a9fe:12d2:1:210/127",
            description: "shape",
            automaticReturnRouting: true,
            replayProtection: true,
            customRemoteIdentities: { fqdnId: `shape${n}.account.custom.ipsec.cloudflare.com` },
            healthCheck: { ...hc, direction: "bidirectional" },
            bgp,
            psk: "shape-psk-1234567890",
            rotatePsk: "r1",
          },
        },
      ];
    case "magic:StaticRoute":
      return [
        {
          inputs: {
            prefix: "2001:db8:500::/48",
            nexthop: ROUTES_V6,
            priority: 100 + n,
            description: "shape",
            weight: 7,
            scope: { coloNames: ["den01", "ord02"], coloRegions: ["APAC", "WNAM"] },
          },
        },
      ];
    case "magic:RouteTable":
      return [
        {
          inputs: {
            routes: [
              {
                prefix: "2001:db8:600::/48",
                nexthop: ROUTES_V6,
                priority: 200 + n,
                description: "shape",
                weight: 9,
                scope: { coloNames: ["den01", "ord02"], coloRegions: ["APAC", "WNAM"] },
              },
              { prefix: "198.51.100.0/24", nexthop: ROUTES_V4, priority: 200 + n, description: "second", weight: 3 },
            ],
          },
        },
      ];
    case "magic:Site":
      return [
        {
          inputs: {
            name: `shape_site_${n}`,
            description: "shape",
            connectorId: "c".repeat(32),
            secondaryConnectorId: "d".repeat(32),
            haMode: true,
            location: { lat: "37.6192", lon: "122.3816" },
          },
        },
      ];
    case "magic:SiteWan":
      return [
        {
          inputs: {
            siteId: p.siteId,
            physport: 10 + (n % 40),
            name: `wan${n}`,
            priority: 2,
            vlanTag: 100,
            staticAddressing: { address: "203.0.113.10/24", gatewayAddress: "203.0.113.1", secondaryAddress: "203.0.113.11/24" },
            healthCheckRate: "high",
            loadBalanceInnerFlows: true,
            siteHaMode: false,
          },
        },
      ];
    case "magic:SiteLan": {
      const common = {
        siteId: p.siteId,
        name: `lan${n}`,
        vlanTag: 200,
        bondId: 1,
        isBreakout: true,
        isPrioritized: true,
        siteHaMode: false,
      };
      return [
        {
          inputs: {
            ...common,
            physport: 60 + (n % 40),
            haLink: false,
            nat: { staticPrefix: "192.0.2.0/24" },
            routedSubnets: [
              { nextHop: "192.168.50.2", prefix: "10.10.0.0/16", nat: { staticPrefix: "198.51.100.0/24" } },
              { nextHop: "192.168.50.3", prefix: "10.20.0.0/16" },
            ],
            staticAddressing: {
              address: "192.168.50.1/24",
              dhcpServer: {
                dhcpOptions: [
                  { code: 42, type: "ip", value: "10.20.30.40" },
                  { code: 66, type: "text", value: "tftp.example.com" },
                ],
                dhcpPoolStart: "192.168.50.100",
                dhcpPoolEnd: "192.168.50.200",
                dnsServer: "192.168.50.53",
                dnsServers: ["192.168.50.53", "192.168.50.54"],
                reservations: { "00:11:22:33:44:55": "192.168.50.150", "AA:BB:CC:DD:EE:FF": "192.168.50.151" },
              },
              secondaryAddress: "192.168.50.2/24",
              virtualAddress: "192.168.50.3/24",
            },
          },
        },
        {
          inputs: {
            ...common,
            physport: 110 + (n % 40),
            staticAddressing: { address: "192.168.60.1/24", dhcpRelay: { serverAddresses: ["192.168.1.10", "192.168.1.11"] } },
          },
        },
      ];
    }
    case "magic:SiteAcl": {
      const side = (lanId: string) => ({
        lanId,
        ports: [443, 80],
        portRanges: ["8080-9000", "10000-10100"],
        subnets: ["192.168.10.0/24", "192.168.11.5"],
      });
      return [
        {
          inputs: {
            siteId: p.siteId,
            name: `acl${n}`,
            description: "shape",
            lan1: { ...side(p.lanIds[0]), lanName: "lan-a" },
            // Cloudflare fills lanName in from the LAN; a program that gives it gives the LAN's own name.
            lan2: { ...side(p.lanIds[1]), lanName: "lan-b" },
            protocols: ["udp", "tcp"],
            forwardLocally: true,
            unidirectional: true,
          },
        },
      ];
    }
    case "magic:SiteAppConfig":
      return [
        { inputs: { siteId: p.siteId, accountAppId: p.appId, breakout: true, preferredWans: [p.wanId], priority: 1 } },
        { inputs: { siteId: p.siteId, managedAppId: "cloudflare", breakout: false, priority: 1 } },
      ];
    case "magic:App":
      return [
        {
          inputs: {
            name: `shape app ${n}`,
            type: "Development",
            hostnames: ["b.example.com", "a.example.com"],
            ipSubnets: ["192.0.2.0/24", "198.51.100.0/24"],
            sourceSubnets: ["10.1.0.0/16", "10.2.0.0/16"],
          },
        },
      ];
    case "magic:Connector":
      return [
        {
          inputs: {
            device: { provisionLicense: true },
            activated: true,
            interruptWindowDaysOfWeek: ["Saturday", "Sunday"],
            interruptWindowDurationHours: 4,
            interruptWindowEmbargoDates: ["2026-12-24", "2026-12-31"],
            interruptWindowHourOfDay: 2,
            notes: "shape",
            timezone: "America/New_York",
            licenseRotation: 1,
          },
        },
        { inputs: { device: { serialNumber: `SN-SHAPE-${n}` } } },
        { inputs: { device: { id: `device-shape-${n}` } } },
      ];
    case "magic:CfInterconnect":
      return [
        {
          inputs: {
            interconnectId: p.cfInterconnectId,
            name: "pni_shape",
            description: "shape",
            automaticReturnRouting: true,
            gre: { cloudflareEndpoint: "2606:4700:a0::2" },
            healthCheck: { ...hc, direction: "bidirectional", source: "169.254.244.2" },
            bgp: { ...bgp, customerAsn: 65020 },
            interfaceAddress: "192.168.4.0/31",
            interfaceAddress6: "2606:54c1:7:0:a9fe:12d2:1:300/127",
            mtu: 1400,
          },
        },
      ];
    case "magic:PcapBucketOwnership":
      return [{ inputs: { destinationConf: BUCKET, ownershipChallenge: ownershipChallengeFile(ACCOUNT, BUCKET) } }];
    case "magic:PacketCapture":
      return [
        {
          inputs: {
            type: "simple",
            system: "magic-transit",
            timeLimit: 60,
            packetLimit: 100,
            filterV1: {
              destinationAddress: "2001:db8::10",
              destinationPort: 443,
              protocol: 6,
              sourceAddress: "2001:db8::20",
              sourcePort: 5000,
            },
            offsetTime: new Date(Date.now() - 3600_000).toISOString().replace(/\.\d+Z$/, "Z"),
          },
          keep: ["packetLimit"],
        },
        {
          inputs: { type: "full", system: "magic-transit", timeLimit: 1, coloName: "ord02", destinationConf: p.bucket, byteLimit: 1000 },
          keep: ["coloName", "destinationConf"],
        },
      ];
    case "cni:Interconnect":
      return [
        {
          inputs: {
            account: ACCOUNT,
            type: "direct",
            slotId: slotCatalogue(ACCOUNT).filter((slot) => slot.speed === "10G")[1 + (n % 100)].id,
            speed: "10G",
            waitForStatus: { status: "Pending", timeoutSeconds: 30 },
          },
          keep: ["slotId"],
        },
        {
          inputs: {
            type: "gcp_partner",
            bandwidth: "1G",
            pairingKey: `7e51371e-72a3-40b5-b844-${String(n).padStart(12, "0")}/us-central1/2`,
          },
          keep: ["bandwidth", "pairingKey"],
        },
      ];
    case "cni:Cni":
      return [
        {
          inputs: {
            account: ACCOUNT,
            interconnect: p.interconnect,
            magic: { conduitName: `shape_cni_${n}`, description: "shape", mtu: 1500 },
            bgp: { customerAsn: 65012, extraPrefixes: ["2001:db8:700::/48", "192.0.2.0/24"], md5Key: "cni-key" },
            bgpMode: "advertise_only",
          },
        },
      ];
    case "cni:CniSettings":
      return [{ inputs: { defaultAsn: 65001 + n } }];
    default:
      throw new Error(`no program for ${token}`);
  }
}

/**
 * The same inputs, but stating every field that has a typed default at that default (where the
 * field's parent object is in the program): a program that says `automaticReturnRouting: false`,
 * `mtu: 1476`, `healthCheck: { enabled: true, rate: "mid", ... }`.
 */
export function statingDefaults(def: ResourceDefinition, inputs: Props): Props {
  const out = structuredClone(inputs);
  for (const [path, value] of Object.entries(defaultsOf(def.inputs))) {
    const parent = path.includes(".") ? getPath(out, path.slice(0, path.lastIndexOf("."))) : out;
    if (!isPlainObject(parent) || isLocal(def, path)) continue;
    setPath(out, path, value);
  }
  return out;
}

function isLocal(def: ResourceDefinition, path: string): boolean {
  return unsentInputs(def).includes(path.split(".")[0]);
}

/** Top-level inputs never sent in a body: ours (`local`), and the path parameters that name a parent (an adopted object's own id aside). */
export function unsentInputs(def: ResourceDefinition): string[] {
  const { local, path } = fieldFacts(def);
  const ownId = def.lifecycle.kind === "adopted" ? def.lifecycle.idInput : undefined;
  return [...local, ...path.filter((k) => k !== ownId)];
}

/** Optional input leaves of a program the program could leave out: not required by the schema, not ours (local), not kept by a rule. */
export function removable(def: ResourceDefinition | undefined, program: Program, schema: z.ZodObject): string[] {
  return leafPaths(program.inputs).filter((path) => {
    if (def && isLocal(def, path)) return false;
    if ((program.keep ?? []).includes(path)) return false;
    // Every segment's field must be optional for the leaf to go on its own: a required field
    // inside an optional object goes with its object.
    let s: z.ZodType | undefined = schema;
    let optional = false;
    for (const part of path.split(".")) {
      const shape = innerShape(s);
      s = shape?.[part];
      if (!s) return false;
      optional = schemaLayers(s).some((l) => ["optional", "default"].includes((l.def as { type: string }).type));
    }
    return optional;
  });
}

function innerShape(s: z.ZodType | undefined): Record<string, z.ZodType> | undefined {
  if (!s) return undefined;
  const layers = schemaLayers(s);
  const inner = layers[layers.length - 1] as unknown as { shape?: Record<string, z.ZodType> };
  return inner.shape;
}

/** Every optional field of an object schema, as dotted paths (nested objects included, list elements not). */
export function optionalFields(schema: z.ZodType, prefix = ""): string[] {
  return Object.entries(innerShape(schema) ?? {}).flatMap(([k, sub]) => {
    const path = prefix ? `${prefix}.${k}` : k;
    const optional = schemaLayers(sub).some((l) => (l.def as { type: string }).type === "optional");
    return [...(optional && !fieldMeta(sub).local ? [path] : []), ...optionalFields(sub, path)];
  });
}

// ---- driving providers in this process ---------------------------------------------------------

/** Rewrites an answer body (JSON) on its way back; undefined leaves it as the emulator gave it. */
export type Reshape = (body: unknown, request: { method: string; url: string }) => unknown;

/** A loopback proxy in front of an emulator: every successful JSON answer goes through `reshape`, when set. */
export interface ReshapingProxy {
  /** The API root to give a client: `http://127.0.0.1:<port>/client/v4`. */
  url: string;
  reshape?: Reshape;
  close(): Promise<void>;
}

export async function reshapingProxy(emulatorUrl: string): Promise<ReshapingProxy> {
  const target = new URL(emulatorUrl);
  const proxy: ReshapingProxy = { url: "", close: () => Promise.resolve() };
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const forward = http.request(
        { host: target.hostname, port: target.port, method: req.method, path: req.url, headers: req.headers },
        (answer) => {
          const parts: Buffer[] = [];
          answer.on("data", (c: Buffer) => parts.push(c));
          answer.on("end", () => {
            let text = Buffer.concat(parts).toString("utf8");
            const ok = (answer.statusCode ?? 500) < 300 && /json/.test(String(answer.headers["content-type"]));
            if (ok && proxy.reshape && text) {
              try {
                const reshaped = proxy.reshape(JSON.parse(text), { method: req.method ?? "", url: req.url ?? "" });
                if (reshaped !== undefined) text = JSON.stringify(reshaped);
              } catch (e) {
                // A test's own mistake: answer it, so it fails at once instead of hanging.
                res.writeHead(599, { "content-type": "text/plain" });
                res.end(`reshape failed: ${(e as Error).stack}`);
                return;
              }
            }
            res.writeHead(answer.statusCode ?? 500, { ...answer.headers, "content-length": String(Buffer.byteLength(text)) });
            res.end(text);
          });
        },
      );
      forward.on("error", () => res.destroy());
      forward.end(Buffer.concat(chunks));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  proxy.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/client/v4`;
  proxy.close = async () => {
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  };
  return proxy;
}

export interface Direct {
  emulator: Emulator;
  /** Its `reshape`, set before a step, rewrites every answer of the emulator. */
  proxy: ReshapingProxy;
  provider(token: string): ResourceProvider;
  definition(token: string): ResourceDefinition | undefined;
  parents: Parents;
  close(): Promise<void>;
}

const ENV = {
  CLOUDFLARE_API_TOKEN: "shape-token",
  CLOUDFLARE_ACCOUNT_ID: ACCOUNT,
  CLOUDFLARE_MAGIC_PACING: "false",
  CLOUDFLARE_MAGIC_MAX_ATTEMPTS: "1",
};

/**
 * An emulator, a reshaping proxy in front of it, the environment pointing the provider's client
 * (in this process) at the proxy, and the parent objects programs need.
 */
export async function startDirect(): Promise<Direct> {
  const emulator = await startEmulator({ tokens: [ENV.CLOUDFLARE_API_TOKEN] });
  emulator.configure({ pcapTiming: { pendingMs: 0, simpleRunMs: 0, secondMs: 0, conversionMs: 0 }, cni: { healthyAfterMs: 0 } });
  const proxy = await reshapingProxy(emulator.url);
  const saved = Object.fromEntries(Object.keys({ ...ENV, CLOUDFLARE_BASE_URL: "" }).map((k) => [k, process.env[k]]));
  Object.assign(process.env, ENV, { CLOUDFLARE_BASE_URL: proxy.url });
  // As the host's configure does: the settings (pacing off, from the environment) reach the client.
  configureFrom(() => undefined);
  const direct: Direct = {
    emulator,
    proxy,
    provider: (token) => asEngineSees(forToken(token)),
    definition: (token) => definitionOf(token),
    parents: undefined as unknown as Parents,
    close: async () => {
      await proxy.close();
      await emulator.close();
      for (const [k, v] of Object.entries(saved)) {
        if (v === undefined) delete process.env[k];
        else process.env[k] = v;
      }
      configureFrom(() => undefined);
    },
  };
  direct.parents = await makeParents(direct);
  return direct;
}

/**
 * The provider as the engine uses it: the host answers Configure with acceptSecrets=false, so what
 * a provider returns with secrets in the engine's secret form comes back to it in plaintext.
 */
function asEngineSees(p: ResourceProvider): ResourceProvider {
  return {
    check: async (olds, news) => unwrapSecrets(await p.check(olds, news)),
    diff: (id, olds, news) => p.diff(id, olds, news),
    create: async (news) => unwrapSecrets(await p.create(news)),
    read: async (id, props) => unwrapSecrets(await p.read(id, props)),
    update: async (id, olds, news) => unwrapSecrets(await p.update(id, olds, news)),
    delete: (id, props) => p.delete(id, props),
  };
}

/** A Pulumi-like props bag for a provider call: the inputs plus the internal keys the sdk adds. */
export function news(token: string, inputs: Props, name = "shape"): Props {
  return { ...structuredClone(inputs), __token: token, __resourceName: name };
}

async function makeParents(d: Direct): Promise<Parents> {
  const make = async (token: string, inputs: Props) => (await d.provider(token).create(news(token, inputs))).id;
  provisionTunnelsFor(d.emulator.store, ACCOUNT, [ROUTES_V4, ROUTES_V6]);
  const siteId = await make("magic:Site", { name: "shape_parent_site" });
  const lanA = await make("magic:SiteLan", { siteId, physport: 2, name: "lan-a", staticAddressing: { address: "192.168.10.1/24" } });
  const lanB = await make("magic:SiteLan", { siteId, physport: 3, name: "lan-b", staticAddressing: { address: "192.168.20.1/24" } });
  const wanId = await make("magic:SiteWan", { siteId, physport: 1, name: "isp" });
  const appId = await make("magic:App", { name: "shape parent app", type: "Business" });
  const interconnect = await make("cni:Interconnect", { type: "direct", slotId: slotCatalogue(ACCOUNT)[0].id });
  const bucket = "s3://shape-full?region=us-east-1";
  await make("magic:PcapBucketOwnership", { destinationConf: bucket, ownershipChallenge: ownershipChallengeFile(ACCOUNT, bucket) });
  const cfInterconnectId = provisionCfInterconnect(d.emulator.store, ACCOUNT).id;
  return { siteId, lanIds: [lanA, lanB], wanId, appId, interconnect, cfInterconnectId, bucket };
}
