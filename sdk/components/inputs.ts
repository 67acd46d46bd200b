import * as pulumi from "@pulumi/pulumi";

/** True when the value was given as is, not as an Output or a Promise (whose value may not be known yet). */
export const known = <T>(v: pulumi.Input<T> | undefined): v is T | undefined => !pulumi.Output.isInstance(v) && !(v instanceof Promise);
