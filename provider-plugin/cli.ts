#!/usr/bin/env node
/**
 * `pulumi-resource-cloudflare-magic`: the provider plugin's executable. The engine starts it with
 * its own gRPC address as the first argument; it prints its port and serves until killed.
 */
import { serve } from "./server";

if (process.argv.includes("--help") || process.argv.includes("-h")) {
  process.stdout.write(
    "usage: pulumi-resource-cloudflare-magic [engine-address]\n\n" +
      "The cloudflare-magic Pulumi provider plugin. The Pulumi engine starts it: it listens on 127.0.0.1,\n" +
      "prints its port and serves Pulumi's ResourceProvider protocol until it is stopped.\n",
  );
} else {
  serve().catch((e: unknown) => {
    process.stderr.write(`pulumi-resource-cloudflare-magic: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
    process.exit(1);
  });
}
