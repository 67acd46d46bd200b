import { z } from "zod";
import { defineResource, type ResourceDefinition } from "../../provider/framework/define";

/**
 * The one door for definitions: TypeScript refuses a setting the lifecycle cannot use, and
 * defineResource refuses a field vocabulary key where it means nothing when the definition loads.
 */

const api = {
  envelope: "v4" as const,
  collection: () => "/things",
  item: (_ctx: unknown, id: string) => `/things/${id}`,
  wrappers: {},
  update: "PUT" as const,
  permission: "Things: Edit",
};
const inputs = z.strictObject({ name: z.string().meta({ description: "Name." }) });

describe("lifecycles as types", () => {
  it("refuses, at compile time, a setting the kind of object cannot use", () => {
    const refused: ResourceDefinition[] = [
      // @ts-expect-error a settings singleton is never created with a POST, so there is nothing to recognise
      { token: "t:A", kind: "A", inputs, api, lifecycle: { kind: "singleton", isSameObject: () => true } },
      // @ts-expect-error an adopted object is Cloudflare's: there is no step after our create
      { token: "t:B", kind: "B", inputs, api, lifecycle: { kind: "adopted", idInput: "name", afterCreate: async () => ({}) } },
      // @ts-expect-error an adopted object is only ever updated: without the API's update it cannot be managed
      { token: "t:C", kind: "C", inputs, api: { ...api, update: undefined }, lifecycle: { kind: "adopted", idInput: "name" } },
      // @ts-expect-error updates are PUTs of the whole object; a PATCH could not clear a removed field
      { token: "t:D", kind: "D", inputs, api: { ...api, update: "PATCH" }, lifecycle: { kind: "object" } },
      // @ts-expect-error the definition-level lists are gone: a fact is a key on its field
      { token: "t:E", kind: "E", inputs, api, lifecycle: { kind: "object" }, localInputs: ["name"] },
    ];
    expect(refused).toHaveLength(5);
    // What each kind may say compiles.
    const allowed: ResourceDefinition[] = [
      { token: "t:F", kind: "F", inputs, api, lifecycle: { kind: "object", isSameObject: () => true, afterCreate: async () => ({}) } },
      { token: "t:G", kind: "G", inputs, api, lifecycle: { kind: "singleton" } },
    ];
    expect(allowed).toHaveLength(2);
  });
});

describe("defineResource refuses a vocabulary key where it means nothing", () => {
  const define =
    (fields: z.ZodRawShape, more: Partial<ResourceDefinition> = {}) =>
    () =>
      defineResource({ token: "t:X", kind: "X", inputs: z.strictObject(fields), api, lifecycle: { kind: "object" }, ...more } as never);

  it.each([
    [
      { parent: z.strictObject({ siteId: z.string().meta({ path: true }) }) },
      "parent.siteId: `path` only means something on a top-level field",
    ],
    [
      { parent: z.strictObject({ a: z.string().meta({ createOnly: true }) }) },
      "parent.a: `createOnly` only means something on a top-level field",
    ],
    [{ a: z.string().meta({ local: true, createOnly: true }) }, "a: `local` and `createOnly` contradict each other"],
    [{ a: z.string().meta({ local: true, path: true }) }, "a: `local` and `path` contradict each other"],
    [{ a: z.string().meta({ local: true, unique: true }) }, "a: `local` and `unique` contradict each other"],
    [
      {
        a: z.strictObject({ lan1: z.string().meta({ apiName: "lan_1" }) }),
        b: z.strictObject({ lan1: z.string().meta({ apiName: "lan_one" }) }),
      },
      "b.lan1: the API names `lan1` both lan_1 and lan_one",
    ],
    [
      { list: z.array(z.strictObject({ k: z.string().meta({ secret: true }) })) },
      "list: a field inside a list or a map cannot be secret on its own; mark list secret",
    ],
  ] as Array<[z.ZodRawShape, string]>)("refuses %#", (fields, message) => {
    expect(define(fields)).toThrow(message);
  });

  it("an adopted object's id input must be its path parameter", () => {
    const adopted = (meta: z.GlobalMeta) => () =>
      defineResource({
        token: "t:Y",
        kind: "Y",
        inputs: z.strictObject({ thingId: z.string().meta(meta) }),
        api,
        lifecycle: { kind: "adopted", idInput: "thingId" },
      });
    expect(adopted({ replaces: true })).toThrow("t:Y: the adopted object's id input thingId must be a `path` field");
    expect(adopted({ path: true })).not.toThrow();
  });

  it("an object Cloudflare takes twice (duplicatesAccepted) has no unique field and no natural key", () => {
    const twice = (fields: z.ZodRawShape, naturalKey?: () => boolean) => () =>
      defineResource({
        token: "t:Z",
        kind: "Z",
        inputs: z.strictObject(fields),
        api,
        lifecycle: { kind: "object", duplicatesAccepted: true, ...(naturalKey ? { naturalKey } : {}) },
      });
    expect(twice({ name: z.string().meta({ unique: true }) })).toThrow("t:Z: `duplicatesAccepted` contradicts the unique field name");
    expect(twice({ name: z.string() }, () => true)).toThrow("t:Z: `duplicatesAccepted` contradicts its naturalKey");
    expect(twice({ name: z.string() })).not.toThrow();
  });

  it("a state version needs the upgrade from every version below it", () => {
    expect(define({ a: z.string() }, { state: { version: 2, upgrades: { 0: (s) => s } } })).toThrow(
      "t:X: state version 2 has no upgrade from version 1",
    );
    expect(define({ a: z.string() }, { state: { version: 2, upgrades: { 0: (s) => s, 1: (s) => s } } })).not.toThrow();
  });

  it("a key others add to the vocabulary (one the framework does not read) passes through", () => {
    expect(define({ a: z.string().meta({ description: "A.", tsType: "string" }) })).not.toThrow();
  });
});
