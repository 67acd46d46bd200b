import * as pulumi from "@pulumi/pulumi";
import * as magic from "pulumi-cloudflare-magic";
import { BranchSite, type BranchSiteArgs, PlanError } from "../../sdk/components";
import { SiteLan } from "../../sdk/magic";
import { RunError } from "../harness/program";
import { failure } from "../failure";
import { ACCOUNT, TestStack, testStack } from "../resources/stack";

/**
 * BranchSite as a whole program: the component's children go through the real provider host to
 * the emulator; LAN and WAN names in ACLs and app configs become the children's ids.
 */
const CONNECTOR = "ac60d3d0435248289d446cedd870bcf4";
const TYPE = "cloudflare-magic:index:BranchSite";

const args = (): BranchSiteArgs => ({
  name: "nyc_branch",
  connectorId: CONNECTOR,
  location: { lat: "40.7128", lon: "-74.0060" },
  wans: [
    { name: "isp_a", physport: 1, staticAddressing: { address: "203.0.113.10/24", gatewayAddress: "203.0.113.1" } },
    { name: "isp_b", physport: 2, priority: 1 },
  ],
  lans: [
    {
      name: "office",
      physport: 3,
      vlanTag: 10,
      staticAddressing: { address: "192.168.10.1/24", dhcpServer: { dhcpPoolStart: "192.168.10.100", dhcpPoolEnd: "192.168.10.200" } },
      routedSubnets: [{ prefix: "10.10.0.0/16", nextHop: "192.168.10.254" }],
    },
    {
      name: "pos",
      physport: 3,
      vlanTag: 20,
      staticAddressing: { address: "192.168.20.1/24", dhcpRelay: { serverAddresses: ["192.168.10.5"] } },
    },
  ],
  acls: [
    {
      name: "pos_to_office",
      protocols: ["tcp"],
      lan1: { lan: "pos", subnets: ["192.168.20.0/24"] },
      lan2: { lan: "office", ports: [443] },
    },
  ],
  appConfigs: [{ name: "cloudflare", managedAppId: "cloudflare", breakout: true, preferredWans: ["isp_a"] }],
});

/** The same site in high availability mode: every LAN and static WAN with the second connector's addresses. */
const haArgs = (): BranchSiteArgs => {
  const a = args();
  return {
    ...a,
    haMode: true,
    wans: [
      {
        name: "isp_a",
        physport: 1,
        staticAddressing: { address: "203.0.113.10/24", gatewayAddress: "203.0.113.1", secondaryAddress: "203.0.113.11/24" },
      },
      a.wans![1],
    ],
    lans: [
      {
        name: "office",
        physport: 3,
        vlanTag: 10,
        staticAddressing: { address: "192.168.10.1/24", secondaryAddress: "192.168.10.2/24", virtualAddress: "192.168.10.3/24" },
      },
      {
        name: "pos",
        physport: 3,
        vlanTag: 20,
        haLink: true,
        staticAddressing: { address: "192.168.20.1/24", secondaryAddress: "192.168.20.2/24", virtualAddress: "192.168.20.3/24" },
      },
    ],
  };
};

let site: BranchSite | undefined;
const program = (a: BranchSiteArgs) => () => {
  site = new BranchSite("nyc", a);
};
const value = <T>(o: pulumi.Output<T>) => new Promise<T>((resolve) => o.apply(resolve));
const list = (s: TestStack, collection: string) => s.emulator.store.list<any>(ACCOUNT, collection);
const opsByName = (r: { ops: Array<{ name: string; op: string }> }) => Object.fromEntries(r.ops.map((o) => [o.name, o.op]));
const CHILDREN = [
  "nyc-site",
  "nyc-wan-isp_a",
  "nyc-wan-isp_b",
  "nyc-lan-office",
  "nyc-lan-pos",
  "nyc-acl-pos_to_office",
  "nyc-app-cloudflare",
];

let s: TestStack;
beforeEach(async () => {
  s = await testStack();
});
afterEach(async () => {
  await s.close();
});

describe("BranchSite", () => {
  it("applies a whole site with names resolved to ids, re-applies as a no-op, updates only the changed child, destroys to an empty account", async () => {
    const first = await s.driver.up(program(args()));
    expect(opsByName(first)).toEqual(Object.fromEntries(["nyc", ...CHILDREN].map((n) => [n, "create"])));
    // Children are parented to the component and named <name>-<role>.
    for (const o of first.ops.filter((o) => o.name !== "nyc")) expect(o.urn).toContain(`::${TYPE}$pulumi-nodejs:dynamic/magic:`);

    const [liveSite] = list(s, "sites");
    expect(liveSite).toMatchObject({
      name: "nyc_branch",
      connector_id: CONNECTOR,
      ha_mode: false,
      location: { lat: "40.7128", lon: "-74.0060" },
    });
    const wan = (n: string) => list(s, "site_wans").find((w) => w.name === n);
    const lan = (n: string) => list(s, "site_lans").find((l) => l.name === n);
    expect(list(s, "site_wans").every((w) => w.site_id === liveSite.id)).toBe(true);
    expect(lan("office")).toMatchObject({
      site_id: liveSite.id,
      physport: 3,
      vlan_tag: 10,
      routed_subnets: [{ prefix: "10.10.0.0/16", next_hop: "192.168.10.254" }],
    });
    const [acl] = list(s, "site_acls");
    expect(acl).toMatchObject({
      site_id: liveSite.id,
      name: "pos_to_office",
      lan_1: { lan_id: lan("pos").id },
      lan_2: { lan_id: lan("office").id, ports: [443] },
    });
    const [app] = list(s, "site_app_configs");
    expect(app).toMatchObject({ site_id: liveSite.id, managed_app_id: "cloudflare", breakout: true, preferred_wans: [wan("isp_a").id] });

    // The component's outputs and nodes are the children's.
    const c = site!;
    expect(await value(c.siteId)).toBe(liveSite.id);
    expect(await value(c.wanIds)).toEqual({ isp_a: wan("isp_a").id, isp_b: wan("isp_b").id });
    expect(await value(c.lanIds)).toEqual({ office: lan("office").id, pos: lan("pos").id });
    expect(await value(c.aclIds)).toEqual({ pos_to_office: acl.id });
    expect(await value(c.appConfigIds)).toEqual({ cloudflare: app.id });
    expect(c.nodes.lans.office).toBeInstanceOf(SiteLan);
    expect(await value(c.nodes.acls.pos_to_office.id)).toBe(acl.id);
    expect(Object.keys(c.nodes.wans)).toEqual(["isp_a", "isp_b"]);

    const again = await s.driver.up(program(args()));
    expect(new Set(again.ops.map((o) => o.op))).toEqual(new Set(["same"]));
    expect(again.calls).toMatchObject({ create: 0, update: 0, delete: 0 });

    const changed = args();
    changed.lans![0] = {
      ...changed.lans![0],
      staticAddressing: { address: "192.168.10.1/24", dhcpServer: { dhcpPoolStart: "192.168.10.100", dhcpPoolEnd: "192.168.10.150" } },
    };
    const updated = await s.driver.up(program(changed));
    expect(updated.ops.filter((o) => o.op !== "same").map((o) => [o.name, o.op])).toEqual([["nyc-lan-office", "update"]]);
    expect(lan("office").static_addressing.dhcp_server.dhcp_pool_end).toBe("192.168.10.150");

    await s.driver.destroy();
    expect(s.emulator.store.countAll()).toBe(0);
  });

  it("turns haMode on and off in place: the site and every child keep their ids, nothing is deleted", async () => {
    await s.driver.up(program(args()));
    const ids = () =>
      Object.fromEntries(
        ["sites", "site_wans", "site_lans", "site_acls", "site_app_configs"].map((c) => [
          c,
          list(s, c)
            .map((x) => x.id)
            .sort(),
        ]),
      );
    const before = ids();

    const ha = await s.driver.up(program(haArgs()));
    // The site takes ha_mode on update (official SDK); WANs and LANs get their HA addresses (and
    // their siteHaMode); ACLs and app configs are untouched.
    expect(opsByName(ha)).toEqual({
      nyc: "same",
      "nyc-site": "update",
      "nyc-wan-isp_a": "update",
      "nyc-wan-isp_b": "update",
      "nyc-lan-office": "update",
      "nyc-lan-pos": "update",
      "nyc-acl-pos_to_office": "same",
      "nyc-app-cloudflare": "same",
    });
    expect(s.emulator.stats.requests.filter((r) => r.method === "DELETE")).toEqual([]);
    const sites = list(s, "sites");
    expect(sites).toEqual([expect.objectContaining({ ha_mode: true })]);
    expect(ids()).toEqual(before);
    expect(list(s, "site_lans").find((l) => l.name === "pos")).toMatchObject({ ha_link: true });
    expect(s.driver.pendingDeletes).toEqual([]);
    expect(new Set((await s.driver.up(program(haArgs()))).ops.map((o) => o.op))).toEqual(new Set(["same"]));

    const off = await s.driver.up(program(args()));
    expect(off.ops.filter((o) => o.op === "replace" || o.op === "delete" || o.op === "create")).toEqual([]);
    expect(list(s, "sites")).toEqual([expect.objectContaining({ ha_mode: false })]);
    expect(list(s, "site_lans").find((l) => l.name === "pos")).toMatchObject({ ha_link: false });
    expect(ids()).toEqual(before);
    expect(new Set((await s.driver.up(program(args()))).ops.map((o) => o.op))).toEqual(new Set(["same"]));
    await s.driver.destroy();
    expect(s.emulator.store.countAll()).toBe(0);
  });

  it("previews with values not known yet, skipping the checks that need them, and sends no request", async () => {
    const p = await s.driver.preview(() => {
      const crm = new magic.App("crm", { name: "CRM", type: "Business", hostnames: ["crm.example.com"] });
      const later = <T>(v: T) => crm.id.apply(() => v);
      const a = args();
      new BranchSite("nyc", {
        ...a,
        haMode: later(true),
        connectorId: later(CONNECTOR),
        // On the office LAN's port: a collision only if the tag turns out to be 10.
        lans: [
          a.lans![0],
          { ...a.lans![1], vlanTag: later(20) },
          { name: "guest", staticAddressing: later({ address: "192.168.30.1/24" }) },
        ],
        appConfigs: [{ name: "crm", accountAppId: crm.id, breakout: true, preferredWans: ["isp_b"] }],
      });
    });
    expect(p.errors).toEqual([]);
    expect(opsByName(p)).toMatchObject({ crm: "create", nyc: "create", "nyc-lan-guest": "create", "nyc-app-crm": "create" });
    expect(s.emulator.stats.totalRequests).toBe(0);
  });

  const cases: Array<[string, (a: BranchSiteArgs) => BranchSiteArgs, string]> = [
    [
      "duplicate LAN names",
      (a) => ({ ...a, lans: [a.lans![0], { ...a.lans![1], name: "office" }] }),
      'two LANs are named "office"; LAN names must be unique.',
    ],
    [
      "duplicate WAN names",
      (a) => ({ ...a, wans: [a.wans![0], { ...a.wans![1], name: "isp_a" }] }),
      'two WANs are named "isp_a"; WAN names must be unique.',
    ],
    [
      "duplicate ACL names",
      (a) => ({ ...a, acls: [a.acls![0], a.acls![0]] }),
      'two ACLs are named "pos_to_office"; ACL names must be unique.',
    ],
    [
      "an ACL naming an unknown LAN",
      (a) => ({ ...a, acls: [{ ...a.acls![0], lan2: { lan: "guest" } }] }),
      'ACL "pos_to_office" refers to LAN "guest", which is not declared; known LANs: "office", "pos".',
    ],
    [
      "an app config preferring an unknown WAN",
      (a) => ({ ...a, appConfigs: [{ ...a.appConfigs![0], preferredWans: ["isp_c"] }] }),
      'app config "cloudflare" refers to WAN "isp_c", which is not declared; known WANs: "isp_a", "isp_b".',
    ],
    [
      // Before: Cloudflare refused the second config after 12 other objects were created.
      "two app configs for the same app",
      (a) => ({ ...a, appConfigs: [a.appConfigs![0], { name: "cf_prioritized", managedAppId: "cloudflare", priority: 1 }] }),
      'app configs "cloudflare" and "cf_prioritized" are both for managedAppId "cloudflare"; a site has one config per app, so merge them into one entry.',
    ],
    [
      "an HA site with a LAN lacking the virtual address",
      () => {
        const ha = haArgs();
        return {
          ...ha,
          lans: [ha.lans![0], { ...ha.lans![1], staticAddressing: { address: "192.168.20.1/24", secondaryAddress: "192.168.20.2/24" } }],
        };
      },
      'LAN "pos" needs staticAddressing.virtualAddress: on a high availability site every LAN has static addressing with the second connector\'s address (secondaryAddress) and the address both connectors share (virtualAddress).',
    ],
    [
      "an HA site with a LAN on DHCP",
      () => {
        const ha = haArgs();
        return { ...ha, lans: [ha.lans![0], { name: "pos", physport: 4 }] };
      },
      'LAN "pos" needs staticAddressing: on a high availability site every LAN has static addressing with the second connector\'s address (secondaryAddress) and the address both connectors share (virtualAddress).',
    ],
    [
      "an HA site with a static WAN lacking its secondary address",
      (a) => ({ ...haArgs(), wans: a.wans }),
      'WAN "isp_a" needs staticAddressing.secondaryAddress: on a high availability site the second connector needs its own address on every statically addressed WAN.',
    ],
    [
      "two HA link LANs",
      () => {
        const ha = haArgs();
        return { ...ha, lans: [{ ...ha.lans![0], haLink: true }, ha.lans![1]] };
      },
      'LANs "office" and "pos" are both marked haLink; a site has at most one HA link LAN.',
    ],
    [
      "an HA link LAN on a site without high availability",
      (a) => ({ ...a, lans: [a.lans![0], { ...a.lans![1], haLink: true }] }),
      'LAN "pos" is marked haLink, which only works on a site in high availability mode (haMode: true).',
    ],
    [
      "overlapping LAN subnets",
      (a) => ({ ...a, lans: [a.lans![0], { ...a.lans![1], staticAddressing: { address: "192.168.10.129/25" } }] }),
      'LAN "office" (192.168.10.1/24) and LAN "pos" (192.168.10.129/25) overlap; the subnets and routed subnets of a site\'s LANs must be disjoint.',
    ],
    [
      "a routed subnet inside another LAN",
      (a) => ({ ...a, lans: [a.lans![0], { ...a.lans![1], routedSubnets: [{ prefix: "10.10.8.0/24", nextHop: "192.168.20.254" }] }] }),
      'routed subnet 10.10.0.0/16 of LAN "office" and routed subnet 10.10.8.0/24 of LAN "pos" overlap; the subnets and routed subnets of a site\'s LANs must be disjoint.',
    ],
    [
      "a LAN on a WAN's port (VLAN tag 0 is untagged)",
      (a) => ({ ...a, lans: [a.lans![0], { ...a.lans![1], physport: 1, vlanTag: 0 }] }),
      'WAN "isp_a" and LAN "pos" both use port 1 untagged; each port/VLAN pair carries one network.',
    ],
    [
      "two LANs on one port and VLAN",
      (a) => ({ ...a, lans: [a.lans![0], { ...a.lans![1], vlanTag: 10 }] }),
      'LAN "office" and LAN "pos" both use port 3 with VLAN 10; each port/VLAN pair carries one network.',
    ],
  ];

  it.each(cases)("rejects %s before any request, with one sentence naming the entry", async (_what, mutate, sentence) => {
    const e = await failure(s.driver.up(program(mutate(args()))));
    expect(e).toBeInstanceOf(RunError);
    expect(e.errors).toHaveLength(1);
    expect(e.errors[0]).toBeInstanceOf(PlanError);
    expect(e.errors[0].message).toBe(`BranchSite "nyc": ${sentence}`);
    expect(e.result.ops).toEqual([]);
    expect(s.emulator.stats.totalRequests).toBe(0);
    expect(s.driver.state.size).toBe(0);
  });
});
