/** Variable and resource names for a generated program: stable, unique, valid, derived from the objects' own names. */

/** Names a program cannot use for its own variables. */
const RESERVED = new Set([
  "pulumi",
  "magic",
  "config",
  "break",
  "case",
  "catch",
  "class",
  "const",
  "continue",
  "debugger",
  "default",
  "delete",
  "do",
  "else",
  "enum",
  "export",
  "extends",
  "false",
  "finally",
  "for",
  "function",
  "if",
  "import",
  "in",
  "instanceof",
  "new",
  "null",
  "return",
  "super",
  "switch",
  "this",
  "throw",
  "true",
  "try",
  "typeof",
  "var",
  "void",
  "while",
  "with",
  "let",
  "static",
  "yield",
  "await",
  "implements",
  "interface",
  "package",
  "private",
  "protected",
  "public",
  "undefined",
]);

/** Stable, unique identifiers and resource names, handed out in the (sorted) order of the objects. */
export class Namer {
  private readonly variables = new Set(RESERVED);
  private readonly resources = new Set<string>();

  variable(text: string, kind: string): string {
    let base = camel(text);
    if (!/^[A-Za-z_$]/.test(base) || base === "") base = camel(`${kind} ${text}`);
    // A clash across kinds reads better with the kind ("nycBranchSite"); within a kind, numbered.
    if (this.variables.has(base) && !base.toLowerCase().endsWith(kind.toLowerCase())) base = camel(`${base} ${kind}`);
    return this.take(this.variables, base, (b, n) => `${b}${n}`);
  }

  resource(text: string): string {
    const base = /^[A-Za-z0-9][A-Za-z0-9_.-]*$/.test(text)
      ? text
      : text
          .toLowerCase()
          .replace(/[^a-z0-9]+/g, "-")
          .replace(/^-+|-+$/g, "") || "object";
    return this.take(this.resources, base, (b, n) => `${b}-${n}`);
  }

  private take(used: Set<string>, base: string, numbered: (b: string, n: number) => string): string {
    let name = base;
    for (let n = 2; used.has(name); n++) name = numbered(base, n);
    used.add(name);
    return name;
  }
}

/** "nyc_gre_1" -> nycGre1, "SN-NYC-0001" -> snNyc0001 (a word in capitals reads as one word). */
export function camel(text: string): string {
  const words = text
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map((w) => (/^[A-Z0-9]+$/.test(w) ? w.toLowerCase() : w));
  return words.map((w, i) => (i === 0 ? w[0].toLowerCase() + w.slice(1) : w[0].toUpperCase() + w.slice(1))).join("");
}
