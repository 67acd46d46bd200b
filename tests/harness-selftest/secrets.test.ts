import { secret as s } from "../harness/host";
import { annotateSecrets, displayDiff, executorRules, pathsOf, wrapAt } from "../harness/secrets";

/**
 * The harness's secret bookkeeping against the engine's own tests: the cases of TestAnnotateSecrets,
 * TestAnnotateSecretsArrays and TestNestedSecret in pulumi/pulumi
 * pkg/resource/plugin/provider_plugin_test.go, and the step executor's top-level rules
 * (pkg/resource/deploy/step_executor.go).
 */
describe("annotateSecrets, as the engine's tests pin it", () => {
  it("TestAnnotateSecrets: scalars, a secret list and a secret object become secret; a secret inside an object stays where it is", () => {
    const from = {
      stringValue: s("hello"),
      numberValue: s(1),
      boolValue: s(true),
      secretArrayValue: s(["a", "b", "c"]),
      secretObjectValue: s({ a: "aValue", b: "bValue", c: "cValue" }),
      objectWithSecretValue: { a: "aValue", b: s("bValue"), c: "cValue" },
    };
    const to = {
      stringValue: "hello",
      numberValue: 1,
      boolValue: true,
      secretArrayValue: ["a", "b", "c"],
      secretObjectValue: { a: "aValue", b: "bValue", c: "cValue" },
      objectWithSecretValue: { a: "aValue", b: "bValue", c: "cValue" },
    };
    annotateSecrets(to, from);
    expect(to).toEqual(from);
  });

  it("TestAnnotateSecretsArrays: a list with a secret member becomes secret as a whole, whatever the order", () => {
    const to = { secretArray: ["a", "b", "c"], arrayWithSecrets: ["a", "c", "b"] };
    annotateSecrets(to, { secretArray: s(["a", "b", "c"]), arrayWithSecrets: ["a", s("b"), "c"] });
    expect(to).toEqual({ secretArray: s(["a", "b", "c"]), arrayWithSecrets: s(["a", "c", "b"]) });
  });

  it("TestNestedSecret: objects are matched key by key, extra keys kept, nothing added", () => {
    const to: Record<string, unknown> = {
      secretString: "shh",
      secretArray: ["shh", "hello", "goodbye"],
      secretMap: s({ a: "a", b: "b" }),
      deepSecretMap: { a: "a", b: "b", c: "c" },
      extraTo: "x",
    };
    annotateSecrets(to, {
      secretString: s("shh"),
      secretArray: ["hello", s("shh"), "goodbye"],
      secretMap: s({ a: "a", b: "b" }),
      deepSecretMap: { a: "a", b: s("b") },
      extraFrom: "y",
    });
    expect(to).toEqual({
      secretString: s("shh"),
      secretArray: s(["shh", "hello", "goodbye"]),
      secretMap: s({ a: "a", b: "b" }),
      deepSecretMap: { a: "a", b: s("b"), c: "c" },
      extraTo: "x",
    });
  });

  it("a whole secret object in the request makes the answer's object secret as a whole (state written before nested secrets)", () => {
    const to = { bgp: { customerAsn: 65010, md5Key: "k" } };
    annotateSecrets(to, { bgp: s({ customerAsn: 65010, md5Key: "k" }) });
    expect(pathsOf(to)).toEqual(["bgp"]);
  });
});

describe("the step executor's rules and the harness's trees", () => {
  it("additionalSecretOutputs and whole secret inputs make the top-level output secret; nested ones do not spread", () => {
    const outputs = { psk: "p", licenseKey: "l", bgp: { customerAsn: 1, md5Key: "k" }, name: "n" };
    executorRules(outputs, { psk: s("p"), bgp: { customerAsn: 1, md5Key: s("k") } }, ["licenseKey", "id"]);
    expect(pathsOf(outputs).sort()).toEqual(["licenseKey", "psk"]);
  });

  it("wrapAt and pathsOf are inverse on the paths they are given", () => {
    const tree = wrapAt({ a: { b: 1, c: [1, 2] }, d: "x" }, ["a.b", "d", "a.missing", "d.deeper"]);
    expect(pathsOf(tree).sort()).toEqual(["a.b", "d"]);
    expect(Array.isArray((tree.a as { c: unknown }).c)).toBe(true);
  });

  it("displayDiff walks objects, shows a secret as [secret] and leaves out internal keys", () => {
    const olds = { __provider: "a", bgp: { customerAsn: 1, md5Key: s("k1") }, name: "x", tags: ["a"] };
    const news = { __provider: "b", bgp: { customerAsn: 2, md5Key: s("k2") }, name: "x", tags: ["a", "b"] };
    expect(displayDiff(olds, news)).toEqual([
      { path: "bgp.customerAsn", old: 1, new: 2 },
      { path: "bgp.md5Key", old: "[secret]", new: "[secret]" },
      { path: "tags", old: ["a"], new: ["a", "b"] },
    ]);
    expect(displayDiff({ bgp: s({ customerAsn: 1 }) }, { bgp: s({ customerAsn: 2 }) })).toEqual([
      { path: "bgp", old: "[secret]", new: "[secret]" },
    ]);
    expect(displayDiff({ psk: s("same") }, { psk: "same" })).toEqual([]);
  });
});
