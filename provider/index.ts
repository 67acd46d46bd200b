/**
 * What the serialized shim requires inside Pulumi's provider host. Each call dispatches on the
 * `__token` input ("magic:GreTunnel") to the generic provider built from that token's definition.
 * Definitions load on first use, so a host that serves one resource type loads only that one.
 */
import type * as dynamic from "@pulumi/pulumi/dynamic";
import type { ResourceDefinition } from "./framework/define";
import { DefinedProvider } from "./framework/provider";
import { configureFrom } from "./framework/settings";

const definitions: Record<string, () => ResourceDefinition> = {
  "magic:GreTunnel": () => require("./resources/magic/gre-tunnel").greTunnel,
};

const providers = new Map<string, DefinedProvider>();

type Props = Record<string, unknown>;

/** The provider for a token such as "magic:GreTunnel". */
export function forToken(token: unknown): DefinedProvider {
  const key = String(token);
  let p = providers.get(key);
  if (!p) {
    const load = definitions[key];
    if (!load) {
      throw new Error(`pulumi-cloudflare-magic has no resource type ${JSON.stringify(token)}; is the installed package older than the program that declared it?`);
    }
    p = new DefinedProvider(load());
    providers.set(key, p);
  }
  return p;
}

/** The host calls this once per serialized provider text with the whole stack config. */
export async function configure(req: dynamic.ConfigureRequest): Promise<void> {
  configureFrom((key) => req.config.get(key));
}
export const check = (olds: Props, news: Props) => forToken(news.__token ?? olds.__token).check(olds, news);
export const diff = (id: string, olds: Props, news: Props) => forToken(news.__token ?? olds.__token).diff(id, olds, news);
export const create = (news: Props) => forToken(news.__token).create(news);
export const read = (id: string, props: Props) => forToken(props.__token).read(id, props);
export const update = (id: string, olds: Props, news: Props) => forToken(news.__token ?? olds.__token).update(id, olds, news);
// `delete` is a reserved word for a declaration, not for an export name.
const remove = (id: string, props: Props) => forToken(props.__token).delete(id, props);
export { remove as delete };

export const tokens = (): string[] => Object.keys(definitions);
export { DefinedProvider, metrics, changedPaths } from "./framework/provider";
export { defineResource } from "./framework/define";
export type { ResourceDefinition } from "./framework/define";
