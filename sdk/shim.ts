import type * as pulumi from "@pulumi/pulumi";

/**
 * The provider object Pulumi serializes into every resource's state (`__provider`, twice per
 * resource). It captures nothing at all: each method requires the installed provider package at
 * run time, inside the provider host, which dispatches on the `__token` input the resource class
 * sets. No client, schema, config or credential is ever serialized, every resource type shares
 * one text (so the host configures it once), and resources always run the installed code.
 */
export const shim: pulumi.dynamic.ResourceProvider = {
  configure: (r) => require("pulumi-cloudflare-magic/provider").configure(r),
  check: (o, n) => require("pulumi-cloudflare-magic/provider").check(o, n),
  diff: (i, o, n) => require("pulumi-cloudflare-magic/provider").diff(i, o, n),
  create: (n) => require("pulumi-cloudflare-magic/provider").create(n),
  read: (i, o) => require("pulumi-cloudflare-magic/provider").read(i, o),
  update: (i, o, n) => require("pulumi-cloudflare-magic/provider").update(i, o, n),
  delete: (i, o) => require("pulumi-cloudflare-magic/provider").delete(i, o),
};
