import { convertKeys, snakeToCamel } from "../../shared/values";
import type { CniInfo } from "../cni/generated/cni";
import type { CniSettingsInfo } from "../cni/generated/cni-settings";
import type { InterconnectInfo } from "../cni/generated/interconnect";
import type { InterconnectStatusInfo } from "../cni/generated/interconnect-answers";
import type { FacilityInfo } from "../cni/generated/types";
import { type LookupArgs, provider } from "./lookup";

export type { CniInfo } from "../cni/generated/cni";
export type { CniSettingsInfo } from "../cni/generated/cni-settings";
export type { InterconnectInfo } from "../cni/generated/interconnect";
export type { FacilityInfo } from "../cni/generated/types";
export type { InterconnectState, InterconnectStatusInfo } from "../cni/generated/interconnect-answers";

/**
 * Network Interconnect lookups (Cloudflare API "Network Interconnects"). The CNI endpoints answer with bare
 * objects and list in `{items, next}` pages; every list here follows `next` to the last page.
 * Objects come back with camelCase fields, their `id` and the `accountId` they were read from.
 */

/** A slot (a port Cloudflare can give you in a facility). */
export interface SlotInfo {
  id: string;
  facility: FacilityInfo;
  occupied: boolean;
  site: string;
  speed: string;
  /** The customer account that occupies the slot, when it is occupied. */
  account?: string;
  accountId: string;
}

/** A document the API serves as a file. */
export interface DocumentContent {
  contentType: string;
  /** The file, base64-encoded. */
  base64: string;
}

export interface GetSlotsArgs extends LookupArgs {
  /** Only slots with this text in their address (e.g. a city). */
  addressContains?: string;
  /** Only occupied (`true`) or free (`false`) slots. */
  occupied?: boolean;
  /** Only slots at this Cloudflare site. */
  site?: string;
  /** Only slots that support this speed, e.g. `"10G"`. */
  speed?: string;
}

export interface GetInterconnectsArgs extends LookupArgs {
  /** Only interconnects at this site. */
  site?: string;
  /** Only interconnects of this type. */
  type?: string;
}

export interface GetInterconnectLoaArgs extends LookupArgs {
  /** Name printed on the LOA instead of the account name (at most 200 characters). @default the account name */
  name?: string;
}

export interface GetCnisArgs extends LookupArgs {
  /** Only CNIs on the interconnect using this slot. */
  slot?: string;
  /** Only CNIs of this tunnel. */
  tunnelId?: string;
}

type Query = Record<string, string | number | boolean | undefined>;

function camel<T>(apiObject: unknown, accountId: string, id?: string): T {
  const converted = convertKeys(apiObject, snakeToCamel) as Record<string, unknown>;
  return { ...(id === undefined ? {} : { id }), ...converted, accountId } as T;
}

function where(args: LookupArgs) {
  const p = provider();
  return { p, accountId: p.settings.resolveAccountId(args.accountId) };
}

/** One of the CNI API's paths, as the definitions declare them (`cni:Interconnect`'s `slots`, `cni:Cni`'s `collection`, ...). */
type Where = [token: string, endpoint: string, id?: string];

async function listAll(
  args: LookupArgs,
  [token, endpoint]: Where,
  query: Query,
  label: string,
): Promise<{ items: Record<string, unknown>[]; accountId: string }> {
  const { p, accountId } = where(args);
  const items = await p.settings.client().listAll<Record<string, unknown>>({
    method: "GET",
    path: p.pathOf(token, endpoint, accountId),
    query,
    envelope: "bare",
    label,
    permission: p.permissions.permission("cni", "read"),
  });
  return { items, accountId };
}

async function getOne(args: LookupArgs, [token, endpoint, id]: Where, label: string): Promise<{ body: unknown; accountId: string }> {
  const { p, accountId } = where(args);
  const permission = p.permissions.permission("cni", "read");
  const body = await p.settings
    .client()
    .request({ method: "GET", path: p.pathOf(token, endpoint, accountId, id), envelope: "bare", label, permission });
  return { body, accountId };
}

/**
 * Lists the account's slots (every page), optionally filtered.
 *
 * @example
 * ```ts
 * const free = await magic.getSlots({ site: "ord01", speed: "10G", occupied: false });
 * const slotId = free[0].id;
 * ```
 */
export async function getSlots(args: GetSlotsArgs = {}): Promise<SlotInfo[]> {
  const { addressContains, occupied, site, speed } = args;
  const { items, accountId } = await listAll(
    args,
    ["cni:Interconnect", "slots"],
    { address_contains: addressContains, occupied, site, speed },
    "getSlots",
  );
  return items.map((s) => camel<SlotInfo>(s, accountId));
}

/** Gets one slot by id. */
export async function getSlot(slotId: string, args: LookupArgs = {}): Promise<SlotInfo> {
  const { body, accountId } = await getOne(args, ["cni:Interconnect", "slot", slotId], `getSlot '${slotId}'`);
  return camel<SlotInfo>(body, accountId);
}

/**
 * Lists the account's interconnects (every page), optionally filtered by site or type.
 *
 * @example
 * ```ts
 * const inChicago = await magic.getInterconnects({ site: "ord01" });
 * ```
 */
export async function getInterconnects(args: GetInterconnectsArgs = {}): Promise<InterconnectInfo[]> {
  const { items, accountId } = await listAll(
    args,
    ["cni:Interconnect", "collection"],
    { site: args.site, type: args.type },
    "getInterconnects",
  );
  return items.map((i) => interconnectInfo(i, accountId));
}

/** Gets one interconnect by name (its id). */
export async function getInterconnect(name: string, args: LookupArgs = {}): Promise<InterconnectInfo> {
  const { body, accountId } = await getOne(args, ["cni:Interconnect", "item", name], `getInterconnect '${name}'`);
  return interconnectInfo(body as Record<string, unknown>, accountId);
}

/** An interconnect as the resource's outputs show it (a GCP Partner's `speed` is also its `bandwidth`), named by its id. */
function interconnectInfo(apiObject: Record<string, unknown>, accountId: string): InterconnectInfo {
  const name = String(apiObject.name);
  const outputs = provider().definedProvider("cni:Interconnect").outputsOf(apiObject, { accountId, props: {} });
  return { id: name, name, ...outputs } as InterconnectInfo;
}

/**
 * The current status of an interconnect.
 *
 * @example
 * ```ts
 * const s = await magic.getInterconnectStatus("icon-4f1d2c3b5a6e");
 * if (s.state !== "Healthy") console.log(`${s.state}: ${s.reason ?? "no reason given"}`);
 * ```
 */
export async function getInterconnectStatus(name: string, args: LookupArgs = {}): Promise<InterconnectStatusInfo> {
  const { body } = await getOne(args, ["cni:Interconnect", "status", name], `getInterconnectStatus '${name}'`);
  return body as InterconnectStatusInfo;
}

/**
 * The Letter of Authorization (LOA) of a physical interconnect, to hand to the facility for the
 * cross-connect: Cloudflare generates it as a PDF.
 *
 * @example
 * ```ts
 * const loa = await magic.getInterconnectLoa("icon-4f1d2c3b5a6e", { name: "ACME Networks" });
 * fs.writeFileSync("loa.pdf", Buffer.from(loa.base64, "base64"));
 * ```
 */
export async function getInterconnectLoa(name: string, args: GetInterconnectLoaArgs = {}): Promise<DocumentContent> {
  const custom = args.name;
  if (custom !== undefined && (typeof custom !== "string" || custom.length === 0 || custom.length > 200)) {
    throw new Error(
      `getInterconnectLoa '${name}': name must be a non-empty string of at most 200 characters (got ${typeof custom === "string" ? `${custom.length} characters` : JSON.stringify(custom)}).`,
    );
  }
  const { p, accountId } = where(args);
  const raw = await p.settings.client().requestRaw({
    method: "GET",
    path: p.pathOf("cni:Interconnect", "loa", accountId, name),
    query: { name: custom },
    headers: { accept: "application/pdf" },
    label: `getInterconnectLoa '${name}'`,
    permission: p.permissions.permission("cni", "read"),
  });
  return { contentType: raw.contentType, base64: raw.body.toString("base64") };
}

/**
 * Lists the account's CNIs (every page), optionally only those on a slot or of a tunnel.
 *
 * @example
 * ```ts
 * const cnis = await magic.getCnis();
 * const links = cnis.map((c) => `${c.magic.conduitName}: ${c.custIp}`);
 * ```
 */
export async function getCnis(args: GetCnisArgs = {}): Promise<CniInfo[]> {
  const { items, accountId } = await listAll(args, ["cni:Cni", "collection"], { slot: args.slot, tunnel_id: args.tunnelId }, "getCnis");
  return items.map((c) => camel<CniInfo>(c, accountId));
}

/** Gets one CNI by id. */
export async function getCni(id: string, args: LookupArgs = {}): Promise<CniInfo> {
  const { body, accountId } = await getOne(args, ["cni:Cni", "item", id], `getCni '${id}'`);
  return camel<CniInfo>(body, accountId);
}

/** The account's CNI settings. Their `id` is the account id, as a `CniSettings` resource's is. */
export async function getCniSettings(args: LookupArgs = {}): Promise<CniSettingsInfo> {
  const { body, accountId } = await getOne(args, ["cni:CniSettings", "collection"], "getCniSettings");
  return camel<CniSettingsInfo>(body, accountId, accountId);
}
