import * as pulumi from "@pulumi/pulumi";
import * as magic from "pulumi-cloudflare-magic";
import { SHIM_TEXT } from "../../sdk/shim";
import { failure } from "../failure";
import { UNKNOWN, startHost, urn } from "../harness/host";
import { ACCOUNT, REPO, TOKEN, TestStack, testStack } from "./stack";

/**
 * GreTunnel end to end: the real dynamic-provider host, driven over gRPC as the engine drives it,
 * against the local emulator on 127.0.0.1.
 */
const TYPE = "pulumi-nodejs:dynamic/magic:GreTunnel";
const URN = urn(TYPE, "nyc-gre-1");
const inputs = (extra: Record<string, unknown> = {}) => ({
  __provider: SHIM_TEXT,
  __token: "magic:GreTunnel",
  __resourceName: "nyc-gre-1",
  name: "nyc_gre_1",
  cloudflareGreEndpoint: "162.159.64.1",
  customerGreEndpoint: "203.0.113.10",
  interfaceAddress: "10.212.0.8/31",
  ...extra,
});
const tunnels = (s: TestStack) => s.emulator.store.list(ACCOUNT, "gre_tunnels");

let s: TestStack;
beforeEach(async () => {
  s = await testStack();
});
afterEach(async () => {
  await s.close();
});

describe("GreTunnel through the provider host", () => {
  it("configure → check → create → read → diff → update → replace → delete", async () => {
    const h = s.host;
    const checked = await h.check(URN, {}, inputs({ healthCheck: { rate: "high" } }));
    expect(checked.failures).toEqual([]);

    const created = await h.create(URN, checked.inputs);
    expect(created.id).toMatch(/^[0-9a-f]{32}$/);
    // Server defaults and computed fields are complete in the outputs.
    expect(created.properties).toMatchObject({
      name: "nyc_gre_1",
      mtu: 1476,
      ttl: 64,
      automaticReturnRouting: false,
      healthCheck: { enabled: true, rate: "high", type: "reply", target: "", effectiveTarget: "203.0.113.10" },
      accountId: ACCOUNT,
    });
    expect(created.properties.createdOn).toEqual(expect.any(String));
    // The API got the documented body shape and the new health-check target header.
    const post = s.emulator.stats.requests.find((r) => r.method === "POST")!;
    expect(post.body).toEqual({
      name: "nyc_gre_1",
      cloudflare_gre_endpoint: "162.159.64.1",
      customer_gre_endpoint: "203.0.113.10",
      interface_address: "10.212.0.8/31",
      health_check: { rate: "high" },
    });
    expect(post.headers["x-magic-new-hc-target"]).toBe("true");

    const read = await h.read(created.id, URN, created.properties);
    expect(read.id).toBe(created.id);
    // The read answers microseconds where the create answered nanoseconds: the same instants, kept as state has them.
    expect(read.properties).toMatchObject(created.properties);
    expect(read.inputs).toMatchObject({ name: "nyc_gre_1", healthCheck: { rate: "high" } });

    // Same inputs: no change. Changed description: in-place update. New BGP: replacement.
    expect((await h.diff(created.id, URN, created.properties, checked.inputs)).changes).toBe("none");
    const changed = inputs({ healthCheck: { rate: "high" }, description: "Tunnel for ISP X", mtu: 1400 });
    const d1 = await h.diff(created.id, URN, created.properties, changed);
    expect(d1).toMatchObject({ changes: "some", replaces: [] });
    const updated = await h.update(created.id, URN, created.properties, changed);
    expect(updated.properties).toMatchObject({ description: "Tunnel for ISP X", mtu: 1400, healthCheck: { rate: "high" } });
    expect(tunnels(s)[0]).toMatchObject({ description: "Tunnel for ISP X", mtu: 1400 });
    const d2 = await h.diff(created.id, URN, updated.properties, inputs({ ...changed, bgp: { customerAsn: 65010 } }));
    expect(d2).toMatchObject({ changes: "some", replaces: ["bgp"], deleteBeforeReplace: true });

    await h.delete(created.id, URN, updated.properties);
    expect(tunnels(s)).toEqual([]);
    // Deleting again (already gone) succeeds; reading it reports it gone.
    await h.delete(created.id, URN, updated.properties);
    expect((await h.read(created.id, URN, updated.properties)).id).toBe("");
  });

  it("rejects bad input in check before any request, naming each property", async () => {
    const before = s.emulator.stats.totalRequests;
    const r = await s.host.check(URN, {}, inputs({ name: "way too long name", interfaceAddress: "203.0.113.0/31", mtu: 500 }));
    expect(r.failures.map((f) => f.property).sort()).toEqual(["interfaceAddress", "mtu", "name"]);
    expect(r.failures.find((f) => f.property === "mtu")!.reason).toBe("mtu must be at least 576 (got 500).");
    expect(s.emulator.stats.totalRequests).toBe(before);
  });

  it("passes check and diff with unknown values during preview, and needs no credentials for them", async () => {
    const bare = await startHost({ cwd: REPO, project: "test" });
    try {
      await bare.configure({ "cloudflare-magic:accountId": ACCOUNT }); // no credential; the account id is needed at check
      const news = inputs({ customerGreEndpoint: UNKNOWN, healthCheck: UNKNOWN });
      expect((await bare.check(URN, {}, news)).failures).toEqual([]);
      const olds = {
        ...inputs(),
        accountId: ACCOUNT,
        mtu: 1476,
        __inputPaths: ["name", "cloudflareGreEndpoint", "customerGreEndpoint", "interfaceAddress"],
      };
      expect(await bare.diff("some-id", URN, olds, news)).toMatchObject({ changes: "some", replaces: [] });
    } finally {
      await bare.close();
    }
  });

  it("fails an operation without credentials with a sentence naming what to set", async () => {
    const bare = await startHost({ cwd: REPO, project: "test", env: { ...process.env, CLOUDFLARE_API_TOKEN: "" } });
    try {
      await bare.configure({ "cloudflare-magic:accountId": ACCOUNT, "cloudflare-magic:baseUrl": s.emulator.url });
      const err = await failure(bare.create(URN, inputs()));
      expect(err.message).toContain(
        "no Cloudflare credentials: set an API token with `pulumi config set --secret cloudflare:apiToken <token>` or the environment variable CLOUDFLARE_API_TOKEN",
      );
    } finally {
      await bare.close();
    }
  });

  it("retries 429 (honouring Retry-After) and 5xx, and recovers a create whose response was lost without a duplicate", async () => {
    s.emulator.injectNext({ kind: "429", method: "POST", retryAfterSeconds: 1 });
    s.emulator.injectNext({ kind: "drop-after", method: "POST" });
    s.emulator.injectNext({ kind: "5xx", method: "GET", status: 503 });
    const created = await s.host.create(URN, inputs());
    expect(tunnels(s)).toHaveLength(1);
    expect(tunnels(s)[0].id).toBe(created.id);
    expect(s.emulator.stats.faults).toMatchObject({ "429": 1, "drop-after": 1, "5xx": 1 });
    // 429 then the lost POST, then the lookup (503, retried) found the tunnel: no second POST.
    expect(s.emulator.stats.requests.map((r) => `${r.method} ${r.status}`)).toEqual(["POST 429", "POST null", "GET 503", "GET 200"]);
  });

  it("surfaces an API rejection as one sentence with Cloudflare's code and leaves nothing behind", async () => {
    await s.host.create(URN, inputs());
    const err = await failure(s.host.create(urn(TYPE, "dup"), inputs({ __resourceName: "dup", interfaceAddress: "10.212.0.10/31" })));
    expect(err.message).toMatch(
      /^create GreTunnel 'dup': Cloudflare 1003: .*nyc_gre_1.* \(HTTP 400 from POST \/client\/v4\/accounts\/[0-9a-f]{32}\/magic\/gre_tunnels\)\. The existing GreTunnel 'nyc_gre_1' has id [0-9a-f]{32}\. /,
    );
    expect(tunnels(s)).toHaveLength(1);
  });

  it("writes a debug log of method, path and status, never a credential", async () => {
    const debug = await testStack({ "cloudflare-magic:debug": "true" });
    try {
      await debug.host.create(URN, inputs());
      await failure(debug.host.create(urn(TYPE, "dup"), inputs({ __resourceName: "dup" })));
      const log = debug.host.stderr();
      expect(log).toMatch(/\[cloudflare-magic\] POST \/client\/v4\/accounts\/[0-9a-f]{32}\/magic\/gre_tunnels -> 200/);
      expect(log).toMatch(/-> 400/);
      expect(log).not.toContain(TOKEN);
      expect(log).not.toMatch(/authorization|x-auth-key|bearer/i);
    } finally {
      await debug.close();
    }
  });

  it("never lets the token reach state, errors or logs", async () => {
    const program = () => {
      new magic.GreTunnel("nyc-gre-1", {
        name: "nyc_gre_1",
        cloudflareGreEndpoint: "162.159.64.1",
        customerGreEndpoint: "203.0.113.10",
        interfaceAddress: "10.212.0.8/31",
        bgp: { customerAsn: 65010, md5Key: pulumi.secret("md5-k3y") },
      });
    };
    await s.driver.up(program);
    await s.host.create(urn(TYPE, "dup"), inputs({ __resourceName: "dup" })).catch(() => undefined);
    expect(s.everythingWritten()).not.toContain(TOKEN);
    expect(s.emulator.stats.requests.every((r) => !JSON.stringify(r).includes(TOKEN))).toBe(true);
  });
});

describe("GreTunnel programs", () => {
  const program =
    (extra: Partial<magic.GreTunnelArgs> = {}) =>
    () => {
      new magic.GreTunnel("nyc-gre-1", {
        name: "nyc_gre_1",
        cloudflareGreEndpoint: "162.159.64.1",
        customerGreEndpoint: "203.0.113.10",
        interfaceAddress: "10.212.0.8/31",
        healthCheck: { direction: "bidirectional" },
        ...extra,
      });
    };

  it("applies, re-applies as a no-op, updates in place, replaces, and destroys to an empty account", async () => {
    const first = await s.driver.up(program());
    expect(first.ops.map((o) => o.op)).toEqual(["create"]);
    const id = first.ops[0].id;

    const again = await s.driver.up(program());
    expect(again.ops.map((o) => o.op)).toEqual(["same"]);
    expect(again.calls).toMatchObject({ create: 0, update: 0, delete: 0 });

    const changed = await s.driver.up(program({ description: "primary", healthCheck: { direction: "bidirectional", rate: "low" } }));
    expect(changed.ops).toMatchObject([{ op: "update", id }]);
    expect(
      (await s.driver.up(program({ description: "primary", healthCheck: { direction: "bidirectional", rate: "low" } }))).ops[0].op,
    ).toBe("same");

    // Removing the description clears it on the server.
    await s.driver.up(program({ healthCheck: { direction: "bidirectional", rate: "low" } }));
    expect(tunnels(s)[0].description).toBeUndefined();

    const replaced = await s.driver.up(program({ bgp: { customerAsn: 65010 } }));
    expect(replaced.ops.map((o) => o.op)).toEqual(["replace"]);
    expect(tunnels(s)).toHaveLength(1);
    expect(tunnels(s)[0].id).not.toBe(id);
    expect((await s.driver.up(program({ bgp: { customerAsn: 65010 } }))).ops[0].op).toBe("same");

    await s.driver.destroy();
    expect(s.emulator.store.countAll()).toBe(0);
  });

  // The interface address is `unique` (Cloudflare refuses a second tunnel on it): a replacement
  // that renames the tunnel but keeps the address must delete the old tunnel first, or the
  // create is refused while the old tunnel still holds the address.
  it("replaces a renamed tunnel that keeps its interface address by deleting the old one first", async () => {
    await s.driver.up(program({ bgp: { customerAsn: 65010 } }));
    const old = tunnels(s)[0];
    s.emulator.resetStats();
    const replaced = await s.driver.up(program({ name: "nyc_gre_2", bgp: { customerAsn: 65011 } }));
    expect(replaced.ops.map((o) => o.op)).toEqual(["replace"]);
    const writes = s.emulator.stats.requests.filter((r) => r.method !== "GET").map((r) => r.method);
    expect(writes).toEqual(["DELETE", "POST"]);
    expect(tunnels(s)).toMatchObject([{ name: "nyc_gre_2", interface_address: "10.212.0.8/31" }]);
    expect(tunnels(s)[0].id).not.toBe(old.id);
  });

  it("previews a tunnel whose inputs depend on another resource not created yet", async () => {
    const p = await s.driver.preview(() => {
      const a = new magic.GreTunnel("a", {
        name: "a",
        cloudflareGreEndpoint: "162.159.64.1",
        customerGreEndpoint: "203.0.113.10",
        interfaceAddress: "10.212.0.8/31",
      });
      new magic.GreTunnel("b", {
        name: "b",
        cloudflareGreEndpoint: "162.159.64.1",
        customerGreEndpoint: "203.0.113.11",
        interfaceAddress: "10.212.0.10/31",
        description: a.id,
      });
    });
    expect(p.errors).toEqual([]);
    expect(p.ops.map((o) => o.op)).toEqual(["create", "create"]);
    expect(s.emulator.store.countAll()).toBe(0);
  });

  it("refresh shows drift made behind our back, the next apply puts it back, and a deleted tunnel is recreated", async () => {
    const first = await s.driver.up(program({ mtu: 1450 }));
    const id = first.ops[0].id!;
    s.emulator.store.patch(ACCOUNT, "gre_tunnels", id, { mtu: 1300, ttl: 10 });
    const refreshed = await s.driver.refresh();
    expect(refreshed).toMatchObject([{ op: "update" }]);
    expect(refreshed[0].changedKeys).toContain("mtu");
    const fixed = await s.driver.up(program({ mtu: 1450 }));
    expect(fixed.ops.map((o) => o.op)).toEqual(["update"]);
    expect(tunnels(s)[0].mtu).toBe(1450);
    // ttl was never set by the program: not ours to put back.
    expect(tunnels(s)[0].ttl).toBe(10);

    s.emulator.store.remove(ACCOUNT, "gre_tunnels", id);
    expect(await s.driver.refresh()).toMatchObject([{ op: "delete" }]);
    expect((await s.driver.up(program({ mtu: 1450 }))).ops.map((o) => o.op)).toEqual(["create"]);
    expect(tunnels(s)).toHaveLength(1);
  });

  it("adopts an existing tunnel with the import resource option, then manages it with no diff", async () => {
    const existing = await s.host.create(URN, inputs({ healthCheck: { direction: "bidirectional" } }));
    const imported = await s.driver.up(() => {
      new magic.GreTunnel(
        "nyc-gre-1",
        {
          name: "nyc_gre_1",
          cloudflareGreEndpoint: "162.159.64.1",
          customerGreEndpoint: "203.0.113.10",
          interfaceAddress: "10.212.0.8/31",
          healthCheck: { direction: "bidirectional" },
        },
        { import: existing.id },
      );
    });
    expect(imported.ops).toMatchObject([{ op: "import", id: existing.id }]);
    expect((await s.driver.up(program())).ops.map((o) => o.op)).toEqual(["same"]);
    expect(tunnels(s)).toHaveLength(1);
  });
});
