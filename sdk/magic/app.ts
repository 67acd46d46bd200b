import type * as pulumi from "@pulumi/pulumi";
import { AccountArgs, MagicResource } from "../resource";

/** Arguments of a Magic WAN account app (Cloudflare API "Magic Transit > Apps"). */
export interface AppArgs extends AccountArgs {
  /** Display name for the app. */
  name: pulumi.Input<string>;
  /** Category of the app, e.g. `"Development"`. */
  type: pulumi.Input<string>;
  /** FQDNs to associate with traffic decisions, e.g. `["auth.example.com"]`. */
  hostnames?: pulumi.Input<pulumi.Input<string>[]>;
  /** Destination IPv4 prefixes (CIDR, no host bits) to associate with traffic decisions. IPv6 is not supported. */
  ipSubnets?: pulumi.Input<pulumi.Input<string>[]>;
  /** Source IPv4 prefixes (CIDR, no host bits) to associate with traffic decisions. IPv6 is not supported. */
  sourceSubnets?: pulumi.Input<pulumi.Input<string>[]>;
}

const OUTPUTS = ["name", "type", "hostnames", "ipSubnets", "sourceSubnets"] as const;

/**
 * A custom Magic WAN app: hostnames and/or subnets that app-aware policies (site app configs)
 * steer or breakout. The resource id is Cloudflare's `account_app_id`. Every field can change in
 * place. Cloudflare's managed apps are listed by `getApps()`.
 *
 * @example
 * ```ts
 * import * as magic from "pulumi-cloudflare-magic";
 *
 * const crm = new magic.App("crm", {
 *     name: "CRM",
 *     type: "Business",
 *     hostnames: ["crm.example.com"],
 *     ipSubnets: ["192.0.2.0/24"],
 * });
 * export const crmAppId = crm.id;
 * ```
 */
export class App extends MagicResource {
  declare readonly name: pulumi.Output<string>;
  declare readonly type: pulumi.Output<string>;
  declare readonly hostnames: pulumi.Output<string[] | undefined>;
  declare readonly ipSubnets: pulumi.Output<string[] | undefined>;
  declare readonly sourceSubnets: pulumi.Output<string[] | undefined>;

  constructor(name: string, args: AppArgs, opts?: pulumi.CustomResourceOptions) {
    super("magic", "App", name, args, OUTPUTS, opts);
  }
}
