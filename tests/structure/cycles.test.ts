/**
 * The house has no circle: no module of the package's source folders imports, through any chain of
 * imports, a module that imports it back. Type-only imports count: a circle of types still means
 * two modules each need the other to be read, and it is how circles start (the emulator's router
 * once imported its switch types from two resources that import the router).
 */
import * as fs from "node:fs";
import * as path from "node:path";
import * as ts from "typescript";

const REPO = path.join(__dirname, "..", "..");
const FOLDERS = ["emulator", "provider", "sdk", "shared", "codegen", "audit"];

/** The TypeScript sources under a folder, as repo paths. */
function sources(dir: string): string[] {
  return fs
    .readdirSync(path.join(REPO, dir), { recursive: true, encoding: "utf8" })
    .filter((f) => f.endsWith(".ts") && !f.endsWith(".d.ts"))
    .map((f) => path.posix.join(dir, f.split(path.sep).join("/")));
}

/**
 * Which files of `texts` (repo path -> source) each one imports: static imports and re-exports
 * (type-only ones included), side-effect imports, `require()`, `import()` and `typeof import()`.
 * TypeScript's own scanner reads them, so comments and strings never count.
 */
export function importGraph(texts: Map<string, string>): Map<string, string[]> {
  const resolve = (from: string, spec: string): string | undefined => {
    if (!spec.startsWith(".")) return undefined;
    const base = path.posix.normalize(path.posix.join(path.posix.dirname(from), spec));
    return [`${base}.ts`, `${base}/index.ts`, base].find((candidate) => texts.has(candidate));
  };
  const graph = new Map<string, string[]>();
  for (const [file, text] of texts) {
    const specs = ts.preProcessFile(text, true, true).importedFiles.map((f) => f.fileName);
    graph.set(file, [...new Set(specs.flatMap((s) => resolve(file, s) ?? []))].sort());
  }
  return graph;
}

/** One circle per strongly connected group of the graph (Tarjan), each as the path `a -> b -> ... -> a`. */
export function circles(graph: Map<string, string[]>): string[] {
  let next = 0;
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const groups: string[][] = [];
  const visit = (v: string): void => {
    index.set(v, next);
    low.set(v, next++);
    stack.push(v);
    onStack.add(v);
    for (const w of graph.get(v) ?? []) {
      if (!index.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (onStack.has(w)) {
        low.set(v, Math.min(low.get(v)!, index.get(w)!));
      }
    }
    if (low.get(v) !== index.get(v)) return;
    const group: string[] = [];
    let w: string;
    do {
      w = stack.pop()!;
      onStack.delete(w);
      group.push(w);
    } while (w !== v);
    if (group.length > 1 || (graph.get(v) ?? []).includes(v)) groups.push(group);
  };
  for (const v of [...graph.keys()].sort()) if (!index.has(v)) visit(v);
  return groups.map((group) => describeCircle(graph, new Set(group)));
}

/** A shortest path from the group's first file (by name) back to itself, inside the group. */
function describeCircle(graph: Map<string, string[]>, group: Set<string>): string {
  const start = [...group].sort()[0];
  const cameFrom = new Map<string, string>();
  const queue = [start];
  while (queue.length > 0) {
    const v = queue.shift()!;
    for (const w of graph.get(v) ?? []) {
      if (!group.has(w)) continue;
      if (w === start) {
        const chain = [v];
        while (chain[0] !== start) chain.unshift(cameFrom.get(chain[0])!);
        return [...chain, start].join(" -> ");
      }
      if (!cameFrom.has(w)) {
        cameFrom.set(w, v);
        queue.push(w);
      }
    }
  }
  return [...group].sort().join(", ");
}

describe("import circles", () => {
  test("the scan follows every kind of import to a file of the tree, and nothing in comments or strings", () => {
    const texts = new Map([
      [
        "emulator/router.ts",
        [
          `import type { A } from "./switches";`,
          `export { B } from "./resources";`,
          `import "./side";`,
          `const c = require("./store") as typeof import("./envelope");`,
          `// import { x } from "./commented";`,
          `const s = 'from "./quoted"';`,
          `import { z } from "zod";`,
        ].join("\n"),
      ],
      ["emulator/switches.ts", ""],
      ["emulator/resources/index.ts", ""],
      ["emulator/side.ts", ""],
      ["emulator/store.ts", ""],
      ["emulator/envelope.ts", ""],
      ["emulator/commented.ts", ""],
      ["emulator/quoted.ts", ""],
    ]);
    expect(importGraph(texts).get("emulator/router.ts")).toEqual([
      "emulator/envelope.ts",
      "emulator/resources/index.ts",
      "emulator/side.ts",
      "emulator/store.ts",
      "emulator/switches.ts",
    ]);
  });

  test("a circle made of type-only imports is found, and named as a path", () => {
    const texts = new Map([
      ["emulator/router.ts", `import type { CniBehaviour } from "./resources/cni";\nimport type { Store } from "./store";`],
      ["emulator/resources/cni.ts", `import type { Router } from "../router";\nimport { Store } from "../store";`],
      ["emulator/store.ts", ""],
      ["emulator/a.ts", `import "./b";`],
      ["emulator/b.ts", `import "./c";`],
      ["emulator/c.ts", `import "./a";`],
      ["emulator/self.ts", `import "./self";`],
    ]);
    expect(circles(importGraph(texts)).sort()).toEqual([
      "emulator/a.ts -> emulator/b.ts -> emulator/c.ts -> emulator/a.ts",
      "emulator/resources/cni.ts -> emulator/router.ts -> emulator/resources/cni.ts",
      "emulator/self.ts -> emulator/self.ts",
    ]);
  });

  test(`no circle in ${FOLDERS.join("/, ")}/`, () => {
    const folders = FOLDERS.filter((dir) => fs.existsSync(path.join(REPO, dir)));
    expect(folders).toEqual(expect.arrayContaining(["emulator", "provider", "sdk", "shared"]));
    const files = folders.flatMap(sources);
    expect(files.length).toBeGreaterThan(100);
    const graph = importGraph(new Map(files.map((f) => [f, fs.readFileSync(path.join(REPO, f), "utf8")])));
    // The scan sees the tree's real edges.
    expect(graph.get("emulator/server.ts")).toEqual(expect.arrayContaining(["emulator/router.ts", "emulator/store.ts"]));
    expect(circles(graph)).toEqual([]);
  });
});
