import type * as pulumi from "@pulumi/pulumi";
import { type SiteAclArgs, SiteAclResource } from "./generated/site-acl";

export type { SiteAclArgs } from "./generated/site-acl";

/**
 * A Magic WAN site ACL: which traffic may flow between two LANs of a site, and whether the
 * Connector forwards it locally.
 *
 * @example
 * ```ts
 * import * as magic from "pulumi-cloudflare-magic";
 *
 * const acl = new magic.SiteAcl("pos-to-register", {
 *     siteId: site.id,
 *     name: "PIN Pad - Cash Register",
 *     lan1: { lanId: posLan.id, subnets: ["192.168.10.0/24"] },
 *     lan2: { lanId: registerLan.id, ports: [443], portRanges: ["8080-9000"] },
 *     protocols: ["tcp"],
 *     forwardLocally: true,
 * });
 * ```
 */
export class SiteAcl extends SiteAclResource {
  constructor(name: string, args: SiteAclArgs, opts?: pulumi.CustomResourceOptions) {
    super(name, args, opts);
  }
}
