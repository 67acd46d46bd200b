/**
 * The engine's Log service, for any provider host: what the provider says reaches the Pulumi CLI.
 *
 * The CLI shows a provider host's stderr only at debug level (pulumi/pulumi#17943); the engine
 * starts every provider host with its own gRPC address as the first argument, and messages sent to
 * its `Engine.Log` are shown as warnings, or as an ephemeral status line beside the resource.
 * Without an address (tests, mocks, codegen) or with the harness's `127.0.0.1:0`, every call is a
 * no-op. A log call never throws and never rejects: a lost message must not fail an apply.
 */
import * as path from "node:path";
import type * as grpcTypes from "@grpc/grpc-js";
import type * as engineRpc from "@pulumi/pulumi/proto/engine_grpc_pb";
import type * as engineProto from "@pulumi/pulumi/proto/engine_pb";

export type Severity = "debug" | "info" | "warning" | "error";

export interface EngineLog {
  /** True when messages go to an engine (an address was given). */
  readonly connected: boolean;
  /**
   * Sends one message. `urn` names the resource it is about (the CLI shows it on that resource's
   * row); `ephemeral` makes it a status line the next one replaces. Resolves when the engine
   * answered or the send failed; never rejects.
   */
  log(severity: Severity, message: string, urn?: string, ephemeral?: boolean): Promise<void>;
  /** Waits for messages in flight, then closes the connection. Later calls are no-ops. */
  close(): Promise<void>;
}

/** How long one message may take before it is given up (an engine that stopped answering). */
const SEND_DEADLINE_MS = 10_000;

const NO_ENGINE: EngineLog = {
  connected: false,
  log: async () => {},
  close: async () => {},
};

/** An address an engine can be reached at: `host:port` with a non-zero port. */
export function isEngineAddress(address: string | undefined): address is string {
  const m = /^(.+):(\d+)$/.exec(address ?? "");
  return m !== null && Number(m[2]) > 0;
}

/**
 * Connects to the engine at `address` (`host:port`). No address, or one with port 0, gives a log
 * that does nothing. The connection is lazy: nothing is sent until the first message.
 */
export function connectEngineLog(address: string | undefined): EngineLog {
  if (!isEngineAddress(address)) return NO_ENGINE;
  let client: engineRpc.EngineClient | undefined;
  let proto: typeof engineProto;
  let grpc: typeof grpcTypes;
  try {
    // The generated client is built on the @grpc/grpc-js copy @pulumi/pulumi resolves; credentials
    // must come from that same copy or grpc-js refuses them.
    grpc = require(require.resolve("@grpc/grpc-js", { paths: [path.dirname(require.resolve("@pulumi/pulumi"))] })) as typeof grpcTypes;
    const rpc = require("@pulumi/pulumi/proto/engine_grpc_pb") as typeof engineRpc;
    proto = require("@pulumi/pulumi/proto/engine_pb") as typeof engineProto;
    client = new rpc.EngineClient(address, grpc.credentials.createInsecure());
  } catch {
    return NO_ENGINE;
  }
  const severities: Record<Severity, engineProto.LogSeverity> = {
    debug: proto.LogSeverity.DEBUG,
    info: proto.LogSeverity.INFO,
    warning: proto.LogSeverity.WARNING,
    error: proto.LogSeverity.ERROR,
  };
  const inFlight = new Set<Promise<void>>();
  let closed = false;

  return {
    connected: true,
    log(severity, message, urn, ephemeral) {
      if (closed || !client) return Promise.resolve();
      const c = client;
      const sent = new Promise<void>((resolve) => {
        try {
          const req = new proto.LogRequest();
          req.setSeverity(severities[severity] ?? proto.LogSeverity.INFO);
          req.setMessage(message);
          req.setUrn(urn ?? "");
          req.setEphemeral(ephemeral === true);
          c.log(req, new grpc.Metadata(), { deadline: Date.now() + SEND_DEADLINE_MS }, () => resolve());
        } catch {
          resolve();
        }
      });
      inFlight.add(sent);
      void sent.then(() => inFlight.delete(sent));
      return sent;
    },
    async close() {
      if (closed) return;
      closed = true;
      await Promise.all([...inFlight]);
      try {
        client?.close();
      } catch {
        // closing a channel that failed to open: nothing to release
      }
      client = undefined;
    },
  };
}
