import type * as dynamic from "@pulumi/pulumi/dynamic";
import { CloudflareClient, CloudflareError, NotFoundError } from "../../../client";
import { CheckFailure, validate } from "../../../framework/check";
import { accountIdField, buildCodec, finishState } from "../../../framework/codec";
import type { PathContext } from "../../../framework/define";
import { Endpoint, contextOf, labelOf } from "../../../framework/endpoint";
import { InitFailedError } from "../../../framework/errors";
import * as coalesce from "../../../framework/coalesce";
import { createRecovering } from "../../../framework/recover";
import { warnAboutInputs } from "../../../framework/warnings";
import { booleanSetting, client, configFailures } from "../../../framework/settings";
import { hasMet, meet, noteAdopted, wasAdopted } from "../../../framework/this-run";
import { containsUnknown, isPlainObject } from "../../../../shared/values";
import { fieldMeta } from "../../../framework/vocabulary";
import type { CodegenSet } from "../../../framework/codegen";
import { RESOURCE_NAME_KEY, internalKeysOf, withoutInternalKeys } from "../../../../shared/internal-keys";
import { z } from "../../common/fields";
import { progress, report } from "../../../engine/report";
import { definition as staticRoute } from "./static-route";
import {
  type OwnedRoute,
  type RouteEntry,
  asEntry,
  removedSettings,
  routeFromApi,
  ownedRoute,
  routeInputs,
  routeKey,
  routeToApi,
  sameSettings,
  settleRoute,
} from "./route";

export { routeDifferences, routeKey, type OwnedRoute, type RouteEntry } from "./route";

/**
 * RouteTable (Cloudflare API "Magic Transit > Routes"): one resource that owns a set of static
 * routes, StaticRoute objects known by their identity (`routeKey`), kept with bulk calls through
 * the StaticRoute definition's endpoints. Create adds each route (the create endpoint takes one);
 * an update sends the changed routes in one `PUT /magic/routes`, adds new ones, and removes dropped
 * ones one by one with `DELETE /magic/routes/{route_id}`. A change that removes a setting never goes
 * in the bulk PUT, which merges: a removed description goes in the route's own PUT (read back
 * afterwards), and a removed weight, which Cloudflare keeps when a PUT leaves it out, replaces the
 * route (the new one is made before the old one is deleted by id). The collection
 * `DELETE /magic/routes` is never sent: the reference ("Delete Many Routes") and the official SDK
 * (`routes.empty`) document it with no body, so it empties the account's whole routing table,
 * routes of other stacks included (the client refuses it outright). Routes the table does not own
 * are never touched.
 */

/** Each entry is validated exactly as a StaticRoute is. */
const inputs = z.strictObject({
  routes: z
    .array(routeInputs)
    .meta({ description: "The routes this table owns. A route is identified by prefix + nexthop (+ scope); each may appear once." }),
  accountId: accountIdField().optional(),
});

type Props = Record<string, unknown>;

const KIND = "RouteTable";
/** From this many routes in one step on, the step reports its progress. */
const LONG_WRITE = 20;
/** Output recording the accountId the program gave, if any (`accountId` holds the one resolved). */
const PROGRAM_ACCOUNT = "__accountIdInput";

/** The requests of the table's routes: the StaticRoute definition's paths, wrappers and permission. */
const routes = new Endpoint(staticRoute, buildCodec(staticRoute));

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
      if (removed.some((k) => fieldMeta(routeInputs.shape[k]).keptWhenOmitted)) replace.push({ old: have, entry: d });
      else (removed.length > 0 ? rewrite : change).push({ ...d, id: have.id });
    }
  }
  const remove = current.filter((r) => !wanted.has(routeKey(r)));
  return { add, change, rewrite, replace, remove };
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

/** One operation on the table: the client, the account's routes collection and the label. */
interface Call {
  api: CloudflareClient;
  ctx: PathContext;
  label: string;
}

class RouteTableProvider implements dynamic.ResourceProvider {
  async check(_olds: Props, news: Props): Promise<dynamic.CheckResult> {
    const user = withoutInternalKeys(news);
    const failures: CheckFailure[] = validate(inputs, user, KIND);
    if (failures.length === 0 && Array.isArray(user.routes)) failures.push(...duplicates(user.routes as RouteEntry[]));
    for (const reason of configFailures(user.accountId)) failures.push({ property: "(stack config)", reason });
    warnAboutInputs(inputs, user, labelOf("check", KIND, news));
    return { inputs: news, failures };
  }

  async diff(_id: string, olds: Props, news: Props): Promise<dynamic.DiffResult> {
    meetOwned(olds);
    const replaces = news.accountId !== undefined && news.accountId !== olds.accountId ? ["accountId"] : [];
    if (containsUnknown(news.routes)) return { changes: true, replaces };
    const plan = planRoutes(owned(olds), (news.routes ?? []) as RouteEntry[]);
    const steps = plan.add.length + plan.change.length + plan.rewrite.length + plan.replace.length + plan.remove.length;
    const changes = steps > 0 || replaces.length > 0;
    return { changes, replaces };
  }

  async create(news: Props): Promise<dynamic.CreateResult> {
    const ctx = contextOf(news, news);
    const id = `routetable-${ctx.accountId.slice(0, 8)}-${Date.now().toString(36)}${Math.random().toString(36).slice(2, 8)}`;
    const call = { ctx, api: client(), label: labelOf("create", KIND, news, id) };
    const entries = (news.routes ?? []) as RouteEntry[];
    // Cloudflare takes a second route equal to another: routes an interrupted apply left are adopted or named, never made twice.
    const adopted = entries.length > 0 ? await this.twins(call, entries, true) : [];
    const taken = new Set(adopted.map(routeKey));
    const state: OwnedRoute[] = [...adopted];
    try {
      await routes.writing(call.api, call.ctx, () =>
        this.addAll(
          call,
          entries.filter((r) => !taken.has(routeKey(r))),
          state,
        ),
      );
    } catch (e) {
      // Keep what exists in state: the next apply adds the rest instead of orphaning these.
      throw new InitFailedError(id, this.outputs(news, call.ctx.accountId, state, news.accountId), (e as Error).message, news);
    }
    return { id, outs: this.outputs(news, call.ctx.accountId, state, news.accountId) };
  }

  /**
   * The routes of the account that hold exactly an entry (its identity and settings) and that this
   * run has not met as the program's own (framework/this-run.ts): routes an interrupted apply of
   * this table made (`creating`), or an interrupted update of it added. With
   * `cloudflare-magic:adoptExisting` they are adopted (returned); otherwise the create or update
   * fails naming them and how to adopt them, before any route is sent.
   */
  private async twins(call: Call, entries: RouteEntry[], creating: boolean): Promise<OwnedRoute[]> {
    // Each entry's routes among `candidates(entry)`: its identity and settings, never one of the program's own.
    const heldIn = async (candidates: (entry: RouteEntry) => Props[] | Promise<Props[]>) => {
      const found = await Promise.all(
        entries.map(async (entry, i) => ({
          i,
          entry,
          held: (await candidates(entry))
            .map(routeFromApi)
            .filter((r) => !hasMet(staticRoute.token, r.id) && routeKey(r) === routeKey(entry) && sameSettings(r, entry)),
        })),
      );
      return found.filter((t) => t.held.length > 0);
    };
    // From what the routes collection held when the run first looked (one list per run, indexed,
    // shared with StaticRoute creates); routes found there are confirmed by a list sent now.
    let found = await heldIn((entry) => routes.twinCandidates(call.api, call.ctx, call.label, entry));
    if (found.length > 0) {
      const byKey = new Map<string, Props[]>();
      for (const o of await this.listLive(call, true)) {
        const key = routeKey(routeFromApi(o));
        byKey.set(key, [...(byKey.get(key) ?? []), o]);
      }
      found = await heldIn((entry) => byKey.get(routeKey(entry)) ?? []);
    }
    if (found.length === 0) return [];
    const listed = found
      .slice(0, 5)
      .map((t) => `routes.${t.i} (${routeKey(t.entry)}) by ${t.held.map((r) => r.id).join(" and ")}`)
      .join("; ");
    const more = found.length > 5 ? ` and ${found.length - 5} more` : "";
    const lead =
      `Cloudflare takes a second route equal to another, and the account already holds ${found.length} of the ${entries.length} routes this table would create ` +
      `(typically made by an interrupted apply): ${listed}${more}.`;
    if (booleanSetting("adoptExisting") && found.every((t) => t.held.length === 1)) {
      const line = `adopted ${found.length} existing routes holding exactly entries of this table (cloudflare-magic:adoptExisting is on); the rest are created.`;
      console.error(`[cloudflare-magic] ${call.label}: ${line}`);
      report().info(line);
      for (const t of found) noteAdopted(staticRoute.token, t.held[0].id);
      return found.map((t) => t.held[0]);
    }
    const name = String((call.ctx.props[RESOURCE_NAME_KEY] as string | undefined) ?? "table");
    const adopt =
      creating && found.length === entries.length
        ? `If an interrupted apply made them, adopt them: give this table the resource option \`import: "routetable-${name}"\` (any id) for one apply, which takes each entry's route, or turn on \`cloudflare-magic:adoptExisting\` for one apply. `
        : // An import must find every entry (the engine refuses an import whose inputs differ from what it
          // read), and a table already in state ignores the option.
          "If an interrupted apply made them, adopt them: `pulumi config set cloudflare-magic:adoptExisting true` for one apply (the table takes these routes and creates the rest), then turn it off. ";
    throw new CloudflareError(
      `${lead} Nothing was created. ` +
        (found.some((t) => t.held.length > 1)
          ? "Some entry is held by several routes, so none is adopted: delete the extra ones, then apply again. "
          : adopt) +
        "If this stack holds them in a table renamed in the program, add the old name to this table's `aliases` instead; " +
        `for a \`pulumi up --replace '${report().urn ?? "<urn>"}'\` of this table, give it \`deleteBeforeReplace: true\` for that apply. If another stack manages them, change this table instead.`,
      call.label,
    );
  }

  async read(id: string, props: Props): Promise<dynamic.ReadResult> {
    meetOwned(props);
    const call = this.call("read", props, props, id);
    return this.readFrom(id, await this.listLive(call), props);
  }

  /**
   * What `read` makes of the account's routes as the API lists them, without a request: the
   * refreshed outputs and inputs. `cloudflare-magic-audit` runs it on the routes of a whole account read.
   */
  readFrom(id: string, listed: Props[], props: Props): dynamic.ReadResult {
    const account = contextOf(props, props).accountId;
    const label = labelOf("read", KIND, props, id);
    const live = new Map(listed.map(routeFromApi).map((r) => [r.id, r]));
    // Only routes this table owns: ids in state (refresh), or, on import, routes matching the program's entries.
    const importing = !(Array.isArray(props.routes) && props.routes.every((r) => isPlainObject(r) && typeof r.id === "string"));
    const mine = importing
      ? adoptByKey([...live.values()], (props.routes ?? []) as RouteEntry[], label)
      : (props.routes as OwnedRoute[]).map((r) => live.get(r.id)).filter((r): r is OwnedRoute => r !== undefined);
    // The account the program itself gave (not the one resolved from config), so refresh never
    // reports an accountId input the user did not write.
    const programAccount = importing ? props.accountId : props[PROGRAM_ACCOUNT];
    const outs = this.outputs(props, account, mine, programAccount);
    const recorded: Props = { routes: (outs.routes as OwnedRoute[]).map(asEntry), ...internalKeysOf(props, PROGRAM_ACCOUNT) };
    if (programAccount !== undefined) recorded.accountId = programAccount;
    return { id, props: outs, inputs: recorded };
  }

  async update(id: string, olds: Props, news: Props): Promise<dynamic.UpdateResult> {
    meetOwned(olds);
    const call = this.call("update", news, olds, id);
    const current = owned(olds);
    const plan = planRoutes(current, (news.routes ?? []) as RouteEntry[]);
    // Working copy of what exists, updated as each step lands, so a failure records the truth.
    const state = new Map(current.map((r) => [r.id, r]));
    // Routes an interrupted update of this table added (or made to replace one) are adopted or named, never made twice.
    const adds = [...plan.add, ...plan.replace.map((r) => r.entry)];
    const adopted = adds.length > 0 ? await this.twins(call, adds, false) : [];
    for (const r of adopted) state.set(r.id, r);
    const taken = new Set(adopted.map(routeKey));
    const snapshot = () => this.outputs(news, call.ctx.accountId, [...state.values()], news.accountId, olds);
    try {
      await routes.writing(call.api, call.ctx, async () => {
        const added: OwnedRoute[] = [];
        await this.addAll(
          call,
          plan.add.filter((r) => !taken.has(routeKey(r))),
          added,
        );
        for (const r of added) state.set(r.id, r);
        // A route replaced inside the table: the new one first (never mistaken for the old one if its
        // answer is lost), then the old one by its id.
        const replacements: OwnedRoute[] = [];
        const old = new Set(plan.replace.map((r) => r.old.id));
        await this.addAll(
          call,
          plan.replace.map((r) => r.entry).filter((r) => !taken.has(routeKey(r))),
          replacements,
          old,
        );
        for (const r of replacements) state.set(r.id, r);
        if (plan.rewrite.length > 0) {
          for (const r of await this.rewriteAll(call, plan.rewrite)) state.set(r.id, r);
        }
        if (plan.change.length > 0) {
          for (const r of await this.changeAll(call, plan.change)) state.set(r.id, r);
        }
        // Each route gone (deleted, or already absent) leaves the state as it goes, so a failure
        // part-way records exactly the routes that still exist.
        await this.removeAll(call, [...plan.remove.map((r) => r.id), ...old], (gone) => state.delete(gone));
      });
    } catch (e) {
      if (e instanceof RoutesReadBack) for (const r of e.routes) state.set(r.id, r);
      throw new InitFailedError(id, snapshot(), (e as Error).message, news);
    }
    return { outs: snapshot() };
  }

  async delete(id: string, props: Props): Promise<void> {
    const call = this.call("delete", props, props, id);
    meetOwned(props);
    // Routes a create of this same apply adopted (adoptExisting) belong to that table now: the engine
    // is deleting the state it replaced (a `--replace`, a renamed table). They stay.
    const ids = [...new Set(owned(props).map((r) => r.id))];
    const kept = ids.filter((r) => wasAdopted(staticRoute.token, r));
    if (kept.length > 0) {
      const line = `left ${kept.length} routes in place: a create of this apply adopted them (cloudflare-magic:adoptExisting), so they belong to that table now.`;
      console.error(`[cloudflare-magic] ${call.label}: ${line}`);
      report().warn(line);
    }
    // One DELETE per owned route; a route deleted behind our back answers 404 and counts as gone.
    // If some fail, the engine keeps the state and the next destroy sends only 404s for the rest.
    const gone = ids.filter((r) => !wasAdopted(staticRoute.token, r));
    await routes.writing(call.api, call.ctx, () => this.removeAll(call, gone, () => {}));
  }

  /** The client, the account (the program's, else the one state recorded, else the configured one) and the label. */
  private call(verb: string, source: Props, state: Props, id?: string): Call {
    return { ctx: contextOf(source, state), api: client(), label: labelOf(verb, KIND, source, id) };
  }

  /**
   * Sends the changed routes in bulk: with coalescing on, through the shared bulk writer
   * (framework/coalesce.ts), in one PUT with any StaticRoute updates in flight; a refused batch
   * falls back to each route's own PUT. With coalescing off, one bulk PUT of its own.
   */
  private async changeAll(call: Call, changed: OwnedRoute[]): Promise<OwnedRoute[]> {
    const { api, ctx, label } = call;
    if (!coalesce.coalescingEnabled()) {
      const modified = await api.request<Props[]>({
        ...routes.base(label),
        method: "PUT",
        path: staticRoute.api.collection(ctx),
        body: { routes: changed.map(routeToApi) },
        unwrap: staticRoute.api.bulkUpdate!.wrapper,
      });
      return modified.map(routeFromApi);
    }
    const target = routes.bulkTarget(api, ctx, label)!;
    const results = await Promise.allSettled(
      changed.map((r) => {
        const { id, ...body } = routeToApi(r);
        return coalesce.bulkUpdate(target, { id: String(id), body, single: () => this.putOne(call, r), exact: false });
      }),
    );
    const failed = results.filter((x): x is PromiseRejectedResult => x.status === "rejected");
    if (failed.length > 0) {
      throw new CloudflareError(
        `${failed.length} of ${changed.length} routes could not be updated; the first error: ${(failed[0].reason as Error).message}`,
      );
    }
    return results.map((x) => routeFromApi((x as PromiseFulfilledResult<Props>).value));
  }

  /** One route's own PUT, which replaces the whole route (what the bulk PUT cannot do: it merges). */
  private putOne(call: Call, r: OwnedRoute): Promise<Props> {
    const { id: _id, ...body } = routeToApi(r);
    return routes.putOne(call.api, call.ctx, `${call.label} route ${routeKey(r)}`, r.id, body);
  }

  /**
   * Routes whose description was removed: each with its own PUT (it replaces the route; the bulk
   * PUT would merge the description back), then one list to check that Cloudflare let it go. One it
   * kept fails the update naming the entry, with the routes as read in state.
   */
  private async rewriteAll(call: Call, rewritten: OwnedRoute[]): Promise<OwnedRoute[]> {
    const results = await Promise.allSettled(rewritten.map((r) => this.putOne(call, r)));
    const failed = results.filter((x): x is PromiseRejectedResult => x.status === "rejected");
    if (failed.length > 0) {
      throw new CloudflareError(
        `${failed.length} of ${rewritten.length} routes could not be updated; the first error: ${(failed[0].reason as Error).message}`,
      );
    }
    const live = new Map((await this.listAll(call, true)).map((r) => [r.id, r]));
    const read = rewritten.map((r) => live.get(r.id) ?? r);
    const kept = read.filter((r, i) => removedSettings(r, rewritten[i]).length > 0);
    if (kept.length > 0) {
      const held = kept.map((r) => `${routeKey(r)} still has description ${JSON.stringify(r.description)}`).join("; ");
      throw new RoutesReadBack(
        read,
        `the program removed a route's description, but after the update Cloudflare still holds it (${held}); set the description to the value you want instead of removing it.`,
        call.label,
      );
    }
    return read;
  }

  /** POSTs each route (the create endpoint takes one), in parallel under the shared budget. */
  private async addAll(call: Call, entries: RouteEntry[], into: OwnedRoute[], notThese: ReadonlySet<string> = new Set()): Promise<void> {
    // Many routes take a while: their progress is the table's status in the CLI.
    const done = LONG_WRITE <= entries.length ? progress(entries.length, (n, of) => `routes: ${n} of ${of} created`) : undefined;
    const results = await Promise.allSettled(entries.map((r) => this.addOne(call, r, notThese).finally(() => done?.step())));
    for (const res of results)
      if (res.status === "fulfilled") {
        into.push(res.value);
        meet(staticRoute.token, res.value.id);
      }
    const failed = results.filter((r): r is PromiseRejectedResult => r.status === "rejected");
    if (failed.length > 0) {
      throw new CloudflareError(
        `${failed.length} of ${entries.length} routes could not be created; the first error: ${(failed[0].reason as Error).message}`,
      );
    }
  }

  /** One route; a lost answer is resolved by finding it by its identity, never as one of `notThese` (a route it replaces). */
  private async addOne(call: Call, r: RouteEntry, notThese: ReadonlySet<string>): Promise<OwnedRoute> {
    const spec = routes.createSpec(call.ctx, `${call.label} route ${routeKey(r)}`, routeToApi(r));
    return createRecovering({
      send: async () => routeFromApi((await call.api.request(spec)) as Props),
      // A lost answer: the route may exist. Find it by its identity (a list sent now) before sending again.
      find: async () => (await this.listAll(call, true)).find((x) => routeKey(x) === routeKey(r) && !notThese.has(x.id)),
      lookups: 2,
    });
  }

  /**
   * Deletes each route by its own path (`DELETE /magic/routes/{route_id}`), in parallel under the
   * shared budget (the client's pacer). A 404 counts as gone. `onGone` hears of each route that no
   * longer exists; if any delete fails, the others still run and one error names how many failed.
   */
  private async removeAll(call: Call, ids: string[], onGone: (id: string) => void): Promise<void> {
    const removeOne = async (id: string) => {
      try {
        await routes.deleteOne(call.api, call.ctx, `${call.label} route ${id}`, id);
      } catch (e) {
        if (!(e instanceof NotFoundError)) throw e;
      }
      onGone(id);
    };
    const done = LONG_WRITE <= ids.length ? progress(ids.length, (n, of) => `routes: ${n} of ${of} deleted`) : undefined;
    const results = await Promise.allSettled(ids.map((id) => removeOne(id).finally(() => done?.step())));
    const failed = results.filter((r): r is PromiseRejectedResult => r.status === "rejected");
    if (failed.length > 0) {
      throw new CloudflareError(
        `${failed.length} of ${ids.length} routes could not be deleted; the first error: ${(failed[0].reason as Error).message}`,
      );
    }
  }

  /**
   * Every route of the account; shared with StaticRoute reads in flight together
   * (framework/coalesce.ts) unless `fresh` (a lost create's lookup needs a list sent now).
   */
  private async listAll(call: Call, fresh = false): Promise<OwnedRoute[]> {
    return (await this.listLive(call, fresh)).map(routeFromApi);
  }

  /** The same, as the API lists them. */
  private async listLive(call: Call, fresh = false): Promise<Props[]> {
    return fresh ? await routes.listNow(call.api, call.ctx, call.label) : await routes.list(call.api, call.ctx, call.label);
  }

  /**
   * Outputs: the owned routes in the order the program declares them (others after), with ids, each
   * in the spelling of the entry it answers (settleRoute); our keys as the framework keeps them
   * (framework/codec.ts, finishState: times in the spelling `previous` (state) has for the same instant).
   */
  private outputs(source: Props, account: string, owned: OwnedRoute[], programAccount: unknown, previous: Props = source): Props {
    const entries = ((source.routes ?? []) as RouteEntry[]).filter((r) => isPlainObject(r));
    const order = new Map(entries.map((r, i) => [routeKey(r), i]));
    const sorted = [...owned]
      .sort((a, b) => (order.get(routeKey(a)) ?? 1e9) - (order.get(routeKey(b)) ?? 1e9))
      .map((r) => settleRoute(r, entries[order.get(routeKey(r)) ?? -1]));
    const outs = finishState({ routes: sorted, accountId: account }, source, previous);
    if (programAccount !== undefined) outs[PROGRAM_ACCOUNT] = programAccount;
    return outs;
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

/** Notes the routes a table's state owns as the program's own for this run (never a twin of a create). */
function meetOwned(props: Props): void {
  for (const r of owned(props)) meet(staticRoute.token, r.id);
}

/** Routes with ids recorded in state. */
function owned(props: Props): OwnedRoute[] {
  return Array.isArray(props.routes) ? (props.routes as OwnedRoute[]).filter((r) => isPlainObject(r) && typeof r.id === "string") : [];
}

/** One failure per entry that repeats an earlier entry's identity, naming both. */
function duplicates(entries: RouteEntry[]): CheckFailure[] {
  const first = new Map<string, number>();
  const failures: CheckFailure[] = [];
  entries.forEach((r, i) => {
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

export const provider = new RouteTableProvider();

/**
 * For codegen: an account's routes go into one table, except those that share a key (the table
 * holds one route per key); its import id only names the table, whose read adopts routes by key.
 */
export const codegen: CodegenSet = {
  holds: "magic:StaticRoute",
  field: "routes",
  key: (entry) => routeKey(entry as RouteEntry),
  name: "routes",
  importId: (accountId) => `routetable-${accountId.slice(0, 8)}-adopted`,
};

/**
 * The table's shape for the provider plugin's schema (a definition gives its own): the routes as
 * the program writes them, and as the table records them (with their Cloudflare ids and times).
 */
export const shape = {
  inputs,
  outputs: z.object({
    routes: z
      .array(ownedRoute)
      .meta({ description: "The owned routes with their Cloudflare ids, in the order the program declares them." }),
  }),
};
