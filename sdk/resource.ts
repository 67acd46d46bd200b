import * as pulumi from "@pulumi/pulumi";
import { shim } from "./shim";

/** Arguments every resource accepts. */
export interface AccountArgs {
  /**
   * The Cloudflare account to manage the object in.
   * @default stack config `cloudflare-magic:accountId`, else the environment variable `CLOUDFLARE_ACCOUNT_ID`
   */
  accountId?: pulumi.Input<string>;
}

/**
 * Base of every resource class: a Pulumi dynamic resource whose provider is the tiny shim, with
 * its token `<module>:<Type>` in `__token` (the shim dispatches on it) and as the type token
 * `pulumi-nodejs:dynamic/<module>:<Type>`.
 */
export abstract class MagicResource extends pulumi.dynamic.Resource {
  /** The account the object lives in (resolved from config when not given). */
  declare readonly accountId: pulumi.Output<string>;

  protected constructor(
    module: "magic" | "cni",
    type: string,
    name: string,
    args: object,
    outputs: readonly string[],
    opts: pulumi.CustomResourceOptions | undefined,
    secretOutputs: readonly string[] = [],
  ) {
    // A fresh props object per resource: the constructor adds `__provider` to it.
    const props: Record<string, unknown> = { accountId: undefined };
    for (const k of outputs) props[k] = undefined;
    Object.assign(props, args, { __token: `${module}:${type}`, __resourceName: name });
    const merged: pulumi.CustomResourceOptions = secretOutputs.length
      ? { ...opts, additionalSecretOutputs: [...(opts?.additionalSecretOutputs ?? []), ...secretOutputs] }
      : (opts ?? {});
    super(shim, name, props, merged, module, type);
  }
}
