import type * as pulumi from "@pulumi/pulumi";

/**
 * True when the value was given as is, not as an Output or a Promise (whose value may not be known yet).
 * An Output is recognised as Pulumi's own `Output.isInstance` does (a true `__pulumiOutput` member), so
 * the checks that use this load no Pulumi runtime.
 */
export const known = <T>(v: pulumi.Input<T> | undefined): v is T | undefined =>
  !(typeof v === "object" && v !== null && (v as { __pulumiOutput?: unknown }).__pulumiOutput === true) && !(v instanceof Promise);
