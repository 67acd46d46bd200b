import * as pulumi from "@pulumi/pulumi";
import { PROVIDER_KEY, RESOURCE_NAME_KEY, TOKEN_KEY } from "../shared/internal-keys";
import { SHIM_TEXT } from "./shim";
import { claimUniqueName } from "./unique-names";
import { warnAbout } from "./warnings";

/** Arguments every resource accepts. */
export interface AccountArgs {
  /**
   * The Cloudflare account to manage the object in.
   * @default stack config `cloudflare-magic:accountId`, else the environment variable `CLOUDFLARE_ACCOUNT_ID`
   */
  accountId?: pulumi.Input<string>;
}

/**
 * Base of every resource class: a Pulumi dynamic resource (type token
 * `pulumi-nodejs:dynamic/<module>:<Type>`, served by the dynamic-provider host) whose
 * `__provider` is the tiny shim text and whose `__token` input names the definition to dispatch to.
 * This is what `pulumi.dynamic.Resource` does, with our own compact provider text.
 */
export abstract class MagicResource extends pulumi.CustomResource {
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
    const token = `${module}:${type}`;
    claimUniqueName(token, name, args);
    const props: Record<string, unknown> = { accountId: undefined };
    for (const k of outputs) props[k] = undefined;
    Object.assign(props, args, { [PROVIDER_KEY]: SHIM_TEXT, [TOKEN_KEY]: token, [RESOURCE_NAME_KEY]: name });
    // additionalSecretOutputs covers outputs only: the engine stores inputs as they arrive, so a
    // secret given as a plain value (an MD5 key in `bgp`, a PSK) would sit in state in clear text.
    for (const k of secretOutputs) if (props[k] !== undefined) props[k] = pulumi.secret(props[k]);
    const merged: pulumi.CustomResourceOptions = secretOutputs.length
      ? { ...opts, additionalSecretOutputs: [...(opts?.additionalSecretOutputs ?? []), ...secretOutputs] }
      : (opts ?? {});
    super(`pulumi-nodejs:dynamic/${token}`, name, props, merged);
    warnAbout(token, name, args as Record<string, unknown>, this);
  }
}
