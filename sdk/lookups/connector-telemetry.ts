/**
 * Connector telemetry lookups: events and snapshots of a Magic WAN Connector (Cloudflare API,
 * "Magic WAN Connector telemetry": List Events, Get Event, List Latest Events, List Snapshots,
 * Get Snapshot, List Latest Snapshots). What they answer is generated from the Connector
 * definition's answers (sdk/magic/generated/connector-answers.ts).
 */
import { convertKeys, snakeToCamel } from "../../shared/values";
import type {
  ConnectorEvent,
  ConnectorEventKind,
  ConnectorEventSummary,
  ConnectorSnapshot,
  ConnectorSnapshotSummary,
} from "../magic/generated/connector-answers";
import { type LookupArgs, provider } from "./lookup";

/** A page of a telemetry list; pass `cursor` back to get the next page. */
export interface TelemetryPage<T> {
  /** Items in this page (with `allPages`, in all pages). */
  count: number;
  items: T[];
  /** Present when more items follow; absent on the last page and with `allPages`. */
  cursor?: string;
}

/** The "latest" endpoints' answer. */
export interface TelemetryLatest<T> {
  count: number;
  items: T[];
}

export interface TelemetryWindowArgs extends LookupArgs {
  /** Start of the window: seconds since the Unix epoch, or a Date. */
  from: number | Date;
  /** End of the window: seconds since the Unix epoch, or a Date. */
  to: number | Date;
  /** Items per page (the API's `limit`). */
  limit?: number;
  /** The `cursor` of the previous page. */
  cursor?: string;
  /** Follow the cursor through every page and return all items at once. @default false */
  allPages?: boolean;
}

export interface ConnectorEventsArgs extends TelemetryWindowArgs {
  /** Only events of this kind (the API's `k`). */
  kind?: ConnectorEventKind;
}

type Query = Record<string, string | number | undefined>;

/** One GET below `/magic/connectors/{id}/telemetry`, in the v4 envelope. */
async function telemetry<T>(fn: string, connectorId: string, args: LookupArgs, tail: string[], query?: Query): Promise<T> {
  if (typeof connectorId !== "string" || connectorId === "") throw new Error(`${fn}: connectorId must be a non-empty string.`);
  const p = provider();
  const accountId = p.settings.resolveAccountId(args.accountId);
  const base = p.pathOf("magic:Connector", "telemetry", accountId, connectorId);
  const path = tail.reduce((acc, segment) => acc + p.api.path`/${segment}`, base);
  return p.settings
    .client()
    .request<T>({ method: "GET", path, query, label: `${fn} '${connectorId}'`, permission: p.permissions.permission("sites", "read") });
}

function seconds(fn: string, name: string, v: number | Date): number {
  const s = v instanceof Date ? Math.floor(v.getTime() / 1000) : v;
  if (typeof s !== "number" || !Number.isFinite(s)) throw new Error(`${fn}: ${name} must be seconds since the Unix epoch or a valid Date.`);
  return s;
}

/** Lists one page (or, with `allPages`, every page, through the client's one cursor walk) of a cursor-paged telemetry list. */
async function pages<T>(
  fn: string,
  connectorId: string,
  args: TelemetryWindowArgs,
  tail: string,
  extra: Query,
  convert: (item: unknown) => T,
): Promise<TelemetryPage<T>> {
  const query: Query = { ...extra, from: seconds(fn, "from", args.from), to: seconds(fn, "to", args.to), limit: args.limit };
  const fetchPage = async (cursor: string | undefined) => {
    const page = await telemetry<{ count?: number; items?: unknown[]; cursor?: string | null }>(fn, connectorId, args, [tail], {
      ...query,
      cursor,
    });
    if (!page || !Array.isArray(page.items)) {
      throw new (provider().api.ResponseShapeError)(
        `the telemetry ${tail} list did not answer with {count, items, cursor}.`,
        `${fn} '${connectorId}'`,
      );
    }
    const next = typeof page.cursor === "string" && page.cursor !== "" ? page.cursor : undefined;
    return { count: page.count, items: page.items.map(convert), next };
  };
  if (!args.allPages) {
    const page = await fetchPage(args.cursor);
    return { count: page.count ?? page.items.length, items: page.items, ...(page.next ? { cursor: page.next } : {}) };
  }
  // A server that hands out the same cursor twice ends the walk with what was read.
  const items = await provider().api.followCursor(fetchPage, args.cursor, () => "stop");
  return { count: items.length, items };
}

/** The API's snake_case snapshot fields as camelCase, deeply, as the type the caller names. */
function camelKeys<T>(v: unknown): T {
  return convertKeys(v, snakeToCamel) as T;
}

const asIs = <T>(item: unknown) => item as T;

/**
 * Lists a connector's events between `from` and `to`: one page, or every page with `allPages`.
 *
 * @example
 * ```ts
 * const now = Date.now() / 1000;
 * const upgrades = await magic.getConnectorEvents(connectorId, { from: now - 86400, to: now, kind: "StartUpgrade", allPages: true });
 * ```
 */
export function getConnectorEvents(connectorId: string, args: ConnectorEventsArgs): Promise<TelemetryPage<ConnectorEventSummary>> {
  return pages("getConnectorEvents", connectorId, args, "events", { k: args.kind }, asIs<ConnectorEventSummary>);
}

/** Gets one event in full by its time `t` and sequence number `n` (from a list item). */
export async function getConnectorEvent(connectorId: string, t: number, n: number, args: LookupArgs = {}): Promise<ConnectorEvent> {
  if (!Number.isInteger(t) || !Number.isInteger(n))
    throw new Error("getConnectorEvent: t and n must be whole numbers (from an events list item).");
  return telemetry<ConnectorEvent>("getConnectorEvent", connectorId, args, ["events", `${t}.${n}`]);
}

/**
 * Gets a connector's most recent events in full.
 *
 * @example
 * ```ts
 * const { items } = await magic.getConnectorLatestEvents(connectorId);
 * const lastUpgrade = items.filter((e) => e.e.k === "StartUpgrade").pop();
 * ```
 */
export function getConnectorLatestEvents(connectorId: string, args: LookupArgs = {}): Promise<TelemetryLatest<ConnectorEvent>> {
  return telemetry<TelemetryLatest<ConnectorEvent>>("getConnectorLatestEvents", connectorId, args, ["events", "latest"]);
}

/**
 * Lists the times of a connector's snapshots between `from` and `to`: one page, or every page with
 * `allPages`. Fetch one in full with `getConnectorSnapshot(connectorId, item.t)`.
 */
export function getConnectorSnapshots(connectorId: string, args: TelemetryWindowArgs): Promise<TelemetryPage<ConnectorSnapshotSummary>> {
  return pages("getConnectorSnapshots", connectorId, args, "snapshots", {}, asIs<ConnectorSnapshotSummary>);
}

/** Gets one snapshot in full by its time `t` (from a list item). */
export async function getConnectorSnapshot(connectorId: string, t: number, args: LookupArgs = {}): Promise<ConnectorSnapshot> {
  if (!Number.isInteger(t)) throw new Error("getConnectorSnapshot: t must be a whole number (from a snapshots list item).");
  return camelKeys<ConnectorSnapshot>(await telemetry("getConnectorSnapshot", connectorId, args, ["snapshots", String(t)]));
}

/**
 * Gets a connector's most recent snapshots in full (metrics camelCased).
 *
 * @example
 * ```ts
 * const { items: [latest] } = await magic.getConnectorLatestSnapshots(connectorId);
 * const down = (latest?.tunnels ?? []).filter((t) => t.healthState !== "healthy");
 * ```
 */
export async function getConnectorLatestSnapshots(connectorId: string, args: LookupArgs = {}): Promise<TelemetryLatest<ConnectorSnapshot>> {
  return camelKeys<TelemetryLatest<ConnectorSnapshot>>(
    await telemetry("getConnectorLatestSnapshots", connectorId, args, ["snapshots", "latest"]),
  );
}
