import { z } from "zod";
import type { Endpoint } from "./endpoint";
import type { Call, Lifecycle } from "./lifecycle/lifecycle";
import { CloudflareError, NotFoundError } from "../client";
import { report } from "../engine/report";
import { InitFailedError, stepAfter, stripLabel } from "./errors";
import { fieldAt, isEmpty, same } from "./equivalence";
import { fieldMeta } from "./vocabulary";
import { userInputs } from "./codec";
import { getPath, leafPaths } from "../../shared/values";
import { INPUT_PATHS_KEY as INPUT_PATHS } from "../../shared/internal-keys";

type Props = Record<string, unknown>;

/**
 * An in-place update, for every lifecycle: the update body from state and program (the codec), one
 * PUT (in a bulk PUT with others where the collection takes one), the removed fields read back,
 * then `afterUpdate`. Without an update endpoint only our local inputs changed, or the engine is
 * retrying an object whose step after create failed: the object is read and that step runs again.
 */
export async function updateInPlace(ep: Endpoint, life: Lifecycle, call: Call, id: string, olds: Props, news: Props): Promise<Props> {
  try {
    return await updateFound(ep, life, call, id, olds, news);
  } catch (e) {
    if (e instanceof NotFoundError) throw goneOutsidePulumi(ep, life, call, id, e);
    throw e;
  }
}

/**
 * An update that finds its object gone (404): someone deleted it outside Pulumi. The engine only
 * learns that on a refresh, which drops it from the state; the apply after it creates it again.
 */
function goneOutsidePulumi(ep: Endpoint, life: Lifecycle, call: Call, id: string, cause: NotFoundError): CloudflareError {
  const kind = ep.def.kind;
  const next = life.replaceable
    ? `Run \`pulumi up --refresh\` (or \`pulumi refresh\`, then \`pulumi up\`): the refresh drops it from the state and the apply creates it again.`
    : `Run \`pulumi refresh\` to drop it from the state; Cloudflare makes these, so check the id the program adopts.`;
  return new CloudflareError(
    `the ${kind} ${id} (or what it belongs to) was deleted outside Pulumi: Cloudflare no longer has it (${stripLabel(cause, call.label)}). ${next}`,
    call.label,
  );
}

async function updateFound(ep: Endpoint, life: Lifecycle, call: Call, id: string, olds: Props, news: Props): Promise<Props> {
  const { api, ctx, label } = call;
  const inputs = userInputs(news);
  const at = { accountId: ctx.accountId, source: news, paths: leafPaths(inputs), previous: olds };
  if (!ep.def.api.update) {
    const outs = ep.codec.outputs(await life.fetch(ep, call, id), at);
    return await stepAfter(
      id,
      outs,
      news,
      ep.codec.seal,
      life.afterCreate && (() => life.afterCreate!(ep.operation(api, ctx, label), id, outs, inputs)),
    );
  }
  const update = ep.codec.update(id, olds, inputs);
  const outs = ep.codec.outputs(await ep.put(api, ctx, label, id, update), at);
  await verifyRemovals(ep, life, call, id, update.removed, news, inputs);
  const after = ep.def.afterUpdate;
  return await stepAfter(id, outs, news, ep.codec.seal, after && (() => after(ep.operation(api, ctx, label), id, outs, olds, news)));
}

/**
 * After an update that removed input fields, reads the object back (one GET) and checks that each
 * removed field is gone or back at its typed default. A field Cloudflare kept fails the update with a
 * sentence naming it and the way out; state then records the object as read, and the field stays
 * among the inputs it compares, so the next preview shows the removal again instead of a silent
 * success.
 */
async function verifyRemovals(ep: Endpoint, life: Lifecycle, call: Call, id: string, removed: string[], news: Props, inputs: Props) {
  const { facts } = ep.codec;
  // Only what the API holds and shows: not our local or path inputs, not what it never returns (a
  // PSK), and not a field whose default Cloudflare picks itself (documented in words only: the
  // LAN's name, a direction that depends on the account), which any value may satisfy.
  const unseen = new Set([...facts.local, ...facts.path, ...facts.neverReadBack]);
  const ownDefault = (p: string) => {
    const meta = fieldMeta(fieldAt(ep.def.inputs, p) ?? z.never());
    return meta.defaultDoc !== undefined && meta.default === undefined;
  };
  const checked = removed.filter((p) => !unseen.has(p.split(".")[0]) && !ownDefault(p));
  if (checked.length === 0) return;
  const live = ep.codec.outputs(await life.fetch(ep, call, id), {
    accountId: call.ctx.accountId,
    source: news,
    paths: leafPaths(inputs),
  });
  const kept = checked.filter((p) => {
    const v = getPath(live, p);
    return !isEmpty(v) && !same(fieldAt(ep.def.inputs, p), undefined, v);
  });
  if (kept.length === 0) return;
  const it = kept.length > 1 ? "them" : "it";
  const held = kept.map((p) => `${p} = ${JSON.stringify(getPath(live, p))}`).join(", ");
  const wayOut = life.replaceable
    ? `set ${it} to the value you want instead of removing ${it}, or replace the ${ep.def.kind} with \`pulumi up --replace '${report().urn ?? "<urn>"}'\``
    : `set ${it} to the value you want instead of removing ${it} (this ${ep.def.kind} is adopted, so it cannot be replaced)`;
  live[INPUT_PATHS] = [...new Set([...leafPaths(inputs), ...kept])];
  throw new InitFailedError(
    id,
    ep.codec.seal(live),
    `${call.label}: the program removed ${kept.join(", ")}, but after the update Cloudflare still holds ${held}; to change ${it}, ${wayOut}.`,
    news,
  );
}
