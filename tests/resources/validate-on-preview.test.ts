import * as magic from "pulumi-cloudflare-magic";
import { failure } from "../failure";
import { RunError } from "../harness/program";
import { ACCOUNT, TestStack, testStack } from "./stack";

/**
 * Opt-in server-side validation at preview (`cloudflare-magic:validateOnPreview`): check POSTs a
 * new object with `?validate_only=true` and maps Cloudflare's error pointers to properties.
 */
const tunnel =
  (name: string, interfaceAddress = "10.213.0.10/31") =>
  () => {
    new magic.IpsecTunnel("ipsec", { name, cloudflareEndpoint: "162.159.65.1", interfaceAddress });
  };
const taken = (s: TestStack) =>
  s.emulator.store.insert(ACCOUNT, "ipsec_tunnels", {
    name: "taken",
    cloudflare_endpoint: "162.159.65.1",
    interface_address: "10.213.0.8/31",
  });

let s: TestStack;
afterEach(async () => {
  await s.close();
});

describe("with cloudflare-magic:validateOnPreview = true", () => {
  beforeEach(async () => {
    s = await testStack({ "cloudflare-magic:validateOnPreview": "true" });
  });

  it("fails check for a new IPsec tunnel whose name is taken, on `name`, with Cloudflare's code, persisting nothing", async () => {
    const existing = taken(s);
    s.emulator.resetStats();
    const err = await failure(s.driver.preview(tunnel("taken")));
    expect(err).toBeInstanceOf(RunError);
    expect(err.message).toContain("check failed: name: name: Cloudflare rejects this IpsecTunnel (1003: ");
    expect(err.message).toContain('"taken"');
    expect(s.emulator.stats.requests.map((r) => `${r.method} ${r.url.replace(ACCOUNT, ":account")}`)).toEqual([
      "POST /client/v4/accounts/:account/magic/ipsec_tunnels?validate_only=true",
    ]);
    expect(s.emulator.store.list(ACCOUNT, "ipsec_tunnels")).toEqual([existing]);
  });

  it("passes check for a valid new tunnel after one validation request, and persists nothing", async () => {
    const p = await s.driver.preview(tunnel("fresh"));
    expect(p.ops.map((o) => o.op)).toEqual(["create"]);
    expect(s.emulator.stats.requests.map((r) => r.url)).toEqual([expect.stringMatching(/\/ipsec_tunnels\?validate_only=true$/)]);
    expect(s.emulator.store.countAll()).toBe(0);
  });

  it("leaves out a route's nexthop refusal: the tunnel it lies in may be new in the same run, made first by the apply", async () => {
    const program = () => {
      const ipsec = new magic.IpsecTunnel("ipsec", {
        name: "fresh",
        cloudflareEndpoint: "162.159.65.1",
        interfaceAddress: "10.213.0.10/31",
      });
      new magic.StaticRoute("route", { prefix: "192.0.2.0/24", nexthop: "10.213.0.11", priority: 100 }, { dependsOn: [ipsec] });
    };
    const p = await s.driver.preview(program);
    expect(p.errors).toEqual([]);
    expect(p.ops.map((o) => o.op)).toEqual(["create", "create"]);
    // The API was asked, and refused the nexthop (no tunnel holds it yet): that refusal is not the preview's.
    const asked = s.emulator.stats.requests.find((r) => r.url.includes("/routes?validate_only=true"))!;
    expect(asked.status).toBe(400);
    const applied = await s.driver.up(program);
    expect(applied.errors).toEqual([]);
    expect(s.emulator.store.list(ACCOUNT, "routes")).toHaveLength(1);
  });

  it("validates new objects only: a tunnel already in state is not sent again", async () => {
    await s.driver.up(tunnel("fresh"));
    s.emulator.resetStats();
    const p = await s.driver.preview(tunnel("fresh"));
    expect(p.ops.map((o) => o.op)).toEqual(["same"]);
    expect(s.emulator.stats.requests.some((r) => r.url.includes("validate_only"))).toBe(false);
  });
});

describe("with the setting off (the default)", () => {
  beforeEach(async () => {
    s = await testStack();
  });

  it("check sends no request at all, so a taken name shows up only when applying", async () => {
    taken(s);
    s.emulator.resetStats();
    const p = await s.driver.preview(tunnel("taken"));
    expect(p.ops.map((o) => o.op)).toEqual(["create"]);
    expect(s.emulator.stats.totalRequests).toBe(0);
  });
});
