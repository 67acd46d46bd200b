import type * as dynamic from "@pulumi/pulumi/dynamic";
import { NotFoundError, type RequestSpec } from "../client";
import { type CheckFailure, validate } from "./check";
import type { PathContext, ResourceDefinition } from "./define";
import { buildCodec, type StateCodec, userInputs } from "./codec";
import { diffOf } from "./diff";
import { Endpoint, contextOf } from "./endpoint";
import { type Lifecycle, lifecycleOf } from "./lifecycle";
import { client, configFailures } from "./settings";
import { updateInPlace } from "./update";
import { upgradeState } from "./upgrade";
import { validateWithApi } from "./validate-only";
import { warnAboutInputs } from "./warnings";
import { meet } from "./this-run";

export { InitFailedError } from "./errors";

type Props = Record<string, unknown>;

/**
 * The one generic provider: turns a ResourceDefinition into Pulumi's dynamic ResourceProvider. It
 * coordinates; the work is elsewhere, each part in one place: the wire format and state in the
 * codec (codec.ts), replacement rules in diff.ts, requests in endpoint.ts, how the object comes and
 * goes in its lifecycle (lifecycle/), updates in update.ts, older state in upgrade.ts. Every id the
 * engine hands it is noted as one of the program's objects for this run (this-run.ts).
 */
export class DefinedProvider implements dynamic.ResourceProvider {
  readonly codec: StateCodec;
  private readonly life: Lifecycle;
  private readonly ep: Endpoint;

  constructor(readonly def: ResourceDefinition) {
    this.life = lifecycleOf(def);
    this.codec = buildCodec(def, this.life.carried);
    this.ep = new Endpoint(def, this.codec, this.life.identified);
  }

  async check(olds: Props, news: Props): Promise<dynamic.CheckResult> {
    const inputs = userInputs(news);
    const failures: CheckFailure[] = validate(this.codec.schema, inputs, this.def.kind);
    const seen = new Set(failures.map((f) => f.property));
    for (const [property, phrase] of this.def.rules?.(inputs) ?? []) {
      if (!seen.has(property)) failures.push({ property, reason: `${property} ${phrase}.` });
    }
    for (const reason of configFailures(inputs.accountId)) failures.push({ property: "(stack config)", reason });
    warnAboutInputs(this.codec.schema, inputs, this.ep.label("check", news));
    if (failures.length === 0 && Object.keys(userInputs(olds)).length === 0)
      failures.push(...(await validateWithApi(this.ep, inputs, news)));
    return { inputs: this.codec.seal(news), failures };
  }

  async diff(id: string, olds: Props, news: Props): Promise<dynamic.DiffResult> {
    meet(this.def.token, id);
    const state = this.upgraded(olds);
    return diffOf(this.codec, state, news, this.def.api.update !== undefined, () => this.life.clashes(this.ep, state, news));
  }

  /**
   * The input paths whose values differ between the state (`olds`: outputs) and the program
   * (`news`): what `diff` decides on, so `cloudflare-magic-audit` reports drift by the same equality.
   */
  changedInputPaths(olds: Props, news: Props): string[] {
    return this.codec.changedPaths(this.upgraded(olds), news);
  }

  async create(news: Props): Promise<dynamic.CreateResult> {
    const inputs = userInputs(news);
    const ctx = contextOf(inputs, news);
    const { id, outs } = await this.life.create(this.ep, { api: client(), ctx, label: this.ep.label("create", news) }, news, inputs);
    meet(this.def.token, id);
    return { id, outs: this.codec.seal(outs) };
  }

  async read(id: string, props: Props): Promise<dynamic.ReadResult> {
    // On refresh `props` are the last outputs; on an `import` read they are the program's inputs.
    meet(this.def.token, id);
    const state = this.upgraded(props);
    const call = { api: client(), ctx: contextOf(state, state), label: this.ep.label("read", state, id) };
    let live: Props;
    try {
      live = await this.life.fetch(this.ep, call, id);
    } catch (e) {
      if (e instanceof NotFoundError) return {};
      throw e;
    }
    return this.readFrom(id, live, state);
  }

  /**
   * What `read` makes of the live API object, without a request: the refreshed outputs and inputs.
   * `cloudflare-magic-audit` runs it on a whole account's lists to hold every stack's state against them.
   */
  readFrom(id: string, live: Props, props: Props): dynamic.ReadResult {
    const state = this.upgraded(props);
    const paths = this.codec.inputPaths(state);
    const source = this.life.restore(this.ep, live, state);
    const outs = this.codec.outputs(live, { accountId: contextOf(state, state).accountId, source, paths, previous: state });
    return { id, props: this.codec.seal(outs), inputs: this.codec.seal(this.codec.recordedInputs(outs, paths, state)) };
  }

  async update(id: string, olds: Props, news: Props): Promise<dynamic.UpdateResult> {
    meet(this.def.token, id);
    const state = this.upgraded(olds);
    const call = { api: client(), ctx: contextOf(userInputs(news), state), label: this.ep.label("update", news, id) };
    return { outs: this.codec.seal(await updateInPlace(this.ep, this.life, call, id, state, news)) };
  }

  async delete(id: string, props: Props): Promise<void> {
    meet(this.def.token, id);
    await this.life.remove(this.ep, id, this.upgraded(props));
  }

  /** Every object of this kind in the account (or under the parent the context names), as outputs. For lookups. */
  async listOutputs(ctx: PathContext, query?: RequestSpec<unknown>["query"]): Promise<Array<{ id: string } & Props>> {
    return (await this.listLive(ctx, query)).map((o) => this.listedOutputs(o, ctx));
  }

  /** Every object of this kind in the account (or under the parent), as the API lists them: what `readFrom` takes. */
  async listLive(ctx: PathContext, query?: RequestSpec<unknown>["query"]): Promise<Props[]> {
    return await this.ep.list(client(), ctx, `list ${this.def.kind}`, query);
  }

  /** A listed API object as a lookup reports it: its id and outputs. */
  listedOutputs(apiObject: Props, ctx: PathContext): { id: string } & Props {
    return { id: this.ep.idOf(apiObject, `list ${this.def.kind}`), ...this.outputsOf(apiObject, ctx) };
  }

  /** One object by id, as outputs. For lookups. */
  async getOutputs(ctx: PathContext, id: string): Promise<{ id: string } & Props> {
    return { id, ...this.outputsOf(await this.getLive(ctx, id), ctx) };
  }

  /** One object by id as the API answers it: what `readFrom` takes. */
  async getLive(ctx: PathContext, id: string): Promise<Props> {
    return await this.life.fetch(this.ep, { api: client(), ctx, label: `get ${this.def.kind} '${id}'` }, id);
  }

  /** An API object as a lookup reports it: the resource's outputs (camelCase, fromApi applied), no internal keys. */
  outputsOf(apiObject: Props, ctx: PathContext): Props {
    return this.codec.listed(apiObject, ctx.accountId);
  }

  /** State as this release reads it (upgrade.ts): older state upgraded, an import's inputs as they are. */
  private upgraded(props: Props): Props {
    return upgradeState(this.def, props);
  }
}
