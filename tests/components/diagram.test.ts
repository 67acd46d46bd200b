import { execFileSync } from "node:child_process";
import * as path from "node:path";
import * as pulumi from "@pulumi/pulumi";
import { slotCatalogue } from "../../emulator/resources/cni";
import { BranchSite, CniConnection, TransitOnramp } from "../../sdk/components";
import { siteDiagram } from "../../sdk/components/diagram";
import { ACCOUNT, type TestStack, testStack } from "../resources/stack";

/**
 * Every component's `diagram` output is a Mermaid flowchart that Mermaid's own parser accepts
 * (mermaid 12, run in a child Node process: it is ESM-only) and in which every child of the
 * component appears: the site, each WAN with its port, each LAN with its subnet, each ACL as an
 * edge between its LANs, each tunnel with its /31, each prefix routed over it.
 */
interface Parsed {
  type: string;
  vertices: Array<{ id: string; text: string }>;
  edges: Array<{ start: string; end: string; text: string; type: string }>;
}
function parse(diagram: string): Parsed {
  const out = execFileSync(process.execPath, [path.join(__dirname, "mermaid-parse.mjs")], { input: diagram, encoding: "utf8" });
  return JSON.parse(out) as Parsed;
}
const value = <T>(o: pulumi.Output<T>) => new Promise<T>((resolve) => o.apply(resolve));
const labelOf = (p: Parsed, text: string) => p.vertices.find((v) => v.text.split("<br/>")[0] === text);

let s: TestStack;
beforeEach(async () => {
  s = await testStack();
});
afterEach(async () => {
  await s.close();
});

it("BranchSite: site, WANs with ports, LANs with subnets, ACLs between them, app configs", async () => {
  let site: BranchSite | undefined;
  await s.driver.up(() => {
    site = new BranchSite("nyc", {
      name: "nyc_branch",
      wans: [
        { name: "isp_a", physport: 1, staticAddressing: { address: "203.0.113.10/24", gatewayAddress: "203.0.113.1" } },
        { name: "isp_b", physport: 2 },
      ],
      lans: [
        {
          name: "office",
          physport: 3,
          vlanTag: 10,
          staticAddressing: { address: "192.168.10.1/24" },
          routedSubnets: [{ prefix: "10.10.0.0/16", nextHop: "192.168.10.254" }],
        },
        { name: "pos", physport: 3, vlanTag: 20, staticAddressing: { address: "192.168.20.1/24" } },
      ],
      acls: [
        { name: "pos_to_office", protocols: ["tcp"], unidirectional: true, lan1: { lan: "pos" }, lan2: { lan: "office", ports: [443] } },
      ],
      appConfigs: [{ name: "cloudflare", managedAppId: "cloudflare", breakout: true, preferredWans: ["isp_a"] }],
    });
  });
  const p = parse(await value(site!.diagram));
  expect(p.type).toBe("flowchart-v2");
  expect(labelOf(p, "Site nyc_branch")).toBeDefined();
  expect(labelOf(p, "WAN isp_a")!.text).toBe("WAN isp_a<br/>port 1 · untagged<br/>203.0.113.10/24");
  expect(labelOf(p, "WAN isp_b")!.text).toBe("WAN isp_b<br/>port 2 · untagged<br/>DHCP");
  expect(labelOf(p, "LAN office")!.text).toBe("LAN office<br/>port 3 · VLAN 10<br/>192.168.10.1/24<br/>routed 10.10.0.0/16");
  expect(labelOf(p, "LAN pos")!.text).toBe("LAN pos<br/>port 3 · VLAN 20<br/>192.168.20.1/24");
  expect(labelOf(p, "app config cloudflare")).toBeDefined();
  // The ACL is one arrow from lan1 to lan2 (unidirectional), labelled with its name.
  const acl = p.edges.find((e) => e.text.startsWith("ACL pos_to_office"))!;
  expect([acl.start, acl.end, acl.type]).toEqual([labelOf(p, "LAN pos")!.id, labelOf(p, "LAN office")!.id, "arrow_point"]);
  // Every child resource of the component appears in the diagram.
  const nodes = site!.nodes;
  const shown = [...p.vertices.map((v) => v.text.split("<br/>")[0]), ...p.edges.map((e) => e.text.split("<br/>")[0])];
  expect(shown).toEqual(
    expect.arrayContaining([
      ...Object.keys(nodes.wans).map((n) => `WAN ${n}`),
      ...Object.keys(nodes.lans).map((n) => `LAN ${n}`),
      ...Object.keys(nodes.acls).map((n) => `ACL ${n}`),
      ...Object.keys(nodes.appConfigs).map((n) => `app config ${n}`),
    ]),
  );
});

it("TransitOnramp: tunnels with their /31 and the prefixes routed over each", async () => {
  let onramp: TransitOnramp | undefined;
  await s.driver.up(() => {
    onramp = new TransitOnramp("dc1", {
      tunnels: [
        {
          kind: "gre",
          name: "dc1_gre_1",
          cloudflareEndpoint: "162.159.64.1",
          customerEndpoint: "203.0.113.10",
          interfaceAddress: "10.212.0.8/31",
        },
        { kind: "ipsec", name: "dc1_ipsec_1", cloudflareEndpoint: "162.159.65.1", interfaceAddress: "10.213.0.8/31" },
      ],
      prefixes: ["192.0.2.0/24", "198.51.100.0/24"],
      routing: { mode: "active-backup" },
    });
  });
  const p = parse(await value(onramp!.diagram));
  expect(labelOf(p, "GRE dc1_gre_1")!.text).toBe("GRE dc1_gre_1<br/>10.212.0.8/31<br/>customer side 10.212.0.9");
  expect(labelOf(p, "IPsec dc1_ipsec_1")!.text).toBe("IPsec dc1_ipsec_1<br/>10.213.0.8/31<br/>customer side 10.213.0.9");
  const routes = p.edges
    .filter((e) => e.text.startsWith("priority"))
    .map(
      (e) =>
        `${p.vertices.find((v) => v.id === e.start)!.text.split("<br/>")[0]} -> ${p.vertices.find((v) => v.id === e.end)!.text} (${e.text})`,
    );
  expect(routes.sort()).toEqual([
    "GRE dc1_gre_1 -> 192.0.2.0/24 (priority 100)",
    "GRE dc1_gre_1 -> 198.51.100.0/24 (priority 100)",
    "IPsec dc1_ipsec_1 -> 192.0.2.0/24 (priority 110)",
    "IPsec dc1_ipsec_1 -> 198.51.100.0/24 (priority 110)",
  ]);
  // As many route edges as the route table holds.
  expect(routes).toHaveLength((await value(onramp!.routes)).length);
});

it("CniConnection: interconnect, the CNI's link and the routed prefixes", async () => {
  s.emulator.configure({ cni: { healthyAfterMs: 0 } });
  let conn: CniConnection | undefined;
  await s.driver.up(() => {
    conn = new CniConnection("ord", {
      interconnect: { type: "direct", slotId: slotCatalogue(ACCOUNT)[0].id },
      magic: { conduitName: "ord_cni_1", description: "Chicago", mtu: 1500 },
      routes: { prefixes: ["192.0.2.0/24"], priority: 50 },
    });
  });
  const p = parse(await value(conn!.diagram));
  const [icon] = s.emulator.store.list<{ id: string }>(ACCOUNT, "cni_interconnects");
  const [cni] = s.emulator.store.list<{ id: string; p2p_ip: string; cust_ip: string }>(ACCOUNT, "cni_cnis");
  expect(labelOf(p, `Interconnect ${icon.id}`)!.text).toBe(`Interconnect ${icon.id}<br/>direct`);
  expect(labelOf(p, "CNI ord")!.text).toBe(`CNI ord<br/>Cloudflare ${cni.p2p_ip}<br/>customer ${cni.cust_ip}`);
  expect(p.edges.find((e) => e.text === "priority 50")).toMatchObject({ start: "cni", end: labelOf(p, "192.0.2.0/24")!.id });
});

it("labels with quotes stay valid Mermaid, and a broken diagram is refused by the parser", () => {
  const text = siteDiagram({
    site: 'HQ "main"',
    wans: [],
    lans: [{ name: "a" }, { name: "b" }],
    acls: [{ name: "x", lan1: "a", lan2: "b" }],
    appConfigs: [],
  });
  expect(labelOf(parse(text), "Site HQ #quot;main#quot;")).toBeDefined();
  expect(() => parse("flowchart LR\n  a -- > (")).toThrow(/Parse error/);
});
