import * as magic from "pulumi-cloudflare-magic";
import { SHIM_TEXT } from "../../sdk/shim";
import { UNKNOWN, startHost, urn } from "../harness/host";
import { ACCOUNT, REPO, TOKEN, TestStack, testStack } from "./stack";

/** App end to end: the real provider host against the emulator. Apps have no single GET: reads list. */
const TYPE = "pulumi-nodejs:dynamic/magic:App";
const URN = urn(TYPE, "crm");
const OTHER_ACCOUNT = "fedcba9876543210fedcba9876543210";
const inputs = (extra: Record<string, unknown> = {}) => ({
  __provider: SHIM_TEXT,
  __token: "magic:App",
  __resourceName: "crm",
  name: "CRM",
  type: "Business",
  ...extra,
});
const apps = (s: TestStack, account = ACCOUNT) => s.emulator.store.list(account, "apps");

let s: TestStack;
beforeEach(async () => {
  s = await testStack();
});
afterEach(async () => {
  await s.close();
});

describe("App through the provider host", () => {
  it("check → create → read (by listing) → diff → update → delete", async () => {
    const h = s.host;
    const checked = await h.check(URN, {}, inputs({ hostnames: ["crm.example.com"] }));
    expect(checked.failures).toEqual([]);
    const created = await h.create(URN, checked.inputs);
    // The id is the API's account_app_id.
    expect(created.id).toBe(apps(s)[0].id);
    expect(created.properties).toMatchObject({ name: "CRM", type: "Business", hostnames: ["crm.example.com"], accountId: ACCOUNT });
    expect(created.properties).not.toHaveProperty("accountAppId");

    s.emulator.resetStats();
    const read = await h.read(created.id, URN, created.properties);
    expect(read.properties).toMatchObject(created.properties);
    expect(s.emulator.stats.requests.map((r) => `${r.method} ${r.route}`)).toEqual(["GET GET /accounts/:account_id/magic/apps"]);

    expect((await h.diff(created.id, URN, created.properties, checked.inputs)).changes).toBe("none");
    const changed = inputs({ hostnames: ["crm.example.com"], ipSubnets: ["192.0.2.0/24"], sourceSubnets: ["10.0.0.0/8"] });
    expect(await h.diff(created.id, URN, created.properties, changed)).toMatchObject({ changes: "some", replaces: [] });
    const updated = await h.update(created.id, URN, created.properties, changed);
    expect(updated.properties).toMatchObject({ ipSubnets: ["192.0.2.0/24"], sourceSubnets: ["10.0.0.0/8"] });
    const put = s.emulator.stats.requests.find((r) => r.method === "PUT")!;
    expect(put.body).toEqual({
      name: "CRM",
      type: "Business",
      hostnames: ["crm.example.com"],
      ip_subnets: ["192.0.2.0/24"],
      source_subnets: ["10.0.0.0/8"],
    });

    await h.delete(created.id, URN, updated.properties);
    expect(apps(s)).toEqual([]);
    await h.delete(created.id, URN, updated.properties);
    expect((await h.read(created.id, URN, updated.properties)).id).toBe("");
  });

  it("rejects bad input in check before any request, naming each property", async () => {
    const before = s.emulator.stats.totalRequests;
    const r = await s.host.check(URN, {}, inputs({ type: "", hostnames: ["crm"], ipSubnets: ["2001:db8::/32"] }));
    expect(r.failures.map((f) => f.property).sort()).toEqual(["hostnames.0", "ipSubnets.0", "type"]);
    expect(r.failures.find((f) => f.property === "ipSubnets.0")!.reason).toContain("(IPv6 is not supported)");
    expect(s.emulator.stats.totalRequests).toBe(before);
  });

  it("passes check and diff with unknown values during preview, without credentials", async () => {
    const bare = await startHost({ cwd: REPO, project: "test" });
    try {
      await bare.configure({ "cloudflare-magic:accountId": ACCOUNT }); // no credential; the account id is needed at check
      const news = inputs({ hostnames: [UNKNOWN], ipSubnets: UNKNOWN });
      expect((await bare.check(URN, {}, news)).failures).toEqual([]);
      const olds = { ...inputs(), accountId: ACCOUNT, __inputPaths: ["name", "type"] };
      expect(await bare.diff("some-id", URN, olds, news)).toMatchObject({ changes: "some", replaces: [] });
    } finally {
      await bare.close();
    }
  });

  it("recovers a create whose answer was lost by finding the app it made, without a duplicate", async () => {
    s.emulator.injectNext({ kind: "drop-after", method: "POST" });
    const created = await s.host.create(URN, inputs({ hostnames: ["crm.example.com"] }));
    expect(apps(s)).toHaveLength(1);
    expect(apps(s)[0].id).toBe(created.id);
  });

  it("never lets the token reach state, errors or logs", async () => {
    await s.driver.up(() => {
      new magic.App("crm", { name: "CRM", type: "Business" });
    });
    await s.host.update("0".repeat(32), URN, { ...inputs(), accountId: ACCOUNT }, inputs()).catch(() => undefined);
    expect(s.everythingWritten()).not.toContain(TOKEN);
    expect(s.emulator.stats.requests.every((r) => !JSON.stringify(r).includes(TOKEN))).toBe(true);
  });
});

describe("App programs", () => {
  const program =
    (extra: Partial<magic.AppArgs> = {}) =>
    () => {
      new magic.App("crm", { name: "CRM", type: "Business", hostnames: ["crm.example.com"], ...extra });
    };

  it("applies, re-applies as a no-op, updates in place, replaces on an account change, and destroys to an empty emulator", async () => {
    const first = await s.driver.up(program());
    expect(first.ops.map((o) => o.op)).toEqual(["create"]);
    const id = first.ops[0].id;

    const again = await s.driver.up(program());
    expect(again.ops.map((o) => o.op)).toEqual(["same"]);
    expect(again.calls).toMatchObject({ create: 0, update: 0, delete: 0 });

    const changed = await s.driver.up(program({ name: "CRM EU", hostnames: undefined, ipSubnets: ["192.0.2.0/24"] }));
    expect(changed.ops).toMatchObject([{ op: "update", id }]);
    expect(apps(s)[0]).toMatchObject({ name: "CRM EU", ip_subnets: ["192.0.2.0/24"] });
    // The hostnames the program dropped are gone: sent as the documented default, no hostnames.
    expect(apps(s)[0].hostnames ?? []).toEqual([]);
    expect((await s.driver.up(program({ name: "CRM EU", hostnames: undefined, ipSubnets: ["192.0.2.0/24"] }))).ops[0].op).toBe("same");

    const moved = await s.driver.up(program({ accountId: OTHER_ACCOUNT }));
    expect(moved.ops.map((o) => o.op)).toEqual(["replace"]);
    expect(apps(s)).toEqual([]);
    expect(apps(s, OTHER_ACCOUNT)).toHaveLength(1);

    await s.driver.destroy();
    expect(s.emulator.store.countAll()).toBe(0);
  });

  it("previews an app whose hostnames are not known yet", async () => {
    const p = await s.driver.preview(() => {
      const t = new magic.GreTunnel("t", {
        name: "t",
        cloudflareGreEndpoint: "162.159.64.1",
        customerGreEndpoint: "203.0.113.10",
        interfaceAddress: "10.212.0.8/31",
      });
      new magic.App("crm", { name: "CRM", type: "Business", hostnames: [t.id.apply(() => "crm.example.com")] });
    });
    expect(p.errors).toEqual([]);
    expect(p.ops.map((o) => o.op)).toEqual(["create", "create"]);
  });

  it("refresh shows drift made behind our back, the next apply puts it back, and a deleted app is recreated", async () => {
    const id = (await s.driver.up(program())).ops[0].id!;
    s.emulator.store.patch(ACCOUNT, "apps", id, { name: "Renamed", hostnames: ["other.example.com"] });
    const refreshed = await s.driver.refresh();
    expect(refreshed).toMatchObject([{ op: "update" }]);
    expect(refreshed[0].changedKeys).toEqual(expect.arrayContaining(["name", "hostnames"]));
    expect((await s.driver.up(program())).ops.map((o) => o.op)).toEqual(["update"]);
    expect(apps(s)[0]).toMatchObject({ name: "CRM", hostnames: ["crm.example.com"] });

    s.emulator.store.remove(ACCOUNT, "apps", id);
    expect(await s.driver.refresh()).toMatchObject([{ op: "delete" }]);
    expect((await s.driver.up(program())).ops.map((o) => o.op)).toEqual(["create"]);
    expect(apps(s)).toHaveLength(1);
  });

  it("adopts an existing app with the import resource option, then manages it with no diff", async () => {
    const existing = s.emulator.store.insert(ACCOUNT, "apps", {
      name: "CRM",
      type: "Business",
      hostnames: ["crm.example.com"],
      source_subnets: ["10.0.0.0/8"],
    });
    const imported = await s.driver.up(() => {
      new magic.App("crm", { name: "CRM", type: "Business", hostnames: ["crm.example.com"] }, { import: existing.id });
    });
    expect(imported.ops).toMatchObject([{ op: "import", id: existing.id }]);
    const next = await s.driver.up(program());
    expect(next.ops.map((o) => o.op)).toEqual(["same"]);
    expect(apps(s)).toHaveLength(1);
  });
});
