/**
 * The layers of the source tree: the program side (sdk/) reaches the provider only through
 * provider/facade.ts, the shared layer (shared/) depends on neither side, the audit (audit/) sits
 * on top of the provider and codegen and under nothing, and the provider's
 * registry lists every resource module under provider/resources/ by the token its definition declares.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { resourceModules } from "../../provider/registry";
import { importsOf, sources } from "./sources";

const REPO = path.join(__dirname, "..", "..");

const under = (target: string, dir: string) => target === dir || target.startsWith(`${dir}/`);

describe("layers", () => {
  test("the import scan sees static imports, requires and typeof import()", () => {
    const text = `import { a } from "../provider/x";\nconst b = require("../../provider/y") as typeof import("../../provider/z");`;
    expect(importsOf("sdk/lookups/f.ts", text)).toEqual(["sdk/provider/x", "provider/y", "provider/z"]);
  });

  test("no file under sdk/ imports a file under provider/ other than the facade", () => {
    const files = sources("sdk");
    expect(files.length).toBeGreaterThan(20);
    const bad = files.flatMap((f) =>
      importsOf(f)
        .filter((t) => under(t, "provider") && t !== "provider/facade")
        .map((t) => `${f} -> ${t}`),
    );
    expect(bad).toEqual([]);
  });

  test("shared/ depends on neither sdk/ nor provider/ (nor on any package)", () => {
    const files = sources("shared");
    expect(files).toEqual(expect.arrayContaining(["shared/ip.ts", "shared/values.ts", "shared/internal-keys.ts"]));
    const bad = files.flatMap((f) =>
      importsOf(f)
        .filter((t) => !under(t, "shared"))
        .map((t) => `${f} -> ${t}`),
    );
    expect(bad).toEqual([]);
    const packages = files.flatMap((f) =>
      [...fs.readFileSync(path.join(REPO, f), "utf8").matchAll(/\bfrom\s+["']([^./][^"']*)["']/g)].map((m) => `${f} -> ${m[1]}`),
    );
    expect(packages).toEqual([]);
  });

  test("the audit is a tool on top: it uses the provider and codegen, never the sdk, and nothing of the package imports it", () => {
    const files = sources("audit");
    expect(files).toEqual(expect.arrayContaining(["audit/cli.ts", "audit/audit.ts", "audit/exports.ts", "audit/render.ts"]));
    const intoSdk = files.flatMap((f) =>
      importsOf(f)
        .filter((t) => under(t, "sdk") || under(t, "emulator"))
        .map((t) => `${f} -> ${t}`),
    );
    expect(intoSdk).toEqual([]);
    const intoAudit = ["provider", "sdk", "shared", "codegen", "emulator"].flatMap((dir) =>
      sources(dir).flatMap((f) =>
        importsOf(f)
          .filter((t) => under(t, "audit"))
          .map((t) => `${f} -> ${t}`),
      ),
    );
    expect(intoAudit).toEqual([]);
  });

  test("codegen reaches the definitions only through the registry, and names no resource module", () => {
    const files = sources("codegen");
    expect(files).toEqual(expect.arrayContaining(["codegen/program.ts", "codegen/types.ts", "codegen/read.ts"]));
    const past = files.flatMap((f) =>
      importsOf(f)
        .filter((t) => under(t, "provider/resources"))
        .map((t) => `${f} -> ${t}`),
    );
    expect(past).toEqual([]);
  });

  test("the registry lists every resource module, each under the token it declares", () => {
    const modules = sources("provider/resources").filter((f) => {
      const text = fs.readFileSync(path.join(REPO, f), "utf8");
      return /^export const (definition|provider)\b/m.test(text);
    });
    expect(modules.length).toBeGreaterThan(15);
    const listed = Object.entries(resourceModules).map(([token, load]) => {
      const m = load();
      const declared = m.definition?.token ?? (m.provider ? token : undefined);
      return { token, declared };
    });
    expect(listed.filter((x) => x.declared !== x.token)).toEqual([]);
    // Every module with a definition or custom provider is reachable from one token.
    const reached = new Set(Object.values(resourceModules).map((load) => load()));
    const unlisted = modules.filter((f) => !reached.has(require(path.join(REPO, f))));
    expect(unlisted).toEqual([]);
  });
});
