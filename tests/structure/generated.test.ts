/**
 * The definitions are the one source of each resource's shape: `npm run generate` writes the sdk's
 * Args, output declarations, secret outputs and lookup types from them (scripts/generate-sdk.ts).
 * These tests fail when a generated file is out of date, when a field added to a definition does
 * not reach the generated sdk, or when a hand-written sdk file declares a shape of its own.
 * (A field that never reaches the wire or the emulator's answer fails tests/conformance.)
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { z } from "zod";
import { fieldMeta } from "../../provider/framework/define";
import { linkAddressPaths } from "../../provider/framework/vocabulary";
import { inputWarnings } from "../../provider/framework/warnings";
import { HEADER, format, render, stale, targets } from "../../scripts/generate-sdk";

const REPO = path.join(__dirname, "..", "..");

describe("generated sdk", () => {
  test("every generated file is what the definitions give (else: npm run generate)", () => {
    expect(stale()).toEqual([]);
  });

  test("every generated file starts with the header naming its source", () => {
    for (const [rel, text] of render()) {
      expect(text.startsWith("// generated from provider/resources/")).toBe(true);
      expect(text.split("\n")[0]).toContain("edit the definition, then run npm run generate");
      expect(rel).toMatch(/^sdk\/(magic|cni)\/generated\//);
    }
  });

  test("a field added to a definition reaches the Args, the outputs, the lookup type, and makes the files stale", () => {
    const gre = targets().find((t) => t.token === "magic:GreTunnel")!;
    const inputs = gre.definition.inputs.extend({
      vrfName: z.string().optional().meta({ description: "The VRF the tunnel lives in.", default: "default" }),
      keyId: z.number().optional().meta({ description: "Key id.", secret: true }),
      // Words for a default with no single value: shown, and the output is always set too.
      zone: z.string().optional().meta({ description: "The zone.", defaultDoc: "the account's zone" }),
    });
    const files = render([{ ...gre, definition: { ...gre.definition, inputs } }]);
    const text = files.get(gre.out)!;
    expect(text.startsWith(HEADER(gre.source))).toBe(true);
    const args = text.slice(
      text.indexOf("export interface GreTunnelArgs"),
      text.indexOf("\n}\n", text.indexOf("export interface GreTunnelArgs")),
    );
    expect(args).toContain('   * The VRF the tunnel lives in.\n   * @default "default"\n   */\n  vrfName?: pulumi.Input<string>;');
    expect(text).toMatch(/const OUTPUTS = \[[^\]]*"vrfName"[^\]]*\] as const;/);
    expect(text).toMatch(/const SECRETS = \["bgp.md5Key", "keyId"\] as const;/);
    // A default means Cloudflare fills it in: the output is always set.
    expect(text).toContain("declare readonly vrfName: pulumi.Output<string>;");
    expect(text).toContain("declare readonly keyId: pulumi.Output<number | undefined>;");
    expect(args).toContain("   * The zone.\n   * @default the account's zone\n   */\n  zone?: pulumi.Input<string>;");
    expect(text).toContain("declare readonly zone: pulumi.Output<string>;");
    const info = text.slice(text.indexOf("export interface GreTunnelInfo"));
    expect(info).toContain("  vrfName: string;");
    expect(stale(format(files))).toContain(gre.out);
  });

  test("a unique field reaches what the class checks before any request (UNIQUE); a link address stays the provider's to judge", () => {
    const gre = targets().find((t) => t.token === "magic:GreTunnel")!;
    const inputs = gre.definition.inputs.extend({
      circuitId: z.string().optional().meta({ description: "The circuit.", unique: true }),
      probe: z.string().optional().meta({ description: "An address on the link.", linkAddress: true }),
      probes: z.array(z.object({ at: z.string().meta({ linkAddress: true }) })).optional(),
    });
    const text = render([{ ...gre, definition: { ...gre.definition, inputs } }]).get(gre.out)!;
    expect(text).toMatch(/const UNIQUE = \["name", "interfaceAddress", "circuitId"\] as const;/);
    expect(text).toContain("opts, { secrets: SECRETS, unique: UNIQUE });");
    // The provider's check warns about a public link address (also one given as an Output), at any depth.
    expect(text).not.toMatch(/LINK_ADDRESSES|linkAddresses/);
    expect(linkAddressPaths(inputs)).toEqual(["probe", "probes[].at"]);
    expect(inputWarnings(inputs, { probe: "198.51.100.7", probes: [{ at: "10.0.0.1" }, { at: "8.8.8.8" }] })).toEqual([
      expect.stringMatching(/^probe 198\.51\.100\.7 is a public address; it must lie in a tunnel's link/),
      expect.stringMatching(/^probes\[1\]\.at 8\.8\.8\.8 is a public address;/),
    ]);
    // A type with neither passes its secrets only.
    const site = targets().find((t) => t.token === "magic:Site")!;
    const plain = render([site]).get(site.out)!;
    expect(plain).not.toMatch(/UNIQUE/);
    expect(plain).toContain("opts, { secrets: SECRETS });");
  });

  test("alwaysListed, lookupOnly and a local output shape the lookup type apart from the outputs", () => {
    const gre = targets().find((t) => t.token === "magic:GreTunnel")!;
    const outputs = (gre.definition.outputs ?? z.object({})).extend({
      reservationId: z.string().optional().meta({ description: "Always reported; older state may lack it.", alwaysListed: true }),
      handle: z.string().meta({ description: "The API's name for the id.", lookupOnly: true }),
      recorded: z.object({ a: z.number() }).optional().meta({ description: "Ours.", local: true }),
    });
    const text = render([{ ...gre, definition: { ...gre.definition, outputs } }]).get(gre.out)!;
    const info = text.slice(text.indexOf("export interface GreTunnelInfo"));
    expect(text).toContain("declare readonly reservationId: pulumi.Output<string | undefined>;");
    expect(info).toContain("  reservationId: string;");
    expect(text).not.toContain("declare readonly handle");
    expect(text).toMatch(/const OUTPUTS = \[[^\]]*"reservationId"[^\]]*\] as const;/);
    expect(text).not.toMatch(/const OUTPUTS = \[[^\]]*"handle"[^\]]*\] as const;/);
    expect(info).toContain("  handle: string;");
    expect(text).toContain("declare readonly recorded: pulumi.Output<{ a: number } | undefined>;");
    expect(info).not.toContain("recorded");
  });

  test("a changed shape of a named type used by two definitions is refused, not written twice", () => {
    const [gre, ipsec] = ["magic:GreTunnel", "magic:IpsecTunnel"].map((t) => targets().find((x) => x.token === t)!);
    const other = z.strictObject({ customerAsn: z.number() }).meta({ args: "TunnelBgpArgs" });
    const inputs = ipsec.definition.inputs.extend({ bgp: other.optional() });
    expect(() => render([gre, { ...ipsec, definition: { ...ipsec.definition, inputs } }])).toThrow(/TunnelBgpArgs different shapes/);
  });

  test("a required field of a named object type has its own doc, and the type keeps the one given with its name", () => {
    const named = z
      .strictObject({ lanId: z.string().meta({ description: "The LAN." }) })
      .meta({ args: "SideArgs", description: "One side." });
    const acl = targets().find((t) => t.token === "magic:SiteAcl")!;
    const inputs = acl.definition.inputs.extend({
      left: named.meta({ description: "The left side." }),
      right: named.meta({ description: "The right side." }),
    });
    const files = render([{ ...acl, definition: { ...acl.definition, inputs } }]);
    const text = files.get(acl.out)!;
    expect(text).toContain("  /** The left side. */\n  left: pulumi.Input<SideArgs>;");
    expect(text).toContain("  /** The right side. */\n  right: pulumi.Input<SideArgs>;");
    expect(files.get("sdk/magic/generated/types.ts")).toContain(
      "/** One side. */\nexport interface SideArgs {\n  /** The LAN. */\n  lanId: pulumi.Input<string>;\n}",
    );
  });

  test("every input and output of every definition has its doc sentence", () => {
    const missing: string[] = [];
    for (const t of targets()) {
      for (const shape of [t.definition.inputs.shape, t.definition.outputs?.shape ?? {}]) {
        for (const [k, f] of Object.entries(shape)) {
          if (!fieldMeta(f).description) missing.push(`${t.source}: ${k}`);
        }
      }
    }
    expect(missing).toEqual([]);
  });

  test("the hand-written sdk declares no Args or lookup type of a definition-based resource", () => {
    const own: string[] = [];
    for (const t of targets()) {
      for (const dir of [`sdk/${t.module}`, "sdk/lookups", "sdk/components"]) {
        for (const f of fs.readdirSync(path.join(REPO, dir)).filter((f) => f.endsWith(".ts"))) {
          const text = fs.readFileSync(path.join(REPO, dir, f), "utf8");
          // A type derived from the generated one (`Omit<...> & {...}`) is fine; a second declaration is not.
          if (new RegExp(`export interface ${t.type}(Args|Info)\\b`).test(text)) own.push(`${dir}/${f}: ${t.type}`);
        }
      }
    }
    expect(own).toEqual([]);
  });
});
