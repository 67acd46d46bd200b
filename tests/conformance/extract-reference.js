#!/usr/bin/env node
// Regenerates reference-endpoints.json: every documented method + path of the API reference
// (`../shared/api-reference/` beside the clone, i.e. Cloudflare's API docs for Magic Transit, Magic WAN
// and Network Interconnects as the project was specified from), with the query and header
// parameter names each endpoint documents. The suite reads only the checked-in JSON, so it never
// depends on a path outside the repository.
//   node tests/conformance/extract-reference.js [reference dir]
const fs = require("node:fs");
const path = require("node:path");

const repo = path.resolve(__dirname, "../..");
const dir = path.resolve(process.argv[2] ?? path.join(repo, "../shared/api-reference"));
const endpoints = new Map();
const paramName = (line) => /^- `"?([A-Za-z0-9_.\-[\]]+)"?:/.exec(line)?.[1];

for (const file of fs.readdirSync(dir).sort()) {
  const text = fs.readFileSync(path.join(dir, file), "utf8");
  if (file.endsWith(".md")) {
    let current;
    let section = "";
    for (const line of text.split("\n")) {
      const head = /^## .*\*\*(get|post|put|patch|delete)\*\* `([^`]+)`/.exec(line);
      if (head) {
        current = { method: head[1].toUpperCase(), path: head[2], query: [], headers: [], source: file };
        endpoints.set(`${current.method} ${current.path}`, current);
        section = "";
        continue;
      }
      if (line.startsWith("## ")) current = undefined;
      if (line.startsWith("### ")) section = line.slice(4).trim();
      const name = current && line.startsWith("- `") ? paramName(line) : undefined;
      if (!name) continue;
      // Only the top level of each list: nested members of an object parameter are not parameters.
      if (section === "Query Parameters" && !name.includes(".")) current.query.push(name);
      if (section === "Header Parameters") current.headers.push(name);
    }
  } else {
    // Saved documentation pages: "POST/accounts/{account_id}/cni/interconnects" lines.
    for (const m of text.matchAll(/^(GET|POST|PUT|PATCH|DELETE)(\/accounts\/\S+)$/gm)) {
      const key = `${m[1]} ${m[2]}`;
      if (!endpoints.has(key)) endpoints.set(key, { method: m[1], path: m[2], query: [], headers: [], source: file });
    }
  }
}
const list = [...endpoints.values()]
  .map((e) => ({ ...e, query: [...new Set(e.query)].sort(), headers: [...new Set(e.headers)].sort() }))
  .sort((a, b) => (a.path === b.path ? a.method.localeCompare(b.method) : a.path.localeCompare(b.path)));
const out = path.join(__dirname, "reference-endpoints.json");
fs.writeFileSync(
  out,
  JSON.stringify({ source: "../shared/api-reference (Cloudflare API reference pages, *.md and page-*.txt)", endpoints: list }, null, 1) +
    "\n",
);
console.log(`${list.length} documented endpoints written to ${path.relative(repo, out)}`);
