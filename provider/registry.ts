/**
 * Every resource type the provider serves, by type token: one line per type. To add one, write its
 * definition under `resources/<module>/` and add a line here. Each module loads on first use, so a
 * host that serves one type loads only that one. The order is the order in which
 * cloudflare-magic-codegen reads an account and the audit reports it; codegen writes a type after
 * the types it refers to, in this order otherwise.
 *
 * A module exports `definition` (a defineResource record, run by the generic provider) or, for the
 * rare resource that is not one API object (RouteTable), `provider`.
 */
import type * as dynamic from "@pulumi/pulumi/dynamic";
import type { CodegenSet } from "./framework/codegen";
import type { z } from "zod";
import type { ResourceDefinition } from "./framework/define";
import { DefinedProvider } from "./framework/provider";

export type ResourceProvider = Required<Pick<dynamic.ResourceProvider, "check" | "diff" | "create" | "read" | "update" | "delete">>;

export interface ResourceModule {
  definition?: ResourceDefinition;
  provider?: ResourceProvider;
  /** A custom provider's objects as a set of a definition's objects, for codegen (RouteTable: routes). */
  codegen?: CodegenSet;
  /** A custom provider's inputs and outputs, for the plugin's schema (a definition gives its own). */
  shape?: { inputs: z.ZodObject; outputs?: z.ZodObject };
}

export const resourceModules: Readonly<Record<string, () => ResourceModule>> = {
  "magic:Connector": () => require("./resources/magic/connector") as ResourceModule,
  "magic:GreTunnel": () => require("./resources/magic/gre-tunnel") as ResourceModule,
  "magic:IpsecTunnel": () => require("./resources/magic/ipsec-tunnel") as ResourceModule,
  "magic:CfInterconnect": () => require("./resources/magic/cf-interconnect") as ResourceModule,
  "magic:StaticRoute": () => require("./resources/magic/routes/static-route") as ResourceModule,
  "magic:App": () => require("./resources/magic/app") as ResourceModule,
  "magic:Site": () => require("./resources/magic/site") as ResourceModule,
  "magic:SiteWan": () => require("./resources/magic/site-wan") as ResourceModule,
  "magic:SiteLan": () => require("./resources/magic/site-lan") as ResourceModule,
  "magic:SiteAcl": () => require("./resources/magic/site-acl") as ResourceModule,
  "magic:SiteAppConfig": () => require("./resources/magic/site-app-config") as ResourceModule,
  "cni:Interconnect": () => require("./resources/cni/interconnect") as ResourceModule,
  "cni:Cni": () => require("./resources/cni/cni") as ResourceModule,
  "magic:RouteTable": () => require("./resources/magic/routes/route-table") as ResourceModule,
  "magic:PacketCapture": () => require("./resources/magic/packet-capture") as ResourceModule,
  "magic:PcapBucketOwnership": () => require("./resources/magic/pcap-bucket-ownership") as ResourceModule,
  "cni:CniSettings": () => require("./resources/cni/cni-settings") as ResourceModule,
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
      throw new Error(
        `pulumi-cloudflare-magic has no resource type ${JSON.stringify(token)}; is the installed package older than the program that declared it?`,
      );
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
