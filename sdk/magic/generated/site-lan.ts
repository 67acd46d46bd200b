// generated from provider/resources/magic/site-lan.ts: edit the definition, then run npm run generate
import type * as pulumi from "@pulumi/pulumi";
import { type AccountArgs, MagicResource } from "../../resource";

/** Arguments of a {@link SiteLan}. */
export interface SiteLanArgs extends AccountArgs {
  /** Changing it replaces the SiteLan. */
  siteId: pulumi.Input<string>;
  name?: pulumi.Input<string>;
  physport?: pulumi.Input<number>;
  vlanTag?: pulumi.Input<number>;
  bondId?: pulumi.Input<number>;
  haLink?: pulumi.Input<boolean>;
  isBreakout?: pulumi.Input<boolean>;
  isPrioritized?: pulumi.Input<boolean>;
  nat?: pulumi.Input<{ staticPrefix?: pulumi.Input<string> }>;
  routedSubnets?: pulumi.Input<pulumi.Input<{ nextHop: pulumi.Input<string>; prefix: pulumi.Input<string>; nat?: pulumi.Input<{ staticPrefix?: pulumi.Input<string> }> }>[]>;
  staticAddressing?: pulumi.Input<{ address: pulumi.Input<string>; dhcpRelay?: pulumi.Input<{ serverAddresses?: pulumi.Input<pulumi.Input<string>[]> }>; dhcpServer?: pulumi.Input<{ dhcpOptions?: pulumi.Input<Array<pulumi.Input<{ code: pulumi.Input<number>; type: pulumi.Input<"text" | "hex" | "ip" | "byte" | "short" | "integer">; value: pulumi.Input<string> }>>>; dhcpPoolStart?: pulumi.Input<string>; dhcpPoolEnd?: pulumi.Input<string>; dnsServer?: pulumi.Input<string>; dnsServers?: pulumi.Input<pulumi.Input<string>[]>; reservations?: pulumi.Input<Record<string, pulumi.Input<string>>> }>; secondaryAddress?: pulumi.Input<string>; virtualAddress?: pulumi.Input<string> }>;
  siteHaMode?: pulumi.Input<boolean>;
}

/** Every output name, declared to the engine at registration. */
const OUTPUTS = ["siteId", "name", "physport", "vlanTag", "bondId", "haLink", "isBreakout", "isPrioritized", "nat", "routedSubnets", "staticAddressing", "siteHaMode"] as const;

/** Outputs kept as secrets in state. */
const SECRETS = [] as const;

/** The generated part of {@link SiteLan}: its outputs, and its registration with the provider. */
export abstract class SiteLanResource extends MagicResource {
  declare readonly siteId: pulumi.Output<string>;
  declare readonly name: pulumi.Output<string | undefined>;
  declare readonly physport: pulumi.Output<number | undefined>;
  declare readonly vlanTag: pulumi.Output<number | undefined>;
  declare readonly bondId: pulumi.Output<number | undefined>;
  declare readonly haLink: pulumi.Output<boolean | undefined>;
  declare readonly isBreakout: pulumi.Output<boolean | undefined>;
  declare readonly isPrioritized: pulumi.Output<boolean | undefined>;
  declare readonly nat: pulumi.Output<{ staticPrefix?: string } | undefined>;
  declare readonly routedSubnets: pulumi.Output<{ nextHop: string; prefix: string; nat?: { staticPrefix?: string } }[] | undefined>;
  declare readonly staticAddressing: pulumi.Output<{ address: string; dhcpRelay?: { serverAddresses?: string[] }; dhcpServer?: { dhcpOptions?: Array<{ code: number; type: "text" | "hex" | "ip" | "byte" | "short" | "integer"; value: string }>; dhcpPoolStart?: string; dhcpPoolEnd?: string; dnsServer?: string; dnsServers?: string[]; reservations?: Record<string, string> }; secondaryAddress?: string; virtualAddress?: string } | undefined>;
  declare readonly siteHaMode: pulumi.Output<boolean | undefined>;

  protected constructor(name: string, args: SiteLanArgs, opts?: pulumi.CustomResourceOptions) {
    super("magic", "SiteLan", name, args, OUTPUTS, opts, SECRETS);
  }
}

/** A {@link SiteLan} as the API reports it (camelCase), with its id. */
export interface SiteLanInfo {
  id: string;
  siteId: string;
  name?: string;
  physport?: number;
  vlanTag?: number;
  bondId?: number;
  haLink?: boolean;
  isBreakout?: boolean;
  isPrioritized?: boolean;
  nat?: { staticPrefix?: string };
  routedSubnets?: { nextHop: string; prefix: string; nat?: { staticPrefix?: string } }[];
  staticAddressing?: { address: string; dhcpRelay?: { serverAddresses?: string[] }; dhcpServer?: { dhcpOptions?: Array<{ code: number; type: "text" | "hex" | "ip" | "byte" | "short" | "integer"; value: string }>; dhcpPoolStart?: string; dhcpPoolEnd?: string; dnsServer?: string; dnsServers?: string[]; reservations?: Record<string, string> }; secondaryAddress?: string; virtualAddress?: string };
  siteHaMode?: boolean;
  accountId: string;
}
