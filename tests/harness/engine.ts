/**
 * A fake Pulumi engine for tests: a gRPC server on 127.0.0.1 that implements `Engine.Log` and
 * records every call, so a test can start a provider host with a real engine address and read what
 * would have reached the CLI. The other Engine methods answer UNIMPLEMENTED.
 */
import * as path from "node:path";
import type * as grpcTypes from "@grpc/grpc-js";
import * as engineRpc from "@pulumi/pulumi/proto/engine_grpc_pb";
import * as engineProto from "@pulumi/pulumi/proto/engine_pb";
import { Empty } from "google-protobuf/google/protobuf/empty_pb";

const grpc: typeof grpcTypes = require(require.resolve("@grpc/grpc-js", { paths: [path.dirname(require.resolve("@pulumi/pulumi"))] }));

export interface LoggedMessage {
  severity: "debug" | "info" | "warning" | "error";
  message: string;
  urn: string;
  ephemeral: boolean;
}

export interface FakeEngine {
  /** `127.0.0.1:<port>`: what the engine passes a provider host as its first argument. */
  readonly address: string;
  /** Every Log call so far, in arrival order. */
  readonly logs: LoggedMessage[];
  /** Resolves once a logged message satisfies `pred` (rejects after `ms`). */
  waitFor(pred: (m: LoggedMessage) => boolean, ms?: number): Promise<LoggedMessage>;
  stop(): Promise<void>;
}

const SEVERITY: Record<number, LoggedMessage["severity"]> = {
  [engineProto.LogSeverity.DEBUG]: "debug",
  [engineProto.LogSeverity.INFO]: "info",
  [engineProto.LogSeverity.WARNING]: "warning",
  [engineProto.LogSeverity.ERROR]: "error",
};

export async function startFakeEngine(): Promise<FakeEngine> {
  const server = new grpc.Server();
  const logs: LoggedMessage[] = [];
  const waiters: Array<{ pred: (m: LoggedMessage) => boolean; resolve: (m: LoggedMessage) => void }> = [];
  server.addService(engineRpc.EngineService, {
    log(call: grpcTypes.ServerUnaryCall<engineProto.LogRequest, Empty>, cb: grpcTypes.sendUnaryData<Empty>) {
      const r = call.request;
      const m: LoggedMessage = {
        severity: SEVERITY[r.getSeverity()],
        message: r.getMessage(),
        urn: r.getUrn(),
        ephemeral: r.getEphemeral(),
      };
      logs.push(m);
      for (const w of waiters.filter((x) => x.pred(m))) {
        waiters.splice(waiters.indexOf(w), 1);
        w.resolve(m);
      }
      cb(null, new Empty());
    },
  });
  const port = await new Promise<number>((resolve, reject) =>
    server.bindAsync("127.0.0.1:0", grpc.ServerCredentials.createInsecure(), (e, p) => (e ? reject(e) : resolve(p))),
  );
  return {
    address: `127.0.0.1:${port}`,
    logs,
    waitFor(pred, ms = 30_000) {
      const seen = logs.find(pred);
      if (seen) return Promise.resolve(seen);
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no such Log call within ${ms} ms; got ${JSON.stringify(logs)}`)), ms);
        waiters.push({ pred, resolve: (m) => (clearTimeout(timer), resolve(m)) });
      });
    },
    stop: () => new Promise<void>((resolve) => server.tryShutdown(() => resolve())),
  };
}
