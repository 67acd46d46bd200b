import * as magic from "pulumi-cloudflare-magic";
import { TransitOnramp } from "../../sdk/components";
import { failure } from "../failure";
import { ACCOUNT, type TestStack, isWrite, testStack } from "./stack";

/**
 * Tunnel interface addresses as Cloudflare documents them ("Configure tunnel endpoints": "A 31-bit
 * (recommended) or 30-bit subnet (/31 or /30 in CIDR notation) supporting two hosts, one for each
 * side of the tunnel" from 10.0.0.0/8, 172.16.0.0/12, 192.168.0.0/16 or 169.254.240.0/20), through
 * the provider host: /30s apply, re-apply as no-ops and give the other usable host as
 * `customerAddress`; an AWS VPN's /30 (the AWS guide's 169.254.244.2/30, nexthop 169.254.244.1)
 * carries a route; anything else is refused at check before any request.
 */
let s: TestStack;
beforeAll(async () => {
  s = await testStack();
});
afterAll(async () => {
  await s.close();
});
afterEach(async () => {
  await s.driver.destroy();
});

const program = () => {
  new magic.GreTunnel("gre-30", {
    name: "dc1_gre_30",
    cloudflareGreEndpoint: "162.159.64.1",
    customerGreEndpoint: "203.0.113.10",
    interfaceAddress: "10.213.0.41/30",
  });
  const aws = new magic.IpsecTunnel("aws-vpn", {
    name: "aws_vpn_1",
    cloudflareEndpoint: "162.159.65.1",
    customerEndpoint: "203.0.113.30",
    interfaceAddress: "169.254.244.2/30",
    psk: "aws-given-psk-0123456789",
    healthCheck: { type: "request", direction: "bidirectional" },
  });
  // The AWS guide's static route: nexthop is AWS's side of the /30, written as a literal.
  new magic.StaticRoute("aws-vpc", { prefix: "192.168.192.0/26", nexthop: "169.254.244.1", priority: 100 }, { dependsOn: [aws] });
};

it("applies a GRE tunnel on a /30 and an IPsec tunnel on 169.254.244.2/30 with its route, reports the other usable host, and re-applies as a no-op", async () => {
  const first = await s.driver.up(program);
  expect(first.ops.map((o) => [o.name, o.op])).toEqual([
    ["gre-30", "create"],
    ["aws-vpn", "create"],
    ["aws-vpc", "create"],
  ]);
  expect(first.outputs("gre-30")).toMatchObject({ interfaceAddress: "10.213.0.41/30", customerAddress: "10.213.0.42" });
  expect(first.outputs("aws-vpn")).toMatchObject({ interfaceAddress: "169.254.244.2/30", customerAddress: "169.254.244.1" });
  expect(first.outputs("aws-vpc")).toMatchObject({ nexthop: "169.254.244.1" });
  // Cloudflare holds the addresses as written.
  const held = (collection: string) => s.emulator.store.list(ACCOUNT, collection);
  expect(held("gre_tunnels").map((t) => t.interface_address)).toEqual(["10.213.0.41/30"]);
  expect(held("ipsec_tunnels").map((t) => t.interface_address)).toEqual(["169.254.244.2/30"]);
  expect(held("routes").map((r) => r.nexthop)).toEqual(["169.254.244.1"]);

  s.emulator.resetStats();
  const again = await s.driver.up(program);
  expect(again.ops.map((o) => o.op)).toEqual(["same", "same", "same"]);
  expect(s.emulator.stats.requests.filter(isWrite)).toEqual([]);

  // A refresh keeps them (customerAddress is computed from what Cloudflare answers).
  await s.driver.refresh();
  const state = (name: string) => [...s.driver.state.values()].find((e) => e.name === name)!;
  expect(state("gre-30").outputs.customerAddress).toBe("10.213.0.42");
  expect(state("aws-vpn").outputs.customerAddress).toBe("169.254.244.1");
  expect((await s.driver.up(program)).ops.map((o) => o.op)).toEqual(["same", "same", "same"]);
});

it("a TransitOnramp over /30 tunnels routes through the customer side of each", async () => {
  const onramp = () =>
    new TransitOnramp("dc2", {
      tunnels: [
        {
          kind: "gre",
          name: "dc2_gre_1",
          cloudflareEndpoint: "162.159.64.2",
          customerEndpoint: "203.0.113.40",
          interfaceAddress: "10.213.0.41/30",
        },
        { kind: "ipsec", name: "dc2_aws_1", cloudflareEndpoint: "162.159.65.2", interfaceAddress: "169.254.244.6/30" },
      ],
      prefixes: ["198.51.100.0/24"],
    });
  const r = await s.driver.up(onramp);
  const table = r.outputs("dc2-routes");
  expect((table.routes as Array<{ nexthop: string }>).map((x) => x.nexthop).sort()).toEqual(["10.213.0.42", "169.254.244.5"]);
  expect((await s.driver.up(onramp)).ops.every((o) => o.op === "same")).toBe(true);
});

it.each([
  ["a /29", "10.213.0.40/29", "must be a /31 or /30 prefix inside 10.0.0.0/8, 172.16.0.0/12, 192.168.0.0/16 or 169.254.240.0/20"],
  ["a public range", "203.0.113.0/31", "must be a /31 or /30 prefix inside"],
  ["a /30 in link-local space outside 169.254.240.0/20", "169.254.100.1/30", "must be a /31 or /30 prefix inside"],
  ["a /30 in shared address space", "100.64.0.1/30", "must be a /31 or /30 prefix inside"],
  ["a /30's network address", "10.213.0.40/30", "is the network address of its /30"],
])("refuses %s (%s) at check, with 0 requests sent", async (_what, interfaceAddress, text) => {
  const before = s.emulator.stats.totalRequests;
  const err = await failure(
    s.driver.preview(() => {
      new magic.IpsecTunnel("bad", { name: "bad_1", cloudflareEndpoint: "162.159.65.1", interfaceAddress });
    }),
  );
  expect(err.message).toContain(`interfaceAddress: interfaceAddress ${text}`);
  expect(s.emulator.stats.totalRequests).toBe(before);
});
