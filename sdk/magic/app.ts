import type * as pulumi from "@pulumi/pulumi";
import { type AppArgs, AppResource } from "./generated/app";

export type { AppArgs } from "./generated/app";

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
export class App extends AppResource {
  constructor(name: string, args: AppArgs, opts?: pulumi.CustomResourceOptions) {
    super(name, args, opts);
  }
}
