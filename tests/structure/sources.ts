import * as fs from "node:fs";
import * as path from "node:path";

/** Helpers of the structure tests: the repository's source files and what each imports. */

const REPO = path.join(__dirname, "..", "..");

/** Every TypeScript source under `dir` (a repo path), as repo paths. */
export function sources(dir: string): string[] {
  const out: string[] = [];
  for (const e of fs.readdirSync(path.join(REPO, dir), { withFileTypes: true })) {
    const rel = path.posix.join(dir, e.name);
    if (e.isDirectory()) out.push(...sources(rel));
    else if (e.name.endsWith(".ts") && !e.name.endsWith(".d.ts")) out.push(rel);
  }
  return out;
}

/** Every relative module a file imports, requires or names in `typeof import(...)`, as a repo path. */
export function importsOf(file: string, text = fs.readFileSync(path.join(REPO, file), "utf8")): string[] {
  const specs = [
    ...text.matchAll(/\bfrom\s+["']([^"']+)["']/g),
    ...text.matchAll(/\brequire\(\s*["']([^"']+)["']\s*\)/g),
    ...text.matchAll(/\bimport\(\s*["']([^"']+)["']\s*\)/g),
  ].map((m) => m[1]);
  return specs.filter((s) => s.startsWith(".")).map((s) => path.posix.normalize(path.posix.join(path.posix.dirname(file), s)));
}
