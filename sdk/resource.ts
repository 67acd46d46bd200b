import * as pulumi from "@pulumi/pulumi";
import { PROVIDER_KEY, RESOURCE_NAME_KEY, TOKEN_KEY, URN_KEY } from "../shared/internal-keys";
import { isObjectLiteral } from "../shared/values";
import { SHIM_TEXT } from "./shim";
import { claimDistinctName, claimRoutes, claimUniqueName } from "./unique-names";
import { warnAboutConfig } from "./warnings";

/** What a resource class says of its fields (generated from its definition; see MagicResource). */
export interface ResourceFacts {
  secrets?: readonly string[];
  unique?: readonly string[];
}

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

  /**
   * `facts` are what the generated class says of the definition's fields: the secret ones as
   * dotted paths (`psk`, `bgp.md5Key`; `SECRETS`) and those Cloudflare keeps unique per account
   * (`UNIQUE`). Warnings about values (a public nexthop) come from the provider's check
   * (provider/framework/warnings.ts), which also sees values given as Outputs.
   */
  protected constructor(
    module: "magic" | "cni",
    type: string,
    name: string,
    args: object,
    outputs: readonly string[],
    opts: pulumi.CustomResourceOptions | undefined,
    facts: ResourceFacts = {},
  ) {
    const token = `${module}:${type}`;
    const pulumiType = `pulumi-nodejs:dynamic/${token}`;
    const { secrets = [], unique = [] } = facts;
    claimUniqueName(token, name, args as Record<string, unknown>, unique);
    claimDistinctName(token, name, args);
    claimRoutes(token, name, args);
    const props: Record<string, unknown> = { accountId: undefined };
    for (const k of outputs) props[k] = undefined;
    const urn = urnOf(pulumiType, name, opts?.parent);
    Object.assign(props, args, { [PROVIDER_KEY]: SHIM_TEXT, [TOKEN_KEY]: token, [RESOURCE_NAME_KEY]: name, [URN_KEY]: urn });
    // Secret inputs are marked here, where the program hands them over: a secret given as a plain
    // value (a PSK, an MD5 key) would otherwise travel to the engine in clear text.
    for (const path of secrets) {
      const [top, ...rest] = path.split(".");
      if (props[top] !== undefined) props[top] = sealed(props[top], rest);
    }
    // additionalSecretOutputs names top-level outputs only (the engine's step executor marks
    // `Outputs[k]` as a whole): it covers values the API makes up (a generated PSK, a license key).
    // A nested secret such as `bgp.md5Key` stays secret in the outputs because the engine carries
    // the inputs' nested secrets over to the outputs of a dynamic provider (annotateSecrets, see
    // provider/framework/codec.ts, `seal`) and the provider marks it itself.
    const whole = secrets.filter((p) => !p.includes("."));
    const merged: pulumi.CustomResourceOptions = whole.length
      ? { ...opts, additionalSecretOutputs: [...(opts?.additionalSecretOutputs ?? []), ...whole] }
      : (opts ?? {});
    super(pulumiType, name, props, merged);
    warnAboutConfig();
  }
}

/**
 * The URN the engine will register for a resource, known before registration so it can travel as
 * an input (`__urn`): the provider host names the resource with it in what it tells the CLI. The
 * engine's rule: `urn:pulumi:<stack>::<project>::<qualified type>::<name>`, the qualified type being
 * the types of the parent chain (the stack aside) and the resource's own, joined by `$`. Read from
 * the parents synchronously (the SDK keeps each resource's type and parent), not from `parent.urn`,
 * which would make the registration wait for the parent's. Undefined if the chain cannot be read.
 */
function urnOf(type: string, name: string, parent: pulumi.Resource | undefined): string | undefined {
  const types = [type];
  for (let p = parent as { __pulumiType?: unknown; __parentResource?: unknown } | undefined; p;) {
    if (typeof p.__pulumiType !== "string") return undefined;
    if (p.__pulumiType === "pulumi:pulumi:Stack") break;
    types.unshift(p.__pulumiType);
    p = p.__parentResource as typeof p;
  }
  return `urn:pulumi:${pulumi.getStack()}::${pulumi.getProject()}::${types.join("$")}::${name}`;
}

/**
 * `value` with the field at `path` (below it) made secret: a plain object is copied with only that
 * field wrapped, so the engine keeps the rest of it visible (its diff shows `bgp.customerAsn`
 * changing). Anything else on the way (an Output or a promise of the object, whose fields are not
 * known here) is made secret as a whole, as safe as before, only less visible.
 */
function sealed(value: unknown, path: string[]): unknown {
  if (path.length === 0) return pulumi.secret(value);
  if (!isObjectLiteral(value)) return pulumi.secret(value);
  const [key, ...rest] = path;
  return value[key] === undefined ? value : { ...value, [key]: sealed(value[key], rest) };
}
