import { getGreTunnels } from "../../sdk";
import { ACCOUNT } from "../resources/stack";
import { lookupEmulator } from "./lookup-env";

/** Lookups run in the program process, configured from stack config or the environment. */
const emulator = lookupEmulator();

test("getGreTunnels lists the account's tunnels as typed camelCase objects", async () => {
  emulator().store.insert(ACCOUNT, "gre_tunnels", {
    name: "lookup_1",
    cloudflare_gre_endpoint: "162.159.64.1",
    customer_gre_endpoint: "203.0.113.9",
    interface_address: "10.0.0.0/31",
    mtu: 1476,
    health_check: { enabled: true, rate: "mid", type: "reply", target: { saved: "" } },
  });
  const tunnels = await getGreTunnels();
  expect(tunnels).toHaveLength(1);
  expect(tunnels[0]).toMatchObject({
    id: expect.stringMatching(/^[0-9a-f]{32}$/),
    name: "lookup_1",
    customerGreEndpoint: "203.0.113.9",
    mtu: 1476,
    accountId: ACCOUNT,
  });
  expect(await getGreTunnels({ accountId: "fedcba9876543210fedcba9876543210" })).toEqual([]);
});
