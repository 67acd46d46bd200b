import * as pulumi from "@pulumi/pulumi";

/**
 * Values Cloudflare keeps unique per account, by resource type (a tunnel's name: the definitions'
 * `unique` fields, which the generated classes pass in): two resources of one program that give
 * the same one would fail only when the second is created. The program process sees every
 * resource of a deployment (one run of the program is one process under the CLI), so a second
 * claim of a value is refused right in the constructor, before any request.
 *
 * Limits: only values given as plain strings (an Output is not known yet) and resources whose
 * account is a plain string or left to config are compared; values used by other stacks or made
 * outside Pulumi are Cloudflare's to refuse (see README, "Interrupted applies").
 */

/** Claims per deployment: keyed by the runtime's monitor, which is new for every run of a program. */
const claimsByDeployment = new WeakMap<object, Map<string, string>>();
const fallbackClaims = new Map<string, string>();

function claims(): Map<string, string> {
  let monitor: unknown;
  try {
    monitor = pulumi.runtime.getMonitor();
  } catch {
    monitor = undefined;
  }
  if (!monitor || typeof monitor !== "object") return fallbackClaims;
  let m = claimsByDeployment.get(monitor);
  if (!m) claimsByDeployment.set(monitor, (m = new Map<string, string>()));
  return m;
}

/** Throws when another resource of this program already gave this type the same value of a unique field in the same account. */
export function claimUniqueName(
  token: string,
  resourceName: string,
  args: Record<string, unknown> & { accountId?: unknown },
  fields: readonly string[],
): void {
  if (args.accountId !== undefined && typeof args.accountId !== "string") return;
  const taken = claims();
  const type = token.split(":")[1];
  for (const field of fields) {
    const value = args[field];
    if (typeof value !== "string") continue;
    const key = `${args.accountId ?? "(config)"}\n${token}\n${field}\n${value}`;
    const other = taken.get(key);
    if (other !== undefined && other !== resourceName) {
      const has = field === "name" ? "is already named" : `already has ${field}`;
      const what = field === "name" ? "names" : `${field} values`;
      throw new Error(
        `${type} ${JSON.stringify(resourceName)}: ${type} ${JSON.stringify(other)} of this program ${has} ${JSON.stringify(value)}; Cloudflare keeps ${type} ${what} unique per account, so give each resource its own ${field === "name" ? "name" : field}.`,
      );
    }
    taken.set(key, resourceName);
  }
}
