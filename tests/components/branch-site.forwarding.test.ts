/**
 * BranchSite hands each entry to its child as it is: every input of the Site, SiteWan, SiteLan,
 * SiteAcl and SiteAppConfig definitions that an entry can carry reaches the child's registration,
 * including one added to a definition later (the entries below get a marker for any input this file
 * does not name). Runs under plain mocks: only what the component registers is looked at.
 */
import * as pulumi from "@pulumi/pulumi";
import { BranchSite, type BranchSiteArgs } from "../../sdk/components";
import { definition as site } from "../../provider/resources/magic/site";
import { definition as siteWan } from "../../provider/resources/magic/site-wan";
import { definition as siteLan } from "../../provider/resources/magic/site-lan";
import { definition as siteAcl } from "../../provider/resources/magic/site-acl";
import { definition as siteAppConfig } from "../../provider/resources/magic/site-app-config";
import type { ResourceDefinition } from "../../provider/framework/define";

type Props = Record<string, unknown>;

/** Inputs of `def` an entry carries (not those the component fills in), each given `given[k]` or a marker. */
function full(def: ResourceDefinition, given: Props, filled: string[]): Props {
  const out: Props = { ...given };
  for (const k of Object.keys(def.inputs.shape)) if (!filled.includes(k) && !(k in out)) out[k] = `marker-${def.kind}-${k}`;
  return out;
}

const registered = new Map<string, Props>();

beforeAll(async () => {
  await pulumi.runtime.setMocks(
    {
      newResource: (a) => {
        registered.set(a.name, a.inputs);
        return { id: `${a.name}-id`, state: a.inputs };
      },
      call: () => ({}),
    },
    "branch-site-forwarding",
    "dev",
    false,
  );
});

describe("BranchSite forwarding", () => {
  it("gives every child each field of its entry, and fills in the site, the HA mode, and ids for names", async () => {
    const siteArgs = full(site, { name: "nyc_branch", haMode: false, location: { lat: "40.7128", lon: "-74.0060" } }, []);
    const wan = full(
      siteWan,
      { name: "isp_a", physport: 1, vlanTag: 0, staticAddressing: { address: "203.0.113.10/24", gatewayAddress: "203.0.113.1" } },
      ["siteId", "siteHaMode"],
    );
    const lan = full(
      siteLan,
      {
        name: "office",
        physport: 3,
        vlanTag: 10,
        haLink: false,
        nat: { staticPrefix: "192.0.2.0/24" },
        routedSubnets: [{ prefix: "10.10.0.0/16", nextHop: "192.168.10.254" }],
        staticAddressing: { address: "192.168.10.1/24" },
      },
      ["siteId", "siteHaMode"],
    );
    const other = { name: "pos", physport: 3, vlanTag: 20 };
    const {
      lan1: _1,
      lan2: _2,
      ...aclRest
    } = full(siteAcl, { name: "pos_to_office", protocols: ["tcp"], forwardLocally: true, unidirectional: true }, ["siteId"]);
    const acl = {
      ...aclRest,
      lan1: { lan: "pos", ports: [443], portRanges: ["8080-9000"], subnets: ["192.168.20.0/24"] },
      lan2: { lan: "office" },
    };
    const app = {
      name: "label",
      ...full(siteAppConfig, { managedAppId: "cloudflare", breakout: true, preferredWans: ["isp_a"], priority: 1 }, [
        "siteId",
        "accountAppId",
      ]),
    };
    const args = {
      ...siteArgs,
      accountId: "0123456789abcdef0123456789abcdef",
      wans: [wan],
      lans: [lan, other],
      acls: [acl],
      appConfigs: [app],
    } as unknown as BranchSiteArgs;

    const c = new BranchSite("nyc", args);
    await new Promise<void>((resolve) => pulumi.all([c.siteId, c.wanIds, c.lanIds, c.aclIds, c.appConfigIds]).apply(() => resolve()));

    const pick = (name: string, keys: string[]) => Object.fromEntries(keys.map((k) => [k, registered.get(name)?.[k]]));
    const child = { accountId: args.accountId, siteId: "nyc-site-id" };
    expect(pick("nyc-site", [...Object.keys(siteArgs), "accountId"])).toEqual({ ...siteArgs, accountId: args.accountId });
    expect(pick("nyc-wan-isp_a", [...Object.keys(wan), "accountId", "siteId", "siteHaMode"])).toEqual({
      ...wan,
      ...child,
      siteHaMode: false,
    });
    expect(pick("nyc-lan-office", [...Object.keys(lan), "accountId", "siteId", "siteHaMode"])).toEqual({
      ...lan,
      ...child,
      siteHaMode: false,
    });
    expect(pick("nyc-acl-pos_to_office", [...Object.keys(acl), "accountId", "siteId"])).toEqual({
      ...acl,
      ...child,
      lan1: { lanId: "nyc-lan-pos-id", ports: [443], portRanges: ["8080-9000"], subnets: ["192.168.20.0/24"] },
      lan2: { lanId: "nyc-lan-office-id" },
    });
    // The label names the child only; preferred WANs by name become their ids.
    const { name: _label, ...config } = app;
    expect(registered.get("nyc-app-label")).not.toHaveProperty("name");
    expect(pick("nyc-app-label", [...Object.keys(config), "accountId", "siteId"])).toEqual({
      ...config,
      ...child,
      preferredWans: ["nyc-wan-isp_a-id"],
    });
  });
});
