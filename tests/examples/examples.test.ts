import * as path from "node:path";
import { slotCatalogue } from "../../emulator/resources/cni";
import { type OpRecord, ProgramDriver } from "../harness/program";
import { ACCOUNT, REPO, TOKEN, type TestStack, isWrite, testStack } from "../resources/stack";

/**
 * Every program under examples/ applied against the emulator through the real provider host:
 * up (everything created), up again (nothing to do: every op "same" and no request that changes
 * anything), destroy (the emulator is empty again).
 */

let s: TestStack;
beforeEach(async () => {
  s = await testStack();
});
afterEach(async () => {
  await s.close();
});

/** A driver for one example: its project's config plus what lookups in the program need. */
function driverFor(example: string, config: Record<string, string> = {}): ProgramDriver {
  return new ProgramDriver({
    host: s.host,
    project: example,
    config: {
      "cloudflare:apiToken": TOKEN,
      "cloudflare-magic:accountId": ACCOUNT,
      "cloudflare-magic:baseUrl": s.emulator.url,
      ...Object.fromEntries(Object.entries(config).map(([k, v]) => [`${example}:${k}`, v])),
    },
    secretConfigKeys: ["cloudflare:apiToken"],
  });
}

const programOf = (driver: ProgramDriver, example: string) => driver.moduleProgram(path.join(REPO, "examples", example, "index.ts"));
const opsOf = (ops: OpRecord[]) => [...new Set(ops.map((o) => o.op))];
/** How many resources of each type (`magic:Site`, components by their full type). */
function typeCounts(ops: OpRecord[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const o of ops) {
    const type = o.type.replace(/^pulumi-nodejs:dynamic\//, "");
    counts[type] = (counts[type] ?? 0) + 1;
  }
  return counts;
}
const live = (collection: string) => s.emulator.store.list<any>(ACCOUNT, collection);
/** Ids of every object the emulator holds, in any account. */
const everything = () =>
  Object.values(s.emulator.store.dump().accounts).flatMap((collections) =>
    Object.values(collections)
      .flat()
      .map((o) => o.id),
  );
const mutatingRequests = () => s.emulator.stats.requests.filter((r) => isWrite(r)).map((r) => `${r.method} ${r.url}`);

/**
 * up (then `afterUp` looks at what the emulator holds), up again (no changes), destroy (nothing
 * left but the objects in `keep`, which the test put there); returns the first run's ops.
 */
async function roundTrip(
  example: string,
  afterUp: () => void,
  keep: string[] = [],
  config: Record<string, string> = {},
): Promise<OpRecord[]> {
  const driver = driverFor(example, config);
  const program = programOf(driver, example);
  const first = await driver.up(program);
  expect(opsOf(first.ops)).toEqual(["create"]);
  afterUp();

  s.emulator.resetStats();
  const second = await driver.up(program);
  expect(second.ops.filter((o) => o.op !== "same")).toEqual([]);
  expect(second.ops).toHaveLength(first.ops.length);
  expect(mutatingRequests()).toEqual([]);

  await driver.destroy();
  expect(driver.state.size).toBe(0);
  expect(everything().filter((id) => !keep.includes(id))).toEqual([]);
  return first.ops;
}

describe("examples against the emulator", () => {
  it("branch-office: an HA BranchSite whose ACLs and app breakout point at its own LANs and WAN", async () => {
    const ops = await roundTrip("branch-office", () => {
      const [site] = live("sites");
      expect(site).toMatchObject({ name: "nyc_branch", ha_mode: true });
      const lans = Object.fromEntries(live("site_lans").map((l) => [l.name, l]));
      expect(Object.keys(lans).sort()).toEqual(["ha_link", "office", "pos"]);
      expect(lans.ha_link.ha_link).toBe(true);
      const acl = live("site_acls").find((a) => a.name === "pos_to_office");
      expect([acl.lan_1.lan_id, acl.lan_2.lan_id]).toEqual([lans.pos.id, lans.office.id]);
      const ispB = live("site_wans").find((w) => w.name === "isp_b");
      const [app] = live("apps");
      expect(live("site_app_configs")).toEqual([
        expect.objectContaining({ account_app_id: app.id, breakout: true, preferred_wans: [ispB.id] }),
      ]);
    });
    expect(typeCounts(ops)).toEqual({
      "magic:App": 1,
      "cloudflare-magic:index:BranchSite": 1,
      "magic:Site": 1,
      "magic:SiteWan": 2,
      "magic:SiteLan": 3,
      "magic:SiteAcl": 2,
      "magic:SiteAppConfig": 1,
    });
  });

  it("transit-onramp: two IPsec tunnels and a GRE tunnel, each /24 routed over all three at one priority", async () => {
    const ops = await roundTrip("transit-onramp", () => {
      expect(
        live("ipsec_tunnels")
          .map((t) => t.name)
          .sort(),
      ).toEqual(["dc1_ipsec_1", "dc1_ipsec_2"]);
      expect(live("ipsec_tunnels").every((t) => typeof t.psk === "string" && t.psk.length > 0)).toBe(true);
      expect(live("gre_tunnels").map((t) => t.name)).toEqual(["dc1_gre_1"]);
      const routes = live("routes")
        .map((r) => `${r.prefix} ${r.nexthop} ${r.priority}`)
        .sort();
      expect(routes).toEqual([
        "192.0.2.0/24 10.212.0.1 100",
        "192.0.2.0/24 10.213.0.1 100",
        "192.0.2.0/24 10.213.0.3 100",
        "198.51.100.0/24 10.212.0.1 100",
        "198.51.100.0/24 10.213.0.1 100",
        "198.51.100.0/24 10.213.0.3 100",
      ]);
    });
    expect(typeCounts(ops)).toEqual({
      "cloudflare-magic:index:TransitOnramp": 1,
      "magic:IpsecTunnel": 2,
      "magic:GreTunnel": 1,
      "magic:RouteTable": 1,
    });
  });

  it("cni-gcp: a GCP Partner interconnect, waited on until Healthy, with a BGP CNI on it", async () => {
    s.emulator.configure({ cni: { healthyAfterMs: 50 } });
    const ops = await roundTrip("cni-gcp", () => {
      const [icon] = live("cni_interconnects");
      expect(icon).toMatchObject({ region: "us-central1", speed: "1G", type: "gcp_partner" });
      expect(live("cni_cnis")).toEqual([
        expect.objectContaining({
          interconnect: icon.id,
          bgp: { customer_asn: 16550, extra_prefixes: [] },
          magic: expect.objectContaining({ conduit_name: "gcp_us_central1" }),
        }),
      ]);
      // The CNI was created only after the interconnect's status was polled.
      const sent = s.emulator.stats.requests.map((r) => `${r.method} ${r.route.split(" ")[1]}`);
      const polled = sent.lastIndexOf("GET /accounts/:account_id/cni/interconnects/:icon/status");
      expect(polled).toBeGreaterThan(-1);
      expect(sent.indexOf("POST /accounts/:account_id/cni/cnis")).toBeGreaterThan(polled);
    });
    expect(typeCounts(ops)).toEqual({ "cloudflare-magic:index:CniConnection": 1, "cni:Interconnect": 1, "cni:Cni": 1 });
  });

  it("cni-physical: picks the first free slot with getSlots and keeps it on the next run", async () => {
    const ordSlots = slotCatalogue(ACCOUNT).filter((x) => x.site === "ord01" && x.speed === "10G");
    // Someone else's port holds the first 10G slot at ord01, so the program must take the second.
    s.emulator.store.insert(ACCOUNT, "cni_interconnects", {
      id: "icon-other",
      name: "icon-other",
      account: ACCOUNT,
      type: "direct",
      slot_id: ordSlots[0].id,
    });
    const ops = await roundTrip(
      "cni-physical",
      () => {
        const mine = live("cni_interconnects").find((i) => i.id !== "icon-other");
        expect(mine).toMatchObject({ slot_id: ordSlots[1].id, site: "ord01", speed: "10G" });
        const [cni] = live("cni_cnis");
        const nexthop = cni.cust_ip.split("/")[0];
        expect(
          live("routes")
            .map((r) => `${r.prefix} ${r.nexthop}`)
            .sort(),
        ).toEqual([`198.51.100.0/24 ${nexthop}`, `203.0.113.0/24 ${nexthop}`]);
      },
      ["icon-other"],
    );
    expect(typeCounts(ops)).toEqual({
      "cloudflare-magic:index:CniConnection": 1,
      "cni:Interconnect": 1,
      "cni:Cni": 1,
      "magic:RouteTable": 1,
    });
  });

  it("cni-physical: takes the slot given in config", async () => {
    // Not the first free one, which the lookup would pick.
    const slot = slotCatalogue(ACCOUNT).filter((x) => x.site === "lhr01" && x.speed === "100G")[1];
    await roundTrip(
      "cni-physical",
      () => {
        expect(live("cni_interconnects")).toEqual([expect.objectContaining({ slot_id: slot.id, site: "lhr01" })]);
      },
      [],
      { slotId: slot.id, speed: "100G", site: "lhr01" },
    );
  });

  it("route-table-at-scale: two GRE tunnels and 1,000 ECMP routes in one RouteTable, re-applied without a write", async () => {
    // Create (1,002) plus destroy (1,000, one DELETE per route) is more than the default budget of
    // 1,200 requests per 5 minutes, so the pacer would (rightly) hold the destroy for the window.
    await s.close();
    s = await testStack({ "cloudflare-magic:requestsPerWindow": "3000" });
    const ops = await roundTrip("route-table-at-scale", () => {
      expect(
        live("gre_tunnels")
          .map((t) => t.name)
          .sort(),
      ).toEqual(["dc1_gre_1", "dc1_gre_2"]);
      const routes = live("routes");
      expect(routes).toHaveLength(1000);
      expect(new Set(routes.map((r) => r.prefix)).size).toBe(500);
      expect(
        routes
          .filter((r) => r.prefix === "10.64.0.0/24")
          .map((r) => r.nexthop)
          .sort(),
      ).toEqual(["10.212.0.1", "10.212.0.3"]);
      // One POST per tunnel and per route: the create endpoint takes one route.
      expect(mutatingRequests()).toHaveLength(1002);
    });
    expect(typeCounts(ops)).toEqual({ "magic:GreTunnel": 2, "magic:RouteTable": 1 });
    // The destroy (the last phase of roundTrip) removed the routes one by one, never with the
    // collection DELETE that empties the account's routing table.
    expect(s.emulator.stats.byRoute["DELETE /accounts/:account_id/magic/routes"]).toBeUndefined();
    expect(s.emulator.stats.byRoute["DELETE /accounts/:account_id/magic/routes/:route_id"]).toBe(1000);
    // Two thousand requests through the host on a shared 2-CPU machine: a longer jest limit (not a timed assertion).
  }, 240_000);
});
