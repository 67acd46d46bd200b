/**
 * Turns an account snapshot into resource declarations: inputs that reproduce each live object
 * (only the fields that differ from the API's defaults), references between objects as
 * variables, secrets as `config.requireSecret(...)`, and the `import` option set to each id.
 */
import type { z } from "zod";
import { schemaLayers, type ResourceDefinition } from "../provider/framework/define";
import { fieldFacts } from "../provider/framework/vocabulary";
import { isPlainObject } from "../shared/values";
import { contains, parseIP, parsePrefix } from "../shared/ip";
import { definition as cni } from "../provider/resources/cni/cni";
import { definition as interconnect } from "../provider/resources/cni/interconnect";
import { definition as app } from "../provider/resources/magic/app";
import { definition as cfInterconnect } from "../provider/resources/magic/cf-interconnect";
import { definition as connector } from "../provider/resources/magic/connector";
import { definition as greTunnel } from "../provider/resources/magic/gre-tunnel";
import { definition as ipsecTunnel } from "../provider/resources/magic/ipsec-tunnel";
import { routeKey } from "../provider/resources/magic/routes/route";
import { definition as site } from "../provider/resources/magic/site";
import { definition as siteAcl } from "../provider/resources/magic/site-acl";
import { definition as siteAppConfig } from "../provider/resources/magic/site-app-config";
import { definition as siteLan } from "../provider/resources/magic/site-lan";
import { definition as siteWan } from "../provider/resources/magic/site-wan";
import { definition as staticRoute } from "../provider/resources/magic/routes/static-route";
import { checkLanPrefixes, checkPortVlanCollisions, checkSiteHa, checkUniqueNames } from "../sdk/components/planning";
import { defaultsOf, fieldAt, same } from "../provider/framework/equivalence";
import type { AccountSnapshot, CollectionKey, Props } from "./read";

/** A TypeScript expression written as is (a variable's id, a config secret). */
export class Expr {
  constructor(readonly code: string) {}
}

export interface Declaration {
  /** Heading of the group the declaration is written under. */
  section: string;
  variable: string;
  /** `magic.GreTunnel`, `magic.cni.Cni`, ... */
  className: string;
  /** The Pulumi resource name. */
  name: string;
  args: Record<string, unknown>;
  /** The `import` option; components carry their children's ids in their arguments instead. */
  importId?: string;
  /** Variables of declarations this one must come after (and be removed before): a route's tunnels. */
  dependsOn?: string[];
  /** How many Cloudflare objects the declaration adopts. */
  objects: number;
}

export interface SecretEntry {
  key: string;
  what: string;
}

export interface Note {
  what: string;
  detail: string;
}

export interface Program {
  declarations: Declaration[];
  secrets: SecretEntry[];
  /** What needs a human, beyond the secrets. */
  notes: Note[];
  /** Sites written as one BranchSite, and those that could not be, with why. */
  components: { used: string[]; plain: Array<{ site: string; reason: string }> };
}

/** Names a program cannot use for its own variables. */
const RESERVED = new Set([
  "pulumi",
  "magic",
  "config",
  "break",
  "case",
  "catch",
  "class",
  "const",
  "continue",
  "debugger",
  "default",
  "delete",
  "do",
  "else",
  "enum",
  "export",
  "extends",
  "false",
  "finally",
  "for",
  "function",
  "if",
  "import",
  "in",
  "instanceof",
  "new",
  "null",
  "return",
  "super",
  "switch",
  "this",
  "throw",
  "true",
  "try",
  "typeof",
  "var",
  "void",
  "while",
  "with",
  "let",
  "static",
  "yield",
  "await",
  "implements",
  "interface",
  "package",
  "private",
  "protected",
  "public",
  "undefined",
]);

/** Stable, unique identifiers and resource names, handed out in the (sorted) order of the objects. */
class Namer {
  private readonly variables = new Set(RESERVED);
  private readonly resources = new Set<string>();

  variable(text: string, kind: string): string {
    let base = camel(text);
    if (!/^[A-Za-z_$]/.test(base) || base === "") base = camel(`${kind} ${text}`);
    // A clash across kinds reads better with the kind ("nycBranchSite"); within a kind, numbered.
    if (this.variables.has(base) && !base.toLowerCase().endsWith(kind.toLowerCase())) base = camel(`${base} ${kind}`);
    return this.take(this.variables, base, (b, n) => `${b}${n}`);
  }

  resource(text: string): string {
    const base = /^[A-Za-z0-9][A-Za-z0-9_.-]*$/.test(text)
      ? text
      : text
          .toLowerCase()
          .replace(/[^a-z0-9]+/g, "-")
          .replace(/^-+|-+$/g, "") || "object";
    return this.take(this.resources, base, (b, n) => `${b}-${n}`);
  }

  private take(used: Set<string>, base: string, numbered: (b: string, n: number) => string): string {
    let name = base;
    for (let n = 2; used.has(name); n++) name = numbered(base, n);
    used.add(name);
    return name;
  }
}

/** "nyc_gre_1" -> nycGre1, "SN-NYC-0001" -> snNyc0001 (a word in capitals reads as one word). */
function camel(text: string): string {
  const words = text
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map((w) => (/^[A-Z0-9]+$/.test(w) ? w.toLowerCase() : w));
  return words.map((w, i) => (i === 0 ? w[0].toLowerCase() + w.slice(1) : w[0].toUpperCase() + w.slice(1))).join("");
}

// ---- inputs from live objects ------------------------------------------------------------------

function shapeOf(schema: z.ZodType): Record<string, z.ZodType> | undefined {
  const s = unwrap(schema) as unknown as { shape?: Record<string, z.ZodType> };
  return isPlainObject(s.shape) ? s.shape : undefined;
}

/** The field's own type, through `.optional()`, `.nullable()` and every other wrapper. */
function unwrap(schema: z.ZodType): z.ZodType {
  const layers = schemaLayers(schema);
  return layers[layers.length - 1];
}

function elementOf(schema: z.ZodType): z.ZodType | undefined {
  const s = unwrap(schema) as unknown as { def?: { type?: string }; element?: z.ZodType };
  return s.def?.type === "array" ? s.element : undefined;
}

/** The parts of a live object (outputs) that are inputs of `schema`: computed fields drop out. */
function project(schema: z.ZodType, value: unknown): unknown {
  const shape = shapeOf(schema);
  if (shape && isPlainObject(value)) {
    const out: Record<string, unknown> = {};
    for (const [k, sub] of Object.entries(shape)) if (value[k] !== undefined && value[k] !== null) out[k] = project(sub, value[k]);
    return out;
  }
  const element = elementOf(schema);
  if (element && Array.isArray(value)) return value.map((v) => project(element, v));
  return value;
}

/**
 * Removes fields whose value is the API's documented default (the definitions' typed `default`
 * metadata, compared as diff compares them: a set in any order), then objects left empty. A field
 * whose default depends on the account (a health check's `direction`) has no typed default, so it
 * is always written.
 */
function withoutDefaults(def: ResourceDefinition, inputs: Record<string, unknown>): Record<string, unknown> {
  const defaults = Object.keys(defaultsOf(def.inputs));
  const walk = (obj: Record<string, unknown>, prefix: string): Record<string, unknown> => {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(obj)) {
      const path = prefix ? `${prefix}.${k}` : k;
      if (defaults.includes(path) && !(v instanceof Expr) && same(fieldAt(def.inputs, path), v, undefined)) continue;
      if (isPlainObject(v) && !(v instanceof Expr) && defaults.some((d) => d.startsWith(`${path}.`))) {
        const inner = walk(v, path);
        if (Object.keys(inner).length > 0) out[k] = inner;
        continue;
      }
      out[k] = v;
    }
    return out;
  };
  return walk(inputs, "");
}

/** The inputs of a definition that reproduce the live object, minus defaults and our local inputs. */
function inputsOf(def: ResourceDefinition, live: Props, drop: string[] = []): Record<string, unknown> {
  const projected = project(def.inputs, live) as Record<string, unknown>;
  const { local, path } = fieldFacts(def);
  for (const k of [...local, ...path, ...drop]) delete projected[k];
  return withoutDefaults(def, projected);
}

// ---- the program -------------------------------------------------------------------------------

export interface ProgramOptions {
  /** Write each site that fits as one BranchSite. */
  components: boolean;
  /**
   * Which objects to adopt (default: all). Objects left out are not declared; those adopted refer
   * to them by id (a WAN of a site adopted elsewhere gets the site's id).
   */
  adopt?: (collection: CollectionKey, id: string) => boolean;
}

/** A live field as text: primitives as String() prints them, an object (never expected) as JSON. */
function text(v: unknown): string {
  return typeof v === "object" && v !== null ? JSON.stringify(v) : String(v);
}

/** Code-unit order: the same on every machine, whatever its locale. */
function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Objects in a stable order: by name, then id. */
function byName(items: Props[], nameOf: (o: Props) => string = (o) => text(o.name ?? "")): Props[] {
  return [...items].sort((a, b) => compareText(nameOf(a), nameOf(b)) || compareText(a.id, b.id));
}

function prefixOrder(a: string, b: string): number {
  const pa = parsePrefix(a);
  const pb = parsePrefix(b);
  if (!pa || !pb) return compareText(a, b);
  return pa.family - pb.family || (pa.address < pb.address ? -1 : pa.address > pb.address ? 1 : 0) || pa.length - pb.length;
}

export function buildProgram(snapshot: AccountSnapshot, options: ProgramOptions): Program {
  const { accountId } = snapshot;
  const adopt = options.adopt;
  const objects = adopt
    ? (Object.fromEntries(
        Object.entries(snapshot.objects).map(([k, list]) => [k, list.filter((o) => adopt(k as CollectionKey, o.id))]),
      ) as AccountSnapshot["objects"])
    : snapshot.objects;
  const names = new Namer();
  const declarations: Declaration[] = [];
  const secrets: SecretEntry[] = [];
  const notes: Note[] = [];
  /** Variable of each declared object, by its Cloudflare id. */
  const variables = new Map<string, string>();
  const ref = (id: unknown): unknown => (typeof id === "string" && variables.has(id) ? new Expr(`${variables.get(id)}.id`) : id);
  const secret = (key: string, what: string): Expr => {
    secrets.push({ key, what });
    return new Expr(`config.requireSecret(${JSON.stringify(key)})`);
  };
  const declare = (d: Omit<Declaration, "objects"> & { objects?: number }, id?: string) => {
    declarations.push({ objects: 1, ...d });
    if (id !== undefined) variables.set(id, d.variable);
  };
  /** The BGP block of a tunnel or CNI, with its MD5 key as a config secret. */
  const withBgpSecret = (args: Record<string, unknown>, variable: string, what: string) => {
    const bgp = args.bgp;
    if (isPlainObject(bgp) && bgp.md5Key !== undefined)
      args.bgp = { ...bgp, md5Key: secret(`${variable}BgpMd5Key`, `BGP MD5 key of ${what}`) };
  };

  // Connectors: a site refers to them.
  for (const c of byName(objects.connectors, (o) => text(o.deviceSerialNumber ?? o.notes ?? ""))) {
    const label = text(c.deviceSerialNumber ?? (c.notes || `connector ${c.id.slice(0, 8)}`));
    const variable = names.variable(label, "connector");
    // The device is chosen when a connector is added; a serial number says which box it is.
    const device =
      c.deviceSerialNumber !== undefined
        ? { serialNumber: c.deviceSerialNumber }
        : c.deviceId !== undefined
          ? { id: c.deviceId }
          : { provisionLicense: true };
    const args = { device, ...inputsOf(connector, c, ["device"]) };
    declare(
      { section: "Magic WAN Connectors", variable, className: "magic.Connector", name: names.resource(label), args, importId: c.id },
      c.id,
    );
    notes.push({
      what: `connector ${label} (${variable})`,
      detail:
        "Cloudflare shows a license key only when it issues one, so `licenseKey` stays empty; set `licenseRotation` to any value to issue a new key (the device must then be given it).",
    });
  }

  for (const t of byName(objects.greTunnels)) {
    const variable = names.variable(String(t.name), "gre");
    const args = inputsOf(greTunnel, t);
    withBgpSecret(args, variable, `GRE tunnel ${String(t.name)}`);
    declare(
      { section: "GRE tunnels", variable, className: "magic.GreTunnel", name: names.resource(String(t.name)), args, importId: t.id },
      t.id,
    );
  }

  for (const t of byName(objects.ipsecTunnels)) {
    const variable = names.variable(String(t.name), "ipsec");
    const args = inputsOf(ipsecTunnel, t, ["psk"]);
    args.psk = secret(`${variable}Psk`, `pre-shared key of IPsec tunnel ${String(t.name)}`);
    withBgpSecret(args, variable, `IPsec tunnel ${String(t.name)}`);
    declare(
      { section: "IPsec tunnels", variable, className: "magic.IpsecTunnel", name: names.resource(String(t.name)), args, importId: t.id },
      t.id,
    );
  }

  for (const ic of byName(objects.cfInterconnects)) {
    const label = text(ic.name ?? ic.coloName ?? ic.id);
    const variable = names.variable(label, "interconnect");
    const args = { interconnectId: ic.id, ...inputsOf(cfInterconnect, ic, ["interconnectId"]) };
    declare(
      {
        section: "Cloudflare interconnects (created by Cloudflare; adopted, never deleted)",
        variable,
        className: "magic.CfInterconnect",
        name: names.resource(label),
        args,
        importId: ic.id,
      },
      ic.id,
    );
  }

  for (const a of byName(objects.apps)) {
    const variable = names.variable(String(a.name), "app");
    declare(
      { section: "Apps", variable, className: "magic.App", name: names.resource(String(a.name)), args: inputsOf(app, a), importId: a.id },
      a.id,
    );
  }

  const components: Program["components"] = { used: [], plain: [] };
  // Every site (adopted or not): a site adopted elsewhere may have children to adopt here.
  for (const s of byName(snapshot.objects.sites)) {
    const children = (list: Props[]) => list.filter((o) => o.siteId === s.id);
    const wans = byName(children(objects.siteWans), (o) => `${text(o.name ?? "")} ${String(o.physport).padStart(4, "0")}`);
    const lans = byName(children(objects.siteLans), (o) => `${text(o.name ?? "")} ${String(o.physport).padStart(4, "0")}`);
    const acls = byName(children(objects.siteAcls));
    const configs = byName(children(objects.siteAppConfigs), (o) => appLabel(o, snapshot.objects.apps));
    const siteName = String(s.name);
    const siteAdopted = objects.sites.includes(s);
    if (!siteAdopted && wans.length + lans.length + acls.length + configs.length === 0) continue;
    if (options.components && siteAdopted) {
      const misfit = branchSiteMisfit(s, wans, lans, acls, configs);
      if (!misfit) {
        components.used.push(siteName);
        declareBranchSite(s, wans, lans, acls, configs, snapshot.objects.apps, names, ref, declare);
        continue;
      }
      components.plain.push({ site: siteName, reason: misfit });
    }
    const section = `Site ${siteName}${siteAdopted ? "" : ` (${s.id}, not adopted here)`}`;
    const siteRes = names.resource(siteName);
    let siteRef: unknown = s.id;
    if (siteAdopted) {
      const siteVar = names.variable(siteName, "site");
      const siteArgs = inputsOf(site, s);
      for (const k of ["connectorId", "secondaryConnectorId"]) if (siteArgs[k] !== undefined) siteArgs[k] = ref(siteArgs[k]);
      declare({ section, variable: siteVar, className: "magic.Site", name: siteRes, args: siteArgs, importId: s.id }, s.id);
      siteRef = new Expr(`${siteVar}.id`);
    }
    for (const w of wans) {
      const label = text(w.name ?? `port${String(w.physport)}${w.vlanTag ? `_vlan${text(w.vlanTag)}` : ""}`);
      const name = names.resource(`${siteRes}-wan-${label}`);
      declare(
        {
          section,
          variable: names.variable(name, "wan"),
          className: "magic.SiteWan",
          name,
          args: reorder({ siteId: siteRef, ...inputsOf(siteWan, w) }, ["siteId", "name"]),
          importId: w.id,
        },
        w.id,
      );
    }
    for (const l of lans) {
      const label = text(l.name ?? `port${String(l.physport)}${l.vlanTag ? `_vlan${text(l.vlanTag)}` : ""}`);
      const name = names.resource(`${siteRes}-lan-${label}`);
      declare(
        {
          section,
          variable: names.variable(name, "lan"),
          className: "magic.SiteLan",
          name,
          args: reorder({ siteId: siteRef, ...inputsOf(siteLan, l) }, ["siteId", "name"]),
          importId: l.id,
        },
        l.id,
      );
    }
    for (const a of acls) {
      const name = names.resource(`${siteRes}-acl-${String(a.name)}`);
      const args: Record<string, unknown> = { siteId: siteRef, ...inputsOf(siteAcl, a) };
      for (const side of ["lan1", "lan2"]) {
        const { lanName: _derived, ...rest } = args[side] as Record<string, unknown>;
        args[side] = { ...rest, lanId: ref(rest.lanId) };
      }
      declare(
        {
          section,
          variable: names.variable(name, "acl"),
          className: "magic.SiteAcl",
          name,
          args: reorder(args, ["siteId", "name"]),
          importId: a.id,
        },
        a.id,
      );
    }
    for (const c of configs) {
      const name = names.resource(`${siteRes}-app-${appLabel(c, snapshot.objects.apps)}`);
      const args: Record<string, unknown> = { siteId: siteRef, ...inputsOf(siteAppConfig, c) };
      if (args.accountAppId !== undefined) args.accountAppId = ref(args.accountAppId);
      if (Array.isArray(args.preferredWans)) args.preferredWans = args.preferredWans.map(ref);
      declare({ section, variable: names.variable(name, "appConfig"), className: "magic.SiteAppConfig", name, args, importId: c.id }, c.id);
    }
  }

  for (const i of byName(objects.interconnects, (o) => o.id)) {
    const variable = names.variable(i.id, "interconnect");
    const args = inputsOf(interconnect, i, ["pairingKey"]);
    if (args.account === accountId) delete args.account;
    if (i.slotId === undefined) {
      // GCP Partner: the API reports the bandwidth as `speed`; the pairing key is never returned.
      delete args.speed;
      args.pairingKey = secret(`${variable}PairingKey`, `GCP pairing key of interconnect ${i.id}`);
    }
    declare(
      { section: "CNI interconnects", variable, className: "magic.cni.Interconnect", name: names.resource(i.id), args, importId: i.id },
      i.id,
    );
  }

  for (const c of byName(objects.cnis, (o) => text((o.magic as Record<string, unknown> | undefined)?.conduitName ?? ""))) {
    const label = text((c.magic as Record<string, unknown> | undefined)?.conduitName ?? `cni ${c.id.slice(0, 8)}`);
    const variable = names.variable(label, "cni");
    const args: Record<string, unknown> = inputsOf(cni, c);
    if (args.account === accountId) delete args.account;
    args.interconnect = ref(args.interconnect);
    withBgpSecret(args, variable, `CNI ${label}`);
    declare({ section: "CNIs", variable, className: "magic.cni.Cni", name: names.resource(label), args, importId: c.id }, c.id);
  }

  // Routes come last: each depends on the tunnel (or interconnect, or CNI) its nexthop lies in,
  // which Cloudflare requires to exist first ("Ensure nexthop IPs match interface address subnets").
  const holders = [
    ...[...objects.greTunnels, ...objects.ipsecTunnels, ...objects.cfInterconnects].map((t) => ({
      id: t.id,
      subnets: [t.interfaceAddress, t.interfaceAddress6],
    })),
    ...objects.cnis.map((c) => ({ id: c.id, subnets: [c.custIp, c.p2pIp] })),
  ];
  const holderOf = (nexthop: unknown): string | undefined => {
    const address = typeof nexthop === "string" ? parseIP(nexthop) : undefined;
    const holder =
      address &&
      holders.find((h) =>
        h.subnets.some((s) => {
          const subnet = typeof s === "string" ? parsePrefix(s) : undefined;
          return subnet !== undefined && contains(subnet, address);
        }),
      );
    return holder ? variables.get(holder.id) : undefined;
  };
  declareRoutes(objects.routes, accountId, names, declare, holderOf);

  return { declarations, secrets, notes, components };
}

/** The label of an app config: its managed app id, or the name of its account app. */
function appLabel(config: Props, apps: Props[]): string {
  if (typeof config.managedAppId === "string") return config.managedAppId;
  const app = apps.find((a) => a.id === config.accountAppId);
  return text(app?.name ?? `app_${String(config.accountAppId).slice(0, 8)}`);
}

function reorder(args: Record<string, unknown>, first: string[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const k of first) if (k in args) out[k] = args[k];
  return Object.assign(out, args);
}

const ROUTE_ORDER = ["prefix", "nexthop", "priority", "weight"];

/**
 * Routes as one RouteTable (one list read, one bulk call per change), as the README recommends
 * for many routes. Routes the table cannot hold (two or more with the same prefix, nexthop and
 * scope, which a table identifies routes by) become StaticRoutes.
 */
function declareRoutes(
  routes: Props[],
  accountId: string,
  names: Namer,
  declare: (d: Omit<Declaration, "objects"> & { objects?: number }, id?: string) => void,
  holderOf: (nexthop: unknown) => string | undefined,
): void {
  if (routes.length === 0) return;
  const sorted = [...routes].sort(
    (a, b) =>
      prefixOrder(String(a.prefix), String(b.prefix)) ||
      compareText(String(a.nexthop), String(b.nexthop)) ||
      Number(a.priority) - Number(b.priority) ||
      compareText(a.id, b.id),
  );
  const entries = sorted.map((r) => reorder(project(staticRoute.inputs, r) as Record<string, unknown>, ROUTE_ORDER));
  const keys = entries.map((e) => routeKey(e as Parameters<typeof routeKey>[0]));
  const shared = new Set(keys.filter((k, i) => keys.indexOf(k) !== i));
  const table: Record<string, unknown>[] = [];
  const single: Props[] = [];
  // A table adopts every live route with one of its keys: routes sharing a key stay out of it.
  sorted.forEach((r, i) => (shared.has(keys[i]) ? single.push(r) : table.push(entries[i])));
  const dependencies = (nexthops: unknown[]) => {
    const vars = [...new Set(nexthops.map(holderOf).filter((v): v is string => v !== undefined))].sort(compareText);
    return vars.length ? { dependsOn: vars } : {};
  };
  const name = names.resource("routes");
  declare({
    section: "Static routes",
    variable: names.variable("routes", "route"),
    className: "magic.RouteTable",
    name,
    args: { routes: table },
    importId: `routetable-${accountId.slice(0, 8)}-adopted`,
    objects: table.length,
    ...dependencies(table.map((e) => e.nexthop)),
  });
  for (const r of single) {
    const label = `route ${String(r.prefix)} via ${String(r.nexthop)} priority ${String(r.priority)}`;
    const res = names.resource(label);
    declare(
      {
        section: "Static routes",
        variable: names.variable(res, "route"),
        className: "magic.StaticRoute",
        name: res,
        args: reorder(project(staticRoute.inputs, r) as Record<string, unknown>, ROUTE_ORDER),
        importId: r.id,
        ...dependencies([r.nexthop]),
      },
      r.id,
    );
  }
}

// ---- BranchSite --------------------------------------------------------------------------------

const URN_SAFE = /^[A-Za-z0-9][A-Za-z0-9_.-]*$/;

/** Why a site cannot be written as a BranchSite, or undefined when it can. */
function branchSiteMisfit(s: Props, wans: Props[], lans: Props[], acls: Props[], configs: Props[]): string | undefined {
  const unnamed = [
    ...wans.map((w) => ["WAN", w] as const),
    ...lans.map((l) => ["LAN", l] as const),
    ...acls.map((a) => ["ACL", a] as const),
  ].find(([, o]) => typeof o.name !== "string" || !URN_SAFE.test(o.name));
  if (unnamed) return `${unnamed[0]} ${unnamed[1].id} has no name a BranchSite can key it by (letters, digits, "_", "-", ".")`;
  if (typeof s.name !== "string" || !URN_SAFE.test(s.name)) return `the site's name ${JSON.stringify(s.name)} cannot name a component`;
  const lanIds = new Set(lans.map((l) => l.id));
  const wanIds = new Set(wans.map((w) => w.id));
  for (const a of acls) {
    for (const side of ["lan1", "lan2"]) {
      const lanId = (a[side] as Record<string, unknown> | undefined)?.lanId;
      if (!lanIds.has(String(lanId))) return `ACL ${String(a.name)} refers to LAN ${String(lanId)}, which is not a LAN of this site`;
    }
  }
  for (const c of configs) {
    const wanIdsOf: unknown[] = Array.isArray(c.preferredWans) ? c.preferredWans : [];
    const stray = wanIdsOf.find((id) => !wanIds.has(String(id)));
    if (stray !== undefined) return `app config ${c.id} prefers WAN ${text(stray)}, which is not a WAN of this site`;
  }
  try {
    checkUniqueNames(
      "WAN",
      wans.map((w) => String(w.name)),
    );
    checkUniqueNames(
      "LAN",
      lans.map((l) => String(l.name)),
    );
    checkUniqueNames(
      "ACL",
      acls.map((a) => String(a.name)),
    );
    const sa = (o: Props) => o.staticAddressing as Record<string, unknown> | undefined;
    checkSiteHa(
      s.haMode === true,
      wans.map((w) => ({ name: String(w.name), staticAddressing: sa(w) && { secondaryAddress: sa(w)!.secondaryAddress } })),
      lans.map((l) => ({
        name: String(l.name),
        haLink: l.haLink === true,
        staticAddressing: sa(l) && { secondaryAddress: sa(l)!.secondaryAddress, virtualAddress: sa(l)!.virtualAddress },
      })),
    );
    checkLanPrefixes(
      lans.map((l) => ({
        name: String(l.name),
        address: typeof sa(l)?.address === "string" ? String(sa(l)!.address) : undefined,
        routedSubnets: Array.isArray(l.routedSubnets) ? l.routedSubnets.map((r) => String((r as Record<string, unknown>).prefix)) : [],
      })),
    );
    checkPortVlanCollisions(
      [...wans.map((w) => ({ ...w, kind: "WAN" })), ...lans.map((l) => ({ ...l, kind: "LAN" }))].flatMap((e: Record<string, unknown>) =>
        typeof e.physport === "number"
          ? [
              {
                kind: String(e.kind),
                name: String(e.name),
                physport: e.physport,
                vlanTag: e.vlanTag === 0 ? undefined : (e.vlanTag as number | undefined),
              },
            ]
          : [],
      ),
    );
  } catch (e) {
    return (e as Error).message;
  }
  return undefined;
}

function declareBranchSite(
  s: Props,
  wans: Props[],
  lans: Props[],
  acls: Props[],
  configs: Props[],
  apps: Props[],
  names: Namer,
  ref: (id: unknown) => unknown,
  declare: (d: Omit<Declaration, "objects"> & { objects?: number }, id?: string) => void,
): void {
  const siteName = String(s.name);
  const name = names.resource(siteName);
  const variable = names.variable(siteName, "site");
  const siteArgs = inputsOf(site, s);
  for (const k of ["connectorId", "secondaryConnectorId"]) if (siteArgs[k] !== undefined) siteArgs[k] = ref(siteArgs[k]);
  const lanName = new Map(lans.map((l) => [l.id, String(l.name)]));
  const wanName = new Map(wans.map((w) => [w.id, String(w.name)]));
  const labels = new Namer();
  const configLabels = configs.map((c) => labels.resource(appLabel(c, apps)));
  const args: Record<string, unknown> = { ...siteArgs };
  if (wans.length) args.wans = wans.map((w) => reorder(inputsOf(siteWan, w), ["name"]));
  if (lans.length) args.lans = lans.map((l) => reorder(inputsOf(siteLan, l), ["name"]));
  if (acls.length) {
    args.acls = acls.map((a) => {
      const acl = inputsOf(siteAcl, a);
      for (const side of ["lan1", "lan2"]) {
        const { lanId, lanName: _derived, ...rest } = acl[side] as Record<string, unknown>;
        acl[side] = { lan: lanName.get(String(lanId)), ...rest };
      }
      return reorder(acl, ["name"]);
    });
  }
  if (configs.length) {
    args.appConfigs = configs.map((c, i) => {
      const config: Record<string, unknown> = { name: configLabels[i], ...inputsOf(siteAppConfig, c) };
      if (config.accountAppId !== undefined) config.accountAppId = ref(config.accountAppId);
      if (Array.isArray(config.preferredWans)) config.preferredWans = config.preferredWans.map((id) => wanName.get(String(id)));
      return config;
    });
  }
  const byEntry = (list: Props[], label: (o: Props, i: number) => string) =>
    list.length ? Object.fromEntries(list.map((o, i) => [label(o, i), o.id])) : undefined;
  args.importIds = clean({
    site: s.id,
    wans: byEntry(wans, (w) => String(w.name)),
    lans: byEntry(lans, (l) => String(l.name)),
    acls: byEntry(acls, (a) => String(a.name)),
    appConfigs: byEntry(configs, (_c, i) => configLabels[i]),
  });
  const objects = 1 + wans.length + lans.length + acls.length + configs.length;
  declare(
    { section: `Site ${siteName}`, variable, className: "magic.BranchSite", name, args: reorder(args, ["name"]), objects },
    undefined,
  );
}

function clean(o: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined));
}
