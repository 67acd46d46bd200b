import { NotFoundError } from "../../client";
import { contextOf } from "../endpoint";
import { client } from "../settings";
import { leafPaths } from "../../../shared/values";
import type { Lifecycle } from "./lifecycle";

/** Output of a settings singleton: the input fields it held before this resource took it over. */
export const RESTORE = "restoreOnDelete";

/**
 * An account's one settings object (CNI settings): its id is the account id. Create records the
 * values it finds (the output `restoreOnDelete`) and puts the program's; delete puts the recorded
 * values back. A read without a recorded restore point (an `import`) records what it finds: what
 * the settings held before this stack managed them.
 */
export const singletonLifecycle: Lifecycle = {
  identified: false,
  carried: [RESTORE],
  replaceable: true,

  async create(ep, call, news, inputs) {
    const { api, ctx, label } = call;
    const id = ctx.accountId;
    const restore = ep.codec.pick(ep.codec.camel(await ep.get(api, ctx, id, label)));
    const updated = await ep.put(api, ctx, label, id, ep.codec.update(id, {}, inputs));
    return {
      id,
      outs: ep.codec.outputs(updated, { accountId: ctx.accountId, source: { ...news, [RESTORE]: restore }, paths: leafPaths(inputs) }),
    };
  },

  // Not a member of a list: its own GET.
  fetch: (ep, { api, ctx, label }, id) => ep.get(api, ctx, id, label),

  async remove(ep, id, props) {
    // Put back what was recorded; with nothing recorded there is nothing to put back: the settings
    // stay as they are, only no longer managed. Never `PUT {}`.
    const restore = ep.codec.pick(props[RESTORE]);
    if (Object.keys(restore).length === 0) return;
    const ctx = contextOf(props, props);
    const label = ep.label("delete", props, id);
    const api = client();
    try {
      await ep.putOne(api, ctx, label, id, ep.codec.body(restore, { id, olds: props }));
    } catch (e) {
      if (!(e instanceof NotFoundError)) throw e;
    }
  },

  restore: (ep, live, props) => (props[RESTORE] === undefined ? { ...props, [RESTORE]: ep.codec.pick(ep.codec.camel(live)) } : props),

  clashes: () => false,
};
