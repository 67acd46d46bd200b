/**
 * The provider plugin over gRPC, as the engine drives a provider for a Python, Go, C#, Java or
 * YAML program: CheckConfig/Configure with a secret token, Check with unknowns in preview,
 * Create, Read with only an id (CLI import), Update, Delete and Invoke, against the local emulator.
 */
import { type Emulator, startEmulator } from "../../emulator";
import * as provproto from "@pulumi/pulumi/proto/provider_pb";
import { UNKNOWN, secret } from "../harness/host";
import { type FakeEngine, type LoggedMessage, startFakeEngine } from "../harness/engine";
import { slotCatalogue } from "../../emulator/resources/cni";
import { type Plugin, pluginUrn, startPlugin } from "../harness/plugin";
import { ACCOUNT, TOKEN, tunnelsFor } from "../resources/stack";
import { LOOKUPS } from "../../provider-plugin/lookups";

const T = (type: string) => `cloudflare-magic:${type}`;
const urnOf = (type: string, name: string) => pluginUrn(T(type), name);
/** A GRE tunnel's inputs (the same endpoints throughout; the name and interface address vary). */
const gre = (name: string, interfaceAddress: string) => ({
  name,
  cloudflareGreEndpoint: "162.159.64.1",
  customerGreEndpoint: "203.0.113.10",
  interfaceAddress,
});

let emulator: Emulator;
let plugin: Plugin;
beforeEach(async () => {
  emulator = await startEmulator({ tokens: [TOKEN] });
  plugin = await startPlugin();
  const config = { apiToken: secret(TOKEN), accountId: ACCOUNT, baseUrl: emulator.url, version: "0.2.0" };
  expect((await plugin.checkConfig(config)).failures).toEqual([]);
  expect(await plugin.configure(config)).toEqual({ acceptSecrets: true });
});
afterEach(async () => {
  await plugin.close();
  await emulator.close();
});

/** Check, create, read back, diff (none), then delete: one resource's life through the plugin. Returns the state. */
async function lifecycle(type: string, name: string, inputs: Record<string, unknown>) {
  const urn = urnOf(type, name);
  const checked = await plugin.check(urn, {}, inputs);
  expect(checked.failures).toEqual([]);
  const created = await plugin.create(urn, checked.inputs.raw);
  expect(created.id).toBeTruthy();
  const read = await plugin.read(created.id, urn, created.properties.raw, checked.inputs.raw);
  expect(read.id).toBe(created.id);
  expect(await plugin.diff(created.id, urn, read.properties.raw, checked.inputs.raw)).toMatchObject({ changes: "none" });
  return { urn, id: created.id, checked, created, read };
}

describe("the provider plugin over gRPC", () => {
  test("GetPluginInfo, GetSchema and config: an unknown key is refused with the closest one; DiffConfig sees a new token", async () => {
    expect(await plugin.getPluginInfo()).toMatch(/^\d+\.\d+\.\d+/);
    const schema = await plugin.getSchema();
    expect(Object.keys(schema.resources)).toHaveLength(17);
    expect(Object.keys(schema.functions)).toHaveLength(LOOKUPS.length);
    const bad = await plugin.checkConfig({ apiToken: secret(TOKEN), baseURL: emulator.url, acountId: ACCOUNT });
    expect(bad.failures).toEqual([
      {
        property: "acountId",
        reason: "cloudflare-magic:acountId is not a setting of the cloudflare-magic provider; did you mean cloudflare-magic:accountId?",
      },
      {
        property: "baseURL",
        reason: "cloudflare-magic:baseURL is not a setting of the cloudflare-magic provider; did you mean cloudflare-magic:baseUrl?",
      },
    ]);
    // The checked config keeps the token a secret.
    expect(bad.inputs.apiToken).toEqual(secret(TOKEN));
    expect(await plugin.diffConfig({ apiToken: secret("a") }, { apiToken: secret("b") })).toEqual({ changes: "some", diffs: ["apiToken"] });
    expect(await plugin.diffConfig({ apiToken: secret("a") }, { apiToken: secret("a") })).toEqual({ changes: "none", diffs: [] });
    await plugin.cancel();
    // Construct (the components) and Handshake are not served: the engine is told so, and falls back for Handshake.
    expect(await plugin.statusOf("construct", new provproto.ConstructRequest())).toBe(12);
    expect(await plugin.statusOf("handshake", new provproto.ProviderHandshakeRequest())).toBe(12);
  });

  test("GRE tunnel: preview with unknowns, create, import by id, update, delete; no internal keys in state", async () => {
    const urn = urnOf("magic:GreTunnel", "nyc-gre-1");
    const inputs = gre("nyc_gre_1", "10.212.0.8/31");
    // Preview: an input not known yet passes check and diff, with no request.
    const preview = await plugin.check(urn, {}, { ...inputs, customerGreEndpoint: UNKNOWN });
    expect(preview.failures).toEqual([]);
    expect(emulator.stats.requests).toHaveLength(0);
    const bad = await plugin.check(urn, {}, { ...inputs, interfaceAddress: "10.212.0.8/24" });
    expect(bad.failures.map((f) => f.property)).toEqual(["interfaceAddress"]);

    const { id, created } = await lifecycle("magic:GreTunnel", "nyc-gre-1", inputs);
    expect(created.properties.plain).toMatchObject({ ...inputs, accountId: ACCOUNT, mtu: 1476 });
    expect(Object.keys(created.properties.plain).filter((k) => ["__provider", "__token", "__resourceName"].includes(k))).toEqual([]);

    // CLI import: an id and nothing else; the plugin records the inputs that reproduce the object.
    const imported = await plugin.read(id, urn);
    expect(imported.id).toBe(id);
    expect(imported.inputs!.plain).toMatchObject(inputs);
    expect(imported.inputs!.plain.mtu).toBeUndefined();
    expect(imported.inputs!.plain.accountId).toBeUndefined();
    // Defaults (mtu 1476) and the provider's own account are not recorded: a program that leaves them out has no diff.
    expect(imported.properties.plain).toMatchObject({ mtu: 1476, accountId: ACCOUNT });
    expect(await plugin.diff(id, urn, imported.properties.raw, imported.inputs!.raw)).toMatchObject({ changes: "none" });

    const news = { ...inputs, description: "primary" };
    expect(await plugin.diff(id, urn, created.properties.raw, news)).toMatchObject({ changes: "some", replaces: [] });
    const updated = await plugin.update(id, urn, created.properties.raw, news);
    expect(updated.properties.plain.description).toBe("primary");
    await plugin.delete(id, urn, updated.properties.raw);
    expect(emulator.store.list(ACCOUNT, "gre_tunnels")).toEqual([]);
    // A read of a deleted object answers with no id: the engine drops it from state.
    expect((await plugin.read(id, urn, updated.properties.raw)).id).toBe("");
  });

  test("IPsec tunnel: the generated PSK comes back as a secret, a program's secret stays one, import by id records no PSK", async () => {
    const inputs = {
      name: "nyc_ipsec_1",
      cloudflareEndpoint: "162.159.65.1",
      interfaceAddress: "10.213.0.8/31",
      description: secret("door code 1234"),
    };
    const { id, urn, checked, created } = await lifecycle("magic:IpsecTunnel", "nyc-ipsec-1", inputs);
    expect(checked.inputs.secretPaths).toEqual(["description"]);
    expect(typeof created.properties.plain.psk).toBe("string");
    expect((created.properties.plain.psk as string).length).toBeGreaterThan(10);
    expect(created.properties.secretPaths).toEqual(expect.arrayContaining(["psk", "description"]));
    expect(plugin.stderr()).not.toContain(created.properties.plain.psk as string);
    const imported = await plugin.read(id, urn);
    expect(imported.inputs!.plain.psk).toBeUndefined();
    const rotated = await plugin.update(id, urn, created.properties.raw, { ...checked.inputs.raw, rotatePsk: "1" });
    expect(rotated.properties.secretPaths).toContain("psk");
    expect(rotated.properties.plain.psk).not.toBe(created.properties.plain.psk);
    await plugin.delete(id, urn, rotated.properties.raw);
    expect(emulator.store.list(ACCOUNT, "ipsec_tunnels")).toEqual([]);
  });

  test("RouteTable: create, update, delete", async () => {
    tunnelsFor(emulator, ["10.212.0.9"]);
    const routes = [{ prefix: "192.0.2.0/24", nexthop: "10.212.0.9", priority: 100 }];
    const { id, urn, created } = await lifecycle("magic:RouteTable", "edge", { routes });
    expect(emulator.store.list(ACCOUNT, "routes").map((r) => r.prefix)).toEqual(["192.0.2.0/24"]);
    const more = { routes: [...routes, { prefix: "198.51.100.0/24", nexthop: "10.212.0.9", priority: 200 }] };
    const updated = await plugin.update(id, urn, created.properties.raw, more);
    expect((updated.properties.plain.routes as unknown[]).length).toBe(2);
    await plugin.delete(id, urn, updated.properties.raw);
    expect(emulator.store.list(ACCOUNT, "routes").filter((r) => r.prefix === "198.51.100.0/24" || r.prefix === "192.0.2.0/24")).toEqual([]);
  });

  test("a site with its WAN, LAN and ACL; import by <siteId>/<id>; then deleted in reverse", async () => {
    const site = await lifecycle("magic:Site", "nyc-branch", { name: "nyc_branch" });
    const siteId = site.id;
    const wan = await lifecycle("magic:SiteWan", "isp-a", { siteId, physport: 1, name: "isp_a" });
    const lan = await lifecycle("magic:SiteLan", "office", {
      siteId,
      physport: 2,
      name: "office",
      staticAddressing: { address: "192.168.10.1/24" },
    });
    const lan2 = await lifecycle("magic:SiteLan", "pos", {
      siteId,
      physport: 3,
      name: "pos",
      staticAddressing: { address: "192.168.20.1/24" },
    });
    const acl = await lifecycle("magic:SiteAcl", "pos-acl", {
      siteId,
      name: "pos to office",
      lan1: { lanId: lan.id },
      lan2: { lanId: lan2.id, ports: [443] },
    });

    const imported = await plugin.read(`${siteId}/${lan.id}`, lan.urn);
    expect(imported.id).toBe(lan.id);
    expect(imported.inputs!.plain).toMatchObject({ siteId, physport: 2, name: "office", staticAddressing: { address: "192.168.10.1/24" } });
    await expect(plugin.read(lan.id, lan.urn)).rejects.toThrow(/imported by <siteId>\/<id>/);

    for (const r of [acl, lan2, lan, wan, site]) await plugin.delete(r.id, r.urn, r.created.properties.raw);
    expect(emulator.store.list(ACCOUNT, "sites")).toEqual([]);
  });

  test("every lookup answers through Invoke", async () => {
    tunnelsFor(emulator, ["10.212.0.9"]);
    const tunnel = await lifecycle("magic:GreTunnel", "t", gre("t1", "10.212.0.10/31"));
    const site = await lifecycle("magic:Site", "s", { name: "s1" });
    const listed = await plugin.invoke(T("magic:getGreTunnels"), {});
    expect(listed.failures).toEqual([]);
    expect((listed.value.items as Array<{ id: string }>).map((t) => t.id)).toContain(tunnel.id);
    const one = await plugin.invoke(T("magic:getSite"), { id: site.id });
    expect(one.value).toMatchObject({ id: site.id, name: "s1", accountId: ACCOUNT });
    const missing = await plugin.invoke(T("magic:getSite"), {});
    expect(missing.failures.map((f) => f.reason)).toEqual(["getSite needs id."]);
    // Every other lookup answers: a list, an object, or the API's refusal of an id it does not know (never "no such function").
    const ids: Record<string, unknown> = {
      id: "0000",
      siteId: site.id,
      connectorId: "0000",
      slotId: "0000",
      name: "0000",
      interconnect: "0000",
      t: 1,
      n: 1,
      from: 0,
      to: 1,
    };
    for (const l of LOOKUPS) {
      const args = Object.fromEntries(
        l.params
          .concat(l.args)
          .filter((p) => p.required)
          .map((p) => [p.name, ids[p.name]]),
      );
      const answer = await plugin.invoke(T(`${l.module}:${l.name}`), args).then(
        (r) => ({ ok: r }),
        (e: Error) => ({ error: e.message }),
      );
      if ("ok" in answer) expect(answer.ok.failures).toEqual([]);
      else expect(answer.error).not.toMatch(/no function|not an argument|needs/);
    }
  });
});

describe("configuration mistakes", () => {
  test("no token, or a base URL that is not the API root: the failure names the plugin's own config key", async () => {
    const p = await startPlugin();
    try {
      await p.configure({ accountId: ACCOUNT, baseUrl: "http://127.0.0.1:1/client/v4" });
      const urn = urnOf("magic:GreTunnel", "nyc-gre-1");
      const inputs = gre("nyc_gre_1", "10.212.0.8/31");
      await expect(p.create(urn, inputs)).rejects.toThrow("`pulumi config set --secret cloudflare-magic:apiToken <token>`");
      await p.configure({ apiToken: secret(TOKEN), baseUrl: "http://127.0.0.1:1" });
      const checked = await p.check(urn, {}, inputs);
      expect(checked.failures.map((f) => f.reason).join(" ")).toContain("stack config cloudflare-magic:baseUrl must be the API root");
    } finally {
      await p.close();
    }
  });
});

describe("messages to the engine", () => {
  /** A plugin started with a fake engine's address (as the engine starts it), configured against an emulator of its own. */
  async function withEngine(run: (p: Plugin, engine: FakeEngine, em: Emulator) => Promise<void>): Promise<void> {
    const engine = await startFakeEngine();
    const em = await startEmulator({ tokens: [TOKEN] });
    const p = await startPlugin({ engine: engine.address });
    try {
      await p.configure({ apiToken: secret(TOKEN), accountId: ACCOUNT, baseUrl: em.url });
      await run(p, engine, em);
    } finally {
      await p.close();
      await em.close();
      await engine.stop();
    }
  }

  test("the plugin logs each step to the engine at its first argument, with the resource's URN", () =>
    withEngine(async (p, engine) => {
      const urn = urnOf("magic:GreTunnel", "nyc-gre-1");
      const inputs = gre("nyc_gre_1", "10.212.0.8/31");
      const created = await p.create(urn, inputs);
      await p.delete(created.id, urn, created.properties.raw);
      await engine.waitFor((m) => m.message === "deleting GreTunnel nyc-gre-1");
      expect(engine.logs.filter((m) => m.urn === urn).map((m) => [m.severity, m.message, m.ephemeral])).toEqual([
        ["info", "creating GreTunnel nyc-gre-1", true],
        ["info", "deleting GreTunnel nyc-gre-1", true],
      ]);
      expect(JSON.stringify(engine.logs)).not.toContain(TOKEN);
    }));

  test("a public nexthop: check passes and sends a warning on the route's URN", () =>
    withEngine(async (p, engine) => {
      const urn = urnOf("magic:StaticRoute", "to-router");
      const checked = await p.check(urn, {}, { prefix: "192.0.2.0/24", nexthop: "203.0.113.10", priority: 100 });
      expect(checked.failures).toEqual([]);
      await engine.waitFor((m) => m.urn === urn && m.severity === "warning");
      expect(engine.logs.filter((m) => m.urn === urn).map((m) => [m.severity, m.message, m.ephemeral])).toEqual([
        [
          "warning",
          "nexthop 203.0.113.10 is a public address; it must lie in a tunnel's link: the customer side of the tunnel's interface address (a private or link-local address, the tunnel's `customerAddress` output), not the public endpoint of your side of the tunnel.",
          false,
        ],
      ]);
    }));

  test("the core's progress: a slow interconnect wait sends its steps as the resource's status, named by the request's URN", () =>
    withEngine(async (p, engine, em) => {
      em.configure({ cni: { healthyAfterMs: 1500 } });
      const urn = urnOf("cni:Interconnect", "ord-port");
      const slot = slotCatalogue(ACCOUNT)[0].id;
      const created = await p.create(urn, { type: "direct", slotId: slot, waitForStatus: { status: "Healthy", timeoutSeconds: 30 } });
      const status = (pattern: RegExp) => (m: LoggedMessage) => m.urn === urn && m.ephemeral && pattern.test(m.message);
      await engine.waitFor(status(new RegExp(`interconnect ${created.id} is Pending; waiting for Healthy \\(\\d+s of 30s\\)$`)));
      await engine.waitFor(status(new RegExp(`interconnect ${created.id} is Healthy after \\d+s$`)));
      await p.delete(created.id, urn, created.properties.raw);
    }));
});

describe("two explicit providers (two plugin processes, as the engine starts them)", () => {
  const OTHER_ACCOUNT = "fedcba9876543210fedcba9876543210";
  const TOKEN_B = "cf-test-token-B-bob-NEVER-IN-STATE";

  test("two tokens of two users manage tunnels in two accounts; a third provider's bad token fails alone; no token in any answer or log", async () => {
    const shared = await startEmulator({ tokens: { [TOKEN]: { user: "alice" }, [TOKEN_B]: { user: "bob" } } });
    const a = await startPlugin();
    const b = await startPlugin();
    const c = await startPlugin();
    try {
      await a.configure({ apiToken: secret(TOKEN), accountId: ACCOUNT, baseUrl: shared.url });
      await b.configure({ apiToken: secret(TOKEN_B), accountId: OTHER_ACCOUNT, baseUrl: shared.url, requestsPerWindow: 100 });
      await c.configure({ apiToken: secret("not-a-token"), accountId: OTHER_ACCOUNT, baseUrl: shared.url });
      const urn = urnOf("magic:GreTunnel", "x");
      const ca = await a.create(urn, (await a.check(urn, {}, gre("alice_gre", "10.212.0.8/31"))).inputs.raw);
      const cb = await b.create(urn, (await b.check(urn, {}, gre("bob_gre", "10.212.0.8/31"))).inputs.raw);
      await expect(c.create(urn, gre("carol_gre", "10.212.0.12/31"))).rejects.toThrow(/401|token|credential/i);
      expect(shared.store.list(ACCOUNT, "gre_tunnels").map((t) => t.name)).toEqual(["alice_gre"]);
      expect(shared.store.list(OTHER_ACCOUNT, "gre_tunnels").map((t) => t.name)).toEqual(["bob_gre"]);
      const written = JSON.stringify([ca, cb]) + a.stderr() + b.stderr() + c.stderr() + a.stdout() + b.stdout() + c.stdout();
      expect(written).not.toContain(TOKEN);
      expect(written).not.toContain(TOKEN_B);
    } finally {
      await Promise.all([a.close(), b.close(), c.close()]);
      await shared.close();
    }
  });
});
