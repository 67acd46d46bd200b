/**
 * Network Interconnects (Cloudflare API "Network Interconnects"): slots, interconnects (+ status and LOA),
 * CNIs and the account's CNI settings, under `/accounts/:account_id/cni/...`.
 *
 * Unlike the Magic endpoints these answer with bare objects (no v4 envelope) and list with
 * `cursor` (an offset) and `limit` (default 20, at most 50) as `{items, next}`, `next` absent on
 * the last page. Their errors are bare too: `{errors: [{code, message, source?: {pointer}}]}`
 * with the codes of envelope.ts. The spec offers no `validate_only` here; it is ignored.
 *
 * Slots are a fixed catalogue computed from the account id (never stored, so an account with no
 * interconnects is an empty store); a slot is occupied while a physical interconnect uses it.
 * Interconnects are stored with `id` = their name (the API's identifier) plus two fields the API
 * never shows: `status` (as the status endpoint answers it; a Pending one turns Healthy at
 * `healthy_at`) and, for GCP Partner ones, `pairing_key`. CNIs keep an unshown `tunnel_id`, the
 * Magic conduit the `tunnel_id` list filter matches.
 */
import { createHash } from "node:crypto";
import { ApiError, type CfError, Codes, type Reply, bare, badRequest, cfError, notFound } from "../envelope";
import type { Handler, RequestContext, Router } from "../router";
import { type Store, type StoredObject, newId } from "../store";
import type { InterconnectStatus } from "../switches";
import {
  type JsonObject,
  type Rules,
  arrayOf,
  assertValid,
  cidr,
  integer,
  invalid,
  isPlainObject,
  md5Key,
  notAllowed,
  oneOf,
  parseCidr,
  requireObjectBody,
  string,
  validateFields,
} from "../validate";

const BASE = "/accounts/:account_id/cni";
const INTERCONNECTS = "cni_interconnects";
const CNIS = "cni_cnis";
const SETTINGS = "cni_settings";
const SETTINGS_ID = "settings";

/** Page size when the request gives no `limit`, and the largest page served. */
const DEFAULT_PAGE_SIZE = 20;
export const MAX_PAGE_SIZE = 50;
/** Slots in every account's catalogue: 6 facilities x 20 ports (more than two full pages). */
export const SLOTS_PER_FACILITY = 20;
/** `default_asn` of an account whose settings were never changed. */
export const DEFAULT_ASN = 13335;

/** "Bandwidth structure as visible through the customer-facing API." */
export const BANDWIDTHS = ["50M", "100M", "200M", "300M", "400M", "500M", "1G", "2G", "5G", "10G", "20G", "50G"] as const;

export interface StoredInterconnect extends StoredObject {
  account: string;
  name: string;
  type: string;
  owner?: string;
  // Physical
  facility?: { address: string[]; name: string };
  site?: string;
  slot_id?: string;
  // GCP Partner
  region?: string;
  pairing_key?: string;
  speed?: string;
  /** "correlates this interconnect with the corresponding V2 CNI interconnect resource" (required in the SDK's answers). */
  virtual_port_reservation_id?: string;
  // Not shown by the interconnect endpoints
  status: InterconnectStatus;
  healthy_at?: string;
}

export interface StoredCni extends StoredObject {
  account: string;
  interconnect: string;
  cust_ip: string;
  p2p_ip: string;
  magic: { conduit_name: string; description: string; mtu: number };
  bgp?: { customer_asn: number; extra_prefixes: string[]; md5_key?: string };
  /** Only the SDK knows it (the reference does not); only PUT takes it (not in the SDK's create params). */
  bgp_mode?: (typeof BGP_MODES)[number];
  tunnel_id: string;
}

/** `bgp_mode` of a CNI, as the official SDK declares it. */
const BGP_MODES = ["dynamic_route_exchange", "advertise_only"] as const;

const HIDDEN_INTERCONNECT_FIELDS = ["id", "status", "healthy_at", "pairing_key"];

/** Puts an existing interconnect into a status (e.g. `{state: "Down", reason: "..."}`); false if there is none. */
export function setInterconnectStatus(store: Store, accountId: string, name: string, status: InterconnectStatus): boolean {
  return store.patch<StoredInterconnect>(accountId, INTERCONNECTS, name, { status, healthy_at: undefined }) !== undefined;
}

// ---- Bare answers -----------------------------------------------------------------------------

/** Runs a handler, answering its ApiErrors with a bare `{errors}` body instead of the v4 envelope. */
function bareErrors(handler: Handler): Handler {
  return async (ctx) => {
    try {
      return await handler(ctx);
    } catch (e) {
      if (e instanceof ApiError) return bare({ errors: e.errors }, e.status);
      throw e;
    }
  };
}

/** One `{items, next}` page: `cursor` is the offset of the first item, `next` absent on the last page. */
function page(ctx: RequestContext, all: unknown[]): Reply {
  const cursor = queryInteger(ctx, "cursor", 0) ?? 0;
  const limit = Math.min(queryInteger(ctx, "limit", 1) ?? DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE);
  const items = all.slice(cursor, cursor + limit);
  const next = cursor + limit < all.length ? cursor + limit : undefined;
  return bare(next === undefined ? { items } : { items, next });
}

function queryInteger(ctx: RequestContext, name: string, min: number): number | undefined {
  const raw = ctx.query.get(name);
  if (raw === null || raw === "") return undefined;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < min) throw badRequest([cfError(Codes.INVALID_VALUE, `${name} must be an integer of at least ${min}`)]);
  return n;
}

function queryBoolean(ctx: RequestContext, name: string): boolean | undefined {
  const raw = ctx.query.get(name);
  if (raw === null || raw === "") return undefined;
  if (raw !== "true" && raw !== "false") throw badRequest([cfError(Codes.INVALID_VALUE, `${name} must be true or false`)]);
  return raw === "true";
}

/** `account` in a body is the customer account tag: the one in the path. */
function sameAccount(ctx: RequestContext): Rules[string] {
  const account = ctx.params.account_id;
  return {
    required: true,
    checks: [string, (v, p) => (v === account ? undefined : invalid(p, `must be the account in the request path (${account})`))],
  };
}

// ---- Slots ------------------------------------------------------------------------------------

interface Slot {
  id: string;
  facility: { address: string[]; name: string };
  site: string;
  speed: string;
}

const FACILITIES: Array<{ site: string; name: string; address: string[] }> = [
  { site: "ord01", name: "Equinix CH1", address: ["350 E Cermak Rd", "Chicago, IL 60616", "United States"] },
  { site: "iad01", name: "Equinix DC2", address: ["21715 Filigree Ct", "Ashburn, VA 20147", "United States"] },
  { site: "lhr01", name: "Equinix LD8", address: ["6/7 Harbour Exchange Square", "London E14 9GE", "United Kingdom"] },
  { site: "fra01", name: "Equinix FR5", address: ["Kleyerstrasse 90", "60326 Frankfurt am Main", "Germany"] },
  { site: "sin01", name: "Equinix SG1", address: ["20 Ayer Rajah Crescent", "Singapore 139964", "Singapore"] },
  { site: "sjc01", name: "Equinix SV1", address: ["11 Great Oaks Blvd", "San Jose, CA 95119", "United States"] },
];

/** A UUID (version 4 layout) derived from the account and the slot's place in the catalogue. */
function slotId(accountId: string, index: number): string {
  const h = createHash("sha256").update(`cni-slot:${accountId}:${index}`).digest("hex");
  const variant = ((parseInt(h[16], 16) & 0x3) | 0x8).toString(16);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-${variant}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

/** The account's slot catalogue, always the same for the same account: every fourth port is 100G. */
export function slotCatalogue(accountId: string): Slot[] {
  return FACILITIES.flatMap((f, fi) =>
    Array.from({ length: SLOTS_PER_FACILITY }, (_, port) => ({
      id: slotId(accountId, fi * SLOTS_PER_FACILITY + port),
      facility: { address: [...f.address], name: f.name },
      site: f.site,
      speed: port % 4 === 3 ? "100G" : "10G",
    })),
  );
}

function renderSlot(slot: Slot, accountId: string, occupiedBy: Set<string>): JsonObject {
  const occupied = occupiedBy.has(slot.id);
  return {
    id: slot.id,
    facility: slot.facility,
    occupied,
    site: slot.site,
    speed: slot.speed,
    ...(occupied ? { account: accountId } : {}),
  };
}

function occupiedSlots(store: Store, accountId: string): Set<string> {
  return new Set(store.list<StoredInterconnect>(accountId, INTERCONNECTS).flatMap((i) => (i.slot_id ? [i.slot_id] : [])));
}

function listSlots(ctx: RequestContext): Reply {
  const account = ctx.params.account_id;
  const occupied = occupiedSlots(ctx.store, account);
  const text = ctx.query.get("address_contains")?.toLowerCase();
  const wantOccupied = queryBoolean(ctx, "occupied");
  const site = ctx.query.get("site");
  const speed = ctx.query.get("speed");
  const slots = slotCatalogue(account).filter(
    (s) =>
      (!text || s.facility.address.some((line) => line.toLowerCase().includes(text))) &&
      (wantOccupied === undefined || occupied.has(s.id) === wantOccupied) &&
      (!site || s.site === site) &&
      (!speed || s.speed === speed),
  );
  return page(
    ctx,
    slots.map((s) => renderSlot(s, account, occupied)),
  );
}

function getSlot(ctx: RequestContext): Reply {
  const account = ctx.params.account_id;
  const slot = slotCatalogue(account).find((s) => s.id === ctx.params.slot);
  if (!slot) throw notFound("Slot");
  return bare(renderSlot(slot, account, occupiedSlots(ctx.store, account)));
}

// ---- Interconnects ----------------------------------------------------------------------------

/** The status as of now: a Pending interconnect past its `healthy_at` is Healthy. Raw inserts are Healthy. */
function currentStatus(icon: StoredInterconnect, now: string): InterconnectStatus {
  const status = icon.status ?? { state: "Healthy" };
  if (status.state === "Pending" && icon.healthy_at && Date.parse(now) >= Date.parse(icon.healthy_at)) return { state: "Healthy" };
  return status;
}

/** A 32-hex id derived from the interconnect, for objects stored without one (raw inserts). */
function reservationIdOf(icon: StoredInterconnect): string {
  return icon.virtual_port_reservation_id ?? createHash("sha256").update(`vpr:${icon.account}:${icon.name}`).digest("hex").slice(0, 32);
}

function renderInterconnect(icon: StoredInterconnect): JsonObject {
  const shown = Object.fromEntries(Object.entries(icon).filter(([k, v]) => v !== undefined && !HIDDEN_INTERCONNECT_FIELDS.includes(k)));
  return { ...shown, virtual_port_reservation_id: reservationIdOf(icon) };
}

function findInterconnect(ctx: RequestContext): StoredInterconnect {
  const icon = ctx.store.get<StoredInterconnect>(ctx.params.account_id, INTERCONNECTS, ctx.params.icon);
  if (!icon) throw notFound("Interconnect");
  return icon;
}

/** A GCP pairing key reads `<uuid>/<region>/<1|2>`; the region is where the interconnect lands. */
const PAIRING_KEY = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\/([a-z]+-[a-z]+[0-9]+)\/[12]$/i;

function interconnectRules(ctx: RequestContext, body: JsonObject): { kind: "physical" | "gcp"; rules: Rules } {
  const common: Rules = { account: sameAccount(ctx), type: { required: true, checks: [string, nonEmpty] } };
  const physical = body.slot_id !== undefined && body.slot_id !== null;
  if (physical) {
    const onlyGcp = notAllowed("it belongs to GCP Partner interconnects, and this one has a slot_id (physical)");
    return {
      kind: "physical",
      rules: {
        ...common,
        slot_id: { required: true, checks: [string] },
        speed: { checks: [string] },
        bandwidth: { checks: [onlyGcp] },
        pairing_key: { checks: [onlyGcp] },
      },
    };
  }
  return {
    kind: "gcp",
    rules: {
      ...common,
      bandwidth: { required: true, checks: [oneOf(...BANDWIDTHS)] },
      pairing_key: {
        required: true,
        checks: [
          string,
          (v, p) =>
            PAIRING_KEY.test(v as string)
              ? undefined
              : invalid(p, "must be a GCP pairing key such as 7e51371e-72a3-40b5-b844-2e3efefaee59/us-central1/2"),
        ],
      },
    },
  };
}

const nonEmpty = (v: unknown, p: string): CfError | undefined => (v === "" ? invalid(p, "must not be empty") : undefined);

function interconnectName(): string {
  return `icon-${newId().slice(0, 12)}`;
}

function createInterconnect(ctx: RequestContext): Reply {
  const account = ctx.params.account_id;
  const body = requireObjectBody(ctx.body);
  if (
    (body.slot_id ?? undefined) === undefined &&
    (body.bandwidth ?? undefined) === undefined &&
    (body.pairing_key ?? undefined) === undefined
  ) {
    throw badRequest([
      cfError(
        Codes.MISSING_FIELD,
        "slot_id (a physical interconnect) or bandwidth and pairing_key (a GCP Partner interconnect) is required",
        "/slot_id",
      ),
    ]);
  }
  const { kind, rules } = interconnectRules(ctx, body);
  assertValid(validateFields(body, rules));
  const existing = ctx.store.list<StoredInterconnect>(account, INTERCONNECTS);
  const b = ctx.switches.cni;
  const status: InterconnectStatus = b.initialStatus ? { ...b.initialStatus } : { state: "Pending" };
  const healthyAt = status.state === "Pending" ? new Date(Date.parse(ctx.now) + b.healthyAfterMs).toISOString() : undefined;
  const name = interconnectName();
  let icon: StoredInterconnect;
  if (kind === "physical") {
    const slot = slotCatalogue(account).find((s) => s.id === body.slot_id);
    if (!slot)
      throw badRequest([
        invalid("/slot_id", `names no slot of this account (${String(body.slot_id)}); list them with GET /accounts/${account}/cni/slots`),
      ]);
    const holder = existing.find((i) => i.slot_id === slot.id);
    if (holder)
      throw badRequest([cfError(Codes.DUPLICATE, `Slot ${slot.id} is already occupied by interconnect ${holder.name}`, "/slot_id")]);
    if (body.speed !== undefined && body.speed !== null && body.speed !== slot.speed) {
      throw badRequest([invalid("/speed", `must be a speed the slot supports (${slot.speed})`)]);
    }
    icon = {
      id: name,
      account,
      facility: slot.facility,
      name,
      site: slot.site,
      slot_id: slot.id,
      speed: slot.speed,
      type: body.type as string,
      virtual_port_reservation_id: newId(),
      status,
      healthy_at: healthyAt,
    };
  } else {
    const key = body.pairing_key as string;
    if (existing.some((i) => i.pairing_key === key)) {
      throw badRequest([
        cfError(
          Codes.DUPLICATE,
          "This pairing key is already used by another interconnect; create a new VLAN attachment in GCP for a new key",
          "/pairing_key",
        ),
      ]);
    }
    icon = {
      id: name,
      account,
      name,
      region: PAIRING_KEY.exec(key)![1].toLowerCase(),
      type: body.type as string,
      speed: body.bandwidth as string,
      virtual_port_reservation_id: newId(),
      pairing_key: key,
      status,
      healthy_at: healthyAt,
    };
  }
  ctx.store.insert(account, INTERCONNECTS, icon);
  return bare(renderInterconnect(icon));
}

function listInterconnects(ctx: RequestContext): Reply {
  const site = ctx.query.get("site");
  const type = ctx.query.get("type");
  const all = ctx.store
    .list<StoredInterconnect>(ctx.params.account_id, INTERCONNECTS)
    .filter((i) => (!site || i.site === site) && (!type || i.type === type));
  return page(ctx, all.map(renderInterconnect));
}

function getInterconnect(ctx: RequestContext): Reply {
  return bare(renderInterconnect(findInterconnect(ctx)));
}

function deleteInterconnect(ctx: RequestContext): Reply {
  const account = ctx.params.account_id;
  const icon = findInterconnect(ctx);
  const hosted = ctx.store.list<StoredCni>(account, CNIS).filter((c) => c.interconnect === icon.name);
  if (hosted.length > 0) {
    throw new ApiError(409, [
      cfError(
        Codes.INVALID_VALUE,
        `Interconnect ${icon.name} still hosts ${hosted.length} CNI(s) (${hosted.map((c) => c.id).join(", ")}); delete them first`,
      ),
    ]);
  }
  ctx.store.remove(account, INTERCONNECTS, icon.id);
  return { status: 200, body: {} };
}

function interconnectStatus(ctx: RequestContext): Reply {
  return bare(currentStatus(findInterconnect(ctx), ctx.now));
}

/**
 * A one-page PDF 1.4 (Helvetica text lines) with a correct cross-reference table, so PDF readers
 * and `file` recognise it.
 */
function letterOfAuthorization(lines: string[]): Buffer {
  const escape = (s: string) => s.replace(/[\\()]/g, (c) => `\\${c}`);
  const text = lines.map((l, i) => `BT /F1 ${i === 0 ? 16 : 11} Tf 72 ${720 - i * 22} Td (${escape(l)}) Tj ET`).join("\n");
  const objects = [
    "<< /Type /Catalog /Pages 2 0 R >>",
    "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
    "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>",
    `<< /Length ${Buffer.byteLength(text, "latin1")} >>\nstream\n${text}\nendstream`,
    "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
  ];
  let out = "%PDF-1.4\n";
  const offsets: number[] = [];
  objects.forEach((body, i) => {
    offsets.push(Buffer.byteLength(out, "latin1"));
    out += `${i + 1} 0 obj\n${body}\nendobj\n`;
  });
  const xref = Buffer.byteLength(out, "latin1");
  out += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  out += offsets.map((o) => `${String(o).padStart(10, "0")} 00000 n \n`).join("");
  out += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(out, "latin1");
}

function interconnectLoa(ctx: RequestContext): Reply {
  const icon = findInterconnect(ctx);
  if (!icon.slot_id || !icon.facility) {
    throw badRequest([
      cfError(
        Codes.INVALID_VALUE,
        `Interconnect ${icon.name} is a GCP Partner interconnect; only physical interconnects have a Letter of Authorization`,
      ),
    ]);
  }
  // `name` (official SDK, not the reference): "Custom name to use in the LOA instead of the account name (200 Character limit)".
  const custom = ctx.query.get("name");
  if (custom !== null && (custom === "" || custom.length > 200))
    throw badRequest([invalid("/name", "must be a non-empty name of at most 200 characters")]);
  const pdf = letterOfAuthorization([
    "Letter of Authorization / Connecting Facility Assignment",
    `Interconnect: ${icon.name}`,
    custom !== null ? `Customer: ${custom}` : `Customer account: ${icon.account}`,
    `Facility: ${icon.facility.name}, ${icon.facility.address.join(", ")}`,
    `Site: ${icon.site}  Slot: ${icon.slot_id}  Speed: ${icon.speed}`,
    `Issued: ${ctx.now}`,
  ]);
  return {
    status: 200,
    body: pdf,
    headers: { "content-type": "application/pdf", "content-disposition": `attachment; filename="${icon.name}-loa.pdf"` },
  };
}

// ---- CNIs -------------------------------------------------------------------------------------

/**
 * Body rules. Create: `{account, interconnect, magic, bgp?}`. PUT takes the whole object, as the
 * reference and the SDK (`CNIUpdateParams`) require: `id` (the one in the path), `account`,
 * `cust_ip`, `p2p_ip`, `interconnect` (unchanged), `magic`, and optionally `bgp` and `bgp_mode`.
 * A partial PUT is a 400 naming each missing field. `bgp.extra_prefixes` is required whenever
 * `bgp` is sent (both sources list it without `optional`).
 */
function cniRules(ctx: RequestContext, existing?: StoredCni): Rules {
  const p2p = { required: true, checks: [string, slash31] };
  return {
    ...(existing
      ? {
          id: {
            required: true,
            checks: [
              string,
              (v: unknown, p: string) =>
                v === existing.id ? undefined : invalid(p, `must be the id of the CNI in the request path (${existing.id})`),
            ],
          },
        }
      : {}),
    account: sameAccount(ctx),
    interconnect: {
      required: true,
      checks: [
        string,
        existing
          ? (v, p) =>
              v === existing.interconnect
                ? undefined
                : cfError(
                    Codes.FIELD_NOT_ALLOWED,
                    `${p.slice(1)} cannot be changed (the CNI is on ${existing.interconnect}); create a new CNI instead`,
                    p,
                  )
          : nonEmpty,
      ],
    },
    magic: {
      required: true,
      fields: {
        conduit_name: { required: true, checks: [string, nonEmpty] },
        description: { required: true, checks: [string] },
        mtu: { required: true, checks: [integer({ min: 576 })] },
      },
    },
    bgp: {
      fields: {
        customer_asn: { required: true, checks: [integer({ min: 1, max: 4294967295 })] },
        extra_prefixes: { required: true, checks: [arrayOf(cidr)] },
        md5_key: { checks: [md5Key] },
      },
    },
    ...(existing ? { cust_ip: p2p, p2p_ip: p2p, bgp_mode: { checks: [oneOf(...BGP_MODES)] } } : {}),
  };
}

const slash31 = (v: unknown, p: string): CfError | undefined => {
  const c = parseCidr(v as string);
  return c && c.version === 4 && c.prefix === 31
    ? undefined
    : invalid(p, "must be an IPv4 address with a /31 prefix length, e.g. 100.64.0.0/31");
};

/** The lowest free /31 of 100.64.0.0/16: the Cloudflare end is the even address, the customer end the odd one. */
function allocateLink(cnis: StoredCni[]): { p2p_ip: string; cust_ip: string } {
  const used = new Set(cnis.map((c) => c.p2p_ip.split("/")[0]));
  for (let pair = 0; pair < 32768; pair++) {
    const hi = (pair * 2) >> 8;
    const lo = (pair * 2) & 255;
    const p2p = `100.64.${hi}.${lo}`;
    if (!used.has(p2p)) return { p2p_ip: `${p2p}/31`, cust_ip: `100.64.${hi}.${lo + 1}/31` };
  }
  throw new ApiError(500, [cfError(Codes.INTERNAL, "Emulator bug: no free point-to-point link left")]);
}

function buildBgp(v: unknown): StoredCni["bgp"] {
  if (!isPlainObject(v)) return undefined;
  return {
    customer_asn: v.customer_asn as number,
    extra_prefixes: Array.isArray(v.extra_prefixes) ? (v.extra_prefixes as string[]) : [],
    ...(typeof v.md5_key === "string" ? { md5_key: v.md5_key } : {}),
  };
}

function buildMagic(v: JsonObject): StoredCni["magic"] {
  return { conduit_name: v.conduit_name as string, description: v.description as string, mtu: v.mtu as number };
}

function renderCni(cni: StoredCni): JsonObject {
  const { tunnel_id: _hidden, ...shown } = cni;
  // Answers always carry `bgp.extra_prefixes` (required in the SDK's answer types), even for objects stored without it.
  if (shown.bgp) shown.bgp = { ...shown.bgp, extra_prefixes: shown.bgp.extra_prefixes ?? [] };
  return Object.fromEntries(Object.entries(shown).filter(([, v]) => v !== undefined));
}

/** A conduit name is unique on its interconnect (it names the Magic conduit that carries the CNI). */
function conduitConflict(all: StoredCni[], cni: StoredCni): CfError[] {
  const other = all.find((c) => c.id !== cni.id && c.interconnect === cni.interconnect && c.magic.conduit_name === cni.magic.conduit_name);
  return other
    ? [
        cfError(
          Codes.DUPLICATE,
          `Interconnect ${cni.interconnect} already has a CNI with conduit name "${cni.magic.conduit_name}" (${other.id})`,
          "/magic/conduit_name",
        ),
      ]
    : [];
}

function findCni(ctx: RequestContext): StoredCni {
  const cni = ctx.store.get<StoredCni>(ctx.params.account_id, CNIS, ctx.params.cni);
  if (!cni) throw notFound("CNI");
  return cni;
}

function createCni(ctx: RequestContext): Reply {
  const account = ctx.params.account_id;
  const body = requireObjectBody(ctx.body);
  assertValid(validateFields(body, cniRules(ctx)));
  if (!ctx.store.get(account, INTERCONNECTS, body.interconnect as string)) {
    throw badRequest([invalid("/interconnect", `names no interconnect of this account (${String(body.interconnect)})`)]);
  }
  const all = ctx.store.list<StoredCni>(account, CNIS);
  const cni: StoredCni = {
    id: newId(),
    account,
    interconnect: body.interconnect as string,
    ...allocateLink(all),
    magic: buildMagic(body.magic as JsonObject),
    bgp: buildBgp(body.bgp),
    tunnel_id: newId(),
  };
  assertValid(conduitConflict(all, cni));
  ctx.store.insert(account, CNIS, cni);
  return bare(renderCni(cni));
}

/** PUT takes the whole object: `magic`, `bgp` and `bgp_mode` are replaced (no `bgp` = no BGP). */
function updateCni(ctx: RequestContext): Reply {
  const account = ctx.params.account_id;
  const existing = findCni(ctx);
  const body = requireObjectBody(ctx.body);
  assertValid(validateFields(body, cniRules(ctx, existing)));
  const custIp = body.cust_ip as string;
  const p2pIp = body.p2p_ip as string;
  const [cust, p2p] = [parseCidr(custIp), parseCidr(p2pIp)];
  if (!cust || !p2p || cust.address >> 1n !== p2p.address >> 1n || cust.address === p2p.address) {
    throw badRequest([invalid("/cust_ip", `must be the other address of the /31 of p2p_ip (${p2pIp})`)]);
  }
  const cni: StoredCni = {
    ...existing,
    cust_ip: custIp,
    p2p_ip: p2pIp,
    magic: buildMagic(body.magic as JsonObject),
    bgp: buildBgp(body.bgp),
    bgp_mode: body.bgp_mode as StoredCni["bgp_mode"],
  };
  assertValid(conduitConflict(ctx.store.list<StoredCni>(account, CNIS), cni));
  ctx.store.insert(account, CNIS, cni);
  return bare(renderCni(cni));
}

function listCnis(ctx: RequestContext): Reply {
  const account = ctx.params.account_id;
  const slot = ctx.query.get("slot");
  const tunnel = ctx.query.get("tunnel_id");
  const onSlot = slot
    ? new Set(
        ctx.store
          .list<StoredInterconnect>(account, INTERCONNECTS)
          .filter((i) => i.slot_id === slot)
          .map((i) => i.name),
      )
    : undefined;
  const all = ctx.store
    .list<StoredCni>(account, CNIS)
    .filter((c) => (!onSlot || onSlot.has(c.interconnect)) && (!tunnel || c.tunnel_id === tunnel));
  return page(ctx, all.map(renderCni));
}

function getCni(ctx: RequestContext): Reply {
  return bare(renderCni(findCni(ctx)));
}

function deleteCni(ctx: RequestContext): Reply {
  const cni = findCni(ctx);
  ctx.store.remove(ctx.params.account_id, CNIS, cni.id);
  return { status: 200, body: {} };
}

// ---- Settings ---------------------------------------------------------------------------------

function currentSettings(ctx: RequestContext): { default_asn: number } {
  const stored = ctx.store.get<StoredObject & { default_asn: number }>(ctx.params.account_id, SETTINGS, SETTINGS_ID);
  return { default_asn: stored?.default_asn ?? DEFAULT_ASN };
}

function getSettings(ctx: RequestContext): Reply {
  return bare(currentSettings(ctx));
}

/** Only values that differ from the defaults are stored, so an account put back to them is empty again. */
function updateSettings(ctx: RequestContext): Reply {
  const body = requireObjectBody(ctx.body);
  assertValid(validateFields(body, { default_asn: { checks: [integer({ min: 1, max: 4294967295 })] } }));
  const next = { default_asn: (body.default_asn as number | undefined) ?? currentSettings(ctx).default_asn };
  if (next.default_asn === DEFAULT_ASN) ctx.store.remove(ctx.params.account_id, SETTINGS, SETTINGS_ID);
  else ctx.store.insert(ctx.params.account_id, SETTINGS, { id: SETTINGS_ID, ...next });
  return bare(next);
}

export function register(router: Router): void {
  const routes: Array<[method: "get" | "post" | "put" | "delete", path: string, handler: Handler]> = [
    ["get", `${BASE}/slots`, listSlots],
    ["get", `${BASE}/slots/:slot`, getSlot],
    ["get", `${BASE}/interconnects`, listInterconnects],
    ["post", `${BASE}/interconnects`, createInterconnect],
    ["get", `${BASE}/interconnects/:icon`, getInterconnect],
    ["delete", `${BASE}/interconnects/:icon`, deleteInterconnect],
    ["get", `${BASE}/interconnects/:icon/status`, interconnectStatus],
    ["get", `${BASE}/interconnects/:icon/loa`, interconnectLoa],
    ["get", `${BASE}/cnis`, listCnis],
    ["post", `${BASE}/cnis`, createCni],
    ["get", `${BASE}/cnis/:cni`, getCni],
    ["put", `${BASE}/cnis/:cni`, updateCni],
    ["delete", `${BASE}/cnis/:cni`, deleteCni],
    ["get", `${BASE}/settings`, getSettings],
    ["put", `${BASE}/settings`, updateSettings],
  ];
  for (const [method, path, handler] of routes) router[method](path, bareErrors(handler));
}
