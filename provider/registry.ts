/**
 * Every resource type the provider serves, by type token: one line per type. To add one, write its
 * definition under `resources/<module>/` and add a line here. Each module loads on first use, so a
 * host that serves one type loads only that one.
 *
 * A module exports `definition` (a defineResource record, run by the generic provider) or, for the
 * rare resource that is not one API object (RouteTable), `provider`.
 */
import type * as dynamic from "@pulumi/pulumi/dynamic";
import type { ResourceDefinition } from "./framework/define";
import { DefinedProvider } from "./framework/provider";

export type ResourceProvider = Required<Pick<dynamic.ResourceProvider, "check" | "diff" | "create" | "read" | "update" | "delete">>;

export interface ResourceModule {
  definition?: ResourceDefinition;
  provider?: ResourceProvider;
}

export const resourceModules: Readonly<Record<string, () => ResourceModule>> = {
  "magic:App": () => require("./resources/magic/app"),
  "magic:CfInterconnect": () => require("./resources/magic/cf-interconnect"),
  "magic:Connector": () => require("./resources/magic/connector"),
  "magic:GreTunnel": () => require("./resources/magic/gre-tunnel"),
  "magic:IpsecTunnel": () => require("./resources/magic/ipsec-tunnel"),
  "magic:PacketCapture": () => require("./resources/magic/packet-capture"),
  "magic:PcapBucketOwnership": () => require("./resources/magic/pcap-bucket-ownership"),
  "magic:RouteTable": () => require("./resources/magic/route-table"),
  "magic:Site": () => require("./resources/magic/site"),
  "magic:SiteAcl": () => require("./resources/magic/site-acl"),
  "magic:SiteAppConfig": () => require("./resources/magic/site-app-config"),
  "magic:SiteLan": () => require("./resources/magic/site-lan"),
  "magic:SiteWan": () => require("./resources/magic/site-wan"),
  "magic:StaticRoute": () => require("./resources/magic/static-route"),
  "cni:Cni": () => require("./resources/cni/cni"),
  "cni:CniSettings": () => require("./resources/cni/cni-settings"),
  "cni:Interconnect": () => require("./resources/cni/interconnect"),
};

/** The definition of a definition-based token, or undefined (unknown token, or a custom provider). */
export function definitionOf(token: string): ResourceDefinition | undefined {
  const load = Object.hasOwn(resourceModules, token) ? resourceModules[token] : undefined;
  const def = load?.().definition;
  return def?.token === token ? def : undefined;
}

const providers = new Map<string, ResourceProvider>();

/** The provider for a token such as "magic:GreTunnel". */
export function forToken(token: unknown): ResourceProvider {
  const key = String(token);
  let p = providers.get(key);
  if (!p) {
    const mod = Object.hasOwn(resourceModules, key) ? resourceModules[key]() : undefined;
    p = mod?.definition?.token === key ? new DefinedProvider(mod.definition) : mod?.provider;
    if (!p) {
      throw new Error(`pulumi-cloudflare-magic has no resource type ${JSON.stringify(token)}; is the installed package older than the program that declared it?`);
    }
    providers.set(key, p);
  }
  return p;
}

/** The generic provider of a definition-based token, for lookups (list/get as outputs). */
export function definedProvider(token: string): DefinedProvider {
  const p = forToken(token);
  if (!(p instanceof DefinedProvider)) throw new Error(`${token} has no list/get lookups`);
  return p;
}
