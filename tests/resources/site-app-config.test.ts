import * as pulumi from "@pulumi/pulumi";
import * as magic from "pulumi-cloudflare-magic";
import { SHIM_TEXT } from "../../sdk/shim";
import { failure } from "../failure";
import { UNKNOWN, startHost, urn } from "../harness/host";
import { ACCOUNT, REPO, TOKEN, TestStack, testStack } from "./stack";

/**
 * SiteAppConfig end to end: the real dynamic-provider host against the local emulator. Sites and
 * WANs are put in the emulator's store directly. The API has no single-item GET, so every read
 * goes through the site's list.
 */
const TYPE = "pulumi-nodejs:dynamic/magic:SiteAppConfig";
const URN = urn(TYPE, "nyc-cloudflare");
const APP = "ac60d3d0435248289d446cedd870bcf4";

let s: TestStack;
let site: string;
let wan1: string;
let wan2: string;

const configs = () => s.emulator.store.list(ACCOUNT, "site_app_configs");
const inputs = (extra: Record<string, unknown> = {}) => ({
  __provider: SHIM_TEXT,
  __token: "magic:SiteAppConfig",
  __resourceName: "nyc-cloudflare",
  siteId: site,
  managedAppId: "cloudflare",
  ...extra,
});

/** A site with two WANs, straight into the store. */
function addSite(name: string): { site: string; wans: [string, string] } {
  const id = s.emulator.store.insert(ACCOUNT, "sites", { name }).id;
  const wan = (port: number) => s.emulator.store.insert(ACCOUNT, "site_wans", { site_id: id, physport: port }).id;
  return { site: id, wans: [wan(1), wan(2)] };
}

beforeEach(async () => {
  s = await testStack();
  ({
    site,
    wans: [wan1, wan2],
  } = addSite("nyc"));
});
afterEach(async () => {
  await s.close();
});

describe("SiteAppConfig through the provider host", () => {
  it("configure → check → create → read → diff → update → replace → delete", async () => {
    const h = s.host;
    const checked = await h.check(URN, {}, inputs({ breakout: true, preferredWans: [wan2] }));
    expect(checked.failures).toEqual([]);

    const created = await h.create(URN, checked.inputs);
    expect(created.id).toMatch(/^[0-9a-f]{32}$/);
    expect(created.properties).toMatchObject({
      siteId: site,
      managedAppId: "cloudflare",
      breakout: true,
      preferredWans: [wan2],
      priority: 0,
      accountId: ACCOUNT,
    });
    const post = s.emulator.stats.requests.find((r) => r.method === "POST")!;
    expect(post.url).toBe(`/client/v4/accounts/${ACCOUNT}/magic/sites/${site}/app_configs`);
    expect(post.body).toEqual({ managed_app_id: "cloudflare", breakout: true, preferred_wans: [wan2] });

    // Read finds the config in the site's list (there is no GET for one config).
    s.emulator.resetStats();
    const read = await h.read(created.id, URN, created.properties);
    expect(read.properties).toEqual(created.properties);
    expect(read.inputs).toMatchObject({ siteId: site, managedAppId: "cloudflare", breakout: true, preferredWans: [wan2] });
    expect(read.inputs).not.toHaveProperty("priority");
    expect(s.emulator.stats.requests.map((r) => `${r.method} ${r.url}`)).toEqual([
      `GET /client/v4/accounts/${ACCOUNT}/magic/sites/${site}/app_configs`,
    ]);

    expect((await h.diff(created.id, URN, created.properties, checked.inputs)).changes).toBe("none");
    // Switching to an account app and turning breakout off is an in-place update.
    const changed = inputs({ managedAppId: undefined, accountAppId: APP, breakout: false, priority: 1 });
    expect(await h.diff(created.id, URN, created.properties, changed)).toMatchObject({ changes: "some", replaces: [] });
    const updated = await h.update(created.id, URN, created.properties, changed);
    expect(updated.properties).toMatchObject({ accountAppId: APP, breakout: false, priority: 1 });
    expect(updated.properties).not.toHaveProperty("managedAppId");
    expect(updated.properties).not.toHaveProperty("preferredWans");
    const put = s.emulator.stats.requests.find((r) => r.method === "PUT")!;
    expect(put.body).toEqual({ account_app_id: APP, breakout: false, priority: 1 });
    expect(configs()).toEqual([{ id: created.id, site_id: site, account_app_id: APP, breakout: false, priority: 1 }]);

    const other = addSite("sfo");
    expect(await h.diff(created.id, URN, updated.properties, { ...changed, siteId: other.site })).toMatchObject({
      changes: "some",
      replaces: ["siteId"],
    });

    await h.delete(created.id, URN, updated.properties);
    expect(configs()).toEqual([]);
    await h.delete(created.id, URN, updated.properties);
    expect((await h.read(created.id, URN, updated.properties)).id).toBe("");
  });

  it("rejects bad input in check before any request, naming each property", async () => {
    const before = s.emulator.stats.totalRequests;
    const both = await s.host.check(URN, {}, inputs({ accountAppId: APP, preferredWans: [wan1], priority: 2 }));
    expect(both.failures).toEqual([
      { property: "priority", reason: "priority must be 0 (the default) or 1 (prioritized); Cloudflare supports only these two (got 2)." },
      {
        property: "managedAppId",
        reason:
          "managedAppId cannot be set together with accountAppId: an app config is for one app, either an account app or a managed app.",
      },
      {
        property: "preferredWans",
        reason: "preferredWans can only be set on a breakout rule: set breakout to true, or leave preferredWans out.",
      },
    ]);
    const neither = await s.host.check(URN, {}, inputs({ managedAppId: undefined }));
    expect(neither.failures.map((f) => f.property)).toEqual(["accountAppId"]);
    expect(s.emulator.stats.totalRequests).toBe(before);
  });

  it("surfaces the API's refusal of a second config for the same app and leaves one config", async () => {
    await s.host.create(URN, inputs());
    const err = await failure(s.host.create(urn(TYPE, "dup"), inputs({ __resourceName: "dup", priority: 1 })));
    expect(err.message).toMatch(
      /^create SiteAppConfig 'dup': Cloudflare 1003: This site already has an app config for managed_app_id "cloudflare"/,
    );
    expect(configs()).toHaveLength(1);
  });

  it("recovers a create whose response was lost by finding the config for the same app, without a duplicate", async () => {
    s.emulator.injectNext({ kind: "drop-after", method: "POST" });
    const created = await s.host.create(URN, inputs({ priority: 1 }));
    expect(configs()).toEqual([expect.objectContaining({ id: created.id, managed_app_id: "cloudflare", priority: 1 })]);
    expect(s.emulator.stats.requests.map((r) => `${r.method} ${r.status}`)).toEqual(["POST null", "GET 200"]);
  });

  it("passes check and diff with unknown values during preview, and needs no credentials for them", async () => {
    const bare = await startHost({ cwd: REPO, project: "test" });
    try {
      await bare.configure({ "cloudflare-magic:accountId": ACCOUNT }); // no credential; the account id is needed at check
      const news = inputs({ managedAppId: UNKNOWN, breakout: UNKNOWN, preferredWans: [UNKNOWN] });
      expect((await bare.check(URN, {}, news)).failures).toEqual([]);
      const olds = { ...inputs(), accountId: ACCOUNT, priority: 0, __inputPaths: ["siteId", "managedAppId"] };
      expect(await bare.diff("some-id", URN, olds, news)).toMatchObject({ changes: "some", replaces: [] });
      expect(await bare.diff("some-id", URN, olds, inputs({ siteId: UNKNOWN }))).toMatchObject({ changes: "some", replaces: ["siteId"] });
    } finally {
      await bare.close();
    }
  });
});

describe("SiteAppConfig programs", () => {
  const program =
    (extra: Partial<magic.SiteAppConfigArgs> = {}) =>
    () => {
      new magic.SiteAppConfig("nyc-cloudflare", { siteId: site, managedAppId: "cloudflare", breakout: true, ...extra });
    };

  it("applies, re-applies as a no-op, updates in place, replaces on a new site, and destroys to an empty site", async () => {
    const first = await s.driver.up(program());
    expect(first.ops.map((o) => o.op)).toEqual(["create"]);
    const id = first.ops[0].id;
    expect(first.outputs("nyc-cloudflare")).toMatchObject({ priority: 0, breakout: true });

    const again = await s.driver.up(program());
    expect(again.ops.map((o) => o.op)).toEqual(["same"]);
    expect(again.calls).toMatchObject({ create: 0, update: 0, delete: 0 });

    const changed = await s.driver.up(program({ preferredWans: [wan2, wan1], priority: 1 }));
    expect(changed.ops).toMatchObject([{ op: "update", id }]);
    expect(configs()[0]).toMatchObject({ preferred_wans: [wan2, wan1], priority: 1 });
    expect((await s.driver.up(program({ preferredWans: [wan2, wan1], priority: 1 }))).ops[0].op).toBe("same");

    // Removing inputs puts the server defaults back.
    await s.driver.up(program());
    expect(configs()[0]).toEqual({ id, site_id: site, managed_app_id: "cloudflare", breakout: true, priority: 0 });

    const other = addSite("sfo");
    const replaced = await s.driver.up(program({ siteId: other.site }));
    expect(replaced.ops.map((o) => o.op)).toEqual(["replace"]);
    expect(configs()).toHaveLength(1);
    expect(configs()[0]).toMatchObject({ site_id: other.site, managed_app_id: "cloudflare" });
    expect(configs()[0].id).not.toBe(id);
    expect((await s.driver.up(program({ siteId: other.site }))).ops[0].op).toBe("same");

    await s.driver.destroy();
    expect(configs()).toEqual([]);
    // Only the sites and WANs this test put in the store remain.
    expect(s.emulator.store.countAll()).toBe(6);
  });

  it("turns breakout off even when preferred WANs were set behind our back", async () => {
    const first = await s.driver.up(program());
    s.emulator.store.patch(ACCOUNT, "site_app_configs", first.ops[0].id!, { preferred_wans: [wan1] });
    // After a refresh the state holds them; the update must not send them back with breakout off.
    await s.driver.refresh();
    const off = await s.driver.up(program({ breakout: false }));
    expect(off.ops.map((o) => o.op)).toEqual(["update"]);
    expect(configs()[0]).toEqual({ id: first.ops[0].id, site_id: site, managed_app_id: "cloudflare", breakout: false, priority: 0 });
  });

  it("previews a config whose site is not known yet", async () => {
    const p = await s.driver.preview(() => {
      const a = new magic.SiteAppConfig("a", { siteId: site, managedAppId: "cloudflare" });
      new magic.SiteAppConfig("b", { siteId: a.id, accountAppId: APP, breakout: true, preferredWans: [a.id] });
    });
    expect(p.errors).toEqual([]);
    expect(p.ops.map((o) => o.op)).toEqual(["create", "create"]);
    expect(configs()).toEqual([]);
  });

  it("refresh shows drift made behind our back, the next apply puts it back, and a deleted config is recreated", async () => {
    const first = await s.driver.up(program({ priority: 1 }));
    const id = first.ops[0].id!;
    s.emulator.store.patch(ACCOUNT, "site_app_configs", id, { priority: 0, breakout: false });
    const refreshed = await s.driver.refresh();
    expect(refreshed).toMatchObject([{ op: "update" }]);
    expect(refreshed[0].changedKeys).toEqual(expect.arrayContaining(["breakout", "priority"]));
    const fixed = await s.driver.up(program({ priority: 1 }));
    expect(fixed.ops.map((o) => o.op)).toEqual(["update"]);
    expect(configs()[0]).toMatchObject({ breakout: true, priority: 1 });

    s.emulator.store.remove(ACCOUNT, "site_app_configs", id);
    expect(await s.driver.refresh()).toMatchObject([{ op: "delete" }]);
    expect((await s.driver.up(program({ priority: 1 }))).ops.map((o) => o.op)).toEqual(["create"]);
    expect(configs()).toHaveLength(1);
  });

  it("keeps a secret input secret in state, and never lets the token reach state, errors or logs", async () => {
    await s.driver.up(program({ accountAppId: pulumi.secret(APP), managedAppId: undefined }));
    const entry = [...s.driver.state.values()].find((e) => e.name === "nyc-cloudflare")!;
    expect(entry.secretKeys).toContain("accountAppId");
    expect(entry.outputs.accountAppId).toBe(APP);
    await s.host.create(URN, inputs({ breakout: true, preferredWans: ["no-such-wan"] })).catch(() => undefined);
    expect(s.everythingWritten()).not.toContain(TOKEN);
    expect(s.emulator.stats.requests.every((r) => !JSON.stringify(r).includes(TOKEN))).toBe(true);
  });

  it("adopts an existing config with the import resource option, then manages it with no diff", async () => {
    const existing = await s.host.create(URN, inputs({ breakout: true }));
    const imported = await s.driver.up(() => {
      new magic.SiteAppConfig("nyc-cloudflare", { siteId: site, managedAppId: "cloudflare", breakout: true }, { import: existing.id });
    });
    expect(imported.ops).toMatchObject([{ op: "import", id: existing.id }]);
    const next = await s.driver.up(program());
    expect(next.ops.map((o) => o.op)).toEqual(["same"]);
    expect(next.calls).toMatchObject({ create: 0, update: 0, delete: 0 });
    expect(configs()).toHaveLength(1);
  });
});
