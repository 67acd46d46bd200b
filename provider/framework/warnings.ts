import type { z } from "zod";
import { contains, isPrivateV4, parseIPv4, parsePrefix } from "../../shared/ip";
import { report } from "../engine/report";
import { linkAddressPaths } from "./vocabulary";

type Props = Record<string, unknown>;

/**
 * Warnings a check gives about inputs that are allowed but probably not meant: an address that
 * must lie in a tunnel's link (a field marked `linkAddress`, such as a next hop) given as a
 * public address. The one place they are made: every provider's check (the generic one and
 * the custom ones) calls `warnAboutInputs`, in the dynamic-provider host and in the provider plugin
 * alike, so a nexthop given as an Output is judged too, once its value is known.
 *
 * They reach the CLI as warnings on the resource's row through the engine's Log service
 * (engine/report.ts) and are printed on stderr for debug output; a check only fails for errors.
 */

/**
 * Tunnel interface addresses are /31s or /30s from RFC 1918 space or 169.254.240.0/20 (a cloud
 * VPN's /30, such as AWS's 169.254.244.0/30 with nexthop 169.254.244.1); Cloudflare's
 * documentation also uses other 169.254/16 and 100.64/10 link addresses (a CNI's link).
 */
const LINK_RANGES = ["169.254.0.0/16", "100.64.0.0/10"].map((s) => parsePrefix(s)!);

/** Why an address given for a field that must lie in a tunnel's link (at `path`) looks wrong, or undefined. */
function publicAddress(path: string, address: unknown): string | undefined {
  if (typeof address !== "string") return undefined;
  const a = parseIPv4(address);
  if (!a || isPrivateV4(a) || LINK_RANGES.some((r) => contains(r, a))) return undefined;
  return (
    `${path} ${address} is a public address; it must lie in a tunnel's link: the customer side of the tunnel's interface address ` +
    "(a private or link-local address, the tunnel's `customerAddress` output), not the public endpoint of your side of the tunnel."
  );
}

/** The values at a path where `[]` stands for each element of a list, with the path of each (`entries[1].nexthop`). */
function valuesAt(v: unknown, path: string, at = ""): Array<[string, unknown]> {
  const [head, ...rest] = path.split(".");
  const list = head.endsWith("[]");
  const key = list ? head.slice(0, -2) : head;
  if (!v || typeof v !== "object" || Array.isArray(v)) return [];
  const value = (v as Props)[key];
  const here = at ? `${at}.${key}` : key;
  const next = (x: unknown, p: string): Array<[string, unknown]> => (rest.length ? valuesAt(x, rest.join("."), p) : [[p, x]]);
  if (!list) return next(value, here);
  return Array.isArray(value) ? value.flatMap((x, i) => next(x, `${here}[${i}]`)) : [];
}

const linkAddresses = new WeakMap<z.ZodType, string[]>();
/** A schema's `linkAddress` paths, walked once per schema (every check of every resource asks). */
function pathsOf(schema: z.ZodType): string[] {
  let paths = linkAddresses.get(schema);
  if (!paths) linkAddresses.set(schema, (paths = linkAddressPaths(schema)));
  return paths;
}

/** The warnings about a resource's inputs (plain values; unknown ones are not judged). */
export function inputWarnings(schema: z.ZodType, inputs: Props): string[] {
  return pathsOf(schema).flatMap((path) =>
    valuesAt(inputs, path).flatMap(([at, value]) => {
      const why = publicAddress(at, value);
      return why ? [why] : [];
    }),
  );
}

/**
 * Sends the warnings about a resource's inputs to the engine (the CLI) and to stderr, where
 * `label` names the resource ("check GreTunnel 'nyc'").
 */
export function warnAboutInputs(schema: z.ZodType, inputs: Props, label: string): void {
  for (const line of inputWarnings(schema, inputs)) {
    console.error(`[cloudflare-magic] ${label}: warning: ${line}`);
    report().warn(line);
  }
}
