import * as fs from "node:fs";
import * as path from "node:path";
import type { ResourceDefinition } from "../../provider/framework/define";
import { fieldFacts } from "../../provider/framework/vocabulary";
import { camelToSnake } from "../../shared/values";
import { definitionOf, resourceModules } from "../../provider/registry";
import { Checker, type Mismatch, inputPaths } from "./checker";
import { type Endpoint, extractContract } from "./contract";
import { type Exchange, type Recording, recordEverything } from "./recorder";

/**
 * The project's standing conformance suite (issue 10): every request the provider makes while
 * every resource is created, read, updated, replaced and deleted and every lookup runs, and every
 * answer the emulator gives, checked against the official SDK's declared contract and the API
 * reference's endpoint list. Any mismatch not in allow-list.json (with its reason) fails.
 */
const REFERENCE = JSON.parse(fs.readFileSync(path.join(__dirname, "reference-endpoints.json"), "utf8")).endpoints as Array<{
  method: string;
  path: string;
}>;

interface Entry {
  id: string;
  reason: string;
}
const LISTS = JSON.parse(fs.readFileSync(path.join(__dirname, "allow-list.json"), "utf8")) as { allow: Entry[] };

const glob = (id: string) =>
  new RegExp(
    `^${id
      .split("*")
      .map((s) => s.replace(/[.+?^$()|[\]\\{}]/g, "\\$&"))
      .join(".*")}$`,
  );

/** Every definition-based resource, from the provider's registry (RouteTable is a custom provider). */
const definitions = (): ResourceDefinition[] =>
  Object.keys(resourceModules)
    .map(definitionOf)
    .filter((d): d is ResourceDefinition => d !== undefined);

/** What the checks read of a definition: its token and fields (the field vocabulary says the rest), and its API. */
type CheckedDefinition = Pick<ResourceDefinition, "token" | "inputs"> & Partial<Pick<ResourceDefinition, "api" | "outputs">>;

/** An input path (`lan1.portRanges[]`) as the body path the provider sends (`lan_1.port_ranges[]`). */
function bodyPath(def: CheckedDefinition, input: string): string {
  const { apiNames } = fieldFacts(def);
  return input
    .split(".")
    .map((seg) => {
      const [, name, suffix] = /^([^[{]*)(.*)$/.exec(seg)!;
      return (apiNames[name] ?? camelToSnake(name)) + suffix.replace("{}", "");
    })
    .join(".");
}

/** Inputs a definition accepts that must reach the wire: its zod leaves less its local inputs and path parameters. */
function wireInputs(def: CheckedDefinition): string[] {
  // A path parameter (a parent's id, the adopted object's id) is in the path, never a body field.
  const { local, path } = fieldFacts(def);
  const unsent = new Set([...local, ...path]);
  return inputPaths(def.inputs).filter((p) => !unsent.has(p.split(/[.[{]/)[0]));
}

/** Runs every check over a recording. */
export function checkRecording(recording: Recording, contract: Endpoint[], defs: CheckedDefinition[]): Checker {
  const checker = new Checker(contract, REFERENCE);
  for (const ex of recording.exchanges) checker.checkExchange(ex);
  for (const f of recording.failures) checker.add("step-failed", f.by, f.step, f.message.slice(0, 160), "the step succeeds");
  for (const def of defs) {
    const bodies = recording.exchanges.filter((ex: Exchange) => ex.by === def.token && ex.body !== undefined).map((ex) => ex.body);
    checker.checkInputsSent(def.token, wireInputs(def), bodies, (p) => bodyPath(def, p));
  }
  checker.checkRoundTrip(recording.exchanges);
  // Every input that updates in place was changed by an update step of the scenario.
  for (const def of defs) {
    if (!def.api?.update || !recording.updated) continue;
    const fixed = new Set(fieldFacts(def).replaces);
    const updated = recording.updated.get(def.token) ?? new Set<string>();
    for (const p of wireInputs(def)) {
      const flat = p.replace(/\[\]|\{\}/g, "");
      if (!fixed.has(flat.split(".")[0]) && !updated.has(flat))
        checker.add("input-never-updated", def.token, p, "never changed by an update step", `updates in place (${def.api.update})`);
    }
  }
  return checker;
}

function report(checker: Checker): string {
  const list = checker.mismatches();
  const lines = [`${checker.exchanges} exchanges checked, ${list.length} mismatches`];
  for (const m of list)
    lines.push(`  ${m.kind}  ${m.endpoint}  ${m.field}: we send ${m.sent}; contract: ${m.contract}${m.count > 1 ? ` (x${m.count})` : ""}`);
  return lines.join("\n");
}

describe("the SDK contract extractor", () => {
  const contract = extractContract();
  const find = (sdk: string) => contract.find((e) => e.sdk === sdk)!;

  it("reads method, path, headers, query, body fields with types/enums/required and the response wrapper", () => {
    const create = find("magicTransit.greTunnels.create");
    expect(create).toMatchObject({
      method: "POST",
      path: "/accounts/{account_id}/magic/gre_tunnels",
      headers: ["x-magic-new-hc-target"],
      wrapper: "v4",
    });
    expect(create.body).toMatchObject({
      kind: "object",
      props: { name: { optional: false, shape: { kind: "string" } }, mtu: { optional: true, shape: { kind: "number" } } },
    });
    const hc = (create.body as any).props.health_check.shape.props;
    expect(hc.direction.shape).toEqual({ kind: "enum", values: ["unidirectional", "bidirectional"] });
    expect(hc.rate.shape).toEqual({ kind: "enum", values: ["low", "mid", "high"] });
    expect(find("magicTransit.routes.empty")).toMatchObject({
      method: "DELETE",
      path: "/accounts/{account_id}/magic/routes",
      body: undefined,
    });
    expect(find("magicTransit.ipsecTunnels.pskGenerate")).toMatchObject({ method: "POST", body: undefined, headers: [] });
    expect(find("magicTransit.sites.list")).toMatchObject({ wrapper: "v4-list", query: ["connectorid"] });
    // validate_only: only in the method's description, for the endpoints that say so.
    expect(find("magicTransit.routes.create").query).toEqual(["validate_only"]);
    expect(find("magicTransit.sites.create").query).toEqual([]);
    expect(find("networkInterconnects.cnis.update")).toMatchObject({ method: "PUT", wrapper: "bare" });
    expect(find("networkInterconnects.slots.list").query).toEqual(["address_contains", "cursor", "limit", "occupied", "site", "speed"]);
    // Every Magic Transit / WAN / pcaps / CNI class is read (106 methods in cloudflare@7.3.0).
    expect(contract.length).toBeGreaterThanOrEqual(100);
  });
});

describe("the checker", () => {
  const contract = extractContract();
  const ex = (over: Partial<Exchange>): Exchange => ({
    by: "magic:Synthetic",
    step: "create",
    method: "POST",
    path: "/accounts/0123/magic/routes",
    route: "POST /accounts/:account_id/magic/routes",
    query: {},
    headers: {},
    status: 200,
    ...over,
  });
  const route = { id: "r1", nexthop: "10.0.0.1", prefix: "192.0.2.0/24", priority: 100 };
  const envelope = (result: unknown) => ({ success: true, errors: [], messages: [], result });

  it("reports each kind of departure from the contract", () => {
    const checker = new Checker(contract, REFERENCE);
    checker.checkExchange(
      ex({
        body: { nexthop: "10.0.0.1", prefix: "192.0.2.0/24", priority: "high", colour: "red" },
        answer: envelope({ ...route, colour: "red" }),
      }),
    );
    checker.checkExchange(ex({ method: "DELETE", body: { routes: [{ id: "r1" }] }, answer: envelope({ deleted: true }) }));
    checker.checkExchange(
      ex({
        path: "/accounts/0123/magic/routes/r1",
        method: "PUT",
        query: { force: ["1"] },
        headers: { "x-magic-new-hc-target": "true" },
        body: { nexthop: "10.0.0.1", priority: 1 },
        answer: route,
      }),
    );
    checker.checkExchange(ex({ method: "POST", path: "/accounts/0123/magic/routes/r1/frobnicate", body: {} }));
    const ids = checker.mismatches().map((m: Mismatch) => m.id);
    expect(ids).toEqual(
      expect.arrayContaining([
        "wrong-type POST /accounts/{account_id}/magic/routes priority",
        "unknown-field POST /accounts/{account_id}/magic/routes colour",
        "response-undeclared-field POST /accounts/{account_id}/magic/routes colour",
        "body-not-declared DELETE /accounts/{account_id}/magic/routes (body)",
        "unknown-query PUT /accounts/{account_id}/magic/routes/{routeID} force",
        "header-not-declared PUT /accounts/{account_id}/magic/routes/{routeID} x-magic-new-hc-target",
        "missing-required PUT /accounts/{account_id}/magic/routes/{routeID} prefix",
        "wrong-wrapper PUT /accounts/{account_id}/magic/routes/{routeID} (answer)",
        "no-endpoint POST /accounts/:account_id/magic/routes (body)".replace(" (body)", " -"),
        "not-in-reference POST /accounts/:account_id/magic/routes -",
      ]),
    );
  });

  it("fails a definition field the emulator does not support, and an emulator field the definition does not send", () => {
    // A definition with one extra input (`colour`) the emulator ignores: it is sent, the SDK does
    // not declare it, and the answer does not carry it.
    const { z } = require("zod");
    const synthetic = {
      token: "magic:Synthetic",
      inputs: z.strictObject({
        prefix: z.string(),
        nexthop: z.string(),
        priority: z.number(),
        colour: z.string().optional(),
        weight: z.number().optional(),
      }),
    };
    const recording: Recording = {
      exchanges: [
        ex({ body: { prefix: "192.0.2.0/24", nexthop: "10.0.0.1", priority: 100, colour: "red" }, answer: envelope(route) }),
        ex({
          path: "/accounts/0123/magic/routes/r1",
          method: "PUT",
          body: { prefix: "192.0.2.0/24", nexthop: "10.0.0.1", priority: 100, description: "d" },
          answer: envelope({ modified: true, modified_route: route }),
        }),
      ],
      inputs: new Map(),
      failures: [],
      updated: new Map(),
      outputs: [],
    };
    const ids = checkRecording(recording, contract, [synthetic])
      .mismatches()
      .map((m) => m.id);
    expect(ids).toEqual(
      expect.arrayContaining([
        // definition field never sent (no scenario exercised it) ...
        "input-never-sent magic:Synthetic weight",
        // ... or sent but unknown to the contract ...
        "unknown-field POST /accounts/{account_id}/magic/routes colour",
        // ... a field sent and declared in the answer that the emulator drops ...
        "not-echoed PUT /accounts/{account_id}/magic/routes/{routeID} description",
        // ... and a settable contract field the definition never sends.
        "contract-field-never-sent /accounts/{}/magic/routes scope",
      ]),
    );
    // The emulator answering a field the SDK does not declare.
    const checker = new Checker(contract, REFERENCE);
    checker.checkExchange(
      ex({ method: "GET", path: "/accounts/0123/magic/routes/r1", answer: envelope({ route: { ...route, shiny: true } }) }),
    );
    expect(checker.mismatches().map((m) => m.id)).toEqual([
      "response-undeclared-field GET /accounts/{account_id}/magic/routes/{routeID} route.shiny",
    ]);
  });
});

describe("conformance of every recorded exchange", () => {
  let recording: Recording;
  beforeAll(async () => {
    recording = await recordEverything();
    // CONFORMANCE_DUMP=<file> keeps every exchange for reading (requests and answers).
    if (process.env.CONFORMANCE_DUMP) fs.writeFileSync(process.env.CONFORMANCE_DUMP, JSON.stringify(recording.exchanges, null, 1));
  }, 180_000);

  it("matches the SDK contract and the API reference, except the listed and reasoned mismatches", () => {
    const checker = checkRecording(recording, extractContract(), definitions());
    const text = report(checker);
    process.stdout.write(`${text}\n`);
    const mismatches = checker.mismatches();
    expect(checker.exchanges).toBeGreaterThan(200);
    for (const e of LISTS.allow) expect(e.reason?.length ?? 0).toBeGreaterThan(10);
    const listed = (m: Mismatch) => LISTS.allow.some((e) => glob(e.id).test(m.id));
    const unlisted = mismatches.filter((m) => !listed(m)).map((m) => `${m.id}: we send ${m.sent}; contract: ${m.contract}`);
    const stale = LISTS.allow
      .map((e) => `allow: ${e.id}`)
      .filter((line) => !mismatches.some((m) => glob(line.slice(line.indexOf(": ") + 2)).test(m.id)));
    expect({ unlisted, stale }).toEqual({ unlisted: [], stale: [] });
  });

  it("fails as soon as a real definition gains an input that never reaches the wire", () => {
    const { z } = require("zod");
    const gre = definitions().find((d) => d.token === "magic:GreTunnel")!;
    const grown = { ...gre, inputs: (gre.inputs as any).extend({ keepaliveInterval: z.number().optional() }) };
    const ids = checkRecording(recording, extractContract(), [grown])
      .mismatches()
      .map((m) => m.id);
    expect(ids).toContain("input-never-sent magic:GreTunnel keepaliveInterval");
    expect(
      checkRecording(recording, extractContract(), [gre])
        .mismatches()
        .filter((m) => m.endpoint === "magic:GreTunnel"),
    ).toEqual([]);
  });

  it("exercised every resource and every lookup", () => {
    const by = new Set(recording.exchanges.map((e) => e.by));
    for (const def of definitions()) expect(by).toContain(def.token);
    expect(by).toContain("magic:RouteTable");
    // The Output forms (getXOutput) call these Promise forms: tests/lookups/output-forms.test.ts.
    const lookups = Object.keys(require("../../sdk/lookups")).filter((k) => /^(get|download)/.test(k) && !k.endsWith("Output"));
    const ran = new Set([...by].filter((b) => b.startsWith("lookup:")).map((b) => b.slice(7)));
    // Each lookup function is called by name, directly or inside the lookup step of its family.
    const source = fs.readFileSync(path.join(__dirname, "recorder.ts"), "utf8");
    for (const l of lookups) expect(source.includes(`sdk.${l}(`) ? l : `not called: ${l}`).toBe(l);
    expect(ran.size).toBeGreaterThan(20);
  });
});
