import type * as pulumi from "@pulumi/pulumi";
import { AccountArgs, MagicResource } from "../resource";

/** A protocol an ACL can allow. */
export type AclProtocol = "tcp" | "udp" | "icmp";

/**
 * One side of a site ACL (the spec's ACLConfiguration). Leaving out ports, port ranges or subnets
 * means any port or any subnet on that LAN.
 */
export interface SiteAclLanArgs {
  /** The id of a LAN of the same site (e.g. a `SiteLan`'s `id`). */
  lanId: pulumi.Input<string>;
  /**
   * The LAN's name. Cloudflare fills it in from the LAN named by `lanId`, so normally leave it out;
   * a value other than the LAN's own name does not stick.
   * @default the LAN's name
   */
  lanName?: pulumi.Input<string>;
  /** Ports (1-65535) on this LAN that the ACL covers. @default any port */
  ports?: pulumi.Input<pulumi.Input<number>[]>;
  /** Port ranges as `"start-end"`, e.g. `"8080-9000"` (1 <= start <= end <= 65535). @default any port */
  portRanges?: pulumi.Input<pulumi.Input<string>[]>;
  /** IPv4 addresses (`192.0.2.1`) or prefixes (`192.0.2.0/24`) on this LAN that the ACL covers. @default any subnet */
  subnets?: pulumi.Input<pulumi.Input<string>[]>;
}

/** One side of a site ACL as Cloudflare stores it (output). */
export interface SiteAclLanState {
  lanId: string;
  lanName?: string;
  ports?: number[];
  portRanges?: string[];
  subnets?: string[];
}

/** Arguments of a site ACL (Cloudflare API "Magic Transit > Sites > ACLs"). */
export interface SiteAclArgs extends AccountArgs {
  /** The Magic WAN site the ACL belongs to (a change replaces the ACL). */
  siteId: pulumi.Input<string>;
  /** The name of the ACL. */
  name: pulumi.Input<string>;
  /** Description for the ACL. */
  description?: pulumi.Input<string>;
  /** The first LAN of the policy. */
  lan1: pulumi.Input<SiteAclLanArgs>;
  /** The second LAN of the policy. */
  lan2: pulumi.Input<SiteAclLanArgs>;
  /** Protocols allowed between the two LANs: `"tcp"`, `"udp"`, `"icmp"`. @default all protocols */
  protocols?: pulumi.Input<pulumi.Input<AclProtocol>[]>;
  /**
   * `true` forwards the matching traffic locally on the Magic WAN Connector; `false` sends it to Cloudflare.
   * @default false
   */
  forwardLocally?: pulumi.Input<boolean>;
  /**
   * `true` allows traffic in one direction only, from `lan1` to `lan2`: hosts on `lan1` may open
   * connections to `lan2` (on `lan2`'s ports and subnets), not the other way round. `false` allows
   * it both ways. Cloudflare's reference says only "one direction"; `lan1` is the source side.
   * @default false
   */
  unidirectional?: pulumi.Input<boolean>;
}

const OUTPUTS = ["siteId", "name", "description", "lan1", "lan2", "protocols", "forwardLocally", "unidirectional"] as const;

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
export class SiteAcl extends MagicResource {
  declare readonly siteId: pulumi.Output<string>;
  declare readonly name: pulumi.Output<string>;
  declare readonly description: pulumi.Output<string | undefined>;
  declare readonly lan1: pulumi.Output<SiteAclLanState>;
  declare readonly lan2: pulumi.Output<SiteAclLanState>;
  declare readonly protocols: pulumi.Output<AclProtocol[] | undefined>;
  declare readonly forwardLocally: pulumi.Output<boolean>;
  declare readonly unidirectional: pulumi.Output<boolean>;

  constructor(name: string, args: SiteAclArgs, opts?: pulumi.CustomResourceOptions) {
    super("magic", "SiteAcl", name, args, OUTPUTS, opts);
  }
}
