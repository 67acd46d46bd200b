/**
 * What the serialized shim requires inside Pulumi's provider host: `configure` and the six calls,
 * each dispatched on the `__token` input ("magic:GreTunnel") to the provider of that token (see
 * registry.ts, where every type is listed). The program side reaches the provider through
 * facade.ts instead.
 */
import type * as dynamic from "@pulumi/pulumi/dynamic";
import { TOKEN_KEY } from "../shared/internal-keys";
import { configureFrom } from "./framework/settings";
import { forToken } from "./registry";

type Props = Record<string, unknown>;

/** The host calls this once per serialized provider text with the whole stack config. */
export async function configure(req: dynamic.ConfigureRequest): Promise<void> {
  // The host's Config keeps the whole stack config as `rawConfig`: its keys let misspelt settings be reported.
  const raw = (req.config as { rawConfig?: unknown }).rawConfig;
  configureFrom((key) => req.config.get(key), raw && typeof raw === "object" ? Object.keys(raw) : []);
}
export const check = (olds: Props, news: Props) => forToken(news[TOKEN_KEY] ?? olds[TOKEN_KEY]).check(olds, news);
export const diff = (id: string, olds: Props, news: Props) => forToken(news[TOKEN_KEY] ?? olds[TOKEN_KEY]).diff(id, olds, news);
export const create = (news: Props) => forToken(news[TOKEN_KEY]).create(news);
export const read = (id: string, props: Props) => forToken(props[TOKEN_KEY]).read(id, props);
export const update = (id: string, olds: Props, news: Props) => forToken(news[TOKEN_KEY] ?? olds[TOKEN_KEY]).update(id, olds, news);
// `delete` is a reserved word for a declaration, not for an export name.
const remove = (id: string, props: Props) => forToken(props[TOKEN_KEY]).delete(id, props);
export { remove as delete };

/** The API client module: the benchmark (bench/clients/ours.ts) drives it through the installed package. */
export { api } from "./facade";
