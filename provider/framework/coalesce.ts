import { AccessError, CloudflareApiError, CloudflareClient, NotFoundError, RateLimitError, ResponseShapeError } from "../client";
import { booleanSetting } from "./settings";

/**
 * Request economy for fleets (issue 11): reads of one collection that arrive together are answered
 * by one list call, and updates of a collection that takes a bulk PUT (a definition's
 * `api.bulkUpdate`) that arrive together go out as one. Everything here is per provider process and
 * per client (credential + base URL).
 *
 * Reads (`readOne`, `list`):
 * - Collection = one list endpoint: account + parent path (+ the definition's headers).
 * - Single flight: a read joins the list of its collection already in flight.
 * - A lone read uses its own GET: a read coalesces only when another read of the collection is in
 *   flight or waiting, or a snapshot is fresh. A read that finds the collection idle waits
 *   GATHER_MS for company first.
 * - Snapshot: a list sent while reads of the collection overlapped, or that answered at least two
 *   callers (a refresh or import burst), serves later reads while they keep arriving: at most
 *   IDLE_MS after its last use and MAX_AGE_MS after it arrived. Any other list is dropped once
 *   answered, so strictly sequential reads (one resource refreshed again and again) always see
 *   the API.
 * - Writes: every create/update/delete of a collection made by this process bumps its version
 *   when it starts and when it ends; a list (in flight or snapshot) counts only if no write
 *   started or ended since it was sent. So no read ever sees a list older than our own last write.
 * - An object missing from a list is confirmed by its own GET (or, for objects read through the
 *   list, by a list sent after the miss) before it is reported gone.
 * - A failed list fails the reads that waited for it (5xx, 429 and network errors were already
 *   retried by the client; sending N GETs instead would multiply the load on a struggling API),
 *   except when the list answered with an unexpected shape or a 4xx other than 401/403/404/429:
 *   then each read falls back to its own GET.
 */

/** How long a lone read waits for another read of its collection before using its own GET. */
const GATHER_MS = 20;
/** A snapshot unused for this long is dropped. */
const IDLE_MS = 2_000;
/** A snapshot is never used this long after its list answered. */
const MAX_AGE_MS = 10_000;
/**
 * Bulk updates go out when no other arrived for this long while no batch of ours is in flight
 * (the engine has stopped feeding us: its P slots all wait on updates we hold, or there are no
 * more), or at once when the batch holds as many as were ever open together in this busy period
 * (the engine's P, learned from the waves before). While a batch is in flight, the next one
 * gathers until it lands: its answers free the engine's slots for the updates that fill it.
 */
const UPDATE_GAP_MS = 200;
/** Longest an update waits for company. */
const UPDATE_MAX_WAIT_MS = 1_000;
/** A busy period ends after this long with no update open: the learned P is forgotten. */
const UPDATE_IDLE_MS = 1_000;
/** Largest bulk PUT. */
const MAX_BATCH = 1000;

type Props = Record<string, unknown>;

/** `cloudflare-magic:coalesce` / CLOUDFLARE_MAGIC_COALESCE, default on. */
export function coalescingEnabled(): boolean {
  return booleanSetting("coalesce") ?? true;
}

function debug(line: string): void {
  if (booleanSetting("debug")) console.error(`[cloudflare-magic] ${line}`);
}

interface ListRun {
  promise: Promise<Props[]>;
  /** Collection version when the list was sent. */
  version: number;
  seq: number;
  /** Set when the answer arrived. */
  at?: number;
  lastUsed: number;
  byId?: Map<unknown, Props>;
  /** Reads this list answered. */
  served: number;
  /** Callers that waited for this list (in flight or as a snapshot). */
  joined: number;
  /** Sent while another read of the collection was in flight. */
  overlapped: boolean;
  logged?: boolean;
}

interface Collection {
  name: string;
  version: number;
  /** Reads of this collection between arrival and answer. */
  active: number;
  seq: number;
  current?: ListRun;
  timer?: NodeJS.Timeout;
}

const collections = new WeakMap<CloudflareClient, Map<string, Collection>>();

function collection(api: CloudflareClient, key: string): Collection {
  let m = collections.get(api);
  if (!m) collections.set(api, (m = new Map<string, Collection>()));
  let c = m.get(key);
  if (!c) m.set(key, (c = { name: key.split("\n")[0], version: 0, active: 0, seq: 0 }));
  return c;
}

/** The key of a collection: its path and any headers that change the answer. */
export function collectionKey(path: string, headers?: Record<string, string>): string {
  return headers && Object.keys(headers).length ? `${path}\n${JSON.stringify(headers)}` : path;
}

/** Runs a write of the collection: lists sent before its end no longer answer reads. */
export async function write<T>(api: CloudflareClient, key: string, f: () => Promise<T>): Promise<T> {
  const c = collection(api, key);
  c.version++;
  retire(c);
  try {
    return await f();
  } finally {
    c.version++;
    retire(c);
  }
}

function usable(c: Collection, run: ListRun | undefined, now: number, minSeq = 0): run is ListRun {
  if (!run || run.version !== c.version || run.seq <= minSeq) return false;
  if (run.at === undefined) return true; // in flight, sent after the last write
  return now - run.at < MAX_AGE_MS && now - run.lastUsed < IDLE_MS;
}

/** Forgets the current list and logs what it did. */
function retire(c: Collection): void {
  const run = c.current;
  if (!run) return;
  c.current = undefined;
  logRun(c, run);
}

function logRun(c: Collection, run: ListRun): void {
  if (run.logged || run.at === undefined) return;
  run.logged = true;
  if (run.served > 1) debug(`coalesced ${run.served} reads of ${c.name} into one list (${run.byId?.size ?? 0} objects)`);
}

/** Starts (or joins) a list of the collection sent after sequence `minSeq`. */
function startList(c: Collection, fetchList: () => Promise<Props[]>, idField: string, minSeq = 0): ListRun {
  const now = Date.now();
  if (usable(c, c.current, now, minSeq)) {
    c.current.joined++;
    return c.current;
  }
  if (c.current) retire(c);
  const run: ListRun = {
    promise: Promise.resolve([]),
    version: c.version,
    seq: ++c.seq,
    lastUsed: now,
    served: 0,
    joined: 1,
    overlapped: c.active >= 2,
  };
  run.promise = fetchList().then(
    (items) => {
      run.at = run.lastUsed = Date.now();
      run.byId = new Map(items.map((o) => [o[idField], o]));
      // Kept only when reads arrived together; one caller's list is not a snapshot for later ones.
      if (run.joined >= 2 || run.overlapped) scheduleExpiry(c, run);
      else if (c.current === run) c.current = undefined;
      return items;
    },
    (e) => {
      if (c.current === run) c.current = undefined;
      throw e;
    },
  );
  c.current = run;
  return run;
}

/** Drops an idle snapshot (and logs it) once nobody used it for IDLE_MS. */
function scheduleExpiry(c: Collection, run: ListRun): void {
  const check = () => {
    if (c.current !== run) return;
    const now = Date.now();
    if (usable(c, run, now)) {
      c.timer = setTimeout(check, Math.max(10, Math.min(IDLE_MS - (now - run.lastUsed), MAX_AGE_MS - (now - run.at!)) + 1));
      c.timer.unref?.();
    } else retire(c);
  };
  if (c.timer) clearTimeout(c.timer);
  c.timer = setTimeout(check, IDLE_MS + 1);
  c.timer.unref?.();
}

/** A list failure after which each read may still try its own GET. */
function fallsBackToGet(e: unknown): boolean {
  if (e instanceof ResponseShapeError) return true;
  return (
    e instanceof CloudflareApiError &&
    e.status >= 400 &&
    e.status < 500 &&
    !(e instanceof AccessError) &&
    !(e instanceof NotFoundError) &&
    !(e instanceof RateLimitError)
  );
}

export interface ReadSpec {
  api: CloudflareClient;
  key: string;
  id: string;
  idField: string;
  /** The collection's list, every page. */
  list: () => Promise<Props[]>;
  /** The object's own GET; absent for objects read through the list. Throws NotFoundError when gone. */
  get?: () => Promise<Props>;
  /** Thrown when the object is confirmed gone and there is no GET to throw it. */
  notFound: () => Error;
}

/** One object by id, from a shared list when reads of its collection arrive together. */
export async function readOne(spec: ReadSpec): Promise<Props> {
  const { api, key, id, get } = spec;
  if (!coalescingEnabled()) return get ? get() : fromList(spec, await spec.list());
  const c = collection(api, key);
  c.active++;
  try {
    let now = Date.now();
    let run: ListRun | undefined = usable(c, c.current, now) ? c.current : undefined;
    if (!run && get && c.active < 2) {
      // Idle collection: wait a moment for company, then go alone.
      await new Promise((r) => setTimeout(r, GATHER_MS));
      now = Date.now();
      if (usable(c, c.current, now)) run = c.current;
      else if (c.active < 2) return await get();
    }
    if (run) run.joined++;
    else run = startList(c, spec.list, spec.idField);
    let found: Props | undefined;
    try {
      await run.promise;
      found = run.byId!.get(id);
    } catch (e) {
      if (get && fallsBackToGet(e)) return await get();
      throw e;
    }
    run.lastUsed = Date.now();
    run.served++;
    if (found) return found;
    // Missing from the list: confirm before reporting it gone.
    if (get) return await get();
    const fresh = startList(c, spec.list, spec.idField, run.seq);
    await fresh.promise;
    fresh.served++;
    const confirmed = fresh.byId!.get(id);
    if (!confirmed) throw spec.notFound();
    return confirmed;
  } finally {
    c.active--;
  }
}

function fromList(spec: ReadSpec, items: Props[]): Props {
  const found = items.find((o) => o[spec.idField] === spec.id);
  if (!found) throw spec.notFound();
  return found;
}

/** The whole collection: joins a list in flight or a fresh snapshot when coalescing is on. */
export async function list(api: CloudflareClient, key: string, idField: string, fetchList: () => Promise<Props[]>): Promise<Props[]> {
  if (!coalescingEnabled()) return fetchList();
  const c = collection(api, key);
  c.active++;
  try {
    const run = startList(c, fetchList, idField);
    const items = await run.promise;
    run.lastUsed = Date.now();
    run.served++;
    return items;
  } finally {
    c.active--;
  }
}

// ---- bulk updates -------------------------------------------------------------------------------

export interface BulkUpdate {
  id: string;
  /** The bulk item without its id: what the single PUT would send. */
  body: Props;
  /** The object's own PUT (fallback, lone updates, corrections); resolves to the updated object. */
  single: () => Promise<Props>;
  /**
   * The single PUT replaces the whole object, the bulk one merges over it: when true, an object the
   * bulk answer shows with a field we did not send is put again on its own, so the result is
   * exactly the single PUT's; a lone exact update keeps its own PUT. When false (a caller that
   * always sends in bulk), even a lone update goes in a bulk PUT.
   */
  exact: boolean;
}

interface Pending extends BulkUpdate {
  resolve: (v: Props) => void;
  reject: (e: unknown) => void;
}

interface Batcher {
  queue: Pending[];
  timer?: NodeJS.Timeout;
  /** When the oldest queued update arrived. */
  since: number;
  /** When the last update ended (open dropped to 0). */
  idleSince: number;
  /** Updates submitted and not yet answered. */
  open: number;
  /** Most updates seen open at once: the engine's parallelism, so a full batch goes out at once. */
  peak: number;
  /** `peak` when the last batch went out: a batch this full goes out without waiting. */
  learned: number;
  /** Batches of ours in flight. */
  inFlight: number;
}

const batchers = new WeakMap<CloudflareClient, Map<string, Batcher>>();

export interface BulkTarget {
  api: CloudflareClient;
  /** The collection path: `PUT` on it is the bulk update. */
  path: string;
  /** Wrapper of the bulk answer (the definition's `api.bulkUpdate.wrapper`). */
  wrapper: string;
  /** Key of the list in the bulk body (the definition's list wrapper): also the plural in labels. */
  bodyKey: string;
  label: string;
  permission: string;
  /** Top-level fields an object may carry that a body may leave out (for `exact`). */
  fields: string[];
}

/**
 * An update of an object of a collection that takes a bulk PUT: goes out with the others that
 * arrive together as one bulk PUT. A lone exact update uses its own PUT. If a batch is refused with
 * a 4xx, the objects the error points at (`/<bodyKey>/N`) are put on their own and the others once
 * more in bulk; without pointers every object is put on its own, so each error lands on the
 * resource that caused it.
 */
export function bulkUpdate(target: BulkTarget, update: BulkUpdate): Promise<Props> {
  if (!coalescingEnabled()) return update.single();
  let m = batchers.get(target.api);
  if (!m) batchers.set(target.api, (m = new Map<string, Batcher>()));
  let b = m.get(target.path);
  if (!b) m.set(target.path, (b = { queue: [], open: 0, peak: 0, learned: 0, inFlight: 0, since: 0, idleSince: 0 }));
  const batcher = b;
  const now = Date.now();
  if (batcher.open === 0 && batcher.inFlight === 0 && now - batcher.idleSince > UPDATE_IDLE_MS) batcher.peak = batcher.learned = 0;
  batcher.open++;
  batcher.peak = Math.max(batcher.peak, batcher.open);
  return new Promise<Props>((resolve, reject) => {
    if (batcher.queue.length === 0) batcher.since = now;
    batcher.queue.push({ ...update, resolve, reject });
    schedule(target, batcher);
  }).finally(() => {
    if (--batcher.open === 0) batcher.idleSince = Date.now();
  });
}

/** Sends the queue now if it is full, else (re)arms the gap timer unless a batch is in flight. */
function schedule(target: BulkTarget, b: Batcher): void {
  if (b.timer) clearTimeout(b.timer);
  b.timer = undefined;
  if (b.queue.length === 0) return;
  if ((b.learned >= 2 && b.queue.length >= b.learned) || b.queue.length >= MAX_BATCH) return flush(target, b);
  if (b.inFlight > 0) return; // the batch in flight reschedules when it lands
  const wait = Math.max(0, Math.min(UPDATE_GAP_MS, b.since + UPDATE_MAX_WAIT_MS - Date.now()));
  b.timer = setTimeout(() => flush(target, b), wait);
}

function flush(target: BulkTarget, b: Batcher): void {
  if (b.timer) clearTimeout(b.timer);
  b.timer = undefined;
  b.learned = b.peak;
  while (b.queue.length > 0) {
    const batch = b.queue.splice(0, MAX_BATCH);
    b.inFlight++;
    void send(target, batch, true).finally(() => {
      b.inFlight--;
      b.since = Date.now();
      schedule(target, b);
    });
  }
}

async function send(target: BulkTarget, batch: Pending[], splitOnPointers: boolean): Promise<void> {
  // A lone exact update keeps its own PUT; an update that is not exact always goes in bulk.
  if (batch.length === 1 && batch[0].exact) return settle(batch[0], batch[0].single());
  const key = collectionKey(target.path);
  let answer: Props[];
  try {
    answer = await write(target.api, key, () =>
      target.api.request<Props[]>({
        method: "PUT",
        path: target.path,
        body: { [target.bodyKey]: batch.map((u) => ({ id: u.id, ...u.body })) },
        unwrap: target.wrapper,
        label: `${target.label} (${batch.length} ${target.bodyKey} in one bulk PUT)`,
        permission: target.permission,
      }),
    );
  } catch (e) {
    if (
      !(e instanceof CloudflareApiError) ||
      e.status < 400 ||
      e.status >= 500 ||
      e instanceof RateLimitError ||
      e instanceof AccessError
    ) {
      for (const u of batch) u.reject(e);
      return;
    }
    // Refused: find the culprits so every error lands on its own object.
    const named = new Set<number>();
    for (const err of e.errors) {
      const m = new RegExp(`^/${target.bodyKey}/(\\d+)(/|$)`).exec(err.source?.pointer ?? "");
      if (m && Number(m[1]) < batch.length) named.add(Number(m[1]));
    }
    const alone = splitOnPointers && named.size > 0 ? batch.filter((_, i) => named.has(i)) : batch;
    const rest = splitOnPointers && named.size > 0 ? batch.filter((_, i) => !named.has(i)) : [];
    debug(
      `bulk PUT ${target.path} of ${batch.length} ${target.bodyKey} refused (HTTP ${e.status}); ${alone.length} sent on their own${rest.length ? `, ${rest.length} again in bulk` : ""}`,
    );
    await Promise.all([...alone.map((u) => settle(u, u.single())), rest.length ? send(target, rest, false) : Promise.resolve()]);
    return;
  }
  debug(`coalesced ${batch.length} updates into one PUT ${target.path}`);
  const byId = new Map((Array.isArray(answer) ? answer : []).map((r) => [r.id, r]));
  await Promise.all(
    batch.map((u) => {
      const r = byId.get(u.id);
      // Not in the answer, or merged with a field the single PUT would have dropped: put it alone.
      if (!r || (u.exact && target.fields.some((f) => r[f] !== undefined && u.body[f] === undefined))) {
        return settle(u, u.single());
      }
      u.resolve(r);
      return Promise.resolve();
    }),
  );
}

async function settle(u: Pending, p: Promise<Props>): Promise<void> {
  try {
    u.resolve(await p);
  } catch (e) {
    u.reject(e);
  }
}
