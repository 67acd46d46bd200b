/**
 * The reference pages (docs/reference/) are generated from the definitions and the sdk's
 * declarations by `npm run generate` (scripts/generate-docs.ts). These tests fail when a page is
 * stale, and show that what a definition says about a field reaches its page.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { DOCS, PAGE_HEADER, render, stale } from "../../scripts/generate-docs";
import { resourceModules } from "../../provider/registry";

const REPO = path.join(__dirname, "..", "..");

describe("reference pages", () => {
  const pages = render();

  test("every page on disk is what the sources give (else: npm run generate)", () => {
    expect(stale(pages)).toEqual([]);
  });

  test("a page that differs from its sources, or that no source gives, is stale", () => {
    const gre = `${DOCS}/magic/GreTunnel.md`;
    const changed = new Map(pages).set(gre, `${pages.get(gre)!}\nedited by hand\n`);
    expect(stale(changed)).toEqual([gre]);
    const fewer = new Map(pages);
    fewer.delete(gre);
    expect(stale(fewer)).toEqual([gre]);
  });

  test("one page per registry resource, per component and per lookup, each listed in the index", () => {
    const index = pages.get(`${DOCS}/README.md`)!;
    for (const token of Object.keys(resourceModules)) {
      const [module, type] = token.split(":");
      expect(pages.has(`${DOCS}/${module}/${type}.md`)).toBe(true);
      expect(index).toContain(`(${module}/${type}.md)`);
    }
    for (const c of ["BranchSite", "TransitOnramp", "CniConnection"]) expect(index).toContain(`(components/${c}.md)`);
    const lookups = [...pages.keys()].filter((k) => k.startsWith(`${DOCS}/lookups/`));
    // Every lookup the README lists has its page.
    const readme = fs.readFileSync(path.join(REPO, "README.md"), "utf8");
    const listed = /run in your program with the same client[\s\S]*?\n\n/.exec(readme)![0].match(/`((?:get|download)[A-Za-z]+)`/g)!;
    expect(listed.length).toBeGreaterThanOrEqual(31);
    for (const l of listed) expect(lookups).toContain(`${DOCS}/lookups/${l.slice(1, -1)}.md`);
    // The Output form is on its Promise form's page.
    expect(pages.get(`${DOCS}/lookups/getSlots.md`)).toContain("function getSlotsOutput(");
    for (const rel of pages.keys()) if (rel !== `${DOCS}/README.md`) expect(index).toContain(`(${rel.slice(DOCS.length + 1)})`);
  });

  test("a page states its definition's facts: defaults, replacement, create-only, nested secrets, never read back, import", () => {
    const gre = pages.get(`${DOCS}/magic/GreTunnel.md`)!;
    expect(gre.startsWith(PAGE_HEADER("provider/resources/magic/gre-tunnel.ts and sdk/magic/gre-tunnel.ts"))).toBe(true);
    expect(gre).toMatch(/\| `mtu` \| `number` \| no \| `1476` \|/);
    expect(gre).toMatch(/\| `healthCheck\.rate` \| `"low" \\\| "mid" \\\| "high"` \| no \| `"mid"` \|/);
    expect(gre).toContain("- Sent on create only: `bgp`.");
    expect(gre).toMatch(/\| `bgp\.md5Key` \|[^\n]*\*\*Secret\*\*/);
    expect(gre).toContain("Unique in the account: `name`, `interfaceAddress`.");
    expect(gre).toContain('import: "<id>"');
    const ipsec = pages.get(`${DOCS}/magic/IpsecTunnel.md`)!;
    expect(ipsec).toContain("Never read back from the API (state keeps what the program or the create gave): `psk`, `pskMetadata`.");
    const lan = pages.get(`${DOCS}/magic/SiteLan.md`)!;
    expect(lan).toContain("API `/accounts/{account_id}/magic/sites/{site_id}/lans`");
    expect(lan).toContain("Give `siteId` in the inputs too");
    const port = pages.get(`${DOCS}/cni/Interconnect.md`)!;
    expect(port).toContain("The API has no update for Interconnect: a change to any of `account`, `type`, `slotId`");
    expect(pages.get(`${DOCS}/cni/CniSettings.md`)!).toContain("its id is the account id");
    expect(pages.get(`${DOCS}/magic/CfInterconnect.md`)!).toContain("the input `interconnectId` names it");
  });

  test("components and lookups come from their declarations, with the types they mention", () => {
    const onramp = pages.get(`${DOCS}/components/TransitOnramp.md`)!;
    expect(onramp).toMatch(/\| `tunnels` \| `TransitOnrampTunnelArgs\[\]` \| yes \|/);
    expect(onramp).toContain("### TransitOnrampIpsecTunnelArgs");
    expect(onramp).toMatch(/\| `psks` \| `Record<string, string>` \|/);
    const slots = pages.get(`${DOCS}/lookups/getSlots.md`)!;
    expect(slots).toContain("function getSlots(args?: GetSlotsArgs): Promise<SlotInfo[]>;");
    expect(slots).toContain("### SlotInfo");
    expect(pages.get(`${DOCS}/magic/GreTunnel.md`)!).toContain("[getGreTunnels](../lookups/getGreTunnels.md)");
  });
});
