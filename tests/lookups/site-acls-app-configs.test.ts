import { getSiteAcls, getSiteAppConfigs } from "../../sdk";
import { ACCOUNT } from "../resources/stack";
import { lookupEmulator } from "./lookup-env";

/** Site lookups run in the program process, configured from stack config or the environment. */
const emulator = lookupEmulator();
let site: string;
let other: string;
beforeAll(async () => {
  site = emulator().store.insert(ACCOUNT, "sites", { name: "nyc" }).id;
  other = emulator().store.insert(ACCOUNT, "sites", { name: "sfo" }).id;
  const lan = emulator().store.insert(ACCOUNT, "site_lans", { site_id: site, name: "pos", physport: 1 }).id;
  emulator().store.insert(ACCOUNT, "site_acls", {
    site_id: site,
    name: "PIN Pad - Cash Register",
    lan_1: { lan_id: lan, port_ranges: ["8080-9000"] },
    lan_2: { lan_id: "elsewhere", lan_name: "registers" },
    protocols: ["tcp"],
    forward_locally: true,
    unidirectional: false,
  });
  emulator().store.insert(ACCOUNT, "site_acls", {
    site_id: other,
    name: "other",
    lan_1: { lan_id: "a" },
    lan_2: { lan_id: "b" },
    forward_locally: false,
    unidirectional: false,
  });
  emulator().store.insert(ACCOUNT, "site_app_configs", {
    site_id: site,
    managed_app_id: "cloudflare",
    breakout: true,
    preferred_wans: ["w1"],
    priority: 1,
  });
  emulator().store.insert(ACCOUNT, "site_app_configs", { site_id: site, account_app_id: "ac60d3d0435248289d446cedd870bcf4", priority: 0 });
});

test("getSiteAcls lists one site's ACLs as typed camelCase objects, lan_1/lan_2 as lan1/lan2", async () => {
  const acls = await getSiteAcls(site);
  expect(acls).toHaveLength(1);
  expect(acls[0]).toMatchObject({
    id: expect.stringMatching(/^[0-9a-f]{32}$/),
    siteId: site,
    name: "PIN Pad - Cash Register",
    lan1: { lanId: expect.any(String), lanName: "pos", portRanges: ["8080-9000"] },
    lan2: { lanId: "elsewhere", lanName: "registers" },
    protocols: ["tcp"],
    forwardLocally: true,
    accountId: ACCOUNT,
  });
  expect((await getSiteAcls(other)).map((a) => a.name)).toEqual(["other"]);
});

test("getSiteAppConfigs lists one site's app configs in both forms", async () => {
  const configs = await getSiteAppConfigs(site);
  expect(configs).toEqual([
    expect.objectContaining({
      siteId: site,
      managedAppId: "cloudflare",
      breakout: true,
      preferredWans: ["w1"],
      priority: 1,
      accountId: ACCOUNT,
    }),
    expect.objectContaining({ siteId: site, accountAppId: "ac60d3d0435248289d446cedd870bcf4", priority: 0 }),
  ]);
  expect(configs[1]).not.toHaveProperty("managedAppId");
  expect(await getSiteAppConfigs(other)).toEqual([]);
});

test("an unknown site is an error naming the lookup, not an empty list", async () => {
  await expect(getSiteAcls("0123456789abcdef0123456789abcdef")).rejects.toThrow(/list SiteAcl: .*1004: Site not found/);
  await expect(getSiteAppConfigs("0123456789abcdef0123456789abcdef", { accountId: "fedcba9876543210fedcba9876543210" })).rejects.toThrow(
    /Site not found/,
  );
});
