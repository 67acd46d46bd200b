import { DefinedProvider } from "../../provider/framework/provider";
import { upgradeState } from "../../provider/framework/upgrade";
import { definition as cniSettings } from "../../provider/resources/cni/cni-settings";
import { definition as greTunnel } from "../../provider/resources/magic/gre-tunnel";
import { scriptedServer } from "../client/scripted-server";

/**
 * Versioned state (provider/framework/upgrade.ts, define.ts `state`): each definition says how
 * state of an older version becomes the current one, and the framework runs that before it reads
 * any state. CniSettings is version 1: state imported by release 0.1.0 recorded no restore point.
 */

const ACCOUNT = "0123456789abcdef0123456789abcdef";
/** CniSettings state as release 0.1.0 wrote it on an import: no restore point, no state version. */
const importedBy010 = {
  defaultAsn: 65001,
  accountId: ACCOUNT,
  __inputPaths: ["defaultAsn"],
  __resourceName: "s",
  __token: "cni:CniSettings",
};

async function withServer(answer: unknown, f: (seen: () => Array<{ method: string; body: string }>) => Promise<void>) {
  const srv = await scriptedServer(() => ({ status: 200, body: answer }));
  Object.assign(process.env, { CLOUDFLARE_API_TOKEN: "upgrade-test-token", CLOUDFLARE_BASE_URL: srv.url, CLOUDFLARE_ACCOUNT_ID: ACCOUNT });
  try {
    await f(() => srv.seen.map((r) => ({ method: r.method, body: r.body })));
  } finally {
    for (const k of ["CLOUDFLARE_API_TOKEN", "CLOUDFLARE_BASE_URL", "CLOUDFLARE_ACCOUNT_ID"]) delete process.env[k];
    await srv.close();
  }
}

describe("upgradeState", () => {
  it("runs the definition's upgrades from the state's version and records the current one", () => {
    expect(upgradeState(cniSettings, importedBy010)).toEqual({ ...importedBy010, restoreOnDelete: {}, __stateVersion: 1 });
    const created = { ...importedBy010, restoreOnDelete: { defaultAsn: 13335 } };
    expect(upgradeState(cniSettings, created)).toEqual({ ...created, __stateVersion: 1 });
  });

  it("leaves current state, an import's program inputs and a definition without versions alone", () => {
    const current = { ...importedBy010, restoreOnDelete: {}, __stateVersion: 1 };
    expect(upgradeState(cniSettings, current)).toBe(current);
    const program = { defaultAsn: 65001, __token: "cni:CniSettings" };
    expect(upgradeState(cniSettings, program)).toBe(program);
    const tunnel = { name: "t", __inputPaths: ["name"] };
    expect(upgradeState(greTunnel, tunnel)).toBe(tunnel);
  });

  it("refuses state a newer release wrote, saying so", () => {
    expect(() => upgradeState(cniSettings, { ...importedBy010, __stateVersion: 2 })).toThrow(
      "CniSettings: this state was written by a newer release of pulumi-cloudflare-magic (state version 2; this release reads up to 1). Install that release or a later one.",
    );
  });
});

describe("CniSettings state imported by 0.1.0 (no restore point)", () => {
  const settings = new DefinedProvider(cniSettings);

  it("is no change to the program, and a refresh records that nothing is to be put back, not the stack's own values", async () => {
    expect((await settings.diff(ACCOUNT, importedBy010, { defaultAsn: 65001 })).changes).toBe(false);
    const read = settings.readFrom(ACCOUNT, { default_asn: 65001 }, importedBy010);
    expect(read.props).toMatchObject({ defaultAsn: 65001, restoreOnDelete: {}, __stateVersion: 1 });
    expect(read.inputs).toEqual({ defaultAsn: 65001, __resourceName: "s", __token: "cni:CniSettings" });
  });

  it("destroy sends nothing: the settings stay as they are, only no longer managed", async () => {
    await withServer({ default_asn: 65001 }, async (seen) => {
      await settings.delete(ACCOUNT, importedBy010);
      expect(seen()).toEqual([]);
    });
  });

  it("state that recorded a restore point puts it back on destroy, with one PUT", async () => {
    await withServer({ default_asn: 13335 }, async (seen) => {
      await settings.delete(ACCOUNT, { ...importedBy010, restoreOnDelete: { defaultAsn: 13335 } });
      expect(seen()).toEqual([{ method: "PUT", body: JSON.stringify({ default_asn: 13335 }) }]);
    });
  });

  it("an import today (the program's inputs, no state) records what it finds as the restore point", async () => {
    await withServer({ default_asn: 13335 }, async () => {
      const read = await settings.read(ACCOUNT, { defaultAsn: 65001, __token: "cni:CniSettings" });
      expect(read.props).toMatchObject({ restoreOnDelete: { defaultAsn: 13335 }, __stateVersion: 1 });
    });
  });

  it("diff refuses state a newer release wrote", async () => {
    await expect(settings.diff(ACCOUNT, { ...importedBy010, __stateVersion: 7 }, { defaultAsn: 65001 })).rejects.toThrow("newer release");
  });
});
