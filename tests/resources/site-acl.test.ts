import * as pulumi from "@pulumi/pulumi";
import * as magic from "pulumi-cloudflare-magic";
import { SHIM_TEXT } from "../../sdk/shim";
import { failure } from "../failure";
import { UNKNOWN, startHost, urn } from "../harness/host";
import { ACCOUNT, REPO, TOKEN, TestStack, testStack } from "./stack";

/**
 * SiteAcl end to end: the real dynamic-provider host against the local emulator. Sites and LANs
 * are put in the emulator's store directly, so these tests need no other resource type.
 */
const TYPE = "pulumi-nodejs:dynamic/magic:SiteAcl";
const URN = urn(TYPE, "pos-acl");

let s: TestStack;
let site: string;
let posLan: string;
let registerLan: string;

const acls = () => s.emulator.store.list(ACCOUNT, "site_acls");
const inputs = (extra: Record<string, unknown> = {}) => ({
  __provider: SHIM_TEXT,
  __token: "magic:SiteAcl",
  __resourceName: "pos-acl",
  siteId: site,
  name: "PIN Pad - Cash Register",
  lan1: { lanId: posLan },
  lan2: { lanId: registerLan, ports: [443] },
  ...extra,
});

/** A site with two LANs, straight into the store. */
function addSite(name: string): { site: string; lans: [string, string] } {
  const id = s.emulator.store.insert(ACCOUNT, "sites", { name }).id;
  const lan = (n: string, port: number) => s.emulator.store.insert(ACCOUNT, "site_lans", { site_id: id, name: n, physport: port }).id;
  return { site: id, lans: [lan(`${name}-pos`, 1), lan(`${name}-registers`, 2)] };
}

beforeEach(async () => {
  s = await testStack();
  ({
    site,
    lans: [posLan, registerLan],
  } = addSite("nyc"));
});
afterEach(async () => {
  await s.close();
});

describe("SiteAcl through the provider host", () => {
  it("configure → check → create → read → diff → update → replace → delete", async () => {
    const h = s.host;
    const checked = await h.check(URN, {}, inputs({ protocols: ["tcp"] }));
    expect(checked.failures).toEqual([]);

    const created = await h.create(URN, checked.inputs);
    expect(created.id).toMatch(/^[0-9a-f]{32}$/);
    // Server defaults and the LAN names Cloudflare fills in are in the outputs.
    expect(created.properties).toMatchObject({
      siteId: site,
      name: "PIN Pad - Cash Register",
      lan1: { lanId: posLan, lanName: "nyc-pos" },
      lan2: { lanId: registerLan, lanName: "nyc-registers", ports: [443] },
      protocols: ["tcp"],
      forwardLocally: false,
      unidirectional: false,
      accountId: ACCOUNT,
    });
    // The documented body: lan_1/lan_2 (not "lan1"), no site_id (it is in the path).
    const post = s.emulator.stats.requests.find((r) => r.method === "POST")!;
    expect(post.url).toBe(`/client/v4/accounts/${ACCOUNT}/magic/sites/${site}/acls`);
    expect(post.body).toEqual({
      name: "PIN Pad - Cash Register",
      lan_1: { lan_id: posLan },
      lan_2: { lan_id: registerLan, ports: [443] },
      protocols: ["tcp"],
    });

    const read = await h.read(created.id, URN, created.properties);
    expect(read.id).toBe(created.id);
    expect(read.properties).toEqual(created.properties);
    expect(read.inputs).toMatchObject({ siteId: site, lan1: { lanId: posLan }, protocols: ["tcp"] });
    expect(read.inputs!.lan1).not.toHaveProperty("lanName");

    expect((await h.diff(created.id, URN, created.properties, checked.inputs)).changes).toBe("none");
    const changed = inputs({ protocols: ["tcp", "udp"], lan2: { lanId: registerLan, portRanges: ["8080-9000"] }, forwardLocally: true });
    expect(await h.diff(created.id, URN, created.properties, changed)).toMatchObject({ changes: "some", replaces: [] });
    const updated = await h.update(created.id, URN, created.properties, changed);
    expect(updated.properties).toMatchObject({
      protocols: ["tcp", "udp"],
      forwardLocally: true,
      lan2: { lanId: registerLan, portRanges: ["8080-9000"] },
    });
    expect(updated.properties.lan2).not.toHaveProperty("ports");
    const put = s.emulator.stats.requests.find((r) => r.method === "PUT")!;
    expect(put.url).toBe(`/client/v4/accounts/${ACCOUNT}/magic/sites/${site}/acls/${created.id}`);
    expect(put.body).not.toHaveProperty("site_id");
    expect(acls()[0]).toMatchObject({ forward_locally: true, protocols: ["tcp", "udp"] });

    const other = addSite("sfo");
    const moved = inputs({ siteId: other.site, lan1: { lanId: other.lans[0] }, lan2: { lanId: other.lans[1] } });
    expect(await h.diff(created.id, URN, updated.properties, moved)).toMatchObject({ changes: "some", replaces: ["siteId"] });

    await h.delete(created.id, URN, updated.properties);
    expect(acls()).toEqual([]);
    await h.delete(created.id, URN, updated.properties);
    expect((await h.read(created.id, URN, updated.properties)).id).toBe("");
  });

  it("rejects bad input in check before any request, naming each property", async () => {
    const before = s.emulator.stats.totalRequests;
    const r = await s.host.check(
      URN,
      {},
      inputs({
        name: "",
        lan1: { lanId: posLan, ports: [0], subnets: ["192.0.2.1/24"] },
        lan2: { lanId: registerLan, portRanges: ["9000-8080"] },
        protocols: ["gre"],
      }),
    );
    expect(r.failures.map((f) => f.property).sort()).toEqual([
      "lan1.ports.0",
      "lan1.subnets.0",
      "lan2.portRanges.0",
      "name",
      "protocols.0",
    ]);
    expect(r.failures.find((f) => f.property === "lan2.portRanges.0")!.reason).toBe(
      'lan2.portRanges.0 must be a port range "start-end" with 1 <= start <= end <= 65535, such as "8080-9000" (got "9000-8080").',
    );
    expect(s.emulator.stats.totalRequests).toBe(before);
  });

  it("surfaces the API's refusal of a LAN from another site as one sentence and leaves nothing behind", async () => {
    const other = addSite("sfo");
    const err = await failure(s.host.create(URN, inputs({ lan2: { lanId: other.lans[0] } })));
    expect(err.message).toMatch(/^create SiteAcl 'pos-acl': Cloudflare 1005: lan_2\.lan_id must be the id of a LAN of this site/);
    expect(acls()).toEqual([]);
  });

  it("recovers a create whose response was lost by finding the ACL with the same name and LANs, without a duplicate", async () => {
    s.emulator.injectNext({ kind: "drop-after", method: "POST" });
    const created = await s.host.create(URN, inputs());
    expect(acls()).toEqual([expect.objectContaining({ id: created.id, name: "PIN Pad - Cash Register" })]);
    // The list first looks for a twin an interrupted apply left (names are not unique).
    expect(s.emulator.stats.requests.map((r) => `${r.method} ${r.status}`)).toEqual(["GET 200", "POST null", "GET 200"]);
  });

  it("passes check and diff with unknown values during preview, and needs no credentials for them", async () => {
    const bare = await startHost({ cwd: REPO, project: "test" });
    try {
      await bare.configure({ "cloudflare-magic:accountId": ACCOUNT }); // no credential; the account id is needed at check
      const news = inputs({ siteId: UNKNOWN, lan1: { lanId: UNKNOWN, ports: [UNKNOWN] } });
      expect((await bare.check(URN, {}, news)).failures).toEqual([]);
      const olds = {
        ...inputs(),
        accountId: ACCOUNT,
        forwardLocally: false,
        __inputPaths: ["siteId", "name", "lan1.lanId", "lan2.lanId", "lan2.ports"],
      };
      expect(await bare.diff("some-id", URN, olds, news)).toMatchObject({ changes: "some", replaces: ["siteId"] });
      expect(await bare.diff("some-id", URN, olds, inputs({ lan2: { lanId: UNKNOWN } }))).toMatchObject({ changes: "some", replaces: [] });
    } finally {
      await bare.close();
    }
  });
});

describe("SiteAcl programs", () => {
  const program =
    (extra: Partial<magic.SiteAclArgs> = {}) =>
    () => {
      new magic.SiteAcl("pos-acl", {
        siteId: site,
        name: "PIN Pad - Cash Register",
        lan1: { lanId: posLan, subnets: ["192.168.10.0/24"] },
        lan2: { lanId: registerLan },
        protocols: ["tcp"],
        ...extra,
      });
    };

  it("applies, re-applies as a no-op, updates in place, replaces on a new site, and destroys to an empty site", async () => {
    const first = await s.driver.up(program());
    expect(first.ops.map((o) => o.op)).toEqual(["create"]);
    const id = first.ops[0].id;
    expect(first.outputs("pos-acl")).toMatchObject({ forwardLocally: false, unidirectional: false, lan1: { lanName: "nyc-pos" } });

    const again = await s.driver.up(program());
    expect(again.ops.map((o) => o.op)).toEqual(["same"]);
    expect(again.calls).toMatchObject({ create: 0, update: 0, delete: 0 });

    const changed = await s.driver.up(
      program({ description: "POS to registers", unidirectional: true, lan2: { lanId: registerLan, ports: [443, 8443] } }),
    );
    expect(changed.ops).toMatchObject([{ op: "update", id }]);
    expect(acls()[0]).toMatchObject({
      description: "POS to registers",
      unidirectional: true,
      lan_2: { lan_id: registerLan, ports: [443, 8443] },
    });
    expect(
      (
        await s.driver.up(
          program({ description: "POS to registers", unidirectional: true, lan2: { lanId: registerLan, ports: [443, 8443] } }),
        )
      ).ops[0].op,
    ).toBe("same");

    // Removing inputs puts the server defaults back.
    await s.driver.up(program());
    expect(acls()[0]).toMatchObject({ unidirectional: false, lan_2: { lan_id: registerLan } });
    expect(acls()[0]).not.toHaveProperty("description");
    expect(acls()[0].lan_2).not.toHaveProperty("ports");

    const other = addSite("sfo");
    const moved = program({ siteId: other.site, lan1: { lanId: other.lans[0] }, lan2: { lanId: other.lans[1] } });
    const replaced = await s.driver.up(moved);
    expect(replaced.ops.map((o) => o.op)).toEqual(["replace"]);
    expect(acls()).toHaveLength(1);
    expect(acls()[0]).toMatchObject({ site_id: other.site });
    expect(acls()[0].id).not.toBe(id);
    expect((await s.driver.up(moved)).ops[0].op).toBe("same");

    await s.driver.destroy();
    expect(acls()).toEqual([]);
    // Only the sites and LANs this test put in the store remain.
    expect(s.emulator.store.countAll()).toBe(6);
  });

  it("previews an ACL whose inputs depend on another resource not created yet", async () => {
    const p = await s.driver.preview(() => {
      const a = new magic.SiteAcl("a", { siteId: site, name: "a", lan1: { lanId: posLan }, lan2: { lanId: registerLan } });
      new magic.SiteAcl("b", { siteId: site, name: "b", lan1: { lanId: posLan }, lan2: { lanId: registerLan }, description: a.id });
    });
    expect(p.errors).toEqual([]);
    expect(p.ops.map((o) => o.op)).toEqual(["create", "create"]);
    expect(acls()).toEqual([]);
  });

  it("refresh shows drift made behind our back, the next apply puts it back, and a deleted ACL is recreated", async () => {
    const first = await s.driver.up(program({ forwardLocally: true }));
    const id = first.ops[0].id!;
    s.emulator.store.patch(ACCOUNT, "site_acls", id, { forward_locally: false, protocols: ["udp"], unidirectional: true });
    const refreshed = await s.driver.refresh();
    expect(refreshed).toMatchObject([{ op: "update" }]);
    expect(refreshed[0].changedKeys).toEqual(expect.arrayContaining(["forwardLocally", "protocols", "unidirectional"]));
    const fixed = await s.driver.up(program({ forwardLocally: true }));
    expect(fixed.ops.map((o) => o.op)).toEqual(["update"]);
    expect(acls()[0]).toMatchObject({ forward_locally: true, protocols: ["tcp"] });
    // unidirectional was never set by the program: not ours to put back.
    expect(acls()[0].unidirectional).toBe(true);

    s.emulator.store.remove(ACCOUNT, "site_acls", id);
    expect(await s.driver.refresh()).toMatchObject([{ op: "delete" }]);
    expect((await s.driver.up(program({ forwardLocally: true }))).ops.map((o) => o.op)).toEqual(["create"]);
    expect(acls()).toHaveLength(1);
  });

  it("keeps a secret input secret in state, and never lets the token reach state, errors or logs", async () => {
    await s.driver.up(program({ description: pulumi.secret("ask the store manager") }));
    const entry = [...s.driver.state.values()].find((e) => e.name === "pos-acl")!;
    expect(entry.secretKeys).toContain("description");
    expect(entry.outputs.description).toBe("ask the store manager");
    await s.host.create(URN, inputs({ lan1: { lanId: "no-such-lan" } })).catch(() => undefined);
    expect(s.everythingWritten()).not.toContain(TOKEN);
    expect(s.emulator.stats.requests.every((r) => !JSON.stringify(r).includes(TOKEN))).toBe(true);
  });

  it("adopts an existing ACL with the import resource option, then manages it with no diff", async () => {
    const existing = await s.host.create(
      URN,
      inputs({ lan1: { lanId: posLan, subnets: ["192.168.10.0/24"] }, lan2: { lanId: registerLan }, protocols: ["tcp"] }),
    );
    const imported = await s.driver.up(() => {
      new magic.SiteAcl(
        "pos-acl",
        {
          siteId: site,
          name: "PIN Pad - Cash Register",
          lan1: { lanId: posLan, subnets: ["192.168.10.0/24"] },
          lan2: { lanId: registerLan },
          protocols: ["tcp"],
        },
        { import: existing.id },
      );
    });
    expect(imported.ops).toMatchObject([{ op: "import", id: existing.id }]);
    const next = await s.driver.up(program());
    expect(next.ops.map((o) => o.op)).toEqual(["same"]);
    expect(next.calls).toMatchObject({ create: 0, update: 0, delete: 0 });
    expect(acls()).toHaveLength(1);
  });
});
