import * as pulumi from "@pulumi/pulumi";
import * as magic from "pulumi-cloudflare-magic";
import { slotCatalogue } from "../../emulator/resources/cni";
import { CniConnection, type CniConnectionArgs, PlanError } from "../../sdk/components";
import { Cni, Interconnect } from "../../sdk/cni";
import { RouteTable } from "../../sdk/magic";
import { RunError } from "../harness/program";
import { UNKNOWN } from "../harness/host";
import { failure } from "../failure";
import { ACCOUNT, TestStack, testStack } from "../resources/stack";

/**
 * CniConnection as a whole program: interconnect, CNI and route table through the real provider
 * host to the emulator, with the routes' nexthop taken from the CNI Cloudflare allocated.
 */
const SLOT = slotCatalogue(ACCOUNT)[0]; // the emulator's store starts empty: every slot is free
const PAIRING_KEY = "7e51371e-72a3-40b5-b844-2e3efefaee59/us-central1/2";
const args = (): CniConnectionArgs => ({
  interconnect: { type: "direct", slotId: SLOT.id },
  waitForStatus: { status: "Healthy", timeoutSeconds: 60 },
  magic: { conduitName: "ord_cni_1", description: "Chicago", mtu: 1500 },
  bgp: { customerAsn: 65010, md5Key: pulumi.secret("md5-k3y") },
  routes: { prefixes: ["192.0.2.0/24", "198.51.100.0/24"], priority: 50 },
});

let conn: CniConnection | undefined;
const program = (a: CniConnectionArgs) => () => {
  conn = new CniConnection("ord", a);
};
const value = <T>(o: pulumi.Output<T>) => new Promise<T>((resolve) => o.apply(resolve));
const list = (s: TestStack, collection: string) => s.emulator.store.list<any>(ACCOUNT, collection);
const opsByName = (r: { ops: Array<{ name: string; op: string }> }) => Object.fromEntries(r.ops.map((o) => [o.name, o.op]));
const changedOnly = (r: { ops: Array<{ name: string; op: string }> }) => r.ops.filter((o) => o.op !== "same").map((o) => [o.name, o.op]);

let s: TestStack;
beforeEach(async () => {
  s = await testStack();
  s.emulator.configure({ cni: { healthyAfterMs: 50 } });
});
afterEach(async () => {
  await s.close();
});

describe("CniConnection", () => {
  it("creates the interconnect, waits until it is healthy, adds the CNI, routes via the customer end; no-op re-apply; destroys to an empty account", async () => {
    const first = await s.driver.up(program(args()));
    expect(opsByName(first)).toEqual({ ord: "create", "ord-interconnect": "create", "ord-cni": "create", "ord-routes": "create" });
    expect(first.ops.find((o) => o.name === "ord-cni")!.urn).toContain(
      "::cloudflare-magic:index:CniConnection$pulumi-nodejs:dynamic/cni:Cni::ord-cni",
    );

    const [icon] = list(s, "cni_interconnects");
    expect(icon).toMatchObject({ slot_id: SLOT.id, type: "direct" });
    const [cni] = list(s, "cni_cnis");
    expect(cni).toMatchObject({
      interconnect: icon.id,
      magic: { conduit_name: "ord_cni_1" },
      bgp: { customer_asn: 65010, md5_key: "md5-k3y" },
    });
    // The CNI came after the status endpoint said Healthy; the routes after the CNI.
    const steps: string[] = s.emulator.stats.requests.map((r) => `${r.method} ${r.route.split("/cni/").pop()!.split("/magic/").pop()}`);
    expect(steps.filter((x) => x.startsWith("POST")).slice(0, 2)).toEqual(["POST interconnects", "POST cnis"]);
    expect(steps).toContain("GET interconnects/:icon/status");
    expect(steps.indexOf("POST cnis")).toBeGreaterThan(steps.lastIndexOf("GET interconnects/:icon/status"));
    expect(s.host.stderr()).toContain(`interconnect ${icon.id} is Healthy`);
    const custEnd = cni.cust_ip.split("/")[0];
    expect(custEnd).not.toBe(cni.p2p_ip.split("/")[0]);
    expect(
      list(s, "routes")
        .map((r) => `${r.prefix} ${r.nexthop} ${r.priority} ${r.description}`)
        .sort(),
    ).toEqual([`192.0.2.0/24 ${custEnd} 50 192.0.2.0/24 via CNI ord`, `198.51.100.0/24 ${custEnd} 50 198.51.100.0/24 via CNI ord`]);

    const c = conn!;
    expect(await value(c.nexthop)).toBe(custEnd);
    expect(await value(c.interconnectId)).toBe(icon.id);
    expect(await value(c.cniId)).toBe(cni.id);
    expect(await value(c.custIp)).toBe(cni.cust_ip);
    expect(await value(c.routes)).toHaveLength(2);
    expect(c.nodes.interconnect).toBeInstanceOf(Interconnect);
    expect(c.nodes.cni).toBeInstanceOf(Cni);
    expect(c.nodes.routes).toBeInstanceOf(RouteTable);

    s.emulator.resetStats();
    const again = await s.driver.up(program(args()));
    expect(new Set(again.ops.map((o) => o.op))).toEqual(new Set(["same"]));
    expect(s.emulator.stats.totalRequests).toBe(0);

    await s.driver.destroy();
    expect(s.emulator.store.countAll()).toBe(0);
  });

  it("a change touches only its child: route priority -> the route table, the conduit's description -> the CNI", async () => {
    await s.driver.up(program(args()));
    const a = args();
    const routes = await s.driver.up(program({ ...a, routes: { ...a.routes!, priority: 80 } }));
    expect(changedOnly(routes)).toEqual([["ord-routes", "update"]]);
    expect(list(s, "routes").map((r) => r.priority)).toEqual([80, 80]);

    const described = await s.driver.up(
      program({
        ...a,
        routes: { ...a.routes!, priority: 80 },
        magic: { conduitName: "ord_cni_1", description: "Chicago primary", mtu: 1500 },
      }),
    );
    expect(changedOnly(described)).toEqual([["ord-cni", "update"]]);
    expect(list(s, "cni_cnis")[0].magic.description).toBe("Chicago primary");
  });

  it("previews with values not known yet (slot, pairing key, prefixes, the CNI's link), and sends no request", async () => {
    const p = await s.driver.preview(() => {
      const other = new magic.Site("other", { name: "other" });
      const later = <T>(v: T) => other.id.apply(() => v);
      const a = args();
      new CniConnection("ord", {
        ...a,
        interconnect: { type: "direct", slotId: later(SLOT.id) },
        routes: { prefixes: later(["192.0.2.0/24"]) },
      });
      new CniConnection("gcp", {
        interconnect: { type: "gcp_partner", bandwidth: "1G", pairingKey: later(PAIRING_KEY) },
        magic: { conduitName: "gcp_cni_1", description: "", mtu: 1460 },
      });
    });
    expect(p.errors).toEqual([]);
    expect(opsByName(p)).toEqual({
      other: "create",
      ord: "create",
      "ord-interconnect": "create",
      "ord-cni": "create",
      "ord-routes": "create",
      gcp: "create",
      "gcp-interconnect": "create",
      "gcp-cni": "create",
    });
    expect(p.outputs("ord-routes").routes).toBe(UNKNOWN);
    expect(s.emulator.stats.totalRequests).toBe(0);
  });

  const cases: Array<[string, (a: CniConnectionArgs) => CniConnectionArgs, string]> = [
    [
      "a slot together with a GCP bandwidth",
      (a) => ({ ...a, interconnect: { ...a.interconnect, bandwidth: "1G" } }),
      "the interconnect gives slotId and bandwidth; it is either physical (slotId, speed) or GCP Partner (bandwidth, pairingKey).",
    ],
    [
      "no slot and no GCP settings",
      (a) => ({ ...a, interconnect: { type: "direct" } }),
      "the interconnect needs slotId (physical) or bandwidth and pairingKey (GCP Partner).",
    ],
    [
      "a GCP bandwidth without a pairing key",
      (a) => ({ ...a, interconnect: { type: "gcp_partner", bandwidth: "1G" } }),
      "a GCP Partner interconnect needs both bandwidth and pairingKey; pairingKey is missing.",
    ],
    [
      "a speed on a GCP Partner interconnect",
      (a) => ({ ...a, interconnect: { type: "gcp_partner", bandwidth: "1G", pairingKey: PAIRING_KEY, speed: "10G" } }),
      "speed applies to physical interconnects only; a GCP Partner interconnect takes bandwidth.",
    ],
    [
      "a route prefix with host bits",
      (a) => ({ ...a, routes: { prefixes: ["192.0.2.0/24", "198.51.100.7/24"] } }),
      'route prefix "198.51.100.7/24" has host bits set; write it as 198.51.100.0/24.',
    ],
  ];

  it.each(cases)("rejects %s before any request, with one sentence", async (_what, mutate, sentence) => {
    const e = await failure(s.driver.up(program(mutate(args()))));
    expect(e).toBeInstanceOf(RunError);
    expect(e.errors).toHaveLength(1);
    expect(e.errors[0]).toBeInstanceOf(PlanError);
    expect(e.errors[0].message).toBe(`CniConnection "ord": ${sentence}`);
    expect(e.result.ops).toEqual([]);
    expect(s.emulator.stats.totalRequests).toBe(0);
  });
});
