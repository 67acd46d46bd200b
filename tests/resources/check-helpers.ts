import type { DefinedProvider } from "../../provider/framework/provider";

/** The account the check/diff tests use. */
export const ACCOUNT = "0123456789abcdef0123456789abcdef";

/** What `check` refuses in `inputs` (with `overrides` laid over them), sending no request. */
export async function failures(p: DefinedProvider, inputs: Record<string, unknown>, overrides: Record<string, unknown> = {}) {
  return (await p.check({}, { ...inputs, ...overrides })).failures ?? [];
}

/** State as the provider leaves it after a create: server values filled in, the user's leaves in `__inputPaths`. */
export function state(inputs: Record<string, unknown>, computed: Record<string, unknown>) {
  const paths = Object.entries(inputs)
    .filter(([k]) => !k.startsWith("__"))
    .flatMap(([k, v]) => (v && typeof v === "object" && !Array.isArray(v) ? Object.keys(v).map((s) => `${k}.${s}`) : [k]));
  return { ...computed, ...inputs, accountId: ACCOUNT, __inputPaths: paths };
}
