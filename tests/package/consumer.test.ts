/**
 * The package as a user gets it. `npm pack` makes the tarball; its contents are checked (LICENSE,
 * metadata, no development-only lifecycle script, every source map's sources shipped, README links
 * that work on npm). Then two fresh consumer projects in a temp dir, one CommonJS and one ESM,
 * `npm install` the tarball with @pulumi/pulumi (from npm's cache when it has them), a small program
 * that declares a GRE tunnel is type-checked with TypeScript 5.9 and 6, run (under Pulumi's mocks,
 * standing in for the language host, to get the tunnel's registration with its provider stub), and
 * the tunnel is applied through the dynamic-provider host started from the project's own
 * node_modules with the project as cwd, as the Pulumi CLI starts it, against the emulator:
 * check, create, read, diff (no changes), delete.
 *
 * The consumer projects live under the OS temp dir, outside this checkout, so the host can only
 * load the provider from the installed tarball.
 */
import { spawn } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { type Emulator, startEmulator } from "../../emulator";
import { secret, startHost, urn } from "../harness/host";
import { seedAccount } from "../codegen/seed";
import { startPlugin } from "../harness/plugin";
import { metaschemaValidator } from "../plugin/metaschema";

const REPO = path.resolve(__dirname, "../..");
const ACCOUNT = "0123456789abcdef0123456789abcdef";
const TOKEN = "consumer-test-token";
/** TypeScript 6 is no dependency of this repo: installed once into the temp dir (npm's cache first). */
const TS6 = "6.0.3";
const repoPkg = JSON.parse(fs.readFileSync(path.join(REPO, "package.json"), "utf8"));
const installedVersion = (name: string): string =>
  JSON.parse(fs.readFileSync(path.join(REPO, "node_modules", name, "package.json"), "utf8")).version;

jest.setTimeout(300_000);

interface Ran {
  code: number | null;
  out: string;
}
/** Runs a command to completion (async, so two can run at once); never throws. */
function run(cmd: string, args: string[], cwd: string, env: NodeJS.ProcessEnv = process.env): Promise<Ran> {
  return new Promise((resolve) => {
    const child = spawn(cmd, args, { cwd, env, stdio: ["ignore", "pipe", "pipe"] });
    let out = "";
    child.stdout.setEncoding("utf8").on("data", (d: string) => (out += d));
    child.stderr.setEncoding("utf8").on("data", (d: string) => (out += d));
    child.once("error", (e) => resolve({ code: -1, out: out + String(e) }));
    child.once("close", (code) => resolve({ code, out }));
  });
}
async function ok(cmd: string, args: string[], cwd: string): Promise<string> {
  const r = await run(cmd, args, cwd);
  if (r.code !== 0) throw new Error(`${cmd} ${args.join(" ")} (in ${cwd}) exited ${r.code}:\n${r.out}`);
  return r.out;
}
const npmInstall = (cwd: string, ...specs: string[]) =>
  ok("npm", ["install", "--prefer-offline", "--no-audit", "--no-fund", "--loglevel=error", ...specs], cwd);

const PROGRAM = `import * as pulumi from "@pulumi/pulumi";
import * as magic from "pulumi-cloudflare-magic";

const gre = new magic.GreTunnel("consumer-gre", {
    name: "consumer_gre_1",
    cloudflareGreEndpoint: "162.159.64.1",
    customerGreEndpoint: "203.0.113.10",
    interfaceAddress: "10.212.0.8/31",
    healthCheck: { rate: "high", direction: "bidirectional" },
});
export const greId: pulumi.Output<string> = gre.id;
`;
/**
 * The same program with a property of the wrong type, type-checked in the same run (it is never
 * loaded): proves the package's types are really resolved and checked, not `any`.
 */
const WRONG = PROGRAM.replace(`interfaceAddress: "10.212.0.8/31"`, "interfaceAddress: 10");

/** A tsconfig that TypeScript 5.9 and 6 both accept, for CommonJS and ESM projects alike. */
const TSCONFIG = {
  compilerOptions: {
    strict: true,
    target: "es2022",
    module: "nodenext",
    moduleResolution: "nodenext",
    outDir: "bin",
    rootDir: ".",
    skipLibCheck: true,
  },
  files: ["index.ts", "wrong.ts"],
};
/** The tsconfig of Pulumi's classic TypeScript template (module commonjs, moduleResolution node). */
const CLASSIC_TSCONFIG = {
  compilerOptions: {
    strict: true,
    outDir: "bin",
    target: "es2020",
    module: "commonjs",
    moduleResolution: "node",
    sourceMap: true,
    experimentalDecorators: true,
    pretty: true,
    noFallthroughCasesInSwitch: true,
    noImplicitReturns: true,
    forceConsistentCasingInFileNames: true,
  },
  files: ["index.ts"],
};

/**
 * Stands in for Pulumi's Node language host: sets mocks on the project's own @pulumi/pulumi, loads
 * the compiled program (import() takes CommonJS and ESM alike), and writes every registration.
 */
const RUNNER = `const fs = require("node:fs");
const { pathToFileURL } = require("node:url");
const pulumi = require("@pulumi/pulumi");
const [program, out] = process.argv.slice(2);
const registered = [];
pulumi.runtime.setMocks({
  newResource(args) {
    registered.push({ type: args.type, name: args.name, inputs: args.inputs });
    return { id: args.name + "_id", state: args.inputs };
  },
  call() { throw new Error("the program makes no invokes"); },
}, "consumer", "dev", false).then(() => import(pathToFileURL(program).href));
// The process ends once every registration has settled; a failed import exits non-zero.
process.on("exit", (code) => { if (code === 0) fs.writeFileSync(out, JSON.stringify(registered)); });
`;

let tmp: string;
let tarball: string;
let unpacked: string;
const tsc: Record<string, string> = {};
const projects: Record<"cjs" | "esm", string> = { cjs: "", esm: "" };

beforeAll(async () => {
  if (!fs.existsSync(path.join(REPO, "dist", "sdk", "index.js"))) throw new Error("run `npm run build` first");
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), "pcm-consumer-"));
  const packed = JSON.parse(await ok("npm", ["pack", "--json", "--pack-destination", tmp, "--loglevel=error"], REPO));
  tarball = path.join(tmp, packed[0].filename);
  unpacked = path.join(tmp, "unpacked");
  fs.mkdirSync(unpacked);
  await ok("tar", ["-xzf", tarball, "-C", unpacked], tmp);

  // Two consumer projects and the TypeScript 6 compiler, installed side by side.
  const make = (kind: "cjs" | "esm") => {
    const dir = path.join(tmp, kind);
    fs.mkdirSync(dir);
    fs.writeFileSync(
      path.join(dir, "package.json"),
      JSON.stringify({
        name: `consumer-${kind}`,
        private: true,
        type: kind === "esm" ? "module" : "commonjs",
      }),
    );
    fs.writeFileSync(path.join(dir, "index.ts"), PROGRAM);
    fs.writeFileSync(path.join(dir, "wrong.ts"), WRONG);
    fs.writeFileSync(path.join(dir, "tsconfig.json"), JSON.stringify(TSCONFIG, null, 2));
    fs.writeFileSync(path.join(dir, "run-program.cjs"), RUNNER);
    projects[kind] = dir;
    return npmInstall(dir, tarball, `@pulumi/pulumi@${installedVersion("@pulumi/pulumi")}`);
  };
  const ts6 = path.join(tmp, "ts6");
  fs.mkdirSync(ts6);
  fs.writeFileSync(path.join(ts6, "package.json"), JSON.stringify({ name: "ts6", private: true }));
  await Promise.all([make("cjs"), make("esm"), npmInstall(ts6, `typescript@${TS6}`)]);
  tsc["5.9"] = path.join(REPO, "node_modules", "typescript", "bin", "tsc");
  tsc["6"] = path.join(ts6, "node_modules", "typescript", "bin", "tsc");
});

afterAll(() => {
  if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
});

describe("the packed tarball", () => {
  const files = () => {
    const out: string[] = [];
    const walk = (d: string) => {
      for (const e of fs.readdirSync(d, { withFileTypes: true })) {
        const p = path.join(d, e.name);
        if (e.isDirectory()) walk(p);
        else out.push(path.relative(path.join(unpacked, "package"), p).split(path.sep).join("/"));
      }
    };
    walk(path.join(unpacked, "package"));
    return out;
  };

  test("has the licence, the metadata and nothing for development only", () => {
    const all = files();
    expect(all).toEqual(expect.arrayContaining(["LICENSE", "README.md", "package.json", "dist/sdk/index.js", "dist/sdk/index.d.ts"]));
    expect(all.filter((f) => /^(tests|examples|bench|scripts)\//.test(f))).toEqual([]);
    const license = fs.readFileSync(path.join(unpacked, "package", "LICENSE"), "utf8");
    expect(license).toMatch(/^\s*Apache License\s+Version 2\.0, January 2004/);
    expect(license).toContain("END OF TERMS AND CONDITIONS");

    const pkg = JSON.parse(fs.readFileSync(path.join(unpacked, "package", "package.json"), "utf8"));
    expect(pkg.license).toBe("Apache-2.0");
    expect(pkg.engines.node).toBe(">=22");
    expect(pkg.repository.url).toMatch(/^git\+https:\/\/github\.com\/[^/]+\/[^/]+\.git$/);
    const repoUrl = pkg.repository.url.replace(/^git\+/, "").replace(/\.git$/, "");
    expect(pkg.homepage).toBe(`${repoUrl}#readme`);
    expect(pkg.bugs.url).toBe(`${repoUrl}/issues`);
    // Lifecycle scripts npm runs for a consumer (installing from a registry or from git).
    const lifecycle = ["preinstall", "install", "postinstall", "prepare", "prepack", "postpack", "prepublish", "preprepare", "postprepare"];
    expect(Object.keys(pkg.scripts ?? {}).filter((s) => lifecycle.includes(s))).toEqual([]);
  });

  test("every command in `bin` starts from an installed project (`--help`)", async () => {
    const pkg = JSON.parse(fs.readFileSync(path.join(unpacked, "package", "package.json"), "utf8"));
    const commands = Object.keys(pkg.bin as Record<string, string>);
    expect(commands).toEqual(
      expect.arrayContaining([
        "cloudflare-magic-codegen",
        "cloudflare-magic-audit",
        "cloudflare-magic-emulator",
        "pulumi-resource-cloudflare-magic",
      ]),
    );
    for (const command of commands) {
      const out = await ok(path.join(projects.cjs, "node_modules", ".bin", command), ["--help"], projects.cjs);
      expect(out).toContain(`usage: ${command} `);
    }
  });

  test("the program cloudflare-magic-codegen writes type-checks under TypeScript 5.9 and 6, with the tsconfig it writes", async () => {
    // TypeScript 6 refuses `"moduleResolution": "node"` (TS5107), which codegen used to write.
    const emulator: Emulator = await startEmulator({ tokens: [TOKEN] });
    const out = path.join(projects.cjs, "generated");
    try {
      await seedAccount(emulator, ACCOUNT, TOKEN);
      const env = { ...process.env, CLOUDFLARE_API_TOKEN: TOKEN, CLOUDFLARE_BASE_URL: emulator.url };
      const bin = path.join(projects.cjs, "node_modules", ".bin", "cloudflare-magic-codegen");
      const generated = await run(bin, ["--account-id", ACCOUNT, "--out", out], projects.cjs, env);
      if (generated.code !== 0) throw new Error(`codegen exited ${generated.code}:\n${generated.out}`);
    } finally {
      await emulator.close();
    }
    const tsconfig = JSON.parse(fs.readFileSync(path.join(out, "tsconfig.json"), "utf8"));
    expect(tsconfig.compilerOptions).toMatchObject({ module: "nodenext", moduleResolution: "nodenext" });
    for (const ts of ["5.9", "6"]) {
      // The generated project resolves the package and @pulumi/pulumi from the consumer project around it.
      const r = await run(process.execPath, [tsc[ts], "-p", "tsconfig.json", "--noEmit", "--pretty", "false"], out);
      expect({ ts, out: r.out, code: r.code }).toEqual({ ts, out: "", code: 0 });
    }
  });

  test("every source map's sources are in the tarball", () => {
    const all = new Set(files());
    const maps = [...all].filter((f) => f.endsWith(".map"));
    expect(maps.length).toBeGreaterThan(100); // .js.map and .d.ts.map for every module
    const missing: string[] = [];
    for (const m of maps) {
      const map = JSON.parse(fs.readFileSync(path.join(unpacked, "package", m), "utf8"));
      for (const s of map.sources as string[]) {
        const target = path.posix.normalize(path.posix.join(path.posix.dirname(m), map.sourceRoot ?? "", s));
        if (!all.has(target)) missing.push(`${m} -> ${target}`);
      }
    }
    expect(missing).toEqual([]);
  });

  test("README links work on npm: anchors or absolute URLs; the repository's files exist in this checkout", () => {
    const pkg = JSON.parse(fs.readFileSync(path.join(unpacked, "package", "package.json"), "utf8"));
    const repoUrl = pkg.repository.url.replace(/^git\+/, "").replace(/\.git$/, "");
    const readme = fs.readFileSync(path.join(unpacked, "package", "README.md"), "utf8").replace(/```[\s\S]*?```/g, "");
    const targets = [...readme.matchAll(/\]\(([^)\s]+)\)/g)].map((m) => m[1]);
    expect(targets.length).toBeGreaterThan(5);
    const bad: string[] = [];
    for (const t of targets) {
      if (t.startsWith("#")) continue;
      if (!/^https:\/\//.test(t)) {
        bad.push(`${t}: relative (npm shows the README without the repository's files)`);
        continue;
      }
      if (!t.startsWith(`${repoUrl}/`)) continue; // another site (pulumi/pulumi issues, ...)
      const m = /^\/(?:blob|tree)\/main\/([^#?]+)/.exec(t.slice(repoUrl.length));
      if (!m) bad.push(`${t}: not a /blob/main/ or /tree/main/ link`);
      else if (!fs.existsSync(path.join(REPO, decodeURIComponent(m[1])))) bad.push(`${t}: ${m[1]} does not exist`);
    }
    expect(bad).toEqual([]);
  });
});

describe.each(["cjs", "esm"] as const)("a fresh %s consumer project", (kind) => {
  test.each(["5.9", "6"])("type-checks the program with TypeScript %s; the one wrong property type is the only error", async (ts) => {
    const r = await run(process.execPath, [tsc[ts], "-p", "tsconfig.json", "--noEmit", "--pretty", "false"], projects[kind]);
    const errors = r.out.split("\n").filter((l) => / error TS\d+/.test(l));
    expect(errors).toEqual([
      expect.stringMatching(/^wrong\.ts\(\d+,\d+\): error TS2322: Type 'number' is not assignable to type '.*string/),
    ]);
    expect(r.out).toContain(`wrong.ts(${WRONG.split("\n").findIndex((l) => l.includes("interfaceAddress")) + 1},`);
  });

  if (kind === "cjs") {
    // Pulumi's classic template has neither esModuleInterop nor skipLibCheck. zod 4's own
    // declarations (a dependency whose types ours reference) need esModuleInterop: without it
    // TypeScript reports TS1259 inside node_modules/zod/v4/locales (colinhacks/zod#5160).
    test("type-checks with the tsconfig of Pulumi's classic template plus esModuleInterop, under TypeScript 5.9", async () => {
      const dir = path.join(projects.cjs, "classic");
      fs.mkdirSync(dir);
      fs.writeFileSync(path.join(dir, "index.ts"), PROGRAM);
      const config = { ...CLASSIC_TSCONFIG, compilerOptions: { ...CLASSIC_TSCONFIG.compilerOptions, esModuleInterop: true } };
      fs.writeFileSync(path.join(dir, "tsconfig.json"), JSON.stringify(config));
      const r = await run(process.execPath, [tsc["5.9"], "-p", "tsconfig.json", "--noEmit", "--pretty", "false"], dir);
      expect(r.out).toBe("");
      expect(r.code).toBe(0);
    });
  }

  test("applies the tunnel through the provider host started from the project", async () => {
    const dir = projects[kind];
    // Emit only (the test above type-checks); wrong.ts is emitted too but never loaded.
    await ok(process.execPath, [tsc["5.9"], "-p", "tsconfig.json", "--noCheck"], dir);
    const regFile = path.join(dir, "registrations.json");
    await ok(process.execPath, ["run-program.cjs", path.join(dir, "bin", "index.js"), regFile], dir);
    const regs = JSON.parse(fs.readFileSync(regFile, "utf8"));
    expect(regs).toHaveLength(1);
    const [gre] = regs;
    expect(gre.name).toBe("consumer-gre");
    expect(typeof gre.inputs.__provider).toBe("string");
    // The stub loads the provider by package name, resolved from the host's cwd.
    expect(gre.inputs.__provider).toContain('require("pulumi-cloudflare-magic/provider")');

    const emulator: Emulator = await startEmulator({ tokens: [TOKEN] });
    const host = await startHost({
      cwd: dir,
      project: "consumer",
      entry: path.join(dir, "node_modules", "@pulumi", "pulumi", "cmd", "dynamic-provider", "index.js"),
    });
    try {
      await host.configure({
        "cloudflare:apiToken": secret(TOKEN),
        "cloudflare-magic:accountId": ACCOUNT,
        "cloudflare-magic:baseUrl": emulator.url,
      });
      const u = urn(gre.type, gre.name, "consumer");
      const checked = await host.check(u, {}, gre.inputs);
      expect(checked.failures).toEqual([]);
      const created = await host.create(u, checked.inputs);
      const live = emulator.store.list<any>(ACCOUNT, "gre_tunnels");
      expect(live.map((t) => [t.id, t.name, t.interface_address])).toEqual([[created.id, "consumer_gre_1", "10.212.0.8/31"]]);

      const read = await host.read(created.id, u, created.properties, checked.inputs);
      expect(read.id).toBe(created.id);
      const again = await host.check(u, checked.inputs, gre.inputs);
      const diff = await host.diff(created.id, u, read.properties, again.inputs, checked.inputs);
      expect(diff.changes).toBe("none");

      await host.delete(created.id, u, read.properties);
      expect(emulator.store.list(ACCOUNT, "gre_tunnels")).toEqual([]);
    } finally {
      await host.close();
      await emulator.close();
    }
  });
});

test("the provider plugin started from the installed tarball answers GetSchema with a valid schema naming every resource and lookup", async () => {
  const plugin = await startPlugin({
    entry: path.join(projects.cjs, "node_modules", ".bin", "pulumi-resource-cloudflare-magic"),
    cwd: projects.cjs,
  });
  try {
    const schema = await plugin.getSchema();
    expect(metaschemaValidator()(schema)).toEqual({ valid: true, errors: [] });
    expect(schema).toEqual(JSON.parse(fs.readFileSync(path.join(REPO, "schema.json"), "utf8")));
    expect(Object.keys(schema.resources)).toHaveLength(17);
    expect(Object.keys(schema.functions).length).toBeGreaterThan(30);
    expect(await plugin.getPluginInfo()).toBe(repoPkg.version);
  } finally {
    await plugin.close();
  }
});

test("the repository URL is the same everywhere in package.json", () => {
  const repoUrl = repoPkg.repository.url.replace(/^git\+/, "").replace(/\.git$/, "");
  expect(repoPkg.homepage.startsWith(repoUrl)).toBe(true);
  expect(repoPkg.bugs.url.startsWith(repoUrl)).toBe(true);
});
