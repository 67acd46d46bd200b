/**
 * Magic WAN Connectors (Cloudflare API "Magic Transit > Connectors") and their telemetry
 * (Cloudflare API "Magic Transit > Connectors > Telemetry": Events, Snapshots):
 * `/accounts/:account_id/magic/connectors[/:connector_id[/telemetry/...]]`.
 *
 * Connectors:
 * - Defaults when omitted (create and PUT alike): `activated` false, `interrupt_window_days_of_week`
 *   all seven days (the spec's documented default), `interrupt_window_duration_hours` 3,
 *   `interrupt_window_hour_of_day` 0, `interrupt_window_embargo_dates` [], `notes` "", `timezone`
 *   "UTC". `last_updated` is the time of the last change. `last_heartbeat`/`last_seen_version` are
 *   absent (no device ever calls in).
 * - `device` (create only; 1006 on PUT/PATCH): exactly one of `id`, `serial_number`, or
 *   `provision_license: true`. `id` is kept as the device id; `serial_number` gets a generated
 *   device id; `provision_license` leaves the connector without a device and answers a new
 *   `license_key`. A device (by id or serial number) backs one connector per account (1003).
 *   Answers carry `device.type` MANAGED for those (official SDK); the list takes `device_type`
 *   (MANAGED or LICENSED; a connector added for a license is LICENSED), as the SDK declares.
 * - `license_key` appears only in the answer of the request that provisions it (create with
 *   `device.provision_license`, PUT/PATCH with `provision_license: true`); it is never stored.
 * - Rules: days from the spec's enum, no day twice; duration an integer 1..24 (as the API reference
 *   bounds it); hour of day an integer 0..23; embargo dates real YYYY-MM-DD dates; timezone an IANA
 *   name; notes a string; activated and provision_license booleans.
 * - PUT replaces every setting (omitted ones return to their defaults); PATCH changes the given
 *   ones. Every verb answers the connector itself. No `validate_only` (not in the spec).
 *
 * Telemetry, generated deterministically from the connector id and the time, for connectors that
 * exist (404 otherwise), never later than the request's time:
 * - Events every 600 s (t = multiples of 600); one event per timestamp, two (n = 0, 1) when a hash
 *   says so; `a` (collected) is 1-30 s after `t`. Snapshots every 60 s, `a` 1-10 s after `t`.
 * - Lists take `from` and `to` (required, seconds since the epoch, both inclusive), `limit`
 *   (integer 1..1000, default 100), `cursor` (opaque, from the previous page's `result.cursor`) and,
 *   for events, `k` (an event kind; an unknown kind lists nothing). `result.count` is the number of
 *   items in the page; `result.cursor` is present only when more items follow. Query errors are
 *   400s (1002 missing, 1005 invalid) without a pointer, since they are not in the body.
 * - `events/latest`: the 10 most recent events, oldest first, in the detailed form `{e, n, t, v}`.
 *   `events/{t}.{n}`: one event. `snapshots/latest`: the most recent snapshot. `snapshots/{t}`:
 *   one snapshot. Unknown times are 404s.
 */
import { randomBytes } from "node:crypto";
import { Codes, type Reply, badRequest, cfError, notFound, ok } from "../envelope";
import type { RequestContext, Router } from "../router";
import { type StoredObject, newId } from "../store";
import { type Check, type JsonObject, type Rules, arrayOf, boolean, integer, invalid, notAllowed, oneOf, string } from "../validate";
import { serveCollection } from "./objects";

const COLLECTION = "connectors";
const COLLECTION_PATH = "/accounts/:account_id/magic/connectors";
const TELEMETRY = `${COLLECTION_PATH}/:connector_id/telemetry`;

const DAYS = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"];

const DEFAULTS = {
  activated: false,
  interrupt_window_days_of_week: DAYS,
  interrupt_window_duration_hours: 3,
  interrupt_window_embargo_dates: [] as string[],
  interrupt_window_hour_of_day: 0,
  notes: "",
  timezone: "UTC",
};

const SETTINGS = Object.keys(DEFAULTS) as Array<keyof typeof DEFAULTS>;

export interface Connector extends StoredObject {
  activated: boolean;
  interrupt_window_days_of_week: string[];
  interrupt_window_duration_hours: number;
  interrupt_window_embargo_dates: string[];
  interrupt_window_hour_of_day: number;
  last_updated: string;
  notes: string;
  timezone: string;
  /** `type` as the official SDK declares it: MANAGED for a device given by id or serial number. */
  device?: { id: string; serial_number?: string; type?: DeviceType };
  /** Never rendered: the connector was added with `device.provision_license` (a LICENSED connector). */
  licensed?: boolean;
  last_heartbeat?: string;
  last_seen_version?: string;
}

// ---- Connector rules ------------------------------------------------------------------------

const noRepeats: Check = (v, p) => (Array.isArray(v) && new Set(v).size !== v.length ? invalid(p, "must not name a day twice") : undefined);

const calendarDate: Check = (v, p) => {
  const m = typeof v === "string" ? /^(\d{4})-(\d{2})-(\d{2})$/.exec(v) : null;
  const real = m && new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]))).toISOString().slice(0, 10) === v;
  return real ? undefined : invalid(p, "must be a date written YYYY-MM-DD");
};

const timeZone: Check = (v, p) => {
  if (typeof v === "string" && /^[A-Za-z][A-Za-z0-9_+\-/]*$/.test(v)) {
    try {
      new Intl.DateTimeFormat("en-US", { timeZone: v });
      return undefined;
    } catch {
      // falls through to the error
    }
  }
  return invalid(p, "must be an IANA time zone name, e.g. America/New_York");
};

const nonEmptyString: Check = (v, p) => (typeof v === "string" && v !== "" ? undefined : invalid(p, "must be a non-empty string"));

function settingsRules(operation: "create" | "update"): Rules {
  return {
    device:
      operation === "create"
        ? {
            required: true,
            fields: {
              id: { checks: [nonEmptyString] },
              provision_license: { checks: [boolean] },
              serial_number: { checks: [nonEmptyString] },
            },
          }
        : { checks: [notAllowed("the device of a connector is chosen when it is added")] },
    activated: { checks: [boolean] },
    interrupt_window_days_of_week: { checks: [arrayOf(oneOf(...DAYS)), noRepeats] },
    interrupt_window_duration_hours: { checks: [integer({ min: 1, max: 24 })] },
    interrupt_window_embargo_dates: { checks: [arrayOf(calendarDate)] },
    interrupt_window_hour_of_day: { checks: [integer({ min: 0, max: 23 })] },
    notes: { checks: [string] },
    ...(operation === "update" ? { provision_license: { checks: [boolean] } } : {}),
    timezone: { checks: [timeZone] },
  };
}

function newLicenseKey(): string {
  return randomBytes(32).toString("hex");
}

/** The connector's settings from a body: given values over `base` (defaults on create and PUT). */
function applySettings(body: JsonObject, base: Connector, now: string): Connector {
  const out: Connector = { ...base, last_updated: now };
  for (const key of SETTINGS) {
    const v = body[key];
    if (v !== undefined && v !== null) (out as Record<string, unknown>)[key] = v;
  }
  return out;
}

function withDefaults(existing: Pick<Connector, "id"> & Partial<Connector>): Connector {
  return { ...existing, ...structuredClone(DEFAULTS) } as Connector;
}

type DeviceType = "MANAGED" | "LICENSED";
/** `device_type` of the list filter (official SDK; not in the reference). */
const DEVICE_TYPES: DeviceType[] = ["MANAGED", "LICENSED"];

function deviceTypeOf(c: Connector): DeviceType {
  return c.device?.type ?? (c.licensed ? "LICENSED" : "MANAGED");
}

function render(c: Connector): JsonObject {
  const { licensed: _hidden, ...shown } = c;
  return Object.fromEntries(Object.entries(shown).filter(([, v]) => v !== undefined));
}

/**
 * The answer of a request that provisions a license (`device.provision_license` on create,
 * `provision_license` on PUT and PATCH): the only place its key is ever shown.
 */
function withLicenseKey(provisions: boolean, answer: JsonObject): JsonObject {
  return provisions ? { ...answer, license_key: newLicenseKey() } : answer;
}

/** `device_type` (MANAGED or LICENSED) filters the list. */
function deviceTypeFilter(ctx: RequestContext): ((c: Connector) => boolean) | undefined {
  const type = ctx.query.get("device_type");
  if (type !== null && !(DEVICE_TYPES as string[]).includes(type)) {
    throw badRequest([invalid("/device_type", `must be one of ${DEVICE_TYPES.join(", ")}`)]);
  }
  return type === null ? undefined : (c) => deviceTypeOf(c) === type;
}

/**
 * A new connector from its create body: exactly one of `device.id`, `device.serial_number` or
 * `device.provision_license: true`, a device backing one connector per account.
 */
function added(body: JsonObject, ctx: RequestContext): Connector {
  const requested = body.device as JsonObject;
  const given = (["id", "serial_number", "provision_license"] as const).filter((k) =>
    k === "provision_license" ? requested[k] === true : requested[k] !== undefined && requested[k] !== null,
  );
  if (given.length !== 1) {
    throw badRequest([
      invalid(
        "/device",
        `must have exactly one of id, serial_number or provision_license: true (got ${given.length === 0 ? "none" : given.join(" and ")})`,
      ),
    ]);
  }
  const others = ctx.store.list<Connector>(ctx.params.account_id, COLLECTION);
  const taken = (key: "id" | "serial_number") => others.some((c) => c.device?.[key] !== undefined && c.device[key] === requested[key]);
  if (given[0] !== "provision_license" && taken(given[0])) {
    throw badRequest([
      cfError(
        Codes.DUPLICATE,
        `The device ${given[0]} "${String(requested[given[0]])}" already backs a connector in this account`,
        `/device/${given[0]}`,
      ),
    ]);
  }
  const device =
    given[0] === "id"
      ? { id: requested.id as string, type: "MANAGED" as const }
      : given[0] === "serial_number"
        ? { id: newId(), serial_number: requested.serial_number as string, type: "MANAGED" as const }
        : undefined;
  const licensed = given[0] === "provision_license" ? true : undefined;
  return applySettings(body, withDefaults({ id: newId(), device, licensed }), ctx.now);
}

// ---- Telemetry --------------------------------------------------------------------------------

const EVENT_STEP = 600;
const SNAPSHOT_STEP = 60;
const LATEST_EVENTS = 10;
const VERSION = "2025.10.2";

const EVENT_KINDS = [
  "Init",
  "Leave",
  "StartAttestation",
  "FinishAttestationSuccess",
  "FinishAttestationFailure",
  "StartRotateCryptKey",
  "FinishRotateCryptKeySuccess",
  "FinishRotateCryptKeyFailure",
  "StartRotatePki",
  "FinishRotatePkiSuccess",
  "FinishRotatePkiFailure",
  "StartUpgrade",
  "FinishUpgradeSuccess",
  "FinishUpgradeFailure",
  "Reconcile",
  "ConfigureCloudflaredTunnel",
];

/** FNV-1a over the parts: the same connector and time always give the same data. */
function hash(...parts: Array<string | number>): number {
  let h = 0x811c9dc5;
  for (const ch of parts.join("|")) {
    h ^= ch.charCodeAt(0);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h;
}

interface EventRecord {
  a: number;
  k: string;
  n: number;
  t: number;
}

/** The events recorded at `t` (none off the 600 s grid or before the epoch). */
function eventsAt(connectorId: string, t: number): EventRecord[] {
  if (t < 0 || t % EVENT_STEP !== 0) return [];
  const h = hash(connectorId, "events", t);
  const count = h % 5 === 0 ? 2 : 1;
  return Array.from({ length: count }, (_, n) => {
    const hn = hash(connectorId, "event", t, n);
    // Mostly reconciliations, like a healthy connector.
    const k = hn % 10 < 6 ? "Reconcile" : EVENT_KINDS[(hn >>> 4) % EVENT_KINDS.length];
    return { a: t + 1 + (hn % 30), k, n, t };
  });
}

function eventDetail(e: EventRecord): JsonObject {
  const kind: JsonObject =
    e.k === "StartUpgrade" ? { k: e.k, url: `https://upgrades.emulator.invalid/connector/${VERSION}.bundle` } : { k: e.k };
  return { e: kind, n: e.n, t: e.t, v: VERSION };
}

interface Window {
  from: number;
  to: number;
  limit: number;
  cursor?: { t: number; n: number };
}

function queryNumber(ctx: RequestContext, name: string, required: boolean): number | undefined {
  const raw = ctx.query.get(name);
  if (raw === null || raw === "") {
    if (required) throw badRequest([cfError(Codes.MISSING_FIELD, `${name} is required (seconds since the Unix epoch)`)]);
    return undefined;
  }
  const n = Number(raw);
  if (!Number.isFinite(n)) throw badRequest([cfError(Codes.INVALID_VALUE, `${name} must be a number`)]);
  return n;
}

function window(ctx: RequestContext): Window {
  const from = queryNumber(ctx, "from", true)!;
  const to = queryNumber(ctx, "to", true)!;
  if (to < from) throw badRequest([cfError(Codes.INVALID_VALUE, "to must not be earlier than from")]);
  const limit = queryNumber(ctx, "limit", false) ?? 100;
  if (!Number.isInteger(limit) || limit < 1 || limit > 1000)
    throw badRequest([cfError(Codes.INVALID_VALUE, "limit must be an integer between 1 and 1000")]);
  const rawCursor = ctx.query.get("cursor");
  if (rawCursor === null || rawCursor === "") return { from, to, limit };
  let cursor: unknown;
  try {
    cursor = JSON.parse(Buffer.from(rawCursor, "base64url").toString("utf8"));
  } catch {
    cursor = undefined;
  }
  const c = cursor as { t?: unknown; n?: unknown } | undefined;
  if (!c || !Number.isInteger(c.t) || !Number.isInteger(c.n))
    throw badRequest([cfError(Codes.INVALID_VALUE, "cursor is not one this endpoint gave out")]);
  return { from, to, limit, cursor: { t: c.t as number, n: c.n as number } };
}

const encodeCursor = (t: number, n: number) => Buffer.from(JSON.stringify({ t, n })).toString("base64url");

const nowSeconds = (ctx: RequestContext) => Math.floor(Date.parse(ctx.now) / 1000);

/**
 * One page of grid-timed items between `from` and `min(to, now)`, after the cursor: `limit` items
 * and a cursor when at least one more follows. Only the grid points it needs are generated.
 */
function page<T extends { t: number; n: number }>(w: Window, end: number, step: number, at: (t: number) => T[]) {
  const items: T[] = [];
  const start = Math.max(0, w.from, w.cursor?.t ?? 0);
  for (let t = Math.ceil(start / step) * step; t <= end; t += step) {
    for (const item of at(t)) {
      if (w.cursor && (item.t < w.cursor.t || (item.t === w.cursor.t && item.n <= w.cursor.n))) continue;
      if (items.length === w.limit) {
        const last = items[items.length - 1];
        return { items, cursor: encodeCursor(last.t, last.n) };
      }
      items.push(item);
    }
  }
  return { items, cursor: undefined };
}

function listEvents(ctx: RequestContext, c: Connector) {
  const w = window(ctx);
  const kind = ctx.query.get("k");
  if (kind !== null && kind !== "" && !EVENT_KINDS.includes(kind)) return ok({ count: 0, items: [] });
  const filtered = (t: number) => eventsAt(c.id, t).filter((e) => !kind || e.k === kind);
  const { items, cursor } = page(w, Math.min(w.to, nowSeconds(ctx)), EVENT_STEP, filtered);
  return ok({ count: items.length, items, ...(cursor ? { cursor } : {}) });
}

function latestEvents(ctx: RequestContext, c: Connector) {
  const newest: EventRecord[] = [];
  for (let t = Math.floor(nowSeconds(ctx) / EVENT_STEP) * EVENT_STEP; t >= 0 && newest.length < LATEST_EVENTS; t -= EVENT_STEP) {
    newest.unshift(...eventsAt(c.id, t));
  }
  const items = newest.slice(-LATEST_EVENTS).map(eventDetail);
  return ok({ count: items.length, items });
}

function getEvent(ctx: RequestContext, c: Connector) {
  const m = /^(\d+)\.(\d+)$/.exec(ctx.params.event);
  const t = m ? Number(m[1]) : -1;
  const found = m && t <= nowSeconds(ctx) ? eventsAt(c.id, t).find((e) => e.n === Number(m[2])) : undefined;
  if (!found) throw notFound("Event");
  return ok(eventDetail(found));
}

/** Boot time: the connector restarts weekly (on the Unix week). */
const bootOf = (t: number) => Math.floor(t / 604800) * 604800;

/** A full snapshot at `t`: the required counters plus a plausible set of optional metrics. */
function snapshotAt(connectorId: string, t: number): JsonObject {
  const h = hash(connectorId, "snapshot", t);
  const frac = (shift: number, scale: number) => (((h >>> shift) % 1000) / 1000) * scale;
  const boot = bootOf(t);
  const total = 8 * 1024 ** 3;
  const available = Math.round(total * (0.45 + frac(3, 0.3)));
  return {
    count_reclaim_failures: 0,
    count_reclaimed_paths: h % 4,
    count_record_failed: 0,
    count_transmit_failures: 0,
    t,
    v: VERSION,
    cpu_count: 4,
    cpu_pressure_10s: Number(frac(5, 5).toFixed(2)),
    cpu_pressure_60s: Number(frac(7, 4).toFixed(2)),
    cpu_pressure_300s: Number(frac(9, 3).toFixed(2)),
    load_average_1m: Number(frac(11, 2).toFixed(2)),
    load_average_5m: Number(frac(13, 1.5).toFixed(2)),
    load_average_15m: Number(frac(15, 1).toFixed(2)),
    memory_total_bytes: total,
    memory_available_bytes: available,
    memory_free_bytes: Math.round(available * 0.6),
    ha_state: "disabled",
    ha_value: 0,
    interfaces: [
      { name: "wan0", operstate: "UP", speed: 1_000_000_000, ip_addresses: [{ interface_name: "wan0", ip_address: "203.0.113.10/24" }] },
      { name: "lan0", operstate: "UP", speed: 1_000_000_000, ip_addresses: [{ interface_name: "lan0", ip_address: "192.168.10.1/24" }] },
    ],
    tunnels: [
      {
        health_state: h % 17 === 0 ? "degraded" : "healthy",
        health_value: h % 17 === 0 ? 2 : 1,
        interface_name: "xfrm1",
        tunnel_id: hash(connectorId, "tunnel").toString(16).padStart(8, "0"),
        probed_mtu: 1450,
        recent_healthy_pings: 60,
        recent_unhealthy_pings: h % 17 === 0 ? 3 : 0,
      },
    ],
    kernel_btime: boot,
    system_boot_time_s: boot,
    uptime_total_ms: (t - boot) * 1000,
    platform: "virtual",
  };
}

const snapshotStub = (connectorId: string, t: number) =>
  t < 0 || t % SNAPSHOT_STEP !== 0 ? [] : [{ a: t + 1 + (hash(connectorId, "snapshot-a", t) % 10), t, n: 0 }];

function listSnapshots(ctx: RequestContext, c: Connector) {
  const w = window(ctx);
  const { items, cursor } = page(w, Math.min(w.to, nowSeconds(ctx)), SNAPSHOT_STEP, (t) => snapshotStub(c.id, t));
  return ok({ count: items.length, items: items.map(({ a, t }) => ({ a, t })), ...(cursor ? { cursor } : {}) });
}

function latestSnapshots(ctx: RequestContext, c: Connector) {
  const t = Math.floor(nowSeconds(ctx) / SNAPSHOT_STEP) * SNAPSHOT_STEP;
  return ok({ count: 1, items: [snapshotAt(c.id, t)] });
}

function getSnapshot(ctx: RequestContext, c: Connector) {
  const raw = ctx.params.snapshot_t;
  const t = /^\d+$/.test(raw) ? Number(raw) : -1;
  if (t < 0 || t % SNAPSHOT_STEP !== 0 || t > nowSeconds(ctx)) throw notFound("Snapshot");
  return ok(snapshotAt(c.id, t));
}

export function register(router: Router): void {
  const { find, routes } = serveCollection<Connector>(router, {
    collection: COLLECTION,
    label: "Connector",
    path: COLLECTION_PATH,
    idParam: "connector_id",
    verbs: ["list", "create", "get", "put", "patch", "delete"],
    rules: settingsRules,
    // A PUT replaces every setting (omitted ones return to their defaults); a PATCH changes the given ones.
    build: (body, existing, ctx) => (existing ? applySettings(body, withDefaults(existing), ctx.now) : added(body, ctx)),
    patch: (body, existing, ctx) => applySettings(body, existing, ctx.now),
    listFilter: deviceTypeFilter,
    render,
    answers: {
      create: (connector, body) => withLicenseKey((body.device as JsonObject).provision_license === true, connector),
      put: (connector, body) => withLicenseKey(body.provision_license === true, connector),
      patch: (connector, body) => withLicenseKey(body.provision_license === true, connector),
    },
  });
  const forConnector = (handler: (ctx: RequestContext, c: Connector) => Reply) => (ctx: RequestContext) => handler(ctx, find(ctx));
  routes
    // "latest" before the parameterised paths: the router takes the first match.
    .get(`${TELEMETRY}/events/latest`, forConnector(latestEvents))
    .get(`${TELEMETRY}/events`, forConnector(listEvents))
    .get(`${TELEMETRY}/events/:event`, forConnector(getEvent))
    .get(`${TELEMETRY}/snapshots/latest`, forConnector(latestSnapshots))
    .get(`${TELEMETRY}/snapshots`, forConnector(listSnapshots))
    .get(`${TELEMETRY}/snapshots/:snapshot_t`, forConnector(getSnapshot));
}
