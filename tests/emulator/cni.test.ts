import type { Emulator } from "../../emulator";
import { DEFAULT_ASN, MAX_PAGE_SIZE, SLOTS_PER_FACILITY, setInterconnectStatus, slotCatalogue } from "../../emulator/resources/cni";
import { ACCOUNT, OTHER_ACCOUNT, TOKEN, call, start } from "./helpers";

const CNI = `/accounts/${ACCOUNT}/cni`;
const PAIRING_KEY = (n: number) => `7e51371e-72a3-40b5-b844-${String(n).padStart(12, "0")}/us-central1/2`;

let emulator: Emulator;
beforeEach(async () => {
  emulator = await start();
});
afterEach(async () => {
  await emulator.close();
});

/** Bare error bodies as {code, pointer}. */
function bareErrors(res: { body: any }): Array<{ code: number; pointer?: string }> {
  expect(res.body).not.toHaveProperty("success");
  return res.body.errors.map((e: any) => ({ code: e.code, pointer: e.source?.pointer }));
}

async function all(path: string): Promise<{ items: any[]; pages: number }> {
  const items: any[] = [];
  let pages = 0;
  let cursor: number | undefined;
  for (;;) {
    const sep = path.includes("?") ? "&" : "?";
    const res = await call(emulator, "GET", cursor === undefined ? path : `${path}${sep}cursor=${cursor}`);
    expect(res.status).toBe(200);
    pages++;
    items.push(...res.body.items);
    if (res.body.next === undefined) return { items, pages };
    cursor = res.body.next;
  }
}

const slots = () => slotCatalogue(ACCOUNT);

async function physical(slotIndex = 0, extra: Record<string, unknown> = {}): Promise<any> {
  const res = await call(emulator, "POST", `${CNI}/interconnects`, {
    body: { account: ACCOUNT, slot_id: slots()[slotIndex].id, type: "direct", ...extra },
  });
  expect(res.status).toBe(200);
  return res.body;
}

const cniBody = (interconnect: string, extra: Record<string, unknown> = {}) => ({
  account: ACCOUNT,
  interconnect,
  magic: { conduit_name: "ord_cni_1", description: "Chicago", mtu: 1500 },
  ...extra,
});

describe("slots", () => {
  test("a fixed catalogue per account, served as bare {items, next} pages", async () => {
    const first = await call(emulator, "GET", `${CNI}/slots`);
    expect(first.status).toBe(200);
    expect(first.headers.get("content-type")).toBe("application/json");
    expect(first.body).not.toHaveProperty("success");
    expect(first.body.items).toHaveLength(20);
    expect(first.body.next).toBe(20);
    expect(first.body.items[0]).toEqual({
      id: expect.stringMatching(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/),
      facility: { name: "Equinix CH1", address: ["350 E Cermak Rd", "Chicago, IL 60616", "United States"] },
      occupied: false,
      site: "ord01",
      speed: "10G",
    });
    const { items, pages } = await all(`${CNI}/slots?limit=50`);
    expect(pages).toBe(3);
    expect(items).toHaveLength(6 * SLOTS_PER_FACILITY);
    expect(new Set(items.map((s) => s.id)).size).toBe(items.length);
    // Same catalogue every time for the account, another one for another account.
    expect(items.map((s) => s.id)).toEqual(slots().map((s) => s.id));
    const other = await call(emulator, "GET", `/accounts/${OTHER_ACCOUNT}/cni/slots`);
    expect(other.body.items[0].id).not.toBe(items[0].id);
  });

  test("limit is capped; bad limit, cursor or occupied are refused", async () => {
    expect((await call(emulator, "GET", `${CNI}/slots?limit=500`)).body.items).toHaveLength(MAX_PAGE_SIZE);
    const last = await call(emulator, "GET", `${CNI}/slots?cursor=110`);
    expect(last.body.items).toHaveLength(10);
    expect(last.body).not.toHaveProperty("next");
    for (const q of ["limit=0", "cursor=-1", "cursor=abc", "occupied=maybe"]) {
      const res = await call(emulator, "GET", `${CNI}/slots?${q}`);
      expect(res.status).toBe(400);
      expect(bareErrors(res)).toEqual([{ code: 1005, pointer: undefined }]);
    }
  });

  test("filters: site, speed, address text (case-insensitive) and occupancy", async () => {
    expect((await all(`${CNI}/slots?site=lhr01`)).items.every((s) => s.site === "lhr01")).toBe(true);
    expect((await all(`${CNI}/slots?site=lhr01`)).items).toHaveLength(SLOTS_PER_FACILITY);
    const fast = (await all(`${CNI}/slots?speed=100G`)).items;
    expect(fast).toHaveLength((6 * SLOTS_PER_FACILITY) / 4);
    expect((await all(`${CNI}/slots?address_contains=frankfurt`)).items.map((s) => s.site)).toEqual(
      Array(SLOTS_PER_FACILITY).fill("fra01"),
    );
    await physical(3);
    const occupied = (await all(`${CNI}/slots?occupied=true`)).items;
    expect(occupied).toEqual([expect.objectContaining({ id: slots()[3].id, occupied: true, account: ACCOUNT })]);
    expect((await all(`${CNI}/slots?occupied=false`)).items).toHaveLength(6 * SLOTS_PER_FACILITY - 1);
  });

  test("get one slot; an unknown slot is a bare 404", async () => {
    const one = await call(emulator, "GET", `${CNI}/slots/${slots()[5].id}`);
    expect(one.body).toMatchObject({ id: slots()[5].id, occupied: false, site: "ord01" });
    const missing = await call(emulator, "GET", `${CNI}/slots/182bd5e5-6e1a-4fe4-a799-aa6d9a6ab26e`);
    expect(missing.status).toBe(404);
    expect(bareErrors(missing)).toEqual([{ code: 1004, pointer: undefined }]);
  });
});

describe("interconnects", () => {
  test("a physical interconnect takes its slot's facility, site and speed, and occupies the slot", async () => {
    const icon = await physical(0);
    expect(icon).toEqual({
      account: ACCOUNT,
      facility: slots()[0].facility,
      name: expect.stringMatching(/^icon-[0-9a-f]{12}$/),
      site: "ord01",
      slot_id: slots()[0].id,
      speed: "10G",
      type: "direct",
      // Required in the official SDK's interconnect answers.
      virtual_port_reservation_id: expect.stringMatching(/^[0-9a-f]{32}$/),
    });
    expect((await call(emulator, "GET", `${CNI}/interconnects/${icon.name}`)).body).toEqual(icon);
    expect((await call(emulator, "GET", `${CNI}/slots/${slots()[0].id}`)).body).toMatchObject({ occupied: true, account: ACCOUNT });

    const again = await call(emulator, "POST", `${CNI}/interconnects`, {
      body: { account: ACCOUNT, slot_id: slots()[0].id, type: "direct" },
    });
    expect(again.status).toBe(400);
    expect(bareErrors(again)).toEqual([{ code: 1003, pointer: "/slot_id" }]);
    expect(again.body.errors[0].message).toContain(`occupied by interconnect ${icon.name}`);

    // Deleting frees the slot.
    expect((await call(emulator, "DELETE", `${CNI}/interconnects/${icon.name}`)).status).toBe(200);
    expect((await call(emulator, "GET", `${CNI}/slots/${slots()[0].id}`)).body.occupied).toBe(false);
    expect(emulator.store.countAll()).toBe(0);
  });

  test("a GCP Partner interconnect: region from the pairing key, bandwidth as speed, key never shown", async () => {
    const res = await call(emulator, "POST", `${CNI}/interconnects`, {
      body: { account: ACCOUNT, bandwidth: "1G", pairing_key: PAIRING_KEY(1), type: "gcp_partner" },
    });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      account: ACCOUNT,
      name: expect.any(String),
      region: "us-central1",
      speed: "1G",
      type: "gcp_partner",
      virtual_port_reservation_id: expect.stringMatching(/^[0-9a-f]{32}$/),
    });
    const reused = await call(emulator, "POST", `${CNI}/interconnects`, {
      body: { account: ACCOUNT, bandwidth: "2G", pairing_key: PAIRING_KEY(1), type: "gcp_partner" },
    });
    expect(bareErrors(reused)).toEqual([{ code: 1003, pointer: "/pairing_key" }]);
    expect(JSON.stringify((await call(emulator, "GET", `${CNI}/interconnects`)).body)).not.toContain(PAIRING_KEY(1));
  });

  test.each([
    [{ slot_id: undefined }, 1002, "/slot_id"],
    [{ type: undefined }, 1002, "/type"],
    [{ account: OTHER_ACCOUNT }, 1005, "/account"],
    [{ slot_id: "182bd5e5-6e1a-4fe4-a799-aa6d9a6ab26e" }, 1005, "/slot_id"],
    [{ speed: "100G" }, 1005, "/speed"],
    [{ bandwidth: "1G" }, 1006, "/bandwidth"],
    [{ slot_id: undefined, bandwidth: "3G", pairing_key: PAIRING_KEY(2) }, 1005, "/bandwidth"],
    [{ slot_id: undefined, bandwidth: "1G" }, 1002, "/pairing_key"],
    [{ slot_id: undefined, bandwidth: "1G", pairing_key: "not-a-key" }, 1005, "/pairing_key"],
  ])("refuses %j with %d at %s and creates nothing", async (override, code, pointer) => {
    const body: Record<string, unknown> = { account: ACCOUNT, slot_id: slots()[0].id, type: "direct", ...override };
    const res = await call(emulator, "POST", `${CNI}/interconnects`, { body });
    expect(res.status).toBe(400);
    expect(bareErrors(res)).toContainEqual({ code, pointer });
    expect(emulator.store.countAll()).toBe(0);
  });

  test("lists every page and filters by site and type", async () => {
    for (let i = 0; i < 23; i++) await physical(i);
    await call(emulator, "POST", `${CNI}/interconnects`, {
      body: { account: ACCOUNT, bandwidth: "50M", pairing_key: PAIRING_KEY(3), type: "gcp_partner" },
    });
    const first = await call(emulator, "GET", `${CNI}/interconnects`);
    expect(first.body.items).toHaveLength(20);
    expect(first.body.next).toBe(20);
    const { items, pages } = await all(`${CNI}/interconnects`);
    expect(pages).toBe(2);
    expect(items).toHaveLength(24);
    expect((await all(`${CNI}/interconnects?site=iad01`)).items).toHaveLength(3);
    expect((await all(`${CNI}/interconnects?type=gcp_partner`)).items).toEqual([expect.objectContaining({ region: "us-central1" })]);
  });

  test("unknown interconnects are bare 404s on every item endpoint", async () => {
    for (const [method, suffix] of [
      ["GET", ""],
      ["DELETE", ""],
      ["GET", "/status"],
      ["GET", "/loa"],
    ]) {
      const res = await call(emulator, method, `${CNI}/interconnects/icon-nope${suffix}`);
      expect(res.status).toBe(404);
      expect(bareErrors(res)).toEqual([{ code: 1004, pointer: undefined }]);
    }
  });

  test("status: Pending until the configured delay, then Healthy; a switch makes it Down with a reason", async () => {
    emulator.configure({ cni: { healthyAfterMs: 300 } });
    const icon = await physical(0);
    const status = () => call(emulator, "GET", `${CNI}/interconnects/${icon.name}/status`);
    expect((await status()).body).toEqual({ state: "Pending" });
    await new Promise((r) => setTimeout(r, 350));
    expect((await status()).body).toEqual({ state: "Healthy" });
    expect(setInterconnectStatus(emulator.store, ACCOUNT, icon.name, { state: "Down", reason: "No light on the cross-connect" })).toBe(
      true,
    );
    expect((await status()).body).toEqual({ state: "Down", reason: "No light on the cross-connect" });
    expect(setInterconnectStatus(emulator.store, ACCOUNT, "icon-nope", { state: "Down" })).toBe(false);

    emulator.configure({ cni: { initialStatus: { state: "Unhealthy", reason: "Optical levels too low" } } });
    const bad = await physical(1);
    expect((await call(emulator, "GET", `${CNI}/interconnects/${bad.name}/status`)).body).toEqual({
      state: "Unhealthy",
      reason: "Optical levels too low",
    });
  });

  test("the LOA of a physical interconnect is a PDF; a GCP Partner one has none", async () => {
    const icon = await physical(0);
    const res = await fetch(`${emulator.url}${CNI}/interconnects/${icon.name}/loa`, { headers: { authorization: `Bearer ${TOKEN}` } });
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("application/pdf");
    const pdf = Buffer.from(await res.arrayBuffer());
    const text = pdf.toString("latin1");
    expect(text.startsWith("%PDF-1.4\n")).toBe(true);
    expect(text.endsWith("%%EOF\n")).toBe(true);
    expect(text).toContain(`Interconnect: ${icon.name}`);
    // The cross-reference table points at each object.
    const xrefAt = Number(/startxref\n(\d+)/.exec(text)![1]);
    expect(text.slice(xrefAt, xrefAt + 4)).toBe("xref");
    const offsets = [...text.slice(xrefAt).matchAll(/^(\d{10}) 00000 n $/gm)].map((m) => Number(m[1]));
    offsets.forEach((o, i) => expect(text.slice(o, o + `${i + 1} 0 obj`.length)).toBe(`${i + 1} 0 obj`));

    const gcp = await call(emulator, "POST", `${CNI}/interconnects`, {
      body: { account: ACCOUNT, bandwidth: "1G", pairing_key: PAIRING_KEY(4), type: "gcp_partner" },
    });
    const none = await call(emulator, "GET", `${CNI}/interconnects/${gcp.body.name}/loa`);
    expect(none.status).toBe(400);
    expect(bareErrors(none)).toEqual([{ code: 1005, pointer: undefined }]);
  });

  test("an interconnect that still hosts CNIs cannot be deleted", async () => {
    const icon = await physical(0);
    await call(emulator, "POST", `${CNI}/cnis`, { body: cniBody(icon.name) });
    const res = await call(emulator, "DELETE", `${CNI}/interconnects/${icon.name}`);
    expect(res.status).toBe(409);
    expect(res.body.errors[0].message).toContain("delete them first");
  });
});

describe("CNIs", () => {
  test("create allocates the point-to-point link; get, list and delete answer bare objects", async () => {
    const icon = await physical(0);
    const res = await call(emulator, "POST", `${CNI}/cnis`, {
      body: cniBody(icon.name, { bgp: { customer_asn: 65010, extra_prefixes: [], md5_key: "k3y!" } }),
    });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      id: expect.stringMatching(/^[0-9a-f]{32}$/),
      account: ACCOUNT,
      interconnect: icon.name,
      p2p_ip: "100.64.0.0/31",
      cust_ip: "100.64.0.1/31",
      magic: { conduit_name: "ord_cni_1", description: "Chicago", mtu: 1500 },
      bgp: { customer_asn: 65010, extra_prefixes: [], md5_key: "k3y!" },
    });
    const second = await call(emulator, "POST", `${CNI}/cnis`, {
      body: cniBody(icon.name, { magic: { conduit_name: "ord_cni_2", description: "", mtu: 1500 } }),
    });
    expect(second.body).toMatchObject({ p2p_ip: "100.64.0.2/31", cust_ip: "100.64.0.3/31" });
    expect(second.body).not.toHaveProperty("bgp");
    expect((await call(emulator, "GET", `${CNI}/cnis/${res.body.id}`)).body).toEqual(res.body);
    expect((await all(`${CNI}/cnis`)).items).toEqual([res.body, second.body]);
    expect((await call(emulator, "DELETE", `${CNI}/cnis/${res.body.id}`)).status).toBe(200);
    expect((await call(emulator, "GET", `${CNI}/cnis/${res.body.id}`)).status).toBe(404);
  });

  test.each([
    [{ magic: undefined }, 1002, "/magic"],
    [{ magic: { conduit_name: "x", description: "d" } }, 1002, "/magic/mtu"],
    [{ magic: { conduit_name: "x", description: "d", mtu: 500 } }, 1005, "/magic/mtu"],
    [{ magic: { conduit_name: "", description: "d", mtu: 1500 } }, 1005, "/magic/conduit_name"],
    [{ bgp: { md5_key: "k", extra_prefixes: [] } }, 1002, "/bgp/customer_asn"],
    // Both the reference and the SDK list extra_prefixes as required whenever bgp is sent.
    [{ bgp: { customer_asn: 65000 } }, 1002, "/bgp/extra_prefixes"],
    [{ bgp: { customer_asn: 65000, md5_key: "what?" } }, 1005, "/bgp/md5_key"],
    [{ bgp: { customer_asn: 65000, extra_prefixes: ["10.0.0.0/33"] } }, 1005, "/bgp/extra_prefixes/0"],
    [{ interconnect: "icon-nope" }, 1005, "/interconnect"],
    [{ account: OTHER_ACCOUNT }, 1005, "/account"],
  ])("refuses %j with %d at %s", async (override, code, pointer) => {
    const icon = await physical(0);
    const res = await call(emulator, "POST", `${CNI}/cnis`, { body: { ...cniBody(icon.name), ...override } });
    expect(res.status).toBe(400);
    expect(bareErrors(res)).toContainEqual({ code, pointer });
  });

  test("a conduit name is unique on its interconnect", async () => {
    const a = await physical(0);
    const b = await physical(1);
    expect((await call(emulator, "POST", `${CNI}/cnis`, { body: cniBody(a.name) })).status).toBe(200);
    const dup = await call(emulator, "POST", `${CNI}/cnis`, { body: cniBody(a.name) });
    expect(bareErrors(dup)).toEqual([{ code: 1003, pointer: "/magic/conduit_name" }]);
    expect((await call(emulator, "POST", `${CNI}/cnis`, { body: cniBody(b.name) })).status).toBe(200);
  });

  test("PUT takes the whole object: replaces magic, bgp and bgp_mode, and refuses another interconnect or a broken link", async () => {
    const icon = await physical(0);
    const other = await physical(1);
    const created = (
      await call(emulator, "POST", `${CNI}/cnis`, {
        body: cniBody(icon.name, { bgp: { customer_asn: 65010, extra_prefixes: ["192.0.2.0/24"] } }),
      })
    ).body;
    const whole = (extra: Record<string, unknown> = {}) => ({
      id: created.id,
      cust_ip: created.cust_ip,
      p2p_ip: created.p2p_ip,
      ...cniBody(icon.name),
      ...extra,
    });
    const put = await call(emulator, "PUT", `${CNI}/cnis/${created.id}`, {
      body: whole({ magic: { conduit_name: "ord_cni_1", description: "new", mtu: 1400 } }),
    });
    expect(put.status).toBe(200);
    expect(put.body).toEqual({ ...created, magic: { conduit_name: "ord_cni_1", description: "new", mtu: 1400 }, bgp: undefined });
    expect(put.body).not.toHaveProperty("bgp");

    const mode = await call(emulator, "PUT", `${CNI}/cnis/${created.id}`, {
      body: whole({ bgp: { customer_asn: 65010, extra_prefixes: [] }, bgp_mode: "advertise_only" }),
    });
    expect(mode.body).toMatchObject({ bgp: { customer_asn: 65010, extra_prefixes: [] }, bgp_mode: "advertise_only" });
    const badMode = await call(emulator, "PUT", `${CNI}/cnis/${created.id}`, { body: whole({ bgp_mode: "static" }) });
    expect(bareErrors(badMode)).toEqual([{ code: 1005, pointer: "/bgp_mode" }]);
    expect((await call(emulator, "PUT", `${CNI}/cnis/${created.id}`, { body: whole() })).body).not.toHaveProperty("bgp_mode");

    const moved = await call(emulator, "PUT", `${CNI}/cnis/${created.id}`, { body: whole({ interconnect: other.name }) });
    expect(bareErrors(moved)).toEqual([{ code: 1006, pointer: "/interconnect" }]);
    const broken = await call(emulator, "PUT", `${CNI}/cnis/${created.id}`, { body: whole({ cust_ip: "100.64.9.1/31" }) });
    expect(bareErrors(broken)).toEqual([{ code: 1005, pointer: "/cust_ip" }]);
    const swapped = await call(emulator, "PUT", `${CNI}/cnis/${created.id}`, {
      body: whole({ p2p_ip: "100.64.0.1/31", cust_ip: "100.64.0.0/31" }),
    });
    expect(swapped.body).toMatchObject({ p2p_ip: "100.64.0.1/31", cust_ip: "100.64.0.0/31" });
    const otherId = await call(emulator, "PUT", `${CNI}/cnis/${created.id}`, { body: whole({ id: "f".repeat(32) }) });
    expect(bareErrors(otherId)).toEqual([{ code: 1005, pointer: "/id" }]);
    expect((await call(emulator, "PUT", `${CNI}/cnis/nope`, { body: whole() })).status).toBe(404);
  });

  test("a partial PUT (the create body) is a 400 naming every missing field, and changes nothing", async () => {
    const icon = await physical(0);
    const created = (await call(emulator, "POST", `${CNI}/cnis`, { body: cniBody(icon.name) })).body;
    const partial = await call(emulator, "PUT", `${CNI}/cnis/${created.id}`, {
      body: cniBody(icon.name, { magic: { conduit_name: "ord_cni_1", description: "new", mtu: 1400 } }),
    });
    expect(partial.status).toBe(400);
    expect(bareErrors(partial).sort((a: any, b: any) => a.pointer.localeCompare(b.pointer))).toEqual([
      { code: 1002, pointer: "/cust_ip" },
      { code: 1002, pointer: "/id" },
      { code: 1002, pointer: "/p2p_ip" },
    ]);
    const noBgpPrefixes = await call(emulator, "PUT", `${CNI}/cnis/${created.id}`, {
      body: { id: created.id, cust_ip: created.cust_ip, p2p_ip: created.p2p_ip, ...cniBody(icon.name), bgp: { customer_asn: 65010 } },
    });
    expect(bareErrors(noBgpPrefixes)).toEqual([{ code: 1002, pointer: "/bgp/extra_prefixes" }]);
    expect((await call(emulator, "GET", `${CNI}/cnis/${created.id}`)).body).toEqual(created);
  });

  test("answers always carry bgp.extra_prefixes, even for a CNI stored without it", async () => {
    const icon = await physical(0);
    emulator.store.insert(ACCOUNT, "cni_cnis", {
      id: "c".repeat(32),
      account: ACCOUNT,
      interconnect: icon.name,
      p2p_ip: "100.64.5.0/31",
      cust_ip: "100.64.5.1/31",
      magic: { conduit_name: "raw", description: "", mtu: 1500 },
      bgp: { customer_asn: 65001 },
      tunnel_id: "t",
    });
    expect((await call(emulator, "GET", `${CNI}/cnis/${"c".repeat(32)}`)).body.bgp).toEqual({ customer_asn: 65001, extra_prefixes: [] });
  });

  test("list filters: slot and tunnel_id; more than a page", async () => {
    const a = await physical(0);
    const b = await physical(1);
    for (let i = 0; i < 22; i++)
      await call(emulator, "POST", `${CNI}/cnis`, {
        body: cniBody(a.name, { magic: { conduit_name: `a${i}`, description: "", mtu: 1500 } }),
      });
    const onB = (await call(emulator, "POST", `${CNI}/cnis`, { body: cniBody(b.name) })).body;
    const { items, pages } = await all(`${CNI}/cnis`);
    expect([items.length, pages]).toEqual([23, 2]);
    expect((await all(`${CNI}/cnis?slot=${slots()[1].id}`)).items).toEqual([onB]);
    const tunnelId = emulator.store.get<any>(ACCOUNT, "cni_cnis", onB.id)!.tunnel_id;
    expect((await all(`${CNI}/cnis?tunnel_id=${tunnelId}`)).items).toEqual([onB]);
    expect(JSON.stringify(items)).not.toContain("tunnel_id");
  });
});

describe("settings", () => {
  test("default_asn defaults; PUT changes it; an empty PUT keeps it; back to the default leaves nothing stored", async () => {
    expect((await call(emulator, "GET", `${CNI}/settings`)).body).toEqual({ default_asn: DEFAULT_ASN });
    expect((await call(emulator, "PUT", `${CNI}/settings`, { body: { default_asn: 65001 } })).body).toEqual({ default_asn: 65001 });
    expect((await call(emulator, "PUT", `${CNI}/settings`, { body: {} })).body).toEqual({ default_asn: 65001 });
    expect((await call(emulator, "GET", `${CNI}/settings`)).body).toEqual({ default_asn: 65001 });
    expect((await call(emulator, "GET", `/accounts/${OTHER_ACCOUNT}/cni/settings`)).body).toEqual({ default_asn: DEFAULT_ASN });
    const bad = await call(emulator, "PUT", `${CNI}/settings`, { body: { default_asn: 0 } });
    expect(bad.status).toBe(400);
    expect(bareErrors(bad)).toEqual([{ code: 1005, pointer: "/default_asn" }]);
    await call(emulator, "PUT", `${CNI}/settings`, { body: { default_asn: DEFAULT_ASN } });
    expect(emulator.store.countAll()).toBe(0);
  });
});
