/**
 * Drives the provider plugin (`pulumi-resource-cloudflare-magic`, provider-plugin/cli.ts) over gRPC
 * the way the engine drives a provider that accepts secrets: values go out as the engine sends them
 * (secrets wrapped, unknowns as the sentinel) and answers come back with the paths the plugin
 * marked secret. One plugin process is one provider, as the engine starts them.
 */
import * as path from "node:path";
import type * as grpcTypes from "@grpc/grpc-js";
import * as provrpc from "@pulumi/pulumi/proto/provider_grpc_pb";
import * as provproto from "@pulumi/pulumi/proto/provider_pb";
import { Empty } from "google-protobuf/google/protobuf/empty_pb";
import { type Host, HostError, type Props, secretPathsOf, unwrapSecrets } from "./host";
import { fromStruct, spawnProvider, toStruct } from "./process";

const grpc: typeof grpcTypes = require(require.resolve("@grpc/grpc-js", { paths: [path.dirname(require.resolve("@pulumi/pulumi"))] }));

export const REPO = path.resolve(__dirname, "../..");

/** A plugin's answer: plaintext, and the paths it marked secret. */
export interface Marked {
  plain: Props;
  secretPaths: string[];
  /** The answer exactly as it came over the wire. */
  raw: Props;
}
const marked = (raw: Props): Marked => ({ plain: unwrapSecrets(raw), secretPaths: secretPathsOf(raw), raw });

export interface CheckFailure {
  property: string;
  reason: string;
}

export interface Plugin {
  readonly port: number;
  getPluginInfo(): Promise<string>;
  getSchema(): Promise<Record<string, any>>;
  checkConfig(news: Props): Promise<{ inputs: Props; failures: CheckFailure[] }>;
  diffConfig(olds: Props, news: Props): Promise<{ changes: "none" | "some" | "unknown"; diffs: string[] }>;
  configure(args: Props): Promise<{ acceptSecrets: boolean }>;
  check(urn: string, olds: Props, news: Props): Promise<{ inputs: Marked; failures: CheckFailure[] }>;
  diff(
    id: string,
    urn: string,
    olds: Props,
    news: Props,
  ): Promise<{ changes: "none" | "some" | "unknown"; replaces: string[]; deleteBeforeReplace: boolean }>;
  create(urn: string, properties: Props): Promise<{ id: string; properties: Marked }>;
  read(id: string, urn: string, properties?: Props, inputs?: Props): Promise<{ id: string; properties: Marked; inputs?: Marked }>;
  update(id: string, urn: string, olds: Props, news: Props): Promise<{ properties: Marked }>;
  delete(id: string, urn: string, properties: Props): Promise<void>;
  invoke(tok: string, args: Props): Promise<{ value: Props; failures: CheckFailure[] }>;
  cancel(): Promise<void>;
  /** Calls a method the plugin may not implement; resolves with the gRPC status code. */
  statusOf(method: string, req: unknown): Promise<number>;
  stderr(): string;
  stdout(): string;
  close(): Promise<void>;
}

export interface StartPluginOptions {
  env?: NodeJS.ProcessEnv;
  /** The executable script; default this repo's built dist/provider-plugin/cli.js. */
  entry?: string;
  cwd?: string;
  /** The engine address passed as the first argument; default "127.0.0.1:0" (no engine). */
  engine?: string;
}

const CHANGES = { 0: "unknown", 1: "none", 2: "some" } as const;

export const pluginUrn = (type: string, name: string, project = "test", stack = "dev") =>
  `urn:pulumi:${stack}::${project}::${type}::${name}`;

export async function startPlugin(opts: StartPluginOptions = {}): Promise<Plugin> {
  const entry = opts.entry ?? path.join(REPO, "dist", "provider-plugin", "cli.js");
  // Only what a plugin process needs: no CLOUDFLARE_* variable of the test process leaks into it.
  const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith("CLOUDFLARE_")));
  const proc = await spawnProvider("plugin", entry, { engine: opts.engine, cwd: opts.cwd ?? REPO, env: { ...env, ...opts.env } });
  const { port } = proc;
  const client = new provrpc.ResourceProviderClient(`127.0.0.1:${port}`, grpc.credentials.createInsecure());
  const rpc = <Res>(method: string, req: unknown): Promise<Res> =>
    new Promise((resolve, reject) => {
      (client as any)[method](req, (e: grpcTypes.ServiceError | null, res: Res) => {
        if (!e) resolve(res);
        else reject(new HostError(method, e.code, e.details || e.message));
      });
    });
  const failuresOf = (list: provproto.CheckFailure[]) => list.map((f) => ({ property: f.getProperty(), reason: f.getReason() }));

  return {
    port,
    stderr: proc.stderr,
    stdout: proc.stdout,
    async getPluginInfo() {
      return (await rpc<{ getVersion(): string }>("getPluginInfo", new Empty())).getVersion();
    },
    async getSchema() {
      const req = new provproto.GetSchemaRequest();
      req.setVersion(0);
      return JSON.parse((await rpc<provproto.GetSchemaResponse>("getSchema", req)).getSchema()) as Record<string, any>;
    },
    async checkConfig(news) {
      const req = new provproto.CheckRequest();
      req.setUrn(pluginUrn("pulumi:providers:cloudflare-magic", "default"));
      req.setOlds(toStruct({}));
      req.setNews(toStruct(news));
      const res = await rpc<provproto.CheckResponse>("checkConfig", req);
      return { inputs: fromStruct(res.getInputs()), failures: failuresOf(res.getFailuresList()) };
    },
    async diffConfig(olds, news) {
      const req = new provproto.DiffRequest();
      req.setUrn(pluginUrn("pulumi:providers:cloudflare-magic", "default"));
      req.setOlds(toStruct(olds));
      req.setOldInputs(toStruct(olds));
      req.setNews(toStruct(news));
      const res = await rpc<provproto.DiffResponse>("diffConfig", req);
      return { changes: CHANGES[res.getChanges()], diffs: res.getDiffsList() };
    },
    async configure(args) {
      const req = new provproto.ConfigureRequest();
      req.setArgs(toStruct(args));
      req.setAcceptsecrets(true);
      req.setAcceptresources(true);
      const res = await rpc<provproto.ConfigureResponse>("configure", req);
      return { acceptSecrets: res.getAcceptsecrets() };
    },
    async check(urn, olds, news) {
      const req = new provproto.CheckRequest();
      req.setUrn(urn);
      req.setOlds(toStruct(olds));
      req.setNews(toStruct(news));
      const res = await rpc<provproto.CheckResponse>("check", req);
      return { inputs: marked(fromStruct(res.getInputs())), failures: failuresOf(res.getFailuresList()) };
    },
    async diff(id, urn, olds, news) {
      const req = new provproto.DiffRequest();
      req.setId(id);
      req.setUrn(urn);
      req.setOlds(toStruct(olds));
      req.setNews(toStruct(news));
      const res = await rpc<provproto.DiffResponse>("diff", req);
      return { changes: CHANGES[res.getChanges()], replaces: res.getReplacesList(), deleteBeforeReplace: res.getDeletebeforereplace() };
    },
    async create(urn, properties) {
      const req = new provproto.CreateRequest();
      req.setUrn(urn);
      req.setProperties(toStruct(properties));
      const res = await rpc<provproto.CreateResponse>("create", req);
      return { id: res.getId(), properties: marked(fromStruct(res.getProperties())) };
    },
    async read(id, urn, properties = {}, inputs) {
      const req = new provproto.ReadRequest();
      req.setId(id);
      req.setUrn(urn);
      req.setProperties(toStruct(properties));
      if (inputs) req.setInputs(toStruct(inputs));
      const res = await rpc<provproto.ReadResponse>("read", req);
      return {
        id: res.getId(),
        properties: marked(fromStruct(res.getProperties())),
        ...(res.hasInputs() ? { inputs: marked(fromStruct(res.getInputs())) } : {}),
      };
    },
    async update(id, urn, olds, news) {
      const req = new provproto.UpdateRequest();
      req.setId(id);
      req.setUrn(urn);
      req.setOlds(toStruct(olds));
      req.setNews(toStruct(news));
      const res = await rpc<provproto.UpdateResponse>("update", req);
      return { properties: marked(fromStruct(res.getProperties())) };
    },
    async delete(id, urn, properties) {
      const req = new provproto.DeleteRequest();
      req.setId(id);
      req.setUrn(urn);
      req.setProperties(toStruct(properties));
      await rpc("delete", req);
    },
    async invoke(tok, args) {
      const req = new provproto.InvokeRequest();
      req.setTok(tok);
      req.setArgs(toStruct(args));
      const res = await rpc<provproto.InvokeResponse>("invoke", req);
      return { value: fromStruct(res.getReturn()), failures: failuresOf(res.getFailuresList()) };
    },
    async cancel() {
      await rpc("cancel", new Empty());
    },
    statusOf(method, req) {
      return rpc(method, req).then(
        () => 0,
        (e: HostError) => e.code,
      );
    },
    close: async () => {
      client.close();
      await proc.stop();
    },
  };
}

/** The calls of a provider host that a scenario drives (tests/conformance/recorder.ts). */
export type ScenarioHost = Pick<Host, "check" | "diff" | "create" | "read" | "update" | "delete" | "close">;

const INTERNAL = ["__provider", "__token", "__resourceName"];
/** What the TypeScript sdk sends and the plugin takes from the URN instead: left out, as an sdk generated from the schema leaves it out. */
const programInputs = (props: Props): Props => Object.fromEntries(Object.entries(props).filter(([k]) => !INTERNAL.includes(k)));
/** A dynamic resource's URN (`pulumi-nodejs:dynamic/magic:GreTunnel`) as the plugin's (`cloudflare-magic:magic:GreTunnel`). */
const asPluginUrn = (u: string) => u.replace("::pulumi-nodejs:dynamic/", "::cloudflare-magic:");

/**
 * The plugin behind the dynamic host's interface: the same scenario, the same plain values in and
 * out, through the plugin's protocol (URN types of the plugin, no internal keys sent).
 */
export function pluginAsHost(plugin: Plugin): ScenarioHost {
  return {
    async check(u, olds, news) {
      const r = await plugin.check(asPluginUrn(u), programInputs(olds), programInputs(news));
      return { inputs: r.inputs.plain, failures: r.failures, secretPaths: r.inputs.secretPaths };
    },
    diff: (id, u, olds, news) => plugin.diff(id, asPluginUrn(u), olds, programInputs(news)),
    async create(u, properties) {
      const r = await plugin.create(asPluginUrn(u), programInputs(properties));
      return { id: r.id, properties: r.properties.plain, secretPaths: r.properties.secretPaths };
    },
    async read(id, u, properties, inputs) {
      const r = await plugin.read(id, asPluginUrn(u), properties, inputs && programInputs(inputs));
      return {
        id: r.id,
        properties: r.properties.plain,
        secretPaths: r.properties.secretPaths,
        ...(r.inputs ? { inputs: r.inputs.plain, inputSecretPaths: r.inputs.secretPaths } : {}),
      };
    },
    async update(id, u, olds, news) {
      const r = await plugin.update(id, asPluginUrn(u), olds, programInputs(news));
      return { properties: r.properties.plain, secretPaths: r.properties.secretPaths };
    },
    delete: (id, u, properties) => plugin.delete(id, asPluginUrn(u), properties),
    close: () => plugin.close(),
  };
}
