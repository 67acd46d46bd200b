import { getSite, getSiteLans, getSiteWans, getSites } from "../../sdk";
import { failure } from "../failure";
import { ACCOUNT } from "../resources/stack";
import { lookupEmulator } from "./lookup-env";

/** Lookups run in the program process, configured from stack config or the environment. */
const CONNECTOR_A = "ac60d3d0435248289d446cedd870bcf4";
const CONNECTOR_B = "8d67040d3835dbcf46ce29da440dc482";
const emulator = lookupEmulator();
beforeEach(() => emulator().store.clear());

const site = (fields: Record<string, unknown>) => emulator().store.insert(ACCOUNT, "sites", { ha_mode: false, ...fields }).id;

test("getSites lists the account's sites as typed camelCase objects, optionally those of one connector", async () => {
  const a = site({ name: "nyc", connector_id: CONNECTOR_A, location: { lat: "40.7128", lon: "-74.0060" } });
  const b = site({ name: "sfo", ha_mode: true, connector_id: CONNECTOR_B, secondary_connector_id: CONNECTOR_A });
  site({ name: "lon" });
  const all = await getSites();
  expect(all.map((s) => s.name)).toEqual(["nyc", "sfo", "lon"]);
  expect(all[0]).toMatchObject({
    id: a,
    name: "nyc",
    connectorId: CONNECTOR_A,
    haMode: false,
    location: { lat: "40.7128", lon: "-74.0060" },
    accountId: ACCOUNT,
  });
  expect((await getSites({ connectorId: CONNECTOR_A })).map((s) => s.id)).toEqual([a, b]);
  expect(await getSites({ accountId: "fedcba9876543210fedcba9876543210" })).toEqual([]);
});

test("getSite gets one site by id, and fails for an unknown one", async () => {
  const id = site({ name: "nyc", description: "New York" });
  expect(await getSite(id)).toMatchObject({ id, name: "nyc", description: "New York", haMode: false });
  const err = await failure(getSite("0".repeat(32)));
  expect(err.message).toContain("Site not found");
});

test("getSiteWans and getSiteLans list one site's WANs and LANs, reservation keys verbatim", async () => {
  const nyc = site({ name: "nyc" });
  const sfo = site({ name: "sfo" });
  emulator().store.insert(ACCOUNT, "site_wans", {
    site_id: nyc,
    physport: 1,
    name: "isp_a",
    vlan_tag: 0,
    health_check_rate: "mid",
    static_addressing: { address: "203.0.113.10/24", gateway_address: "203.0.113.1" },
  });
  emulator().store.insert(ACCOUNT, "site_wans", { site_id: sfo, physport: 1, vlan_tag: 0, health_check_rate: "mid" });
  emulator().store.insert(ACCOUNT, "site_lans", {
    site_id: nyc,
    physport: 2,
    vlan_tag: 0,
    ha_link: false,
    is_breakout: false,
    is_prioritized: false,
    static_addressing: { address: "192.168.10.1/24", dhcp_server: { reservations: { "AA:BB:CC:DD:EE:FF": "192.168.10.5" } } },
  });

  const wans = await getSiteWans(nyc);
  expect(wans).toHaveLength(1);
  expect(wans[0]).toMatchObject({
    id: expect.stringMatching(/^[0-9a-f]{32}$/),
    siteId: nyc,
    name: "isp_a",
    healthCheckRate: "mid",
    staticAddressing: { gatewayAddress: "203.0.113.1" },
  });
  const lans = await getSiteLans(nyc);
  expect(lans).toHaveLength(1);
  expect(lans[0]).toMatchObject({
    siteId: nyc,
    physport: 2,
    staticAddressing: { dhcpServer: { reservations: { "AA:BB:CC:DD:EE:FF": "192.168.10.5" } } },
  });
  expect(await getSiteLans(sfo)).toEqual([]);
  const err = await failure(getSiteWans("0".repeat(32)));
  expect(err.message).toContain("Site not found");
});
