import * as fs from "node:fs";
import * as path from "node:path";
import ts from "typescript";
import type { z } from "zod";
import { fieldMeta, schemaLayers } from "../../provider/framework/define";
import { definitionOf, resourceModules } from "../../provider/registry";

/**
 * Every fact about the API is declared once, in a definition or one table under provider/, and
 * everything else takes it from there (or the generator writes it): a permission name only in
 * provider/permissions.ts, an API path only in the definition of the object it belongs to, a
 * documented default only in its field's meta. The package's own sources are scanned (provider/,
 * the hand-written sdk/, codegen/, audit/, shared/, scripts/); the emulator, which plays Cloudflare,
 * keeps its own on purpose, and generated files say where they come from.
 */

const REPO = path.join(__dirname, "..", "..");

function sources(dir: string): string[] {
  const out: string[] = [];
  for (const e of fs.readdirSync(path.join(REPO, dir), { withFileTypes: true })) {
    const rel = path.posix.join(dir, e.name);
    if (e.isDirectory() && e.name !== "generated" && e.name !== ".out") out.push(...sources(rel));
    else if (e.name.endsWith(".ts") && !e.name.endsWith(".d.ts")) out.push(rel);
  }
  return out;
}

const FILES = ["provider", "sdk", "codegen", "audit", "shared", "scripts"].flatMap(sources);

interface Literal {
  file: string;
  line: number;
  /** The text, with `{}` for each substitution of a template. */
  text: string;
}

/** Every string and template literal of a source (comments are not literals). */
export function literalsOf(file: string, text = fs.readFileSync(path.join(REPO, file), "utf8")): Literal[] {
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true);
  const out: Literal[] = [];
  const add = (node: ts.Node, t: string) =>
    out.push({ file, line: source.getLineAndCharacterOfPosition(node.getStart()).line + 1, text: t });
  const visit = (node: ts.Node) => {
    if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) add(node, node.text);
    else if (ts.isTemplateExpression(node)) {
      add(node, node.head.text + node.templateSpans.map((s) => `{}${s.literal.text}`).join(""));
      node.templateSpans.forEach((s) => visit(s.expression));
      return;
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return out;
}

const LITERALS = FILES.flatMap((f) => literalsOf(f));
const where = (l: Literal) => `${l.file}:${l.line}`;

describe("declared once", () => {
  test("the scan sees string literals and templates, not comments", () => {
    const found = literalsOf("x.ts", 'const a = "Magic WAN: Edit"; // "not this"\nconst b = path`/accounts/${id}/magic/sites/${s}`;');
    expect(found.map((l) => l.text)).toEqual(["Magic WAN: Edit", "/accounts/{}/magic/sites/{}"]);
    expect(FILES).toEqual(expect.arrayContaining(["provider/permissions.ts", "sdk/lookups/cni.ts", "codegen/read.ts"]));
  });

  test("a token permission is named only in provider/permissions.ts", () => {
    const permission = /\b(Magic (Transit|WAN)|Packet Captures)\b.*\b(Edit|Read|Write)\b|PCAPs? API/;
    const elsewhere = LITERALS.filter((l) => permission.test(l.text) && l.file !== "provider/permissions.ts").map(
      (l) => `${where(l)}: ${l.text}`,
    );
    expect(elsewhere).toEqual([]);
  });

  test("an API path is written in one place: the definition of the object it belongs to", () => {
    const paths = LITERALS.filter((l) => /^\/accounts\/\{\}\//.test(l.text));
    expect(paths.length).toBeGreaterThan(10);
    const byPath = new Map<string, Literal[]>();
    for (const l of paths) byPath.set(l.text, [...(byPath.get(l.text) ?? []), l]);
    const twice = [...byPath].filter(([, ls]) => ls.length > 1).map(([p, ls]) => `${p}: ${ls.map(where).join(", ")}`);
    expect(twice).toEqual([]);
    const outside = paths.filter((l) => !l.file.startsWith("provider/resources/")).map((l) => `${where(l)}: ${l.text}`);
    expect(outside).toEqual([]);
  });

  test("a documented default is written only in its field's meta: no hand-written @default restates one", () => {
    // Each typed default as a doc would restate it, by input name: the value of the field itself,
    // `field: value` for a field of an object it holds.
    const restatements = new Map<string, string[]>();
    const add = (name: string, text: string) => restatements.set(name, [...(restatements.get(name) ?? []), text]);
    for (const token of Object.keys(resourceModules)) {
      for (const [k, f] of Object.entries(definitionOf(token)?.inputs.shape ?? {}) as Array<[string, z.ZodType]>) {
        const own = fieldMeta(f).default;
        if (own !== undefined) add(k, JSON.stringify(own));
        const layers = schemaLayers(f);
        const inner = layers[layers.length - 1] as unknown as { shape?: Record<string, z.ZodType> };
        for (const [sub, g] of Object.entries(inner.shape ?? {})) {
          const d = fieldMeta(g).default;
          if (d !== undefined) add(k, `${sub}: ${JSON.stringify(d)}`);
        }
      }
    }
    expect([...restatements.keys()]).toEqual(expect.arrayContaining(["mtu", "haMode", "healthCheck", "vlanTag"]));
    const token = (t: string) => new RegExp(`(^|[^\\w.])${t.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}($|[^\\w.])`);
    const restated: string[] = [];
    for (const file of FILES.filter((f) => f.startsWith("sdk/"))) {
      const lines = fs.readFileSync(path.join(REPO, file), "utf8").split("\n");
      lines.forEach((line, i) => {
        const doc = /@default\b(.*)/.exec(line)?.[1];
        if (doc === undefined) return;
        const declared = lines.slice(i, i + 6).find((l) => /^\s*(readonly\s+)?\w+\??:/.test(l));
        const name = declared && /^\s*(?:readonly\s+)?(\w+)\??:/.exec(declared)![1];
        const again = (restatements.get(name ?? "") ?? []).filter((t) => token(t).test(doc));
        if (again.length) restated.push(`${file}:${i + 1}: ${name} ${[...new Set(again)].join(", ")}`);
      });
    }
    expect(restated).toEqual([]);
  });
});
