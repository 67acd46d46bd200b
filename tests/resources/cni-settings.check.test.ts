import { DefinedProvider } from "../../provider/framework/provider";
import { definition as cniSettings } from "../../provider/resources/cni/cni-settings";
import { ACCOUNT, failures } from "./check-helpers";

const settings = new DefinedProvider(cniSettings);

describe("CniSettings", () => {
  it.each([
    [{}, "defaultAsn", "defaultAsn is required"],
    [{ defaultAsn: 0 }, "defaultAsn", "defaultAsn must be at least 1 (got 0)."],
    [{ defaultAsn: 1.5 }, "defaultAsn", "defaultAsn must be"],
    [{ defaultAsn: 65001, asn: 1 }, "asn", "asn is not a property of CniSettings"],
  ])("rejects %j on %s", async (inputs, property, text) => {
    const hit = (await failures(settings, { __token: "cni:CniSettings", ...inputs })).find((f) => f.property === property);
    expect(hit?.reason).toContain(text);
  });

  it("updates in place; the path ignores the id", async () => {
    const state = { defaultAsn: 65001, restoreOnDelete: { defaultAsn: 13335 }, accountId: ACCOUNT, __inputPaths: ["defaultAsn"] };
    expect((await settings.diff(ACCOUNT, state, { defaultAsn: 65001 })).changes).toBe(false);
    expect(await settings.diff(ACCOUNT, state, { defaultAsn: 65002 })).toMatchObject({ changes: true, replaces: [] });
    expect(cniSettings.api.item({ accountId: ACCOUNT, props: {} }, "anything")).toBe(`/accounts/${ACCOUNT}/cni/settings`);
  });
});
