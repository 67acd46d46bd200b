import { z } from "zod";
import { CloudflareClient, CloudflareError, NotFoundError, RequestSpec } from "../client";
import type { Operation, PathContext, ResourceDefinition } from "./define";
import type { StateCodec } from "./codec";
import * as coalesce from "./coalesce";
import { resolveAccountId } from "./settings";
import { firstLook } from "./this-run";
import { RESOURCE_NAME_KEY } from "../../shared/internal-keys";

type Props = Record<string, unknown>;

/** "<verb> <Kind> '<name>'": the resource's name, else the object's, else its id; for every message about one resource. */
export function labelOf(verb: string, kind: string, props: Props, id?: string): string {
  const name = props[RESOURCE_NAME_KEY] ?? props.name ?? id;
  // Names are strings (the resource's or the API object's); anything else is left out.
  return `${verb} ${kind}${typeof name === "string" && name ? ` '${name}'` : ""}`;
}

/** Where an operation happens: the account the program gives (`source`), else the one state recorded, else the configured one. */
export function contextOf(source: Props, stateOrInputs: Props): PathContext {
  return { accountId: resolveAccountId(source.accountId ?? stateOrInputs.accountId), props: { ...stateOrInputs, ...source } };
}

/**
 * The requests of one definition: its paths, envelope, wrappers, headers and permission applied to
 * every call, reads shared with other reads of the collection in flight (framework/coalesce.ts),
 * and updates that go out in one bulk PUT where the collection takes one. Lifecycles and
 * resources made of many objects of one definition (a table of them) send through it.
 */
export class Endpoint {
  readonly idField: string;
  /** What every answer about one object must be: an object with its id (extra fields welcome). */
  readonly objectSchema: z.ZodType<Props>;
  /** A create answers with the object, or with a list of objects for some endpoints (WANs, LANs). */
  readonly createdSchema: z.ZodType<Props | Props[]>;

  /** `identified`: whether the API's answers carry the object's id (a settings singleton's id is its account). */
  constructor(
    readonly def: ResourceDefinition,
    readonly codec: StateCodec,
    identified = true,
  ) {
    this.idField = def.api.idField ?? "id";
    this.objectSchema = identified ? z.looseObject({ [this.idField]: z.string().min(1) }) : z.looseObject({});
    this.createdSchema = z.union([this.objectSchema, z.array(z.looseObject({}))]);
  }

  label(verb: string, props: Props, id?: string): string {
    return labelOf(verb, this.def.kind, props, id);
  }

  base(label: string): Pick<RequestSpec<unknown>, "envelope" | "headers" | "label" | "permission"> {
    return { envelope: this.def.api.envelope, headers: this.def.api.headers, label, permission: this.def.api.permission };
  }

  operation(api: CloudflareClient, ctx: PathContext, label: string): Operation {
    return { api, ctx, label, request: (spec) => api.request({ ...spec, ...this.base(label) }) };
  }

  /**
   * The collection's objects that could hold exactly `inputs` (the same `twinKey`), from what it
   * held when this run first looked (this-run.ts): one list per collection and run, indexed once,
   * so each create of a large collection compares in full only the few that share its key. Only
   * the collection's own objects (the apps list also holds Cloudflare's managed apps, which have no
   * account app id).
   */
  async twinCandidates(api: CloudflareClient, ctx: PathContext, label: string, inputs: Props): Promise<Props[]> {
    const index = await firstLook(`${this.def.token} ${this.def.api.collection(ctx)}`, async () => {
      const byKey = new Map<string, Props[]>();
      for (const o of await this.list(api, ctx, label)) {
        if (typeof o[this.idField] !== "string") continue;
        const key = this.codec.twinKey(this.codec.listed(o, ctx.accountId));
        byKey.set(key, [...(byKey.get(key) ?? []), o]);
      }
      return byKey;
    });
    return index.get(this.codec.twinKey(inputs)) ?? [];
  }

  /** Reads and writes of one list endpoint share a key (framework/coalesce.ts). */
  collectionKey(ctx: PathContext): string {
    return coalesce.collectionKey(this.def.api.collection(ctx), this.def.api.headers);
  }

  idOf(obj: Props, label: string): string {
    const id = obj?.[this.idField];
    if (typeof id === "string" && id !== "") return id;
    throw new CloudflareError("the API answered without an id for the new object.", label);
  }

  /** A write of this object's collection (create, update, delete): lists sent before it ended no longer answer reads. */
  async writing<T>(api: CloudflareClient, ctx: PathContext, f: () => Promise<T>): Promise<T> {
    return coalesce.write(api, this.collectionKey(ctx), f);
  }

  /** The object's own GET. */
  async get(api: CloudflareClient, ctx: PathContext, id: string, label: string): Promise<Props> {
    const base = this.base(label);
    const headers = this.def.api.getHeaders ? { ...base.headers, ...this.def.api.getHeaders } : base.headers;
    return await api.request({
      ...base,
      headers,
      method: "GET",
      path: this.def.api.item(ctx, id),
      unwrap: this.def.api.wrappers.get,
      schema: this.objectSchema,
    });
  }

  /** One live object by id: its own GET, or the list filtered by id, shared with reads of the collection in flight. */
  async fetch(api: CloudflareClient, ctx: PathContext, id: string, label: string): Promise<Props> {
    const found = await coalesce.readOne({
      api,
      key: this.collectionKey(ctx),
      id,
      idField: this.idField,
      list: () => this.listNow(api, ctx, label),
      get: this.def.api.read === "list" ? undefined : () => this.get(api, ctx, id, label),
      notFound: () => new NotFoundError(404, [], "GET", this.def.api.collection(ctx), label),
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
  async list(api: CloudflareClient, ctx: PathContext, label: string, query?: RequestSpec<unknown>["query"]): Promise<Props[]> {
    if (query) return this.listNow(api, ctx, label, query);
    return coalesce.list(api, this.collectionKey(ctx), this.idField, () => this.listNow(api, ctx, label));
  }

  /** The collection, as a list sent now (a lost create's lookup must see what it may have made). */
  async listNow(api: CloudflareClient, ctx: PathContext, label: string, query?: RequestSpec<unknown>["query"]): Promise<Props[]> {
    const spec = { ...this.base(label), method: "GET" as const, path: this.def.api.collection(ctx), ...(query ? { query } : {}) };
    if (this.def.api.envelope === "bare") return api.listAll<Props>(spec);
    // List items are only required to be objects: some lists mix in objects without our id field
    // (the apps list includes Cloudflare's managed apps).
    return await api.request({ ...spec, unwrap: this.def.api.wrappers.list, schema: z.array(z.looseObject({})) });
  }

  /** The create request of one object (a POST to the collection), for a caller that resolves lost answers itself. */
  createSpec(ctx: PathContext, label: string, body: Props): RequestSpec<Props | Props[]> {
    return {
      ...this.base(label),
      method: "POST",
      path: this.def.api.collection(ctx),
      body,
      unwrap: this.def.api.wrappers.create,
      schema: this.createdSchema,
    };
  }

  /** The object's own PUT: it replaces the whole object. */
  async putOne(api: CloudflareClient, ctx: PathContext, label: string, id: string, body: Props): Promise<Props> {
    return await this.writing(api, ctx, () =>
      api.request<Props>({
        ...this.base(label),
        method: "PUT",
        path: this.def.api.item(ctx, id),
        body,
        unwrap: this.def.api.wrappers.update,
        schema: this.objectSchema,
      }),
    );
  }

  /**
   * An in-place update (`codec.update`'s body): with the other updates of the collection that
   * arrive together, one bulk PUT (framework/coalesce.ts) where the collection takes one; alone, or
   * when the update removes a field, the object's own PUT (a bulk PUT merges over the object, the
   * object's own PUT replaces it). A bulk answer that shows a field the body left out is put
   * again on its own, so the result is exactly the single PUT's.
   */
  async put(
    api: CloudflareClient,
    ctx: PathContext,
    label: string,
    id: string,
    update: { body: Props; removed: string[] },
  ): Promise<Props> {
    const single = () => this.putOne(api, ctx, label, id, update.body);
    const target = update.removed.length === 0 ? this.bulkTarget(api, ctx, `update ${this.def.kind}s`) : undefined;
    if (!target) return await single();
    return this.objectSchema.parse(await coalesce.bulkUpdate(target, { id, body: update.body, single, exact: true }));
  }

  /**
   * Where updates of the collection go out together as one bulk PUT, if it takes one (and needs no
   * headers of its own): a bulk PUT's body lists the objects under the list wrapper.
   */
  bulkTarget(api: CloudflareClient, ctx: PathContext, label: string): coalesce.BulkTarget | undefined {
    const bulk = this.def.api.bulkUpdate;
    if (!bulk || this.def.api.headers || !this.def.api.wrappers.list) return undefined;
    return {
      api,
      path: this.def.api.collection(ctx),
      wrapper: bulk.wrapper,
      bodyKey: this.def.api.wrappers.list,
      label,
      permission: this.def.api.permission,
      fields: Object.keys(this.def.inputs.shape).map((k) => this.codec.apiKey(k)),
    };
  }

  /** The object's own DELETE. */
  async deleteOne(api: CloudflareClient, ctx: PathContext, label: string, id: string): Promise<void> {
    await api.request({ ...this.base(label), method: "DELETE", path: this.def.api.item(ctx, id) });
  }
}
