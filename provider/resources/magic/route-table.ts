import type * as dynamic from "@pulumi/pulumi/dynamic";
import { CloudflareClient, CloudflareError, NotFoundError, path } from "../../client";
import { CheckFailure, validate } from "../../framework/check";
import * as coalesce from "../../framework/coalesce";
import { InitFailedError } from "../../framework/provider";
import { createRecovering } from "../../framework/recover";
import { client, resolveAccountId } from "../../framework/settings";
import { clean, containsUnknown, isPlainObject } from "../../../shared/values";
import { fieldMeta } from "../../framework/define";
import { settle } from "../../framework/equivalence";
import { RESOURCE_NAME_KEY, internalKeysOf, withoutInternalKeys } from "../../../shared/internal-keys";
import { canonical } from "../../../shared/ip";
import { accountId, z } from "../common/fields";
import { routeInputs } from "./static-route";
import { keepInstants } from "../../../shared/times";

/**
 * RouteTable (Cloudflare API "Magic Transit > Routes"): one resource that owns a set of static routes and keeps them
 * with bulk calls. Create adds each route (the create endpoint takes one); an update sends the
 * changed routes in one `PUT /magic/routes`, adds new ones, and removes dropped ones one by one
 * with `DELETE /magic/routes/{route_id}`. A change that removes a setting never goes in the bulk
 * PUT, which merges: a removed description goes in the route's own PUT (read back afterwards), and
 * a removed weight, which Cloudflare keeps when a PUT leaves it out, replaces the route (the new
 * one is made before the old one is deleted by id). The collection `DELETE /magic/routes` is never sent:
 * the reference ("Delete Many Routes") and the official SDK (`routes.empty`) document it with no
 * body, so it empties the account's whole routing table, routes of other stacks included (the
 * client refuses it outright). Routes the table does not own are never touched.
 *
 * This is not a `defineResource` record because it is not one API object: it is a set kept in
 * step with bulk endpoints, so it has its own small provider over the same client and checks.
 */

/** Each entry is validated exactly as a StaticRoute is. */
const route = routeInputs;

const inputs = z.strictObject({
  routes: z.array(route),
  accountId: accountId().optional(),
});

type Props = Record<string, unknown>;
export type RouteEntry = z.infer<typeof route>;
export type OwnedRoute = RouteEntry & { id: string; createdOn?: string; modifiedOn?: string };

const KIND = "RouteTable";
/** Output recording the accountId the program gave, if any (`accountId` holds the one resolved). */
const PROGRAM_ACCOUNT = "__accountIdInput";
const PERMISSION = "Magic Transit: Edit (or Magic WAN: Edit)";

/**
 * A route's identity: prefix + nexthop (+ scope). Two entries with one identity are a conflict.
 * Addresses are compared by value: `2001:0DB8::/32` is `2001:db8::/32`, as Cloudflare answers it.
 */
export function routeKey(r: Pick<RouteEntry, "prefix" | "nexthop" | "scope">): string {
  const scope = scopeKey(r.scope);
  return `${canonical(r.prefix)} via ${canonical(r.nexthop)}${scope ? ` [${scope}]` : ""}`;
}

/** A scope's colos and regions in order ("" when it names none). */
function scopeKey(scope: RouteEntry["scope"]): string {
  const key = scope ? [...(scope.coloNames ?? [])].sort().join(",") + "|" + [...(scope.coloRegions ?? [])].sort().join(",") : "";
  return key === "|" ? "" : key;
}

/**
 * What the plan must do to turn `current` (owned, with ids) into `desired`: routes to `add`, to
 * `change` in the bulk PUT, to `rewrite` with their own PUT (a setting removed: the bulk PUT would
 * merge it back), to `replace` (a setting removed that Cloudflare keeps when a PUT leaves it out,
 * a weight) and to `remove`. Pure, for tests and previews.
 */
export function planRoutes(current: OwnedRoute[], desired: RouteEntry[]) {
  const byKey = new Map(current.map((r) => [routeKey(r), r]));
  const wanted = new Set(desired.map(routeKey));
  const add: RouteEntry[] = [];
  const change: OwnedRoute[] = [];
  const rewrite: OwnedRoute[] = [];
  const replace: Array<{ old: OwnedRoute; entry: RouteEntry }> = [];
  for (const d of desired) {
    const have = byKey.get(routeKey(d));
    if (!have) add.push(d);
    else if (!sameSettings(have, d)) {
      const removed = removedSettings(have, d);
      if (removed.some((k) => fieldMeta(route.shape[k]).keptWhenOmitted)) replace.push({ old: have, entry: d });
      else (removed.length > 0 ? rewrite : change).push({ ...d, id: have.id });
    }
  }
  const remove = current.filter((r) => !wanted.has(routeKey(r)));
  return { add, change, rewrite, replace, remove };
}

/** Settings an entry no longer gives that its live route still carries (absent, `""` and 0 carry nothing, as sameSettings has it). */
function removedSettings(have: RouteEntry, d: RouteEntry): Array<"description" | "weight"> {
  const carried = (v: unknown) => v !== undefined && v !== "" && v !== 0;
  return (["description", "weight"] as const).filter((k) => d[k] === undefined && carried(have[k]));
}

/**
 * The live routes an imported table adopts: one per entry, found by its identity (prefix + nexthop
 * + scope). Where several live routes share an entry's identity (another stack's route, or one made
 * by hand, with another priority), the one with the entry's exact settings is taken; if that still
 * leaves a choice, the import fails naming them, rather than adopting (and later deleting) a route
 * that may belong to someone else. Pure, for tests.
 */
export function adoptByKey(live: OwnedRoute[], desired: RouteEntry[], label?: string): OwnedRoute[] {
  const taken = new Set<string>();
  const out: OwnedRoute[] = [];
  desired.forEach((d, i) => {
    const candidates = live.filter((r) => !taken.has(r.id) && routeKey(r) === routeKey(d));
    const exact = candidates.filter((r) => sameSettings(r, d));
    const pick = candidates.length === 1 ? candidates[0] : exact.length === 1 ? exact[0] : undefined;
    if (pick) {
      taken.add(pick.id);
      out.push(pick);
    } else if (candidates.length > 1) {
      throw new CloudflareError(
        `routes.${i} (${routeKey(d)}) matches ${candidates.length} routes of the account (${candidates.map((r) => `${r.id} priority ${r.priority}`).join(", ")}); ` +
          `a RouteTable adopts one route per entry: give the entry the priority, weight and description of the one to adopt, or manage the others elsewhere.`,
        label,
      );
    }
  });
  return out;
}

/**
 * How the table compares each field of a route. Identity (prefix, nexthop, scope) as `routeKey`
 * does; weight absent and 0 alike, as StaticRoute compares them: Cloudflare answers `weight: 0` for
 * a route created without one (the reference's example answers), which must not plan a change forever.
 */
const IDENTITY = {
  prefix: (r: RouteEntry) => canonical(r.prefix),
  nexthop: (r: RouteEntry) => canonical(r.nexthop),
  scope: (r: RouteEntry) => scopeKey(r.scope),
};
const SETTINGS = {
  priority: (r: RouteEntry) => r.priority,
  description: (r: RouteEntry) => r.description ?? "",
  weight: (r: RouteEntry) => r.weight ?? 0,
};

function differing(fields: Record<string, (r: RouteEntry) => unknown>, a: RouteEntry, b: RouteEntry): string[] {
  return Object.entries(fields)
    .filter(([, value]) => value(a) !== value(b))
    .map(([k]) => k);
}

function sameSettings(a: RouteEntry, b: RouteEntry): boolean {
  return differing(SETTINGS, a, b).length === 0;
}

/**
 * The fields in which a live route differs from an entry, by the table's own comparison: a route
 * whose identity changed is one the table no longer finds (it would add the entry and delete the
 * route), one whose settings changed it would update. For `cloudflare-magic-audit`. Pure.
 */
export function routeDifferences(live: RouteEntry, entry: RouteEntry): string[] {
  return [...differing(IDENTITY, live, entry), ...differing(SETTINGS, live, entry)];
}

function toApi(r: RouteEntry & { id?: string }): Props {
  return clean({
    id: r.id,
    prefix: r.prefix,
    nexthop: r.nexthop,
    priority: r.priority,
    description: r.description,
    weight: r.weight,
    scope: r.scope ? { colo_names: r.scope.coloNames, colo_regions: r.scope.coloRegions } : undefined,
  });
}

function fromApi(o: Props): OwnedRoute {
  const scope = isPlainObject(o.scope)
    ? { coloNames: o.scope.colo_names as string[] | undefined, coloRegions: o.scope.colo_regions as string[] | undefined }
    : undefined;
  return clean({
    id: String(o.id),
    prefix: String(o.prefix),
    nexthop: String(o.nexthop),
    priority: Number(o.priority),
    description: o.description as string | undefined,
    weight: o.weight as number | undefined,
    scope: scope && (scope.coloNames?.length || scope.coloRegions?.length) ? scope : undefined,
    createdOn: o.created_on as string | undefined,
    modifiedOn: o.modified_on as string | undefined,
  });
}

/**
 * A live route as state keeps it: in the spelling and order of `reference` (the program's entry,
 * or what state held) where it means the same (framework/equivalence.ts), and without a 0 weight or
 * empty description the reference never gave (absent and those alike, as sameSettings has it).
 */
function settleRoute(live: OwnedRoute, reference: RouteEntry | undefined): OwnedRoute {
  const out = settle(route, live, reference) as OwnedRoute;
  if (reference?.weight === undefined && out.weight === 0) delete out.weight;
  if (reference?.description === undefined && out.description === "") delete out.description;
  return out;
}

/** The input fields of an owned route (what a refresh records as inputs). */
function asEntry(r: OwnedRoute): RouteEntry {
  return clean({
    prefix: r.prefix,
    nexthop: r.nexthop,
    priority: r.priority,
    description: r.description,
    weight: r.weight,
    scope: r.scope,
  });
}

/** "<verb> RouteTable '<resource name>'", for messages; the id when the name is not known. */
function labelOf(verb: string, props: Props, id: string): string {
  const name = props[RESOURCE_NAME_KEY];
  return `${verb} ${KIND} '${typeof name === "string" ? name : id}'`;
}

class RouteTableProvider implements dynamic.ResourceProvider {
  async check(_olds: Props, news: Props): Promise<dynamic.CheckResult> {
    const user = withoutInternalKeys(news);
    const failures: CheckFailure[] = validate(inputs, user, KIND);
    if (failures.length === 0 && Array.isArray(user.routes)) failures.push(...duplicates(user.routes as RouteEntry[]));
    return { inputs: news, failures };
  }

  async diff(_id: string, olds: Props, news: Props): Promise<dynamic.DiffResult> {
    const replaces = news.accountId !== undefined && news.accountId !== olds.accountId ? ["accountId"] : [];
    if (containsUnknown(news.routes)) return { changes: true, replaces };
    const plan = planRoutes(owned(olds), (news.routes ?? []) as RouteEntry[]);
    const steps = plan.add.length + plan.change.length + plan.rewrite.length + plan.replace.length + plan.remove.length;
    const changes = steps > 0 || replaces.length > 0;
    return { changes, replaces };
  }

  async create(news: Props): Promise<dynamic.CreateResult> {
    const account = resolveAccountId(news.accountId);
    const id = `routetable-${account.slice(0, 8)}-${Date.now().toString(36)}${Math.random().toString(36).slice(2, 8)}`;
    const label = labelOf("create", news, id);
    const state: OwnedRoute[] = [];
    try {
      await this.addAll(client(), account, (news.routes ?? []) as RouteEntry[], state, label);
    } catch (e) {
      // Keep what exists in state: the next apply adds the rest instead of orphaning these.
      throw new InitFailedError(id, this.outputs(news, account, state, news.accountId), (e as Error).message, news);
    }
    return { id, outs: this.outputs(news, account, state, news.accountId) };
  }

  async read(id: string, props: Props): Promise<dynamic.ReadResult> {
    const account = resolveAccountId(props.accountId);
    return this.readFrom(id, await this.listLive(client(), account, labelOf("read", props, id)), props);
  }

  /**
   * What `read` makes of the account's routes as the API lists them, without a request: the
   * refreshed outputs and inputs. `cloudflare-magic-audit` runs it on the routes of a whole account read.
   */
  readFrom(id: string, routes: Props[], props: Props): dynamic.ReadResult {
    const account = resolveAccountId(props.accountId);
    const label = labelOf("read", props, id);
    const live = new Map(routes.map(fromApi).map((r) => [r.id, r]));
    // Only routes this table owns: ids in state (refresh), or, on import, routes matching the program's entries.
    const importing = !(Array.isArray(props.routes) && props.routes.every((r) => isPlainObject(r) && typeof r.id === "string"));
    const mine = importing
      ? adoptByKey([...live.values()], (props.routes ?? []) as RouteEntry[], label)
      : (props.routes as OwnedRoute[]).map((r) => live.get(r.id)).filter((r): r is OwnedRoute => r !== undefined);
    // The account the program itself gave (not the one resolved from config), so refresh never
    // reports an accountId input the user did not write.
    const programAccount = importing ? props.accountId : props[PROGRAM_ACCOUNT];
    const outs = this.outputs(props, account, mine, programAccount);
    const inputsOut: Props = { routes: (outs.routes as OwnedRoute[]).map(asEntry) };
    Object.assign(inputsOut, internalKeysOf(props, PROGRAM_ACCOUNT));
    if (programAccount !== undefined) inputsOut.accountId = programAccount;
    return { id, props: outs, inputs: inputsOut };
  }

  async update(id: string, olds: Props, news: Props): Promise<dynamic.UpdateResult> {
    const account = typeof olds.accountId === "string" ? olds.accountId : resolveAccountId(news.accountId);
    const label = labelOf("update", news, id);
    const api = client();
    const current = owned(olds);
    const plan = planRoutes(current, (news.routes ?? []) as RouteEntry[]);
    // Working copy of what exists, updated as each step lands, so a failure records the truth.
    const state = new Map(current.map((r) => [r.id, r]));
    const snapshot = () => this.outputs(news, account, [...state.values()], news.accountId, olds);
    try {
      const added: OwnedRoute[] = [];
      await this.addAll(api, account, plan.add, added, label);
      for (const r of added) state.set(r.id, r);
      // A route replaced inside the table: the new one first (never mistaken for the old one if its
      // answer is lost), then the old one by its id.
      const replacements: OwnedRoute[] = [];
      const old = new Set(plan.replace.map((r) => r.old.id));
      await this.addAll(
        api,
        account,
        plan.replace.map((r) => r.entry),
        replacements,
        label,
        old,
      );
      for (const r of replacements) state.set(r.id, r);
      if (plan.rewrite.length > 0) {
        for (const r of await this.rewriteAll(api, account, plan.rewrite, label)) state.set(r.id, r);
      }
      if (plan.change.length > 0 && coalesce.coalescingEnabled()) {
        // With StaticRoute updates in flight together, in as few bulk PUTs as possible.
        for (const r of await this.changeAll(api, account, plan.change, label)) state.set(r.id, r);
      } else if (plan.change.length > 0) {
        const modified = await api.request<Props[]>({
          method: "PUT",
          path: path`/accounts/${account}/magic/routes`,
          body: { routes: plan.change.map(toApi) },
          unwrap: "modified_routes",
          label,
          permission: PERMISSION,
        });
        for (const r of modified.map(fromApi)) state.set(r.id, r);
      }
      // Each route gone (deleted, or already absent) leaves the state as it goes, so a failure
      // part-way records exactly the routes that still exist.
      await this.removeAll(api, account, [...plan.remove.map((r) => r.id), ...old], label, (gone) => state.delete(gone));
    } catch (e) {
      if (e instanceof RoutesReadBack) for (const r of e.routes) state.set(r.id, r);
      throw new InitFailedError(id, snapshot(), (e as Error).message, news);
    }
    return { outs: snapshot() };
  }

  async delete(id: string, props: Props): Promise<void> {
    const account = resolveAccountId(props.accountId);
    const label = labelOf("delete", props, id);
    const api = client();
    // One DELETE per owned route; a route deleted behind our back answers 404 and counts as gone.
    // If some fail, the engine keeps the state and the next destroy sends only 404s for the rest.
    await this.removeAll(api, account, [...new Set(owned(props).map((r) => r.id))], label, () => {});
  }

  /**
   * Sends the changed routes through the shared route batcher (framework/coalesce.ts): one bulk
   * PUT with any StaticRoute updates in flight; a refused batch falls back to each route's own PUT.
   */
  private async changeAll(api: CloudflareClient, account: string, routes: OwnedRoute[], label: string): Promise<OwnedRoute[]> {
    const collectionPath = path`/accounts/${account}/magic/routes`;
    const target = { api, path: collectionPath, wrapper: "modified_routes", bodyKey: "routes", label, permission: PERMISSION, fields: [] };
    const results = await Promise.allSettled(
      routes.map((r) => {
        const { id, ...body } = toApi(r);
        const single = () => this.putOne(api, account, r, label);
        return coalesce.updateRoute(target, { id: String(id), body, single, exact: false });
      }),
    );
    const failed = results.filter((x): x is PromiseRejectedResult => x.status === "rejected");
    if (failed.length > 0) {
      throw new CloudflareError(
        `${failed.length} of ${routes.length} routes could not be updated; the first error: ${(failed[0].reason as Error).message}`,
      );
    }
    return results.map((x) => fromApi((x as PromiseFulfilledResult<Props>).value));
  }

  /** One route's own PUT, which replaces the whole route (what the bulk PUT cannot do: it merges). */
  private putOne(api: CloudflareClient, account: string, r: OwnedRoute, label: string): Promise<Props> {
    const { id: _id, ...body } = toApi(r);
    return coalesce.write(api, path`/accounts/${account}/magic/routes`, () =>
      api.request<Props>({
        method: "PUT",
        path: path`/accounts/${account}/magic/routes/${r.id}`,
        body,
        unwrap: "modified_route",
        label: `${label} route ${routeKey(r)}`,
        permission: PERMISSION,
      }),
    );
  }

  /**
   * Routes whose description was removed: each with its own PUT (it replaces the route; the bulk
   * PUT would merge the description back), then one list to check that Cloudflare let it go. One it
   * kept fails the update naming the entry, with the routes as read in state.
   */
  private async rewriteAll(api: CloudflareClient, account: string, routes: OwnedRoute[], label: string): Promise<OwnedRoute[]> {
    const results = await Promise.allSettled(routes.map((r) => this.putOne(api, account, r, label)));
    const failed = results.filter((x): x is PromiseRejectedResult => x.status === "rejected");
    if (failed.length > 0) {
      throw new CloudflareError(
        `${failed.length} of ${routes.length} routes could not be updated; the first error: ${(failed[0].reason as Error).message}`,
      );
    }
    const live = new Map((await this.listAll(api, account, label, true)).map((r) => [r.id, r]));
    const read = routes.map((r) => live.get(r.id) ?? r);
    const kept = read.filter((r, i) => removedSettings(r, routes[i]).length > 0);
    if (kept.length > 0) {
      const held = kept.map((r) => `${routeKey(r)} still has description ${JSON.stringify(r.description)}`).join("; ");
      throw new RoutesReadBack(
        read,
        `the program removed a route's description, but after the update Cloudflare still holds it (${held}); set the description to the value you want instead of removing it.`,
        label,
      );
    }
    return read;
  }

  /** POSTs each route (the create endpoint takes one), in parallel under the shared budget. */
  private async addAll(
    api: CloudflareClient,
    account: string,
    routes: RouteEntry[],
    into: OwnedRoute[],
    label: string,
    notThese: ReadonlySet<string> = new Set(),
  ): Promise<void> {
    const results = await Promise.allSettled(routes.map((r) => this.addOne(api, account, r, label, notThese)));
    for (const res of results) if (res.status === "fulfilled") into.push(res.value);
    const failed = results.filter((r): r is PromiseRejectedResult => r.status === "rejected");
    if (failed.length > 0) {
      throw new CloudflareError(
        `${failed.length} of ${routes.length} routes could not be created; the first error: ${(failed[0].reason as Error).message}`,
      );
    }
  }

  /** One route; a lost answer is resolved by finding it by its identity, never as one of `notThese` (a route it replaces). */
  private async addOne(
    api: CloudflareClient,
    account: string,
    r: RouteEntry,
    label: string,
    notThese: ReadonlySet<string>,
  ): Promise<OwnedRoute> {
    const spec = {
      method: "POST" as const,
      path: path`/accounts/${account}/magic/routes`,
      body: toApi(r),
      label: `${label} route ${routeKey(r)}`,
      permission: PERMISSION,
    };
    return createRecovering({
      send: async () => fromApi(await api.request<Props>(spec)),
      // A lost answer: the route may exist. Find it by its identity (a list sent now) before sending again.
      find: async () => (await this.listAll(api, account, label, true)).find((x) => routeKey(x) === routeKey(r) && !notThese.has(x.id)),
      lookups: 2,
    });
  }

  /**
   * Deletes each route by its own path (`DELETE /magic/routes/{route_id}`), in parallel under the
   * shared budget (the client's pacer). A 404 counts as gone. `onGone` hears of each route that no
   * longer exists; if any delete fails, the others still run and one error names how many failed.
   */
  private async removeAll(
    api: CloudflareClient,
    account: string,
    ids: string[],
    label: string,
    onGone: (id: string) => void,
  ): Promise<void> {
    const results = await Promise.allSettled(ids.map((id) => this.removeOne(api, account, id, label).then(() => onGone(id))));
    const failed = results.filter((r): r is PromiseRejectedResult => r.status === "rejected");
    if (failed.length > 0) {
      throw new CloudflareError(
        `${failed.length} of ${ids.length} routes could not be deleted; the first error: ${(failed[0].reason as Error).message}`,
      );
    }
  }

  private async removeOne(api: CloudflareClient, account: string, id: string, label: string): Promise<void> {
    try {
      await api.request({
        method: "DELETE",
        path: path`/accounts/${account}/magic/routes/${id}`,
        label: `${label} route ${id}`,
        permission: PERMISSION,
      });
    } catch (e) {
      if (!(e instanceof NotFoundError)) throw e;
    }
  }

  /**
   * Every route of the account; shared with StaticRoute reads in flight together
   * (framework/coalesce.ts) unless `fresh` (a lost create's lookup needs a list sent now).
   */
  private async listAll(api: CloudflareClient, account: string, label: string, fresh = false): Promise<OwnedRoute[]> {
    return (await this.listLive(api, account, label, fresh)).map(fromApi);
  }

  /** The same, as the API lists them. */
  private async listLive(api: CloudflareClient, account: string, label: string, fresh = false): Promise<Props[]> {
    const collectionPath = path`/accounts/${account}/magic/routes`;
    const send = async () => {
      const got = await api.request<Props[]>({ method: "GET", path: collectionPath, unwrap: "routes", label, permission: PERMISSION });
      return Array.isArray(got) ? got : [];
    };
    return fresh ? await send() : await coalesce.list(api, collectionPath, "id", send);
  }

  /**
   * Outputs: the owned routes in the order the program declares them (others after), with ids, each
   * in the spelling of the entry it answers (settleRoute); times keep the spelling `previous`
   * (state) has for the same instant (shared/times.ts).
   */
  private outputs(source: Props, account: string, routes: OwnedRoute[], programAccount: unknown, previous: Props = source): Props {
    const entries = ((source.routes ?? []) as RouteEntry[]).filter((r) => isPlainObject(r));
    const order = new Map(entries.map((r, i) => [routeKey(r), i]));
    const sorted = [...routes]
      .sort((a, b) => (order.get(routeKey(a)) ?? 1e9) - (order.get(routeKey(b)) ?? 1e9))
      .map((r) => settleRoute(r, entries[order.get(routeKey(r)) ?? -1]));
    const outs: Props = { routes: sorted, accountId: account };
    Object.assign(outs, internalKeysOf(source));
    if (programAccount !== undefined) outs[PROGRAM_ACCOUNT] = programAccount;
    return clean(keepInstants(outs, previous));
  }
}

/** An update whose routes were read back holding a setting the program removed: the routes as read go to state. */
class RoutesReadBack extends CloudflareError {
  constructor(
    readonly routes: OwnedRoute[],
    message: string,
    label: string,
  ) {
    super(message, label);
  }
}

/** Routes with ids recorded in state. */
function owned(props: Props): OwnedRoute[] {
  return Array.isArray(props.routes) ? (props.routes as OwnedRoute[]).filter((r) => isPlainObject(r) && typeof r.id === "string") : [];
}

/** One failure per entry that repeats an earlier entry's identity, naming both. */
function duplicates(routes: RouteEntry[]): CheckFailure[] {
  const first = new Map<string, number>();
  const failures: CheckFailure[] = [];
  routes.forEach((r, i) => {
    if (containsUnknown(r)) return;
    const k = routeKey(r);
    const seen = first.get(k);
    if (seen === undefined) first.set(k, i);
    else
      failures.push({
        property: `routes.${i}`,
        reason: `routes.${i} repeats routes.${seen} (${k}): a route is identified by its prefix, nexthop and scope, so each may appear once.`,
      });
  });
  return failures;
}

/**
 * Every RouteTable call that writes routes counts as a write of the routes collection, so no
 * coalesced read (framework/coalesce.ts) uses a list sent before it ended.
 */
function tracked(p: RouteTableProvider): RouteTableProvider {
  for (const verb of ["create", "update", "delete"] as const) {
    const original = p[verb].bind(p) as (...args: unknown[]) => Promise<unknown>;
    (p as unknown as Record<string, unknown>)[verb] = (...args: unknown[]) => {
      const props = (verb === "create" ? args[0] : verb === "update" ? args[1] : args[1]) as Props;
      let api: CloudflareClient;
      let account: string;
      try {
        account = resolveAccountId(props.accountId);
        api = client();
      } catch {
        return original(...args); // fails there with its own message
      }
      return coalesce.write(api, path`/accounts/${account}/magic/routes`, () => original(...args));
    };
  }
  return p;
}

export const provider = tracked(new RouteTableProvider());
