import * as pulumi from "@pulumi/pulumi";
import * as magic from "pulumi-cloudflare-magic";
import { SHIM_TEXT } from "../../sdk/shim";
import { failure } from "../failure";
import { UNKNOWN, startHost, urn } from "../harness/host";
import { ACCOUNT, REPO, TOKEN, TestStack, testStack } from "./stack";

/** Site end to end: the real provider host, driven as the engine drives it, against the emulator. */
const TYPE = "pulumi-nodejs:dynamic/magic:Site";
const URN = urn(TYPE, "nyc-branch");
const CONNECTOR_A = "ac60d3d0435248289d446cedd870bcf4";
const CONNECTOR_B = "8d67040d3835dbcf46ce29da440dc482";
const inputs = (extra: Record<string, unknown> = {}) => ({
  __provider: SHIM_TEXT,
  __token: "magic:Site",
  __resourceName: "nyc-branch",
  name: "nyc_branch",
  ...extra,
});
const sites = (s: TestStack) => s.emulator.store.list(ACCOUNT, "sites");

let s: TestStack;
beforeEach(async () => {
  s = await testStack();
});
afterEach(async () => {
  await s.close();
});

describe("Site through the provider host", () => {
  it("configure → check → create → read → diff → update → replace → delete", async () => {
    const h = s.host;
    const checked = await h.check(URN, {}, inputs({ connectorId: CONNECTOR_A, location: { lat: "40.7128", lon: "-74.0060" } }));
    expect(checked.failures).toEqual([]);

    const created = await h.create(URN, checked.inputs);
    expect(created.id).toMatch(/^[0-9a-f]{32}$/);
    expect(created.properties).toMatchObject({
      name: "nyc_branch",
      connectorId: CONNECTOR_A,
      haMode: false,
      location: { lat: "40.7128", lon: "-74.0060" },
      accountId: ACCOUNT,
    });
    const post = s.emulator.stats.requests.find((r) => r.method === "POST")!;
    expect(post.url).toBe(`/client/v4/accounts/${ACCOUNT}/magic/sites`);
    expect(post.body).toEqual({ name: "nyc_branch", connector_id: CONNECTOR_A, location: { lat: "40.7128", lon: "-74.0060" } });

    const read = await h.read(created.id, URN, created.properties);
    expect(read.properties).toMatchObject(created.properties);
    expect(read.inputs).toMatchObject({ name: "nyc_branch", connectorId: CONNECTOR_A, location: { lat: "40.7128", lon: "-74.0060" } });

    expect((await h.diff(created.id, URN, created.properties, checked.inputs)).changes).toBe("none");
    const changed = inputs({ connectorId: CONNECTOR_A, location: { lat: "40.7128", lon: "-74.0060" }, description: "New York" });
    expect(await h.diff(created.id, URN, created.properties, changed)).toMatchObject({ changes: "some", replaces: [] });
    const updated = await h.update(created.id, URN, created.properties, changed);
    expect(updated.properties).toMatchObject({ description: "New York", haMode: false });
    // The update is a PUT of the whole site: the live ha_mode the program never set is sent back as it is.
    const put = s.emulator.stats.requests.find((r) => r.method === "PUT")!;
    expect(put.body).toEqual({
      name: "nyc_branch",
      connector_id: CONNECTOR_A,
      location: { lat: "40.7128", lon: "-74.0060" },
      description: "New York",
      ha_mode: false,
    });
    // The site GET carries x-magic-new-hc-target, as the official SDK sends it; the other verbs do not.
    const sent = (route: string) =>
      s.emulator.stats.requests.filter((r) => r.route === route).map((r) => r.headers["x-magic-new-hc-target"]);
    const collection = "/accounts/:account_id/magic/sites";
    expect(sent(`GET ${collection}/:site_id`).length).toBeGreaterThan(0);
    expect(new Set(sent(`GET ${collection}/:site_id`))).toEqual(new Set(["true"]));
    expect([...sent(`GET ${collection}`), ...sent(`POST ${collection}`), ...sent(`PUT ${collection}/:site_id`)]).toEqual([
      undefined,
      undefined,
      undefined,
    ]);
    expect(sites(s)[0]).toMatchObject({ description: "New York" });

    const d = await h.diff(created.id, URN, updated.properties, inputs({ ...changed, haMode: true }));
    // ha_mode updates in place: the official SDK takes it on PUT (the reference on create only).
    expect(d).toMatchObject({ changes: "some", replaces: [] });

    await h.delete(created.id, URN, updated.properties);
    expect(sites(s)).toEqual([]);
    await h.delete(created.id, URN, updated.properties);
    expect((await h.read(created.id, URN, updated.properties)).id).toBe("");
  });

  it("rejects bad input in check before any request, naming each property", async () => {
    const before = s.emulator.stats.totalRequests;
    const r = await s.host.check(URN, {}, inputs({ name: "", secondaryConnectorId: CONNECTOR_B, location: { lat: "123" } }));
    expect(r.failures.map((f) => f.property).sort()).toEqual(["location.lat", "name", "secondaryConnectorId"]);
    expect(r.failures.find((f) => f.property === "secondaryConnectorId")!.reason).toBe(
      "secondaryConnectorId is only used in high availability mode; set haMode: true to run the site on two connectors.",
    );
    expect(s.emulator.stats.totalRequests).toBe(before);
  });

  it("passes check and diff with unknown values during preview, with no credentials", async () => {
    const bare = await startHost({ cwd: REPO, project: "test" });
    try {
      await bare.configure({ "cloudflare-magic:accountId": ACCOUNT }); // no credential; the account id is needed at check
      const news = inputs({ connectorId: UNKNOWN, haMode: UNKNOWN, secondaryConnectorId: CONNECTOR_B });
      expect((await bare.check(URN, {}, news)).failures).toEqual([]);
      const olds = { ...inputs({ haMode: true }), accountId: ACCOUNT, __inputPaths: ["name", "haMode"] };
      expect(await bare.diff("some-id", URN, olds, news)).toMatchObject({ changes: "some", replaces: [] });
    } finally {
      await bare.close();
    }
  });

  it("refuses to delete a site that still has a WAN, saying so", async () => {
    const created = await s.host.create(URN, inputs());
    s.emulator.store.insert(ACCOUNT, "site_wans", { site_id: created.id, physport: 1, vlan_tag: 0, health_check_rate: "mid" });
    const err = await failure(s.host.delete(created.id, URN, created.properties));
    expect(err.message).toMatch(
      /^delete Site 'nyc-branch': Cloudflare 1007: Site still has 1 WAN\(s\); delete them before deleting the site/,
    );
    expect(sites(s)).toHaveLength(1);
  });

  it("recovers a create whose answer was lost by the site that appeared (names are not unique), without sending it again", async () => {
    // A same-named site that is no twin of ours (an equal one would be refused before the POST: interrupted-twins.test.ts).
    s.emulator.store.insert(ACCOUNT, "sites", { name: "nyc_branch", description: "another team's", ha_mode: false });
    s.emulator.injectNext({ kind: "drop-after", method: "POST" });
    const created = await s.host.create(URN, inputs());
    expect(s.emulator.stats.requests.map((r) => `${r.method} ${r.status}`)).toEqual(["GET 200", "POST null", "GET 200"]);
    // Ours is the one that appeared, not the same-named site that was there before.
    expect(sites(s)).toHaveLength(2);
    expect(sites(s)[1].id).toBe(created.id);
  });

  it("picks the site that carries what was sent when another one appeared meanwhile, and refuses to guess between twins", async () => {
    s.emulator.injectNext({ kind: "stall", method: "GET", stallMs: 1 }); // the list taken before the POST
    s.emulator.injectNext({ kind: "drop-after", method: "POST" });
    s.emulator.injectNext({ kind: "stall", method: "GET", stallMs: 3000 }); // the lookup after it
    const creating = s.host.create(URN, inputs());
    // Someone else creates an identical site while our lookup is on its way: nothing tells them apart.
    while (!s.emulator.stats.requests.some((r) => r.method === "POST")) await new Promise((r) => setTimeout(r, 10));
    s.emulator.store.insert(ACCOUNT, "sites", { name: "nyc_branch", ha_mode: false });
    const err = await failure(creating);
    expect(err.message).toMatch(/2 new Site objects appeared meanwhile and none is recognisably ours, so nothing was sent again/);
    expect(s.emulator.stats.requests.filter((r) => r.method === "POST")).toHaveLength(1);

    // With a different site appearing instead, ours is the one carrying what was sent.
    for (const site of sites(s)) s.emulator.store.remove(ACCOUNT, "sites", site.id);
    s.emulator.resetStats();
    s.emulator.injectNext({ kind: "stall", method: "GET", stallMs: 1 });
    s.emulator.injectNext({ kind: "drop-after", method: "POST" });
    s.emulator.injectNext({ kind: "stall", method: "GET", stallMs: 3000 });
    const again = s.host.create(URN, inputs());
    while (!s.emulator.stats.requests.some((r) => r.method === "POST")) await new Promise((r) => setTimeout(r, 10));
    s.emulator.store.insert(ACCOUNT, "sites", { name: "other", ha_mode: false });
    const created = await again;
    expect(sites(s).find((x) => x.id === created.id)).toMatchObject({ name: "nyc_branch" });
  });
});

describe("Site programs", () => {
  const program =
    (extra: Partial<magic.SiteArgs> = {}) =>
    () => {
      new magic.Site("nyc-branch", { name: "nyc_branch", connectorId: CONNECTOR_A, ...extra });
    };

  it("applies, re-applies as a no-op, updates in place, replaces, and destroys to an empty account", async () => {
    const first = await s.driver.up(program({ description: "branch" }));
    expect(first.ops.map((o) => o.op)).toEqual(["create"]);
    const id = first.ops[0].id;
    expect(first.outputs("nyc-branch")).toMatchObject({ haMode: false, accountId: ACCOUNT });

    const again = await s.driver.up(program({ description: "branch" }));
    expect(again.ops.map((o) => o.op)).toEqual(["same"]);
    expect(again.calls).toMatchObject({ create: 0, update: 0, delete: 0 });

    const changed = await s.driver.up(program({ description: "branch", location: { lat: "40.7128", lon: "-74.0060" } }));
    expect(changed.ops).toMatchObject([{ op: "update", id }]);
    expect((await s.driver.up(program({ description: "branch", location: { lat: "40.7128", lon: "-74.0060" } }))).ops[0].op).toBe("same");

    // Removing inputs clears them on the server (PUT).
    await s.driver.up(program());
    expect(sites(s)[0]).not.toHaveProperty("description");
    expect(sites(s)[0]).not.toHaveProperty("location");

    // High availability on and off again, in place: the site (and anything under it) stays.
    const ha = { haMode: true, secondaryConnectorId: CONNECTOR_B };
    const turnedOn = await s.driver.up(program(ha));
    expect(turnedOn.ops).toMatchObject([{ op: "update", id }]);
    expect(sites(s)).toHaveLength(1);
    expect(sites(s)[0]).toMatchObject({ id, ha_mode: true, secondary_connector_id: CONNECTOR_B });
    expect((await s.driver.up(program(ha))).ops[0].op).toBe("same");
    const turnedOff = await s.driver.up(program({ haMode: false }));
    expect(turnedOff.ops).toMatchObject([{ op: "update", id }]);
    expect(sites(s)[0]).toMatchObject({ id, ha_mode: false });
    expect(sites(s)[0]).not.toHaveProperty("secondary_connector_id");
    expect((await s.driver.up(program({ haMode: false }))).ops[0].op).toBe("same");

    await s.driver.destroy();
    expect(s.emulator.store.countAll()).toBe(0);
  });

  it("refresh shows drift made behind our back, the next apply puts it back, and a deleted site is recreated", async () => {
    const first = await s.driver.up(program({ description: "branch" }));
    const id = first.ops[0].id!;
    s.emulator.store.patch(ACCOUNT, "sites", id, { description: "changed in the dashboard", location: { lat: "1" } });
    const refreshed = await s.driver.refresh();
    expect(refreshed).toMatchObject([{ op: "update" }]);
    expect(refreshed[0].changedKeys).toEqual(expect.arrayContaining(["description", "location"]));
    const fixed = await s.driver.up(program({ description: "branch" }));
    expect(fixed.ops.map((o) => o.op)).toEqual(["update"]);
    expect(sites(s)[0].description).toBe("branch");
    // location was never set by the program: not ours to put back.
    expect(sites(s)[0].location).toEqual({ lat: "1" });

    s.emulator.store.remove(ACCOUNT, "sites", id);
    expect(await s.driver.refresh()).toMatchObject([{ op: "delete" }]);
    expect((await s.driver.up(program({ description: "branch" }))).ops.map((o) => o.op)).toEqual(["create"]);
    expect(sites(s)).toHaveLength(1);
  });

  it("adopts an existing site with the import resource option, then manages it with no diff", async () => {
    const existing = await s.host.create(URN, inputs({ connectorId: CONNECTOR_A }));
    const imported = await s.driver.up(() => {
      new magic.Site("nyc-branch", { name: "nyc_branch", connectorId: CONNECTOR_A }, { import: existing.id });
    });
    expect(imported.ops).toMatchObject([{ op: "import", id: existing.id }]);
    expect((await s.driver.up(program())).ops.map((o) => o.op)).toEqual(["same"]);
    expect(sites(s)).toHaveLength(1);
  });

  it("keeps secret inputs secret in state and never writes the token", async () => {
    await s.driver.up(() => {
      new magic.Site("nyc-branch", { name: "nyc_branch", description: pulumi.secret("door code 1234") });
    });
    const entry = [...s.driver.state.values()].find((e) => e.name === "nyc-branch")!;
    expect(entry.secretKeys).toContain("description");
    expect(entry.secretKeys).not.toContain("name");
    expect(s.everythingWritten()).not.toContain(TOKEN);
    expect(s.emulator.stats.requests.every((r) => !JSON.stringify(r).includes(TOKEN))).toBe(true);
  });
});
