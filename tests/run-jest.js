#!/usr/bin/env node
// Runs jest and ends the output with one plain line "N passed, N failed" (read from jest's JSON
// result), so CI and humans read the same figure. Exit code is jest's (non-zero if any run failed).
//
//   node tests/run-jest.js [jest args]                      the suite on the Node running this script
//   node tests/run-jest.js --node=22.23.3 --node=24.21.0 [jest args]
//       the suite once per listed Node version, each installed from the npm registry's
//       node-<platform>-<arch> package (the binary the `node` package installs) into a temporary
//       prefix and put first in PATH, so everything the tests spawn (the Pulumi provider host,
//       npm, the emulator CLI) runs on that Node too. The closing line sums every run.
const { spawnSync } = require("node:child_process");
const fs = require("node:fs");
const os = require("node:os");
const path = require("node:path");
const { linkSelf } = require("../scripts/link-self");

const nodeVersions = [];
const jestArgs = [];
for (const a of process.argv.slice(2)) {
  const m = /^--node=(.+)$/.exec(a);
  if (m) nodeVersions.push(m[1]);
  else jestArgs.push(a);
}

// The provider host resolves `pulumi-cloudflare-magic/provider` from node_modules (see link-self.js).
linkSelf();

/** Installs Node `version` into a fresh temporary prefix; returns its bin directory. */
function installNode(version, tmp) {
  const arch = { x64: "x64", arm64: "arm64" }[process.arch];
  const pkg = `node-${process.platform}-${arch}`;
  const prefix = path.join(tmp, `node-${version}`);
  fs.mkdirSync(prefix, { recursive: true });
  console.log(`installing Node ${version} (${pkg}@${version}) into ${prefix}`);
  const npm = spawnSync(
    "npm",
    ["install", "--prefix", prefix, "--no-save", "--no-package-lock", "--no-audit", "--no-fund", "--loglevel=error", `${pkg}@${version}`],
    {
      stdio: "inherit",
    },
  );
  const bin = path.join(prefix, "node_modules", pkg, "bin");
  const got = spawnSync(path.join(bin, "node"), ["--version"], { encoding: "utf8" });
  if (npm.status !== 0 || got.stdout?.trim() !== `v${version}`) {
    throw new Error(
      `could not install Node ${version} from the npm registry (npm exit ${npm.status}, node --version: ${got.stdout?.trim() || got.error?.message})`,
    );
  }
  return bin;
}

/** One jest run on the node binary in `bin` (or this process's node); returns its counts. */
function runJest(bin) {
  const resultFile = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "jest-result-")), "result.json");
  const node = bin ? path.join(bin, "node") : process.execPath;
  const env = bin ? { ...process.env, PATH: `${bin}${path.delimiter}${process.env.PATH}` } : process.env;
  const run = spawnSync(node, [require.resolve("jest/bin/jest"), "--json", `--outputFile=${resultFile}`, ...jestArgs], {
    stdio: "inherit",
    env,
  });
  const counts = { passed: 0, failed: 0, skipped: 0, ok: run.status === 0 };
  try {
    const result = JSON.parse(fs.readFileSync(resultFile, "utf8"));
    counts.passed = result.numPassedTests;
    counts.failed = result.numFailedTests;
    counts.skipped = result.numPendingTests + (result.numTodoTests || 0);
    // A suite that fails to compile or load has no failed tests but must still count as a failure.
    counts.failed += result.testResults.filter((s) => s.status === "failed" && s.assertionResults.length === 0).length;
  } catch (e) {
    console.error(`could not read jest's result: ${e.message}`);
  }
  if (!counts.ok) counts.failed = Math.max(counts.failed, 1);
  fs.rmSync(path.dirname(resultFile), { recursive: true, force: true });
  return counts;
}

const total = { passed: 0, failed: 0, skipped: 0 };
const lines = [];
const add = (label, c) => {
  total.passed += c.passed;
  total.failed += c.failed;
  total.skipped += c.skipped;
  lines.push(`[${label}] passed ${c.passed}, failed ${c.failed}, skipped ${c.skipped}`);
};

if (nodeVersions.length === 0) {
  add(`node ${process.version}`, runJest(undefined));
} else {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "pcm-nodes-"));
  try {
    for (const version of nodeVersions) {
      let bin;
      try {
        bin = installNode(version, tmp);
      } catch (e) {
        console.error(e.message);
        add(`node v${version}`, { passed: 0, failed: 1, skipped: 0 });
        continue;
      }
      console.log(`\n=== the suite on Node v${version} ===`);
      add(`node v${version}`, runJest(bin));
    }
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

for (const l of lines) console.log(l);
console.log(`${total.passed} passed, ${total.failed} failed${total.skipped ? `, ${total.skipped} skipped` : ""}`);
process.exit(total.failed > 0 ? 1 : 0);
