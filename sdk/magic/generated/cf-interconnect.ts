// generated from provider/resources/magic/cf-interconnect.ts: edit the definition, then run npm run generate
import type * as pulumi from "@pulumi/pulumi";
import { type AccountArgs, MagicResource } from "../../resource";

/** Arguments of a {@link CfInterconnect}. */
export interface CfInterconnectArgs extends AccountArgs {
  /** Changing it replaces the CfInterconnect. */
  interconnectId: pulumi.Input<string>;
  name?: pulumi.Input<string>;
  description?: pulumi.Input<string>;
  automaticReturnRouting?: pulumi.Input<boolean>;
  gre?: pulumi.Input<{ cloudflareEndpoint?: pulumi.Input<string> }>;
  healthCheck?: pulumi.Input<{ enabled?: pulumi.Input<boolean>; rate?: pulumi.Input<"low" | "mid" | "high">; type?: pulumi.Input<"reply" | "request">; direction?: pulumi.Input<"unidirectional" | "bidirectional">; target?: pulumi.Input<string>; source?: pulumi.Input<string> }>;
  bgp?: pulumi.Input<{ customerAsn?: pulumi.Input<number>; extraPrefixes?: pulumi.Input<pulumi.Input<string>[]>; md5Key?: pulumi.Input<string>; importFilterId?: pulumi.Input<string>; exportFilterId?: pulumi.Input<string> }>;
  interfaceAddress?: pulumi.Input<string>;
  interfaceAddress6?: pulumi.Input<string>;
  mtu?: pulumi.Input<number>;
}

/** Every output name, declared to the engine at registration. */
const OUTPUTS = ["interconnectId", "name", "description", "automaticReturnRouting", "gre", "healthCheck", "bgp", "interfaceAddress", "interfaceAddress6", "mtu"] as const;

/** Outputs kept as secrets in state. */
const SECRETS = [] as const;

/** The generated part of {@link CfInterconnect}: its outputs, and its registration with the provider. */
export abstract class CfInterconnectResource extends MagicResource {
  declare readonly interconnectId: pulumi.Output<string>;
  declare readonly name: pulumi.Output<string | undefined>;
  declare readonly description: pulumi.Output<string | undefined>;
  declare readonly automaticReturnRouting: pulumi.Output<boolean | undefined>;
  declare readonly gre: pulumi.Output<{ cloudflareEndpoint?: string } | undefined>;
  declare readonly healthCheck: pulumi.Output<{ enabled?: boolean; rate?: "low" | "mid" | "high"; type?: "reply" | "request"; direction?: "unidirectional" | "bidirectional"; target?: string; source?: string } | undefined>;
  declare readonly bgp: pulumi.Output<{ customerAsn?: number; extraPrefixes?: string[]; md5Key?: string; importFilterId?: string; exportFilterId?: string } | undefined>;
  declare readonly interfaceAddress: pulumi.Output<string | undefined>;
  declare readonly interfaceAddress6: pulumi.Output<string | undefined>;
  declare readonly mtu: pulumi.Output<number | undefined>;

  protected constructor(name: string, args: CfInterconnectArgs, opts?: pulumi.CustomResourceOptions) {
    super("magic", "CfInterconnect", name, args, OUTPUTS, opts, SECRETS);
  }
}

/** A {@link CfInterconnect} as the API reports it (camelCase), with its id. */
export interface CfInterconnectInfo {
  id: string;
  interconnectId: string;
  name?: string;
  description?: string;
  automaticReturnRouting?: boolean;
  gre?: { cloudflareEndpoint?: string };
  healthCheck?: { enabled?: boolean; rate?: "low" | "mid" | "high"; type?: "reply" | "request"; direction?: "unidirectional" | "bidirectional"; target?: string; source?: string };
  bgp?: { customerAsn?: number; extraPrefixes?: string[]; md5Key?: string; importFilterId?: string; exportFilterId?: string };
  interfaceAddress?: string;
  interfaceAddress6?: string;
  mtu?: number;
  accountId: string;
}
