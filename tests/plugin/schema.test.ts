/**
 * schema.json, the provider plugin's package schema: generated from the definitions by `npm run
 * generate` (scripts/generate-schema.ts), valid against Pulumi's package metaschema, and naming
 * every resource of the registry and every lookup of the sdk.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { resourceModules } from "../../provider/registry";
import { LOOKUPS } from "../../provider-plugin/lookups";
import { renderSchema, schemaText } from "../../scripts/generate-schema";
import { metaschemaValidator } from "./metaschema";

const REPO = path.join(__dirname, "..", "..");

type Json = Record<string, any>;

describe("schema.json", () => {
  const schema = JSON.parse(fs.readFileSync(path.join(REPO, "schema.json"), "utf8")) as Json;

  test("is what the definitions give (else: npm run generate)", () => {
    expect(fs.readFileSync(path.join(REPO, "schema.json"), "utf8")).toBe(schemaText());
  });

  test("validates against Pulumi's package metaschema, and the validator refuses a broken schema", () => {
    const check = metaschemaValidator();
    expect(check(schema)).toEqual({ valid: true, errors: [] });
    const broken: Json = renderSchema();
    broken.resources["cloudflare-magic::9Bad"] = { properties: {} };
    broken.resources["cloudflare-magic:magic:GreTunnel"].inputProperties.name.type = "text";
    const result = check(broken);
    expect(result.valid).toBe(false);
    expect(result.errors.join("\n")).toMatch(/resources/);
  });

  test("names every resource of the registry and every lookup", () => {
    expect(schema.name).toBe("cloudflare-magic");
    expect(Object.keys(schema.resources).sort()).toEqual(
      Object.keys(resourceModules)
        .map((t) => `cloudflare-magic:${t}`)
        .sort(),
    );
    expect(Object.keys(schema.resources)).toHaveLength(17);
    expect(Object.keys(schema.functions).sort()).toEqual(LOOKUPS.map((l) => `cloudflare-magic:${l.module}:${l.name}`).sort());
  });

  test("the plugin/ folder (source-based plugin) runs the package's plugin entry at the package's version", () => {
    const root = JSON.parse(fs.readFileSync(path.join(REPO, "package.json"), "utf8")) as Json;
    const folder = JSON.parse(fs.readFileSync(path.join(REPO, "plugin", "package.json"), "utf8")) as Json;
    expect(fs.readFileSync(path.join(REPO, "plugin", "PulumiPlugin.yaml"), "utf8")).toMatch(/^runtime: nodejs$/m);
    expect(folder.main).toBe("index.js");
    expect(folder.dependencies[root.name]).toBe(root.version);
    expect(fs.readFileSync(path.join(REPO, "plugin", "index.js"), "utf8")).toContain(`require("${root.name}/plugin")`);
    expect(root.exports["./plugin"].default).toBe("./dist/provider-plugin/server.js");
    expect(root.bin["pulumi-resource-cloudflare-magic"]).toBe("dist/provider-plugin/cli.js");
  });

  test("every function of sdk/lookups is served (and nothing else is)", () => {
    const exported = Object.entries(require("../../sdk/lookups") as Record<string, unknown>)
      // Each lookup's Output form (getSitesOutput) wraps its Promise form: one function of the schema.
      .filter(([k, v]) => typeof v === "function" && !k.endsWith("Output"))
      .map(([k]) => k)
      .sort();
    expect(LOOKUPS.map((l) => l.name).sort()).toEqual(exported);
  });

  test("secrets (nested too), replacements, defaults in words and the provider's settings come from the definitions", () => {
    const ipsec = schema.resources["cloudflare-magic:magic:IpsecTunnel"];
    expect(ipsec.inputProperties.psk.secret).toBe(true);
    expect(ipsec.properties.psk.secret).toBe(true);
    expect(schema.resources["cloudflare-magic:magic:Connector"].properties.licenseKey.secret).toBe(true);
    expect(schema.resources["cloudflare-magic:cni:Interconnect"].properties.pairingKey.secret).toBe(true);
    // bgp.md5Key only: the rest of bgp stays visible.
    const gre = schema.resources["cloudflare-magic:magic:GreTunnel"];
    const bgp = schema.types[gre.inputProperties.bgp.$ref.replace("#/types/", "")];
    expect(bgp.properties.md5Key.secret).toBe(true);
    expect(gre.inputProperties.bgp.secret).toBeUndefined();
    expect(Object.values(bgp.properties).filter((p: any) => p.secret)).toHaveLength(1);
    // A definition's `replaces`/`path` fields replace; defaults are words, never a schema default an sdk would send.
    expect(schema.resources["cloudflare-magic:magic:SiteLan"].inputProperties.siteId.replaceOnChanges).toBe(true);
    expect(gre.inputProperties.mtu.description).toMatch(/Default: 1476\./);
    expect(JSON.stringify(schema)).not.toMatch(/"default":/);
    for (const key of ["apiToken", "apiKey", "email", "accountId", "baseUrl", "requestsPerWindow", "adoptExisting"])
      expect(schema.config.variables[key]).toBeDefined();
    expect(schema.config.variables.apiToken.secret).toBe(true);
    expect(schema.config.variables.apiKey.secret).toBe(true);
    expect(schema.provider.inputProperties.apiToken.secret).toBe(true);
    expect(schema.language.python.packageName).toBe("pulumi_cloudflare_magic");
    expect(schema.language.csharp.namespaces["cloudflare-magic"]).toBe("CloudflareMagic");
  });
});
