import type * as pulumi from "@pulumi/pulumi";
import * as magic from "pulumi-cloudflare-magic";
import type { Store } from "../../emulator";
import { type Program, ProgramDriver, type StateEntry, changedKeys } from "../harness/program";
import { ACCOUNT, TestStack, testStack, tunnelsFor } from "../resources/stack";
import { PAIRING_KEY, SLOT_ID, provisionCfInterconnect } from "./fixtures";

/**
 * The refresh / drift / adoption matrix, one row per resource, all through the real provider host:
 *
 * 1. apply; a refresh right away changes no input;
 * 2. change the object behind our back (`store.patch`): refresh reports exactly the changed input
 *    fields, the next apply puts them back (in place, or by replacement where the API has no
 *    update), and the apply after that is a no-op;
 * 3. adopt the object into a fresh stack with the `import` resource option: the next apply is a no-op;
 * 4. delete it behind our back: refresh drops it, the next apply recreates it (one object again).
 *
 * Rows where the API makes a step impossible say why and skip only that step.
 */
type Opts = pulumi.CustomResourceOptions | undefined;

interface Row {
  resource: string;
  collection: string;
  /** Objects Cloudflare or the user made beforehand; returns ids the program refers to. */
  setup?: (s: TestStack) => Record<string, string>;
  program: (ids: Record<string, string>, opts: Opts) => void;
  /** The change behind our back, in API shape (fields the program never set included). */
  drift: Record<string, unknown>;
  /** The input keys that change: exactly what refresh must report. */
  driftedInputs: string[];
  /** What the next apply does to put it back. */
  repair: "update" | "replace";
  /** Fields (API shape) the object has again once repaired. */
  restored: Record<string, unknown>;
  /** How many API objects the resource holds; default 1. */
  count?: number;
  /** Applies the drift; default `store.patch`. */
  applyDrift?: (store: Store, id: string, drift: Record<string, unknown>) => void;
  /** The object(s) of this resource in the emulator. */
  objects?: (s: TestStack) => unknown[];
  /** Deletes it behind our back; default `store.remove`. */
  remove?: (store: Store, id: string) => void;
  /** What refresh does after the delete; default "delete" (and the next apply recreates it). */
  afterRemove?: { refresh: "delete" | "update"; reapply: "create" | "update" };
  /** Why step 4 (delete behind our back) is skipped, or why its apply cannot recreate. */
  skipRemove?: string;
  skipRecreate?: string;
  importId?: (id: string) => string;
  /** What the apply after an import does; default "same". An IPsec tunnel imported without a PSK gets one generated ("update"). */
  afterImport?: "same" | "update";
}

const site = (s: TestStack) => ({ site: s.emulator.store.insert(ACCOUNT, "sites", { name: "nyc_branch", ha_mode: false }).id });

const ROWS: Row[] = [
  {
    resource: "GreTunnel",
    collection: "gre_tunnels",
    program: (_, opts) =>
      new magic.GreTunnel(
        "r",
        {
          name: "nyc_gre_1",
          cloudflareGreEndpoint: "162.159.64.1",
          customerGreEndpoint: "203.0.113.10",
          interfaceAddress: "10.212.0.8/31",
          mtu: 1450,
          description: "primary",
        },
        opts,
      ),
    drift: { mtu: 1300, description: "theirs", ttl: 10 },
    driftedInputs: ["description", "mtu"],
    repair: "update",
    restored: { mtu: 1450, description: "primary" },
  },
  {
    resource: "IpsecTunnel",
    collection: "ipsec_tunnels",
    program: (_, opts) =>
      new magic.IpsecTunnel(
        "r",
        {
          name: "nyc_ipsec_1",
          cloudflareEndpoint: "162.159.65.1",
          interfaceAddress: "10.213.0.8/31",
          description: "primary",
          replayProtection: true,
        },
        opts,
      ),
    drift: { description: "theirs", replay_protection: false, automatic_return_routing: true },
    driftedInputs: ["description", "replayProtection"],
    repair: "update",
    restored: { description: "primary", replay_protection: true },
    afterImport: "update",
  },
  {
    resource: "StaticRoute",
    collection: "routes",
    // The tunnel the route points into, made before it (Cloudflare refuses a nexthop outside every tunnel).
    setup: (s) => (tunnelsFor(s.emulator, ["10.212.0.9"]), {}),
    program: (_, opts) =>
      new magic.StaticRoute("r", { prefix: "192.0.2.0/24", nexthop: "10.212.0.9", priority: 100, description: "primary" }, opts),
    drift: { priority: 5, description: "theirs", weight: 7 },
    driftedInputs: ["description", "priority"],
    repair: "update",
    restored: { priority: 100, description: "primary" },
  },
  {
    resource: "RouteTable",
    collection: "routes",
    setup: (s) => (tunnelsFor(s.emulator, ["10.212.0.9"]), {}),
    program: (_, opts) =>
      new magic.RouteTable(
        "r",
        { routes: [0, 1, 2].map((i) => ({ prefix: `198.51.${i}.0/24`, nexthop: "10.212.0.9", priority: 100 })) },
        opts,
      ),
    drift: { priority: 999 },
    driftedInputs: ["routes"],
    repair: "update",
    restored: { priority: 100 },
    // The table is not one API object: drift and deletes happen to its routes.
    applyDrift: (store, _id, drift) => store.patch(ACCOUNT, "routes", store.list(ACCOUNT, "routes")[1].id, drift),
    count: 3,
    remove: (store) => store.list(ACCOUNT, "routes").forEach((r) => store.remove(ACCOUNT, "routes", r.id)),
    // A table never disappears: with its routes gone, refresh records it empty and the next apply re-adds them.
    afterRemove: { refresh: "update", reapply: "update" },
    importId: () => "routetable-adopted",
  },
  {
    resource: "Site",
    collection: "sites",
    program: (_, opts) =>
      new magic.Site("r", { name: "nyc_branch", description: "primary", location: { lat: "40.7128", lon: "-74.006" } }, opts),
    drift: { description: "theirs", connector_id: "0123456789abcdef0123456789abcdef" },
    driftedInputs: ["description"],
    repair: "update",
    restored: { description: "primary" },
  },
  {
    resource: "SiteWan",
    collection: "site_wans",
    setup: site,
    program: (ids, opts) => new magic.SiteWan("r", { siteId: ids.site, physport: 1, name: "isp1", priority: 1 }, opts),
    drift: { priority: 9, name: "renamed" },
    driftedInputs: ["name", "priority"],
    repair: "update",
    restored: { priority: 1, name: "isp1" },
  },
  {
    resource: "SiteLan",
    collection: "site_lans",
    setup: site,
    program: (ids, opts) => new magic.SiteLan("r", { siteId: ids.site, physport: 2, name: "office", vlanTag: 10 }, opts),
    drift: { vlan_tag: 11, is_breakout: true },
    driftedInputs: ["vlanTag"],
    repair: "update",
    restored: { vlan_tag: 10 },
  },
  {
    resource: "SiteAcl",
    collection: "site_acls",
    setup: (s) => {
      const ids = site(s);
      const lan = (name: string, physport: number) =>
        s.emulator.store.insert(ACCOUNT, "site_lans", { site_id: ids.site, name, physport }).id;
      return { ...ids, lanA: lan("office", 2), lanB: lan("guests", 3) };
    },
    program: (ids, opts) =>
      new magic.SiteAcl(
        "r",
        {
          siteId: ids.site,
          name: "office-to-guests",
          lan1: { lanId: ids.lanA },
          lan2: { lanId: ids.lanB },
          protocols: ["tcp"],
          forwardLocally: true,
        },
        opts,
      ),
    drift: { protocols: ["udp"], forward_locally: false, unidirectional: true },
    driftedInputs: ["forwardLocally", "protocols"],
    repair: "update",
    restored: { protocols: ["tcp"], forward_locally: true },
  },
  {
    resource: "SiteAppConfig",
    collection: "site_app_configs",
    setup: site,
    program: (ids, opts) =>
      new magic.SiteAppConfig("r", { siteId: ids.site, managedAppId: "cloudflare", breakout: true, priority: 1 }, opts),
    drift: { priority: 0 },
    driftedInputs: ["priority"],
    repair: "update",
    restored: { priority: 1, breakout: true },
  },
  {
    resource: "App",
    collection: "apps",
    program: (_, opts) => new magic.App("r", { name: "CRM", type: "Business", hostnames: ["crm.example.com"] }, opts),
    drift: { hostnames: ["other.example.com"], source_subnets: ["10.0.0.0/8"] },
    driftedInputs: ["hostnames"],
    repair: "update",
    restored: { hostnames: ["crm.example.com"] },
  },
  {
    resource: "Connector",
    collection: "connectors",
    program: (_, opts) => new magic.Connector("r", { device: { id: "dev-7" }, notes: "ours", timezone: "America/New_York" }, opts),
    drift: { notes: "theirs", interrupt_window_hour_of_day: 5 },
    driftedInputs: ["notes"],
    repair: "update",
    restored: { notes: "ours", timezone: "America/New_York" },
  },
  {
    resource: "CfInterconnect",
    collection: "cf_interconnects",
    setup: (s) => ({ interconnect: provisionCfInterconnect(s.emulator) }),
    program: (ids, opts) => new magic.CfInterconnect("r", { interconnectId: ids.interconnect, description: "PNI to ORD", mtu: 1400 }, opts),
    drift: { mtu: 1300, description: "changed", automatic_return_routing: true },
    driftedInputs: ["description", "mtu"],
    repair: "update",
    restored: { mtu: 1400, description: "PNI to ORD" },
    skipRecreate: "Cloudflare makes interconnects (the API has no create): one deleted behind our back cannot be made again by an apply",
  },
  {
    resource: "PcapBucketOwnership",
    collection: "pcaps_ownership",
    program: (_, opts) => new magic.PcapBucketOwnership("r", { destinationConf: "s3://pcaps-bucket?region=us-east-1" }, opts),
    drift: { destination_conf: "gs://pcaps-archive/captures" },
    driftedInputs: ["destinationConf"],
    repair: "replace",
    restored: { destination_conf: "s3://pcaps-bucket?region=us-east-1" },
  },
  {
    resource: "PacketCapture",
    collection: "pcaps",
    program: (_, opts) =>
      new magic.PacketCapture(
        "r",
        { type: "simple", system: "magic-transit", timeLimit: 300, packetLimit: 100, filterV1: { destinationPort: 443 } },
        opts,
      ),
    drift: { time_limit: 30 },
    driftedInputs: ["timeLimit"],
    repair: "replace",
    restored: { time_limit: 300 },
    // A capture cannot change; each replacement is a new capture, and finished ones stay listed.
    objects: (s) => s.emulator.store.list(ACCOUNT, "pcaps").filter((p) => p.time_limit === 300),
  },
  {
    resource: "cni.Interconnect",
    collection: "cni_interconnects",
    program: (_, opts) => new magic.cni.Interconnect("r", { type: "gcp_partner", bandwidth: "1G", pairingKey: PAIRING_KEY }, opts),
    drift: { speed: "2G" },
    driftedInputs: ["bandwidth"],
    repair: "replace",
    restored: { speed: "1G" },
  },
  {
    resource: "cni.Cni",
    collection: "cni_cnis",
    setup: (s) => {
      s.emulator.store.insert(ACCOUNT, "cni_interconnects", {
        id: "icon-a",
        name: "icon-a",
        account: ACCOUNT,
        type: "direct",
        slot_id: SLOT_ID,
        status: { state: "Healthy" },
      });
      return {};
    },
    program: (_, opts) =>
      new magic.cni.Cni("r", { interconnect: "icon-a", magic: { conduitName: "ord_cni_1", description: "Chicago", mtu: 1500 } }, opts),
    drift: { magic: { conduit_name: "ord_cni_1", description: "Chicago", mtu: 1300 } },
    driftedInputs: ["magic"],
    repair: "update",
    restored: { magic: { conduit_name: "ord_cni_1", description: "Chicago", mtu: 1500 } },
  },
  {
    resource: "cni.CniSettings",
    collection: "cni_settings",
    program: (_, opts) => new magic.cni.CniSettings("r", { defaultAsn: 65001 }, opts),
    drift: { default_asn: 1234 },
    driftedInputs: ["defaultAsn"],
    repair: "update",
    restored: { default_asn: 65001 },
    // The settings object is stored under a fixed id, not the account id the resource uses.
    applyDrift: (store, _id, drift) => store.insert(ACCOUNT, "cni_settings", { id: "settings", ...drift }),
    skipRemove: "the API has no delete for CNI settings: every account always has them",
    importId: () => ACCOUNT,
  },
];

interface Outcome {
  resource: string;
  drifted: string[];
  repaired: string;
  imported: string;
  removed: string;
}

let s: TestStack;
const outcomes: Outcome[] = [];
beforeAll(async () => {
  // Captures start at once and run for an hour: their status does not move during the test.
  s = await testStack();
  s.emulator.configure({ pcapTiming: { pendingMs: 0, simpleRunMs: 3_600_000, secondMs: 3_600_000, conversionMs: 0 } });
});
afterAll(async () => {
  const skipped = ROWS.filter((r) => r.skipRemove || r.skipRecreate);
  console.log(
    [
      `drift matrix: ${outcomes.length} of ${ROWS.length} resources`,
      ...outcomes.map(
        (o) =>
          `  ${o.resource.padEnd(20)} drift [${o.drifted.join(", ")}] -> ${o.repaired}; import -> ${o.imported}; deleted behind our back -> ${o.removed}`,
      ),
      ...skipped.map((r) => `  skipped for ${r.resource}: ${r.skipRemove ?? r.skipRecreate}`),
    ].join("\n"),
  );
  await s.close();
});

describe("refresh, drift and adoption, one row per resource", () => {
  it.each(ROWS.map((r) => [r.resource, r] as const))("%s", async (_name, row) => {
    s.emulator.store.clear();
    const ids = row.setup?.(s) ?? {};
    const program =
      (opts?: Opts): Program =>
      () =>
        row.program(ids, opts);
    const objects = () => row.objects?.(s) ?? s.emulator.store.list(ACCOUNT, row.collection);
    const driver = new ProgramDriver({ host: s.host, project: "test", stack: "drift" });
    const entry = (): StateEntry => [...driver.state.values()][0];
    const outcome: Outcome = { resource: row.resource, drifted: [], repaired: "", imported: "", removed: "" };

    // 1. Apply; refreshing at once changes no input.
    await driver.up(program());
    const applied = structuredClone(entry().inputs);
    await driver.refresh();
    expect(changedKeys(applied, entry().inputs)).toEqual([]);

    // 2. Drift behind our back: refresh reports exactly the changed inputs; the next apply repairs it.
    (row.applyDrift ?? ((store, id, d) => store.patch(ACCOUNT, row.collection, id, d)))(s.emulator.store, entry().id!, row.drift);
    const refreshed = await driver.refresh();
    expect(refreshed.map((r) => r.op)).toEqual(["update"]);
    outcome.drifted = changedKeys(applied, entry().inputs);
    expect(outcome.drifted).toEqual(row.driftedInputs);
    const repair = await driver.up(program());
    outcome.repaired = repair.ops.map((o) => o.op).join(",");
    expect(outcome.repaired).toBe(row.repair);
    expect(objects()).toEqual(Array(row.count ?? 1).fill(expect.objectContaining(row.restored)));
    expect((await driver.up(program())).ops.map((o) => o.op)).toEqual(["same"]);

    // 3. Adopt the existing object into a fresh stack: the apply after the import is a no-op.
    const adopter = new ProgramDriver({ host: s.host, project: "test", stack: "adopt" });
    const id = entry().id!;
    const imported = await adopter.up(program({ import: row.importId?.(id) ?? id }));
    expect(imported.ops.map((o) => o.op)).toEqual(["import"]);
    let next = await adopter.up(program());
    outcome.imported = `import, then ${next.ops.map((o) => o.op).join(",")}`;
    if (row.afterImport === "update") {
      expect(next.ops.map((o) => o.op)).toEqual(["update"]);
      next = await adopter.up(program());
      outcome.imported += `, then ${next.ops.map((o) => o.op).join(",")}`;
    }
    expect(next.ops.map((o) => o.op)).toEqual(["same"]);
    expect(next.calls).toMatchObject({ create: 0, update: 0, delete: 0 });
    const held = objects().length;

    // 4. Delete behind our back: refresh drops it, the next apply makes it again.
    if (row.skipRemove) {
      outcome.removed = "skipped";
    } else {
      (row.remove ?? ((store, i) => store.remove(ACCOUNT, row.collection, i)))(s.emulator.store, id);
      const expected = row.afterRemove ?? { refresh: "delete", reapply: "create" };
      expect((await driver.refresh()).map((r) => r.op)).toEqual([expected.refresh]);
      if (expected.refresh === "delete") expect(driver.state.size).toBe(0);
      if (row.skipRecreate) {
        outcome.removed = "dropped from state";
      } else {
        const again = await driver.up(program());
        outcome.removed = `${expected.refresh}, then ${again.ops.map((o) => o.op).join(",")}`;
        expect(again.ops.map((o) => o.op)).toEqual([expected.reapply]);
        expect(objects()).toHaveLength(held);
      }
    }
    outcomes.push(outcome);
  });
});
