/**
 * Writes a `pulumi stack export` file (deployment version 3, pulumi/pulumi
 * `sdk/go/common/apitype/core.go`) from the harness's state, as the CLI would for that stack: the
 * stack resource first, then each entry with its id, type, inputs, outputs, parent and dependencies.
 * The harness keeps values in plaintext and records where the engine keeps secrets (`secretsOf`:
 * nested paths such as `bgp.md5Key`, or whole keys in state recorded before it kept paths); in an
 * export each of those values is `{sig, ciphertext}` (or `{sig, plaintext}` with `showSecrets`, as
 * `--show-secrets` writes them). The ciphertext is a real encryption under a throwaway key, so no
 * test can read a secret out of it.
 */
import { createCipheriv, randomBytes } from "node:crypto";
import * as fs from "node:fs";
import { isSecret } from "../harness/host";
import { type StateEntry, secretsOf } from "../harness/program";

const SIG_KEY = "4dabf18193072939515e22adb298388d";
const SIG = "1b47061264138c4ac30d75fd1eb44270";
const KEY = randomBytes(32);

function exported(value: unknown, showSecrets: boolean): Record<string, string> {
  const text = JSON.stringify(value);
  if (showSecrets) return { [SIG_KEY]: SIG, plaintext: text };
  const nonce = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", KEY, nonce);
  const sealed = Buffer.concat([cipher.update(text, "utf8"), cipher.final(), cipher.getAuthTag()]);
  // The passphrase secrets provider's form: v1:<nonce>:<sealed>, base64.
  return { [SIG_KEY]: SIG, ciphertext: `v1:${nonce.toString("base64")}:${sealed.toString("base64")}` };
}

/** A tree (secrets in the engine's wire form) as an export holds it. */
function withSecrets(tree: unknown, showSecrets: boolean): any {
  if (isSecret(tree)) return exported(tree.value, showSecrets);
  if (Array.isArray(tree)) return tree.map((x) => withSecrets(x, showSecrets));
  if (typeof tree === "object" && tree !== null)
    return Object.fromEntries(Object.entries(tree).map(([k, x]) => [k, withSecrets(x, showSecrets)]));
  return tree;
}

export interface ExportOptions {
  project: string;
  stack: string;
  showSecrets?: boolean;
  /** Operations a run left unfinished, as the engine records them. */
  pendingOperations?: Array<{ type: string; resource: Record<string, unknown> }>;
}

export function stackExport(entries: Iterable<StateEntry>, o: ExportOptions): Record<string, unknown> {
  const stackUrn = `urn:pulumi:${o.stack}::${o.project}::pulumi:pulumi:Stack::${o.project}-${o.stack}`;
  const resources: Record<string, unknown>[] = [{ urn: stackUrn, custom: false, type: "pulumi:pulumi:Stack", outputs: {} }];
  for (const e of entries) {
    const trees = secretsOf(e);
    resources.push({
      urn: e.urn,
      custom: e.custom,
      ...(e.id !== undefined ? { id: e.id } : {}),
      type: e.type,
      inputs: withSecrets(trees.inputs, o.showSecrets ?? false),
      outputs: withSecrets(trees.outputs, o.showSecrets ?? false),
      parent: e.parent ?? stackUrn,
      ...(e.dependencies.length ? { dependencies: e.dependencies } : {}),
      ...(e.custom ? { provider: `urn:pulumi:${o.stack}::${o.project}::pulumi:providers:pulumi-nodejs::default::0` } : {}),
      ...(trees.additionalSecretOutputs.length ? { additionalSecretOutputs: trees.additionalSecretOutputs } : {}),
      ...(e.initErrors?.length ? { initErrors: e.initErrors } : {}),
      created: "2026-06-01T00:00:00Z",
      modified: "2026-06-01T00:00:00Z",
    });
  }
  return {
    version: 3,
    deployment: {
      manifest: { time: "2026-06-01T00:00:00Z", magic: "0".repeat(64), version: "v3.270.0" },
      secrets_providers: { type: "passphrase", state: { salt: "v1:AAAA:BBBB" } },
      resources,
      ...(o.pendingOperations?.length ? { pending_operations: o.pendingOperations } : {}),
    },
  };
}

export function writeExport(file: string, entries: Iterable<StateEntry>, o: ExportOptions): string {
  fs.writeFileSync(file, JSON.stringify(stackExport(entries, o), null, 4));
  return file;
}
