import * as magic from "pulumi-cloudflare-magic";
import { failure } from "../failure";
import { RunError } from "../harness/program";
import { ACCOUNT, type TestStack, testStack } from "../resources/stack";

/**
 * What an interrupted apply leaves behind: an object Cloudflare made whose create never reached the
 * state. The next apply creates it again; Cloudflare refuses the duplicate (a tunnel's unique name,
 * a WAN's or LAN's port and VLAN) and the error names the existing object's id and how to adopt it.
 * With `cloudflare-magic:adoptExisting` an object that carries every field sent is adopted.
 */
const gre =
  (name = "dc1_gre_2", customer = "203.0.113.10") =>
  () => {
    new magic.GreTunnel("dc1-gre-2", {
      name,
      cloudflareGreEndpoint: "162.159.64.1",
      customerGreEndpoint: customer,
      interfaceAddress: "10.212.0.2/31",
    });
  };
const greBody = {
  name: "dc1_gre_2",
  cloudflare_gre_endpoint: "162.159.64.1",
  customer_gre_endpoint: "203.0.113.10",
  interface_address: "10.212.0.2/31",
};

let s: TestStack;
afterEach(async () => {
  await s.close();
});

describe("without adoptExisting (the default)", () => {
  beforeEach(async () => {
    s = await testStack();
  });

  it("a tunnel that exists already: the error names its id and both ways to adopt it; import then converges", async () => {
    const orphan = s.emulator.store.insert(ACCOUNT, "gre_tunnels", greBody);
    const err = await failure(s.driver.up(gre()));
    expect(err).toBeInstanceOf(RunError);
    // Before: only `Cloudflare 1003: A GRE tunnel named "dc1_gre_2" already exists ...`.
    expect(err.errors[0].message).toBe(
      `create GreTunnel 'dc1-gre-2': Cloudflare 1003: A GRE tunnel named "dc1_gre_2" already exists in this account (at /name); ` +
        `Cloudflare 1003: interface_address 10.212.0.2/31 overlaps the interface address of GRE tunnel "dc1_gre_2" (at /interface_address) (HTTP 400 from POST /client/v4/accounts/${ACCOUNT}/magic/gre_tunnels). ` +
        `The existing GreTunnel 'dc1_gre_2' has id ${orphan.id}. If an interrupted apply made it, adopt it: \`pulumi refresh --import-pending-creates 'urn:pulumi:dev::test::pulumi-nodejs:dynamic/magic:GreTunnel::dc1-gre-2' ${orphan.id}\` when the engine reported this create as pending, ` +
        `or else the resource option \`import: "${orphan.id}"\` on this resource for one apply. It matches every field this resource sends, so \`pulumi config set cloudflare-magic:adoptExisting true\` would also adopt it. ` +
        "If another stack manages it, change this resource instead.",
    );
    const imported = await s.driver.up(() => {
      new magic.GreTunnel(
        "dc1-gre-2",
        {
          name: "dc1_gre_2",
          cloudflareGreEndpoint: "162.159.64.1",
          customerGreEndpoint: "203.0.113.10",
          interfaceAddress: "10.212.0.2/31",
        },
        { import: orphan.id },
      );
    });
    expect(imported.ops).toMatchObject([{ op: "import", id: orphan.id }]);
    expect((await s.driver.up(gre())).ops.map((o) => o.op)).toEqual(["same"]);
    expect(s.emulator.store.list(ACCOUNT, "gre_tunnels")).toHaveLength(1);
  });

  it("says when the existing object differs from what the resource sends", async () => {
    s.emulator.store.insert(ACCOUNT, "gre_tunnels", { ...greBody, customer_gre_endpoint: "198.51.100.7" });
    const err = await failure(s.driver.up(gre()));
    expect(err.errors[0].message).toContain("It differs from what this resource sends, so it was probably not made by this program.");
  });

  it("a WAN on a port and VLAN already in use: the error names the WAN there", async () => {
    const program = (siteId: string) => () => {
      new magic.SiteWan("isp-a", { siteId, physport: 1, name: "isp_a" });
    };
    const site = s.emulator.store.insert(ACCOUNT, "sites", { name: "branch" });
    const orphan = s.emulator.store.insert(ACCOUNT, "site_wans", {
      site_id: site.id,
      physport: 1,
      vlan_tag: 0,
      name: "isp_a",
      health_check_rate: "mid",
    });
    const err = await failure(s.driver.up(program(site.id)));
    // Before: a second WAN `isp_a` on port 1, VLAN 0, silently.
    expect(err.errors[0].message).toContain(
      `create SiteWan 'isp-a': Cloudflare 1003: WAN ${orphan.id} ("isp_a") of this site already uses port 1 with VLAN 0; a port and VLAN carry one WAN`,
    );
    expect(err.errors[0].message).toContain(`The existing SiteWan 'isp_a' has id ${orphan.id}.`);
    expect(s.emulator.store.list(ACCOUNT, "site_wans")).toHaveLength(1);
  });

  it("an IPsec tunnel adopted without a PSK shows a change until an update generates one", async () => {
    const orphan = s.emulator.store.insert(ACCOUNT, "ipsec_tunnels", {
      name: "ipsec_1",
      cloudflare_endpoint: "162.159.65.1",
      interface_address: "10.213.0.10/31",
    });
    const program =
      (opts = {}) =>
      () => {
        new magic.IpsecTunnel("ipsec", { name: "ipsec_1", cloudflareEndpoint: "162.159.65.1", interfaceAddress: "10.213.0.10/31" }, opts);
      };
    await s.driver.up(program({ import: orphan.id }));
    // Before: "no changes" on every later apply, and the tunnel never had a PSK we know.
    const preview = await s.driver.preview(program());
    expect(preview.ops.map((o) => o.op)).toEqual(["update"]);
    s.emulator.resetStats();
    const r = await s.driver.up(program());
    expect(r.ops.map((o) => o.op)).toEqual(["update"]);
    expect(s.emulator.stats.requests.filter((q) => q.url.endsWith("/psk_generate"))).toHaveLength(1);
    expect(r.outputs("ipsec").psk).toEqual(expect.any(String));
    expect((await s.driver.up(program())).ops.map((o) => o.op)).toEqual(["same"]);
  });
});

describe("with cloudflare-magic:adoptExisting = true", () => {
  beforeEach(async () => {
    s = await testStack({ "cloudflare-magic:adoptExisting": "true" });
  });

  it("adopts an existing tunnel that matches every field sent, says so on stderr, and the next apply is a no-op", async () => {
    const orphan = s.emulator.store.insert(ACCOUNT, "gre_tunnels", greBody);
    const r = await s.driver.up(gre());
    expect(r.ops).toMatchObject([{ op: "create", id: orphan.id }]);
    expect(s.host.stderr()).toContain(
      `create GreTunnel 'dc1-gre-2': adopted the existing GreTunnel ${orphan.id}, which matches every field sent (cloudflare-magic:adoptExisting is on).`,
    );
    expect((await s.driver.up(gre())).ops.map((o) => o.op)).toEqual(["same"]);
    expect(s.emulator.store.list(ACCOUNT, "gre_tunnels")).toHaveLength(1);
  });

  it("never adopts one that differs: it may belong to another stack", async () => {
    s.emulator.store.insert(ACCOUNT, "gre_tunnels", { ...greBody, customer_gre_endpoint: "198.51.100.7" });
    const err = await failure(s.driver.up(gre()));
    expect(err.errors[0].message).toContain("It differs from what this resource sends");
    expect(s.driver.state.size).toBe(0);
  });
});
