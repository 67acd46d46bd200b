import type * as dynamic from "@pulumi/pulumi/dynamic";
import {
  AccessError,
  AuthError,
  CloudflareApiError,
  CloudflareClient,
  CloudflareError,
  NotFoundError,
  OutcomeUnknownError,
  RequestSpec,
} from "../client";
import { accountId as accountIdField, z } from "../resources/common/fields";
import { CheckFailure, validate } from "./check";
import { fieldMeta, type Operation, type PathContext, type ResourceDefinition, secretFields } from "./define";
import { booleanSetting, client, configFailures, resolveAccountId } from "./settings";
import * as coalesce from "./coalesce";
import { createRecovering } from "./recover";
import { defaultOf, fieldAt, isEmpty, project, same, settle } from "./equivalence";
import {
  camelToSnake,
  clean,
  containsUnknown,
  convertKeys,
  getPath,
  isPlainObject,
  leafPaths,
  setPath,
  snakeToCamel,
  withSecretsAt,
} from "../../shared/values";
import { keepInstants } from "../../shared/times";
import {
  INPUT_PATHS_KEY as INPUT_PATHS,
  PROVIDER_KEY,
  RESOURCE_NAME_KEY as RESOURCE_NAME,
  internalKeysOf,
  withoutInternalKeys,
} from "../../shared/internal-keys";

/** Output of a settings singleton: the values it had before this resource took it over. */
const RESTORE = "restoreOnDelete";

type Props = Record<string, unknown>;

/**
 * The one generic provider: turns a ResourceDefinition into Pulumi's dynamic ResourceProvider.
 * Every resource gets the same check/diff/create/read/update/delete behaviour from here.
 */
export class DefinedProvider implements dynamic.ResourceProvider {
  private readonly schema: z.ZodObject;
  private readonly opaqueCamel: Set<string>;
  private readonly opaqueSnake: Set<string>;
  private readonly toSnake: (k: string) => string;
  private readonly toCamel: (k: string) => string;
  private readonly idField: string;
  /** What every answer about one object must be: an object with its id (extra fields welcome). */
  private readonly objectSchema: z.ZodType<Props>;
  /** A create answers with the object, or with a list of objects for some endpoints (WANs, LANs). */
  private readonly createdSchema: z.ZodType<Props | Props[]>;
  /** The definition's secret fields as dotted paths (`psk`, `bgp.md5Key`). */
  private readonly secrets: string[];

  constructor(readonly def: ResourceDefinition) {
    this.schema = def.inputs.extend({ accountId: accountIdField().optional() });
    this.opaqueSnake = new Set(def.opaqueMaps ?? []);
    this.opaqueCamel = new Set((def.opaqueMaps ?? []).map((p) => p.split(".").map(snakeToCamel).join(".")));
    const aliases = def.keyAliases ?? {};
    const reverse = Object.fromEntries(Object.entries(aliases).map(([c, sn]) => [sn, c]));
    this.toSnake = (k) => aliases[k] ?? camelToSnake(k);
    this.toCamel = (k) => reverse[k] ?? snakeToCamel(k);
    this.idField = def.api.idField ?? "id";
    // A settings singleton has no id of its own (its id is the account).
    this.objectSchema = def.singleton ? z.looseObject({}) : z.looseObject({ [this.idField]: z.string().min(1) });
    this.createdSchema = z.union([this.objectSchema, z.array(z.looseObject({}))]);
    this.secrets = secretFields(def);
  }

  async check(olds: Props, news: Props): Promise<dynamic.CheckResult> {
    const inputs = userInputs(news);
    const failures: CheckFailure[] = validate(this.schema, inputs, this.def.kind);
    const seen = new Set(failures.map((f) => f.property));
    for (const [property, phrase] of this.def.rules?.(inputs) ?? []) {
      if (!seen.has(property)) failures.push({ property, reason: `${property} ${phrase}.` });
    }
    for (const reason of configFailures()) failures.push({ property: "(stack config)", reason });
    if (failures.length === 0 && Object.keys(userInputs(olds)).length === 0) failures.push(...(await this.validateWithApi(inputs, news)));
    return { inputs: this.sealed(news), failures };
  }

  async diff(_id: string, olds: Props, news: Props): Promise<dynamic.DiffResult> {
    const changed = this.changedInputPaths(olds, news);
    const replaceKeys = new Set([...(this.def.replaceOn ?? []), ...(this.def.createOnly ?? []), "accountId"]);
    // Without an update API every change the API holds replaces; our own local inputs (triggers,
    // wait options) do not, unless the definition names them (a parent id in the path does).
    const local = new Set(this.def.localInputs ?? []);
    // A field the API keeps when an update leaves it out can only be removed by a new object.
    const keptWhenRemoved = (p: string) => {
      const field = fieldAt(this.schema, p);
      return getPath(userInputs(news), p) === undefined && field !== undefined && fieldMeta(field).keptWhenOmitted === true;
    };
    const replaces = [
      ...new Set(
        changed
          .filter((p) => replaceKeys.has(topKey(p)) || (!this.def.api.update && !local.has(topKey(p))) || keptWhenRemoved(p))
          .map(topKey),
      ),
    ];
    // An adopted object lacks what our step after create makes (an IPsec PSK): an update makes it.
    const missing = (this.def.madeAfterCreate ?? []).some((k) => olds[k] === undefined && news[k] === undefined);
    // A replacement that keeps a unique name must delete first, or the create would clash with it.
    const keepsName = this.def.isSameObject !== undefined && news.name !== undefined && news.name === olds.name;
    const deleteFirst = replaces.length > 0 && (keepsName || this.clashes(olds, news));
    return { changes: changed.length > 0 || missing, replaces, deleteBeforeReplace: deleteFirst || undefined };
  }

  /**
   * Whether the object a replacement creates would clash with the one it replaces in the same
   * collection: the new inputs recognise the old object as theirs (`isSameObject`: a CNI's conduit
   * on its interconnect) or would sit where it sits (`naturalKey`: a slot, a port and VLAN).
   */
  private clashes(olds: Props, news: Props): boolean {
    const { isSameObject, naturalKey } = this.def;
    if (!isSameObject && !naturalKey) return false;
    const inputs = userInputs(news);
    try {
      const where = (source: Props) => this.def.api.collection({ accountId: String(source.accountId ?? olds.accountId), props: source });
      if (where(olds) !== where({ ...olds, ...inputs })) return false;
      const old = convertKeys(pickSchemaKeys(this.def.inputs, olds), this.toSnake, this.opaqueCamel) as Props;
      return Boolean(isSameObject?.(old, inputs) || naturalKey?.(old, inputs));
    } catch {
      // A predicate or path that cannot tell (a connector made for a new license has nothing unique): no clash.
      return false;
    }
  }

  async create(news: Props): Promise<dynamic.CreateResult> {
    const { id, outs } = await this.createObject(news);
    return { id, outs: this.sealed(outs) };
  }

  private async createObject(news: Props): Promise<{ id: string; outs: Props }> {
    const inputs = userInputs(news);
    const ctx = this.context(inputs, news);
    const label = this.label("create", news);
    const api = client();
    if (this.def.adopt) return this.adopt(api, ctx, label, news, inputs);
    if (this.def.singleton) return this.takeOver(api, ctx, label, news, inputs);
    const spec: RequestSpec<unknown> = {
      ...this.base(label),
      method: "POST",
      path: this.def.api.collection(ctx),
      body: this.toApi(inputs, false),
      unwrap: this.def.api.wrappers.create,
      schema: this.createdSchema,
    };
    // Objects with nothing unique to find them by: note what exists first, so that a lost answer
    // can be resolved by what appeared (one extra request, only for these).
    const before = this.def.isSameObject ? undefined : new Set((await this.list(api, ctx, label)).map((o) => o[this.idField]));
    const created = await coalesce.write(api, this.collectionKey(ctx), async () => {
      try {
        return this.pick(await api.request(spec), inputs, label);
      } catch (e) {
        if (e instanceof OutcomeUnknownError) return await this.recoverCreate(api, spec, ctx, inputs, e, before);
        if (isDuplicateRefusal(e)) return await this.existingOnConflict(api, spec, ctx, inputs, e);
        throw e;
      }
    });
    const id = this.idOf(created, label);
    const outs = this.outputs(created, ctx.accountId, news, leafPaths(inputs));
    if (!this.def.afterCreate) return { id, outs };
    return { id, outs: await this.after(id, outs, news, () => this.def.afterCreate!(this.operation(api, ctx, label), id, outs, inputs)) };
  }

  /**
   * The input paths whose values differ between the state (`olds`: outputs) and the program
   * (`news`): what `diff` decides on, so `cloudflare-magic-audit` reports drift by the same equality.
   */
  changedInputPaths(olds: Props, news: Props): string[] {
    return changedPaths(this.schema, olds, news);
  }

  async read(id: string, props: Props): Promise<dynamic.ReadResult> {
    // On refresh `props` are the last outputs; on an `import` read they are the program's inputs.
    const ctx = this.context(props, props);
    const label = this.label("read", props, id);
    let live: Props;
    try {
      live = await this.fetch(client(), ctx, id, label);
    } catch (e) {
      if (e instanceof NotFoundError) return {};
      throw e;
    }
    return this.readFrom(id, live, props);
  }

  /**
   * What `read` makes of the live API object, without a request: the refreshed outputs and inputs.
   * `cloudflare-magic-audit` runs it on a whole account's lists to hold every stack's state against them.
   */
  readFrom(id: string, live: Props, props: Props): dynamic.ReadResult {
    const ctx = this.context(props, props);
    const paths = Array.isArray(props[INPUT_PATHS]) ? (props[INPUT_PATHS] as string[]) : leafPaths(userInputs(props));
    // A settings singleton read without a record of its earlier values (an `import`): what it
    // holds now is what it held before this stack managed it, so that is what destroy puts back.
    const source = this.def.singleton && props[RESTORE] === undefined ? { ...props, [RESTORE]: this.restorePoint(live) } : props;
    const outs = this.outputs(live, ctx.accountId, source, paths, props);
    return { id, props: this.sealed(outs), inputs: this.sealed(this.inputsFrom(outs, paths, props)) };
  }

  async update(id: string, olds: Props, news: Props): Promise<dynamic.UpdateResult> {
    return { outs: this.sealed(await this.updateObject(id, olds, news)) };
  }

  private async updateObject(id: string, olds: Props, news: Props): Promise<Props> {
    const inputs = userInputs(news);
    const ctx = this.context(inputs, olds);
    const label = this.label("update", news, id);
    const api = client();
    const op = this.operation(api, ctx, label);
    if (!this.def.api.update) {
      // Nothing the API can change: only our local inputs changed, or the engine is retrying an
      // object whose step after create failed. Refresh the outputs and run that step again.
      const outs = this.outputs(await this.fetch(api, ctx, id, label), ctx.accountId, news, leafPaths(inputs), olds);
      if (!this.def.afterCreate) return outs;
      return await this.after(id, outs, news, () => this.def.afterCreate!(op, id, outs, inputs));
    }
    const outs = this.outputs(await this.put(api, ctx, label, id, olds, inputs), ctx.accountId, news, leafPaths(inputs), olds);
    await this.verifyRemovals(api, ctx, label, id, removedPaths(olds, inputs), news, inputs);
    if (!this.def.afterUpdate) return outs;
    return await this.after(id, outs, news, () => this.def.afterUpdate!(op, id, outs, olds, news));
  }

  async delete(id: string, props: Props): Promise<void> {
    // Adopted objects belong to Cloudflare: destroying the resource only stops managing them.
    if (this.def.adopt) return;
    const ctx = this.context(props, props);
    const label = this.label("delete", props, id);
    const api = client();
    try {
      await coalesce.write(api, this.collectionKey(ctx), () => this.remove(api, ctx, label, id, props));
    } catch (e) {
      // Already gone (deleted behind our back, or by an earlier attempt whose answer was lost).
      if (!(e instanceof NotFoundError)) throw e;
    }
  }

  private async remove(api: CloudflareClient, ctx: PathContext, label: string, id: string, props: Props): Promise<void> {
    if (this.def.singleton) {
      // Without a record of the earlier values (state imported by an older release) there is
      // nothing to put back: the settings stay as they are, only no longer managed. Never `PUT {}`.
      if (!isPlainObject(props[RESTORE])) return;
      await api.request({
        ...this.base(label),
        method: "PUT",
        path: this.def.api.item(ctx, id),
        body: this.toApi(asProps(props[RESTORE]), true),
      });
    } else if (this.def.remove) {
      await this.def.remove(this.operation(api, ctx, label), id, props);
    } else {
      await api.request({ ...this.base(label), method: "DELETE", path: this.def.api.item(ctx, id) });
    }
  }

  /** Every object of this kind in the account (or under the parent the context names), as outputs. For lookups. */
  async listOutputs(ctx: PathContext, query?: RequestSpec<unknown>["query"]): Promise<Array<{ id: string } & Props>> {
    return (await this.listLive(ctx, query)).map((o) => this.listedOutputs(o, ctx));
  }

  /** Every object of this kind in the account (or under the parent), as the API lists them: what `readFrom` takes. */
  async listLive(ctx: PathContext, query?: RequestSpec<unknown>["query"]): Promise<Props[]> {
    return await this.list(client(), ctx, `list ${this.def.kind}`, query);
  }

  /** A listed API object as a lookup reports it: its id and outputs. */
  listedOutputs(apiObject: Props, ctx: PathContext): { id: string } & Props {
    return { id: this.idOf(apiObject, `list ${this.def.kind}`), ...this.outputsOf(apiObject, ctx) };
  }

  /** One object by id, as outputs. For lookups. */
  async getOutputs(ctx: PathContext, id: string): Promise<{ id: string } & Props> {
    return { id, ...this.outputsOf(await this.getLive(ctx, id), ctx) };
  }

  /** One object by id as the API answers it: what `readFrom` takes. */
  async getLive(ctx: PathContext, id: string): Promise<Props> {
    return await this.fetch(client(), ctx, id, `get ${this.def.kind} '${id}'`);
  }

  /** An API object as a lookup reports it: the resource's outputs (camelCase, fromApi applied), no internal keys. */
  outputsOf(apiObject: Props, ctx: PathContext): Props {
    return userInputs(this.outputs(apiObject, ctx.accountId, {}, []));
  }

  /**
   * Sends the update. The API's PUT replaces the whole object: fields the user never set keep
   * their live values (someone may have changed them elsewhere); fields the user removed go back
   * to the default.
   */
  private async put(api: CloudflareClient, ctx: PathContext, label: string, id: string, olds: Props, inputs: Props): Promise<Props> {
    const method = this.def.api.update;
    if (!method) throw new CloudflareError(`${this.def.kind} cannot be updated in place; this is a bug in its definition.`, label);
    const live = pickSchemaKeys(this.def.inputs, olds);
    const removed = removedPaths(olds, inputs);
    for (const p of removed) deletePath(live, p);
    const desired = mergeDeep(live, inputs);
    // A removed field with a documented default is sent as that default: the documented way to
    // unset it, whether the API's update replaces the object or merges over it.
    for (const p of removed) {
      const d = defaultOf(fieldAt(this.def.inputs, p));
      if (d !== undefined) setPath(desired, p, d);
    }
    const body = this.toApi(desired, true, { id, olds });
    const key = this.collectionKey(ctx);
    const single = () =>
      coalesce.write(api, key, () =>
        api.request<Props>({
          ...this.base(label),
          method,
          path: this.def.api.item(ctx, id),
          body,
          unwrap: this.def.api.wrappers.update,
          schema: this.objectSchema,
        }),
      );
    // A bulk PUT merges over the object: a removed field needs the single PUT, which replaces it.
    const bulk = this.def.api.bulkUpdate;
    if (!bulk || removed.length > 0 || this.def.api.headers || !this.def.api.wrappers.list) return await single();
    const target = {
      api,
      path: this.def.api.collection(ctx),
      wrapper: bulk.wrapper,
      bodyKey: this.def.api.wrappers.list,
      label: `update ${this.def.kind}s`,
      permission: this.def.api.permission,
      fields: Object.keys(this.def.inputs.shape).map(this.toSnake),
    };
    return this.objectSchema.parse(await coalesce.updateRoute(target, { id, body, single, exact: true }));
  }

  /** Reads and writes of one list endpoint share a key (framework/coalesce.ts). */
  private collectionKey(ctx: PathContext): string {
    return coalesce.collectionKey(this.def.api.collection(ctx), this.def.api.headers);
  }

  /**
   * After an update that removed input fields, reads the object back (one GET) and checks that each
   * removed field is gone or back at its typed default. A field Cloudflare kept fails the update with a
   * sentence naming it and the way out; state then records the object as read, and the field stays
   * among the inputs it compares, so the next preview shows the removal again instead of a silent
   * success.
   */
  private async verifyRemovals(
    api: CloudflareClient,
    ctx: PathContext,
    label: string,
    id: string,
    removed: string[],
    news: Props,
    inputs: Props,
  ): Promise<void> {
    // Only what the API holds and shows: not our local inputs, not what it never returns (a PSK),
    // and not a field whose default Cloudflare picks itself (documented in words only: the LAN's
    // name, a direction that depends on the account), which any value may satisfy.
    const unseen = new Set([...(this.def.localInputs ?? []), ...(this.def.neverReadBack ?? [])]);
    const ownDefault = (p: string) => {
      const meta = fieldMeta(fieldAt(this.def.inputs, p) ?? z.never());
      return meta.defaultDoc !== undefined && meta.default === undefined;
    };
    removed = removed.filter((p) => !unseen.has(topKey(p)) && !ownDefault(p));
    if (removed.length === 0) return;
    const live = this.outputs(await this.fetch(api, ctx, id, label), ctx.accountId, news, leafPaths(inputs));
    const kept = removed.filter((p) => {
      const v = getPath(live, p);
      return !isEmpty(v) && !same(fieldAt(this.def.inputs, p), undefined, v);
    });
    if (kept.length === 0) return;
    const them = kept.length > 1;
    const held = kept.map((p) => `${p} = ${JSON.stringify(getPath(live, p))}`).join(", ");
    const wayOut = this.def.adopt
      ? `set ${them ? "them" : "it"} to the value you want instead of removing ${them ? "them" : "it"} (this ${this.def.kind} is adopted, so it cannot be replaced)`
      : `set ${them ? "them" : "it"} to the value you want instead of removing ${them ? "them" : "it"}, or replace the ${this.def.kind} with \`pulumi up --replace <urn>\``;
    live[INPUT_PATHS] = [...new Set([...leafPaths(inputs), ...kept])];
    throw new InitFailedError(
      id,
      this.sealed(live),
      `${label}: the program removed ${kept.join(", ")}, but after the update Cloudflare still holds ${held}; to change ${them ? "them" : "it"}, ${wayOut}.`,
      news,
    );
  }

  /** Create for objects Cloudflare makes: find the one named by the adopt input, then apply the inputs. */
  private async adopt(
    api: CloudflareClient,
    ctx: PathContext,
    label: string,
    news: Props,
    inputs: Props,
  ): Promise<{ id: string; outs: Props }> {
    const idInput = this.def.adopt!.idInput;
    const id = String(inputs[idInput]);
    let live: Props;
    try {
      live = await this.fetch(api, ctx, id, label);
    } catch (e) {
      if (e instanceof NotFoundError)
        throw new CloudflareError(
          `there is no ${this.def.kind} with id ${id} in account ${ctx.accountId} to adopt (${idInput}); Cloudflare creates these, so check the id.`,
          label,
        );
      throw e;
    }
    const liveOuts = this.outputs(live, ctx.accountId, {}, []);
    const updated = await this.put(api, ctx, label, id, liveOuts, inputs);
    return { id, outs: this.outputs(updated, ctx.accountId, news, leafPaths(inputs)) };
  }

  /** Create for a settings singleton: record what is there now, then put the desired values. */
  private async takeOver(
    api: CloudflareClient,
    ctx: PathContext,
    label: string,
    news: Props,
    inputs: Props,
  ): Promise<{ id: string; outs: Props }> {
    const id = ctx.accountId;
    const restore = this.restorePoint(await this.fetch(api, ctx, id, label));
    const updated = await this.put(api, ctx, label, id, {}, inputs);
    const outs = this.outputs(updated, ctx.accountId, { ...news, [RESTORE]: restore }, leafPaths(inputs));
    return { id, outs };
  }

  /** Runs a post-create/update step; if it fails, the object is still recorded with what we know. */
  private async after(id: string, outs: Props, news: Props, step: () => Promise<Props>): Promise<Props> {
    try {
      return clean({ ...outs, ...(await step()) });
    } catch (e) {
      throw new InitFailedError(id, this.sealed(outs), (e as Error).message, news);
    }
  }

  /** With `cloudflare-magic:validateOnPreview`, asks the API to validate a new object (`?validate_only=true`). */
  private async validateWithApi(inputs: Props, news: Props): Promise<CheckFailure[]> {
    if (!this.def.api.validateOnly || !booleanSetting("validateOnPreview") || containsUnknown(inputs)) return [];
    let api: CloudflareClient;
    let ctx: PathContext;
    try {
      api = client();
      ctx = this.context(inputs, news);
    } catch {
      return []; // no credentials or account: preview stays offline
    }
    try {
      await api.request({
        ...this.base(this.label("validate", news)),
        method: "POST",
        path: this.def.api.collection(ctx),
        query: { validate_only: true },
        body: this.toApi(inputs, false),
      });
      return [];
    } catch (e) {
      // A refused credential, or an account without the product, is not a property's fault: say so, as a create would.
      if (e instanceof AccessError) {
        return [
          {
            property: e instanceof AuthError ? "(credentials)" : "(account)",
            reason: `${e.message} (cloudflare-magic:validateOnPreview is on, so preview asks the API to validate new objects; set it to false to preview offline.)`,
          },
        ];
      }
      if (!(e instanceof CloudflareApiError) || e.status >= 500 || e.status === 429) {
        console.error(`[cloudflare-magic] could not validate ${this.label("", news).trim()} with the API: ${(e as Error).message}`);
        return [];
      }
      const later = typeof this.def.api.validateOnly === "object" ? this.def.api.validateOnly.dependsOnRun : [];
      const errors = (e.errors.length ? e.errors : [{ code: e.status, message: e.message }]).filter(
        (err: { source?: { pointer?: string } }) => !later.includes(err.source?.pointer?.split("/")[1] ?? ""),
      );
      return errors.map((err) => {
        const pointer = err.source?.pointer?.replace(/^\//, "").split("/").map(this.toCamel).join(".");
        const property = pointer || "(api)";
        return { property, reason: `${property}: Cloudflare rejects this ${this.def.kind} (${err.code}: ${err.message}).` };
      });
    }
  }

  private operation(api: CloudflareClient, ctx: PathContext, label: string): Operation {
    return { api, ctx, label, request: (spec) => api.request({ ...spec, ...this.base(label) }) };
  }

  /** The new object from a create answer, which some endpoints give as a list (site WANs and LANs). */
  private pick(payload: unknown, inputs: Props, label: string): Props {
    if (!Array.isArray(payload)) return payload as Props;
    const items = payload as Props[];
    const found =
      this.def.pickCreated?.(items, inputs) ??
      (this.def.isSameObject ? items.find((o) => this.def.isSameObject!(o, inputs)) : undefined) ??
      (items.length === 1 ? items[0] : undefined);
    if (!found) throw new CloudflareError(`the API answered with ${items.length} objects and none is recognisably the one created.`, label);
    return found;
  }

  /** Fetches one live object by id: its own GET, or the list filtered by id. */
  private async fetch(api: CloudflareClient, ctx: PathContext, id: string, label: string): Promise<Props> {
    const notFound = () => new NotFoundError(404, [], "GET", this.def.api.collection(ctx), label);
    const base = this.base(label);
    const headers = this.def.api.getHeaders ? { ...base.headers, ...this.def.api.getHeaders } : base.headers;
    const get = () =>
      api.request({
        ...base,
        headers,
        method: "GET",
        path: this.def.api.item(ctx, id),
        unwrap: this.def.api.wrappers.get,
        schema: this.objectSchema,
      });
    // A settings singleton is not a member of a list.
    if (this.def.singleton) return await get();
    const found = await coalesce.readOne({
      api,
      key: this.collectionKey(ctx),
      id,
      idField: this.idField,
      list: () => this.listNow(api, ctx, label),
      get: this.def.api.read === "list" ? undefined : get,
      notFound,
    });
    // What the object's own GET would have validated.
    const checked = this.objectSchema.safeParse(found);
    if (!checked.success) throw new CloudflareError(`the list of ${this.def.kind} objects holds ${id} without its ${this.idField}.`, label);
    return checked.data;
  }

  /**
   * The collection: shared with other reads of it in flight together (framework/coalesce.ts). A
   * filtered list (a lookup's query) is its own request.
   */
  private async list(api: CloudflareClient, ctx: PathContext, label: string, query?: RequestSpec<unknown>["query"]): Promise<Props[]> {
    if (query) return this.listNow(api, ctx, label, query);
    return coalesce.list(api, this.collectionKey(ctx), this.idField, () => this.listNow(api, ctx, label));
  }

  private async listNow(api: CloudflareClient, ctx: PathContext, label: string, query?: RequestSpec<unknown>["query"]): Promise<Props[]> {
    const spec = { ...this.base(label), method: "GET" as const, path: this.def.api.collection(ctx), ...(query ? { query } : {}) };
    if (this.def.api.envelope === "bare") return api.listAll<Props>(spec);
    // List items are only required to be objects: some lists mix in objects without our id field
    // (the apps list includes Cloudflare's managed apps).
    return await api.request({ ...spec, unwrap: this.def.api.wrappers.list, schema: z.array(z.looseObject({})) });
  }

  /**
   * A create whose answer was lost: look for the object it may have made before sending again,
   * so a lost response never produces a second object. With `isSameObject` the object is found by
   * it; without one, it is the object that appeared since `before` (preferring one that carries
   * what we sent). Only when nothing appeared is the create sent again.
   */
  private async recoverCreate(
    api: CloudflareClient,
    spec: RequestSpec<unknown>,
    ctx: PathContext,
    inputs: Props,
    cause: OutcomeUnknownError,
    before: Set<unknown> | undefined,
  ): Promise<Props> {
    const label = spec.label ?? "";
    const isSameObject = this.def.isSameObject;
    const find = (items: Props[]): Props | undefined => {
      if (isSameObject) return items.find((o) => isSameObject(o, inputs));
      const appeared = items.filter((o) => !before!.has(o[this.idField]));
      const carrying = appeared.filter((o) => carries(spec.body, o));
      if (carrying.length === 1) return carrying[0];
      if (appeared.length === 1) return appeared[0];
      if (appeared.length > 1) {
        throw new CloudflareError(
          `${cause.message} ${appeared.length} new ${this.def.kind} objects appeared meanwhile and none is recognisably ours, so nothing was sent again; run \`pulumi refresh\` and check for a duplicate.`,
        );
      }
      return undefined;
    };
    return createRecovering({
      send: async () => this.pick(await api.request(spec), inputs, label),
      // A list sent now, never a shared one: it must show what our lost create may have made.
      find: async () => find(await this.listNow(api, ctx, label)),
      lookups: 3,
      lost: cause,
    });
  }

  /**
   * A create refused because the object exists already (same unique name, or same natural key such
   * as a WAN's port and VLAN), typically made by an apply that was interrupted before it could
   * record it. With `cloudflare-magic:adoptExisting`, an object that carries every field we sent
   * is taken as the created one; otherwise the error names it and how to adopt it. Never adopted
   * silently: an object made by another stack looks the same.
   */
  private async existingOnConflict(
    api: CloudflareClient,
    spec: RequestSpec<unknown>,
    ctx: PathContext,
    inputs: Props,
    refusal: CloudflareApiError,
  ): Promise<Props> {
    const { isSameObject, naturalKey } = this.def;
    if (!isSameObject && !naturalKey) throw refusal;
    const label = spec.label ?? "";
    const existing = (await this.list(api, ctx, label)).filter((o) => isSameObject?.(o, inputs) || naturalKey?.(o, inputs));
    if (existing.length !== 1) throw refusal;
    const found = existing[0];
    const id = String(found[this.idField]);
    const identical = carries(spec.body, found);
    if (identical && booleanSetting("adoptExisting")) {
      console.error(
        `[cloudflare-magic] ${label}: adopted the existing ${this.def.kind} ${id}, which matches every field sent (cloudflare-magic:adoptExisting is on).`,
      );
      return found;
    }
    const name = typeof found.name === "string" ? ` '${found.name}'` : "";
    throw new CloudflareError(
      `${stripLabel(refusal, label)} The existing ${this.def.kind}${name} has id ${id}. If an interrupted apply made it, adopt it: ` +
        `\`pulumi refresh --import-pending-creates <urn> ${id}\` when the engine reported this create as pending, or else the resource option \`import: "${id}"\` on this resource for one apply. ` +
        (identical
          ? `It matches every field this resource sends, so \`pulumi config set cloudflare-magic:adoptExisting true\` would also adopt it. `
          : `It differs from what this resource sends, so it was probably not made by this program. `) +
        `If another stack manages it, change this resource instead.`,
      label,
    );
  }

  /**
   * What we hand back to the engine (checked inputs, outputs, refreshed inputs) with every secret
   * field (`def.secrets`: `psk`, `bgp.md5Key`) in the engine's secret form. The dynamic-provider
   * host answers Configure with acceptSecrets=false, so the engine sends us plaintext, but it reads
   * our answers keeping secrets (pulumi/pulumi pkg/resource/plugin/provider_plugin.go: Check,
   * Create, Read and Update unmarshal the results with `KeepSecrets: true`) and then copies the
   * secrecy of its own request onto them (`annotateSecrets`, which recurses into objects, so a
   * secret `bgp.md5Key` input leaves `bgp.customerAsn` visible). That copy alone misses a value
   * the program never gave (an MD5 key set outside Pulumi, read on refresh or import); marking it
   * here keeps it secret too, while the rest of the object stays visible in diffs.
   */
  private sealed(props: Props): Props {
    return withSecretsAt(props, this.secrets);
  }

  private base(label: string): Pick<RequestSpec<unknown>, "envelope" | "headers" | "label" | "permission"> {
    return { envelope: this.def.api.envelope, headers: this.def.api.headers, label, permission: this.def.api.permission };
  }

  private context(source: Props, stateOrInputs: Props): PathContext {
    return { accountId: resolveAccountId(source.accountId ?? stateOrInputs.accountId), props: { ...stateOrInputs, ...source } };
  }

  private label(verb: string, props: Props, id?: string): string {
    const name = props[RESOURCE_NAME] ?? props.name ?? id;
    // Names are strings (the resource's or the API object's); anything else is left out.
    return `${verb} ${this.def.kind}${typeof name === "string" && name ? ` '${name}'` : ""}`;
  }

  private idOf(obj: Props, label: string): string {
    const id = obj?.[this.idField];
    if (typeof id === "string" && id !== "") return id;
    throw new CloudflareError("the API answered without an id for the new object.", label);
  }

  /** What a settings singleton's delete puts back: the input fields of its live values. */
  private restorePoint(apiObject: Props): Props {
    return pickSchemaKeys(this.def.inputs, this.camel(apiObject));
  }

  /** An API object's keys in camelCase (opaque maps kept verbatim). */
  private camel(apiObject: Props): Props {
    return convertKeys(apiObject, this.toCamel, this.opaqueSnake) as Props;
  }

  /** camelCase inputs -> the snake_case body the spec documents. */
  private toApi(inputs: Props, forUpdate: boolean, update?: { id: string; olds: Props }): Props {
    const skip = new Set(["accountId", ...(this.def.localInputs ?? []), ...(forUpdate ? (this.def.createOnly ?? []) : [])]);
    if (this.def.adopt) skip.add(this.def.adopt.idInput);
    const kept = Object.fromEntries(Object.entries(inputs).filter(([k]) => !skip.has(k)));
    const body = convertKeys(kept, this.toSnake, this.opaqueCamel) as Props;
    return this.def.toApi ? this.def.toApi(body, inputs, update) : body;
  }

  /**
   * An API object -> plain-JSON outputs: camelCase fields, the account, carried values (never
   * returned by the API), our local inputs and internal keys.
   */
  private outputs(apiObject: Props, accountId: string, source: Props, paths: string[], previous: Props = {}): Props {
    const converted = this.camel(apiObject);
    delete converted[this.toCamel(this.idField)];
    // Live values in the program's (or state's) spelling where they mean the same, defaults filled in.
    const outs = settle(this.def.inputs, this.def.fromApi ? this.def.fromApi(converted) : converted, source) as Props;
    for (const k of [...(this.def.neverReadBack ?? []), ...(this.def.singleton ? [RESTORE] : [])]) outs[k] ??= source[k] ?? previous[k];
    for (const k of [...(this.def.localInputs ?? []), ...(this.def.adopt ? [this.def.adopt.idInput] : [])])
      if (source[k] !== undefined) outs[k] = source[k];
    Object.assign(outs, internalKeysOf(source, INPUT_PATHS));
    outs.accountId = accountId;
    outs[INPUT_PATHS] = paths;
    // A server time answered at another precision than state holds it is the same time (shared/times.ts).
    return clean(keepInstants(outs, previous));
  }

  /** The inputs a refresh should record: the live values at the paths the user manages (only what the schema declares). */
  private inputsFrom(outs: Props, paths: string[], props: Props): Props {
    const inputs: Props = {};
    for (const p of paths) {
      const field = fieldAt(this.def.inputs, p);
      const v = project(field, getPath(outs, p) ?? defaultOf(field));
      if (v !== undefined) setPath(inputs, p, v);
    }
    Object.assign(inputs, internalKeysOf(props, INPUT_PATHS));
    return inputs;
  }
}

/**
 * Thrown when the object was created (or updated) but a step after it failed: the provider host
 * turns `id` + `properties` into an initialization failure, so the engine keeps the object in
 * state and the next `up` converges instead of creating a second one.
 */
export class InitFailedError extends Error {
  readonly reasons: string[];
  readonly properties: Props;
  /**
   * `inputs` are the props the operation was called with: their `__provider` must be in the
   * recorded state (the host adds it only on success), or later deletes and refreshes of the
   * half-made object could not load the provider.
   */
  constructor(
    readonly id: string,
    properties: Props,
    reason: string,
    inputs: Props,
  ) {
    super(reason);
    this.reasons = [reason];
    this.properties = { ...properties, [PROVIDER_KEY]: inputs[PROVIDER_KEY] };
  }
}

/** A create refused as a duplicate of an existing object (Cloudflare 1003, or a 400/409 saying so). */
function isDuplicateRefusal(e: unknown): e is CloudflareApiError {
  if (!(e instanceof CloudflareApiError) || (e.status !== 400 && e.status !== 409)) return false;
  return e.errors.some((m) => m.code === 1003 || /already (exists|uses|in use)|duplicate/i.test(m.message));
}

function stripLabel(e: CloudflareError, label: string): string {
  return label && e.message.startsWith(`${label}: `) ? e.message.slice(label.length + 2) : e.message;
}

function asProps(v: unknown): Props {
  return isPlainObject(v) ? v : {};
}

/** The user's inputs without our internal keys. */
function userInputs(props: Props): Props {
  return Object.fromEntries(Object.entries(withoutInternalKeys(props)).filter(([, v]) => v !== undefined && v !== null));
}

/** The parts of a value that the schema declares as inputs (outputs carry computed fields too). */
function pickSchemaKeys(schema: z.ZodType, value: unknown): Props {
  const shape = objectShape(schema);
  if (!shape || !isPlainObject(value)) return {};
  const out: Props = {};
  for (const [k, sub] of Object.entries(shape)) {
    const v = value[k];
    if (v === undefined) continue;
    out[k] = objectShape(sub) && isPlainObject(v) ? pickSchemaKeys(sub, v) : v;
  }
  return out;
}

function objectShape(schema: z.ZodType): Record<string, z.ZodType> | undefined {
  if (schema instanceof z.ZodOptional || schema instanceof z.ZodNullable) return objectShape(schema.unwrap() as z.ZodType);
  if (schema instanceof z.ZodObject) return schema.shape;
  return undefined;
}

/** Input leaves the user set last time and no longer sets. */
function removedPaths(olds: Props, inputs: Props): string[] {
  const before = Array.isArray(olds[INPUT_PATHS]) ? (olds[INPUT_PATHS] as string[]) : [];
  return before.filter((p) => getPath(inputs, p) === undefined);
}

/** Deletes a leaf and every parent object the deletion leaves empty (`bgp: {}` is not "no bgp"). */
function deletePath(target: Props, dotted: string): void {
  const parts = dotted.split(".");
  for (let depth = parts.length; depth > 0; depth--) {
    const holder = depth === 1 ? target : getPath(target, parts.slice(0, depth - 1).join("."));
    if (!isPlainObject(holder)) return;
    const key = parts[depth - 1];
    if (depth < parts.length && !(isPlainObject(holder[key]) && Object.keys(holder[key]).length === 0)) return;
    delete holder[key];
  }
}

/** `over` wins; objects merge key by key, lists and scalars replace. */
function mergeDeep(base: Props, over: Props): Props {
  const out: Props = { ...base };
  for (const [k, v] of Object.entries(over)) out[k] = isPlainObject(v) && isPlainObject(base[k]) ? mergeDeep(base[k], v) : v;
  return out;
}

function topKey(path: string): string {
  return path.split(".")[0];
}

/**
 * Input leaves that differ between the program (news) and the state (olds): every leaf the user
 * sets now, plus every leaf they set last time (a removed input is a change). Fields the user
 * never set are not compared, so server defaults and computed fields never cause a diff; values
 * that mean the same (a default and its absence, a reordered set, another spelling of an address)
 * are no change (equivalence.ts); an unknown value always counts as a change.
 */
function changedPaths(schema: z.ZodType, olds: Props, news: Props): string[] {
  const now = userInputs(news);
  const before = Array.isArray(olds[INPUT_PATHS]) ? (olds[INPUT_PATHS] as string[]) : [];
  const paths = new Set([...leafPaths(now), ...before]);
  const changed: string[] = [];
  for (const p of paths) {
    const n = getPath(now, p);
    if (containsUnknown(n) || pathCrossesUnknown(now, p)) changed.push(p);
    else if (!same(fieldAt(schema, p), n, getPath(olds, p))) changed.push(p);
  }
  return changed;
}

function pathCrossesUnknown(v: Props, path: string): boolean {
  const parts = path.split(".");
  for (let i = 1; i < parts.length; i++) if (containsUnknown(getPath(v, parts.slice(0, i).join(".")))) return true;
  return false;
}

/**
 * The object carries what was sent: every field present on both sides is equal (the server may
 * add fields, and may not echo some, such as secrets).
 */
function carries(sent: unknown, live: unknown): boolean {
  if (isPlainObject(sent) && isPlainObject(live))
    return Object.entries(sent).every(([k, v]) => live[k] === undefined || carries(v, live[k]));
  if (Array.isArray(sent) && Array.isArray(live)) return sent.length === live.length && sent.every((v, i) => carries(v, live[i]));
  return sent === live;
}
