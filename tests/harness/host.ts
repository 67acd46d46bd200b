/**
 * Drives Pulumi's Node dynamic-provider host (`@pulumi/pulumi/cmd/dynamic-provider`) over gRPC the
 * way the engine does, without the Pulumi CLI. Values in and out are plain JS objects.
 * It relies on the host protocol as measured against @pulumi/pulumi (see tests/harness-selftest).
 */
import * as path from "node:path";
import type * as grpcTypes from "@grpc/grpc-js";
import * as provrpc from "@pulumi/pulumi/proto/provider_grpc_pb";
import * as provproto from "@pulumi/pulumi/proto/provider_pb";
import * as statusproto from "@pulumi/pulumi/proto/status_pb";
import { fromStruct, spawnProvider, toStruct } from "./process";

// The generated client is built on the @grpc/grpc-js copy that @pulumi/pulumi resolves; credentials
// and status codes must come from that same copy or grpc-js rejects them.
const grpc: typeof grpcTypes = require(require.resolve("@grpc/grpc-js", { paths: [path.dirname(require.resolve("@pulumi/pulumi"))] }));

/** The engine's "unknown during preview" sentinel (a plain string on the wire). */
export const UNKNOWN = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";
const SECRET_SIG_KEY = "4dabf18193072939515e22adb298388d";
const SECRET_SIG = "1b47061264138c4ac30d75fd1eb44270";

/** Wraps a value the way the engine sends a secret (only `configure` ever sees this form). */
export function secret<T>(value: T): { [SECRET_SIG_KEY]: string; value: T } {
  return { [SECRET_SIG_KEY]: SECRET_SIG, value };
}

export function isSecret(v: unknown): v is { value: unknown } {
  return typeof v === "object" && v !== null && (v as Record<string, unknown>)[SECRET_SIG_KEY] === SECRET_SIG;
}

/**
 * Replaces secret wrappers by their plaintext, deeply. The host answers Configure with
 * acceptSecrets=false, so the engine strips secrets before every CRUD call; we do the same.
 */
export function unwrapSecrets<T>(v: T): T {
  if (isSecret(v)) return unwrapSecrets(v.value) as T;
  if (Array.isArray(v)) return v.map(unwrapSecrets) as T;
  if (typeof v === "object" && v !== null) {
    return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, unwrapSecrets(x)])) as T;
  }
  return v;
}

/** Dotted paths at which a value is a secret wrapper (not looking inside one). */
export function secretPathsOf(v: unknown, at = ""): string[] {
  if (isSecret(v)) return [at];
  if (typeof v !== "object" || v === null) return [];
  return Object.entries(v).flatMap(([k, x]) => secretPathsOf(x, at ? `${at}.${k}` : k));
}

/**
 * A provider's answer as the harness hands it on: plaintext, plus the paths the provider marked
 * secret. The engine reads answers keeping secrets (UnmarshalProperties with KeepSecrets: true in
 * pulumi/pulumi pkg/resource/plugin/provider_plugin.go), so a marked value is a secret in state.
 */
function answer(v: Props): { plain: Props; secretPaths: string[] } {
  return { plain: unwrapSecrets(v), secretPaths: secretPathsOf(v) };
}

export function urn(type: string, name: string, project = "test", stack = "dev"): string {
  return `urn:pulumi:${stack}::${project}::${type}::${name}`;
}

export type Props = Record<string, any>;
export interface CheckFailure {
  property: string;
  reason: string;
}
export interface InitFailed {
  id: string;
  properties: Props;
  reasons: string[];
  /** Paths of `properties` the provider marked secret. */
  secretPaths: string[];
}
export type DiffChanges = "none" | "some" | "unknown";

/** A failed host call: `message` is the provider's own error message, `code` the gRPC status. */
export class HostError extends Error {
  override name = "HostError";
  constructor(
    readonly method: string,
    readonly code: number,
    message: string,
    readonly initFailed?: InitFailed,
  ) {
    super(message);
  }
}

export interface Host {
  readonly port: number;
  readonly pid: number;
  /** True once `configure` was called. The engine always configures before any CRUD call; an
   * unconfigured host crashes in `provider.configure` (its config is undefined). */
  readonly configured: boolean;
  configure(config: Record<string, unknown>): Promise<void>;
  /**
   * The answers of check, create, read and update are plaintext; `secretPaths` (and a read's
   * `inputSecretPaths`) list what the provider marked secret in them.
   */
  check(urn: string, olds: Props, news: Props): Promise<{ inputs: Props; failures: CheckFailure[]; secretPaths: string[] }>;
  diff(
    id: string,
    urn: string,
    olds: Props,
    news: Props,
    oldInputs?: Props,
  ): Promise<{
    changes: DiffChanges;
    replaces: string[];
    deleteBeforeReplace: boolean;
  }>;
  create(urn: string, properties: Props): Promise<{ id: string; properties: Props; secretPaths: string[] }>;
  read(
    id: string,
    urn: string,
    properties: Props,
    inputs?: Props,
  ): Promise<{ id: string; properties: Props; secretPaths: string[]; inputs?: Props; inputSecretPaths?: string[] }>;
  update(id: string, urn: string, olds: Props, news: Props, oldInputs?: Props): Promise<{ properties: Props; secretPaths: string[] }>;
  delete(id: string, urn: string, properties: Props): Promise<void>;
  close(): Promise<void>;
  stderr(): string;
  /** Whatever the provider printed with console.log (the host's stdout after the port line). */
  stdout(): string;
}

export interface StartHostOptions {
  cwd: string;
  project?: string;
  env?: NodeJS.ProcessEnv;
  /** The host's entry script; default: this repo's `@pulumi/pulumi/cmd/dynamic-provider`. A
   * consumer project passes its own copy, as the CLI runs the one in the program's node_modules. */
  entry?: string;
  /**
   * The engine's address, the host's first argument (a fake engine's from ./engine.ts, to record
   * what the provider logs). Default `127.0.0.1:0`: no engine, so the provider logs nothing.
   */
  engine?: string;
}

const DIFF_CHANGES: Record<number, DiffChanges> = {
  [provproto.DiffResponse.DiffChanges.DIFF_NONE]: "none",
  [provproto.DiffResponse.DiffChanges.DIFF_SOME]: "some",
  [provproto.DiffResponse.DiffChanges.DIFF_UNKNOWN]: "unknown",
};

/** Decodes ErrorResourceInitFailed from the `grpc-status-details-bin` trailer, if any. */
function decodeInitFailed(err: grpcTypes.ServiceError): InitFailed | undefined {
  const bins = err.metadata?.get("grpc-status-details-bin") ?? [];
  for (const bin of bins) {
    const status = statusproto.Status.deserializeBinary(new Uint8Array(bin as Buffer));
    for (const any of status.getDetailsList()) {
      if (any.getTypeName() !== "pulumirpc.ErrorResourceInitFailed") continue;
      const d = provproto.ErrorResourceInitFailed.deserializeBinary(any.getValue_asU8());
      const { plain, secretPaths } = answer(fromStruct(d.getProperties()));
      return { id: d.getId(), properties: plain, reasons: d.getReasonsList(), secretPaths };
    }
  }
  return undefined;
}

export async function startHost(opts: StartHostOptions): Promise<Host> {
  const entry = opts.entry ?? require.resolve("@pulumi/pulumi/cmd/dynamic-provider");
  const proc = await spawnProvider("dynamic-provider host", entry, {
    engine: opts.engine,
    cwd: opts.cwd,
    env: { ...process.env, ...opts.env, PULUMI_NODEJS_PROJECT: opts.project ?? "test" },
  });
  const { child, port } = proc;

  const client = new provrpc.ResourceProviderClient(`127.0.0.1:${port}`, grpc.credentials.createInsecure());

  function rpc<Res>(method: string, req: unknown): Promise<Res> {
    return new Promise((resolve, reject) => {
      (client as any)[method](req, (e: grpcTypes.ServiceError | null, res: Res) => {
        if (!e) return resolve(res);
        // `details` is the provider's message; grpc-js prefixes `message` with "2 UNKNOWN: ".
        const died = child.exitCode !== null || child.signalCode !== null;
        const msg = (e.details || e.message) + (died ? `\n(host exited; stderr:\n${proc.stderr()})` : "");
        reject(new HostError(method, e.code, msg, decodeInitFailed(e)));
      });
    });
  }

  let closed: Promise<void> | undefined;
  let configured = false;
  return {
    port,
    pid: child.pid!,
    get configured() {
      return configured;
    },
    stderr: proc.stderr,
    stdout: proc.stdout,

    async configure(config) {
      const req = new provproto.ConfigureRequest();
      req.setArgs(toStruct(config)); // the host unwraps secrets itself (rpc.unwrapRpcSecret)
      req.setAcceptsecrets(true);
      req.setAcceptresources(true);
      await rpc("configure", req);
      configured = true;
    },

    async check(u, olds, news) {
      const req = new provproto.CheckRequest();
      req.setUrn(u);
      req.setOlds(toStruct(unwrapSecrets(olds)));
      req.setNews(toStruct(unwrapSecrets(news)));
      const res = await rpc<provproto.CheckResponse>("check", req);
      const { plain, secretPaths } = answer(fromStruct(res.getInputs()));
      return {
        inputs: plain,
        failures: res.getFailuresList().map((f) => ({ property: f.getProperty(), reason: f.getReason() })),
        secretPaths,
      };
    },

    async diff(id, u, olds, news, oldInputs) {
      const req = new provproto.DiffRequest();
      req.setId(id);
      req.setUrn(u);
      req.setOlds(toStruct(unwrapSecrets(olds)));
      req.setNews(toStruct(unwrapSecrets(news)));
      if (oldInputs) req.setOldInputs(toStruct(unwrapSecrets(oldInputs)));
      const res = await rpc<provproto.DiffResponse>("diff", req);
      return {
        changes: DIFF_CHANGES[res.getChanges()] ?? "unknown",
        replaces: res.getReplacesList(),
        deleteBeforeReplace: res.getDeletebeforereplace(),
      };
    },

    async create(u, properties) {
      const req = new provproto.CreateRequest();
      req.setUrn(u);
      req.setProperties(toStruct(unwrapSecrets(properties)));
      const res = await rpc<provproto.CreateResponse>("create", req);
      const { plain, secretPaths } = answer(fromStruct(res.getProperties()));
      return { id: res.getId(), properties: plain, secretPaths };
    },

    async read(id, u, properties, inputs) {
      const req = new provproto.ReadRequest();
      req.setId(id);
      req.setUrn(u);
      req.setProperties(toStruct(unwrapSecrets(properties)));
      if (inputs) req.setInputs(toStruct(unwrapSecrets(inputs)));
      const res = await rpc<provproto.ReadResponse>("read", req);
      const props = answer(fromStruct(res.getProperties()));
      const out: { id: string; properties: Props; secretPaths: string[]; inputs?: Props; inputSecretPaths?: string[] } = {
        id: res.getId(),
        properties: props.plain,
        secretPaths: props.secretPaths,
      };
      if (res.hasInputs()) {
        const inputs = answer(fromStruct(res.getInputs()));
        out.inputs = inputs.plain;
        out.inputSecretPaths = inputs.secretPaths;
      }
      return out;
    },

    async update(id, u, olds, news, oldInputs) {
      const req = new provproto.UpdateRequest();
      req.setId(id);
      req.setUrn(u);
      req.setOlds(toStruct(unwrapSecrets(olds)));
      req.setNews(toStruct(unwrapSecrets(news)));
      if (oldInputs) req.setOldInputs(toStruct(unwrapSecrets(oldInputs)));
      const res = await rpc<provproto.UpdateResponse>("update", req);
      const { plain, secretPaths } = answer(fromStruct(res.getProperties()));
      return { properties: plain, secretPaths };
    },

    async delete(id, u, properties) {
      const req = new provproto.DeleteRequest();
      req.setId(id);
      req.setUrn(u);
      req.setProperties(toStruct(unwrapSecrets(properties)));
      await rpc("delete", req);
    },

    close() {
      closed ??= (async () => {
        client.close();
        await proc.stop();
      })();
      return closed;
    },
  };
}
