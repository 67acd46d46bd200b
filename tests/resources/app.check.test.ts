import { DefinedProvider } from "../../provider/framework/provider";
import { definition as app } from "../../provider/resources/magic/app";
import { failures, state } from "./check-helpers";

describe("App", () => {
  const p = new DefinedProvider(app);
  const valid = { __token: "magic:App", name: "CRM", type: "Business" };

  it("accepts valid inputs, wildcard hostnames included", async () => {
    expect(
      await failures(p, valid, {
        hostnames: ["crm.example.com", "*.crm.example.com"],
        ipSubnets: ["192.0.2.0/24"],
        sourceSubnets: ["10.0.0.0/8"],
      }),
    ).toEqual([]);
  });

  it.each([
    [{ name: "" }, "name", "name must be at least 1 characters long"],
    [{ type: undefined }, "type", "type is required (App needs a string)."],
    [{ hostnames: ["crm"] }, "hostnames.0", 'hostnames.0 must be a fully qualified domain name such as auth.example.com (got "crm").'],
    [{ hostnames: ["-bad.example.com"] }, "hostnames.0", "must be a fully qualified domain name"],
    [
      { ipSubnets: ["2001:db8::/32"] },
      "ipSubnets.0",
      "ipSubnets.0 must be an IPv4 prefix in CIDR notation with no host bits set, such as 192.0.2.0/24 (IPv6 is not supported)",
    ],
    [{ ipSubnets: ["192.0.2.1/24"] }, "ipSubnets.0", "no host bits set"],
    [{ sourceSubnets: ["10.0.0.0"] }, "sourceSubnets.0", "sourceSubnets.0 must be an IPv4 prefix"],
    [{ accountAppId: "x" }, "accountAppId", "accountAppId is not a property of App"],
  ])("rejects %j on %s with a sentence naming it", async (override, property, text) => {
    const hit = (await failures(p, valid, override)).find((f) => f.property === property);
    expect(hit?.reason).toContain(text);
  });

  it("updates every field in place; removing a list is a change", async () => {
    const olds = state({ ...valid, hostnames: ["crm.example.com"] }, {});
    expect((await p.diff("a1", olds, { ...valid, hostnames: ["crm.example.com"] })).changes).toBe(false);
    const d = await p.diff("a1", olds, { ...valid, name: "CRM 2", hostnames: ["crm.example.com", "crm2.example.com"] });
    expect([d.changes, d.replaces]).toEqual([true, []]);
    expect((await p.diff("a1", olds, valid)).changes).toBe(true);
  });

  it("recognises a lost create by name, type and lists", () => {
    const live = { account_app_id: "x", name: "CRM", type: "Business", hostnames: ["crm.example.com"] };
    expect(app.lifecycle.isSameObject!(live, { name: "CRM", type: "Business", hostnames: ["crm.example.com"] })).toBe(true);
    expect(app.lifecycle.isSameObject!(live, { name: "CRM", type: "Business" })).toBe(false);
    expect(app.lifecycle.isSameObject!({ ...live, hostnames: [] }, { name: "CRM", type: "Business" })).toBe(true);
    expect(app.lifecycle.isSameObject!(live, { name: "CRM", type: "Other", hostnames: ["crm.example.com"] })).toBe(false);
  });
});
