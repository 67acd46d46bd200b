import * as magic from "pulumi-cloudflare-magic";
import { SHIM_TEXT } from "../../sdk/shim";
import { failure } from "../failure";
import { HostError, UNKNOWN, startHost, urn } from "../harness/host";
import { RunError } from "../harness/program";
import { ACCOUNT, REPO, TOKEN, TestStack, testStack } from "./stack";

/**
 * IpsecTunnel end to end: the real dynamic-provider host, driven over gRPC as the engine drives it,
 * against the local emulator on 127.0.0.1. The PSK is generated after create, never read back,
 * carried in state as a secret and rotated in place.
 */
const TYPE = "pulumi-nodejs:dynamic/magic:IpsecTunnel";
const URN = urn(TYPE, "nyc-ipsec-1");
const OTHER_ACCOUNT = "fedcba9876543210fedcba9876543210";
const inputs = (extra: Record<string, unknown> = {}) => ({
  __provider: SHIM_TEXT,
  __token: "magic:IpsecTunnel",
  __resourceName: "nyc-ipsec-1",
  name: "nyc_ipsec_1",
  cloudflareEndpoint: "162.159.65.1",
  interfaceAddress: "10.213.0.8/31",
  ...extra,
});
const tunnels = (s: TestStack, account = ACCOUNT) => s.emulator.store.list(account, "ipsec_tunnels");
const storedPsk = (s: TestStack) => tunnels(s)[0].psk;
const GENERATED = /^[A-Za-z0-9]{32}$/;

let s: TestStack;
afterEach(async () => {
  await s.close();
});

describe("IpsecTunnel through the provider host", () => {
  beforeEach(async () => {
    s = await testStack();
  });

  it("create generates a PSK → read keeps it → diff → update keeps it → delete", async () => {
    const h = s.host;
    const checked = await h.check(URN, {}, inputs({ customerEndpoint: "203.0.113.20", healthCheck: { direction: "bidirectional" } }));
    expect(checked.failures).toEqual([]);

    const created = await h.create(URN, checked.inputs);
    expect(created.id).toMatch(/^[0-9a-f]{32}$/);
    expect(created.properties).toMatchObject({
      name: "nyc_ipsec_1",
      automaticReturnRouting: false,
      replayProtection: false,
      allowNullCipher: false,
      // A bidirectional check targets the customer side of the interface address (10.213.0.8/31), not the endpoint.
      healthCheck: { enabled: true, rate: "mid", type: "reply", direction: "bidirectional", target: "", effectiveTarget: "10.213.0.9" },
      psk: expect.stringMatching(GENERATED),
      pskMetadata: { lastGeneratedOn: expect.any(String) },
      accountId: ACCOUNT,
    });
    expect(created.properties.createdOn).toEqual(expect.any(String));
    expect(storedPsk(s)).toBe(created.properties.psk);
    // The create body carries no PSK; the PSK comes from psk_generate right after it.
    const routes = s.emulator.stats.requests.map((r) => `${r.method} ${r.url.replace(/[0-9a-f]{32}/g, ":id")}`);
    expect(routes).toEqual([
      "POST /client/v4/accounts/:id/magic/ipsec_tunnels",
      "POST /client/v4/accounts/:id/magic/ipsec_tunnels/:id/psk_generate",
    ]);
    expect(s.emulator.stats.requests[0].body).toEqual({
      name: "nyc_ipsec_1",
      cloudflare_endpoint: "162.159.65.1",
      interface_address: "10.213.0.8/31",
      customer_endpoint: "203.0.113.20",
      health_check: { direction: "bidirectional" },
    });
    expect(s.emulator.stats.requests[0].headers["x-magic-new-hc-target"]).toBe("true");

    // The API never returns the PSK: read keeps the known one and reports no input for it.
    const read = await h.read(created.id, URN, created.properties);
    // Times too: the read's microseconds are the create's nanoseconds, kept as state has them.
    expect(read.properties).toEqual(created.properties);
    expect(read.inputs).not.toHaveProperty("psk");
    expect((await h.diff(created.id, URN, read.properties, checked.inputs)).changes).toBe("none");

    const changed = inputs({
      customerEndpoint: "203.0.113.20",
      healthCheck: { direction: "bidirectional" },
      description: "Tunnel for ISP X",
      replayProtection: true,
    });
    expect(await h.diff(created.id, URN, created.properties, changed)).toMatchObject({ changes: "some", replaces: [] });
    const updated = await h.update(created.id, URN, created.properties, changed);
    expect(updated.properties).toMatchObject({ description: "Tunnel for ISP X", replayProtection: true, psk: created.properties.psk });
    expect(storedPsk(s)).toBe(created.properties.psk);
    expect(s.emulator.stats.requests.filter((r) => r.url.endsWith("psk_generate"))).toHaveLength(1);

    await h.delete(created.id, URN, updated.properties);
    expect(tunnels(s)).toEqual([]);
    await h.delete(created.id, URN, updated.properties);
    expect((await h.read(created.id, URN, updated.properties)).id).toBe("");
  });

  it("a PSK the user gives is sent in the create body and nothing is generated", async () => {
    const created = await s.host.create(URN, inputs({ psk: "O3bwKSjnaoCxDoUxjcq4Rk8ZKkezQUiy" }));
    expect(created.properties.psk).toBe("O3bwKSjnaoCxDoUxjcq4Rk8ZKkezQUiy");
    expect(storedPsk(s)).toBe("O3bwKSjnaoCxDoUxjcq4Rk8ZKkezQUiy");
    expect(s.emulator.stats.requests.map((r) => r.method)).toEqual(["POST"]);
    expect(s.emulator.stats.requests[0].body).toMatchObject({ psk: "O3bwKSjnaoCxDoUxjcq4Rk8ZKkezQUiy" });
  });

  it("rejects bad input in check before any request, naming each property", async () => {
    const before = s.emulator.stats.totalRequests;
    const r = await s.host.check(
      URN,
      {},
      inputs({
        cloudflareEndpoint: "162.159.65",
        interfaceAddress: "203.0.113.0/31",
        psk: "",
        customRemoteIdentities: { fqdnId: "x.example" },
      }),
    );
    expect(r.failures.map((f) => f.property).sort()).toEqual([
      "cloudflareEndpoint",
      "customRemoteIdentities.fqdnId",
      "interfaceAddress",
      "psk",
    ]);
    expect(r.failures.find((f) => f.property === "psk")!.reason).toBe("psk must be at least 1 characters long.");
    expect(s.emulator.stats.totalRequests).toBe(before);
  });

  it("passes check and diff with unknown values during preview, and needs no credentials for them", async () => {
    const bare = await startHost({ cwd: REPO, project: "test" });
    try {
      // No credential; the account id is needed at check (else it fails there, before any request).
      await bare.configure({ "cloudflare-magic:accountId": ACCOUNT });
      const news = inputs({ cloudflareEndpoint: UNKNOWN, psk: UNKNOWN, healthCheck: UNKNOWN });
      expect((await bare.check(URN, {}, news)).failures).toEqual([]);
      const olds = { ...inputs(), accountId: ACCOUNT, psk: "x", __inputPaths: ["name", "cloudflareEndpoint", "interfaceAddress"] };
      expect(await bare.diff("some-id", URN, olds, news)).toMatchObject({ changes: "some", replaces: [] });
    } finally {
      await bare.close();
    }
  });

  it("recovers a create whose response was lost without a second tunnel, then generates the PSK", async () => {
    s.emulator.injectNext({ kind: "drop-after", method: "POST", pathIncludes: "/ipsec_tunnels" });
    const created = await s.host.create(URN, inputs());
    expect(tunnels(s)).toHaveLength(1);
    expect(tunnels(s)[0].id).toBe(created.id);
    expect(created.properties.psk).toBe(storedPsk(s));
  });
});

describe("IpsecTunnel programs", () => {
  beforeEach(async () => {
    s = await testStack();
  });

  const program =
    (extra: Partial<magic.IpsecTunnelArgs> = {}, opts?: ConstructorParameters<typeof magic.IpsecTunnel>[2]) =>
    () => {
      new magic.IpsecTunnel(
        "nyc-ipsec-1",
        {
          name: "nyc_ipsec_1",
          cloudflareEndpoint: "162.159.65.1",
          customerEndpoint: "203.0.113.20",
          interfaceAddress: "10.213.0.8/31",
          healthCheck: { direction: "bidirectional" },
          ...extra,
        },
        opts,
      );
    };
  const entry = () => [...s.driver.state.values()].find((e) => e.name === "nyc-ipsec-1")!;

  it("applies, re-applies as a no-op, updates in place, rotates the PSK, replaces, and destroys", async () => {
    const first = await s.driver.up(program());
    expect(first.ops.map((o) => o.op)).toEqual(["create"]);
    const id = first.ops[0].id;
    const psk1 = first.outputs("nyc-ipsec-1").psk;
    expect(psk1).toMatch(GENERATED);

    const again = await s.driver.up(program());
    expect(again.ops.map((o) => o.op)).toEqual(["same"]);
    expect(again.calls).toMatchObject({ create: 0, update: 0, delete: 0 });

    const changed = await s.driver.up(program({ description: "primary", healthCheck: { direction: "bidirectional", rate: "low" } }));
    expect(changed.ops).toMatchObject([{ op: "update", id }]);
    expect(storedPsk(s)).toBe(psk1);
    expect(entry().outputs.psk).toBe(psk1);

    // A new trigger value rotates the PSK in place; the same value again is a no-op.
    const rotated = await s.driver.up(
      program({ description: "primary", healthCheck: { direction: "bidirectional", rate: "low" }, rotatePsk: "2026-q1" }),
    );
    expect(rotated.ops).toMatchObject([{ op: "update", id }]);
    const psk2 = entry().outputs.psk;
    expect(psk2).toMatch(GENERATED);
    expect(psk2).not.toBe(psk1);
    expect(storedPsk(s)).toBe(psk2);
    expect(tunnels(s)).toHaveLength(1);
    expect(
      (
        await s.driver.up(
          program({ description: "primary", healthCheck: { direction: "bidirectional", rate: "low" }, rotatePsk: "2026-q1" }),
        )
      ).ops[0].op,
    ).toBe("same");

    // A PSK of the user's own is sent in the PUT body; the trigger does not generate over it.
    s.emulator.resetStats();
    const own = await s.driver.up(program({ description: "primary", rotatePsk: "2026-q2", psk: "my-own-psk" }));
    expect(own.ops).toMatchObject([{ op: "update", id }]);
    expect(storedPsk(s)).toBe("my-own-psk");
    expect(entry().outputs.psk).toBe("my-own-psk");
    expect(s.emulator.stats.requests.find((r) => r.method === "PUT")!.body).toMatchObject({ psk: "my-own-psk" });
    expect(s.emulator.stats.requests.some((r) => r.url.endsWith("psk_generate"))).toBe(false);

    // The account cannot change in place; the name stays, so the old tunnel goes first.
    const replaced = await s.driver.up(program({ accountId: OTHER_ACCOUNT, psk: "my-own-psk" }));
    expect(replaced.ops.map((o) => o.op)).toEqual(["replace"]);
    expect(tunnels(s)).toEqual([]);
    expect(tunnels(s, OTHER_ACCOUNT)).toHaveLength(1);
    expect((await s.driver.up(program({ accountId: OTHER_ACCOUNT, psk: "my-own-psk" }))).ops[0].op).toBe("same");

    await s.driver.destroy();
    expect(s.emulator.store.countAll()).toBe(0);
  });

  it("keeps secrets secret and the token out of state, errors and logs", async () => {
    await s.driver.up(program({ bgp: { customerAsn: 65010, md5Key: "md5-k3y" } }));
    const psk = entry().outputs.psk;
    expect(entry().secretKeys).toEqual(expect.arrayContaining(["psk", "bgp"]));
    await s.driver.up(program({ psk: "given-plain-psk" }));
    // A plain-text PSK input is wrapped as a secret by the class, so its input is secret too.
    expect(entry().secretKeys).toContain("psk");
    // Removing bgp from the program removes it from the tunnel (the update body has no empty `bgp`).
    expect(tunnels(s)[0]).not.toHaveProperty("bgp");
    await s.host.create(urn(TYPE, "dup"), inputs({ __resourceName: "dup" })).catch(() => undefined);
    const written = s.everythingWritten();
    expect(written).not.toContain(TOKEN);
    const logs = s.host.stderr() + s.host.stdout();
    expect(logs).not.toContain(psk);
    expect(logs).not.toContain("given-plain-psk");
  });

  it("a failed psk_generate leaves the tunnel in state (no orphan); the next up converges without a second tunnel", async () => {
    await s.close();
    s = await testStack({ "cloudflare-magic:maxAttempts": "1" });
    s.emulator.injectNext({ kind: "5xx", method: "POST", pathIncludes: "/psk_generate", status: 503 });
    const err = await failure(s.driver.up(program()));
    expect(err).toBeInstanceOf(RunError);
    expect(err.message).toContain("503");
    const partial = entry();
    expect(partial.initErrors).toHaveLength(1);
    expect(partial.id).toBe(tunnels(s)[0].id);
    expect(partial.outputs.psk).toBeUndefined();

    const next = await s.driver.up(program());
    expect(next.ops).toMatchObject([{ op: "update", id: partial.id }]);
    expect(tunnels(s)).toHaveLength(1);
    expect(entry().initErrors).toBeUndefined();
    expect(entry().outputs.psk).toMatch(GENERATED);
    expect(storedPsk(s)).toBe(entry().outputs.psk);
    expect((await s.driver.up(program())).ops.map((o) => o.op)).toEqual(["same"]);
  });

  it("previews a tunnel whose inputs depend on another resource not created yet", async () => {
    const p = await s.driver.preview(() => {
      const a = new magic.IpsecTunnel("a", { name: "a", cloudflareEndpoint: "162.159.65.1", interfaceAddress: "10.213.0.8/31" });
      new magic.IpsecTunnel("b", {
        name: "b",
        cloudflareEndpoint: "162.159.65.1",
        interfaceAddress: "10.213.0.10/31",
        psk: a.psk.apply((x) => `${x}-b`),
        description: a.id,
      });
    });
    expect(p.errors).toEqual([]);
    expect(p.ops.map((o) => o.op)).toEqual(["create", "create"]);
    expect(s.emulator.store.countAll()).toBe(0);
  });

  it("refresh shows drift made behind our back (never on the PSK), the next apply puts it back, and a deleted tunnel is recreated", async () => {
    const first = await s.driver.up(program({ description: "primary", replayProtection: true }));
    const id = first.ops[0].id!;
    const psk = entry().outputs.psk;
    s.emulator.store.patch(ACCOUNT, "ipsec_tunnels", id, {
      description: "changed",
      replay_protection: false,
      automatic_return_routing: true,
    });
    const refreshed = await s.driver.refresh();
    expect(refreshed).toMatchObject([{ op: "update" }]);
    expect(refreshed[0].changedKeys).toEqual(expect.arrayContaining(["description", "replayProtection"]));
    expect(refreshed[0].changedKeys).not.toContain("psk");
    expect(entry().outputs.psk).toBe(psk);
    const fixed = await s.driver.up(program({ description: "primary", replayProtection: true }));
    expect(fixed.ops.map((o) => o.op)).toEqual(["update"]);
    expect(tunnels(s)[0]).toMatchObject({ description: "primary", replay_protection: true, psk });
    // Never set by the program: not ours to put back.
    expect(tunnels(s)[0].automatic_return_routing).toBe(true);

    s.emulator.store.remove(ACCOUNT, "ipsec_tunnels", id);
    expect(await s.driver.refresh()).toMatchObject([{ op: "delete" }]);
    expect((await s.driver.up(program({ description: "primary", replayProtection: true }))).ops.map((o) => o.op)).toEqual(["create"]);
    expect(tunnels(s)).toHaveLength(1);
    expect(entry().outputs.psk).toBe(storedPsk(s));
  });

  it("adopts an existing tunnel with the import resource option; the next apply generates its PSK, then no diff", async () => {
    const existing = await s.host.create(URN, inputs({ customerEndpoint: "203.0.113.20", healthCheck: { direction: "bidirectional" } }));
    const before = tunnels(s)[0];
    const imported = await s.driver.up(program({}, { import: existing.id }));
    expect(imported.ops).toMatchObject([{ op: "import", id: existing.id }]);
    // Importing cannot read the PSK (Cloudflare never shows it): without one in state the tunnel
    // shows a change, and the update generates a PSK (before: "no changes", and no PSK, forever).
    const next = await s.driver.up(program());
    expect(next.ops.map((o) => o.op)).toEqual(["update"]);
    expect(entry().outputs.psk).toBe(storedPsk(s));
    expect(tunnels(s)).toEqual([expect.objectContaining({ id: before.id, name: before.name })]);
    expect(storedPsk(s)).not.toBe(before.psk);
    expect((await s.driver.up(program())).ops.map((o) => o.op)).toEqual(["same"]);
  });

  it("adopted with the tunnel's current PSK (docs/migrating-from-pulumi-cloudflare.md), it keeps that key: no generate, no write, no diff", async () => {
    await s.host.create(URN, inputs({ customerEndpoint: "203.0.113.20", healthCheck: { direction: "bidirectional" } }));
    const before = tunnels(s)[0];
    const current = String(before.psk);
    s.emulator.resetStats();
    const imported = await s.driver.up(program({ psk: current }, { import: String(before.id) }));
    expect(imported.ops).toMatchObject([{ op: "import", id: before.id }]);
    expect((await s.driver.up(program({ psk: current }))).ops.map((o) => o.op)).toEqual(["same"]);
    expect(s.emulator.stats.requests.filter((r) => r.method !== "GET")).toEqual([]);
    expect(storedPsk(s)).toBe(current);
    expect(entry().outputs.psk).toBe(current);
  });
});

describe("IpsecTunnel API rejections", () => {
  beforeEach(async () => {
    s = await testStack();
  });

  it("surfaces a taken name as one sentence with Cloudflare's code and leaves nothing behind", async () => {
    await s.host.create(URN, inputs());
    const err = await failure(s.host.create(urn(TYPE, "dup"), inputs({ __resourceName: "dup", interfaceAddress: "10.213.0.10/31" })));
    expect(err).toBeInstanceOf(HostError);
    expect(err.message).toMatch(/^create IpsecTunnel 'dup': Cloudflare 1003: .*nyc_ipsec_1.*\(HTTP 400 from POST /);
    expect(tunnels(s)).toHaveLength(1);
  });
});
