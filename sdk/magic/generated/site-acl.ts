// generated from provider/resources/magic/site-acl.ts: edit the definition, then run npm run generate
import type * as pulumi from "@pulumi/pulumi";
import { type AccountArgs, MagicResource } from "../../resource";
import type { AclProtocol, SiteAclLanArgs, SiteAclLanState } from "./types";

/** Arguments of a {@link SiteAcl}. */
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
  /**
   * Protocols allowed between the two LANs: `"tcp"`, `"udp"`, `"icmp"`.
   * @default all protocols
   */
  protocols?: pulumi.Input<pulumi.Input<AclProtocol>[]>;
  /**
   * `true` forwards the matching traffic locally on the Magic WAN Connector; `false` sends it to
   * Cloudflare.
   * @default false
   */
  forwardLocally?: pulumi.Input<boolean>;
  /**
   * `true` allows traffic in one direction only, from `lan1` to `lan2`: hosts on `lan1` may open
   * connections to `lan2` (on `lan2`'s ports and subnets), not the other way round. `false` allows it
   * both ways. Cloudflare's reference says only "one direction"; `lan1` is the source side.
   * @default false
   */
  unidirectional?: pulumi.Input<boolean>;
}

/** The documented defaults of {@link SiteAclArgs}'s fields. */
export const siteAclArgsDefaults = { forwardLocally: false, unidirectional: false } as const;

/** Every output name, declared to the engine at registration. */
const OUTPUTS = ["siteId", "name", "description", "lan1", "lan2", "protocols", "forwardLocally", "unidirectional"] as const;

/** Fields kept as secrets in state, as dotted paths (a nested one keeps the rest of its object visible). */
const SECRETS = [] as const;

/** The generated part of {@link SiteAcl}: its outputs, and its registration with the provider. */
export abstract class SiteAclResource extends MagicResource {
  /** The Magic WAN site the ACL belongs to (a change replaces the ACL). */
  declare readonly siteId: pulumi.Output<string>;
  /** The name of the ACL. */
  declare readonly name: pulumi.Output<string>;
  /** Description for the ACL. */
  declare readonly description: pulumi.Output<string | undefined>;
  /** The first LAN of the policy. */
  declare readonly lan1: pulumi.Output<SiteAclLanState>;
  /** The second LAN of the policy. */
  declare readonly lan2: pulumi.Output<SiteAclLanState>;
  /** Protocols allowed between the two LANs: `"tcp"`, `"udp"`, `"icmp"`. */
  declare readonly protocols: pulumi.Output<AclProtocol[] | undefined>;
  /**
   * `true` forwards the matching traffic locally on the Magic WAN Connector; `false` sends it to
   * Cloudflare.
   */
  declare readonly forwardLocally: pulumi.Output<boolean>;
  /**
   * `true` allows traffic in one direction only, from `lan1` to `lan2`: hosts on `lan1` may open
   * connections to `lan2` (on `lan2`'s ports and subnets), not the other way round. `false` allows it
   * both ways. Cloudflare's reference says only "one direction"; `lan1` is the source side.
   */
  declare readonly unidirectional: pulumi.Output<boolean>;

  protected constructor(name: string, args: SiteAclArgs, opts?: pulumi.CustomResourceOptions) {
    super("magic", "SiteAcl", name, args, OUTPUTS, opts, { secrets: SECRETS });
  }
}

/** A {@link SiteAcl} as the API reports it (camelCase), with its id. */
export interface SiteAclInfo {
  id: string;
  siteId: string;
  name: string;
  description?: string;
  lan1: SiteAclLanState;
  lan2: SiteAclLanState;
  protocols?: AclProtocol[];
  forwardLocally: boolean;
  unidirectional: boolean;
  accountId: string;
}
