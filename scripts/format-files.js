// Formats files with Prettier and the repository's settings: reads {"<path>": "<text>", ...} as
// JSON on stdin, writes the same object with each text formatted. scripts/generate-sdk.ts runs it
// in a child process (Prettier loads itself with import(), which jest's module sandbox refuses).
const prettier = require("prettier");

let input = "";
process.stdin.setEncoding("utf8");
process.stdin.on("data", (chunk) => (input += chunk));
process.stdin.on("end", () => {
  (async () => {
    const files = JSON.parse(input);
    const out = {};
    for (const [filepath, text] of Object.entries(files)) {
      const options = (await prettier.resolveConfig(filepath)) ?? {};
      out[filepath] = await prettier.format(text, { ...options, filepath });
    }
    process.stdout.write(JSON.stringify(out));
  })().catch((e) => {
    process.stderr.write(`${e instanceof Error ? e.message : String(e)}\n`);
    process.exitCode = 1;
  });
});
