#!/usr/bin/env node
// Runs jest and ends the output with one plain line "N passed, N failed" (read from jest's JSON
// result), so CI and humans read the same figure. Exit code is jest's.
const { spawnSync } = require("node:child_process");
const fs = require("node:fs");
const os = require("node:os");
const path = require("node:path");

const resultFile = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "jest-result-")), "result.json");
const jestBin = require.resolve("jest/bin/jest");
const run = spawnSync(process.execPath, [jestBin, "--json", `--outputFile=${resultFile}`, ...process.argv.slice(2)], {
  stdio: "inherit",
});
let passed = 0;
let failed = 0;
let skipped = 0;
try {
  const result = JSON.parse(fs.readFileSync(resultFile, "utf8"));
  passed = result.numPassedTests;
  failed = result.numFailedTests;
  skipped = result.numPendingTests + (result.numTodoTests || 0);
  // A suite that fails to compile or load has no failed tests but must still count as a failure.
  failed += result.testResults.filter((s) => s.status === "failed" && s.assertionResults.length === 0).length;
} catch (e) {
  failed = Math.max(failed, 1);
  console.error(`could not read jest's result: ${e.message}`);
}
console.log(`${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ""}`);
process.exit(run.status === null ? 1 : run.status || (failed > 0 ? 1 : 0));
