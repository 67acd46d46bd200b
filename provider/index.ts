/**
 * What the serialized shim requires inside Pulumi's provider host: `configure` and the six calls,
 * each dispatched on the `__token` input ("magic:GreTunnel") to the provider of that token (see
 * registry.ts, where every type is listed). The program side reaches the provider through
 * facade.ts instead.
 *
 * Each call runs with a reporter (engine/report.ts) that sends what the provider says to the engine
 * the host was started with (its first argument, `process.argv[2]`), naming the resource by the
 * `__urn` input the sdk writes; without an engine address it says nothing.
 */
import type * as dynamic from "@pulumi/pulumi/dynamic";
import { TOKEN_KEY, URN_KEY } from "../shared/internal-keys";
import { type EngineLog, connectEngineLog } from "./engine/log";
import { reporterOf, reporting } from "./engine/report";
import { configureFrom } from "./framework/settings";
import { forToken } from "./registry";

type Props = Record<string, unknown>;

let engine: EngineLog | undefined;

/** The engine of this host process: Pulumi starts every provider host with the engine's address as its first argument. */
function hostEngine(): EngineLog {
  return (engine ??= connectEngineLog(process.argv[2]));
}

/** Runs one call with a reporter naming the resource the props belong to. */
function about<T>(props: Props, fn: () => Promise<T>): Promise<T> {
  const urn = props[URN_KEY];
  return reporting(reporterOf(hostEngine(), typeof urn === "string" && urn ? urn : undefined), fn);
}

/** The host calls this once per serialized provider text with the whole stack config. */
export async function configure(req: dynamic.ConfigureRequest): Promise<void> {
  // The host's Config keeps the whole stack config as `rawConfig`: its keys let misspelt settings be reported.
  const raw = (req.config as { rawConfig?: unknown }).rawConfig;
  configureFrom((key) => req.config.get(key), raw && typeof raw === "object" ? Object.keys(raw) : []);
}
export const check = (olds: Props, news: Props) => about(news, () => forToken(news[TOKEN_KEY] ?? olds[TOKEN_KEY]).check(olds, news));
export const diff = (id: string, olds: Props, news: Props) =>
  about(news, () => forToken(news[TOKEN_KEY] ?? olds[TOKEN_KEY]).diff(id, olds, news));
export const create = (news: Props) => about(news, () => forToken(news[TOKEN_KEY]).create(news));
export const read = (id: string, props: Props) => about(props, () => forToken(props[TOKEN_KEY]).read(id, props));
export const update = (id: string, olds: Props, news: Props) =>
  about(news, () => forToken(news[TOKEN_KEY] ?? olds[TOKEN_KEY]).update(id, olds, news));
// `delete` is a reserved word for a declaration, not for an export name.
const remove = (id: string, props: Props) => about(props, () => forToken(props[TOKEN_KEY]).delete(id, props));
export { remove as delete };

/** The API client module: the benchmark (bench/clients/ours.ts) drives it through the installed package. */
export { api } from "./facade";
