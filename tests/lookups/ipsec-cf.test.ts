import { getCfInterconnect, getCfInterconnects, getIpsecTunnels } from "../../sdk";
import { failure } from "../failure";
import { ACCOUNT } from "../resources/stack";
import { lookupEmulator } from "./lookup-env";

/** Lookups run in the program process, configured from stack config or the environment. */
const OTHER = "fedcba9876543210fedcba9876543210";
const emulator = lookupEmulator();

test("getIpsecTunnels lists the account's tunnels as typed camelCase objects, never with a PSK", async () => {
  emulator().store.insert(ACCOUNT, "ipsec_tunnels", {
    name: "lookup_1",
    cloudflare_endpoint: "162.159.65.1",
    customer_endpoint: "203.0.113.9",
    interface_address: "10.0.0.0/31",
    replay_protection: true,
    health_check: { enabled: true, rate: "mid", type: "reply", direction: "bidirectional", target: "" },
    custom_remote_identities: { fqdn_id: "a.b.custom.ipsec.cloudflare.com" },
    psk: "never-shown",
    psk_metadata: { last_generated_on: "2026-01-01T00:00:00Z" },
  });
  const tunnels = await getIpsecTunnels();
  expect(tunnels).toEqual([
    expect.objectContaining({
      id: expect.stringMatching(/^[0-9a-f]{32}$/),
      name: "lookup_1",
      customerEndpoint: "203.0.113.9",
      replayProtection: true,
      customRemoteIdentities: { fqdnId: "a.b.custom.ipsec.cloudflare.com" },
      // Bidirectional: the default target is the customer side of the interface address (10.0.0.0/31).
      healthCheck: { enabled: true, rate: "mid", type: "reply", direction: "bidirectional", target: "", effectiveTarget: "10.0.0.1" },
      pskMetadata: { lastGeneratedOn: "2026-01-01T00:00:00Z" },
      accountId: ACCOUNT,
    }),
  ]);
  expect(JSON.stringify(tunnels)).not.toContain("never-shown");
  expect(await getIpsecTunnels({ accountId: OTHER })).toEqual([]);
});

test("getCfInterconnects lists and getCfInterconnect gets one by id; an unknown id fails clearly", async () => {
  const ic = emulator().store.insert(ACCOUNT, "cf_interconnects", {
    name: "pni_ord",
    colo_name: "pni_ord",
    gre: { cloudflare_endpoint: "203.0.113.1" },
    interface_address: "192.168.4.0/31",
    mtu: 1476,
    virtual_port_reservation_id: "c4a7362d577a6c3019a474fd6f485821",
  });
  const expected = {
    id: ic.id,
    name: "pni_ord",
    coloName: "pni_ord",
    gre: { cloudflareEndpoint: "203.0.113.1" },
    interfaceAddress: "192.168.4.0/31",
    mtu: 1476,
    virtualPortReservationId: "c4a7362d577a6c3019a474fd6f485821",
    accountId: ACCOUNT,
  };
  expect(await getCfInterconnects()).toEqual([expect.objectContaining(expected)]);
  expect(await getCfInterconnect(ic.id)).toMatchObject(expected);
  expect(await getCfInterconnects({ accountId: OTHER })).toEqual([]);
  const err = await failure(getCfInterconnect("0".repeat(32)));
  expect(err.message).toContain(`get CfInterconnect '${"0".repeat(32)}'`);
  expect(err.message).toContain("1004");
});
