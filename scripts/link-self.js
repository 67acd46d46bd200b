#!/usr/bin/env node
// Links node_modules/pulumi-cloudflare-magic to this checkout, so code that resolves the package
// by name from node_modules (Pulumi's provider host loads the provider stub with
// require-from-string, which does not see package self-reference) finds it inside this repo
// exactly as it would find an installed copy. Only a checkout needs it, so it is no lifecycle
// script of the published package: `npm run build` (and so `npm test`, `npm run demo`, ...) and
// tests/run-jest.js run it. `npm install <pkg>` prunes the link as extraneous; the next build or
// test run puts it back.
const fs = require("node:fs");
const path = require("node:path");

const root = path.resolve(__dirname, "..");

function linkSelf() {
  const link = path.join(root, "node_modules", "pulumi-cloudflare-magic");
  try {
    if (fs.realpathSync(link) === root) return;
    fs.rmSync(link, { recursive: true, force: true });
  } catch {
    // absent: create it below
  }
  fs.mkdirSync(path.dirname(link), { recursive: true });
  fs.symlinkSync(path.relative(path.dirname(link), root), link, "dir");
}

module.exports = { linkSelf };
if (require.main === module) linkSelf();
