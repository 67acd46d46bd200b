/**
 * Checks recorded exchanges against the SDK contract (contract.ts) and the API reference's list of
 * documented endpoints (reference-endpoints.json), and checks that every input field a definition
 * accepts reached the wire, came back from the emulator, and that the contract has no settable
 * field we never send. Every finding is a Mismatch with a stable `id` the allow-list refers to.
 */
import type { z } from "zod";
import { schemaLayers } from "../../provider/framework/define";
import { type Endpoint, type Shape, findEndpoint, templateRegExp } from "./contract";
import type { Exchange } from "./recorder";

export interface Mismatch {
  /** `<kind> <endpoint> <field>`: what allow-list entries name. */
  id: string;
  kind: MismatchKind;
  /** `METHOD /template` (SDK template when known, else the emulator's route), or a resource token. */
  endpoint: string;
  field: string;
  sent: string;
  contract: string;
  /** How many exchanges showed it. */
  count: number;
}

export type MismatchKind =
  | "no-endpoint" // method + path not in the SDK
  | "not-in-reference" // method + path not in the API reference
  | "unknown-query"
  | "header-not-declared" // we send a header the endpoint does not take
  | "header-not-sent" // the endpoint takes a header we do not send
  | "body-not-declared" // we send a body to an endpoint that takes none
  | "unknown-field"
  | "missing-required"
  | "wrong-type"
  | "not-in-enum"
  | "wrong-wrapper"
  | "response-missing-required"
  | "response-undeclared-field"
  | "response-wrong-type"
  | "rejected" // the emulator answered an error to a request of a normal lifecycle
  | "step-failed" // a lifecycle step or lookup failed
  | "input-never-sent" // a definition input that never reached a request body
  | "input-never-updated" // an updatable definition input no in-place update changed
  | "not-echoed" // a body field the contract answers back, missing from the emulator's answer
  | "contract-field-never-sent"; // a settable field of the contract we never send

export interface ReferenceEndpoint {
  method: string;
  path: string;
}

const show = (v: unknown) => {
  const text = v === undefined ? "(nothing)" : JSON.stringify(v);
  return text.length > 80 ? `${text.slice(0, 77)}...` : text;
};

function describe(shape: Shape): string {
  switch (shape.kind) {
    case "enum":
      return shape.values.map((v) => JSON.stringify(v)).join(" | ");
    case "array":
      return `array of ${describe(shape.of)}`;
    case "object":
      return "object";
    case "union":
      return shape.of.map(describe).join(" | ");
    default:
      return shape.kind;
  }
}

interface Issue {
  kind: "unknown-field" | "missing-required" | "wrong-type" | "not-in-enum";
  field: string;
  sent: string;
  contract: string;
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

/** Every way `value` departs from `shape`; fields are dotted paths, array members as `[]`. */
export function validate(value: unknown, shape: Shape, at = ""): Issue[] {
  const field = at || "(body)";
  switch (shape.kind) {
    case "unknown":
      return [];
    case "string":
    case "number":
    case "boolean":
      return typeof value === shape.kind ? [] : [{ kind: "wrong-type", field, sent: show(value), contract: shape.kind }];
    case "null":
      return value === null ? [] : [{ kind: "wrong-type", field, sent: show(value), contract: "null" }];
    case "enum":
      return shape.values.includes(value as string) ? [] : [{ kind: "not-in-enum", field, sent: show(value), contract: describe(shape) }];
    case "array":
      if (!Array.isArray(value)) return [{ kind: "wrong-type", field, sent: show(value), contract: describe(shape) }];
      return value.flatMap((v) => validate(v, shape.of, `${at}[]`));
    case "union": {
      let best: { issues: Issue[]; score: number } | undefined;
      for (const member of shape.of) {
        const issues = validate(value, member, at);
        if (issues.length === 0) return [];
        // A member of the same outer kind explains the value better than one of another kind.
        const sameKind = (member.kind === "object") === isObject(value) && (member.kind === "array") === Array.isArray(value);
        const score = issues.length + (sameKind ? 0 : 1000);
        if (!best || score < best.score) best = { issues, score };
      }
      return best?.issues ?? [];
    }
    case "object": {
      if (!isObject(value)) return [{ kind: "wrong-type", field, sent: show(value), contract: "object" }];
      const issues: Issue[] = [];
      for (const [k, v] of Object.entries(value)) {
        const p = at ? `${at}.${k}` : k;
        const declared = shape.props[k];
        if (declared) issues.push(...validate(v, declared.shape, p));
        else if (shape.index) issues.push(...validate(v, shape.index, at ? `${at}.*` : "*"));
        else issues.push({ kind: "unknown-field", field: p, sent: show(v), contract: "not declared" });
      }
      for (const [k, declared] of Object.entries(shape.props)) {
        if (!declared.optional && !(k in value))
          issues.push({
            kind: "missing-required",
            field: at ? `${at}.${k}` : k,
            sent: "(absent)",
            contract: `required ${describe(declared.shape)}`,
          });
      }
      return issues;
    }
  }
}

/** Every field path of a value: `a`, `a.b`, `a.c[]`, `a.c[].d` (objects and arrays of objects). */
export function valuePaths(value: unknown, at = "", out = new Set<string>()): Set<string> {
  if (Array.isArray(value)) {
    for (const v of value) valuePaths(v, `${at}[]`, out);
  } else if (isObject(value)) {
    for (const [k, v] of Object.entries(value)) {
      const p = at ? `${at}.${k}` : k;
      out.add(p);
      valuePaths(v, p, out);
    }
  }
  return out;
}

/** Every field path a shape declares (object members, recursively; maps stop at their key). */
export function shapePaths(shape: Shape, at = "", out = new Set<string>(), depth = 0): Set<string> {
  if (depth > 8) return out;
  if (shape.kind === "array") shapePaths(shape.of, `${at}[]`, out, depth + 1);
  if (shape.kind === "union") for (const m of shape.of) shapePaths(m, at, out, depth + 1);
  if (shape.kind === "object") {
    for (const [k, v] of Object.entries(shape.props)) {
      const p = at ? `${at}.${k}` : k;
      out.add(p);
      shapePaths(v.shape, p, out, depth + 1);
    }
  }
  return out;
}

/** The declared shape at a field path, or undefined when the contract does not declare it. */
function shapeAt(shape: Shape | undefined, pathText: string): Shape | undefined {
  let current: Shape[] = shape ? [shape] : [];
  for (const part of pathText.split(".")) {
    const name = part.replace(/\[\]$/g, "");
    const next: Shape[] = [];
    const expand = (s: Shape): void => {
      if (s.kind === "union") s.of.forEach(expand);
      else if (s.kind === "array") expand(s.of);
      else if (s.kind === "object") {
        const p = s.props[name]?.shape ?? s.index;
        if (p) next.push(p);
      } else if (s.kind === "unknown") next.push(s);
    };
    current.forEach(expand);
    current = next;
    if (!current.length) return undefined;
  }
  return current[0];
}

export class Checker {
  private readonly found = new Map<string, Mismatch>();
  exchanges = 0;

  constructor(
    private readonly contract: Endpoint[],
    private readonly reference: ReferenceEndpoint[],
  ) {}

  mismatches(): Mismatch[] {
    return [...this.found.values()].sort((a, b) => a.id.localeCompare(b.id));
  }

  add(kind: MismatchKind, endpoint: string, field: string, sent: string, contract: string): void {
    const id = `${kind} ${endpoint} ${field}`;
    const known = this.found.get(id);
    if (known) known.count++;
    else this.found.set(id, { id, kind, endpoint, field, sent, contract, count: 1 });
  }

  endpointOf(ex: Pick<Exchange, "method" | "path">): Endpoint | undefined {
    return findEndpoint(this.contract, ex.method, ex.path);
  }

  /** One exchange against the SDK contract and the reference's endpoint list. */
  checkExchange(ex: Exchange): void {
    this.exchanges++;
    const ep = this.endpointOf(ex);
    const name = ep ? `${ep.method} ${ep.path}` : ex.route;
    if (!this.reference.some((r) => r.method === ex.method && templateRegExp(r.path).test(ex.path))) {
      this.add("not-in-reference", name, "-", `${ex.method} ${ex.path}`, "the API reference documents no such method + path");
    }
    if (!ep) {
      this.add("no-endpoint", name, "-", `${ex.method} ${ex.path}`, "the SDK has no method for this method + path");
      return;
    }
    for (const q of Object.keys(ex.query)) {
      if (!ep.query.includes(q))
        this.add(
          "unknown-query",
          name,
          q,
          show(ex.query[q].join(",")),
          ep.query.length ? `one of ${ep.query.join(", ")}` : "no query parameters",
        );
    }
    const hc = "x-magic-new-hc-target";
    if (ex.headers[hc] !== undefined && !ep.headers.includes(hc))
      this.add("header-not-declared", name, hc, show(ex.headers[hc]), "the SDK sends no such header here");
    for (const h of ep.headers) {
      if (ex.headers[h] === undefined) this.add("header-not-sent", name, h, "(absent)", "declared by the SDK (optional)");
    }
    if (ex.body !== undefined) {
      if (!ep.body) this.add("body-not-declared", name, "(body)", show(ex.body), "the SDK sends no body");
      else for (const i of validate(ex.body, ep.body)) this.add(i.kind, name, i.field, i.sent, i.contract);
    } else if (ep.body) {
      for (const i of validate({}, ep.body)) this.add(i.kind, name, i.field, i.sent, i.contract);
    }
    if (ex.status === null || ex.status >= 400) {
      // A 404 answers a read or delete of an object that is gone: part of the contract, not a fault.
      const gone = ex.status === 404 && (ex.method === "GET" || ex.method === "DELETE");
      if (!gone) this.add("rejected", name, "-", `status ${ex.status}: ${show(errorsOf(ex.answer))}`, "a 2xx answer");
      return;
    }
    this.checkAnswer(ex, ep, name);
  }

  private checkAnswer(ex: Exchange, ep: Endpoint, name: string): void {
    if (ex.answer === undefined) return; // binary answer (LOA, PCAP download)
    // `APIPromise<void>` (a delete whose answer the SDK never reads): any answer will do.
    if (ep.wrapper === "bare" && (!ep.response || ep.response.kind === "unknown")) return;
    const payload = unwrap(ex.answer, ep.wrapper);
    if (payload === WRONG) {
      this.add(
        "wrong-wrapper",
        name,
        "(answer)",
        show(ex.answer),
        ep.wrapper === "bare"
          ? "the object itself (no envelope)"
          : ep.wrapper === "v4"
            ? "v4 envelope {success, errors, messages, result}"
            : "v4 envelope with an array result",
      );
      return;
    }
    if (!ep.response) return;
    const items = ep.wrapper === "v4-list" ? (payload as unknown[]) : [payload];
    for (const item of items) {
      for (const i of validate(item, ep.response)) {
        const kind =
          i.kind === "unknown-field"
            ? "response-undeclared-field"
            : i.kind === "missing-required"
              ? "response-missing-required"
              : "response-wrong-type";
        this.add(kind, name, i.field, i.sent, i.contract);
      }
    }
  }

  /**
   * A definition's inputs reached the wire: every input leaf (from its zod schema, less local
   * inputs) is in some request body of that resource. `toBody` maps an input path to its body path.
   */
  checkInputsSent(token: string, inputPaths: string[], sentBodies: unknown[], toBody: (p: string) => string): void {
    const sent = new Set<string>();
    for (const b of sentBodies) for (const p of valuePaths(b)) sent.add(p.replace(/\[\]/g, ""));
    for (const input of inputPaths) {
      const body = toBody(input).replace(/\[\]/g, "");
      if (!sent.has(body)) this.add("input-never-sent", token, input, "never in a request body", `body field ${body}`);
    }
  }

  /**
   * Create/update exchanges: every field we sent that the contract's answer declares came back in
   * the emulator's answer (else the emulator ignores a field the definition sends), and every
   * settable field of the contract was sent at least once (else the definition lacks it).
   */
  checkRoundTrip(exchanges: Exchange[], ignoreNeverSent: (endpoint: string, field: string) => boolean = () => false): void {
    const sentPerEndpoint = new Map<string, { ep: Endpoint; paths: Set<string> }>();
    for (const ex of exchanges) {
      if (!["POST", "PUT", "PATCH"].includes(ex.method) || !isObject(ex.body) || ex.status === null || ex.status >= 400) continue;
      const ep = this.endpointOf(ex);
      if (!ep?.body) continue;
      const name = `${ep.method} ${ep.path}`;
      const entry = sentPerEndpoint.get(name) ?? { ep, paths: new Set<string>() };
      sentPerEndpoint.set(name, entry);
      const sent = valuePaths(ex.body);
      sent.forEach((p) => entry.paths.add(p));
      const object = answeredObject(ex.answer, ep, ex.body);
      if (!object || !ep.response) continue;
      const answered = valuePaths(object);
      for (const p of sent) {
        if (answered.has(p)) continue;
        const declared = shapeAt(ep.response.kind === "object" && ep.wrapper !== "bare" ? unwrapShape(ep.response) : ep.response, p);
        if (declared) this.add("not-echoed", name, p, "sent, not in the emulator's answer", `answered as ${describe(declared)}`);
      }
    }
    // Per resource (its collection: create, update and edit endpoints together), every settable
    // field of the contract is sent somewhere.
    const perResource = new Map<string, { accepted: Set<string>; sent: Set<string> }>();
    for (const [name, { ep, paths }] of sentPerEndpoint) {
      const key = name
        .split(" ")[1]
        .replace(/\/\{[^}]+\}$/, "")
        .replace(/\{[^}]+\}/g, "{}");
      const entry = perResource.get(key) ?? { accepted: new Set<string>(), sent: new Set<string>() };
      perResource.set(key, entry);
      for (const p of shapePaths(ep.body!)) entry.accepted.add(p.replace(/\[\]/g, ""));
      for (const p of paths) entry.sent.add(p.replace(/\[\]/g, ""));
    }
    for (const [resource, { accepted, sent }] of perResource) {
      for (const flat of [...accepted].sort()) {
        // Only fields under something we send: an unsent optional object's members add nothing.
        const parent = flat.includes(".") ? flat.slice(0, flat.lastIndexOf(".")) : "";
        if (sent.has(flat) || (parent && !sent.has(parent)) || ignoreNeverSent(resource, flat)) continue;
        this.add("contract-field-never-sent", resource, flat, "never sent", "the SDK accepts it on create or update");
      }
    }
  }
}

const WRONG = Symbol("wrong wrapper");

function unwrap(answer: unknown, wrapper: Endpoint["wrapper"]): unknown {
  const enveloped = isObject(answer) && "success" in answer && "errors" in answer && "result" in answer;
  if (wrapper === "bare") return enveloped ? WRONG : answer;
  if (!enveloped || !Array.isArray((answer as any).errors) || !Array.isArray((answer as any).messages ?? [])) return WRONG;
  const result = (answer as any).result;
  if (wrapper === "v4-list" && !Array.isArray(result)) return WRONG;
  return result;
}

function errorsOf(answer: unknown): unknown {
  return isObject(answer) && "errors" in answer ? answer.errors : answer;
}

/** `{modified, modified_gre_tunnel: {...}}` -> the inner object's shape (the one object-valued member). */
function unwrapShape(shape: Shape): Shape {
  if (shape.kind !== "object") return shape;
  const objects = Object.values(shape.props).filter(
    (p) => p.shape.kind === "object" || (p.shape.kind === "array" && p.shape.of.kind === "object"),
  );
  if (objects.length === 1 && Object.keys(shape.props).every((k) => shape.props[k].shape.kind !== "string" || k === "id")) {
    const only = objects[0].shape;
    if ("id" in shape.props) return shape;
    return only.kind === "array" ? only.of : only;
  }
  return shape;
}

/** The object a create/update answered (inside wrappers and single-item lists). */
function answeredObject(answer: unknown, ep: Endpoint, body: Record<string, unknown>): Record<string, unknown> | undefined {
  let v = unwrap(answer, ep.wrapper);
  if (v === WRONG) return undefined;
  if (Array.isArray(v)) v = v.find((x) => isObject(x) && Object.keys(body).every((k) => k in x)) ?? v[v.length - 1];
  // `{modified, modified_gre_tunnel: {...}}`: the one object inside, unless v is the object itself.
  if (isObject(v) && !("id" in v) && !Object.keys(body).some((k) => k in (v as object))) {
    const inner = Object.values(v).filter((x) => isObject(x) || Array.isArray(x));
    if (inner.length === 1) v = Array.isArray(inner[0]) ? inner[0][inner[0].length - 1] : inner[0];
  }
  return isObject(v) ? v : undefined;
}

/** Input leaf paths of a zod object schema: `healthCheck.rate`, `routedSubnets[].nextHop`, `reservations{}`. */
export function inputPaths(schema: z.ZodType): string[] {
  const out: string[] = [];
  const unwrapZod = (s: any): any => {
    for (;;) {
      const layers = schemaLayers(s);
      s = layers[layers.length - 1];
      if (s._zod.def.type === "pipe") s = s._zod.def.in;
      else return s;
    }
  };
  const walk = (s: any, at: string): void => {
    s = unwrapZod(s);
    const d = s._zod.def;
    if (d.type === "object") {
      for (const [k, v] of Object.entries(d.shape)) walk(v, at ? `${at}.${k}` : k);
      return;
    }
    if (d.type === "array") return walk(d.element, `${at}[]`);
    if (d.type === "union") {
      const structured = d.options.map(unwrapZod).filter((o: any) => ["object", "array"].includes(o._zod.def.type));
      if (structured.length) {
        const before = out.length;
        structured.forEach((o: any) => walk(o, at));
        if (out.length > before) return;
      }
    }
    if (d.type === "record") {
      out.push(`${at}{}`);
      return;
    }
    out.push(at);
  };
  walk(schema, "");
  return [...new Set(out)];
}
