import { CloudflareError, NotFoundError } from "../../client";
import type { AdoptedLifecycle } from "../define";
import { leafPaths } from "../../../shared/values";
import type { Lifecycle } from "./lifecycle";

type Props = Record<string, unknown>;

/**
 * An object Cloudflare makes (a cf_interconnect): create finds the one the `idInput` names and
 * applies the program's inputs with an update; delete only stops managing it (it stays
 * Cloudflare's). A change of `idInput` adopts another object and lets this one go.
 */
export function adoptedLifecycle(life: AdoptedLifecycle): Lifecycle {
  return {
    identified: true,
    carried: [],
    replaceable: false,

    async create(ep, call, news, inputs) {
      const { api, ctx, label } = call;
      const id = String(inputs[life.idInput]);
      let live: Props;
      try {
        live = await ep.fetch(api, ctx, id, label);
      } catch (e) {
        if (e instanceof NotFoundError)
          throw new CloudflareError(
            `there is no ${ep.def.kind} with id ${id} in account ${ctx.accountId} to adopt (${life.idInput}); Cloudflare creates these, so check the id.`,
            label,
          );
        throw e;
      }
      const found = ep.codec.outputs(live, { accountId: ctx.accountId, source: {}, paths: [] });
      const updated = await ep.put(api, ctx, label, id, ep.codec.update(id, found, inputs));
      return { id, outs: ep.codec.outputs(updated, { accountId: ctx.accountId, source: news, paths: leafPaths(inputs) }) };
    },

    fetch: (ep, { api, ctx, label }, id) => ep.fetch(api, ctx, id, label),

    // Cloudflare's object: destroying the resource only stops managing it.
    remove: async () => {},

    restore: (_ep, _live, props) => props,

    clashes: () => false,
  };
}
