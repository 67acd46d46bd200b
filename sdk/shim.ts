/**
 * The provider text Pulumi stores in every resource's state (`__provider`, twice per resource)
 * and that the provider host loads with require-from-string, calling `handler()`.
 *
 * It captures nothing: each method requires the installed provider package at run time and the
 * package dispatches on the `__token` input. No client, schema, config or credential is ever in
 * it, every resource shares one text (so the host configures once), and resources always run the
 * installed package's code.
 *
 * We write the module text ourselves instead of letting `pulumi.dynamic.Resource` run the closure
 * serializer over a shim object: the serializer wraps each of the seven methods in ~190 bytes of
 * scaffolding, which put even a capture-free shim at 2,068 bytes; this text is about a quarter of that.
 */
function handler() {
  // Types only: erased on compile, they cost the text nothing.
  type Method = (...args: unknown[]) => unknown;
  type Provider = Record<"configure" | "check" | "diff" | "create" | "read" | "update" | "delete", Method>;
  const p = () => require("pulumi-cloudflare-magic/provider") as Provider;
  return {
    configure: (r: unknown) => p().configure(r),
    check: (o: unknown, n: unknown) => p().check(o, n),
    diff: (i: unknown, o: unknown, n: unknown) => p().diff(i, o, n),
    create: (n: unknown) => p().create(n),
    read: (i: unknown, o: unknown) => p().read(i, o),
    update: (i: unknown, o: unknown, n: unknown) => p().update(i, o, n),
    delete: (i: unknown, o: unknown) => p().delete(i, o),
  };
}

export const SHIM_TEXT = `exports.handler = ${handler.toString()};\n`;
