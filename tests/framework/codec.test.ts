import fc from "fast-check";
import { z } from "zod";
import { buildCodec } from "../../provider/framework/codec";
import { defineResource } from "../../provider/framework/define";
import { definition as staticRoute } from "../../provider/resources/magic/routes/static-route";
import { UNKNOWN, isSecretValue } from "../../shared/values";
import { runs } from "../property";

/**
 * The state codec (provider/framework/codec.ts) on a definition that uses every key of the field
 * vocabulary: request body <-> outputs <-> recorded inputs <-> changed paths, without a request.
 */

const ACCOUNT = "0123456789abcdef0123456789abcdef";

const widget = defineResource({
  token: "test:Widget",
  kind: "Widget",
  inputs: z.strictObject({
    parentId: z.string().meta({ description: "The parent.", path: true }),
    name: z.string().meta({ description: "Name.", unique: true }),
    mtu: z.number().optional().meta({ description: "MTU.", default: 1476 }),
    tags: z.array(z.string()).optional().meta({ description: "Tags.", unordered: true }),
    side1: z
      .strictObject({ port: z.number().optional().meta({ description: "Port." }) })
      .optional()
      .meta({ description: "Side one.", apiName: "side_1" }),
    leases: z.record(z.string(), z.string()).optional().meta({ description: "MAC -> IP.", opaqueMap: true }),
    shape: z.string().optional().meta({ description: "Made once.", createOnly: true }),
    trigger: z.string().optional().meta({ description: "Ours.", local: true }),
    key: z.string().optional().meta({ description: "Never read back.", secret: true, neverReadBack: true }),
    bgp: z
      .strictObject({
        asn: z.number().meta({ description: "ASN." }),
        md5Key: z.string().optional().meta({ description: "Key.", secret: true }),
      })
      .optional()
      .meta({ description: "BGP." }),
  }),
  outputs: z.object({
    createdOn: z.string().meta({ description: "When." }),
    token: z.string().optional().meta({ description: "Made after create.", madeAfterCreate: true, neverReadBack: true }),
  }),
  api: {
    envelope: "v4",
    collection: ({ accountId, props }) => `/accounts/${accountId}/parents/${String(props.parentId)}/widgets`,
    item: ({ accountId, props }, id) => `/accounts/${accountId}/parents/${String(props.parentId)}/widgets/${id}`,
    wrappers: {},
    update: "PUT",
    permission: "Widgets: Edit",
  },
  lifecycle: { kind: "object" },
  toApi: (body, _inputs, update) => (update ? { ...body, id: update.id } : body),
  state: { version: 2, upgrades: { 0: (s) => s, 1: (s) => s } },
});
const codec = buildCodec(widget);

const program = {
  parentId: "p1",
  name: "w1",
  tags: ["b", "a"],
  side1: { port: 8 },
  leases: { "00:AA:bb:CC:dd:EE": "10.0.0.2" },
  shape: "round",
  trigger: "t1",
  key: "k1",
  bgp: { asn: 65000, md5Key: "m1" },
};

describe("the field vocabulary, as the codec reads it", () => {
  it("collects each fact from the fields", () => {
    expect(codec.facts).toMatchObject({
      replaces: ["parentId", "shape"],
      createOnly: ["shape"],
      local: ["trigger"],
      path: ["parentId"],
      neverReadBack: ["key", "token"],
      madeAfterCreate: ["token"],
      unique: ["name"],
      apiNames: { side1: "side_1" },
      opaqueMaps: { camel: ["leases"], api: ["leases"] },
      secrets: ["key", "bgp.md5Key"],
    });
    expect(codec.version).toBe(2);
  });
});

describe("request body", () => {
  it("leaves out the account, the path parameter and our own fields; keeps map keys; names fields as the API does", () => {
    expect(codec.body({ ...program, accountId: ACCOUNT })).toEqual({
      name: "w1",
      tags: ["b", "a"],
      side_1: { port: 8 },
      leases: { "00:AA:bb:CC:dd:EE": "10.0.0.2" },
      shape: "round",
      key: "k1",
      bgp: { asn: 65000, md5_key: "m1" },
    });
  });

  it("an update leaves out create-only fields too, and gets the id through toApi", () => {
    expect(codec.body(program, { id: "w-1", olds: {} })).not.toHaveProperty("shape");
    expect(codec.body(program, { id: "w-1", olds: {} })).toMatchObject({ id: "w-1" });
  });

  it("an update keeps live fields the program never set, clears removed ones (at their default where documented), and puts the program's on top", () => {
    const olds = { ...program, mtu: 1400, side1: { port: 8 }, __inputPaths: ["name", "mtu", "side1.port", "tags"] };
    const { body, removed } = codec.update("w-1", olds, { parentId: "p1", name: "w2", side1: { port: 9 } });
    expect(removed.sort()).toEqual(["mtu", "tags"]);
    expect(body).toMatchObject({ id: "w-1", name: "w2", mtu: 1476, side_1: { port: 9 }, key: "k1", bgp: { asn: 65000, md5_key: "m1" } });
    expect(body).not.toHaveProperty("tags");
  });
});

describe("outputs", () => {
  const live = {
    id: "w-1",
    name: "w1",
    tags: ["a", "b"],
    side_1: { port: 8 },
    leases: { "00:AA:bb:CC:dd:EE": "10.0.0.2" },
    bgp: { asn: 65000 },
    created_on: "2026-01-01T08:00:00.000000Z",
    extra_field: 1,
  };
  const outs = codec.outputs(live, {
    accountId: ACCOUNT,
    source: { ...program, __resourceName: "w", __provider: "shim" },
    paths: ["name", "tags"],
    previous: { createdOn: "2026-01-01T08:00:00Z", token: "t-old" },
  });

  it("camelCase, in the program's order and spelling, defaults filled in, the id left out", () => {
    expect(outs).toMatchObject({ name: "w1", tags: ["b", "a"], side1: { port: 8 }, mtu: 1476, extraField: 1 });
    expect(outs).not.toHaveProperty("id");
    expect(outs.leases).toEqual({ "00:AA:bb:CC:dd:EE": "10.0.0.2" });
  });

  it("what the API never returns comes from the program or the state; our fields and the path parameter from the program", () => {
    expect(outs).toMatchObject({ key: "k1", token: "t-old", trigger: "t1", parentId: "p1" });
    expect(outs.bgp).toEqual({ asn: 65000 });
  });

  it("carries our keys, the account, the input leaves and the state version, and keeps the state's spelling of a time", () => {
    expect(outs).toMatchObject({ accountId: ACCOUNT, __resourceName: "w", __inputPaths: ["name", "tags"], __stateVersion: 2 });
    expect(outs).not.toHaveProperty("__provider");
    expect(outs.createdOn).toBe("2026-01-01T08:00:00Z");
  });

  it("a lookup sees the outputs without our keys", () => {
    const listed = codec.listed(live, ACCOUNT);
    expect(Object.keys(listed).filter((k) => k.startsWith("__"))).toEqual([]);
    expect(listed).toMatchObject({ name: "w1", accountId: ACCOUNT });
  });

  it("secrets, nested ones alone, go back in the engine's secret form", () => {
    const sealed = codec.seal({ key: "k1", bgp: { asn: 1, md5Key: "m" } });
    expect(isSecretValue(sealed.key)).toBe(true);
    expect((sealed.bgp as Record<string, unknown>).asn).toBe(1);
    expect(isSecretValue((sealed.bgp as Record<string, unknown>).md5Key)).toBe(true);
  });
});

describe("recorded inputs and changed paths", () => {
  it("a refresh records the live values at the program's leaves, as the schema declares them, defaults where absent", () => {
    const outs = {
      name: "w9",
      mtu: 1400,
      tags: ["a"],
      extraField: 1,
      __resourceName: "w",
      __inputPaths: ["name", "mtu"],
      __stateVersion: 2,
    };
    expect(codec.recordedInputs(outs, ["name", "mtu", "side1.port"], outs)).toEqual({ name: "w9", mtu: 1400, __resourceName: "w" });
    expect(codec.recordedInputs({}, ["mtu"], {})).toEqual({ mtu: 1476 });
  });

  it("the leaves state records, or an import's given leaves", () => {
    expect(codec.inputPaths({ name: "a", __inputPaths: ["name"] })).toEqual(["name"]);
    expect(codec.inputPaths({ name: "a", bgp: { asn: 1 }, __token: "t" })).toEqual(["name", "bgp.asn"]);
  });

  it("a removed input is a change, a default and its absence are not, a reordered set is not, an unknown always is", () => {
    const state = { name: "w1", mtu: 1476, tags: ["a", "b"], trigger: "t", __inputPaths: ["name", "tags", "trigger"] };
    expect(codec.changedPaths(state, { name: "w1", tags: ["b", "a"], trigger: "t" })).toEqual([]);
    expect(codec.changedPaths(state, { name: "w1", tags: ["b", "a"], trigger: "t", mtu: 1476 })).toEqual([]);
    expect(codec.changedPaths(state, { name: "w1", tags: ["b", "a"] })).toEqual(["trigger"]);
    expect(codec.changedPaths(state, { name: UNKNOWN, tags: ["b", "a"], trigger: "t" })).toEqual(["name"]);
    expect(codec.removedPaths(state, { name: "w1" })).toEqual(["tags", "trigger"]);
  });
});

describe("round trip", () => {
  const inputsArb = fc.record(
    {
      parentId: fc.constantFrom("p1", "p2"),
      name: fc.string({ minLength: 1, maxLength: 8 }),
      mtu: fc.integer({ min: 576, max: 9000 }),
      tags: fc.uniqueArray(fc.constantFrom("a", "b", "c", "d"), { maxLength: 4 }),
      side1: fc.record({ port: fc.integer({ min: 1, max: 65535 }) }, { requiredKeys: [] }),
      leases: fc.dictionary(fc.constantFrom("00:AA:bb:CC:dd:EE", "aa:bb:cc:dd:ee:ff", "Lease_1"), fc.constantFrom("10.0.0.2", "10.0.0.3")),
      shape: fc.constantFrom("round", "square"),
      trigger: fc.string({ maxLength: 4 }),
      key: fc.string({ minLength: 1, maxLength: 4 }),
      bgp: fc.record(
        { asn: fc.integer({ min: 1, max: 65535 }), md5Key: fc.string({ minLength: 1, maxLength: 4 }) },
        { requiredKeys: ["asn"] },
      ),
    },
    { requiredKeys: ["parentId", "name"] },
  );

  it("what the API holds after a create (its body, answered back in any set order) is what the program wrote: no change, and a refresh records the program", () => {
    fc.assert(
      fc.property(inputsArb, fc.boolean(), (inputs, reorder) => {
        const body = codec.body(inputs);
        // The API answers what it was sent (a key it never returns aside), with its id and its own fields.
        const { key: _key, ...answered } = body;
        if (reorder && Array.isArray(answered.tags)) answered.tags = [...(answered.tags as string[])].reverse();
        const paths = codec.inputPaths(inputs);
        const outs = codec.outputs(
          { ...answered, id: "w-1", created_on: "2026-01-01T00:00:00Z" },
          { accountId: ACCOUNT, source: inputs, paths },
        );
        expect(codec.changedPaths(outs, inputs)).toEqual([]);
        expect(codec.recordedInputs(outs, paths, outs)).toEqual(inputs);
      }),
      runs(200),
    );
  });
});

describe("holdsExactly: what a create takes for the twin an interrupted apply left", () => {
  const thing = defineResource({
    token: "test:Thing",
    kind: "Thing",
    inputs: z.strictObject({
      name: z.string().meta({ description: "Name." }),
      description: z.string().optional().meta({ description: "Free text." }),
      mtu: z.number().optional().meta({ description: "MTU.", default: 1476 }),
      picked: z.string().optional().meta({ description: "Chosen by the server.", defaultDoc: "chosen by Cloudflare" }),
      tags: z.array(z.string()).optional().meta({ description: "Tags.", unordered: true }),
    }),
    api: { ...widget.api, collection: ({ accountId }) => `/accounts/${accountId}/things` },
    lifecycle: { kind: "object", duplicatesAccepted: true },
  });
  const c = buildCodec(thing);
  const live = { id: "t1", name: "a", mtu: 1476, picked: "x", tags: ["b", "a"], created_on: "2026-12-07T00:00:00Z" };
  const holds = (apiObject: Record<string, unknown>, news: Record<string, unknown>) => c.holdsExactly(apiObject, news, ACCOUNT);

  it("an object equal in every input, defaults and server-picked values aside, sets in any order", () => {
    expect(holds(live, { name: "a", tags: ["a", "b"] })).toBe(true);
    expect(holds(live, { name: "a", tags: ["a", "b"], mtu: 1476, picked: "x" })).toBe(true);
    expect(holds({ id: "t2", name: "a" }, { name: "a" })).toBe(true);
  });

  it("twins share a twinKey (required scalar inputs, an address in any spelling), so a create compares in full only those", () => {
    const key = (o: Record<string, unknown>) => c.twinKey(c.listed(o, ACCOUNT));
    for (const news of [
      { name: "a", tags: ["a", "b"] },
      { name: "a", tags: ["a", "b"], mtu: 1476, picked: "x" },
    ]) {
      expect(holds(live, news)).toBe(true);
      expect(key(live)).toBe(c.twinKey(news));
    }
    expect(key(live)).not.toBe(c.twinKey({ name: "b" }));
    const route = buildCodec(staticRoute);
    const v6 = { id: "r1", prefix: "2001:0DB8::/32", nexthop: "2001:db8:0:0::1", priority: 100 };
    const program = { prefix: "2001:db8::/32", nexthop: "2001:db8::1", priority: 100 };
    expect(route.holdsExactly(v6, program, ACCOUNT)).toBe(true);
    expect(route.twinKey(route.listed(v6, ACCOUNT))).toBe(route.twinKey(program));
    expect(route.twinKey({ ...program, priority: 200 })).not.toBe(route.twinKey(program));
  });

  it("not one holding a value the program leaves out, or lacking or differing in one it sets", () => {
    expect(holds({ ...live, description: "another team's" }, { name: "a", tags: ["a", "b"] })).toBe(false);
    expect(holds({ ...live, mtu: 1400 }, { name: "a", tags: ["a", "b"] })).toBe(false);
    expect(holds(live, { name: "a" })).toBe(false);
    expect(holds(live, { name: "a", tags: ["a", "b"], picked: "y" })).toBe(false);
    expect(holds(live, { name: "b", tags: ["a", "b"] })).toBe(false);
    expect(holds(live, { name: "a", tags: ["a", "b"], description: "d" })).toBe(false);
  });
});
