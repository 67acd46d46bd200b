// generated from provider/resources/magic/site-acl.ts: edit the definition, then run npm run generate
import type * as pulumi from "@pulumi/pulumi";
import { type AccountArgs, MagicResource } from "../../resource";

/** Arguments of a {@link SiteAcl}. */
export interface SiteAclArgs extends AccountArgs {
  /** Changing it replaces the SiteAcl. */
  siteId: pulumi.Input<string>;
  name: pulumi.Input<string>;
  description?: pulumi.Input<string>;
  lan1: pulumi.Input<{ lanId: pulumi.Input<string>; lanName?: pulumi.Input<string>; ports?: pulumi.Input<pulumi.Input<number>[]>; portRanges?: pulumi.Input<pulumi.Input<string>[]>; subnets?: pulumi.Input<pulumi.Input<string>[]> }>;
  lan2: pulumi.Input<{ lanId: pulumi.Input<string>; lanName?: pulumi.Input<string>; ports?: pulumi.Input<pulumi.Input<number>[]>; portRanges?: pulumi.Input<pulumi.Input<string>[]>; subnets?: pulumi.Input<pulumi.Input<string>[]> }>;
  protocols?: pulumi.Input<Array<pulumi.Input<"tcp" | "udp" | "icmp">>>;
  forwardLocally?: pulumi.Input<boolean>;
  unidirectional?: pulumi.Input<boolean>;
}

/** Every output name, declared to the engine at registration. */
const OUTPUTS = ["siteId", "name", "description", "lan1", "lan2", "protocols", "forwardLocally", "unidirectional"] as const;

/** Outputs kept as secrets in state. */
const SECRETS = [] as const;

/** The generated part of {@link SiteAcl}: its outputs, and its registration with the provider. */
export abstract class SiteAclResource extends MagicResource {
  declare readonly siteId: pulumi.Output<string>;
  declare readonly name: pulumi.Output<string>;
  declare readonly description: pulumi.Output<string | undefined>;
  declare readonly lan1: pulumi.Output<{ lanId: string; lanName?: string; ports?: number[]; portRanges?: string[]; subnets?: string[] }>;
  declare readonly lan2: pulumi.Output<{ lanId: string; lanName?: string; ports?: number[]; portRanges?: string[]; subnets?: string[] }>;
  declare readonly protocols: pulumi.Output<Array<"tcp" | "udp" | "icmp"> | undefined>;
  declare readonly forwardLocally: pulumi.Output<boolean | undefined>;
  declare readonly unidirectional: pulumi.Output<boolean | undefined>;

  protected constructor(name: string, args: SiteAclArgs, opts?: pulumi.CustomResourceOptions) {
    super("magic", "SiteAcl", name, args, OUTPUTS, opts, SECRETS);
  }
}

/** A {@link SiteAcl} as the API reports it (camelCase), with its id. */
export interface SiteAclInfo {
  id: string;
  siteId: string;
  name: string;
  description?: string;
  lan1: { lanId: string; lanName?: string; ports?: number[]; portRanges?: string[]; subnets?: string[] };
  lan2: { lanId: string; lanName?: string; ports?: number[]; portRanges?: string[]; subnets?: string[] };
  protocols?: Array<"tcp" | "udp" | "icmp">;
  forwardLocally?: boolean;
  unidirectional?: boolean;
  accountId: string;
}
