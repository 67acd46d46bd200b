import { UNKNOWN, asSecret, isSecretValue, revealed, withSecretsAt } from "../../shared/values";

describe("withSecretsAt", () => {
  it("wraps the value at each path in the engine's secret form, at any depth, and leaves the rest and the input alone", () => {
    const props = { psk: "p", bgp: { customerAsn: 65010, md5Key: "k" }, name: "t" };
    const sealed = withSecretsAt(props, ["psk", "bgp.md5Key"]);
    expect(sealed).toEqual({ psk: asSecret("p"), bgp: { customerAsn: 65010, md5Key: asSecret("k") }, name: "t" });
    expect(props).toEqual({ psk: "p", bgp: { customerAsn: 65010, md5Key: "k" }, name: "t" });
    expect(asSecret("k")).toEqual({ "4dabf18193072939515e22adb298388d": "1b47061264138c4ac30d75fd1eb44270", value: "k" });
  });

  it("skips what is absent, not known yet, already secret, or behind something that is not an object", () => {
    expect(withSecretsAt({ bgp: { customerAsn: 1 } }, ["bgp.md5Key", "psk"])).toEqual({ bgp: { customerAsn: 1 } });
    expect(withSecretsAt({ bgp: UNKNOWN, psk: UNKNOWN }, ["bgp.md5Key", "psk"])).toEqual({ bgp: UNKNOWN, psk: UNKNOWN });
    expect(withSecretsAt({ psk: asSecret("p") }, ["psk"])).toEqual({ psk: asSecret("p") });
    expect(withSecretsAt({ bgp: ["x"] }, ["bgp.md5Key"])).toEqual({ bgp: ["x"] });
  });
});

describe("revealed and isSecretValue", () => {
  it("replaces every wire secret by its plaintext, at any depth, and leaves the input alone", () => {
    const sealed = withSecretsAt({ psk: "p", bgp: { customerAsn: 1, md5Key: "k" }, list: [asSecret("x")] }, ["psk", "bgp.md5Key"]);
    expect(revealed(sealed)).toEqual({ psk: "p", bgp: { customerAsn: 1, md5Key: "k" }, list: ["x"] });
    expect(sealed.psk).toEqual(asSecret("p"));
  });

  it("knows the signature in its wire form and in a stack export's forms", () => {
    const sig = { "4dabf18193072939515e22adb298388d": "1b47061264138c4ac30d75fd1eb44270" };
    expect([asSecret(1), { ...sig, ciphertext: "v1:x" }, { ...sig, plaintext: '"p"' }].map(isSecretValue)).toEqual([true, true, true]);
    expect([{ value: 1 }, "x", null, [asSecret(1)]].map(isSecretValue)).toEqual([false, false, false, false]);
    // An export's forms have no plaintext on the wire's `value`: they are not revealed.
    expect(revealed({ a: { ...sig, ciphertext: "v1:x" } })).toEqual({ a: { ...sig, ciphertext: "v1:x" } });
  });
});
