import * as pulumi from "@pulumi/pulumi";
import * as cni from "../../sdk/cni";
import * as magicSdk from "../../sdk/magic";
import { slotCatalogue } from "../../emulator/resources/cni";
import { SHIM_TEXT } from "../../sdk/shim";
import { UNKNOWN, startHost, urn } from "../harness/host";
import { ACCOUNT, REPO, TOKEN, TestStack, testStack } from "./stack";

/**
 * Cni end to end: the real provider host against the emulator. A CNI needs an interconnect; the
 * host-level tests insert one into the emulator's store, the programs declare one.
 */
const TYPE = "pulumi-nodejs:dynamic/cni:Cni";
const URN = urn(TYPE, "ord-cni");
const SLOTS = slotCatalogue(ACCOUNT);
const MD5 = "md5-k3y!";
const magic = (extra: Record<string, unknown> = {}) => ({ conduitName: "ord_cni_1", description: "Chicago", mtu: 1500, ...extra });
const inputs = (extra: Record<string, unknown> = {}) => ({
  __provider: SHIM_TEXT,
  __token: "cni:Cni",
  __resourceName: "ord-cni",
  interconnect: "icon-a",
  magic: magic(),
  ...extra,
});
const cnis = (s: TestStack) => s.emulator.store.list<any>(ACCOUNT, "cni_cnis");

/** An interconnect as if Cloudflare had made it, on slot `slot`. */
function interconnect(s: TestStack, name: string, slot = 0): void {
  s.emulator.store.insert(ACCOUNT, "cni_interconnects", {
    id: name,
    name,
    account: ACCOUNT,
    type: "direct",
    slot_id: SLOTS[slot].id,
    site: SLOTS[slot].site,
    facility: SLOTS[slot].facility,
    speed: SLOTS[slot].speed,
    status: { state: "Healthy" },
  });
}

let s: TestStack;
beforeEach(async () => {
  s = await testStack();
});
afterEach(async () => {
  await s.close();
});

describe("Cni through the provider host", () => {
  it("configure → check → create → read → diff → update → replace → delete", async () => {
    interconnect(s, "icon-a");
    const h = s.host;
    const checked = await h.check(URN, {}, inputs({ bgp: { customerAsn: 65010 } }));
    expect(checked.failures).toEqual([]);
    const created = await h.create(URN, checked.inputs);
    expect(created.id).toMatch(/^[0-9a-f]{32}$/);
    expect(created.properties).toMatchObject({
      account: ACCOUNT,
      interconnect: "icon-a",
      magic: magic(),
      bgp: { customerAsn: 65010 },
      p2pIp: "100.64.0.0/31",
      custIp: "100.64.0.1/31",
      accountId: ACCOUNT,
    });
    expect(s.emulator.stats.requests.find((r) => r.method === "POST")!.body).toEqual({
      interconnect: "icon-a",
      magic: { conduit_name: "ord_cni_1", description: "Chicago", mtu: 1500 },
      // extra_prefixes is required whenever bgp is sent: [] when the program gives none.
      bgp: { customer_asn: 65010, extra_prefixes: [] },
      account: ACCOUNT,
    });

    const read = await h.read(created.id, URN, created.properties);
    expect(read.properties).toEqual(created.properties);
    expect((await h.diff(created.id, URN, created.properties, checked.inputs)).changes).toBe("none");

    const changed = inputs({
      magic: magic({ description: "Chicago primary", mtu: 1400 }),
      bgp: { customerAsn: 65010, extraPrefixes: ["192.0.2.0/24"] },
    });
    expect(await h.diff(created.id, URN, created.properties, changed)).toMatchObject({ changes: "some", replaces: [] });
    const updated = await h.update(created.id, URN, created.properties, changed);
    expect(updated.properties).toMatchObject({ magic: magic({ description: "Chicago primary", mtu: 1400 }), p2pIp: "100.64.0.0/31" });
    // PUT sends the whole object, the live link from the last read included.
    expect(s.emulator.stats.requests.find((r) => r.method === "PUT")!.body).toEqual({
      id: created.id,
      account: ACCOUNT,
      cust_ip: "100.64.0.1/31",
      p2p_ip: "100.64.0.0/31",
      interconnect: "icon-a",
      magic: { conduit_name: "ord_cni_1", description: "Chicago primary", mtu: 1400 },
      bgp: { customer_asn: 65010, extra_prefixes: ["192.0.2.0/24"] },
    });
    expect(cnis(s)[0]).toMatchObject({ magic: { description: "Chicago primary", mtu: 1400 } });
    expect(await h.diff(created.id, URN, updated.properties, inputs({ interconnect: "icon-b" }))).toMatchObject({
      changes: "some",
      replaces: ["interconnect"],
    });

    await h.delete(created.id, URN, updated.properties);
    expect(cnis(s)).toEqual([]);
    await h.delete(created.id, URN, updated.properties);
    expect((await h.read(created.id, URN, updated.properties)).id).toBe("");
  });

  it("rejects bad input in check before any request, naming each property", async () => {
    const before = s.emulator.stats.totalRequests;
    const r = await s.host.check(URN, {}, inputs({ magic: magic({ mtu: 100 }), bgp: { customerAsn: 65010, md5Key: "what?" } }));
    expect(r.failures.map((f) => f.property).sort()).toEqual(["bgp.md5Key", "magic.mtu"]);
    expect(r.failures.find((f) => f.property === "magic.mtu")!.reason).toBe("magic.mtu must be at least 576 (got 100).");
    expect(s.emulator.stats.totalRequests).toBe(before);
  });

  it("passes check and diff with unknown values during preview, without credentials", async () => {
    const bare = await startHost({ cwd: REPO, project: "test" });
    try {
      await bare.configure({ "cloudflare-magic:accountId": ACCOUNT }); // no credential; the account id is needed at check
      const news = inputs({ interconnect: UNKNOWN, bgp: { customerAsn: 65010, md5Key: UNKNOWN } });
      expect((await bare.check(URN, {}, news)).failures).toEqual([]);
      const olds = {
        ...inputs(),
        accountId: ACCOUNT,
        p2pIp: "100.64.0.0/31",
        __inputPaths: ["interconnect", "magic.conduitName", "magic.description", "magic.mtu"],
      };
      expect(await bare.diff("c1", URN, olds, news)).toMatchObject({ changes: "some", replaces: ["interconnect"] });
    } finally {
      await bare.close();
    }
  });

  it("recovers a create whose answer was lost by finding the CNI on a later page, without a duplicate", async () => {
    interconnect(s, "icon-a");
    // More CNIs than the largest page, so the lookup must follow `next`.
    for (let i = 0; i < 60; i++) {
      s.emulator.store.insert(ACCOUNT, "cni_cnis", {
        account: ACCOUNT,
        interconnect: "icon-a",
        p2p_ip: `100.64.1.${i * 2}/31`,
        cust_ip: `100.64.1.${i * 2 + 1}/31`,
        magic: { conduit_name: `other_${i}`, description: "", mtu: 1500 },
        tunnel_id: `t${i}`,
      });
    }
    s.emulator.injectNext({ kind: "drop-after", method: "POST" });
    const created = await s.host.create(URN, inputs());
    const ours = cnis(s).filter((c) => c.magic.conduit_name === "ord_cni_1");
    expect(ours).toHaveLength(1);
    expect(ours[0].id).toBe(created.id);
    const calls = s.emulator.stats.requests.map((r) => `${r.method} ${r.url.replace(/^.*\/cni\//, "")}`);
    expect(calls).toEqual(["POST cnis", "GET cnis?limit=100", "GET cnis?limit=100&cursor=50"]);
  });
});

describe("Cni programs", () => {
  /** Two ports; the CNI is on the first, or on the second with `onSecond`. */
  const program =
    (extra: Partial<cni.CniArgs> = {}, onSecond = false) =>
    () => {
      const ports = [0, 1].map((i) => new cni.Interconnect(`port-${i}`, { type: "direct", slotId: SLOTS[i].id }));
      new cni.Cni("ord-cni", { interconnect: ports[onSecond ? 1 : 0].id, magic: magic(), ...extra });
    };
  const cniEntry = () => s.driver.state.get(urn(TYPE, "ord-cni"))!;

  it("applies, re-applies as a no-op, updates in place, replaces on a new interconnect, and destroys to an empty account", async () => {
    const first = await s.driver.up(program({ bgp: { customerAsn: 65010 } }));
    expect(first.ops.map((o) => o.op)).toEqual(["create", "create", "create"]);
    const id = first.ops[2].id;
    expect(cnis(s)).toEqual([expect.objectContaining({ interconnect: first.ops[0].id })]);
    const again = await s.driver.up(program({ bgp: { customerAsn: 65010 } }));
    expect(again.ops.map((o) => o.op)).toEqual(["same", "same", "same"]);
    expect(again.calls).toMatchObject({ create: 0, update: 0, delete: 0 });

    const changed = await s.driver.up(program({ magic: magic({ description: "primary" }), bgp: { customerAsn: 65010 } }));
    expect(changed.ops).toMatchObject([{ op: "same" }, { op: "same" }, { op: "update", id }]);
    // Removing bgp removes the session.
    await s.driver.up(program({ magic: magic({ description: "primary" }) }));
    expect(cnis(s)[0]).not.toHaveProperty("bgp");
    expect(cnis(s)[0].magic.description).toBe("primary");

    // Another interconnect means a new CNI; the conduit name is free there, so the new one comes first.
    const moved = await s.driver.up(program({ magic: magic({ description: "primary" }) }, true));
    expect(moved.ops.map((o) => o.op)).toEqual(["same", "same", "replace"]);
    expect(moved.ops[2].replaces).toEqual(["interconnect"]);
    expect(cnis(s)).toEqual([
      expect.objectContaining({ interconnect: first.ops[1].id, magic: { conduit_name: "ord_cni_1", description: "primary", mtu: 1500 } }),
    ]);
    expect(cnis(s)[0].id).not.toBe(id);
    expect((await s.driver.up(program({ magic: magic({ description: "primary" }) }, true))).ops.map((o) => o.op)).toEqual([
      "same",
      "same",
      "same",
    ]);

    await s.driver.destroy();
    expect(s.emulator.store.countAll()).toBe(0);
  });

  it("outputs customerAddress, the address of custIp, which a static route takes as its nexthop", async () => {
    const linked = () => {
      const port = new cni.Interconnect("port-0", { type: "direct", slotId: SLOTS[0].id });
      const link = new cni.Cni("ord-cni", { interconnect: port.id, magic: magic() });
      const nexthop = link.customerAddress.apply((a) => a!);
      new magicSdk.StaticRoute("dc", { prefix: "10.50.0.0/16", nexthop, priority: 100 }, { dependsOn: link });
    };
    const r = await s.driver.up(linked);
    expect(r.errors).toEqual([]);
    expect(r.outputs("ord-cni")).toMatchObject({ custIp: "100.64.0.1/31", customerAddress: "100.64.0.1" });
    expect(s.emulator.store.list<any>(ACCOUNT, "routes").map((x) => x.nexthop)).toEqual(["100.64.0.1"]);
    // Output-only: the next apply changes nothing.
    expect((await s.driver.up(linked)).ops.map((o) => o.op)).toEqual(["same", "same", "same"]);
  });

  it("previews a CNI on an interconnect that does not exist yet", async () => {
    const p = await s.driver.preview(program({ bgp: { customerAsn: 65010 } }));
    expect(p.errors).toEqual([]);
    expect(p.ops.map((o) => o.op)).toEqual(["create", "create", "create"]);
    expect(s.emulator.store.countAll()).toBe(0);
  });

  it("refresh shows drift made behind our back, the next apply puts it back, and a deleted CNI is recreated", async () => {
    const first = await s.driver.up(program());
    const id = first.ops[2].id!;
    s.emulator.store.patch(ACCOUNT, "cni_cnis", id, { magic: { conduit_name: "ord_cni_1", description: "Chicago", mtu: 1300 } });
    const refreshed = await s.driver.refresh();
    expect(refreshed.map((r) => r.op)).toEqual(["same", "same", "update"]);
    expect(refreshed[2].changedKeys).toContain("magic");
    const fixed = await s.driver.up(program());
    expect(fixed.ops.map((o) => o.op)).toEqual(["same", "same", "update"]);
    expect(cnis(s)[0].magic.mtu).toBe(1500);

    s.emulator.store.remove(ACCOUNT, "cni_cnis", id);
    expect((await s.driver.refresh()).map((r) => r.op)).toEqual(["same", "same", "delete"]);
    expect((await s.driver.up(program())).ops.map((o) => o.op)).toEqual(["same", "same", "create"]);
    expect(cnis(s)).toHaveLength(1);
  });

  it("keeps the MD5 key of bgp secret (the rest visible) and the token out of state, errors and logs", async () => {
    await s.driver.up(program({ bgp: { customerAsn: 65010, md5Key: MD5 } }));
    // The program sees `bgp` as a secret output; state keeps only the key encrypted.
    expect(cniEntry().secretKeys).toContain("bgp");
    expect(cniEntry().secretInputs).toEqual(["bgp.md5Key"]);
    expect(cniEntry().secretOutputs).toEqual(["bgp.md5Key"]);
    expect(cniEntry().outputs.bgp).toEqual({ customerAsn: 65010, extraPrefixes: [], md5Key: MD5 });
    // Also when the key arrives as a secret of the program's own.
    await s.driver.up(program({ bgp: { customerAsn: 65010, md5Key: pulumi.secret(MD5) } }));
    expect(cniEntry().secretKeys).toContain("bgp");
    await s.host.create(urn(TYPE, "dup"), inputs({ __resourceName: "dup", interconnect: "icon-nope" })).catch(() => undefined);
    expect(s.everythingWritten()).not.toContain(TOKEN);
    expect(s.host.stderr() + s.host.stdout()).not.toContain(MD5);
  });

  it("adopts an existing CNI with the import resource option, then manages it with no diff", async () => {
    interconnect(s, "icon-a");
    const existing = await s.host.create(URN, inputs());
    const imported = await s.driver.up(() => {
      new cni.Cni("ord-cni", { interconnect: "icon-a", magic: magic() }, { import: existing.id });
    });
    expect(imported.ops).toMatchObject([{ op: "import", id: existing.id }]);
    expect((await s.driver.up(() => new cni.Cni("ord-cni", { interconnect: "icon-a", magic: magic() }))).ops.map((o) => o.op)).toEqual([
      "same",
    ]);
    expect(cnis(s)).toHaveLength(1);
  });
});
