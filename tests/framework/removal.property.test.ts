import fc from "fast-check";
import type { z } from "zod";
import { InitFailedError } from "../../provider/framework/provider";
import { fieldMeta, type ResourceDefinition } from "../../provider/framework/define";
import { fieldFacts } from "../../provider/framework/vocabulary";
import { fieldAt, isEmpty, same } from "../../provider/framework/equivalence";
import { routeInputs } from "../../provider/resources/magic/routes/route";
import { camelToSnake, getPath, isPlainObject, leafPaths } from "../../shared/values";
import { withoutInternalKeys } from "../../shared/internal-keys";
import { ACCOUNT } from "../resources/stack";
import { runs } from "../property";
import { unwrapSecrets } from "../harness/host";
import { type Direct, type Program, TOKENS, news, optionalFields, programs, removable, startDirect, unsentInputs } from "./programs";

/**
 * Removals that take effect (issue 18, item 3), for every definition: a program applied with an
 * optional input and then without it leaves the live object without it (or at its documented
 * default), by whatever way the resource's metadata says (an update that sends the default or
 * leaves the field out, or a replacement), or the update fails with a sentence naming the field,
 * state shows the value Cloudflare kept, and the next diff shows the removal again. Either way
 * state equals the live object. Driven like the engine drives it: check, diff, then update or
 * replace (in the order diff asks for).
 */

type Props = Record<string, unknown>;

let d: Direct;
let serial = 0;

beforeAll(async () => {
  d = await startDirect();
}, 120_000);

afterAll(async () => {
  await d?.close();
});

/** The input schema whose fields a program's paths name (RouteTable: `routes.N.<entry field>`). */
function schemaOf(token: string): z.ZodObject {
  return (d.definition(token)?.inputs ?? routeInputs) as z.ZodObject;
}

/** The field a path names, RouteTable's `routes.N.x` as an entry's `x`. */
function fieldOf(token: string, path: string): z.ZodType | undefined {
  return fieldAt(schemaOf(token), d.definition(token) ? path : path.split(".").slice(2).join("."));
}

/** Optional leaves a program can drop; a RouteTable's are its entries' optional fields. */
function removablePaths(token: string, program: Program): string[] {
  const def = d.definition(token);
  if (def) return removable(def, program, def.inputs).filter((p) => !fieldFacts(def).neverReadBack.includes(p.split(".")[0]));
  const routes = program.inputs.routes as Props[];
  return routes.flatMap((r, i) => removable(undefined, { inputs: r }, routeInputs).map((p) => `routes.${i}.${p}`));
}

/** `inputs` without the leaves at `paths`, and without objects those leave empty. */
function without(inputs: Props, paths: string[]): Props {
  const out = structuredClone(inputs);
  for (const path of paths) {
    const parts = path.split(".");
    for (let depth = parts.length; depth > 0; depth--) {
      const holder = depth === 1 ? out : getPath(out, parts.slice(0, depth - 1).join("."));
      const key = parts[depth - 1];
      if (!isPlainObject(holder)) break;
      if (depth < parts.length && !(isPlainObject(holder[key]) && Object.keys(holder[key]).length === 0)) break;
      delete holder[key];
    }
  }
  return out;
}

/** The stored object with this id, as the emulator holds it (snake_case), or undefined. */
function stored(id: string): Props | undefined {
  const account = d.emulator.store.dump().accounts[ACCOUNT] ?? {};
  for (const objects of Object.values(account)) {
    const found = (objects as Props[]).find((o) => o.id === id || o.name === id);
    if (found) return found;
  }
  return undefined;
}

/** A program path as the emulator stores it: snake_case (with the definition's aliases), RouteTable entries by their route id. */
function storedValue(token: string, def: ResourceDefinition | undefined, id: string, state: Props, path: string): unknown {
  if (!def) {
    const [, index, ...rest] = path.split(".");
    const route = (state.routes as Props[])[Number(index)];
    return getPath(stored(String(route.id)), rest.map(camelToSnake).join("."));
  }
  const aliases = fieldFacts(def).apiNames;
  const snake = path
    .split(".")
    .map((k) => aliases[k] ?? camelToSnake(k))
    .join(".");
  return getPath(stored(id), snake);
}

/** Whether a value held at a removed path is gone: nothing, the field's typed default, or (for a default Cloudflare picks) anything. */
function gone(field: z.ZodType | undefined, value: unknown): boolean {
  const meta = field ? fieldMeta(field) : {};
  if (meta.defaultDoc !== undefined && meta.default === undefined) return true;
  return isEmpty(value) || same(field, undefined, value);
}

/** The engine's way through one change: diff, then update, or a replacement in the order diff asks. */
async function apply(
  token: string,
  id: string,
  state: Props,
  next: Props,
): Promise<{ id: string; state: Props; failure?: InitFailedError }> {
  const p = d.provider(token);
  const diff = await p.diff(id, state, next);
  if (!diff.changes) return { id, state };
  if ((diff.replaces ?? []).length > 0) {
    if (diff.deleteBeforeReplace) await p.delete(id, state);
    const made = await p.create(next);
    if (!diff.deleteBeforeReplace) await p.delete(id, state);
    return { id: made.id, state: made.outs as Props };
  }
  try {
    return { id, state: (await p.update(id, state, next)).outs as Props };
  } catch (e) {
    // The engine records the object's state from the failure, and hands it back in plaintext.
    if (e instanceof InitFailedError) return { id, state: unwrapSecrets(e.properties), failure: e };
    throw e;
  }
}

describe.each(TOKENS)("%s: removing optional inputs", (token) => {
  it("every optional input is set by one of its programs", () => {
    const def = d.definition(token);
    const set = new Set(
      programs(token, d.parents, 0).flatMap((pr) =>
        def ? leafPaths(pr.inputs).flatMap((p) => p.split(".").map((_, i, a) => a.slice(0, i + 1).join("."))) : [],
      ),
    );
    const missing = def ? optionalFields(def.inputs).filter((f) => !set.has(f) && !unsentInputs(def).includes(f.split(".")[0])) : [];
    expect(missing).toEqual([]);
  });

  it("leaves the live object without what the program removed (or fails naming it), and state equal to the live object", async () => {
    const def = d.definition(token);
    const p = d.provider(token);
    for (const [variant, sample] of programs(token, d.parents, 0).entries()) {
      const paths = removablePaths(token, sample);
      if (paths.length === 0) continue;
      await fc.assert(
        fc.asyncProperty(fc.subarray(paths, { minLength: 1 }), async (removed) => {
          const n = ++serial;
          const program = programs(token, d.parents, n)[variant];
          const full = news(token, program.inputs);
          const reduced = news(token, without(program.inputs, removed));
          // A removal the resource's rules refuse (one half of a pair) is check's to report, not apply's.
          const refused = (await p.check({}, reduced)).failures ?? [];
          fc.pre(refused.length === 0);

          const created = await p.create(full);
          const { id, state, failure } = await apply(token, created.id, created.outs as Props, reduced);
          try {
            for (const path of removed) {
              const field = fieldOf(token, path);
              const live = storedValue(token, def, id, state, path);
              if (gone(field, live)) continue;
              // Kept by Cloudflare: the update must have failed naming the field, with state showing the kept value.
              expect({ path, failure: failure?.message }).toEqual({ path, failure: expect.stringContaining(path) });
              expect(getPath(state, path)).toBeDefined();
              expect((await p.diff(id, state, reduced)).changes).toBe(true);
            }
            // State equals the live object: a read of it changes no field the program manages.
            const read = await p.read(id, state);
            const fresh = withoutInternalKeys(read.props as Props);
            if (!def) {
              const live = new Map((fresh.routes as Props[]).map((r) => [r.id, r]));
              for (const r of state.routes as Props[])
                expect({ id: r.id, same: same(routeInputs, r, live.get(r.id)) }).toEqual({ id: r.id, same: true });
            }
            for (const path of leafPaths(withoutInternalKeys(reduced))) {
              if (!fieldOf(token, path) || (def ? unsentInputs(def) : []).includes(path.split(".")[0])) continue;
              expect({ path, same: same(fieldOf(token, path), getPath(state, path), getPath(fresh, path)) }).toEqual({ path, same: true });
            }
          } finally {
            await p.delete(id, state);
          }
        }),
        runs(6),
      );
    }
  });
});
