/**
 * Writing and checking generated files, for every generator of `npm run generate` (the sdk's types,
 * the reference pages): a file is stale when its text on disk differs from what its sources give,
 * or when no source gives it any more (`unclaimed`: files in a generated folder that the map lacks).
 */
import * as fs from "node:fs";
import * as path from "node:path";

/** Files (relative to `root`) whose content on disk differs from `files`, then the unclaimed ones. */
export function staleFiles(root: string, files: Map<string, string>, unclaimed: string[]): string[] {
  const out: string[] = [];
  for (const [rel, text] of files) {
    const file = path.join(root, rel);
    if (!fs.existsSync(file) || fs.readFileSync(file, "utf8") !== text) out.push(rel);
  }
  return [...out, ...unclaimed];
}

/** Writes `files` (relative to `root`) that differ on disk and removes the unclaimed ones. Returns what changed. */
export function writeFiles(root: string, files: Map<string, string>, unclaimed: string[]): string[] {
  const changed: string[] = [];
  for (const [rel, text] of files) {
    const file = path.join(root, rel);
    if (fs.existsSync(file) && fs.readFileSync(file, "utf8") === text) continue;
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, text);
    changed.push(rel);
  }
  for (const rel of unclaimed) {
    fs.rmSync(path.join(root, rel));
    changed.push(`${rel} (removed)`);
  }
  return changed;
}
