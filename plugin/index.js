// The entry the Node language host runs for this source-based plugin: the engine's address is the
// first argument; the server prints its port and serves until killed (pulumi-cloudflare-magic/plugin).
require("pulumi-cloudflare-magic/plugin")
  .serve(process.argv.slice(2))
  .catch((e) => {
    process.stderr.write(`pulumi-resource-cloudflare-magic: ${e && e.stack ? e.stack : e}\n`);
    process.exit(1);
  });
