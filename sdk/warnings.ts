import * as pulumi from "@pulumi/pulumi";
import { contains, isPrivateV4, parseIPv4, parsePrefix } from "../shared/ip";
import { currentRun } from "./run-scope";

/**
 * Warnings shown by the CLI. They are raised in the program process with `pulumi.log.warn`: a
 * provider's check can only fail (its failures are errors), and what the provider host prints on
 * stderr is logged at debug level since pulumi/pulumi#17943 (December 2024), so by default nobody sees it.
 */

/**
 * Tunnel interface addresses are /31s or /30s from RFC 1918 space or 169.254.240.0/20 (a cloud
 * VPN's /30, such as AWS's 169.254.244.0/30 with nexthop 169.254.244.1); Cloudflare's
 * documentation also uses other 169.254/16 and 100.64/10 link addresses (a CNI's link).
 */
const LINK_RANGES = ["169.254.0.0/16", "100.64.0.0/10"].map((s) => parsePrefix(s)!);

/** Why an address given as is for a field that must lie in a tunnel's link (at `path`) looks wrong, or undefined. */
function publicAddress(path: string, address: unknown): string | undefined {
  if (typeof address !== "string") return undefined;
  const a = parseIPv4(address);
  if (!a || isPrivateV4(a) || LINK_RANGES.some((r) => contains(r, a))) return undefined;
  return (
    `${path} ${address} is a public address; a Magic route's nexthop is the customer side of a tunnel's interface address ` +
    "(a private or link-local address: the tunnel's `customerAddress` output), not your router's public endpoint."
  );
}

/** The values at a path where `[]` stands for each element of a list, with the path of each (`routes[1].nexthop`). */
function valuesAt(v: unknown, path: string, at = ""): Array<[string, unknown]> {
  const [head, ...rest] = path.split(".");
  const list = head.endsWith("[]");
  const key = list ? head.slice(0, -2) : head;
  if (!v || typeof v !== "object" || Array.isArray(v)) return [];
  const value = (v as Record<string, unknown>)[key];
  const here = at ? `${at}.${key}` : key;
  const next = (x: unknown, p: string): Array<[string, unknown]> => (rest.length ? valuesAt(x, rest.join("."), p) : [[p, x]]);
  if (!list) return next(value, here);
  return Array.isArray(value) ? value.flatMap((x, i) => next(x, `${here}[${i}]`)) : [];
}

const warnedDeployments = new WeakSet<object>();

/** Once per run of the program: stack config keys that look misspelt (see provider settings). */
function warnAboutConfig(): void {
  const monitor = currentRun();
  if (!monitor || warnedDeployments.has(monitor)) return;
  warnedDeployments.add(monitor);
  const { settings } = require("../provider/facade") as typeof import("../provider/facade");
  const { errors, warnings } = settings.reviewKeys(Object.keys(pulumi.runtime.allConfig()));
  for (const w of [...errors, ...warnings]) void pulumi.log.warn(`pulumi-cloudflare-magic: ${w}`);
}

/** Warnings about a resource's plain (already known) inputs: an address that must lie in a tunnel's link given as a public one. */
export function warnAbout(
  token: string,
  name: string,
  args: Record<string, unknown>,
  resource: pulumi.Resource,
  linkAddresses: readonly string[],
): void {
  warnAboutConfig();
  const type = token.split(":")[1];
  for (const path of linkAddresses) {
    for (const [at, value] of valuesAt(args, path)) {
      const why = publicAddress(at, value);
      if (why) void pulumi.log.warn(`${type} ${JSON.stringify(name)}: ${why}`, resource);
    }
  }
}
