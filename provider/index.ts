/**
 * What the serialized shim requires inside Pulumi's provider host. Each call dispatches on the
 * `__token` input ("magic:GreTunnel") to the provider of that token, found by convention in
 * `resources/<module>/<kebab-type>.ts`: its export `definition` (a defineResource record, run by
 * the generic provider) or, for the rare resource that is not one API object (RouteTable), its
 * export `provider`. Modules load on first use, so a host that serves one type loads only that one.
 */
import type * as dynamic from "@pulumi/pulumi/dynamic";
import type { ResourceDefinition } from "./framework/define";
import { DefinedProvider } from "./framework/provider";
import { configureFrom } from "./framework/settings";

const TOKEN = /^(magic|cni):([A-Z][A-Za-z0-9]*)$/;

interface ResourceModule {
  definition?: ResourceDefinition;
  provider?: Required<Pick<dynamic.ResourceProvider, "check" | "diff" | "create" | "read" | "update" | "delete">>;
}

function loadModule(token: string): ResourceModule | undefined {
  const m = TOKEN.exec(token);
  if (!m) return undefined;
  const file = m[2].replace(/[A-Z]/g, (c, i: number) => (i ? "-" : "") + c.toLowerCase());
  try {
    return require(`./resources/${m[1]}/${file}`) as ResourceModule;
  } catch (e) {
    if ((e as { code?: string }).code === "MODULE_NOT_FOUND" && String((e as Error).message).includes(`/${file}'`)) return undefined;
    throw e;
  }
}

const providers = new Map<string, NonNullable<ResourceModule["provider"]>>();

type Props = Record<string, unknown>;

/** The provider for a token such as "magic:GreTunnel". */
export function forToken(token: unknown): NonNullable<ResourceModule["provider"]> {
  const key = String(token);
  let p = providers.get(key);
  if (!p) {
    const mod = loadModule(key);
    p = mod?.definition?.token === key ? new DefinedProvider(mod.definition) : mod?.provider;
    if (!p) {
      throw new Error(`pulumi-cloudflare-magic has no resource type ${JSON.stringify(token)}; is the installed package older than the program that declared it?`);
    }
    providers.set(key, p);
  }
  return p;
}

/** The generic provider of a definition-based token, for lookups (list/get as outputs). */
export function definedProvider(token: string): DefinedProvider {
  const p = forToken(token);
  if (!(p instanceof DefinedProvider)) throw new Error(`${token} has no list/get lookups`);
  return p;
}

/** The host calls this once per serialized provider text with the whole stack config. */
export async function configure(req: dynamic.ConfigureRequest): Promise<void> {
  // The host's Config keeps the whole stack config as `rawConfig`: its keys let misspelt settings be reported.
  const raw = (req.config as { rawConfig?: unknown }).rawConfig;
  configureFrom((key) => req.config.get(key), raw && typeof raw === "object" ? Object.keys(raw) : []);
}
export const check = (olds: Props, news: Props) => forToken(news.__token ?? olds.__token).check(olds, news);
export const diff = (id: string, olds: Props, news: Props) => forToken(news.__token ?? olds.__token).diff(id, olds, news);
export const create = (news: Props) => forToken(news.__token).create(news);
export const read = (id: string, props: Props) => forToken(props.__token).read(id, props);
export const update = (id: string, olds: Props, news: Props) => forToken(news.__token ?? olds.__token).update(id, olds, news);
// `delete` is a reserved word for a declaration, not for an export name.
const remove = (id: string, props: Props) => forToken(props.__token).delete(id, props);
export { remove as delete };

export { DefinedProvider, metrics, changedPaths } from "./framework/provider";
export { defineResource } from "./framework/define";
export type { ResourceDefinition } from "./framework/define";
export * as settings from "./framework/settings";
export * as api from "./client";
