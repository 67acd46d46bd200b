import * as fs from "node:fs";
import * as path from "node:path";
import ts from "typescript";
import { z } from "zod";
import { type Emulator, startEmulator } from "../../emulator";
import { fieldMeta } from "../../provider/framework/define";
import { connectorSnapshot } from "../../provider/resources/magic/connector-telemetry";
import { convertKeys, isPlainObject, snakeToCamel } from "../../shared/values";
import { ACCOUNT, TOKEN } from "../resources/stack";

/**
 * What the API answers beyond its objects (a connector's telemetry snapshot) is declared once, as a
 * schema under provider/resources/, and the sdk's types are generated from it. It was transcribed
 * from Cloudflare's official SDK: these tests hold it to that SDK's declaration (every field, its
 * spelling, whether it is always there) and the emulator's answers to it (no field it does not know).
 */

const REPO = path.join(__dirname, "..", "..");
const SNAPSHOTS = path.join(REPO, "node_modules/cloudflare/resources/magic-transit/connectors/snapshots/snapshots.d.ts");

/** A shape as field -> "required" | "optional", nested objects (list elements) under `field[]`. */
type Shape = Record<string, string>;

/** `SnapshotGetResponse` of the official SDK, fields camelCased as the lookups return them. */
function sdkShape(): Shape {
  const source = ts.createSourceFile(SNAPSHOTS, fs.readFileSync(SNAPSHOTS, "utf8"), ts.ScriptTarget.Latest, true);
  const interfaces = new Map<string, ts.InterfaceDeclaration>();
  const collect = (node: ts.Node, scope: string[]) => {
    if (ts.isInterfaceDeclaration(node)) interfaces.set([...scope, node.name.text].join("."), node);
    if (ts.isModuleDeclaration(node) && node.body && ts.isModuleBlock(node.body))
      for (const s of node.body.statements) collect(s, [...scope, node.name.text]);
    else if (!ts.isModuleDeclaration(node)) ts.forEachChild(node, (c) => collect(c, scope));
  };
  collect(source, []);
  const out: Shape = {};
  const walk = (name: string, prefix: string) => {
    const node = interfaces.get(name);
    if (!node) throw new Error(`the official SDK has no ${name}`);
    for (const member of node.members) {
      if (!ts.isPropertySignature(member) || !member.type) continue;
      const key = `${prefix}${snakeToCamel((member.name as ts.Identifier).text)}`;
      out[key] = member.questionToken ? "optional" : "required";
      const list = /^Array<(?:[\w.]+\.)?(\w+)>$/.exec(member.type.getText(source));
      if (list) walk(`${name.startsWith("SnapshotGetResponse.") ? name : "SnapshotGetResponse"}.${list[1]}`, `${key}[].`);
    }
  };
  walk("SnapshotGetResponse", "");
  return out;
}

function schemaShape(schema: z.ZodType, prefix = ""): Shape {
  const out: Shape = {};
  const object = schema as z.ZodObject;
  for (const [k, field] of Object.entries(object.shape) as Array<[string, z.ZodType]>) {
    const optional = field instanceof z.ZodOptional;
    out[`${prefix}${k}`] = optional ? "optional" : "required";
    const inner = optional ? (field.unwrap() as z.ZodType) : field;
    if (inner instanceof z.ZodArray && inner.element instanceof z.ZodObject)
      Object.assign(out, schemaShape(inner.element, `${prefix}${k}[].`));
  }
  return out;
}

test("the connector snapshot schema is the official SDK's SnapshotGetResponse, field for field", () => {
  const ours = schemaShape(connectorSnapshot());
  expect(Object.keys(ours).length).toBeGreaterThan(200);
  expect(ours).toEqual(sdkShape());
  // The API's own spelling is kept, as the SDK has it.
  expect(ours["thermals[].criticalCelcius"]).toBe("optional");
  expect(fieldMeta(connectorSnapshot()).state).toBe("ConnectorSnapshot");
});

describe("the emulator's telemetry answers", () => {
  let emulator: Emulator;
  beforeAll(async () => {
    emulator = await startEmulator({ tokens: [TOKEN] });
  });
  afterAll(async () => {
    await emulator.close();
  });

  it("hold only fields the snapshot schema declares, and every one it requires", async () => {
    const call = async (method: string, p: string, body?: unknown) => {
      const res = await fetch(`${emulator.url}/accounts/${ACCOUNT}${p}`, {
        method,
        headers: { authorization: `Bearer ${TOKEN}`, "content-type": "application/json" },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      return ((await res.json()) as { result: Record<string, unknown> }).result;
    };
    const connector = await call("POST", "/magic/connectors", { device: { provision_license: true } });
    const latest = await call("GET", `/magic/connectors/${String(connector.id)}/telemetry/snapshots/latest`);
    const [snapshot] = latest.items as unknown[];
    const declared = schemaShape(connectorSnapshot());
    const answered: string[] = [];
    const walk = (v: Record<string, unknown>, prefix: string) => {
      for (const [k, x] of Object.entries(v)) {
        answered.push(`${prefix}${k}`);
        if (Array.isArray(x)) for (const e of x) if (isPlainObject(e)) walk(e, `${prefix}${k}[].`);
      }
    };
    walk(convertKeys(snapshot, snakeToCamel) as Record<string, unknown>, "");
    expect(answered.filter((k) => !(k in declared))).toEqual([]);
    const required = Object.keys(declared).filter((k) => declared[k] === "required" && !k.includes("[]"));
    expect(required.filter((k) => !answered.includes(k))).toEqual([]);
  });
});
