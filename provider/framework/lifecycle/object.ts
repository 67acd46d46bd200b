import { CloudflareApiError, CloudflareError, NotFoundError, OutcomeUnknownError, type RequestSpec } from "../../client";
import type { ObjectLifecycle } from "../define";
import type { Endpoint } from "../endpoint";
import { contextOf } from "../endpoint";
import { isDuplicateRefusal, stepAfter, stripLabel } from "../errors";
import { createRecovering } from "../recover";
import { booleanSetting, client } from "../settings";
import { report } from "../../engine/report";
import { userInputs } from "../codec";
import { hasMet, noteAdopted, wasAdopted } from "../this-run";
import { isPlainObject, leafPaths } from "../../../shared/values";
import type { Call, Lifecycle } from "./lifecycle";

type Props = Record<string, unknown>;

/**
 * An object the program makes and deletes. Create POSTs it, and never sends a create twice blindly:
 * a lost answer is resolved by finding what it made (`isSameObject`, or what appeared meanwhile),
 * and a create refused as a duplicate names the object already there (and, when asked, adopts it).
 * Delete sends DELETE (or the definition's `remove`).
 */
export function objectLifecycle(life: ObjectLifecycle): Lifecycle {
  const { isSameObject, naturalKey } = life;

  /** The new object from a create answer, which some endpoints give as a list (site WANs and LANs). */
  const pick = (payload: unknown, inputs: Props, label: string): Props => {
    if (!Array.isArray(payload)) return payload as Props;
    const items = payload as Props[];
    const found =
      life.pickCreated?.(items, inputs) ??
      (isSameObject ? items.find((o) => isSameObject(o, inputs)) : undefined) ??
      (items.length === 1 ? items[0] : undefined);
    if (!found) throw new CloudflareError(`the API answered with ${items.length} objects and none is recognisably the one created.`, label);
    return found;
  };

  /**
   * A create whose answer was lost: look for the object it may have made before sending again,
   * so a lost response never produces a second object. With `isSameObject` the object is found by
   * it; without one, it is the object that appeared since `before` (preferring one that carries
   * what we sent). Only when nothing appeared is the create sent again.
   */
  const recoverCreate = async (
    ep: Endpoint,
    call: Call,
    spec: RequestSpec<unknown>,
    inputs: Props,
    cause: OutcomeUnknownError,
    before?: Set<unknown>,
  ) => {
    const find = (items: Props[]): Props | undefined => {
      if (isSameObject) return items.find((o) => isSameObject(o, inputs));
      const appeared = items.filter((o) => !before!.has(o[ep.idField]));
      const carrying = appeared.filter((o) => carries(spec.body, o));
      if (carrying.length === 1) return carrying[0];
      if (appeared.length === 1) return appeared[0];
      if (appeared.length > 1) {
        throw new CloudflareError(
          `${cause.message} ${appeared.length} new ${ep.def.kind} objects appeared meanwhile and none is recognisably ours, so nothing was sent again; run \`pulumi refresh\` and check for a duplicate.`,
        );
      }
      return undefined;
    };
    return createRecovering({
      send: async () => pick(await call.api.request(spec), inputs, call.label),
      // A list sent now, never a shared one: it must show what our lost create may have made.
      find: async () => find(await ep.listNow(call.api, call.ctx, call.label)),
      lookups: 3,
      lost: cause,
    });
  };

  /**
   * A create refused because the object exists already (same unique name, or same natural key such
   * as a WAN's port and VLAN), typically made by an apply that was interrupted before it could
   * record it. With `cloudflare-magic:adoptExisting`, an object that carries every field we sent
   * is taken as the created one; otherwise the error names it and how to adopt it. Never adopted
   * silently: an object made by another stack looks the same.
   */
  const existingOnConflict = async (ep: Endpoint, call: Call, spec: RequestSpec<unknown>, inputs: Props, refusal: CloudflareApiError) => {
    if (!isSameObject && !naturalKey) throw refusal;
    const existing = (await ep.list(call.api, call.ctx, call.label)).filter((o) => isSameObject?.(o, inputs) || naturalKey?.(o, inputs));
    if (existing.length !== 1) throw refusal;
    return adoptOrName(ep, call.label, existing[0], carries(spec.body, existing[0]), stripLabel(refusal, call.label));
  };

  /**
   * A kind Cloudflare takes twice (`duplicatesAccepted`: a site, an app) would silently
   * get a twin when an interrupted apply's create is sent again. So before creating, an object of
   * the account that holds exactly what the program declares (codec `holdsExactly`) and that this
   * run has not met as one of the program's own (this-run.ts: the object a replacement replaces, a
   * resource's twin) is adopted (with `adoptExisting`) or named with the way to adopt it.
   */
  const existingTwin = async (ep: Endpoint, call: Call, news: Props, fresh?: Props[]): Promise<Props | undefined> => {
    const twinsIn = (listed: Props[]) =>
      listed.filter(
        (o) =>
          typeof o[ep.idField] === "string" &&
          !hasMet(ep.def.token, String(o[ep.idField])) &&
          ep.codec.holdsExactly(o, news, call.ctx.accountId),
      );
    // A list just sent, or those of the objects the collection held when the run first looked that share the key of these inputs.
    let twins = twinsIn(fresh ?? (await ep.twinCandidates(call.api, call.ctx, call.label, userInputs(news))));
    // Found in the first look: confirmed by a list sent now (it may have gone since).
    if (twins.length > 0 && !fresh) twins = twinsIn(await ep.listNow(call.api, call.ctx, call.label));
    if (twins.length === 0) return undefined;
    const lead =
      `Cloudflare takes a second ${ep.def.kind} equal to another, and the account already holds ` +
      `${twins.length === 1 ? "one" : twins.length} holding exactly what this resource declares (typically made by an interrupted apply), so nothing was created.`;
    if (twins.length > 1) {
      throw new CloudflareError(
        `${lead} Their ids are ${twins.map((o) => String(o[ep.idField])).join(", ")}, so none is adopted: adopt the one this resource stands for ` +
          `with the resource option \`import: "<id>"\` for one apply (and delete the others), or change this resource so it differs from them.`,
        call.label,
      );
    }
    return adoptOrName(ep, call.label, twins[0], true, lead, true);
  };

  /**
   * An existing object a create met (refused as a duplicate, or a twin): with
   * `cloudflare-magic:adoptExisting`, one that carries every field sent is taken as the created
   * one; otherwise the error names it and how to adopt it, with the resource's URN. Never adopted
   * silently: an object made by another stack looks the same.
   */
  const adoptOrName = (ep: Endpoint, label: string, found: Props, identical: boolean, lead: string, twin = false): Props => {
    const id = String(found[ep.idField]);
    if (identical && booleanSetting("adoptExisting")) {
      const line = `adopted the existing ${ep.def.kind} ${id}, which ${twin ? "holds exactly what this resource declares" : "matches every field sent"} (cloudflare-magic:adoptExisting is on).`;
      console.error(`[cloudflare-magic] ${label}: ${line}`);
      report().info(line);
      noteAdopted(ep.def.token, id);
      return found;
    }
    const name = typeof found.name === "string" ? ` '${found.name}'` : "";
    const urn = report().urn ?? "<urn>";
    throw new CloudflareError(
      `${lead} The existing ${ep.def.kind}${name} has id ${id}. If an interrupted apply made it, adopt it: ` +
        `\`pulumi refresh --import-pending-creates '${urn}' ${id}\` when the engine reported this create as pending, or else the resource option \`import: "${id}"\` on this resource for one apply. ` +
        (identical
          ? `It matches every field this resource ${twin ? "declares" : "sends"}, so \`pulumi config set cloudflare-magic:adoptExisting true\` would also adopt it. `
          : `It differs from what this resource sends, so it was probably not made by this program. `) +
        (twin
          ? `If this stack holds it under another resource name (a resource renamed in the program), add that name to this resource's \`aliases\` instead; ` +
            `if this create is the replacement of that very object (\`pulumi up --replace\`, \`replaceWith\` or \`deletedWith\`, where the engine replaces without asking the provider), give this resource \`deleteBeforeReplace: true\` for that apply. `
          : "") +
        `If another stack manages it, change this resource instead.`,
      label,
    );
  };

  return {
    identified: true,
    carried: [],
    replaceable: true,
    afterCreate: life.afterCreate,

    async create(ep, call, news, inputs) {
      const { api, ctx, label } = call;
      const spec = ep.createSpec(ctx, label, ep.codec.body(inputs));
      // Objects with nothing unique to find them by: note what exists first, so that a lost answer
      // can be resolved by what appeared (one extra request, only for these).
      const listed = isSameObject ? undefined : await ep.list(api, ctx, label);
      const before = listed && new Set(listed.map((o) => o[ep.idField]));
      // Kinds Cloudflare takes twice: an interrupted apply's twin is never made again.
      const twin = life.duplicatesAccepted ? await existingTwin(ep, call, news, listed) : undefined;
      const created =
        twin ??
        (await ep.writing(api, ctx, async () => {
          try {
            return pick(await api.request(spec), inputs, label);
          } catch (e) {
            if (e instanceof OutcomeUnknownError) return await recoverCreate(ep, call, spec, inputs, e, before);
            if (isDuplicateRefusal(e)) return await existingOnConflict(ep, call, spec, inputs, e);
            throw e;
          }
        }));
      const id = ep.idOf(created, label);
      const outs = ep.codec.outputs(created, { accountId: ctx.accountId, source: news, paths: leafPaths(inputs) });
      const after = life.afterCreate && (() => life.afterCreate!(ep.operation(api, ctx, label), id, outs, inputs));
      return { id, outs: await stepAfter(id, outs, news, ep.codec.seal, after) };
    },

    fetch: (ep, { api, ctx, label }, id) => ep.fetch(api, ctx, id, label),

    async remove(ep, id, props) {
      const ctx = contextOf(props, props);
      const label = ep.label("delete", props, id);
      if (wasAdopted(ep.def.token, id)) {
        // A create of this same apply adopted it (adoptExisting): it is now that resource's object,
        // and the engine is deleting the state it replaced (a `--replace`, a renamed resource).
        const line = `left ${ep.def.kind} ${id} in place: a create of this apply adopted it (cloudflare-magic:adoptExisting), so it belongs to that resource now.`;
        console.error(`[cloudflare-magic] ${label}: ${line}`);
        report().warn(line);
        return;
      }
      const api = client();
      try {
        await ep.writing(api, ctx, () =>
          life.remove ? life.remove(ep.operation(api, ctx, label), id, props) : ep.deleteOne(api, ctx, label, id),
        );
      } catch (e) {
        // Already gone (deleted behind our back, or by an earlier attempt whose answer was lost).
        if (!(e instanceof NotFoundError)) throw e;
      }
    },

    restore: (_ep, _live, props) => props,

    /**
     * Whether the object a replacement creates would clash with the one it replaces in the same
     * collection: the new inputs recognise the old object as theirs (`isSameObject`: a CNI's conduit
     * on its interconnect) or would sit where it sits (`naturalKey`: a slot, a port and VLAN).
     */
    clashes(ep, olds, news) {
      if (!isSameObject && !naturalKey) return false;
      const inputs = userInputs(news);
      try {
        const where = (source: Props) => ep.def.api.collection({ accountId: String(source.accountId ?? olds.accountId), props: source });
        if (where(olds) !== where({ ...olds, ...inputs })) return false;
        const old = ep.codec.snake(ep.codec.pick(olds));
        return Boolean(isSameObject?.(old, inputs) || naturalKey?.(old, inputs));
      } catch {
        // A predicate or path that cannot tell (a connector made for a new license has nothing unique): no clash.
        return false;
      }
    },
  };
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
