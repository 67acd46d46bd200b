/**
 * `npm run generate`: writes the sdk's types from the resource definitions, so a field is declared
 * once, in its definition (provider/resources/...), with its doc and flags in `.meta()`.
 *
 * For each definition-based type token it writes `sdk/<module>/generated/<type>.ts`: the Args
 * interface with JSDoc, the generated base class (output declarations, output names, secret
 * outputs) and the lookup result type (`<Type>Info`). Named nested types (`.meta({ args, state,
 * name })`) go to `sdk/<module>/generated/types.ts`, what a definition's other endpoints answer (its
 * `answers`) to `sdk/<module>/generated/<type>-answers.ts`. Hand-written parts (class docs,
 * `@example`, helpers) live beside them in `sdk/<module>/<type>.ts`.
 *
 * `render()` is pure; `format()` runs Prettier over it with the repository's settings, so the files
 * pass `npm run lint` as written. tests/structure/generated.test.ts fails when a file on disk differs.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { spawnSync } from "node:child_process";
import { z } from "zod";
import { fieldMeta, schemaLayers, secretFields, type ResourceDefinition } from "../provider/framework/define";
import { fieldFacts } from "../provider/framework/vocabulary";
import { resourceModules } from "../provider/registry";
import { staleFiles, writeFiles } from "./generated-files";

const ROOT = path.resolve(__dirname, __dirname.includes(`${path.sep}.out${path.sep}`) ? "../../.." : "..");

/** The header every generated file starts with. */
export const HEADER = (source: string) => `// generated from ${source}: edit the definition, then run npm run generate\n`;

type Mode = "args" | "state";

interface Named {
  name: string;
  text: string;
  source: string;
}

/** One module's named types (`sdk/<module>/generated/types.ts`), collected while printing. */
class TypeBook {
  readonly named = new Map<string, Named>();
  /** Values that go with named types (their documented defaults): a file of their own (the types' file is re-exported as types only). */
  readonly values = new Map<string, Named>();

  add(name: string, text: string, source: string, into: Map<string, Named> = this.named): void {
    const had = into.get(name);
    if (had && had.text !== text) {
      throw new Error(
        `generate: two definitions give the type ${name} different shapes (${had.source} and ${source}); give one of them another name`,
      );
    }
    if (!had) into.set(name, { name, text, source });
  }
}

const OPTIONAL = new Set(["optional", "default", "prefault"]);

interface Def {
  type: string;
  innerType?: z.ZodType;
  shape?: Record<string, z.ZodType>;
  element?: z.ZodType;
  entries?: Record<string, string | number>;
  values?: unknown[];
  options?: z.ZodType[];
  valueType?: z.ZodType;
  in?: z.ZodType;
  left?: z.ZodType;
  right?: z.ZodType;
}

/** A schema's zod definition, as the generators read it. */
export const defOf = (s: z.ZodType) => s.def as unknown as Def;

/** Whether a field may be left out. */
export function isOptional(s: z.ZodType): boolean {
  return schemaLayers(s).some((t) => OPTIONAL.has(defOf(t).type));
}

function unwrap(s: z.ZodType): { inner: z.ZodType; nullable: boolean } {
  const layers = schemaLayers(s);
  return { inner: layers[layers.length - 1], nullable: layers.some((t) => defOf(t).type === "nullable") };
}

/** Whether the API fills the field in when it is left out (a typed `default`, or words for one). */
const hasDefault = (meta: z.GlobalMeta) => meta.default !== undefined || meta.defaultDoc !== undefined;

/** A JSDoc block for `meta`, indented by `indent`, or "" when there is nothing to say. A secret field says so. */
function jsdoc(meta: z.GlobalMeta, indent: string, extra: string[] = []): string {
  const secret = meta.secret && !/secret/i.test(meta.description ?? "") ? ["Kept as a secret in state."] : [];
  const text = [meta.description, ...extra, ...secret].filter(Boolean).join(" ");
  const lines = wrap(text, 100 - indent.length);
  const shown = meta.defaultDoc ?? (meta.default === undefined ? undefined : JSON.stringify(meta.default));
  if (shown !== undefined) lines.push(`@default ${shown}`);
  if (lines.length === 0) return "";
  if (lines.length === 1 && lines[0].length + indent.length + 7 <= 110) return `${indent}/** ${lines[0]} */\n`;
  return `${indent}/**\n${lines.map((l) => `${indent} * ${l}`.trimEnd()).join("\n")}\n${indent} */\n`;
}

function wrap(text: string, width: number): string[] {
  const out: string[] = [];
  for (const paragraph of text.split("\n")) {
    let line = "";
    for (const word of paragraph.split(/ +/).filter(Boolean)) {
      if (line && line.length + 1 + word.length > width) {
        out.push(line);
        line = word;
      } else line = line ? `${line} ${word}` : word;
    }
    if (line) out.push(line);
  }
  return out;
}

/**
 * The meta a named type (`args`, `state` or `name`) was given with its name. A required field
 * documents itself with a further `.meta({ description })` on the named schema (there is no
 * wrapper to hold it); zod keeps the earlier meta on the clone's parent, and that one is the type's doc.
 */
export function namedMeta(s: z.ZodType, key: "args" | "state" | "name"): z.GlobalMeta {
  const parentOf = (t: z.ZodType) => (t as unknown as { _zod: { parent?: z.ZodType } })._zod.parent;
  let meta = z.globalRegistry.get(s) ?? {};
  for (let p = parentOf(s); p && z.globalRegistry.get(p)?.[key] === meta[key]; p = parentOf(p)) meta = z.globalRegistry.get(p)!;
  return meta;
}

/** An object schema's fields, in order (none for an absent schema). */
function fieldsOf(o: z.ZodObject | undefined): Array<[string, z.ZodType]> {
  return Object.entries(o?.shape ?? {}) as Array<[string, z.ZodType]>;
}

const needsParens = (t: string) => /[|&]/.test(t) && !/^[A-Za-z]+<.*>$/.test(t);

/** Prints the TypeScript type of a schema as an argument (`args`, with pulumi.Input) or an output (`state`). */
class Printer {
  constructor(
    private readonly book: TypeBook,
    private readonly source: string,
  ) {}

  /** The type of a field's value (without the outer pulumi.Input of an argument). */
  type(schema: z.ZodType, mode: Mode, indent = ""): string {
    const { inner, nullable } = unwrap(schema);
    const meta = fieldMeta(schema);
    const t = meta.tsType ?? this.bare(inner, mode, indent, meta);
    return nullable ? `${t} | null` : t;
  }

  private input(t: string, mode: Mode): string {
    return mode === "args" ? `pulumi.Input<${t}>` : t;
  }

  /** `names` is the field's merged meta (a type's name may be given on the field); docs come from the schema's own. */
  private bare(s: z.ZodType, mode: Mode, indent: string, names: z.GlobalMeta): string {
    const d = defOf(s);
    const own = z.globalRegistry.get(s) ?? {};
    const meta = { ...own, name: names.name, args: names.args, state: names.state };
    switch (d.type) {
      case "string":
        return "string";
      case "number":
        return "number";
      case "boolean":
        return "boolean";
      case "bigint":
        return "bigint";
      case "enum":
      case "literal": {
        const values = d.type === "enum" ? Object.values(d.entries!) : d.values!;
        const t = values.map((v) => JSON.stringify(v)).join(" | ");
        if (meta.name) {
          this.book.add(meta.name, `${jsdoc(namedMeta(s, "name"), "")}export type ${meta.name} = ${t};\n`, this.source);
          return meta.name;
        }
        return t;
      }
      case "union": {
        const parts = [...new Set(d.options!.map((o) => this.type(o, mode, indent)))];
        // A string literal beside `string` says nothing more to the type checker.
        const kept = parts.includes("string") ? parts.filter((p) => !/^"/.test(p)) : parts;
        return kept.join(" | ");
      }
      case "array": {
        const e = this.input(this.type(d.element!, mode, indent), mode);
        return needsParens(e) ? `Array<${e}>` : `${e}[]`;
      }
      case "record":
        return `Record<string, ${this.input(this.type(d.valueType!, mode, indent), mode)}>`;
      case "pipe":
        return this.type(d.in!, mode, indent);
      case "intersection":
        return `${this.type(d.left!, mode, indent)} & ${this.type(d.right!, mode, indent)}`;
      case "object": {
        const name = mode === "args" ? meta.args : meta.state;
        if (name) {
          this.book.add(
            name,
            `${jsdoc(namedMeta(s, mode === "args" ? "args" : "state"), "")}export interface ${name} ${this.object(s as z.ZodObject, mode, "", true)}\n`,
            this.source,
          );
          if (mode === "args") this.defaults(name, s as z.ZodObject);
          return name;
        }
        return this.object(s as z.ZodObject, mode, indent, false);
      }
      default:
        throw new Error(`generate: ${this.source}: cannot write a TypeScript type for a zod "${d.type}" schema; give it .meta({ tsType })`);
    }
  }

  /**
   * The documented defaults of a named argument type's fields, as a value the program side can use
   * (`healthCheckArgsDefaults`: what a component sends when it pins Cloudflare's defaults).
   */
  private defaults(name: string, s: z.ZodObject): void {
    const values = fieldsOf(s).flatMap(([k, f]) => (fieldMeta(f).default === undefined ? [] : [[k, fieldMeta(f).default] as const]));
    if (values.length === 0) return;
    const constant = `${name[0].toLowerCase()}${name.slice(1)}Defaults`;
    const body = values.map(([k, v]) => `${k}: ${JSON.stringify(v)}`).join(", ");
    const text = `/** The documented defaults of the fields of ${name}. */\nexport const ${constant} = { ${body} } as const;\n`;
    this.book.add(constant, text, this.source, this.book.values);
  }

  /** An object type: `{ a: T; b?: U }`, one field per line with its doc when `docs`. */
  object(s: z.ZodObject, mode: Mode, indent: string, docs: boolean): string {
    const fields = fieldsOf(s);
    if (!docs) {
      const parts = fields.map(([k, f]) => `${k}${isOptional(f) ? "?" : ""}: ${this.input(this.type(f, mode, indent), mode)}`);
      return `{ ${parts.join("; ")} }`;
    }
    const body = fields
      .map(
        ([k, f]) =>
          `${jsdoc(fieldMeta(f), `${indent}  `)}${indent}  ${k}${isOptional(f) ? "?" : ""}: ${this.input(this.type(f, mode, `${indent}  `), mode)};\n`,
      )
      .join("");
    return `{\n${body}${indent}}`;
  }
}

/** A definition-based resource type the generator writes. */
export interface Target {
  token: string;
  module: "magic" | "cni";
  type: string;
  /** The definition's file, relative to the repo root. */
  source: string;
  /** The generated file, relative to the repo root. */
  out: string;
  definition: ResourceDefinition;
}

const kebab = (type: string) => type.replace(/([a-z0-9])([A-Z])/g, "$1-$2").toLowerCase();

/** Every definition-based token of the registry (RouteTable, a custom provider, is hand-written). */
export function targets(): Target[] {
  const out: Target[] = [];
  for (const [token, load] of Object.entries(resourceModules)) {
    const definition = load().definition;
    if (!definition) continue;
    const [module, type] = token.split(":") as ["magic" | "cni", string];
    // Its definition file: provider/resources/<module>/<type>.ts, or in a folder of its module (magic/routes/).
    const file = `${kebab(type)}.ts`;
    const dir = path.join(ROOT, "provider", "resources", module);
    const folder = [".", ...fs.readdirSync(dir).filter((d) => fs.statSync(path.join(dir, d)).isDirectory())].find((d) =>
      fs.existsSync(path.join(dir, d, file)),
    );
    if (!folder) throw new Error(`generate: ${token}: expected its definition in provider/resources/${module}/ as ${file}`);
    const source = path.posix.join("provider/resources", module, folder, file);
    out.push({ token, module, type, source, out: `sdk/${module}/generated/${kebab(type)}.ts`, definition });
  }
  return out;
}

/** What the generated file of one resource holds, and the named types it used. */
function renderResource(t: Target, book: TypeBook): string {
  const def = t.definition;
  const printer = new Printer(book, t.source);
  const inputs = fieldsOf(def.inputs);
  const outputsOnly = fieldsOf(def.outputs);
  const overrides = new Map(outputsOnly);
  // Ours (meta `local`) or never shown by the API (`listed: false`): not in what a lookup lists.
  const neverListed = new Set(
    [...inputs, ...outputsOnly].filter(([, f]) => fieldMeta(f).local || fieldMeta(f).listed === false).map(([k]) => k),
  );
  const replaces = new Set(fieldFacts(def).replaces);

  // Args: every input, in the definition's order.
  let args = `/** Arguments of a {@link ${t.type}}. */\nexport interface ${t.type}Args extends AccountArgs {\n`;
  for (const [k, f] of inputs) {
    const meta = fieldMeta(f);
    const extra = replaces.has(k) && !/replac|a change/i.test(meta.description ?? "") ? [`Changing it replaces the ${t.type}.`] : [];
    args += `${jsdoc(meta, "  ", extra)}  ${k}${isOptional(f) ? "?" : ""}: pulumi.Input<${printer.type(f, "args", "  ")}>;\n`;
  }
  args += "}\n";
  // The documented defaults of its own fields, for the program side (a component that needs one).
  const typed = inputs.flatMap(([k, f]) => (fieldMeta(f).default === undefined ? [] : [`${k}: ${JSON.stringify(fieldMeta(f).default)}`]));
  const lower = `${t.type[0].toLowerCase()}${t.type.slice(1)}`;
  if (typed.length)
    args += `\n/** The documented defaults of {@link ${t.type}Args}'s fields. */\nexport const ${lower}ArgsDefaults = { ${typed.join(", ")} } as const;\n`;

  // Outputs: inputs (as stored, or as the outputs schema overrides them), then outputs only.
  // Fields whose meta says `lookupOnly` are kept apart: in the lookup type, not outputs.
  const outputs: Array<[string, z.ZodType, boolean]> = [];
  const listed: Array<[string, z.ZodType, boolean]> = [];
  for (const [k, f] of inputs) {
    const o = overrides.get(k);
    const meta = fieldMeta(o ?? f);
    const always = meta.alwaysSet ?? (o ? !isOptional(o) : !isOptional(f) || hasDefault(fieldMeta(f)));
    outputs.push([k, o ?? f, always]);
  }
  for (const [k, f] of outputsOnly) {
    if (def.inputs.shape[k]) continue;
    (fieldMeta(f).lookupOnly ? listed : outputs).push([k, f, fieldMeta(f).alwaysSet ?? !isOptional(f)]);
  }
  // Every secret field, at any depth (`psk`, `bgp.md5Key`): the sdk keeps each one secret (resource.ts).
  const secrets = secretFields(def);
  // What the program checks before any request (resource.ts): values Cloudflare refuses twice.
  const unique = inputs.filter(([, f]) => fieldMeta(f).unique).map(([k]) => k);

  let cls = `/** The generated part of {@link ${t.type}}: its outputs, and its registration with the provider. */\n`;
  cls += `export abstract class ${t.type}Resource extends MagicResource {\n`;
  for (const [k, f, always] of outputs) {
    const type = printer.type(f, "state", "  ");
    const meta = { ...fieldMeta((def.inputs.shape[k] as z.ZodType | undefined) ?? f), ...fieldMeta(f) };
    // An output holding a secret field is a secret Output to the program (the SDK cannot mark part of a value).
    const inside = secrets.filter((p) => p.startsWith(`${k}.`)).map((p) => `\`${p.slice(k.length + 1)}\``);
    const holds = inside.length ? [`It holds a secret (${inside.join(", ")}), so the program sees it as a secret output.`] : [];
    cls += `${jsdoc({ description: meta.description, secret: secrets.includes(k) }, "  ", holds)}`;
    cls += `  declare readonly ${k}: pulumi.Output<${always ? type : `${type} | undefined`}>;\n`;
  }
  cls += `\n  protected constructor(name: string, args: ${t.type}Args, opts?: pulumi.CustomResourceOptions) {\n`;
  const facts = ["secrets: SECRETS", ...(unique.length ? ["unique: UNIQUE"] : [])];
  cls += `    super(${JSON.stringify(t.module)}, ${JSON.stringify(t.type)}, name, args, OUTPUTS, opts, { ${facts.join(", ")} });\n  }\n}\n`;

  // Lookup result: what the API lists (no local inputs, nothing the API never shows).
  let info = `/** A {@link ${t.type}} as the API reports it (camelCase), with its id. */\nexport interface ${t.type}Info {\n  id: string;\n`;
  for (const [k, f, always] of [...outputs, ...listed]) {
    if (neverListed.has(k)) continue;
    info += `  ${k}${(fieldMeta(f).alwaysListed ?? always) ? "" : "?"}: ${printer.type(f, "state", "  ")};\n`;
  }
  info += "  accountId: string;\n}\n";

  const names = (list: string[]) => list.map((k) => JSON.stringify(k)).join(", ");
  const consts =
    `/** Every output name, declared to the engine at registration. */\nconst OUTPUTS = [${names(outputs.map(([k]) => k))}] as const;\n\n` +
    `/** Fields kept as secrets in state, as dotted paths (a nested one keeps the rest of its object visible). */\nconst SECRETS = [${names(secrets)}] as const;\n` +
    (unique.length
      ? `\n/** Inputs Cloudflare keeps unique per account: a second resource of this program that gives the same value is refused. */\nconst UNIQUE = [${names(unique)}] as const;\n`
      : "");

  const body = `${args}\n${consts}\n${cls}\n${info}`;
  const used = [...book.named.keys()].filter((n) => new RegExp(`\\b${n}\\b`).test(body)).sort();
  const imports =
    `import type * as pulumi from "@pulumi/pulumi";\n` +
    `import { type AccountArgs, MagicResource } from "../../resource";\n` +
    (used.length ? `import type { ${used.join(", ")} } from "./types";\n` : "");
  return `${HEADER(t.source)}${imports}\n${body}`;
}

/**
 * What a definition's other endpoints answer (its `answers`), as sdk types the lookups return:
 * each named schema and the named types inside it, in a file of their own.
 */
function renderAnswers(t: Target): string {
  const book = new TypeBook();
  const printer = new Printer(book, t.source);
  for (const schema of t.definition.answers ?? []) printer.type(schema, "state");
  const named = [...book.named.values()].sort((a, b) => a.name.localeCompare(b.name));
  return `${HEADER(t.source)}\n${named.map((n) => n.text).join("\n")}`;
}

/** The generated file of a definition's answer types. */
export const answersFile = (t: Target) => t.out.replace(/\.ts$/, "-answers.ts");

/** Every generated file: path (relative to the repo root) -> content. */
export function render(list: Target[] = targets()): Map<string, string> {
  const files = new Map<string, string>();
  const books = new Map<string, TypeBook>();
  for (const t of list) {
    const book = books.get(t.module) ?? new TypeBook();
    books.set(t.module, book);
    files.set(t.out, renderResource(t, book));
    if (t.definition.answers?.length) files.set(answersFile(t), renderAnswers(t));
  }
  for (const [module, book] of books) {
    const sources = `provider/resources/${module}/*.ts (and the common/ schemas they use)`;
    const values = [...book.values.values()].sort((a, b) => a.name.localeCompare(b.name));
    if (values.length) files.set(`sdk/${module}/generated/defaults.ts`, `${HEADER(sources)}\n${values.map((v) => v.text).join("\n")}`);
    const named = [...book.named.values()].sort((a, b) => a.name.localeCompare(b.name));
    if (named.length === 0) continue;
    const needsPulumi = named.some((n) => n.text.includes("pulumi."));
    files.set(
      `sdk/${module}/generated/types.ts`,
      `${HEADER(sources)}${needsPulumi ? `import type * as pulumi from "@pulumi/pulumi";\n\n` : ""}${named.map((n) => n.text).join("\n")}`,
    );
  }
  return files;
}

/** The files as Prettier writes them with the repository's settings (.prettierrc.json). */
export function format(files: Map<string, string>): Map<string, string> {
  const input = Object.fromEntries([...files].map(([rel, text]) => [path.join(ROOT, rel), text]));
  const run = spawnSync(process.execPath, [path.join(ROOT, "scripts", "format-files.js")], {
    input: JSON.stringify(input),
    encoding: "utf8",
  });
  if (run.status !== 0) throw new Error(`generate: prettier failed: ${run.stderr || run.error?.message}`);
  const formatted = JSON.parse(run.stdout) as Record<string, string>;
  return new Map([...files.keys()].map((rel) => [rel, formatted[path.join(ROOT, rel)]]));
}

/** Writes the files; removes generated files no definition gives any more. Returns what changed. */
export function write(files: Map<string, string> = format(render())): string[] {
  return writeFiles(ROOT, files, unclaimed(files));
}

/** Generated files whose content on disk differs from what the definitions give. */
export function stale(files: Map<string, string> = format(render())): string[] {
  return staleFiles(ROOT, files, unclaimed(files));
}

/** Files in a generated/ folder that no definition gives (a removed or renamed resource). */
function unclaimed(files: Map<string, string>): string[] {
  const out: string[] = [];
  for (const module of ["magic", "cni"]) {
    const dir = path.join(ROOT, "sdk", module, "generated");
    if (fs.existsSync(dir))
      for (const f of fs.readdirSync(dir)) if (!files.has(`sdk/${module}/generated/${f}`)) out.push(`sdk/${module}/generated/${f}`);
  }
  return out;
}

if (require.main === module) {
  const changed = [...write(), ...(require("./generate-schema") as typeof import("./generate-schema")).writeSchema()];
  console.log(changed.length ? `generated: ${changed.join(", ")}` : "generated files are up to date");
}
