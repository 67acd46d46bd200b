/**
 * What the two provider processes the tests start have in common: the dynamic-provider host
 * (host.ts) and the provider plugin (plugin.ts) are each a node script the engine starts with its
 * own address as the first argument, which prints the port of its gRPC server on the first line of
 * stdout. Also the Struct conversions of their requests and answers.
 */
import { type ChildProcessByStdio, spawn } from "node:child_process";
import type { Readable } from "node:stream";
import { Struct } from "google-protobuf/google/protobuf/struct_pb";

type Props = Record<string, any>;

// Struct.fromJavaScript throws on `undefined`; the engine never sends it, so drop such keys like
// JSON would (the SDK drops undefined inputs the same way).
export function toStruct(v: Props): Struct {
  return Struct.fromJavaScript(JSON.parse(JSON.stringify(v ?? {})));
}
export const fromStruct = (s: Struct | undefined): Props => (s ? s.toJavaScript() : {});

export interface ProviderProcess {
  child: ChildProcessByStdio<null, Readable, Readable>;
  /** The port its gRPC server listens on (127.0.0.1). */
  port: number;
  /** Everything it printed on stderr so far. */
  stderr: () => string;
  /** What it printed on stdout after the port line (what a provider prints with console.log). */
  stdout: () => string;
  /** Ends it (SIGTERM unless it already exited) and closes its pipes, so jest sees no open handle. */
  stop: () => Promise<void>;
}

/**
 * Starts `entry` with node as the engine starts a provider (`engine` as the first argument, default
 * "127.0.0.1:0": no engine) and waits for its port; `what` names it in the errors of a process that
 * exits early or prints no port in 30 s (with its stderr).
 */
export async function spawnProvider(
  what: string,
  entry: string,
  opts: { engine?: string; cwd?: string; env: NodeJS.ProcessEnv },
): Promise<ProviderProcess> {
  const child = spawn(process.execPath, [entry, opts.engine ?? "127.0.0.1:0"], {
    cwd: opts.cwd,
    env: opts.env,
    stdio: ["ignore", "pipe", "pipe"],
  });
  let err = "";
  let out = "";
  child.stderr.setEncoding("utf8").on("data", (d: string) => (err += d));
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));

  const port = await new Promise<number>((resolve, reject) => {
    const timer = setTimeout(() => fail(new Error(`${what} did not print its port in 30s`)), 30_000);
    const onExit = (code: number | null) => fail(new Error(`${what} exited early (code ${code})`));
    const settle = () => {
      clearTimeout(timer);
      child.off("error", fail);
      child.off("exit", onExit);
      child.stdout.off("data", onData);
    };
    function fail(e: Error) {
      settle();
      child.kill("SIGKILL");
      reject(new Error(`${e.message}\nstderr:\n${err}`));
    }
    function onData(d: string) {
      out += d;
      const nl = out.indexOf("\n");
      if (nl < 0) return;
      settle();
      resolve(Number(out.slice(0, nl).trim()));
      out = out.slice(nl + 1);
      // Later output is whatever the provider prints with console.log.
      child.stdout.on("data", (more: string) => (out += more));
    }
    child.once("error", fail);
    child.once("exit", onExit);
    child.stdout.setEncoding("utf8").on("data", onData);
  });

  return {
    child,
    port,
    stderr: () => err,
    stdout: () => out,
    stop: async () => {
      if (child.exitCode === null && child.signalCode === null) child.kill("SIGTERM");
      await exited;
      child.stdout.destroy();
      child.stderr.destroy();
    },
  };
}
