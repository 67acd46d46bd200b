import * as pulumi from "@pulumi/pulumi";

/**
 * Lookups run in the program process (not the provider host) with the same client, pacing and
 * credential rules as resources: stack config first (`cloudflare:apiToken`, ...), then the
 * environment. The provider code is loaded on first use only.
 */
export interface LookupArgs {
  /** @default stack config `cloudflare-magic:accountId`, else `CLOUDFLARE_ACCOUNT_ID` */
  accountId?: string;
}

type Provider = typeof import("../../provider/facade");

let loaded: Provider | undefined;

/** The provider's facade, its settings configured from this program's stack config. */
export function provider(): Provider {
  if (!loaded) {
    const p = require("../../provider/facade") as Provider;
    // In the provider plugin (Invoke), the provider's own Configure has set the settings already.
    if (!p.settings.isConfigured())
      p.settings.configureFrom((key: string) => {
        const [ns, name] = key.split(":");
        return new pulumi.Config(ns).get(name);
      }, Object.keys(pulumi.runtime.allConfig()));
    loaded = p;
  }
  return loaded;
}

/** Lists a resource type's objects (optionally under a parent, e.g. `{ siteId }`), outputs in camelCase. */
export async function listOf<T>(
  token: string,
  args: LookupArgs = {},
  parent: Record<string, unknown> = {},
  query?: Record<string, string | number | boolean | undefined>,
): Promise<T[]> {
  const p = provider();
  const accountId = p.settings.resolveAccountId(args.accountId);
  return (await p.definedProvider(token).listOutputs({ accountId, props: parent }, query)) as T[];
}

/** Gets one object of a resource type by id. */
export async function oneOf<T>(token: string, id: string, args: LookupArgs = {}, parent: Record<string, unknown> = {}): Promise<T> {
  const p = provider();
  const accountId = p.settings.resolveAccountId(args.accountId);
  return (await p.definedProvider(token).getOutputs({ accountId, props: parent }, id)) as T;
}
