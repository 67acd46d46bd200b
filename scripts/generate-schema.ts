/**
 * `schema.json`, the provider plugin's Pulumi package schema, written by `npm run generate` from
 * the same sources as the TypeScript sdk: each resource's definition (its fields, docs, secrets,
 * replacements and defaults), the resource's class doc in `sdk/<module>/<type>.ts`, the
 * provider's settings (provider/framework/settings.ts) and the lookups the plugin serves
 * (provider-plugin/lookups.ts). Every other language's sdk is generated from it by the Pulumi CLI.
 *
 * Defaults are written in the descriptions, never as the schema's `default`: an sdk fills a schema
 * default into the inputs it sends, so a field the program leaves out would arrive as set, and the
 * provider would send it and record it as the program's (the dynamic package leaves it out, and
 * Cloudflare applies its own default). tests/plugin/schema.test.ts validates the file against
 * Pulumi's metaschema and fails when it is stale.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { z } from "zod";
import { fieldMeta, schemaLayers, secretFields, type ResourceDefinition } from "../provider/framework/define";
import { fieldFacts } from "../provider/framework/vocabulary";
import { SETTINGS, type SettingName } from "../provider/framework/settings";
import { resourceModules } from "../provider/registry";
import { defOf, format, isOptional, namedMeta } from "./generate-sdk";
import { ACCOUNT_ID_PARAM, LOOKUPS, type LookupParam } from "../provider-plugin/lookups";
import { PACKAGE, SCHEMA_FILE, resourceToken } from "../provider-plugin/tokens";

const ROOT = path.resolve(__dirname, __dirname.includes(`${path.sep}.out${path.sep}`) ? "../../.." : "..");

type Json = Record<string, unknown>;
type Spec = Json;

const innermost = (s: z.ZodType) => schemaLayers(s)[schemaLayers(s).length - 1];
const pascal = (k: string) => k.charAt(0).toUpperCase() + k.slice(1);
const kebab = (type: string) => type.replace(/([a-z0-9])([A-Z])/g, "$1-$2").toLowerCase();

/** The package's object types, by token, filled while the resources are walked. */
class Types {
  readonly specs = new Map<string, Spec>();
  differs(token: string, spec: Spec): boolean {
    const had = this.specs.get(token);
    return had !== undefined && JSON.stringify(had) !== JSON.stringify(spec);
  }
  add(token: string, spec: Spec): void {
    const had = this.specs.get(token);
    if (had && JSON.stringify(had) !== JSON.stringify(spec))
      throw new Error(`generate-schema: two schemas give the type ${token} different shapes; give one of them another name`);
    this.specs.set(token, spec);
  }
}

/** Whether a number schema takes whole numbers only (`.int()`). */
function isInteger(s: z.ZodType): boolean {
  const bag = (s as unknown as { _zod?: { bag?: { format?: string } } })._zod?.bag;
  return bag?.format === "safeint" || bag?.format === "int32";
}

/** A field's type as Pulumi's schema writes it; object types go to `types` named after `where`. */
function typeOf(schema: z.ZodType, module: string, where: string, types: Types): Spec {
  const s = innermost(schema);
  const d = defOf(s);
  const meta = z.globalRegistry.get(s) ?? {};
  switch (d.type) {
    case "string":
      return { type: "string" };
    case "number":
      return { type: isInteger(s) ? "integer" : "number" };
    case "boolean":
      return { type: "boolean" };
    case "enum":
    case "literal": {
      const values = d.type === "enum" ? Object.values(d.entries!) : d.values!;
      const kind = values.every((v) => typeof v === "string") ? "string" : values.every(Number.isInteger) ? "integer" : "number";
      if (!meta.name) return { type: kind };
      const token = `${PACKAGE}:${module}:${meta.name}`;
      const spec: Spec = { type: kind, enum: values.map((value) => ({ value })) };
      if (meta.description) spec.description = meta.description;
      types.add(token, spec);
      return { $ref: `#/types/${token}` };
    }
    case "union": {
      const parts = d.options!.map((o, i) => typeOf(o, module, `${where}${i}`, types));
      const distinct = [...new Map(parts.map((p) => [JSON.stringify(p), p])).values()];
      if (distinct.length === 1) return distinct[0];
      if (
        distinct.every((p) => p.type === "string" || p.type === "integer" || p.type === "number") &&
        distinct.some((p) => p.type === "string")
      )
        return { type: "string" };
      return { $ref: "pulumi.json#/Any" };
    }
    case "array":
      return { type: "array", items: typeOf(d.element!, module, `${where}Item`, types) };
    case "record":
      return { type: "object", additionalProperties: typeOf(d.valueType!, module, `${where}Value`, types) };
    case "pipe":
      return typeOf(d.in!, module, where, types);
    case "object": {
      const named = (meta.args ?? meta.state)?.replace(/Args$/, "");
      const spec: Spec = { type: "object", ...objectSpec(s as z.ZodObject, module, named ?? where, types) };
      const doc = named ? namedMeta(s, meta.args ? "args" : "state").description : meta.description;
      if (doc) spec.description = doc;
      // An output type named like an argument type of another shape (PcapFilter) takes the suffix State.
      let token = `${PACKAGE}:${module}:${named ?? where}`;
      if (!meta.args && meta.state && types.differs(token, spec)) token = `${token}State`;
      types.add(token, spec);
      return { $ref: `#/types/${token}` };
    }
    default:
      // A custom schema (a tsType) says nothing the schema can: any JSON value.
      return { $ref: "pulumi.json#/Any" };
  }
}

/** A property: its type, doc (with its default in words), secret and replacement. */
function propertyOf(field: z.ZodType, module: string, where: string, types: Types, extra: { replaces?: boolean } = {}): Spec {
  const meta = fieldMeta(field);
  const words = [meta.description];
  const shown = meta.defaultDoc ?? (meta.default === undefined ? undefined : JSON.stringify(meta.default));
  if (shown !== undefined) words.push(`Default: ${shown}.`);
  if (extra.replaces && !/replac/i.test(meta.description ?? "")) words.push("Changing it replaces the resource.");
  const spec: Spec = { ...typeOf(field, module, where, types) };
  const description = words.filter(Boolean).join(" ");
  if (description) spec.description = description;
  if (meta.secret) spec.secret = true;
  if (extra.replaces) spec.replaceOnChanges = true;
  return spec;
}

function objectSpec(o: z.ZodObject, module: string, name: string, types: Types): { properties: Json; required?: string[] } {
  const properties: Json = {};
  const required: string[] = [];
  for (const [k, f] of Object.entries(o.shape) as Array<[string, z.ZodType]>) {
    properties[k] = propertyOf(f, module, `${name}${pascal(k)}`, types);
    if (!isOptional(f)) required.push(k);
  }
  return required.length ? { properties, required } : { properties };
}

/** The class doc of `sdk/<module>/<type>.ts` without its TypeScript example, or "". */
function classDoc(module: string, type: string): string {
  const file = path.join(ROOT, "sdk", module, `${kebab(type)}.ts`);
  if (!fs.existsSync(file)) return "";
  const m = new RegExp(`/\\*\\*\\n((?: \\*.*\\n)+?) \\*/\\nexport class ${type}\\b`).exec(fs.readFileSync(file, "utf8"));
  if (!m) return "";
  const text = m[1]
    .split("\n")
    .map((l) => l.replace(/^ \* ?/, ""))
    .join("\n");
  return text.replace(/\n?@example[\s\S]*$/, "").trim();
}

interface Shape {
  token: string;
  module: string;
  type: string;
  inputs: z.ZodObject;
  outputs?: z.ZodObject;
  definition?: ResourceDefinition;
}

/** Every resource type of the registry, with the schemas of its inputs and outputs. */
function shapes(): Shape[] {
  return Object.entries(resourceModules).map(([token, load]) => {
    const mod = load();
    const [module, type] = token.split(":");
    const inputs = mod.definition?.inputs ?? mod.shape?.inputs;
    if (!inputs) throw new Error(`generate-schema: ${token} gives neither a definition nor a shape`);
    return { token, module, type, inputs, outputs: mod.definition?.outputs ?? mod.shape?.outputs, definition: mod.definition };
  });
}

const ACCOUNT_ID_DOC = "The Cloudflare account. Default: the provider's `accountId`, else the environment variable CLOUDFLARE_ACCOUNT_ID.";

/** One resource: its inputs (with `accountId`), its outputs, what is required and what replaces. */
function resourceSpec(shape: Shape, types: Types): { spec: Spec; info: Spec } {
  const { module, type } = shape;
  const replaces = new Set(shape.definition ? fieldFacts(shape.definition).replaces : []);
  const overrides = new Map(Object.entries(shape.outputs?.shape ?? {}) as Array<[string, z.ZodType]>);
  const inputProperties: Json = {};
  const requiredInputs: string[] = [];
  const properties: Json = {};
  const required: string[] = ["accountId"];
  const info: Json = { id: { type: "string", description: "The object's id." } };
  const infoRequired = ["id", "accountId"];
  const neverListed = (f: z.ZodType) => fieldMeta(f).local || fieldMeta(f).listed === false;
  const secrets = new Set(shape.definition ? secretFields(shape.definition) : []);
  for (const [k, f] of Object.entries(shape.inputs.shape) as Array<[string, z.ZodType]>) {
    if (k === "accountId") continue;
    inputProperties[k] = propertyOf(f, module, `${type}${pascal(k)}`, types, { replaces: replaces.has(k) });
    if (!isOptional(f)) requiredInputs.push(k);
    const o = overrides.get(k);
    const meta = fieldMeta(o ?? f);
    const always =
      meta.alwaysSet ??
      (o ? !isOptional(o) : !isOptional(f) || fieldMeta(f).default !== undefined || fieldMeta(f).defaultDoc !== undefined);
    const out = propertyOf(o ?? f, module, `${type}${pascal(k)}${o ? "State" : ""}`, types);
    if (secrets.has(k)) out.secret = true;
    if (!out.description && inputProperties[k] && (inputProperties[k] as Spec).description)
      out.description = (inputProperties[k] as Spec).description;
    properties[k] = out;
    if (always) required.push(k);
    if (!neverListed(o ?? f) && !neverListed(f)) {
      info[k] = { ...out, secret: undefined };
      if (fieldMeta(o ?? f).alwaysListed ?? always) infoRequired.push(k);
    }
  }
  for (const [k, f] of overrides) {
    if (shape.inputs.shape[k]) continue;
    const out = propertyOf(f, module, `${type}${pascal(k)}`, types);
    if (secrets.has(k)) out.secret = true;
    const always = fieldMeta(f).alwaysSet ?? !isOptional(f);
    if (!fieldMeta(f).lookupOnly) {
      properties[k] = out;
      if (always) required.push(k);
    }
    if (!neverListed(f)) {
      info[k] = { ...out, secret: undefined };
      if (fieldMeta(f).alwaysListed ?? always) infoRequired.push(k);
    }
  }
  inputProperties.accountId = { type: "string", description: ACCOUNT_ID_DOC, replaceOnChanges: true };
  properties.accountId = { type: "string", description: "The Cloudflare account the object lives in." };
  info.accountId = { type: "string", description: "The Cloudflare account the object lives in." };
  const description = classDoc(module, type) || `A Cloudflare ${type}.`;
  const spec: Spec = { description, properties, required, inputProperties };
  if (requiredInputs.length) spec.requiredInputs = requiredInputs;
  const clean = (o: Json) => JSON.parse(JSON.stringify(o)) as Json;
  return {
    spec,
    info: clean({
      type: "object",
      description: `A ${type} as the API reports it (camelCase), with its id.`,
      properties: info,
      required: infoRequired,
    }),
  };
}

/** What each setting is, for the config variables and the provider's inputs. */
const SETTING_DOCS: Record<SettingName, { type: "string" | "integer" | "boolean"; secret?: boolean; doc: string }> = {
  apiToken: { type: "string", secret: true, doc: "A Cloudflare API token (preferred)." },
  apiKey: { type: "string", secret: true, doc: "A global API key (with `email`), instead of a token." },
  email: { type: "string", doc: "The email of the global API key's user." },
  accountId: { type: "string", doc: "The account of every resource and lookup that gives none." },
  baseUrl: { type: "string", doc: "The API root, ending in /client/v4. Default: https://api.cloudflare.com/client/v4." },
  requestsPerWindow: { type: "integer", doc: "Requests per window this provider sends at most. Default: 1200." },
  windowSeconds: { type: "integer", doc: "The rate-limit window, in seconds. Default: 300." },
  maxConcurrency: { type: "integer", doc: "Requests in flight at most. Default: 8." },
  pacing: { type: "boolean", doc: "Pace requests under the rate limit. Default: true." },
  sharedBudget: {
    type: "boolean",
    doc: "Pace against the budget Cloudflare reports left for the user (`Ratelimit` headers). Default: true.",
  },
  maxAttempts: { type: "integer", doc: "Attempts per request. Default: 6." },
  validateOnPreview: { type: "boolean", doc: "Validate new objects with the API (`validate_only`) at preview. Default: false." },
  debug: { type: "boolean", doc: "Log each request's method, path and status (never headers). Default: false." },
  adoptExisting: { type: "boolean", doc: "Adopt an object an interrupted apply left behind. Default: false." },
  coalesce: { type: "boolean", doc: "Coalesce reads and route updates. Default: true." },
};

function settingSpecs(): Json {
  const out: Json = {};
  for (const name of Object.keys(SETTINGS) as SettingName[]) {
    const s = SETTING_DOCS[name];
    const spec: Spec = { type: s.type, description: `${s.doc} Environment variable: ${SETTINGS[name].env}.` };
    if (s.secret) spec.secret = true;
    out[name] = spec;
  }
  return out;
}

function functionSpec(lookupName: string, types: Types): Spec {
  const lookup = LOOKUPS.find((l) => l.name === lookupName)!;
  const inputs: Json = {};
  const required: string[] = [];
  const param = (p: LookupParam) => {
    inputs[p.name] = { type: p.type, description: p.description };
    if (p.required) required.push(p.name);
  };
  [...lookup.params, ...lookup.args, ACCOUNT_ID_PARAM].forEach(param);
  const infoRef = (token: string) => ({ $ref: `#/types/${resourceToken(token)}Info` });
  const r = lookup.result;
  let outputs: Spec;
  if ("list" in r) outputs = { properties: { items: { type: "array", items: infoRef(r.list) } }, required: ["items"] };
  else if ("one" in r) {
    const info = types.specs.get(`${resourceToken(r.one)}Info`)!;
    outputs = { properties: info.properties, required: info.required };
  } else
    outputs =
      r.any === "list"
        ? { properties: { items: { type: "array", items: { $ref: "pulumi.json#/Any" } } }, required: ["items"] }
        : {
            properties: { value: { $ref: "pulumi.json#/Any", description: "The answer, as the TypeScript sdk returns it." } },
            required: ["value"],
          };
  return {
    description: lookup.description,
    inputs: { properties: inputs, ...(required.length ? { required } : {}) },
    outputs,
  };
}

/** The whole schema. `version` is the package's. */
export function renderSchema(): Json {
  const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, "package.json"), "utf8")) as {
    version: string;
    description: string;
    repository: { url: string };
    homepage: string;
    license: string;
  };
  const types = new Types();
  const resources: Json = {};
  for (const shape of shapes()) {
    const { spec, info } = resourceSpec(shape, types);
    resources[resourceToken(shape.token)] = spec;
    // The type a lookup reports the objects in, for the resources some lookup reports.
    if (LOOKUPS.some((l) => ("list" in l.result ? l.result.list : "one" in l.result ? l.result.one : "") === shape.token))
      types.add(`${resourceToken(shape.token)}Info`, info);
  }
  const functions: Json = {};
  for (const l of LOOKUPS) functions[`${PACKAGE}:${l.module}:${l.name}`] = functionSpec(l.name, types);
  const settings = settingSpecs();
  return {
    name: PACKAGE,
    displayName: "Cloudflare Magic Transit, Magic WAN and CNI",
    version: pkg.version,
    description: pkg.description,
    keywords: ["pulumi", "cloudflare", "magic-transit", "magic-wan", "cni", "category/network"],
    homepage: pkg.homepage,
    license: pkg.license,
    repository: pkg.repository.url.replace(/^git\+/, "").replace(/\.git$/, ""),
    publisher: "pulumi-cloudflare-magic",
    meta: { moduleFormat: "(.*)" },
    config: { variables: settings },
    provider: {
      description: "The provider of pulumi-cloudflare-magic: credentials, account and pacing for the resources that use it.",
      inputProperties: settings,
    },
    resources,
    functions,
    types: Object.fromEntries([...types.specs].sort(([a], [b]) => a.localeCompare(b))),
    language: {
      nodejs: { packageName: "@pulumi-cloudflare-magic/plugin-sdk", respectSchemaVersion: true },
      python: { packageName: "pulumi_cloudflare_magic", respectSchemaVersion: true },
      go: {
        importBasePath: "github.com/pulumi-cloudflare-magic/pulumi-cloudflare-magic/sdk/go/cloudflaremagic",
        generateResourceContainerTypes: true,
        respectSchemaVersion: true,
      },
      csharp: {
        rootNamespace: "Pulumi",
        namespaces: { [PACKAGE]: "CloudflareMagic", magic: "Magic", cni: "Cni" },
        packageReferences: { Pulumi: "3.*" },
        respectSchemaVersion: true,
      },
      java: { basePackage: "com.pulumi.cloudflaremagic" },
    },
  };
}

/** The file's text, as Prettier writes it with the repository's settings (so `npm run lint` passes it). */
export function schemaText(): string {
  return format(new Map([[SCHEMA_FILE, `${JSON.stringify(renderSchema(), null, 2)}\n`]])).get(SCHEMA_FILE)!;
}

/** Writes schema.json when it differs; returns what changed. */
export function writeSchema(): string[] {
  const file = path.join(ROOT, SCHEMA_FILE);
  const text = schemaText();
  if (fs.existsSync(file) && fs.readFileSync(file, "utf8") === text) return [];
  fs.writeFileSync(file, text);
  return [SCHEMA_FILE];
}
