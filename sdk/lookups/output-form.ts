import * as pulumi from "@pulumi/pulumi";
import { perRun } from "../run-scope";
import { provider } from "./lookup";

/**
 * The Output form of a lookup, Pulumi's `getXOutput` convention: the same arguments, each an
 * Input (an Output of another resource or lookup, a promise, or a plain value), plus
 * `InvokeOutputOptions` (`dependsOn`), answering a `pulumi.Output` of what the Promise form
 * answers. The lookup runs once every argument and every `dependsOn` resource is known; while one
 * is not (a resource this preview would create), the result is unknown, as Pulumi's own invokes are.
 *
 * A preview with no credentials (README "Preview in CI") does not fail: the result is unknown,
 * with one warning per lookup naming it and what to set. With credentials a preview reads the
 * values, as the Promise form does; `pulumi up` without credentials fails as it does.
 */
export type OutputForm<F extends (...args: never[]) => Promise<unknown>> = (
  ...args: [...InputArgs<Parameters<F>>, opts?: pulumi.InvokeOutputOptions]
) => pulumi.Output<Awaited<ReturnType<F>>>;

/** Each argument as an Input: a plain value, or an argument object whose fields may each be Inputs. */
type InputArgs<A extends readonly unknown[]> = { [K in keyof A]: InputOf<A[K]> };
type InputOf<T> = T extends string | number | boolean | undefined | null
  ? pulumi.Input<T>
  : pulumi.Input<{ [P in keyof T]: pulumi.Input<T[P]> }>;

/** The lookups that warned in this run (one warning per lookup, however often it is called). */
const warnedByRun = new WeakMap<object, Set<string>>();
const warnedOutsideRuns = new Set<string>();

/** Makes the Output form of `lookup`, which takes `arity` arguments (the options come after them). */
export function outputForm<F extends (...args: never[]) => Promise<unknown>>(name: string, lookup: F, arity: number): OutputForm<F> {
  type Result = Awaited<ReturnType<F>>;
  const run = (args: unknown[]): pulumi.Input<Result> => {
    const missing = pulumi.runtime.isDryRun() ? missingCredentials() : undefined;
    if (missing === undefined) return (lookup as unknown as (...a: unknown[]) => Promise<Result>)(...args);
    const warned = perRun(warnedByRun, warnedOutsideRuns, () => new Set<string>());
    if (!warned.has(name)) {
      warned.add(name);
      void pulumi.log.warn(`pulumi-cloudflare-magic: ${name} gives unknown values in this preview: ${missing} \`pulumi up\` reads them.`);
    }
    return pulumi.output(pulumi.unknown) as unknown as pulumi.Output<Result>;
  };
  const form = (...given: unknown[]): pulumi.Output<Result> => {
    const opts = given[arity] as pulumi.InvokeOutputOptions | undefined;
    return pulumi
      .all([pulumi.output(given.slice(0, arity)), ready(opts?.dependsOn)])
      .apply(([args]) => run(args as unknown[])) as pulumi.Output<Result>;
  };
  return form;
}

/** Known once every `dependsOn` resource exists: a custom resource's id, a component's URN. */
function ready(dependsOn: pulumi.InvokeOutputOptions["dependsOn"]): pulumi.Output<unknown[]> {
  return (pulumi.output(dependsOn as pulumi.Input<unknown>) as pulumi.Output<unknown>).apply((d: unknown) => {
    const list = (Array.isArray(d) ? d : d === undefined ? [] : [d]) as pulumi.Resource[];
    return pulumi.all(list.map((r) => (pulumi.CustomResource.isInstance(r) ? r.id : r.urn)));
  });
}

/** Why this program has no Cloudflare credential (the sentence resources fail with), or undefined when it has one. */
function missingCredentials(): string | undefined {
  const p = provider();
  try {
    p.settings.resolveCredentials();
    return undefined;
  } catch (e) {
    if (e instanceof p.api.ConfigError) return e.message;
    throw e;
  }
}
