import * as cni from "../../sdk/cni";
import { DEFAULT_ASN } from "../../emulator/resources/cni";
import { SHIM_TEXT } from "../../sdk/shim";
import { UNKNOWN, startHost, urn } from "../harness/host";
import { ACCOUNT, REPO, TOKEN, TestStack, testStack } from "./stack";

/**
 * CniSettings end to end: the account's one settings object, taken over on create (the values
 * found are recorded) and put back on delete.
 */
const TYPE = "pulumi-nodejs:dynamic/cni:CniSettings";
const URN = urn(TYPE, "cni-settings");
const OTHER_ACCOUNT = "fedcba9876543210fedcba9876543210";
const inputs = (extra: Record<string, unknown> = {}) => ({
  __provider: SHIM_TEXT,
  __token: "cni:CniSettings",
  __resourceName: "cni-settings",
  defaultAsn: 65001,
  ...extra,
});
const live = (s: TestStack, account = ACCOUNT) =>
  s.emulator.store.get<any>(account, "cni_settings", "settings")?.default_asn ?? DEFAULT_ASN;
/** Someone set the account's default ASN before Pulumi managed it. */
const preset = (s: TestStack, asn: number, account = ACCOUNT) =>
  s.emulator.store.insert(account, "cni_settings", { id: "settings", default_asn: asn });

let s: TestStack;
beforeEach(async () => {
  s = await testStack();
});
afterEach(async () => {
  await s.close();
});

describe("CniSettings through the provider host", () => {
  it("create records what was there and puts the new value; update puts; delete restores", async () => {
    preset(s, 64512);
    const h = s.host;
    const checked = await h.check(URN, {}, inputs());
    expect(checked.failures).toEqual([]);
    const created = await h.create(URN, checked.inputs);
    expect(created.id).toBe(ACCOUNT);
    expect(created.properties).toMatchObject({ defaultAsn: 65001, restoreOnDelete: { defaultAsn: 64512 }, accountId: ACCOUNT });
    expect(live(s)).toBe(65001);
    expect(s.emulator.stats.requests.map((r) => `${r.method} ${r.url}`)).toEqual([
      `GET /client/v4/accounts/${ACCOUNT}/cni/settings`,
      `PUT /client/v4/accounts/${ACCOUNT}/cni/settings`,
    ]);
    expect(s.emulator.stats.requests[1].body).toEqual({ default_asn: 65001 });

    const read = await h.read(created.id, URN, created.properties);
    expect(read.properties).toEqual(created.properties);
    expect((await h.diff(created.id, URN, created.properties, checked.inputs)).changes).toBe("none");
    const d = await h.diff(created.id, URN, created.properties, inputs({ defaultAsn: 65002 }));
    expect(d).toMatchObject({ changes: "some", replaces: [] });
    const updated = await h.update(created.id, URN, created.properties, inputs({ defaultAsn: 65002 }));
    expect(updated.properties).toMatchObject({ defaultAsn: 65002, restoreOnDelete: { defaultAsn: 64512 } });
    expect(live(s)).toBe(65002);
    expect(await h.diff(created.id, URN, updated.properties, inputs({ accountId: OTHER_ACCOUNT }))).toMatchObject({
      replaces: ["accountId"],
    });

    await h.delete(created.id, URN, updated.properties);
    expect(live(s)).toBe(64512);
  });

  it("rejects bad input in check before any request", async () => {
    const before = s.emulator.stats.totalRequests;
    const r = await s.host.check(URN, {}, inputs({ defaultAsn: 0 }));
    expect(r.failures).toEqual([{ property: "defaultAsn", reason: "defaultAsn must be at least 1 (got 0)." }]);
    expect(s.emulator.stats.totalRequests).toBe(before);
  });

  it("passes check and diff with unknown values during preview, without credentials", async () => {
    const bare = await startHost({ cwd: REPO, project: "test" });
    try {
      await bare.configure({ "cloudflare-magic:accountId": ACCOUNT }); // no credential; the account id is needed at check
      expect((await bare.check(URN, {}, inputs({ defaultAsn: UNKNOWN }))).failures).toEqual([]);
      const olds = { ...inputs(), accountId: ACCOUNT, restoreOnDelete: { defaultAsn: DEFAULT_ASN }, __inputPaths: ["defaultAsn"] };
      expect(await bare.diff(ACCOUNT, URN, olds, inputs({ defaultAsn: UNKNOWN }))).toMatchObject({ changes: "some", replaces: [] });
    } finally {
      await bare.close();
    }
  });
});

describe("CniSettings programs", () => {
  const program =
    (defaultAsn = 65001, accountId?: string) =>
    () => {
      new cni.CniSettings("cni-settings", { defaultAsn, ...(accountId ? { accountId } : {}) });
    };

  it("applies, re-applies as a no-op, updates in place, moves accounts, and restores the previous values on destroy", async () => {
    preset(s, 64512);
    preset(s, 64999, OTHER_ACCOUNT);
    const first = await s.driver.up(program());
    expect(first.ops).toMatchObject([{ op: "create", id: ACCOUNT }]);
    expect(live(s)).toBe(65001);
    const again = await s.driver.up(program());
    expect(again.ops.map((o) => o.op)).toEqual(["same"]);
    expect(again.calls).toMatchObject({ create: 0, update: 0, delete: 0 });

    expect((await s.driver.up(program(65002))).ops.map((o) => o.op)).toEqual(["update"]);
    expect(live(s)).toBe(65002);

    // Another account: that one is taken over, this one gets its old value back.
    const moved = await s.driver.up(program(65002, OTHER_ACCOUNT));
    expect(moved.ops.map((o) => o.op)).toEqual(["replace"]);
    expect(live(s)).toBe(64512);
    expect(live(s, OTHER_ACCOUNT)).toBe(65002);

    await s.driver.destroy();
    expect(live(s, OTHER_ACCOUNT)).toBe(64999);
    expect(live(s)).toBe(64512);
  });

  it("an account left at its defaults is empty again after destroy", async () => {
    await s.driver.up(program());
    expect(s.driver.state.get(URN)!.outputs.restoreOnDelete).toEqual({ defaultAsn: DEFAULT_ASN });
    await s.driver.destroy();
    expect(s.emulator.store.countAll()).toBe(0);
  });

  it("refresh shows drift made behind our back and the next apply puts it back", async () => {
    await s.driver.up(program());
    preset(s, 1234);
    const refreshed = await s.driver.refresh();
    expect(refreshed).toMatchObject([{ op: "update", changedKeys: ["defaultAsn"] }]);
    expect((await s.driver.up(program())).ops.map((o) => o.op)).toEqual(["update"]);
    expect(live(s)).toBe(65001);
    // The restore point is still what was there before Pulumi took over.
    await s.driver.destroy();
    expect(live(s)).toBe(DEFAULT_ASN);
  });

  it("adopts the settings with the import resource option; destroying leaves them as they are", async () => {
    preset(s, 65001);
    const imported = await s.driver.up(() => {
      new cni.CniSettings("cni-settings", { defaultAsn: 65001 }, { import: ACCOUNT });
    });
    expect(imported.ops).toMatchObject([{ op: "import", id: ACCOUNT }]);
    expect((await s.driver.up(program())).ops.map((o) => o.op)).toEqual(["same"]);
    await s.driver.destroy();
    expect(live(s)).toBe(65001);
    expect(s.everythingWritten()).not.toContain(TOKEN);
  });

  it("an imported object records the values it had at import, and destroy puts those back after a change", async () => {
    preset(s, 64512);
    await s.driver.up(() => {
      new cni.CniSettings("cni-settings", { defaultAsn: 64512 }, { import: ACCOUNT });
    });
    expect(s.driver.state.get(URN)!.outputs.restoreOnDelete).toEqual({ defaultAsn: 64512 });
    expect((await s.driver.up(program(65001))).ops.map((o) => o.op)).toEqual(["update"]);
    expect(live(s)).toBe(65001);
    await s.driver.destroy();
    expect(live(s)).toBe(64512);
  });

  it("state with no record of earlier values (imported by an older release) is let go on delete, never emptied", async () => {
    preset(s, 65001);
    const before = s.emulator.stats.totalRequests;
    await s.host.delete(ACCOUNT, URN, { ...inputs(), accountId: ACCOUNT, __inputPaths: ["defaultAsn"] });
    expect(s.emulator.stats.totalRequests).toBe(before);
    expect(live(s)).toBe(65001);
  });
});
