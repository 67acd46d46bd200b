import * as pulumi from "@pulumi/pulumi";

/**
 * The serialized provider is stored twice in every resource's state. It must stay tiny and must
 * never carry a credential, whatever the program's config and environment hold.
 */
describe("serialized shim", () => {
  const TOKEN = "cf-token-SHOULD-NEVER-BE-SERIALIZED-7f3a";

  it("is under 2 KB, the same for every resource, and holds no credential, config or client", async () => {
    process.env.CLOUDFLARE_API_TOKEN = TOKEN;
    const seen: Array<{ type: string; provider: string; inputs: Record<string, unknown> }> = [];
    await pulumi.runtime.setMocks(
      {
        newResource: (args) => {
          seen.push({ type: args.type, provider: args.inputs.__provider, inputs: args.inputs });
          return { id: `${args.name}-id`, state: args.inputs };
        },
        call: () => ({}),
      },
      "shim-test",
      "dev",
      false,
    );
    pulumi.runtime.setAllConfig({ "cloudflare:apiToken": TOKEN }, ["cloudflare:apiToken"]);
    try {
      // The compiled sdk, loaded by package name exactly as a user's program loads it.
      const magic = require("pulumi-cloudflare-magic") as typeof import("../../sdk");
      const args = {
        name: "a",
        cloudflareGreEndpoint: "162.159.64.1",
        customerGreEndpoint: "203.0.113.1",
        interfaceAddress: "10.0.0.0/31",
      };
      const a = new magic.GreTunnel("a", args);
      const b = new magic.GreTunnel("b", { ...args, name: "b", interfaceAddress: "10.0.0.2/31" });
      await new Promise<void>((resolve) => pulumi.all([a.urn, b.urn]).apply(() => resolve()));

      expect(seen.map((s) => s.type)).toEqual(["pulumi-nodejs:dynamic/magic:GreTunnel", "pulumi-nodejs:dynamic/magic:GreTunnel"]);
      const text = seen[0].provider;
      expect(typeof text).toBe("string");
      expect(text.length).toBeLessThan(2048);
      expect(seen[1].provider).toBe(text);
      expect(text).not.toContain(TOKEN);
      expect(text).not.toMatch(/undici|zod|pulumi.Config|apiToken|authorization|Bearer/i);
      expect(text).toContain('require("pulumi-cloudflare-magic/provider")');
      expect(JSON.stringify(seen.map((s) => s.inputs))).not.toContain(TOKEN);
      expect(seen[0].inputs.__token).toBe("magic:GreTunnel");
      console.log(`serialized __provider: ${text.length} bytes`);

      // Loaded exactly as the provider host loads it, it dispatches to the installed provider.
      const requireFromString = require("require-from-string");
      const provider = requireFromString(text).handler();
      const checked = await provider.check({}, { ...args, __token: "magic:GreTunnel", mtu: 10 });
      expect(checked.failures).toEqual([{ property: "mtu", reason: "mtu must be at least 576 (got 10)." }]);
    } finally {
      delete process.env.CLOUDFLARE_API_TOKEN;
    }
  });
});
