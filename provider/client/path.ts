/**
 * Builds URL paths with every interpolated value percent-encoded as one path segment, so an id
 * such as "../../user" or "a/b?c" can never escape its segment or add a query.
 *
 * @example path`/accounts/${accountId}/magic/gre_tunnels/${id}`
 */
export function path(strings: TemplateStringsArray, ...values: Array<string | number>): string {
  let out = strings[0];
  values.forEach((v, i) => {
    const s = String(v);
    if (s === "") throw new Error(`path segment ${i + 1} of "${strings.join("{}")}" is empty`);
    out += encodeSegment(s) + strings[i + 1];
  });
  return out;
}

function encodeSegment(s: string): string {
  // encodeURIComponent leaves . and .. intact; those would walk up the path.
  if (s === "." || s === "..") return s.replace(/\./g, "%2E");
  return encodeURIComponent(s);
}
