/**
 * Reads `pulumi stack export` files (deployment version 3) into what the audit needs: per stack,
 * the resources of this package (type `pulumi-nodejs:dynamic/<module>:<Type>`, the definition named
 * by their `__token` input) with their id, inputs and outputs, and the operations a run left
 * pending. Secret values come as ciphertext (never needed: the field is then not compared) or, from
 * `pulumi stack export --show-secrets`, as plaintext; either way the paths that were secret are
 * recorded so that no secret value is ever shown.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { TOKEN_KEY } from "../shared/internal-keys";
import { isPlainObject, isSecretValue } from "../shared/values";

type Props = Record<string, unknown>;

/** Our resources' type prefix: `pulumi-nodejs:dynamic/magic:GreTunnel`. */
const DYNAMIC_PREFIX = "pulumi-nodejs:dynamic/";

/** A file that cannot be audited; the message is the sentence to show. */
export class ExportError extends Error {}

export interface SecretPath {
  /** Dotted path in the inputs or outputs (`psk`, `bgp`). */
  path: string;
  /** Only ciphertext was exported: the value is unknown here and the field is not compared. */
  hidden: boolean;
}

export interface ExportedResource {
  urn: string;
  /** The Pulumi resource name (the URN's last part). */
  name: string;
  /** The definition's token, `magic:GreTunnel` (the `__token` input). */
  token: string;
  id?: string;
  /** As stored; secret values decoded when the export holds their plaintext, left out when it holds ciphertext. */
  inputs: Props;
  outputs: Props;
  secrets: SecretPath[];
  /** The account the resource lives in (its `accountId` output, else input), when the state records one. */
  accountId?: string;
  /** The old object of a replacement that the next update deletes (`delete: true`). */
  pendingDelete: boolean;
  /** Deleted by a delete-before-replace replacement that did not finish. */
  pendingReplacement: boolean;
  /** A create or update that failed after the object existed (ErrorResourceInitFailed). */
  initErrors: string[];
}

export interface PendingOperation {
  /** `creating`, `updating`, `deleting`, `reading` or `importing`, as the engine wrote it. */
  type: string;
  resource: ExportedResource;
}

export interface StackExport {
  /** The file read. */
  file: string;
  /** `<project>/<stack>` as the URNs name them (the file's name when it holds no resource). */
  name: string;
  /** This package's resources in the stack. */
  resources: ExportedResource[];
  /** Operations a run left unfinished on this package's resources (the engine's `pending_operations`). */
  pendingOperations: PendingOperation[];
}

/** The export files named by `--state` arguments: files as given, every `*.json` of a directory (sorted). */
export function exportFiles(args: string[]): string[] {
  const files: string[] = [];
  const seen = new Set<string>();
  for (const arg of args) {
    let stat: fs.Stats;
    try {
      stat = fs.statSync(arg);
    } catch {
      throw new ExportError(
        `--state ${arg}: no such file or directory; give a file written by \`pulumi stack export --file <file>\` or a directory of them.`,
      );
    }
    const found = stat.isDirectory()
      ? fs
          .readdirSync(arg)
          .filter((f) => f.endsWith(".json"))
          .sort()
          .map((f) => path.join(arg, f))
      : [arg];
    if (stat.isDirectory() && found.length === 0)
      throw new ExportError(
        `--state ${arg}: the directory holds no *.json file; write each stack's export there with \`pulumi stack export --file ${arg}/<stack>.json\`.`,
      );
    for (const f of found) {
      const real = fs.realpathSync(f);
      if (seen.has(real)) continue; // a file named twice (as itself and in its directory) is one stack
      seen.add(real);
      files.push(f);
    }
  }
  return files;
}

/** Reads the files; two exports of stacks with one name are told apart by their file names. */
export function readExports(files: string[]): StackExport[] {
  const stacks = files.map((f) => {
    let text: string;
    try {
      text = fs.readFileSync(f, "utf8");
    } catch (e) {
      throw new ExportError(`${f}: cannot be read (${(e as Error).message}); check the path and its permissions.`);
    }
    return parseExport(text, f);
  });
  const count = new Map<string, number>();
  for (const s of stacks) count.set(s.name, (count.get(s.name) ?? 0) + 1);
  for (const s of stacks) if (count.get(s.name)! > 1) s.name = `${s.name} (${path.basename(s.file)})`;
  return stacks;
}

const EXPORT_HINT = "give the output of `pulumi stack export --file <file>` (add --show-secrets only if you want secret fields compared)";

/** One export file's text. Throws an ExportError naming the file and what to do. */
export function parseExport(text: string, file: string): StackExport {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (e) {
    throw new ExportError(`${file} is not JSON (${(e as Error).message}); ${EXPORT_HINT}.`);
  }
  if (!isPlainObject(doc) || !isPlainObject(doc.deployment) || doc.version === undefined)
    throw new ExportError(`${file} is not a Pulumi stack export (no "version" and "deployment"); ${EXPORT_HINT}.`);
  if (doc.version !== 3)
    throw new ExportError(
      `${file} is a deployment of version ${JSON.stringify(doc.version)}; this command reads version 3, which Pulumi CLIs since 3.0 write: export the stack again with a current \`pulumi stack export\`.`,
    );
  const deployment = doc.deployment;
  const rawResources = deployment.resources ?? [];
  const rawPending = deployment.pending_operations ?? [];
  if (!Array.isArray(rawResources) || !Array.isArray(rawPending))
    throw new ExportError(`${file}: "deployment.resources" and "deployment.pending_operations" must be lists; ${EXPORT_HINT}.`);

  let name: string | undefined;
  const resources: ExportedResource[] = [];
  rawResources.forEach((r: unknown, i) => {
    if (!isPlainObject(r) || typeof r.urn !== "string" || typeof r.type !== "string")
      throw new ExportError(`${file}: resource ${i} has no "urn" and "type"; ${EXPORT_HINT}.`);
    name ??= stackName(r.urn);
    const ours = resourceOf(r, file);
    if (ours) resources.push(ours);
  });
  const pendingOperations: PendingOperation[] = [];
  rawPending.forEach((op: unknown, i) => {
    if (!isPlainObject(op) || !isPlainObject(op.resource) || typeof op.resource.urn !== "string" || typeof op.resource.type !== "string")
      throw new ExportError(`${file}: pending operation ${i} has no resource with a "urn" and "type"; ${EXPORT_HINT}.`);
    name ??= stackName(op.resource.urn);
    const resource = resourceOf(op.resource, file);
    if (resource) pendingOperations.push({ type: typeof op.type === "string" ? op.type : "unknown", resource });
  });
  return { file, name: name ?? path.basename(file, ".json"), resources, pendingOperations };
}

/** `urn:pulumi:<stack>::<project>::...` -> `<project>/<stack>`. */
function stackName(urn: string): string | undefined {
  const m = /^urn:pulumi:([^:]+)::([^:]+)::/.exec(urn);
  return m ? `${m[2]}/${m[1]}` : undefined;
}

/** One of our resources, or undefined for anything else (components, the stack, other providers). */
function resourceOf(r: Props, file: string): ExportedResource | undefined {
  const type = r.type as string;
  if (!type.startsWith(DYNAMIC_PREFIX) || r.custom === false) return undefined;
  const secrets: SecretPath[] = [];
  const inputs = decodeProps(r.inputs, secrets);
  const outputs = decodeProps(r.outputs, secrets);
  const token = inputs[TOKEN_KEY] ?? outputs[TOKEN_KEY];
  // Another dynamic provider's resource (the user's own, in the same program).
  if (typeof token !== "string") return undefined;
  const urn = r.urn as string;
  const accountId = [outputs.accountId, inputs.accountId].find((a): a is string => typeof a === "string" && a !== "");
  const initErrors = Array.isArray(r.initErrors) ? r.initErrors.filter((e): e is string => typeof e === "string") : [];
  if (r.id !== undefined && typeof r.id !== "string")
    throw new ExportError(`${file}: resource ${urn} has an id that is not a string; ${EXPORT_HINT}.`);
  return {
    urn,
    name: urn.slice(urn.lastIndexOf("::") + 2),
    token,
    id: r.id === "" ? undefined : r.id,
    inputs,
    outputs,
    secrets: dedupe(secrets),
    accountId,
    pendingDelete: r.delete === true,
    pendingReplacement: r.pendingReplacement === true,
    initErrors,
  };
}

function decodeProps(v: unknown, secrets: SecretPath[]): Props {
  const out = decode(v, "", secrets);
  return isPlainObject(out) ? out : {};
}

/** A value with every secret replaced by its plaintext (when exported) or left out (ciphertext), noting each path. */
function decode(v: unknown, at: string, secrets: SecretPath[]): unknown {
  if (Array.isArray(v)) return v.map((x, i) => decode(x, at ? `${at}.${i}` : String(i), secrets));
  if (!isPlainObject(v)) return v;
  if (isSecretValue(v)) {
    if (typeof v.plaintext === "string") {
      secrets.push({ path: at, hidden: false });
      try {
        return decode(JSON.parse(v.plaintext), at, []);
      } catch {
        return v.plaintext;
      }
    }
    secrets.push({ path: at, hidden: true });
    return undefined;
  }
  const out: Props = {};
  for (const [k, x] of Object.entries(v)) {
    const value = decode(x, at ? `${at}.${k}` : k, secrets);
    if (value !== undefined) out[k] = value;
  }
  return out;
}

/** A path secret in both inputs and outputs is noted once; hidden wins. */
function dedupe(secrets: SecretPath[]): SecretPath[] {
  const byPath = new Map<string, boolean>();
  for (const s of secrets) byPath.set(s.path, (byPath.get(s.path) ?? false) || s.hidden);
  return [...byPath].map(([p, hidden]) => ({ path: p, hidden }));
}
