import * as pulumi from "@pulumi/pulumi";

/**
 * Names Cloudflare keeps unique per account, by resource type: two resources of one program that
 * give the same one would fail only when the second is created. The program process sees every
 * resource of a deployment (one run of the program is one process under the CLI), so a second
 * claim of a name is refused right in the constructor, before any request.
 *
 * Limits: only names given as plain strings (an Output is not known yet) and resources whose
 * account is a plain string or left to config are compared; names used by other stacks or made
 * outside Pulumi are Cloudflare's to refuse (see README, "Interrupted applies").
 */
const UNIQUE_NAME_TYPES = new Set(["magic:GreTunnel", "magic:IpsecTunnel"]);

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

/** Throws when another resource of this program already gave this type the same name in the same account. */
export function claimUniqueName(token: string, resourceName: string, args: { name?: unknown; accountId?: unknown }): void {
  if (!UNIQUE_NAME_TYPES.has(token) || typeof args.name !== "string") return;
  if (args.accountId !== undefined && typeof args.accountId !== "string") return;
  const key = `${args.accountId ?? "(config)"}\n${token}\n${args.name}`;
  const taken = claims();
  const other = taken.get(key);
  if (other !== undefined && other !== resourceName) {
    const type = token.split(":")[1];
    throw new Error(
      `${type} ${JSON.stringify(resourceName)}: ${type} ${JSON.stringify(other)} of this program is already named ${JSON.stringify(args.name)}; Cloudflare keeps ${type} names unique per account, so give each resource its own name.`,
    );
  }
  taken.set(key, resourceName);
}
