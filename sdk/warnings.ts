import * as pulumi from "@pulumi/pulumi";
import { contains, isPrivateV4, parseIPv4, parsePrefix } from "../shared/ip";

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

/** Why a route's nexthop given as is looks wrong, or undefined. */
function publicNexthop(nexthop: unknown): string | undefined {
  if (typeof nexthop !== "string") return undefined;
  const a = parseIPv4(nexthop);
  if (!a || isPrivateV4(a) || LINK_RANGES.some((r) => contains(r, a))) return undefined;
  return (
    `nexthop ${nexthop} is a public address; a Magic route's nexthop is the customer side of a tunnel's interface address ` +
    "(a private or link-local address: the tunnel's `customerAddress` output), not your router's public endpoint."
  );
}

const warnedDeployments = new WeakSet<object>();

/** Once per run of the program: stack config keys that look misspelt (see provider settings). */
function warnAboutConfig(): void {
  let monitor: unknown;
  try {
    monitor = pulumi.runtime.getMonitor();
  } catch {
    return;
  }
  if (!monitor || typeof monitor !== "object" || warnedDeployments.has(monitor)) return;
  warnedDeployments.add(monitor);
  const { settings } = require("../provider/facade") as typeof import("../provider/facade");
  const { errors, warnings } = settings.reviewKeys(Object.keys(pulumi.runtime.allConfig()));
  for (const w of [...errors, ...warnings]) void pulumi.log.warn(`pulumi-cloudflare-magic: ${w}`);
}

/** Warnings about a resource's plain (already known) inputs. */
export function warnAbout(token: string, name: string, args: Record<string, unknown>, resource: pulumi.Resource): void {
  warnAboutConfig();
  const type = token.split(":")[1];
  if (token === "magic:StaticRoute") {
    const why = publicNexthop(args.nexthop);
    if (why) void pulumi.log.warn(`${type} ${JSON.stringify(name)}: ${why}`, resource);
  }
  if (token === "magic:RouteTable" && Array.isArray(args.routes)) {
    args.routes.forEach((r, i) => {
      const why = r && typeof r === "object" ? publicNexthop((r as Record<string, unknown>).nexthop) : undefined;
      if (why) void pulumi.log.warn(`${type} ${JSON.stringify(name)}: routes[${i}].${why}`, resource);
    });
  }
}
