/**
 * Holds one read of an account against any number of stack exports. Every object of the account
 * is in sync (one stack manages it, and a refresh would change none of its inputs), drifted,
 * unmanaged (no stack manages it), claimed twice (two or more resources, in one stack or several,
 * RouteTable entries included) or missing (a stack manages it, the account no longer has it).
 *
 * "Would a refresh change it" is the provider's own answer, never one made here: each resource's
 * state goes through its provider's `readFrom` (what `read` does with the object it fetched) and the
 * input paths `diff` would then report (`changedInputPaths`; RouteTable: `routeDifferences`, its
 * comparison of one route). So absent-means-default, canonical addresses and fields never read back
 * are judged as `pulumi refresh` and the next `pulumi up` would judge them.
 */
import * as facade from "../provider/facade";
import { secretFields } from "../provider/framework/define";
import { definitionOf } from "../provider/registry";
import {
  type OwnedRoute,
  type RouteEntry,
  provider as routeTable,
  routeDifferences,
  routeKey,
} from "../provider/resources/magic/routes/route-table";
import { COLLECTIONS, type AccountSnapshot, type CollectionKey, type Skipped } from "../codegen/read";
import { getPath, isPlainObject, revealed } from "../shared/values";
import type { ExportedResource, StackExport } from "./exports";

type Props = Record<string, unknown>;

/** The version of the JSON shape (`--json`); raised on any change that could break a reader. */
export const RESULT_VERSION = 1;

export type FindingKind = "drifted" | "missing" | "claimedTwice" | "unmanaged" | "inSync";
/** The order findings are reported in. */
export const FINDING_ORDER: FindingKind[] = ["drifted", "missing", "claimedTwice", "unmanaged", "inSync"];

/** Where an object lives: one of the collections the account read lists, or the account's CNI settings. */
export type Collection = CollectionKey | "cniSettings";

/** What a secret field shows instead of its value. */
export const SECRET = "[secret]";

export interface Difference {
  /** Dotted input path (`healthCheck.rate`); for a RouteTable entry, the route's field. */
  path: string;
  /** The value the stack's program sets (`null`: absent). */
  state: unknown;
  /** The value in the account (`null`: absent). */
  live: unknown;
}

export interface Claim {
  stack: string;
  urn: string;
  /** The Pulumi resource name. */
  resource: string;
  /** The resource's type, `GreTunnel`, `RouteTable`. */
  type: string;
  /** A RouteTable entry's identity (`10.1.0.0/24 via 10.212.0.9`). */
  entry?: string;
  /** What `pulumi refresh` would change in the program's inputs (empty when equal or when the object is missing). */
  differences: Difference[];
  /** Input paths not compared: secret, and the export holds only their ciphertext. */
  notCompared: string[];
  notes: string[];
}

export interface Finding {
  finding: FindingKind;
  /** Where the object lives: `greTunnels`, `routes`, `siteWans`, ..., `cniSettings`. */
  collection: Collection;
  /** The object's id ("" for a RouteTable entry that was never created). */
  id: string;
  /** The object's name, or what identifies it (a route's prefix and nexthop). */
  label: string;
  /** The resources that manage it, in stack order. */
  claims: Claim[];
  notes: string[];
}

export interface StackSummary {
  name: string;
  file: string;
  /** This package's resources of the audited account. */
  resources: number;
  /** This package's resources of other accounts (not audited). */
  otherAccounts: number;
  pendingOperations: Array<{ type: string; urn: string; resourceType: string }>;
}

export interface NotAudited {
  stack: string;
  urn: string;
  type: string;
  reason: string;
}

export interface AuditResult {
  version: number;
  /** 0: all in sync; 1: something drifted, is missing, claimed twice or unmanaged; 2: nothing found, but a collection could not be read. */
  exitCode: 0 | 1 | 2;
  accountId: string;
  /** Objects read, per collection label ("GRE tunnels"), as the reader counted them. */
  read: Array<{ label: string; count: number }>;
  stacks: StackSummary[];
  summary: Record<FindingKind, number>;
  findings: Finding[];
  /** Cloudflare interconnects no stack adopts: Cloudflare makes them, so they are not unmanaged. */
  cloudflareOwned: Array<{ collection: Collection; id: string; label: string }>;
  /** Cloudflare's managed apps in the apps list (referenced by id, never declared). */
  managedApps: number;
  /** Resources the audit could not hold against the account, each with why. */
  notAudited: NotAudited[];
  /** Collections that could not be read, with what to do. */
  skipped: Skipped[];
}

/** The account's CNI settings when a stack manages them (one GET): the object, or why it could not be read. */
export type SettingsRead = { live: Props } | { error: string } | undefined;

/** Types whose objects the account read does not cover, with why. */
const NOT_READ: Record<string, string> = {
  "magic:PacketCapture": "a packet capture is a run, not configuration: the account read does not list captures",
  "magic:PcapBucketOwnership": "bucket ownerships are not part of the account read",
};

const SETTINGS_TOKEN = "cni:CniSettings";
const ROUTE_TABLE_TOKEN = "magic:RouteTable";
const COLLECTION_OF: Record<string, CollectionKey> = {
  ...Object.fromEntries(COLLECTIONS.map((c) => [c.token, c.key])),
  [ROUTE_TABLE_TOKEN]: "routes",
};
const LABEL_OF = Object.fromEntries(COLLECTIONS.map((c) => [c.key, c.label])) as Record<CollectionKey, string>;

interface PendingClaim {
  collection: Collection;
  id: string;
  label?: string;
  claim: Claim;
  /** How to compare, once the live object is known (undefined when it is missing). */
  compare?: (live: Props) => { differences: Difference[]; notCompared: string[] };
}

export function audit(snapshot: AccountSnapshot, stacks: StackExport[], settings?: SettingsRead): AuditResult {
  const account = snapshot.accountId;
  const unread = unreadCollections(snapshot);
  const { claims, notAudited, summaries } = claimsOf(snapshot, stacks, unread, settings);

  // Every claim, by the object it names.
  const byObject = new Map<string, PendingClaim[]>();
  for (const c of claims) {
    const key = `${c.collection}/${c.id || c.claim.urn + c.claim.entry}`;
    byObject.set(key, [...(byObject.get(key) ?? []), c]);
  }
  const liveOf = (collection: Collection, id: string): Props | undefined =>
    collection === "cniSettings" ? (settings && "live" in settings ? settings.live : undefined) : snapshot.live[collection][id];

  const listed = new Map(COLLECTIONS.flatMap((c) => snapshot.objects[c.key].map((o) => [`${c.key}/${o.id}`, o] as const)));
  const findings: Finding[] = [];
  const cloudflareOwned: AuditResult["cloudflareOwned"] = [];
  for (const group of byObject.values()) {
    const { collection, id } = group[0];
    const live = id ? liveOf(collection, id) : undefined;
    const outputs = collection === "cniSettings" ? undefined : listed.get(`${collection}/${id}`);
    const label = collection === "cniSettings" ? "CNI settings" : outputs ? labelOf(collection, outputs) : (group[0].label ?? id);
    for (const c of group) if (live && c.compare) Object.assign(c.claim, c.compare(live));
    const finding: FindingKind = !live
      ? "missing"
      : group.length > 1
        ? "claimedTwice"
        : group[0].claim.differences.length > 0
          ? "drifted"
          : "inSync";
    findings.push({ finding, collection, id, label, claims: group.map((c) => c.claim), notes: [] });
  }
  // What no stack claims (in a collection read whole: one a site's part of is missing could hold claimed objects).
  const claimed = new Set(claims.map((c) => `${c.collection}/${c.id}`));
  for (const c of COLLECTIONS) {
    if (unread.has(c.key)) continue;
    for (const o of snapshot.objects[c.key]) {
      if (claimed.has(`${c.key}/${o.id}`)) continue;
      const entry = { collection: c.key, id: o.id, label: labelOf(c.key, o) };
      if (c.key === "cfInterconnects") cloudflareOwned.push(entry);
      else findings.push({ ...entry, finding: "unmanaged", claims: [], notes: [] });
    }
  }
  notePendingOperations(stacks, account, findings, snapshot);
  sortFindings(findings, stacks);

  const summary = Object.fromEntries(FINDING_ORDER.map((k) => [k, findings.filter((f) => f.finding === k).length])) as Record<
    FindingKind,
    number
  >;
  const skipped = [...snapshot.skipped, ...(settings && "error" in settings ? [{ what: "CNI settings", reason: settings.error }] : [])];
  const found = FINDING_ORDER.some((k) => k !== "inSync" && summary[k] > 0);
  return {
    version: RESULT_VERSION,
    exitCode: found ? 1 : skipped.length ? 2 : 0,
    accountId: account,
    read: snapshot.counts,
    stacks: summaries,
    summary,
    findings,
    cloudflareOwned,
    managedApps: snapshot.managedApps.length,
    notAudited,
    skipped,
  };
}

/** The unmanaged objects, by collection and id: what `--generate` adopts. */
export function unmanaged(result: AuditResult): (collection: CollectionKey, id: string) => boolean {
  const ids = new Set(result.findings.filter((f) => f.finding === "unmanaged").map((f) => `${f.collection}/${f.id}`));
  return (collection, id) => ids.has(`${collection}/${id}`);
}

/** Each stack's resources of the account as claims on objects, or as not audited with why. */
function claimsOf(
  snapshot: AccountSnapshot,
  stacks: StackExport[],
  unread: Set<Collection>,
  settings: SettingsRead,
): { claims: PendingClaim[]; notAudited: NotAudited[]; summaries: StackSummary[] } {
  const account = snapshot.accountId;
  const notAudited: NotAudited[] = [];
  const claims: PendingClaim[] = [];
  const summaries: StackSummary[] = [];

  for (const stack of stacks) {
    let resources = 0;
    let otherAccounts = 0;
    for (const r of stack.resources) {
      if (r.accountId !== account) {
        if (r.accountId === undefined) notAudited.push(skip(stack, r, "its state records no account id"));
        else otherAccounts++;
        continue;
      }
      resources++;
      const collection = r.token === SETTINGS_TOKEN ? "cniSettings" : COLLECTION_OF[r.token];
      if (collection === undefined) {
        notAudited.push(
          skip(
            stack,
            r,
            NOT_READ[r.token] ?? `this version of the package has no resource type ${r.token}; upgrade it to audit this stack`,
          ),
        );
      } else if (collection !== "cniSettings" && unread.has(collection)) {
        notAudited.push(skip(stack, r, `the account's ${LABEL_OF[collection]} could not be read (see "not read")`));
      } else if (collection === "cniSettings" && (settings === undefined || "error" in settings)) {
        notAudited.push(
          skip(stack, r, settings ? `the CNI settings could not be read: ${settings.error}` : "the CNI settings were not read"),
        );
      } else if (r.token === ROUTE_TABLE_TOKEN) {
        claims.push(...routeTableClaims(stack, r, Object.values(snapshot.live.routes)));
      } else if (r.id === undefined) {
        notAudited.push(skip(stack, r, "its state has no id (a create that never finished)"));
      } else {
        claims.push(resourceClaim(stack, r, r.id, collection));
      }
    }
    summaries.push({
      name: stack.name,
      file: stack.file,
      resources,
      otherAccounts,
      pendingOperations: stack.pendingOperations
        .filter((op) => op.resource.accountId === undefined || op.resource.accountId === account)
        .map((op) => ({ type: op.type, urn: op.resource.urn, resourceType: kind(op.resource.token) })),
    });
  }

  return { claims, notAudited, summaries };
}

function sortFindings(findings: Finding[], stacks: StackExport[]): void {
  const collectionOrder = new Map<string, number>(COLLECTIONS.map((c, i) => [c.key, i]));
  const stackOrder = new Map(stacks.map((s, i) => [s.name, i]));
  const firstStack = (f: Finding) => (f.claims.length ? (stackOrder.get(f.claims[0].stack) ?? 0) : -1);
  findings.sort(
    (a, b) =>
      FINDING_ORDER.indexOf(a.finding) - FINDING_ORDER.indexOf(b.finding) ||
      firstStack(a) - firstStack(b) ||
      (collectionOrder.get(a.collection) ?? 99) - (collectionOrder.get(b.collection) ?? 99) ||
      compareText(a.label, b.label) ||
      compareText(a.id, b.id),
  );
}

// ---- claims ------------------------------------------------------------------------------------

function claimOf(stack: StackExport, r: ExportedResource, entry?: string): Claim {
  const notes: string[] = [];
  if (r.pendingDelete) notes.push("the old object of a replacement: the next `pulumi up` deletes it");
  if (r.pendingReplacement) notes.push("deleted for a replacement that did not finish: the next `pulumi up` creates it again");
  for (const e of r.initErrors) notes.push(`its last create or update failed part-way: ${e}`);
  return {
    stack: stack.name,
    urn: r.urn,
    resource: r.name,
    type: kind(r.token),
    ...(entry ? { entry } : {}),
    differences: [],
    notCompared: [],
    notes,
  };
}

/** A resource of a definition: compared through its provider's readFrom and changedInputPaths. */
function resourceClaim(stack: StackExport, r: ExportedResource, id: string, collection: Collection): PendingClaim {
  const p = facade.definedProvider(r.token);
  const secret = secretFields(p.def);
  const hidden = r.secrets.filter((s) => s.hidden).map((s) => s.path);
  const shown = [...secret, ...r.secrets.map((s) => s.path)];
  return {
    collection,
    id,
    // What the state says the object was called (the label of a missing object).
    label: collection === "cniSettings" ? undefined : labelOf(collection, { ...r.outputs, id }),
    claim: claimOf(stack, r),
    compare: (live) => {
      const refreshed = p.readFrom(id, live, { ...r.outputs, accountId: r.accountId });
      // As the engine hands them to diff: plaintext (the provider marks secrets only for the engine).
      const outs = revealed((refreshed.props ?? {}) as Props);
      const changed = p.changedInputPaths(outs, r.inputs);
      const differences = changed
        .filter((path) => !hidden.some((h) => overlaps(path, h)))
        .map((path) => ({
          path,
          state: masked(path, getPath(r.inputs, path), shown),
          live: masked(path, getPath(outs, path), shown),
        }));
      return { differences, notCompared: hidden };
    },
  };
}

/**
 * A RouteTable's entries: each route it owns (by the id its state records) is a claim on that
 * route, compared with the entry the program gives for it by the table's own comparison. An entry
 * with no route recorded (an apply that failed part-way) is missing.
 */
function routeTableClaims(stack: StackExport, r: ExportedResource, routes: Props[]): PendingClaim[] {
  const entries = (Array.isArray(r.inputs.routes) ? r.inputs.routes : []).filter(isPlainObject) as unknown as RouteEntry[];
  const owned = (Array.isArray(r.outputs.routes) ? r.outputs.routes : []).filter(
    (o): o is OwnedRoute => isPlainObject(o) && typeof o.id === "string",
  );
  let refreshed: Map<string, OwnedRoute> | undefined;
  const refreshedRoutes = () => {
    // One readFrom for the whole table, on the first entry compared.
    if (!refreshed) {
      const outs = revealed(routeTable.readFrom(r.id ?? "", routes, { ...r.outputs, accountId: r.accountId }).props as Props | undefined);
      refreshed = new Map(((outs?.routes ?? []) as OwnedRoute[]).map((o) => [o.id, o]));
    }
    return refreshed;
  };
  const out: PendingClaim[] = owned.map((o) => {
    const key = routeKey(o);
    const entry = entries.find((e) => routeKey(e) === key) ?? o;
    return {
      collection: "routes",
      id: o.id,
      label: key,
      claim: claimOf(stack, r, key),
      compare: () => {
        const live = refreshedRoutes().get(o.id);
        if (!live) return { differences: [], notCompared: [] };
        const differences = routeDifferences(live, entry).map((field) => ({
          path: field,
          state: (entry as Props)[field] ?? null,
          live: (live as Props)[field] ?? null,
        }));
        return { differences, notCompared: [] };
      },
    };
  });
  const ownedKeys = new Set(owned.map((o) => routeKey(o)));
  for (const e of entries) {
    if (ownedKeys.has(routeKey(e))) continue;
    const claim = claimOf(stack, r, routeKey(e));
    claim.notes.push("never created: an apply failed part-way; the next `pulumi up` creates it");
    out.push({ collection: "routes", id: "", label: routeKey(e), claim });
  }
  return out;
}

/** One path is the other or lies inside it. */
function overlaps(a: string, b: string): boolean {
  return a === b || a.startsWith(`${b}.`) || b.startsWith(`${a}.`);
}

function masked(path: string, value: unknown, secrets: string[]): unknown {
  if (value === undefined) return null;
  return secrets.some((s) => overlaps(path, s)) ? SECRET : value;
}

function skip(stack: StackExport, r: ExportedResource, reason: string): NotAudited {
  return { stack: stack.name, urn: r.urn, type: kind(r.token), reason };
}

/** The collections the read skipped (403, 404, errors), by key; a per-site part skips its whole collection. */
function unreadCollections(snapshot: AccountSnapshot): Set<Collection> {
  const out = new Set<Collection>();
  for (const s of snapshot.skipped) {
    for (const c of COLLECTIONS) if (s.what === c.label || s.what.startsWith(`${c.label} of site `)) out.add(c.key);
  }
  return out;
}

// ---- pending operations ------------------------------------------------------------------------

/** The engine's operation types (`apitype.OperationType`) as nouns. */
const PENDING: Record<string, string> = {
  creating: "create",
  updating: "update",
  deleting: "delete",
  reading: "read",
  importing: "import",
};

/**
 * Names the operations a run left pending where they matter: an unmanaged object that a pending
 * create may have made (recognised by the definition's `isSameObject` when it has one), and an
 * object whose update or delete did not finish.
 */
function notePendingOperations(stacks: StackExport[], account: string, findings: Finding[], snapshot: AccountSnapshot): void {
  for (const stack of stacks) {
    for (const op of stack.pendingOperations) {
      const r = op.resource;
      if (r.accountId !== undefined && r.accountId !== account) continue;
      const collection = COLLECTION_OF[r.token];
      if (op.type === "creating" && collection) {
        const def = definitionOf(r.token);
        for (const f of findings) {
          if (f.finding !== "unmanaged" || f.collection !== collection) continue;
          const live = snapshot.live[collection][f.id];
          const isSameObject = def?.lifecycle.kind === "object" ? def.lifecycle.isSameObject : undefined;
          const same = isSameObject && live ? isSameObject(live, r.inputs) : undefined;
          if (same === false) continue;
          const adopt = `adopt it there with \`pulumi refresh --import-pending-creates ${r.urn} ${f.id}\``;
          f.notes.push(
            same
              ? `the pending create of ${r.name} in stack ${stack.name} made it: ${adopt}`
              : `stack ${stack.name} has a pending create of ${r.name} (${kind(r.token)}), which may have made it: if so, ${adopt}`,
          );
        }
      } else if (r.id) {
        for (const f of findings) {
          if (f.id === r.id)
            f.notes.push(`stack ${stack.name} has a pending ${PENDING[op.type] ?? op.type} of it (${r.name}): a run was interrupted`);
        }
      }
    }
  }
}

// ---- labels ------------------------------------------------------------------------------------

/** `magic:GreTunnel` -> `GreTunnel`, `cni:Cni` -> `cni.Cni`. */
export function kind(token: string): string {
  const [module, type] = token.split(":");
  return module === "magic" ? type : `${module}.${type}`;
}

/** What names an object for a reader: its name, a route's prefix and nexthop, a CNI's conduit. */
function labelOf(collection: CollectionKey, o: Props): string {
  if (collection === "routes") return routeKey(o as unknown as RouteEntry);
  if (collection === "cnis" && isPlainObject(o.magic) && typeof o.magic.conduitName === "string") return o.magic.conduitName;
  if (collection === "connectors" && typeof o.deviceSerialNumber === "string") return o.deviceSerialNumber;
  for (const k of ["name", "managedAppId"]) if (typeof o[k] === "string" && o[k] !== "") return o[k];
  return String(o.id);
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
