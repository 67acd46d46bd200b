import * as magic from "pulumi-cloudflare-magic";
import { SHIM_TEXT } from "../../sdk/shim";
import { UNKNOWN, startHost, urn } from "../harness/host";
import { ACCOUNT, REPO, TOKEN, TestStack, testStack, tunnelsFor } from "./stack";

/** StaticRoute end to end: the real provider host, driven like the engine, against the emulator. */
const TYPE = "pulumi-nodejs:dynamic/magic:StaticRoute";
const URN = urn(TYPE, "dc1-primary");
const OTHER_ACCOUNT = "fedcba9876543210fedcba9876543210";
const inputs = (extra: Record<string, unknown> = {}) => ({
  __provider: SHIM_TEXT,
  __token: "magic:StaticRoute",
  __resourceName: "dc1-primary",
  prefix: "192.0.2.0/24",
  nexthop: "10.212.0.9",
  priority: 100,
  ...extra,
});
const routes = (s: TestStack, account = ACCOUNT) => s.emulator.store.list(account, "routes");
/** The tunnels the routes of these tests point into, in both accounts they use (made before each test). */
const seedTunnels = (s: TestStack) => tunnelsFor(s.emulator, ["10.212.0.9", "169.254.21.1"], ACCOUNT, OTHER_ACCOUNT);

let s: TestStack;
let tunnels: number;
afterEach(async () => {
  await s.close();
});

describe("StaticRoute through the provider host", () => {
  beforeEach(async () => {
    s = await testStack();
    tunnels = seedTunnels(s);
  });

  it("check → create → read → diff → update → delete", async () => {
    const h = s.host;
    const checked = await h.check(URN, {}, inputs({ scope: { coloRegions: ["ENAM"] } }));
    expect(checked.failures).toEqual([]);
    const created = await h.create(URN, checked.inputs);
    expect(created.id).toMatch(/^[0-9a-f]{32}$/);
    expect(created.properties).toMatchObject({
      prefix: "192.0.2.0/24",
      nexthop: "10.212.0.9",
      priority: 100,
      scope: { coloRegions: ["ENAM"] },
      createdOn: expect.any(String),
      modifiedOn: expect.any(String),
      accountId: ACCOUNT,
    });
    const post = s.emulator.stats.requests.find((r) => r.method === "POST")!;
    expect(post.body).toEqual({ prefix: "192.0.2.0/24", nexthop: "10.212.0.9", priority: 100, scope: { colo_regions: ["ENAM"] } });

    const read = await h.read(created.id, URN, created.properties);
    // The read answers microseconds where the create answered nanoseconds: the same instants, kept as state has them.
    expect(read.properties).toMatchObject(created.properties);
    expect(read.inputs).toMatchObject({ prefix: "192.0.2.0/24", nexthop: "10.212.0.9", priority: 100, scope: { coloRegions: ["ENAM"] } });

    expect((await h.diff(created.id, URN, created.properties, checked.inputs)).changes).toBe("none");
    const changed = inputs({ scope: { coloRegions: ["ENAM"] }, nexthop: "169.254.21.1", weight: 64 });
    expect(await h.diff(created.id, URN, created.properties, changed)).toMatchObject({ changes: "some", replaces: [] });
    const updated = await h.update(created.id, URN, created.properties, changed);
    expect(updated.properties).toMatchObject({ nexthop: "169.254.21.1", weight: 64 });
    // The single-route PUT carries the whole route, as the spec requires.
    const put = s.emulator.stats.requests.find((r) => r.method === "PUT")!;
    expect(put.body).toEqual({
      prefix: "192.0.2.0/24",
      nexthop: "169.254.21.1",
      priority: 100,
      weight: 64,
      scope: { colo_regions: ["ENAM"] },
    });

    await h.delete(created.id, URN, updated.properties);
    expect(routes(s)).toEqual([]);
    await h.delete(created.id, URN, updated.properties);
    expect((await h.read(created.id, URN, updated.properties)).id).toBe("");
  });

  it("rejects bad input in check before any request, naming each property", async () => {
    const before = s.emulator.stats.totalRequests;
    const r = await s.host.check(URN, {}, inputs({ prefix: "192.0.2.1/24", nexthop: "not-an-ip", weight: 300 }));
    expect(r.failures.map((f) => f.property).sort()).toEqual(["nexthop", "prefix", "weight"]);
    expect(r.failures.find((f) => f.property === "weight")!.reason).toBe("weight must be at most 256 (got 300).");
    expect(s.emulator.stats.totalRequests).toBe(before);
  });

  it("passes check and diff with unknown values during preview, without credentials", async () => {
    const bare = await startHost({ cwd: REPO, project: "test" });
    try {
      await bare.configure({ "cloudflare-magic:accountId": ACCOUNT }); // no credential; the account id is needed at check
      const news = inputs({ nexthop: UNKNOWN, scope: UNKNOWN });
      expect((await bare.check(URN, {}, news)).failures).toEqual([]);
      const olds = { ...inputs(), accountId: ACCOUNT, __inputPaths: ["prefix", "nexthop", "priority"] };
      expect(await bare.diff("some-id", URN, olds, news)).toMatchObject({ changes: "some", replaces: [] });
    } finally {
      await bare.close();
    }
  });

  it("recovers a create whose answer was lost by finding the route it made, without a duplicate", async () => {
    s.emulator.injectNext({ kind: "drop-after", method: "POST" });
    const created = await s.host.create(URN, inputs({ description: "DC1" }));
    expect(routes(s)).toHaveLength(1);
    expect(routes(s)[0].id).toBe(created.id);
    // The list first looks for a twin an interrupted apply left (Cloudflare takes two equal routes).
    expect(s.emulator.stats.requests.map((r) => `${r.method} ${r.status}`)).toEqual(["GET 200", "POST null", "GET 200"]);
  });

  it("never lets the token reach state, errors or logs", async () => {
    await s.driver.up(() => {
      new magic.StaticRoute("dc1-primary", { prefix: "192.0.2.0/24", nexthop: "10.212.0.9", priority: 100 });
    });
    await s.host.create(URN, inputs({ prefix: "192.0.2.1/24" })).catch(() => undefined);
    expect(s.everythingWritten()).not.toContain(TOKEN);
    expect(s.emulator.stats.requests.every((r) => !JSON.stringify(r).includes(TOKEN))).toBe(true);
  });
});

describe("StaticRoute validation on preview (cloudflare-magic:validateOnPreview)", () => {
  beforeEach(async () => {
    s = await testStack({ "cloudflare-magic:validateOnPreview": "true" });
    tunnels = seedTunnels(s);
  });

  it("asks the API with ?validate_only=true for a new route, which persists nothing", async () => {
    expect((await s.host.check(URN, {}, inputs())).failures).toEqual([]);
    const sent = s.emulator.stats.requests.map((r) => `${r.method} ${r.url.replace(/\/accounts\/[0-9a-f]+/, "")}`);
    expect(sent).toEqual(["POST /client/v4/magic/routes?validate_only=true"]);
    expect(routes(s)).toEqual([]);
  });
});

describe("StaticRoute programs", () => {
  beforeEach(async () => {
    s = await testStack();
    tunnels = seedTunnels(s);
  });

  const program =
    (extra: Partial<magic.StaticRouteArgs> = {}) =>
    () => {
      new magic.StaticRoute("dc1-primary", { prefix: "192.0.2.0/24", nexthop: "10.212.0.9", priority: 100, ...extra });
    };

  it("applies, re-applies as a no-op, updates in place, replaces on an account change, and destroys to an empty emulator", async () => {
    const first = await s.driver.up(program({ description: "DC1" }));
    expect(first.ops.map((o) => o.op)).toEqual(["create"]);
    const id = first.ops[0].id;
    expect(first.outputs("dc1-primary")).toMatchObject({ prefix: "192.0.2.0/24", createdOn: expect.any(String) });

    const again = await s.driver.up(program({ description: "DC1" }));
    expect(again.ops.map((o) => o.op)).toEqual(["same"]);
    expect(again.calls).toMatchObject({ create: 0, update: 0, delete: 0 });

    const changed = await s.driver.up(program({ priority: 200, weight: 10, scope: { coloNames: ["den01"] } }));
    expect(changed.ops).toMatchObject([{ op: "update", id }]);
    // The description the program dropped is gone from the route.
    expect(routes(s)[0]).toMatchObject({ priority: 200, weight: 10, scope: { colo_names: ["den01"] } });
    expect(routes(s)[0]).not.toHaveProperty("description");
    expect((await s.driver.up(program({ priority: 200, weight: 10, scope: { coloNames: ["den01"] } }))).ops[0].op).toBe("same");

    const moved = await s.driver.up(program({ accountId: OTHER_ACCOUNT }));
    expect(moved.ops.map((o) => o.op)).toEqual(["replace"]);
    expect(routes(s)).toEqual([]);
    expect(routes(s, OTHER_ACCOUNT)).toHaveLength(1);

    await s.driver.destroy();
    expect(s.emulator.store.countAll()).toBe(tunnels);
  });

  it("previews a route whose next hop depends on a resource not created yet", async () => {
    const p = await s.driver.preview(() => {
      const t = new magic.GreTunnel("t", {
        name: "t",
        cloudflareGreEndpoint: "162.159.64.1",
        customerGreEndpoint: "203.0.113.10",
        interfaceAddress: "10.212.0.8/31",
      });
      new magic.StaticRoute("r", { prefix: "192.0.2.0/24", nexthop: t.id.apply(() => "10.212.0.9"), priority: 100 });
    });
    expect(p.errors).toEqual([]);
    expect(p.ops.map((o) => o.op)).toEqual(["create", "create"]);
    expect(s.emulator.store.countAll()).toBe(tunnels);
  });

  it("refresh shows drift made behind our back, the next apply puts it back, and a deleted route is recreated", async () => {
    const id = (await s.driver.up(program({ weight: 10 }))).ops[0].id!;
    s.emulator.store.patch(ACCOUNT, "routes", id, { priority: 5, description: "theirs" });
    const refreshed = await s.driver.refresh();
    expect(refreshed).toMatchObject([{ op: "update" }]);
    expect(refreshed[0].changedKeys).toEqual(expect.arrayContaining(["priority", "description"]));
    const fixed = await s.driver.up(program({ weight: 10 }));
    expect(fixed.ops.map((o) => o.op)).toEqual(["update"]);
    expect(routes(s)[0]).toMatchObject({ priority: 100, weight: 10 });
    // The description was never the program's: the update kept the live one.
    expect(routes(s)[0].description).toBe("theirs");

    s.emulator.store.remove(ACCOUNT, "routes", id);
    expect(await s.driver.refresh()).toMatchObject([{ op: "delete" }]);
    expect((await s.driver.up(program({ weight: 10 }))).ops.map((o) => o.op)).toEqual(["create"]);
    expect(routes(s)).toHaveLength(1);
  });

  it("adopts an existing route with the import resource option, then manages it with no diff", async () => {
    const existing = s.emulator.store.insert(ACCOUNT, "routes", {
      prefix: "192.0.2.0/24",
      nexthop: "10.212.0.9",
      priority: 100,
      weight: 5,
    });
    const imported = await s.driver.up(() => {
      new magic.StaticRoute("dc1-primary", { prefix: "192.0.2.0/24", nexthop: "10.212.0.9", priority: 100 }, { import: existing.id });
    });
    expect(imported.ops).toMatchObject([{ op: "import", id: existing.id }]);
    const next = await s.driver.up(program());
    expect(next.ops.map((o) => o.op)).toEqual(["same"]);
    expect(next.calls).toMatchObject({ create: 0, update: 0, delete: 0 });
    expect(routes(s)).toHaveLength(1);
  });
});
