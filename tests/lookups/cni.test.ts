import { slotCatalogue } from "../../emulator/resources/cni";
import {
  getCni,
  getCniSettings,
  getCnis,
  getInterconnect,
  getInterconnectLoa,
  getInterconnectStatus,
  getInterconnects,
  getSlot,
  getSlots,
} from "../../sdk";
import { failure } from "../failure";
import { ACCOUNT, TOKEN } from "../resources/stack";
import { lookupEmulator } from "./lookup-env";

/** CNI lookups run in the program process against the emulator, configured from the environment. */
const SLOTS = slotCatalogue(ACCOUNT);
const OTHER_ACCOUNT = "fedcba9876543210fedcba9876543210";
const emulator = lookupEmulator();
beforeEach(() => {
  emulator().store.clear();
  emulator().resetStats();
});

async function api(method: string, path: string, body?: unknown): Promise<any> {
  const res = await fetch(`${emulator().url}/accounts/${ACCOUNT}/cni/${path}`, {
    method,
    headers: { authorization: `Bearer ${TOKEN}`, "content-type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return res.json();
}

test("getSlots reads every page and passes the filters to the API", async () => {
  const all = await getSlots();
  expect(all).toHaveLength(SLOTS.length);
  expect(all.map((s) => s.id)).toEqual(SLOTS.map((s) => s.id));
  expect(all[0]).toEqual({
    id: SLOTS[0].id,
    facility: SLOTS[0].facility,
    occupied: false,
    site: "ord01",
    speed: "10G",
    accountId: ACCOUNT,
  });
  // 120 slots, at most 50 a page: three requests.
  expect(emulator().stats.requests.map((r) => r.url.replace(/^.*\/slots/, ""))).toEqual([
    "?limit=100",
    "?limit=100&cursor=50",
    "?limit=100&cursor=100",
  ]);

  await api("POST", "interconnects", { account: ACCOUNT, slot_id: SLOTS[7].id, type: "direct" });
  expect(await getSlots({ occupied: true })).toEqual([expect.objectContaining({ id: SLOTS[7].id, occupied: true, account: ACCOUNT })]);
  const london100 = await getSlots({ addressContains: "london", speed: "100G", occupied: false });
  expect(london100.length).toBeGreaterThan(0);
  expect(london100.every((s) => s.site === "lhr01" && s.speed === "100G")).toBe(true);
  expect((await getSlots({ site: "sin01" })).every((s) => s.site === "sin01")).toBe(true);
  expect(await getSlot(SLOTS[7].id)).toMatchObject({ id: SLOTS[7].id, occupied: true, accountId: ACCOUNT });
});

test("interconnects: list with filters, get by name, status and the LOA document", async () => {
  emulator().configure({ cni: { healthyAfterMs: 3_600_000 } });
  const physical = await api("POST", "interconnects", { account: ACCOUNT, slot_id: SLOTS[20].id, type: "direct" });
  await api("POST", "interconnects", {
    account: ACCOUNT,
    bandwidth: "2G",
    pairing_key: "7e51371e-72a3-40b5-b844-2e3efefaee59/europe-west3/1",
    type: "gcp_partner",
  });

  const all = await getInterconnects();
  expect(all).toHaveLength(2);
  expect(await getInterconnects({ type: "gcp_partner" })).toEqual([
    {
      id: expect.any(String),
      name: expect.any(String),
      account: ACCOUNT,
      region: "europe-west3",
      speed: "2G",
      // As the Interconnect resource reports it: a GCP Partner's speed is its bandwidth.
      bandwidth: "2G",
      type: "gcp_partner",
      virtualPortReservationId: expect.stringMatching(/^[0-9a-f]{32}$/),
      accountId: ACCOUNT,
    },
  ]);
  expect(await getInterconnects({ site: "iad01" })).toEqual([expect.objectContaining({ id: physical.name, slotId: SLOTS[20].id })]);

  const one = await getInterconnect(physical.name);
  expect(one).toEqual({
    id: physical.name,
    name: physical.name,
    account: ACCOUNT,
    facility: SLOTS[20].facility,
    site: "iad01",
    slotId: SLOTS[20].id,
    speed: "10G",
    type: "direct",
    virtualPortReservationId: physical.virtual_port_reservation_id,
    accountId: ACCOUNT,
  });
  expect(physical.virtual_port_reservation_id).toMatch(/^[0-9a-f]{32}$/);
  expect(await getInterconnectStatus(physical.name)).toEqual({ state: "Pending" });

  const loa = await getInterconnectLoa(physical.name);
  expect(loa.contentType).toBe("application/pdf");
  const pdf = Buffer.from(loa.base64, "base64").toString("latin1");
  expect(pdf.startsWith("%PDF-1.4")).toBe(true);
  expect(pdf).toContain(`Interconnect: ${physical.name}`);
  expect(pdf).toContain(`Customer account: ${ACCOUNT}`);
  // `name` (official SDK): the name printed instead of the account; checked before any request.
  const named = Buffer.from((await getInterconnectLoa(physical.name, { name: "ACME Networks" })).base64, "base64").toString("latin1");
  expect(named).toContain("Customer: ACME Networks");
  expect(emulator().stats.requests.at(-1)!.url).toContain("/loa?name=ACME+Networks");
  const before = emulator().stats.totalRequests;
  const tooLong = await failure(getInterconnectLoa(physical.name, { name: "x".repeat(201) }));
  expect(tooLong.message).toContain("name must be a non-empty string of at most 200 characters (got 201 characters)");
  expect(emulator().stats.totalRequests).toBe(before);

  const err = await failure(getInterconnect("icon-nope"));
  expect(err.message).toBe(
    `getInterconnect 'icon-nope': Cloudflare 1004: Interconnect not found (HTTP 404 from GET /client/v4/accounts/${ACCOUNT}/cni/interconnects/icon-nope).`,
  );
});

test("CNIs: list every page and by slot, get one; settings", async () => {
  const a = await api("POST", "interconnects", { account: ACCOUNT, slot_id: SLOTS[0].id, type: "direct" });
  const b = await api("POST", "interconnects", { account: ACCOUNT, slot_id: SLOTS[1].id, type: "direct" });
  for (let i = 0; i < 55; i++)
    await api("POST", "cnis", { account: ACCOUNT, interconnect: a.name, magic: { conduit_name: `a${i}`, description: "", mtu: 1500 } });
  const onB = await api("POST", "cnis", {
    account: ACCOUNT,
    interconnect: b.name,
    magic: { conduit_name: "b", description: "B", mtu: 1400 },
    bgp: { customer_asn: 65010, extra_prefixes: [] },
  });

  expect(await getCnis()).toHaveLength(56);
  const expected = {
    id: onB.id,
    account: ACCOUNT,
    interconnect: b.name,
    p2pIp: onB.p2p_ip,
    custIp: onB.cust_ip,
    magic: { conduitName: "b", description: "B", mtu: 1400 },
    bgp: { customerAsn: 65010, extraPrefixes: [] },
    accountId: ACCOUNT,
  };
  expect(await getCnis({ slot: SLOTS[1].id })).toEqual([expected]);
  expect(await getCni(onB.id)).toEqual(expected);

  // The id CniSettingsInfo promises is the account id, as a CniSettings resource's is.
  expect(await getCniSettings()).toEqual({ id: ACCOUNT, defaultAsn: 13335, accountId: ACCOUNT });
  await api("PUT", "settings", { default_asn: 65001 });
  expect(await getCniSettings()).toEqual({ id: ACCOUNT, defaultAsn: 65001, accountId: ACCOUNT });
  expect(await getCniSettings({ accountId: OTHER_ACCOUNT })).toEqual({ id: OTHER_ACCOUNT, defaultAsn: 13335, accountId: OTHER_ACCOUNT });
});
