import * as pulumi from "@pulumi/pulumi";
import * as magic from "pulumi-cloudflare-magic";
import { provisionCfInterconnect } from "../../emulator/resources/cf-interconnects";
import { type StateEntry } from "../harness/program";
import { ACCOUNT, type TestStack, isWrite, testStack } from "./stack";

/**
 * BGP settings keep only their MD5 key secret (`secret` on `bgp.md5Key`, not on `bgp`), so a
 * change of the rest shows in a preview: changing a GRE tunnel's `bgp` replaces it, deleting it
 * first, and the preview says why with the values, not `[secret]`.
 *
 * The harness keeps secrets in state the way the engine does (tests/harness/secrets.ts): the SDK
 * marks `bgp.md5Key` in the registration, the provider marks it in its answers, the engine copies
 * the secrecy of its requests onto the answers (annotateSecrets, recursing into objects).
 */
const MD5 = "bgp-md5-3f8a1c";
const OUTSIDE_MD5 = "set-in-dashboard-9d2e";

let s: TestStack;
beforeEach(async () => {
  s = await testStack();
});
afterEach(async () => {
  await s.close();
});

const entry = (name: string): StateEntry => [...s.driver.state.values()].find((e) => e.name === name)!;
/** Where a plaintext value sits in state outside every secret path (a leak), as dotted paths. */
function exposed(values: unknown, secretPaths: string[], needle: string, at = ""): string[] {
  if (secretPaths.some((p) => at === p || at.startsWith(`${p}.`))) return [];
  if (typeof values === "string") return values.includes(needle) ? [at] : [];
  if (typeof values !== "object" || values === null) return [];
  return Object.entries(values).flatMap(([k, v]) => exposed(v, secretPaths, needle, at ? `${at}.${k}` : k));
}

/** The program: a GRE tunnel with BGP; `md5Key: null` leaves the key out. */
const gre =
  (customerAsn: number, md5Key: string | null = MD5) =>
  () => {
    new magic.GreTunnel("gre", {
      name: "dc1_gre_1",
      cloudflareGreEndpoint: "162.159.64.1",
      customerGreEndpoint: "203.0.113.10",
      interfaceAddress: "10.212.0.8/31",
      bgp: { customerAsn, ...(md5Key === null ? {} : { md5Key }) },
    });
  };

it("keeps bgp.md5Key secret in the inputs and outputs of state, and bgp.customerAsn visible", async () => {
  await s.driver.up(() => {
    gre(65010)();
    new magic.IpsecTunnel("ipsec", {
      name: "dc1_ipsec_1",
      cloudflareEndpoint: "162.159.65.1",
      interfaceAddress: "10.213.0.8/31",
      psk: "given-psk-0123456789",
      bgp: { customerAsn: 65011, md5Key: MD5 },
    });
    new magic.CfInterconnect("pni", {
      interconnectId: provisionCfInterconnect(s.emulator.store, ACCOUNT).id,
      bgp: { customerAsn: 65012, md5Key: MD5 },
    });
  });
  for (const name of ["gre", "ipsec", "pni"]) {
    const e = entry(name);
    expect({ name, inputs: e.secretInputs?.filter((p) => p.startsWith("bgp")) }).toEqual({ name, inputs: ["bgp.md5Key"] });
    expect({ name, outputs: e.secretOutputs?.filter((p) => p.startsWith("bgp")) }).toEqual({ name, outputs: ["bgp.md5Key"] });
    expect(e.inputs.bgp).toMatchObject({ md5Key: MD5 });
    expect(exposed(e.inputs, e.secretInputs!, MD5)).toEqual([]);
    expect(exposed(e.outputs, e.secretOutputs!, MD5)).toEqual([]);
    // The program sees the whole `bgp` output as secret (the SDK cannot mark part of a value).
    expect(e.secretKeys).toContain("bgp");
  }
  expect(entry("ipsec").secretInputs).toContain("psk");

  // A refresh keeps the same marks.
  await s.driver.refresh();
  for (const name of ["gre", "ipsec", "pni"]) expect(entry(name).secretOutputs?.filter((p) => p.startsWith("bgp"))).toEqual(["bgp.md5Key"]);
});

it("a changed bgp.customerAsn shows as the reason of the GRE tunnel's replacement, with its values; the MD5 key stays hidden", async () => {
  await s.driver.up(gre(65010));
  const preview = await s.driver.preview(gre(65020));
  const op = preview.ops.find((o) => o.name === "gre")!;
  expect(op.op).toBe("replace");
  expect(op.replaces).toEqual(["bgp"]);
  expect(op.propertyDiffs).toEqual([{ path: "bgp.customerAsn", old: 65010, new: 65020 }]);

  // A changed key shows that it changed, never what it is.
  const rekeyed = (await s.driver.preview(gre(65010, "new-md5-7b1c"))).ops.find((o) => o.name === "gre")!;
  expect(rekeyed.propertyDiffs).toEqual([{ path: "bgp.md5Key", old: "[secret]", new: "[secret]" }]);
  expect(JSON.stringify(rekeyed)).not.toContain("new-md5-7b1c");

  // The replacement itself: delete first (names are unique), then create; the key stays secret.
  const applied = await s.driver.up(gre(65020));
  expect(applied.ops.find((o) => o.name === "gre")?.op).toBe("replace");
  expect(s.emulator.store.list(ACCOUNT, "gre_tunnels").map((t) => (t.bgp as { customer_asn: number }).customer_asn)).toEqual([65020]);
  expect(entry("gre").secretInputs).toEqual(["bgp.md5Key"]);
  expect(entry("gre").secretOutputs).toEqual(["bgp.md5Key"]);
});

it("an MD5 key set outside Pulumi is secret in state after a refresh, though the program never gave it", async () => {
  await s.driver.up(gre(65010, null));
  expect(entry("gre").inputs.bgp).toEqual({ customerAsn: 65010 });
  const [tunnel] = s.emulator.store.list(ACCOUNT, "gre_tunnels");
  s.emulator.store.patch(ACCOUNT, "gre_tunnels", tunnel.id, { bgp: { customer_asn: 65010, md5_key: OUTSIDE_MD5 } });
  await s.driver.refresh();
  const e = entry("gre");
  expect(e.outputs.bgp).toMatchObject({ md5Key: OUTSIDE_MD5 });
  expect(e.secretOutputs).toContain("bgp.md5Key");
  expect(exposed(e.outputs, e.secretOutputs!, OUTSIDE_MD5)).toEqual([]);
  expect(exposed(e.inputs, e.secretInputs!, OUTSIDE_MD5)).toEqual([]);
});

it("state written when the whole bgp was secret applies as a no-op, and the next change shows its values", async () => {
  await s.driver.up(gre(65010));
  // What earlier releases left: `bgp` secret as a whole in inputs and outputs (additionalSecretOutputs).
  const old = entry("gre");
  Object.assign(old, { secretKeys: ["bgp"], secretInputs: undefined, secretOutputs: undefined, additionalSecretOutputs: undefined });
  s.emulator.resetStats();

  const again = await s.driver.up(gre(65010));
  expect(again.ops.map((o) => o.op)).toEqual(["same"]);
  expect(s.emulator.stats.requests.filter(isWrite)).toEqual([]);
  // The same step wrote the inputs as the program gives them now: only the key is secret.
  expect(entry("gre").secretInputs).toEqual(["bgp.md5Key"]);

  const preview = await s.driver.preview(gre(65030));
  expect(preview.ops[0].propertyDiffs).toEqual([{ path: "bgp.customerAsn", old: 65010, new: 65030 }]);
});

it("bgp given as an Output (its fields not known at registration) is kept secret as a whole", async () => {
  await s.driver.up(() => {
    new magic.GreTunnel("gre", {
      name: "dc1_gre_1",
      cloudflareGreEndpoint: "162.159.64.1",
      customerGreEndpoint: "203.0.113.10",
      interfaceAddress: "10.212.0.8/31",
      bgp: pulumi.output({ customerAsn: 65010, md5Key: MD5 }),
    });
  });
  expect(entry("gre").secretInputs).toEqual(["bgp"]);
  expect(exposed(entry("gre").outputs, entry("gre").secretOutputs!, MD5)).toEqual([]);
});
