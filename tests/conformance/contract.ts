/**
 * The API contract as Cloudflare's official TypeScript SDK (`cloudflare` on npm, a devDependency,
 * generated from Cloudflare's OpenAPI description) declares it, read with the TypeScript compiler
 * API. Nothing here imports the SDK: it is parsed, never run.
 *
 * - Method, path template, and which params are path / header / query / body come from each
 *   resource class's compiled `.js` (`const { account_id, 'x-magic-new-hc-target': h, ...body } =
 *   params; return this._client.post(path`/accounts/${account_id}/magic/gre_tunnels`, { body })`).
 * - Types (body fields with types, enums and required-ness; the response shape) come from the
 *   `.d.ts` of the same class, resolved with the type checker.
 * - Query names: the declared query params, plus `validate_only` where the method's description
 *   says "Use `?validate_only=true` as an optional query parameter" (it is declared nowhere else).
 * - The response wrapper: `._thenUnwrap((obj) => obj.result)` = the v4 envelope with the object in
 *   `result`; `getAPIList(..., SinglePage)` = the v4 envelope with an array in `result`; neither =
 *   the body is the object itself (the CNI endpoints).
 */
import * as fs from "node:fs";
import * as path from "node:path";
import * as ts from "typescript";

export type Shape =
  | { kind: "string" | "number" | "boolean" | "null" | "unknown" }
  | { kind: "enum"; values: Array<string | number | boolean> }
  | { kind: "array"; of: Shape }
  | { kind: "object"; props: Record<string, { shape: Shape; optional: boolean }>; index?: Shape }
  | { kind: "union"; of: Shape[] };

export type Wrapper = "v4" | "v4-list" | "bare";

export interface Endpoint {
  /** e.g. `magicTransit.greTunnels.create` */
  sdk: string;
  method: "GET" | "POST" | "PUT" | "PATCH" | "DELETE";
  /** e.g. `/accounts/{account_id}/magic/gre_tunnels/{greTunnelID}` */
  path: string;
  query: string[];
  headers: string[];
  /** undefined: the SDK sends no body. */
  body?: Shape;
  wrapper: Wrapper;
  /** The object in `result` (or the body, when bare); for v4-list the type of one item. */
  response?: Shape;
}

const VERBS: Record<string, Endpoint["method"]> = {
  get: "GET",
  post: "POST",
  put: "PUT",
  patch: "PATCH",
  delete: "DELETE",
  getAPIList: "GET",
};

export const SDK_ROOT = path.resolve(__dirname, "../../node_modules/cloudflare");
const RESOURCE_DIRS = ["resources/magic-transit", "resources/network-interconnects"];

function filesUnder(dir: string, ext: string): string[] {
  const out: string[] = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...filesUnder(full, ext));
    else if (entry.name.endsWith(ext) && !entry.name.endsWith(`.d${ext}`)) out.push(full);
  }
  return out.sort();
}

interface JsMethod {
  className: string;
  method: string;
  verb: Endpoint["method"];
  path: string;
  /** Names destructured from params (path ids, headers, an explicit `body`), and the rest's name. */
  named: Map<string, string>; // property name -> local name
  rest?: string;
  /** The option object's `body` / `query`: a local name, or "literal:<keys>" for an inline object. */
  bodyFrom?: string;
  queryFrom?: string;
  wrapper: Wrapper;
}

/** Reads one compiled resource file: every `this._client.<verb>(path`...`)` call in a class method. */
function parseJs(file: string): JsMethod[] {
  const source = ts.createSourceFile(file, fs.readFileSync(file, "utf8"), ts.ScriptTarget.ES2022, true, ts.ScriptKind.JS);
  const out: JsMethod[] = [];
  const visit = (node: ts.Node, className?: string): void => {
    if (ts.isClassDeclaration(node) && node.name) className = node.name.text;
    if (ts.isMethodDeclaration(node) && className && node.body && ts.isIdentifier(node.name)) {
      const m = parseMethod(className, node.name.text, node.body);
      if (m) out.push(m);
      return;
    }
    ts.forEachChild(node, (child) => visit(child, className));
  };
  visit(source);
  return out;
}

function parseMethod(className: string, method: string, body: ts.Block): JsMethod | undefined {
  const named = new Map<string, string>();
  let rest: string | undefined;
  let call: ts.CallExpression | undefined;
  let wrapper: Wrapper = "bare";
  const walk = (node: ts.Node): void => {
    if (ts.isVariableDeclaration(node) && ts.isObjectBindingPattern(node.name) && node.initializer?.getText() === "params") {
      for (const el of node.name.elements) {
        if (el.dotDotDotToken) rest = el.name.getText();
        else {
          const prop = el.propertyName ? el.propertyName.getText().replace(/^['"]|['"]$/g, "") : el.name.getText();
          named.set(prop, el.name.getText());
        }
      }
    }
    if (ts.isCallExpression(node) && ts.isPropertyAccessExpression(node.expression)) {
      const callee = node.expression;
      if (callee.name.text === "_thenUnwrap") wrapper = "v4";
      if (ts.isPropertyAccessExpression(callee.expression) && callee.expression.name.text === "_client" && VERBS[callee.name.text]) {
        call = node;
        if (callee.name.text === "getAPIList") wrapper = "v4-list";
      }
    }
    ts.forEachChild(node, walk);
  };
  walk(body);
  if (!call) return undefined;
  const callee = call.expression as ts.PropertyAccessExpression;
  let verb = VERBS[callee.name.text];
  const tagged = call.arguments[0];
  if (!tagged || !ts.isTaggedTemplateExpression(tagged)) return undefined;
  const tpl = tagged.template;
  let p = ts.isNoSubstitutionTemplateLiteral(tpl) ? tpl.text : tpl.head.text;
  if (ts.isTemplateExpression(tpl)) {
    for (const span of tpl.templateSpans) {
      const local = span.expression.getText();
      const prop = [...named].find(([, l]) => l === local)?.[0] ?? local;
      p += `{${prop}}${span.literal.text}`;
    }
  }
  const opts = call.arguments[callee.name.text === "getAPIList" ? 2 : 1];
  let bodyFrom: string | undefined;
  let queryFrom: string | undefined;
  if (opts && ts.isObjectLiteralExpression(opts)) {
    for (const prop of opts.properties) {
      const name = prop.name?.getText();
      const value = ts.isShorthandPropertyAssignment(prop) ? prop.name.text : ts.isPropertyAssignment(prop) ? prop.initializer : undefined;
      const text = typeof value === "string" ? value : value && ts.isIdentifier(value) ? value.text : undefined;
      const literal = (v: unknown) =>
        v && typeof v !== "string" && ts.isObjectLiteralExpression(v as ts.Node)
          ? `literal:${(v as ts.ObjectLiteralExpression).properties.map((x) => x.name?.getText()).join(",")}`
          : "literal:";
      if (name === "body") bodyFrom = text ?? literal(value);
      if (name === "query") queryFrom = text ?? literal(value);
      if (name === "method" && value && typeof value !== "string" && ts.isStringLiteral(value)) verb = VERBS[value.text];
    }
  }
  return { className, method, verb, path: p, named, rest, bodyFrom, queryFrom, wrapper };
}

/** Turns a checker type into a Shape (depth-limited; SDK types are not recursive here). */
function toShape(checker: ts.TypeChecker, type: ts.Type, at: ts.Node, depth = 0): Shape {
  if (depth > 12) return { kind: "unknown" };
  const f = type.flags;
  if (f & (ts.TypeFlags.Any | ts.TypeFlags.Unknown)) return { kind: "unknown" };
  if (f & ts.TypeFlags.Null) return { kind: "null" };
  if (f & ts.TypeFlags.StringLiteral) return { kind: "enum", values: [(type as ts.StringLiteralType).value] };
  if (f & ts.TypeFlags.NumberLiteral) return { kind: "enum", values: [(type as ts.NumberLiteralType).value] };
  if (f & ts.TypeFlags.BooleanLiteral) return { kind: "boolean" };
  if (f & ts.TypeFlags.String) return { kind: "string" };
  if (f & ts.TypeFlags.Number) return { kind: "number" };
  if (f & ts.TypeFlags.Boolean) return { kind: "boolean" };
  if (type.isUnion()) {
    const parts = type.types.filter((t) => !(t.flags & (ts.TypeFlags.Undefined | ts.TypeFlags.Void)));
    if (parts.every((t) => t.flags & ts.TypeFlags.BooleanLiteral)) return { kind: "boolean" };
    if (parts.every((t) => t.isLiteral())) return { kind: "enum", values: parts.map((t) => t.value as string | number) };
    const shapes = parts.map((t) => toShape(checker, t, at, depth + 1));
    return shapes.length === 1 ? shapes[0] : { kind: "union", of: shapes };
  }
  if (checker.isArrayType(type) || checker.isTupleType(type)) {
    const arg = checker.getTypeArguments(type as ts.TypeReference)[0];
    return { kind: "array", of: arg ? toShape(checker, arg, at, depth + 1) : { kind: "unknown" } };
  }
  if (f & ts.TypeFlags.Object || type.isIntersection()) {
    const props: Record<string, { shape: Shape; optional: boolean }> = {};
    for (const sym of checker.getPropertiesOfType(type)) {
      const decl = sym.valueDeclaration ?? sym.declarations?.[0] ?? at;
      props[sym.name] = {
        shape: toShape(checker, checker.getTypeOfSymbolAtLocation(sym, decl), decl, depth + 1),
        optional: (sym.flags & ts.SymbolFlags.Optional) !== 0,
      };
    }
    const index = checker.getIndexTypeOfType(type, ts.IndexKind.String);
    return { kind: "object", props, ...(index ? { index: toShape(checker, index, at, depth + 1) } : {}) };
  }
  return { kind: "unknown" };
}

function omit(shape: Shape, names: string[]): Shape {
  if (shape.kind === "union") return { kind: "union", of: shape.of.map((m) => omit(m, names)) };
  if (shape.kind !== "object") return shape;
  const props = { ...shape.props };
  for (const n of names) delete props[n];
  return { ...shape, props };
}

let cached: Endpoint[] | undefined;

/** Every endpoint of the SDK's Magic Transit / Magic WAN / pcaps and Network Interconnects classes. */
export function extractContract(root = SDK_ROOT): Endpoint[] {
  if (cached && root === SDK_ROOT) return cached;
  const jsFiles = RESOURCE_DIRS.flatMap((d) => filesUnder(path.join(root, d), ".js"));
  const dtsFiles = jsFiles.map((f) => f.replace(/\.js$/, ".d.ts"));
  // Only the resource declarations and the ES5 lib (for Array): following the imports would load
  // the SDK's client, which declares every Cloudflare API and takes seconds. Imports of the SDK's
  // core (APIPromise, pages) stay unresolved; those types are read from the syntax instead.
  const program = ts.createProgram(dtsFiles, {
    noEmit: true,
    noResolve: true,
    skipLibCheck: true,
    lib: ["lib.es5.d.ts"],
    target: ts.ScriptTarget.ES2022,
    moduleResolution: ts.ModuleResolutionKind.Node10,
    types: [],
  });
  const checker = program.getTypeChecker();
  const endpoints: Endpoint[] = [];
  for (const jsFile of jsFiles) {
    const dts = program.getSourceFile(jsFile.replace(/\.js$/, ".d.ts"));
    if (!dts) continue;
    const classes = new Map<string, ts.ClassDeclaration>();
    dts.forEachChild((n) => {
      if (ts.isClassDeclaration(n) && n.name) classes.set(n.name.text, n);
    });
    for (const m of parseJs(jsFile)) {
      const cls = classes.get(m.className);
      const decl = cls?.members.find((x): x is ts.MethodDeclaration => ts.isMethodDeclaration(x) && x.name.getText() === m.method);
      if (!cls || !decl) continue;
      const key =
        (
          cls.members.find((x) => ts.isPropertyDeclaration(x) && x.name.getText() === "_key") as ts.PropertyDeclaration | undefined
        )?.type?.getText() ?? "";
      const sdk = [...key.matchAll(/'([^']+)'/g)]
        .map((x) => x[1])
        .concat(m.method)
        .join(".");
      const paramsDecl = decl.parameters.find((p) => p.name.getText() === "params");
      const params = paramsDecl ? toShape(checker, checker.getTypeAtLocation(paramsDecl), paramsDecl) : undefined;
      const headers = [...m.named.keys()].filter((k) => k.includes("-"));
      const fromLocal = (local?: string): Shape | undefined => {
        if (!local || !params) return undefined;
        if (local.startsWith("literal:")) {
          const keys = local.slice(8).split(",").filter(Boolean);
          return { kind: "object", props: Object.fromEntries(keys.map((k) => [k, { shape: { kind: "unknown" }, optional: true }])) };
        }
        if (local === m.rest) return omit(params, [...m.named.keys()]);
        const prop = [...m.named].find(([, l]) => l === local)?.[0];
        return prop && params.kind === "object" ? params.props[prop]?.shape : undefined;
      };
      const query = fromLocal(m.queryFrom);
      const queryNames = query?.kind === "object" ? Object.keys(query.props) : [];
      // "Use `?validate_only=true` as an optional query parameter": documented in the method's
      // description (SDK and reference alike), not as a declared parameter.
      const doc = decl.getFullText().slice(0, decl.getLeadingTriviaWidth());
      if (/\?validate_only=true/.test(doc.replace(/\s*\*\s*/g, " ")) && !queryNames.includes("validate_only"))
        queryNames.push("validate_only");
      let response: Shape | undefined;
      const ret = decl.type && ts.isTypeReferenceNode(decl.type) ? decl.type : undefined;
      const arg = ret?.typeArguments?.[ret.typeArguments.length - 1];
      if (arg) response = toShape(checker, checker.getTypeFromTypeNode(arg), arg);
      endpoints.push({
        sdk,
        method: m.verb,
        path: m.path,
        query: queryNames.sort(),
        headers,
        body: fromLocal(m.bodyFrom),
        wrapper: m.wrapper,
        response,
      });
    }
  }
  if (root === SDK_ROOT) cached = endpoints;
  return endpoints;
}

/** `/accounts/{account_id}/magic/routes/{routeID}` -> a regexp over concrete paths. */
export function templateRegExp(template: string): RegExp {
  const escaped = template.split(/\{[^}]+\}/).map((s) => s.replace(/[.*+?^$()|[\]\\]/g, "\\$&"));
  return new RegExp(`^${escaped.join("[^/]+")}$`);
}

/** The endpoint of a request: same method, path matching the template with the most literal text. */
export function findEndpoint<E extends { method: string; path: string }>(endpoints: E[], method: string, pathname: string): E | undefined {
  const candidates = endpoints.filter((e) => e.method === method && templateRegExp(e.path).test(pathname));
  return candidates.sort((a, b) => b.path.replace(/\{[^}]+\}/g, "").length - a.path.replace(/\{[^}]+\}/g, "").length)[0];
}
