#!/usr/bin/env node
/**
 * `pulumi-resource-cloudflare-magic`: the provider plugin's executable. The engine starts it with
 * its own gRPC address as the first argument; it prints its port and serves until killed.
 */
import { serve } from "./server";

serve().catch((e: unknown) => {
  process.stderr.write(`pulumi-resource-cloudflare-magic: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
  process.exit(1);
});
