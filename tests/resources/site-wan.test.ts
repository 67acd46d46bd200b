import * as pulumi from "@pulumi/pulumi";
import * as magic from "pulumi-cloudflare-magic";
import { SHIM_TEXT } from "../../sdk/shim";
import { UNKNOWN, startHost, urn } from "../harness/host";
import { ACCOUNT, REPO, TOKEN, TestStack, testStack } from "./stack";

/** SiteWan end to end: the real provider host, driven as the engine drives it, against the emulator. */
const TYPE = "pulumi-nodejs:dynamic/magic:SiteWan";
const URN = urn(TYPE, "nyc-wan-1");
const STATIC = { address: "203.0.113.10/24", gatewayAddress: "203.0.113.1" };
const inputs = (siteId: string, extra: Record<string, unknown> = {}) => ({
  __provider: SHIM_TEXT,
  __token: "magic:SiteWan",
  __resourceName: "nyc-wan-1",
  siteId,
  physport: 1,
  name: "isp_a",
  ...extra,
});
const wans = (s: TestStack) => s.emulator.store.list(ACCOUNT, "site_wans");
const newSite = (s: TestStack, extra: Record<string, unknown> = {}) =>
  s.emulator.store.insert(ACCOUNT, "sites", { name: "site", ha_mode: false, ...extra }).id;

let s: TestStack;
beforeEach(async () => {
  s = await testStack();
});
afterEach(async () => {
  await s.close();
});

describe("SiteWan through the provider host", () => {
  it("configure → check → create → read → diff → update → replace → delete", async () => {
    const h = s.host;
    const site = newSite(s);
    const checked = await h.check(URN, {}, inputs(site, { staticAddressing: STATIC, siteHaMode: false }));
    expect(checked.failures).toEqual([]);

    const created = await h.create(URN, checked.inputs);
    expect(created.id).toMatch(/^[0-9a-f]{32}$/);
    // The create answer is a list; the new WAN is picked from it. Server defaults are filled in.
    expect(created.properties).toMatchObject({
      siteId: site,
      physport: 1,
      name: "isp_a",
      healthCheckRate: "mid",
      vlanTag: 0,
      staticAddressing: STATIC,
      siteHaMode: false,
      accountId: ACCOUNT,
    });
    const post = s.emulator.stats.requests.find((r) => r.method === "POST")!;
    expect(post.url).toBe(`/client/v4/accounts/${ACCOUNT}/magic/sites/${site}/wans`);
    // The site is in the path and siteHaMode is ours: neither is in the body.
    expect(post.body).toEqual({
      physport: 1,
      name: "isp_a",
      static_addressing: { address: "203.0.113.10/24", gateway_address: "203.0.113.1" },
    });

    const read = await h.read(created.id, URN, created.properties);
    expect(read.properties).toMatchObject(created.properties);
    expect(read.inputs).toMatchObject({ siteId: site, physport: 1, staticAddressing: STATIC, siteHaMode: false });

    expect((await h.diff(created.id, URN, created.properties, checked.inputs)).changes).toBe("none");
    const changed = inputs(site, { staticAddressing: STATIC, siteHaMode: false, physport: 2, priority: 1 });
    expect(await h.diff(created.id, URN, created.properties, changed)).toMatchObject({ changes: "some", replaces: [] });
    const updated = await h.update(created.id, URN, created.properties, changed);
    expect(updated.properties).toMatchObject({ physport: 2, priority: 1, healthCheckRate: "mid" });
    const put = s.emulator.stats.requests.find((r) => r.method === "PUT")!;
    expect(put.url).toBe(`/client/v4/accounts/${ACCOUNT}/magic/sites/${site}/wans/${created.id}`);
    // A whole-object PUT: the live vlan_tag and health_check_rate the program never set are sent back as they are.
    expect(put.body).toEqual({
      physport: 2,
      name: "isp_a",
      priority: 1,
      vlan_tag: 0,
      health_check_rate: "mid",
      static_addressing: { address: "203.0.113.10/24", gateway_address: "203.0.113.1" },
    });

    const d = await h.diff(created.id, URN, updated.properties, inputs(newSite(s), { staticAddressing: STATIC, physport: 2, priority: 1 }));
    expect(d).toMatchObject({ changes: "some", replaces: ["siteId"] });

    await h.delete(created.id, URN, updated.properties);
    expect(wans(s)).toEqual([]);
    await h.delete(created.id, URN, updated.properties);
    expect((await h.read(created.id, URN, updated.properties)).id).toBe("");
  });

  it("rejects bad input in check before any request, naming each property", async () => {
    const before = s.emulator.stats.totalRequests;
    const r = await s.host.check(URN, {}, inputs("nyc", { physport: 0, vlanTag: 5000, siteHaMode: true, staticAddressing: STATIC }));
    expect(r.failures.map((f) => f.property).sort()).toEqual(["physport", "siteId", "staticAddressing.secondaryAddress", "vlanTag"]);
    expect(r.failures.find((f) => f.property === "vlanTag")!.reason).toBe("vlanTag must be at most 4094 (got 5000).");
    expect(s.emulator.stats.totalRequests).toBe(before);
  });

  it("passes check and diff with an unknown siteId during preview, with no credentials", async () => {
    const bare = await startHost({ cwd: REPO, project: "test" });
    try {
      await bare.configure({ "cloudflare-magic:accountId": ACCOUNT }); // no credential; the account id is needed at check
      const news = inputs(UNKNOWN, { siteHaMode: UNKNOWN, staticAddressing: { address: UNKNOWN, gatewayAddress: "203.0.113.1" } });
      expect((await bare.check(URN, {}, news)).failures).toEqual([]);
      const site = "023e105f4ecef8ad9ca31a8372d0c353";
      const olds = { ...inputs(site), accountId: ACCOUNT, healthCheckRate: "mid", __inputPaths: ["siteId", "physport", "name"] };
      expect(await bare.diff("some-id", URN, olds, news)).toMatchObject({ changes: "some", replaces: ["siteId"] });
    } finally {
      await bare.close();
    }
  });

  it("recovers a create whose answer was lost by finding the WAN among the site's, without a duplicate", async () => {
    const site = newSite(s);
    // Another WAN of the site on the same port but tagged: not the one being created.
    s.emulator.store.insert(ACCOUNT, "site_wans", { site_id: site, physport: 1, vlan_tag: 42, name: "isp_a", health_check_rate: "mid" });
    s.emulator.injectNext({ kind: "drop-after", method: "POST" });
    const created = await s.host.create(URN, inputs(site));
    expect(wans(s)).toHaveLength(2);
    expect(wans(s)[1].id).toBe(created.id);
    expect(created.properties).toMatchObject({ vlanTag: 0, healthCheckRate: "mid" });
    expect(s.emulator.stats.requests.map((r) => `${r.method} ${r.status}`)).toEqual(["POST null", "GET 200"]);
  });
});

describe("SiteWan programs", () => {
  const program =
    (extra: Partial<magic.SiteWanArgs> = {}, siteName = "nyc-branch") =>
    () => {
      const a = new magic.Site("nyc-branch", { name: "nyc_branch" });
      const b = new magic.Site("nyc-branch-2", { name: "nyc_branch_2" });
      new magic.SiteWan("nyc-wan-1", {
        siteId: siteName === "nyc-branch" ? a.id : b.id,
        physport: 1,
        name: "isp_a",
        staticAddressing: STATIC,
        ...extra,
      });
    };
  const wanOp = (r: { ops: Array<{ name: string; op: string }> }) => r.ops.find((o) => o.name === "nyc-wan-1")!.op;

  it("applies, re-applies as a no-op, updates in place, replaces on a new site, and destroys to an empty account", async () => {
    const first = await s.driver.up(program());
    expect(first.ops.map((o) => o.op)).toEqual(["create", "create", "create"]);
    const site = first.outputs("nyc-branch");
    expect(first.outputs("nyc-wan-1")).toMatchObject({ siteId: first.ops[0].id, healthCheckRate: "mid", vlanTag: 0 });
    expect(site).toMatchObject({ name: "nyc_branch" });

    const again = await s.driver.up(program());
    expect(again.ops.map((o) => o.op)).toEqual(["same", "same", "same"]);
    expect(again.calls).toMatchObject({ create: 0, update: 0, delete: 0 });

    expect(wanOp(await s.driver.up(program({ priority: 2, vlanTag: 42 })))).toBe("update");
    expect(wans(s)[0]).toMatchObject({ priority: 2, vlan_tag: 42 });
    expect(wanOp(await s.driver.up(program({ priority: 2, vlanTag: 42 })))).toBe("same");

    // Leaving out static addressing switches the WAN to DHCP; leaving out the VLAN tag untags it.
    expect(wanOp(await s.driver.up(program({ staticAddressing: undefined, priority: 2 })))).toBe("update");
    expect(wans(s)[0]).not.toHaveProperty("static_addressing");
    expect(wans(s)[0].vlan_tag).toBe(0);

    const moved = await s.driver.up(program({ staticAddressing: undefined, priority: 2 }, "nyc-branch-2"));
    expect(moved.ops.find((o) => o.name === "nyc-wan-1")).toMatchObject({ op: "replace", replaces: ["siteId"] });
    expect(wans(s)).toHaveLength(1);
    expect(wans(s)[0].site_id).toBe(moved.ops.find((o) => o.name === "nyc-branch-2")!.id);

    await s.driver.destroy();
    expect(s.emulator.store.countAll()).toBe(0);
  });

  it("previews a WAN of a site not created yet (unknown siteId)", async () => {
    const p = await s.driver.preview(program({ siteHaMode: true, staticAddressing: { ...STATIC, secondaryAddress: "203.0.113.11/24" } }));
    expect(p.errors).toEqual([]);
    expect(p.ops.map((o) => o.op)).toEqual(["create", "create", "create"]);
    expect(s.emulator.store.countAll()).toBe(0);
  });

  it("refresh shows drift made behind our back, the next apply puts it back, and a deleted WAN is recreated", async () => {
    const first = await s.driver.up(program({ priority: 1 }));
    const id = first.ops.find((o) => o.name === "nyc-wan-1")!.id!;
    s.emulator.store.patch(ACCOUNT, "site_wans", id, { priority: 9, health_check_rate: "low" });
    const refreshed = await s.driver.refresh();
    const wanRefresh = refreshed.find((r) => r.urn.endsWith("::nyc-wan-1"))!;
    expect(wanRefresh.op).toBe("update");
    expect(wanRefresh.changedKeys).toEqual(expect.arrayContaining(["priority", "healthCheckRate"]));
    expect(wanOp(await s.driver.up(program({ priority: 1 })))).toBe("update");
    expect(wans(s)[0]).toMatchObject({ priority: 1, health_check_rate: "low" });

    s.emulator.store.remove(ACCOUNT, "site_wans", id);
    expect((await s.driver.refresh()).find((r) => r.urn.endsWith("::nyc-wan-1"))!.op).toBe("delete");
    expect(wanOp(await s.driver.up(program({ priority: 1 })))).toBe("create");
    expect(wans(s)).toHaveLength(1);
  });

  it("adopts an existing WAN with the import resource option, then manages it with no diff", async () => {
    const first = await s.driver.up(() => {
      new magic.Site("nyc-branch", { name: "nyc_branch" });
    });
    const site = first.ops[0].id!;
    const existing = s.emulator.store.insert(ACCOUNT, "site_wans", {
      site_id: site,
      physport: 1,
      name: "isp_a",
      vlan_tag: 0,
      health_check_rate: "mid",
      static_addressing: { address: "203.0.113.10/24", gateway_address: "203.0.113.1" },
    });
    const adopt = (opts?: { import: string }) => () => {
      const a = new magic.Site("nyc-branch", { name: "nyc_branch" });
      new magic.SiteWan("nyc-wan-1", { siteId: a.id, physport: 1, name: "isp_a", staticAddressing: STATIC }, opts);
    };
    const imported = await s.driver.up(adopt({ import: existing.id }));
    expect(imported.ops.find((o) => o.name === "nyc-wan-1")).toMatchObject({ op: "import", id: existing.id });
    expect((await s.driver.up(adopt())).ops.map((o) => o.op)).toEqual(["same", "same"]);
    expect(wans(s)).toHaveLength(1);
  });

  it("keeps secret inputs secret in state and never writes the token", async () => {
    await s.driver.up(() => {
      const a = new magic.Site("nyc-branch", { name: "nyc_branch" });
      new magic.SiteWan("nyc-wan-1", { siteId: a.id, physport: 1, name: pulumi.secret("circuit_4711") });
    });
    const entry = [...s.driver.state.values()].find((e) => e.name === "nyc-wan-1")!;
    expect(entry.secretKeys).toContain("name");
    expect(s.everythingWritten()).not.toContain(TOKEN);
  });
});
