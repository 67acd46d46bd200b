import * as pulumi from "@pulumi/pulumi";
import { currentRun } from "./run-scope";

/**
 * Warnings about the stack config, raised in the program process with `pulumi.log.warn` once per
 * run: the program sees every config key at once. Warnings about a resource's values (a public
 * nexthop) come from the provider's check instead (provider/framework/warnings.ts), which sends
 * them to the engine on the resource's row and also judges values the program only has as Outputs.
 */

const warnedDeployments = new WeakSet<object>();

/** Once per run of the program: stack config keys that look misspelt (see provider settings). */
export function warnAboutConfig(): void {
  const monitor = currentRun();
  if (!monitor || warnedDeployments.has(monitor)) return;
  warnedDeployments.add(monitor);
  const { settings } = require("../provider/facade") as typeof import("../provider/facade");
  const { errors, warnings } = settings.reviewKeys(Object.keys(pulumi.runtime.allConfig()));
  for (const w of [...errors, ...warnings]) void pulumi.log.warn(`pulumi-cloudflare-magic: ${w}`);
}
