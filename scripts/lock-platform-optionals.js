#!/usr/bin/env node
// The npm registry mirror these machines reach serves native bindings only for this platform
// (e.g. @unrs/resolver-binding-darwin-arm64 answers 404), so `npm install` cannot record the
// other platforms' optional dependencies in package-lock.json, and `npm ci` then refuses the
// lock ("Missing: ... from lock file"). This adds an entry for each such optional dependency,
// marked optional with the os/cpu its name states, so npm ci skips it on other platforms.
// Run after regenerating the lock: `npm install && node scripts/lock-platform-optionals.js`.
const fs = require("node:fs");
const path = require("node:path");

const file = path.resolve(__dirname, "..", "package-lock.json");
const lock = JSON.parse(fs.readFileSync(file, "utf8"));
const OS = ["android", "darwin", "freebsd", "linux", "openharmony", "win32", "sunos", "aix", "netbsd", "openbsd", "wasm32"];
const CPU = ["arm64", "arm", "x64", "ia32", "loong64", "ppc64", "riscv64", "s390x", "wasm32"];
let added = 0;
for (const [where, pkg] of Object.entries(lock.packages)) {
  for (const [name, range] of Object.entries(pkg.optionalDependencies ?? {})) {
    const base = where ? `${where}/node_modules/${name}` : `node_modules/${name}`;
    const hoisted = `node_modules/${name}`;
    if (lock.packages[base] || lock.packages[hoisted]) continue;
    const parts = name.split("/").pop().split("-");
    const entry = { version: range.replace(/^[\^~]/, ""), dev: pkg.dev || undefined, optional: true };
    const os = parts.find((p) => OS.includes(p));
    const cpu = parts.find((p) => CPU.includes(p)) ?? (parts.includes("arm") ? "arm" : undefined);
    if (os) entry.os = [os === "wasm32" ? "!linux" : os];
    if (cpu) entry.cpu = [cpu];
    lock.packages[hoisted] = entry;
    added++;
  }
}
fs.writeFileSync(file, JSON.stringify(lock, null, 2) + "\n");
console.log(`added ${added} platform-only optional entries to package-lock.json`);
