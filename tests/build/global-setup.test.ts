import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";

/** The jest globalSetup that rebuilds dist/ when a source is newer (tests/global-setup.js). */
const { staleSources, ensureBuilt } = require("../global-setup") as {
  staleSources: (root: string) => string[];
  ensureBuilt: (root: string) => boolean;
};

describe("dist freshness before a test run", () => {
  let root: string;
  const write = (rel: string, text: string, mtime?: number) => {
    const file = path.join(root, rel);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, text);
    if (mtime !== undefined) fs.utimesSync(file, mtime, mtime);
  };

  beforeEach(() => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), "pcm-dist-"));
    write(
      "tsconfig.json",
      JSON.stringify({
        compilerOptions: { outDir: "dist", rootDir: ".", strict: true, module: "commonjs", target: "ES2022", types: [] },
        include: ["provider/**/*.ts", "sdk/**/*.ts"],
      }),
    );
  });
  afterEach(() => fs.rmSync(root, { recursive: true, force: true }));

  it("lists sources whose .js is missing or older, and none once every output is newer", () => {
    write("provider/a.ts", "export const a = 1;\n", 1000);
    write("sdk/b/c.ts", "export const c = 1;\n", 1000);
    write("sdk/types.d.ts", "export type T = 1;\n", 5000);
    expect(staleSources(root).sort()).toEqual(["provider/a.ts", path.join("sdk", "b", "c.ts")].sort());
    write("dist/provider/a.js", "", 2000);
    write("dist/sdk/b/c.js", "", 999);
    expect(staleSources(root)).toEqual([path.join("sdk", "b", "c.ts")]);
    write("dist/sdk/b/c.js", "", 2000);
    expect(staleSources(root)).toEqual([]);
  });

  it("builds when a source is newer, builds nothing when dist is fresh, and fails naming the error when the build does", () => {
    write("provider/a.ts", "export const a: number = 1;\n");
    expect(ensureBuilt(root)).toBe(true);
    expect(fs.readFileSync(path.join(root, "dist/provider/a.js"), "utf8")).toContain("exports.a = 1");
    expect(ensureBuilt(root)).toBe(false);
    // An edit after the build: the next run builds it, and a type error stops the run.
    write("provider/a.ts", 'export const a: number = "one";\n', Date.now() / 1000 + 5);
    expect(() => ensureBuilt(root)).toThrow(
      /dist\/ is out of date and the build failed[\s\S]*provider\/a\.ts.*Type 'string' is not assignable to type 'number'/,
    );
  });
});
