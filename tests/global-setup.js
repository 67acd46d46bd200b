// Jest globalSetup: makes sure dist/ is built from the current sources before any test runs.
// The Pulumi provider host loads the provider from dist/ (through node_modules/pulumi-cloudflare-magic,
// see scripts/link-self.js), while ts-jest compiles the tests and what they import from the
// sources, so a test run after an edit under provider/, sdk/, emulator/ or codegen/ without a build
// would test the new code on one side and the old on the other. When any source file is newer
// than its compiled .js (or has none), this runs `tsc -p tsconfig.json` (the same build as
// `npm run build`) and fails the run with tsc's output if it does not compile. After
// `npm run build` (as in `npm test`) every output is newer than its source, so nothing is built twice.
const { spawnSync } = require("node:child_process");
const fs = require("node:fs");
const path = require("node:path");
const { linkSelf } = require("../scripts/link-self");

const SOURCES = ["provider", "sdk", "emulator", "codegen"];

/** Source files (relative to `root`) whose dist/*.js is missing or older than they are. */
function staleSources(root) {
  const stale = [];
  const walk = (dir) => {
    for (const e of fs.readdirSync(path.join(root, dir), { withFileTypes: true })) {
      const rel = path.join(dir, e.name);
      if (e.isDirectory()) walk(rel);
      else if (e.name.endsWith(".ts") && !e.name.endsWith(".d.ts")) {
        const out = path.join(root, "dist", rel.replace(/\.ts$/, ".js"));
        const built = fs.statSync(out, { throwIfNoEntry: false });
        if (!built || built.mtimeMs < fs.statSync(path.join(root, rel)).mtimeMs) stale.push(rel);
      }
    }
  };
  for (const dir of SOURCES) if (fs.existsSync(path.join(root, dir))) walk(dir);
  return stale;
}

/** Builds `root` with `tsc -p tsconfig.json` when its dist/ is older than a source; throws if that fails. */
function ensureBuilt(root) {
  const stale = staleSources(root);
  if (stale.length === 0) return false;
  const shown = stale.slice(0, 5).join(", ") + (stale.length > 5 ? ` and ${stale.length - 5} more` : "");
  process.stderr.write(`\ndist/ is older than ${shown}: building it (tsc -p tsconfig.json) before the tests run.\n`);
  const tsc = spawnSync(process.execPath, [require.resolve("typescript/bin/tsc"), "-p", "tsconfig.json"], { cwd: root, encoding: "utf8" });
  if (tsc.status !== 0) {
    throw new Error(
      `dist/ is out of date and the build failed, so the tests would run against stale code. Fix the errors and run again:\n${tsc.stdout}${tsc.stderr}`,
    );
  }
  const still = staleSources(root);
  if (still.length)
    throw new Error(
      `tsc -p tsconfig.json ran but dist/ is still older than ${still.slice(0, 5).join(", ")}; check the outDir in tsconfig.json.`,
    );
  return true;
}

module.exports = async function globalSetup() {
  linkSelf();
  ensureBuilt(path.resolve(__dirname, ".."));
};
module.exports.staleSources = staleSources;
module.exports.ensureBuilt = ensureBuilt;
