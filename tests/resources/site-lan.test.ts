import * as pulumi from "@pulumi/pulumi";
import * as magic from "pulumi-cloudflare-magic";
import { SHIM_TEXT } from "../../sdk/shim";
import { RunError } from "../harness/program";
import { failure } from "../failure";
import { UNKNOWN, startHost, urn } from "../harness/host";
import { ACCOUNT, REPO, TOKEN, TestStack, testStack } from "./stack";

/** SiteLan end to end: the real provider host, driven as the engine drives it, against the emulator. */
const TYPE = "pulumi-nodejs:dynamic/magic:SiteLan";
const URN = urn(TYPE, "nyc-lan-office");
const RESERVATIONS = { "00:11:22:33:44:55": "192.168.10.50", "AA:BB:CC:DD:EE:FF": "192.168.10.51" };
const STATIC = {
  address: "192.168.10.1/24",
  dhcpServer: {
    dhcpPoolStart: "192.168.10.100",
    dhcpPoolEnd: "192.168.10.200",
    dnsServers: ["1.1.1.1", "1.0.0.1"],
    reservations: RESERVATIONS,
  },
};
const HA_STATIC = { address: "192.168.10.1/24", secondaryAddress: "192.168.10.2/24", virtualAddress: "192.168.10.3/24" };
const inputs = (siteId: string, extra: Record<string, unknown> = {}) => ({
  __provider: SHIM_TEXT,
  __token: "magic:SiteLan",
  __resourceName: "nyc-lan-office",
  siteId,
  name: "office",
  physport: 2,
  ...extra,
});
const lans = (s: TestStack) => s.emulator.store.list(ACCOUNT, "site_lans");
const newSite = (s: TestStack, extra: Record<string, unknown> = {}) =>
  s.emulator.store.insert(ACCOUNT, "sites", { name: "site", ha_mode: false, ...extra }).id;

let s: TestStack;
beforeEach(async () => {
  s = await testStack();
});
afterEach(async () => {
  await s.close();
});

describe("SiteLan through the provider host", () => {
  it("configure → check → create → read → diff → update → replace → delete, with MAC keys kept verbatim", async () => {
    const h = s.host;
    const site = newSite(s);
    const full = {
      vlanTag: 10,
      isBreakout: true,
      nat: { staticPrefix: "192.0.2.0/24" },
      routedSubnets: [{ nextHop: "192.168.10.254", prefix: "10.10.0.0/16", nat: { staticPrefix: "198.51.100.0/24" } }],
      staticAddressing: STATIC,
    };
    const checked = await h.check(URN, {}, inputs(site, full));
    expect(checked.failures).toEqual([]);

    const created = await h.create(URN, checked.inputs);
    expect(created.id).toMatch(/^[0-9a-f]{32}$/);
    expect(created.properties).toMatchObject({ siteId: site, ...full, haLink: false, isPrioritized: false, accountId: ACCOUNT });
    expect(created.properties.staticAddressing.dhcpServer.reservations).toEqual(RESERVATIONS);
    const post = s.emulator.stats.requests.find((r) => r.method === "POST")!;
    expect(post.url).toBe(`/client/v4/accounts/${ACCOUNT}/magic/sites/${site}/lans`);
    expect(post.body).toEqual({
      name: "office",
      physport: 2,
      vlan_tag: 10,
      is_breakout: true,
      nat: { static_prefix: "192.0.2.0/24" },
      routed_subnets: [{ next_hop: "192.168.10.254", prefix: "10.10.0.0/16", nat: { static_prefix: "198.51.100.0/24" } }],
      static_addressing: {
        address: "192.168.10.1/24",
        dhcp_server: {
          dhcp_pool_start: "192.168.10.100",
          dhcp_pool_end: "192.168.10.200",
          dns_servers: ["1.1.1.1", "1.0.0.1"],
          reservations: RESERVATIONS,
        },
      },
    });

    const read = await h.read(created.id, URN, created.properties);
    expect(read.properties).toMatchObject(created.properties);
    expect(read.inputs).toMatchObject({ siteId: site, staticAddressing: STATIC });
    expect((await h.diff(created.id, URN, read.properties, checked.inputs)).changes).toBe("none");

    // One reservation fewer: an in-place update that removes it on the server.
    const fewer = inputs(site, {
      ...full,
      staticAddressing: { ...STATIC, dhcpServer: { ...STATIC.dhcpServer, reservations: { "AA:BB:CC:DD:EE:FF": "192.168.10.51" } } },
    });
    expect(await h.diff(created.id, URN, created.properties, fewer)).toMatchObject({ changes: "some", replaces: [] });
    const updated = await h.update(created.id, URN, created.properties, fewer);
    expect(updated.properties.staticAddressing.dhcpServer.reservations).toEqual({ "AA:BB:CC:DD:EE:FF": "192.168.10.51" });
    expect((lans(s)[0].static_addressing as any).dhcp_server.reservations).toEqual({ "AA:BB:CC:DD:EE:FF": "192.168.10.51" });
    // A whole-object PUT: the live ha_link (which the current API takes on update) is sent back as it is.
    const put = s.emulator.stats.requests.find((r) => r.method === "PUT")!;
    expect(put.body).toHaveProperty("ha_link", false);

    // ha_link updates in place (the official SDK takes it on PUT; the reference on create only).
    const d = await h.diff(created.id, URN, updated.properties, { ...fewer, haLink: true });
    expect(d).toMatchObject({ changes: "some", replaces: [] });

    await h.delete(created.id, URN, updated.properties);
    expect(lans(s)).toEqual([]);
    await h.delete(created.id, URN, updated.properties);
    expect((await h.read(created.id, URN, updated.properties)).id).toBe("");
  });

  it("rejects bad input in check before any request, naming each property", async () => {
    const site = newSite(s);
    const before = s.emulator.stats.totalRequests;
    const r = await s.host.check(
      URN,
      {},
      inputs(site, {
        vlanTag: 4095,
        siteHaMode: true,
        staticAddressing: { address: "192.168.10.1/24", dhcpServer: { reservations: { "00-11-22-33-44-55": "192.168.10.50" } } },
      }),
    );
    expect(r.failures.map((f) => f.property).sort()).toEqual([
      "staticAddressing.dhcpServer.reservations",
      "staticAddressing.secondaryAddress",
      "staticAddressing.virtualAddress",
      "vlanTag",
    ]);
    expect(r.failures.find((f) => f.property === "staticAddressing.virtualAddress")!.reason).toBe(
      "staticAddressing.virtualAddress is required when the site is in high availability mode (siteHaMode is true): it is the address the two connectors share.",
    );
    expect(s.emulator.stats.totalRequests).toBe(before);
  });

  it("passes check and diff with unknown values during preview, with no credentials", async () => {
    const bare = await startHost({ cwd: REPO, project: "test" });
    try {
      await bare.configure({ "cloudflare-magic:accountId": ACCOUNT }); // no credential; the account id is needed at check
      const news = inputs(UNKNOWN, {
        siteHaMode: UNKNOWN,
        haLink: true,
        staticAddressing: { address: UNKNOWN, dhcpServer: { dhcpPoolStart: "10.0.0.1" } },
      });
      expect((await bare.check(URN, {}, news)).failures).toEqual([]);
      const site = "023e105f4ecef8ad9ca31a8372d0c353";
      const olds = { ...inputs(site), accountId: ACCOUNT, vlanTag: 0, __inputPaths: ["siteId", "name", "physport"] };
      expect(await bare.diff("some-id", URN, olds, news)).toMatchObject({ changes: "some", replaces: ["siteId"] });
    } finally {
      await bare.close();
    }
  });

  it("leaves the high availability rule to the API when the site's mode is not given, and reports its answer", async () => {
    const site = newSite(s, { ha_mode: true });
    const err = await failure(s.host.create(URN, inputs(site)));
    expect(err.message).toMatch(
      /^create SiteLan 'nyc-lan-office': Cloudflare 1002: static_addressing is required on a site in high availability mode/,
    );
    expect(lans(s)).toEqual([]);
  });
});

describe("SiteLan programs", () => {
  const program =
    (extra: Partial<magic.SiteLanArgs> = {}, haMode = false) =>
    () => {
      const site = new magic.Site("nyc-branch", { name: "nyc_branch", haMode });
      new magic.SiteLan("nyc-lan-office", {
        siteId: site.id,
        siteHaMode: site.haMode,
        name: "office",
        physport: 2,
        staticAddressing: STATIC,
        ...extra,
      });
    };
  const lanOp = (r: { ops: Array<{ name: string; op: string }> }) => r.ops.find((o) => o.name === "nyc-lan-office")!.op;

  it("applies, re-applies as a no-op, updates in place (haLink included), and destroys to an empty account", async () => {
    const ha = { staticAddressing: HA_STATIC };
    const first = await s.driver.up(program(ha, true));
    expect(first.ops.map((o) => o.op)).toEqual(["create", "create"]);
    expect(first.outputs("nyc-lan-office")).toMatchObject({ siteId: first.ops[0].id, siteHaMode: true, haLink: false, vlanTag: 0 });

    const again = await s.driver.up(program(ha, true));
    expect(again.ops.map((o) => o.op)).toEqual(["same", "same"]);
    expect(again.calls).toMatchObject({ create: 0, update: 0, delete: 0 });

    const routed = { ...ha, routedSubnets: [{ prefix: "10.10.0.0/16", nextHop: "192.168.10.254" }], isPrioritized: true };
    expect(lanOp(await s.driver.up(program(routed, true)))).toBe("update");
    expect(lans(s)[0]).toMatchObject({ is_prioritized: true, routed_subnets: [{ prefix: "10.10.0.0/16", next_hop: "192.168.10.254" }] });
    expect(lanOp(await s.driver.up(program(routed, true)))).toBe("same");

    const lanId = lans(s)[0].id;
    const linked = await s.driver.up(program({ ...routed, haLink: true }, true));
    expect(linked.ops.find((o) => o.name === "nyc-lan-office")).toMatchObject({ op: "update" });
    expect(lans(s)).toHaveLength(1);
    expect(lans(s)[0]).toMatchObject({ id: lanId, ha_link: true });
    expect(lanOp(await s.driver.up(program({ ...routed, haLink: true }, true)))).toBe("same");

    // Removed inputs go back to the server's defaults.
    await s.driver.up(program({ ...ha, haLink: true }, true));
    expect(lans(s)[0]).toMatchObject({ is_prioritized: false });
    expect(lans(s)[0]).not.toHaveProperty("routed_subnets");

    await s.driver.destroy();
    expect(s.emulator.store.countAll()).toBe(0);
  });

  it("stops a LAN of a high availability site without the HA addresses in check, before any LAN request", async () => {
    await s.driver.up(program({ staticAddressing: HA_STATIC }, true));
    const before = s.emulator.stats.requests.length;
    const err = await failure(
      s.driver.up(program({ staticAddressing: { address: "192.168.10.1/24", secondaryAddress: "192.168.10.2/24" } }, true)),
    );
    expect(err).toBeInstanceOf(RunError);
    expect(err.message).toContain(
      "staticAddressing.virtualAddress is required when the site is in high availability mode (siteHaMode is true)",
    );
    expect(s.emulator.stats.requests.slice(before).filter((r) => r.url.includes("/lans"))).toEqual([]);
  });

  it("previews a LAN of a site not created yet (unknown siteId), already checking it against the site's mode", async () => {
    const p = await s.driver.preview(program({ haLink: true, staticAddressing: HA_STATIC }, true));
    expect(p.errors).toEqual([]);
    expect(p.ops.map((o) => o.op)).toEqual(["create", "create"]);
    // The site's haMode is an input, so preview knows it and the LAN's HA rule applies before anything exists.
    const err = await failure(s.driver.preview(program({ haLink: true }, true)));
    expect(err.message).toContain("staticAddressing.secondaryAddress is required when the site is in high availability mode");
    expect(s.emulator.store.countAll()).toBe(0);
  });

  it("refresh shows drift made behind our back, the next apply puts it back, and a deleted LAN is recreated", async () => {
    const first = await s.driver.up(program({ vlanTag: 10 }));
    const id = first.ops.find((o) => o.name === "nyc-lan-office")!.id!;
    s.emulator.store.patch(ACCOUNT, "site_lans", id, { vlan_tag: 11, is_breakout: true });
    const refreshed = (await s.driver.refresh()).find((r) => r.urn.endsWith("::nyc-lan-office"))!;
    expect(refreshed.op).toBe("update");
    expect(refreshed.changedKeys).toEqual(expect.arrayContaining(["vlanTag", "isBreakout"]));
    expect(lanOp(await s.driver.up(program({ vlanTag: 10 })))).toBe("update");
    expect(lans(s)[0]).toMatchObject({ vlan_tag: 10, is_breakout: true });

    s.emulator.store.remove(ACCOUNT, "site_lans", id);
    expect((await s.driver.refresh()).find((r) => r.urn.endsWith("::nyc-lan-office"))!.op).toBe("delete");
    expect(lanOp(await s.driver.up(program({ vlanTag: 10 })))).toBe("create");
    expect(lans(s)).toHaveLength(1);
  });

  it("adopts an existing LAN with the import resource option, then manages it with no diff", async () => {
    const site = (await s.driver.up(() => new magic.Site("nyc-branch", { name: "nyc_branch", haMode: false }))).ops[0].id!;
    const existing = s.emulator.store.insert(ACCOUNT, "site_lans", {
      site_id: site,
      name: "office",
      physport: 2,
      vlan_tag: 0,
      ha_link: false,
      is_breakout: false,
      is_prioritized: false,
      static_addressing: {
        address: "192.168.10.1/24",
        dhcp_server: {
          dhcp_pool_start: "192.168.10.100",
          dhcp_pool_end: "192.168.10.200",
          dns_servers: ["1.1.1.1", "1.0.0.1"],
          reservations: RESERVATIONS,
        },
      },
    });
    const adopt = (opts?: { import: string }) => () => {
      const a = new magic.Site("nyc-branch", { name: "nyc_branch", haMode: false });
      new magic.SiteLan(
        "nyc-lan-office",
        { siteId: a.id, siteHaMode: a.haMode, name: "office", physport: 2, staticAddressing: STATIC },
        opts,
      );
    };
    const imported = await s.driver.up(adopt({ import: existing.id }));
    expect(imported.ops.find((o) => o.name === "nyc-lan-office")).toMatchObject({ op: "import", id: existing.id });
    expect((await s.driver.up(adopt())).ops.map((o) => o.op)).toEqual(["same", "same"]);
    expect(lans(s)).toHaveLength(1);
  });

  it("keeps secret inputs secret in state and never writes the token", async () => {
    await s.driver.up(program({ name: pulumi.secret("finance") }));
    const entry = [...s.driver.state.values()].find((e) => e.name === "nyc-lan-office")!;
    expect(entry.secretKeys).toContain("name");
    expect(s.everythingWritten()).not.toContain(TOKEN);
  });
});
