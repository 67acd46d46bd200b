/**
 * The provider plugin: Pulumi's ResourceProvider gRPC service over the same core the dynamic
 * package runs in Pulumi's dynamic-provider host (provider/registry.ts, the generic provider, the
 * lookups of sdk/lookups). It holds no resource knowledge: a URN's type
 * (`cloudflare-magic:magic:GreTunnel`) names the definition (`magic:GreTunnel`), and the core does
 * the rest. What it adds is the engine's side of the protocol:
 *
 * - config: the engine sends only `cloudflare-magic:*` stack config (or an explicit provider's
 *   inputs), without the namespace (`apiToken`, secrets wrapped); CheckConfig refuses an unknown
 *   key naming the closest one, Configure hands the values to the core's settings (environment
 *   variables stay the fallback) and answers that the plugin accepts secrets;
 * - values: secrets arrive wrapped and unknowns as the sentinel; the core gets plain values, and
 *   every secret goes back wrapped (the core's secret fields, and whatever the program made secret);
 * - the internal keys the TypeScript sdk sends (`__token`, `__resourceName`) are added from the URN,
 *   never stored: state written by the plugin has neither them nor a `__provider` shim;
 * - CLI import (a Read with an id and nothing else) records the inputs that reproduce the live
 *   object, as cloudflare-magic-codegen writes them.
 *
 * The engine starts one plugin process per provider (the default provider and each explicit
 * `pulumi:providers:cloudflare-magic` resource), so the core's process-wide settings, clients and
 * pacer are one provider's: two providers with two tokens never share a credential or a budget.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import type * as grpcTypes from "@grpc/grpc-js";
import * as plugproto from "@pulumi/pulumi/proto/plugin_pb";
import * as provrpc from "@pulumi/pulumi/proto/provider_grpc_pb";
import * as provproto from "@pulumi/pulumi/proto/provider_pb";
import * as statusproto from "@pulumi/pulumi/proto/status_pb";
import type * as structTypes from "google-protobuf/google/protobuf/struct_pb";
import type * as anyTypes from "google-protobuf/google/protobuf/any_pb";
import type * as emptyTypes from "google-protobuf/google/protobuf/empty_pb";
import { inputsOf } from "../codegen/program";
import { type EngineLog, connectEngineLog } from "../provider/engine/log";
import { reporterOf, reporting } from "../provider/engine/report";
import { RESOURCE_NAME_KEY, TOKEN_KEY } from "../shared/internal-keys";
import { InitFailedError } from "../provider/framework/errors";
import { fieldFacts } from "../provider/framework/vocabulary";
import { SETTINGS, type SettingName, configureFrom, setting, useConfigKeys } from "../provider/framework/settings";
import { nearest } from "../shared/spelling";
import { definitionOf, forToken } from "../provider/registry";
import { ACCOUNT_ID_PARAM, LOOKUPS } from "./lookups";
import { PACKAGE, SCHEMA_FILE, definitionToken, urnParts } from "./tokens";
import { forEngine, unwrap, wrapAt } from "./values";

type Props = Record<string, unknown>;

/** A package as `@pulumi/pulumi` resolves it: its generated stubs are built on that copy, so credentials and codes must come from it. */
function fromPulumi<T>(name: string): T {
  return require(require.resolve(name, { paths: [path.dirname(require.resolve("@pulumi/pulumi"))] })) as T;
}
const grpc = fromPulumi<typeof grpcTypes>("@grpc/grpc-js");
const { Struct } = fromPulumi<typeof structTypes>("google-protobuf/google/protobuf/struct_pb");
const { Any } = fromPulumi<typeof anyTypes>("google-protobuf/google/protobuf/any_pb");
const { Empty } = fromPulumi<typeof emptyTypes>("google-protobuf/google/protobuf/empty_pb");

const ROOT = path.resolve(__dirname, "..", "..");
const VERSION = (JSON.parse(fs.readFileSync(path.join(ROOT, "package.json"), "utf8")) as { version: string }).version;

/** Keys the engine adds to a provider's config beside the settings. */
const ENGINE_CONFIG_KEYS = new Set(["version", "pluginDownloadURL"]);

/** Keys the plugin adds for the core from the URN, and takes out of what it returns. */
const FROM_URN = [TOKEN_KEY, RESOURCE_NAME_KEY];

const toStruct = (v: Props): structTypes.Struct => Struct.fromJavaScript(JSON.parse(JSON.stringify(v ?? {})) as Record<string, never>);
const fromStruct = (s: structTypes.Struct | undefined): Props => (s ? s.toJavaScript() : {});

/** The error the engine is sent: its message, and for an object made but not finished, ErrorResourceInitFailed. */
function grpcError(e: unknown, secretPaths: string[]): grpcTypes.ServiceError {
  const message = e instanceof Error ? e.message : String(e);
  const metadata = new grpc.Metadata();
  if (e instanceof InitFailedError) {
    const detail = new provproto.ErrorResourceInitFailed();
    detail.setId(e.id);
    detail.setProperties(toStruct(wrapAt(forEngine(e.properties, FROM_URN), secretPaths)));
    detail.setReasonsList(e.reasons);
    const any = new Any();
    any.pack(detail.serializeBinary(), "pulumirpc.ErrorResourceInitFailed");
    const status = new statusproto.Status();
    status.setCode(grpc.status.UNKNOWN);
    status.setMessage(message);
    status.addDetails(any);
    metadata.add("grpc-status-details-bin", Buffer.from(status.serializeBinary()));
  }
  return Object.assign(new Error(message), { code: grpc.status.UNKNOWN, details: message, metadata });
}

interface Call<Req> {
  request: Req;
}
type Callback<Res> = (err: grpcTypes.ServiceError | null, res?: Res) => void;

/** The definition token of a URN, or an error naming the type. */
function tokenOf(urn: string): string {
  const { type } = urnParts(urn);
  const token = definitionToken(type);
  if (!token) throw new Error(`the ${PACKAGE} provider has no resource type ${JSON.stringify(type)}`);
  return token;
}

/** The core's props for a call: the plain values and the keys the TypeScript sdk would have sent. */
function forCore(urn: string, props: Props): Props {
  return { ...props, [TOKEN_KEY]: tokenOf(urn), [RESOURCE_NAME_KEY]: urnParts(urn).name };
}

/** The secret paths of the core's answer: the ones the engine sent and, for outputs, the secret inputs the answer carries too. */
const union = (...lists: string[][]) => [...new Set(lists.flat())];

export class PluginServer {
  private readonly engine: EngineLog;
  constructor(engineAddress: string | undefined) {
    this.engine = connectEngineLog(engineAddress);
    // The plugin gets only its own package's config: messages name cloudflare-magic:apiToken, not cloudflare:apiToken.
    useConfigKeys((name) => `${PACKAGE}:${name}`);
  }

  /** Every method of the service, each answering through one wrapper that turns a thrown error into the engine's form. */
  handlers(): grpcTypes.UntypedServiceImplementation {
    const wrap =
      <Req, Res>(name: string, fn: (req: Req) => Promise<Res> | Res, secretPathsOf: (req: Req) => string[] = () => []) =>
      (call: Call<Req>, callback: Callback<Res>) => {
        // The call runs with a reporter naming its resource, so what the core says deep inside it
        // (an interconnect's wait, routes written, a rate-limit pause) reaches the CLI on that row.
        const urn = (call.request as { getUrn?: () => string }).getUrn?.() || undefined;
        reporting(reporterOf(this.engine, urn), () => Promise.resolve().then(() => fn(call.request))).then(
          (res) => callback(null, res),
          (e: unknown) => {
            void this.engine.log("debug", `${name} failed: ${e instanceof Error ? e.message : String(e)}`, urn);
            callback(grpcError(e, secretPathsOf(call.request)));
          },
        );
      };
    return {
      getPluginInfo: wrap("getPluginInfo", () => {
        const info = new plugproto.PluginInfo();
        info.setVersion(VERSION);
        return info;
      }),
      getSchema: wrap("getSchema", (req: provproto.GetSchemaRequest) => {
        if (req.getVersion() > 0 && req.getSubpackageName()) throw new Error(`${PACKAGE} has no subpackage ${req.getSubpackageName()}`);
        const res = new provproto.GetSchemaResponse();
        res.setSchema(fs.readFileSync(path.join(ROOT, SCHEMA_FILE), "utf8"));
        return res;
      }),
      checkConfig: wrap("checkConfig", (req: provproto.CheckRequest) => this.checkConfig(req)),
      diffConfig: wrap("diffConfig", (req: provproto.DiffRequest) => this.diffConfig(req)),
      configure: wrap("configure", (req: provproto.ConfigureRequest) => this.configure(req)),
      check: wrap("check", (req: provproto.CheckRequest) => this.check(req)),
      diff: wrap("diff", (req: provproto.DiffRequest) => this.diff(req)),
      create: wrap(
        "create",
        (req: provproto.CreateRequest) => this.create(req),
        (req) => unwrap(fromStruct(req.getProperties())).secretPaths,
      ),
      read: wrap("read", (req: provproto.ReadRequest) => this.read(req)),
      update: wrap(
        "update",
        (req: provproto.UpdateRequest) => this.update(req),
        (req) => unwrap(fromStruct(req.getNews())).secretPaths,
      ),
      delete: wrap("delete", (req: provproto.DeleteRequest) => this.delete(req)),
      invoke: wrap("invoke", (req: provproto.InvokeRequest) => this.invoke(req)),
      cancel: wrap("cancel", () => new Empty()),
      attach: wrap("attach", () => new Empty()),
    };
  }

  close(): Promise<void> {
    return this.engine.close();
  }

  /** A status line beside the resource in the CLI (replaced by the next one, gone when the step ends). */
  private status(verb: string, urn: string): void {
    const { type, name } = urnParts(urn);
    void this.engine.log("info", `${verb} ${type.split(":").pop()} ${name}`, urn, true);
  }

  // ---- config ----------------------------------------------------------------------------------

  private checkConfig(req: provproto.CheckRequest): provproto.CheckResponse {
    const news = fromStruct(req.getNews());
    const res = new provproto.CheckResponse();
    const known = Object.keys(SETTINGS);
    for (const key of Object.keys(news)) {
      if (known.includes(key) || ENGINE_CONFIG_KEYS.has(key)) continue;
      const closest = nearest(key, known);
      const hint =
        closest && closest.distance <= 3
          ? `did you mean ${PACKAGE}:${closest.name}?`
          : `the settings are ${known.map((k) => `${PACKAGE}:${k}`).join(", ")}.`;
      const f = new provproto.CheckFailure();
      f.setProperty(key);
      f.setReason(`${PACKAGE}:${key} is not a setting of the ${PACKAGE} provider; ${hint}`);
      res.addFailures(f);
    }
    for (const [key, v] of Object.entries(unwrap(news).plain)) {
      if (!known.includes(key) || v === null || ["string", "number", "boolean"].includes(typeof v)) continue;
      const f = new provproto.CheckFailure();
      f.setProperty(key);
      f.setReason(`${PACKAGE}:${key} must be a string, a number or a boolean.`);
      res.addFailures(f);
    }
    // The answer keeps the engine's secret marks: the token stays a secret in the provider's state.
    res.setInputs(req.getNews() ?? toStruct({}));
    return res;
  }

  private diffConfig(req: provproto.DiffRequest): provproto.DiffResponse {
    const olds = unwrap(fromStruct(req.getOldInputs() ?? req.getOlds())).plain;
    const news = unwrap(fromStruct(req.getNews())).plain;
    const changed = [...new Set([...Object.keys(olds), ...Object.keys(news)])].filter(
      (k) => !ENGINE_CONFIG_KEYS.has(k) && JSON.stringify(olds[k]) !== JSON.stringify(news[k]),
    );
    const res = new provproto.DiffResponse();
    // A new token, account or pacing takes effect with the next Configure: an update of the provider, never a replacement of its resources.
    res.setChanges(changed.length ? provproto.DiffResponse.DiffChanges.DIFF_SOME : provproto.DiffResponse.DiffChanges.DIFF_NONE);
    res.setDiffsList(changed);
    return res;
  }

  private configure(req: provproto.ConfigureRequest): provproto.ConfigureResponse {
    // `args` holds the config without the namespace (apiToken); `variables` is the older form (cloudflare-magic:config:apiToken).
    const values: Props = req.hasArgs() ? unwrap(fromStruct(req.getArgs())).plain : {};
    if (!req.hasArgs()) for (const [k, v] of req.getVariablesMap().entries()) values[String(k).replace(`${PACKAGE}:config:`, "")] = v;
    const byConfigKey = new Map<string, SettingName>(
      (Object.keys(SETTINGS) as SettingName[]).map((name) => [SETTINGS[name].config as string, name]),
    );
    configureFrom((configKey) => {
      const name = byConfigKey.get(configKey);
      const v = name === undefined ? undefined : values[name];
      if (v === undefined || v === null) return undefined;
      return typeof v === "string" ? v : JSON.stringify(v);
    });
    const res = new provproto.ConfigureResponse();
    res.setAcceptsecrets(true);
    res.setSupportspreview(false);
    res.setAcceptresources(false);
    res.setAcceptoutputs(false);
    return res;
  }

  // ---- resources -------------------------------------------------------------------------------

  private async check(req: provproto.CheckRequest): Promise<provproto.CheckResponse> {
    const urn = req.getUrn();
    const olds = unwrap(fromStruct(req.getOlds()));
    const news = unwrap(fromStruct(req.getNews()));
    const result = await forToken(tokenOf(urn)).check(forCore(urn, olds.plain), forCore(urn, news.plain));
    const res = new provproto.CheckResponse();
    res.setInputs(toStruct(wrapAt(forEngine((result.inputs ?? {}) as Props, FROM_URN), news.secretPaths)));
    for (const failure of result.failures ?? []) {
      const f = new provproto.CheckFailure();
      f.setProperty(failure.property);
      f.setReason(failure.reason);
      res.addFailures(f);
    }
    return res;
  }

  private async diff(req: provproto.DiffRequest): Promise<provproto.DiffResponse> {
    const urn = req.getUrn();
    const olds = unwrap(fromStruct(req.getOlds())).plain;
    const news = unwrap(fromStruct(req.getNews())).plain;
    const result = await forToken(tokenOf(urn)).diff(req.getId(), forCore(urn, olds), forCore(urn, news));
    const res = new provproto.DiffResponse();
    const changes = result.changes === undefined ? "unknown" : result.changes ? "some" : "none";
    res.setChanges(
      changes === "some"
        ? provproto.DiffResponse.DiffChanges.DIFF_SOME
        : changes === "none"
          ? provproto.DiffResponse.DiffChanges.DIFF_NONE
          : provproto.DiffResponse.DiffChanges.DIFF_UNKNOWN,
    );
    res.setReplacesList(result.replaces ?? []);
    res.setStablesList(result.stables ?? []);
    res.setDeletebeforereplace(result.deleteBeforeReplace ?? false);
    return res;
  }

  private async create(req: provproto.CreateRequest): Promise<provproto.CreateResponse> {
    const urn = req.getUrn();
    const inputs = unwrap(fromStruct(req.getProperties()));
    this.status("creating", urn);
    const result = await forToken(tokenOf(urn)).create(forCore(urn, inputs.plain));
    const res = new provproto.CreateResponse();
    res.setId(result.id);
    res.setProperties(toStruct(wrapAt(forEngine((result.outs ?? {}) as Props, FROM_URN), inputs.secretPaths)));
    return res;
  }

  private async read(req: provproto.ReadRequest): Promise<provproto.ReadResponse> {
    const urn = req.getUrn();
    const token = tokenOf(urn);
    const state = unwrap(fromStruct(req.getProperties()));
    const inputs = unwrap(fromStruct(req.getInputs()));
    const provider = forToken(token);
    let id = req.getId();
    let props = state.plain;
    if (Object.keys(state.plain).length === 0) {
      // An import: with the program's inputs (the `import` option), read as the dynamic package does;
      // with only an id (`pulumi import`), find the object and record the inputs that reproduce it.
      if (Object.keys(inputs.plain).length) props = inputs.plain;
      else {
        const imported = await this.importedInputs(urn, token, id);
        if (imported === undefined) return new provproto.ReadResponse();
        ({ id, props } = imported);
      }
    }
    const result = await provider.read(id, forCore(urn, props));
    const res = new provproto.ReadResponse();
    if (!result.id) return res;
    const secrets = union(state.secretPaths, inputs.secretPaths);
    res.setId(result.id);
    res.setProperties(toStruct(wrapAt(forEngine((result.props ?? {}) as Props, FROM_URN), secrets)));
    if (result.inputs) res.setInputs(toStruct(wrapAt(forEngine(result.inputs as Props, FROM_URN), secrets)));
    return res;
  }

  /**
   * The inputs a CLI import records: a first read with the id alone (an object under a parent takes
   * an id `<parent id>/<id>`, e.g. `<siteId>/<lanId>`), then the definition's inputs that reproduce
   * the live object, without defaults and our local inputs, as cloudflare-magic-codegen writes them.
   */
  private async importedInputs(urn: string, token: string, importId: string): Promise<{ id: string; props: Props } | undefined> {
    const def = definitionOf(token);
    if (!def)
      throw new Error(
        `${urnParts(urn).type} cannot be imported by id: import its objects one by one as StaticRoute and adopt them in a RouteTable`,
      );
    const pathFields = fieldFacts(def).path.filter((k) => !(def.lifecycle.kind === "adopted" && def.lifecycle.idInput === k));
    const parts = importId.split("/");
    if (parts.length !== pathFields.length + 1 || parts.some((p) => p === ""))
      throw new Error(
        `${urnParts(urn).type} is imported by ${[...pathFields.map((k) => `<${k}>`), "<id>"].join("/")} (got ${JSON.stringify(importId)})`,
      );
    const id = parts[parts.length - 1];
    const parents = Object.fromEntries(pathFields.map((k, i) => [k, parts[i]]));
    const first = await forToken(token).read(id, forCore(urn, parents));
    if (!first.id) return undefined;
    const outputs = (first.props ?? {}) as Props;
    const recorded: Props = { ...inputsOf(def, { ...unwrap(outputs).plain, id: first.id }), ...parents };
    // The account is recorded only when it is not the provider's own: a program that relies on the provider's account writes none.
    if (typeof outputs.accountId === "string" && outputs.accountId !== setting("accountId")) recorded.accountId = outputs.accountId;
    if (def.lifecycle.kind === "adopted") recorded[def.lifecycle.idInput] = first.id;
    return { id: first.id, props: recorded };
  }

  private async update(req: provproto.UpdateRequest): Promise<provproto.UpdateResponse> {
    const urn = req.getUrn();
    const olds = unwrap(fromStruct(req.getOlds()));
    const news = unwrap(fromStruct(req.getNews()));
    this.status("updating", urn);
    const result = await forToken(tokenOf(urn)).update(req.getId(), forCore(urn, olds.plain), forCore(urn, news.plain));
    const res = new provproto.UpdateResponse();
    res.setProperties(toStruct(wrapAt(forEngine((result.outs ?? {}) as Props, FROM_URN), union(news.secretPaths, olds.secretPaths))));
    return res;
  }

  private async delete(req: provproto.DeleteRequest): Promise<emptyTypes.Empty> {
    const urn = req.getUrn();
    this.status("deleting", urn);
    await forToken(tokenOf(urn)).delete(req.getId(), forCore(urn, unwrap(fromStruct(req.getProperties())).plain));
    return new Empty();
  }

  // ---- lookups ---------------------------------------------------------------------------------

  private async invoke(req: provproto.InvokeRequest): Promise<provproto.InvokeResponse> {
    const tok = req.getTok();
    const lookup = LOOKUPS.find((l) => `${PACKAGE}:${l.module}:${l.name}` === tok);
    const res = new provproto.InvokeResponse();
    if (!lookup) throw new Error(`the ${PACKAGE} provider has no function ${JSON.stringify(tok)}`);
    const args = unwrap(fromStruct(req.getArgs())).plain;
    const failures: string[] = [];
    const known = [...lookup.params, ...lookup.args, ACCOUNT_ID_PARAM];
    for (const key of Object.keys(args))
      if (!known.some((p) => p.name === key))
        failures.push(`${key} is not an argument of ${lookup.name}; it takes ${known.map((p) => p.name).join(", ")}.`);
    for (const p of known) {
      const v = args[p.name];
      if (v === undefined || v === null) {
        if (p.required) failures.push(`${lookup.name} needs ${p.name}.`);
      } else if (p.type === "integer" ? !Number.isInteger(v) : typeof v !== (p.type === "number" ? "number" : p.type))
        failures.push(`${p.name} must be ${p.type === "integer" ? "a whole number" : `a ${p.type}`} (got ${JSON.stringify(v)}).`);
    }
    if (failures.length) {
      for (const reason of failures) {
        const f = new provproto.CheckFailure();
        f.setProperty(tok);
        f.setReason(reason);
        res.addFailures(f);
      }
      return res;
    }
    const options = Object.fromEntries(
      [...lookup.args, ACCOUNT_ID_PARAM].filter((p) => args[p.name] !== undefined).map((p) => [p.name, args[p.name]]),
    );
    const fn = (require("../sdk/lookups") as Record<string, (...a: unknown[]) => Promise<unknown>>)[lookup.name];
    const answer = await fn(...lookup.params.map((p) => args[p.name]), options);
    const r = lookup.result;
    const value = "list" in r || ("any" in r && r.any === "list") ? { items: answer } : "one" in r ? answer : { value: answer };
    res.setReturn(toStruct(value as Props));
    return res;
  }
}

/** Starts the server on 127.0.0.1 (a free port), prints the port as the first line of stdout and serves until killed. */
export async function serve(argv: string[] = process.argv.slice(2)): Promise<{ port: number; stop: () => Promise<void> }> {
  const engineAddress = argv.find((a) => !a.startsWith("-"));
  const plugin = new PluginServer(engineAddress);
  const server = new grpc.Server({ "grpc.max_receive_message_length": 400 * 1024 * 1024 });
  server.addService(provrpc.ResourceProviderService, plugin.handlers());
  const port = await new Promise<number>((resolve, reject) =>
    server.bindAsync("127.0.0.1:0", grpc.ServerCredentials.createInsecure(), (e, p) => (e ? reject(e) : resolve(p))),
  );
  process.stdout.write(`${port}\n`);
  return {
    port,
    stop: () =>
      new Promise<void>((resolve) => {
        void plugin.close().then(() => server.tryShutdown(() => resolve()));
      }),
  };
}
