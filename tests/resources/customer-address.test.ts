import * as magic from "pulumi-cloudflare-magic";
import { type TestStack, testStack } from "./stack";

/**
 * Tunnels output the customer side of their /31 and /127 (`customerAddress`, `customerAddress6`),
 * the nexthop every route over them needs: present after create, read and refresh (state written
 * before these outputs existed gets them too), and never a diff.
 */
let s: TestStack;
beforeAll(async () => {
  s = await testStack();
});
afterAll(async () => {
  await s.close();
});

const program = () => {
  new magic.GreTunnel("gre", {
    name: "dc1_gre_1",
    cloudflareGreEndpoint: "162.159.64.1",
    customerGreEndpoint: "203.0.113.10",
    interfaceAddress: "10.212.0.8/31",
    interfaceAddress6: "2606:54c1:7:0:a9fe:12d2:1:200/127",
  });
  new magic.IpsecTunnel("ipsec", { name: "dc1_ipsec_1", cloudflareEndpoint: "162.159.65.1", interfaceAddress: "10.213.0.11/31" });
};

it("outputs the other address of the /31 and /127, keeps them through refresh of old state, and never diffs", async () => {
  const r = await s.driver.up(program);
  expect(r.outputs("gre")).toMatchObject({ customerAddress: "10.212.0.9", customerAddress6: "2606:54c1:7:0:a9fe:12d2:1:201" });
  // Cloudflare takes the address written, even the odd one of the pair: the customer has the even one.
  expect(r.outputs("ipsec")).toMatchObject({ customerAddress: "10.213.0.10" });
  expect(r.outputs("ipsec").customerAddress6).toBeUndefined();

  // State written by the previous release has no such outputs: refresh adds them, and nothing diffs.
  for (const e of s.driver.state.values()) {
    delete e.outputs.customerAddress;
    delete e.outputs.customerAddress6;
  }
  expect((await s.driver.preview(program)).ops.map((o) => o.op)).toEqual(["same", "same"]);
  await s.driver.refresh();
  const gre = [...s.driver.state.values()].find((e) => e.name === "gre")!;
  expect(gre.outputs).toMatchObject({ customerAddress: "10.212.0.9", customerAddress6: "2606:54c1:7:0:a9fe:12d2:1:201" });
  expect((await s.driver.up(program)).ops.map((o) => o.op)).toEqual(["same", "same"]);
});
