import type { Emulator } from "../../emulator";
import { provisionCfInterconnect } from "../../emulator/resources/cf-interconnects";
import { ACCOUNT, OTHER_ACCOUNT, call, errorsOf, start } from "./helpers";

const PATH = `/accounts/${ACCOUNT}/magic/cf_interconnects`;
const NEW_HC = { "x-magic-new-hc-target": "true" };

/** Cloudflare makes interconnects: tests put them straight into the store, in API shape. */
function insert(overrides: Record<string, unknown> = {}): any {
  return provisionCfInterconnect(emulator.store, ACCOUNT, { description: "Tunnel for Interconnect to ORD", ...overrides });
}

let emulator: Emulator;
beforeEach(async () => {
  emulator = await start();
});
afterEach(async () => {
  await emulator.close();
});

describe("envelope and per-verb result wrappers", () => {
  test("list wraps in interconnects, get in interconnect; accounts are separate", async () => {
    const a = insert();
    const b = insert({ name: "pni_iad", colo_name: "pni_iad" });
    const list = await call(emulator, "GET", PATH);
    expect(list.status).toBe(200);
    expect(list.body).toMatchObject({ success: true, errors: [], messages: [] });
    expect(list.body.result.interconnects.map((i: any) => i.id)).toEqual([a.id, b.id]);
    const get = await call(emulator, "GET", `${PATH}/${a.id}`);
    expect(get.body.result).toEqual({ interconnect: { ...a, health_check: { enabled: true, rate: "mid", type: "reply", target: "" } } });
    expect((await call(emulator, "GET", `/accounts/${OTHER_ACCOUNT}/magic/cf_interconnects`)).body.result).toEqual({ interconnects: [] });
  });

  test("PUT wraps in {modified, modified_interconnect}", async () => {
    const a = insert();
    const res = await call(emulator, "PUT", `${PATH}/${a.id}`, { body: { mtu: 1400 } });
    expect(res.status).toBe(200);
    expect(res.body.result.modified).toBe(true);
    expect(res.body.result.modified_interconnect).toMatchObject({ id: a.id, mtu: 1400, colo_name: "pni_ord" });
  });

  test("there is no POST or DELETE: Cloudflare makes interconnects", async () => {
    const a = insert();
    expect((await call(emulator, "POST", PATH, { body: {} })).status).toBe(405);
    expect((await call(emulator, "DELETE", `${PATH}/${a.id}`)).status).toBe(405);
  });
});

describe("PUT changes only the given fields", () => {
  test("omitted fields keep their values; a given health_check or gre replaces that object", async () => {
    const a = insert({ health_check: { enabled: false, rate: "low", type: "request", target: "192.0.2.9" } });
    const res = await call(emulator, "PUT", `${PATH}/${a.id}`, {
      headers: NEW_HC,
      body: {
        description: "new",
        automatic_return_routing: true,
        interface_address6: "2606:54c1:7:0:a9fe:12d2:1:200/127",
        name: "pni_ord_2",
        gre: { cloudflare_endpoint: "203.0.113.2" },
        health_check: { rate: "high" },
      },
    });
    const ic = res.body.result.modified_interconnect;
    expect(ic).toMatchObject({
      description: "new",
      automatic_return_routing: true,
      interface_address: "192.168.4.0/31",
      interface_address6: "2606:54c1:7:0:a9fe:12d2:1:200/127",
      name: "pni_ord_2",
      colo_name: "pni_ord",
      mtu: 1476,
      gre: { cloudflare_endpoint: "203.0.113.2" },
      health_check: { enabled: true, rate: "high", type: "reply", target: { effective: "", saved: "" } },
      created_on: a.created_on,
      virtual_port_reservation_id: a.virtual_port_reservation_id,
    });
    expect(ic.health_check).not.toHaveProperty("direction");
    expect(ic.modified_on).not.toBe(a.modified_on);
    const kept = await call(emulator, "PUT", `${PATH}/${a.id}`, { body: { mtu: 1500, description: null } });
    expect(kept.body.result.modified_interconnect).toMatchObject({
      description: "new",
      mtu: 1500,
      gre: { cloudflare_endpoint: "203.0.113.2" },
    });
  });

  test("health_check.direction and source (official SDK): source required with bidirectional, refused otherwise, in range", async () => {
    const a = insert();
    const noSource = await call(emulator, "PUT", `${PATH}/${a.id}`, {
      body: { health_check: { direction: "bidirectional", rate: "low" } },
    });
    expect(errorsOf(noSource)).toEqual([{ code: 1002, pointer: "/health_check/source" }]);
    const res = await call(emulator, "PUT", `${PATH}/${a.id}`, {
      body: { health_check: { direction: "bidirectional", source: "169.254.240.5", rate: "low" } },
    });
    expect(res.status).toBe(200);
    expect(res.body.result.modified_interconnect.health_check).toEqual({
      enabled: true,
      rate: "low",
      type: "reply",
      direction: "bidirectional",
      source: "169.254.240.5",
      // A bidirectional check targets the customer side of the interface address (192.168.4.0/31).
      target: "192.168.4.1",
    });
    const outside = await call(emulator, "PUT", `${PATH}/${a.id}`, {
      body: { health_check: { direction: "bidirectional", source: "203.0.113.5" } },
    });
    expect(errorsOf(outside)).toEqual([{ code: 1005, pointer: "/health_check/source" }]);
    const uni = await call(emulator, "PUT", `${PATH}/${a.id}`, {
      body: { health_check: { direction: "unidirectional", source: "10.0.0.1" } },
    });
    expect(errorsOf(uni)).toEqual([{ code: 1005, pointer: "/health_check/source" }]);
    const cleared = await call(emulator, "PUT", `${PATH}/${a.id}`, { body: { health_check: { direction: "unidirectional" } } });
    expect(cleared.body.result.modified_interconnect.health_check).toEqual({
      enabled: true,
      rate: "mid",
      type: "reply",
      direction: "unidirectional",
      target: "",
    });
  });

  test("bgp (official SDK) is taken, checked and answered", async () => {
    const a = insert();
    const filter = "0123456789abcdef0123456789abcdef";
    const res = await call(emulator, "PUT", `${PATH}/${a.id}`, {
      body: { bgp: { customer_asn: 65010, extra_prefixes: ["192.0.2.0/24"], import_filter_id: filter } },
    });
    expect(res.status).toBe(200);
    expect(res.body.result.modified_interconnect.bgp).toEqual({
      customer_asn: 65010,
      extra_prefixes: ["192.0.2.0/24"],
      import_filter_id: filter,
    });
    const bad = await call(emulator, "PUT", `${PATH}/${a.id}`, {
      body: { bgp: { customer_asn: 0, export_filter_id: "nope", md5_key: "a?b" } },
    });
    expect(
      errorsOf(bad)
        .map((e: { pointer?: string }) => e.pointer)
        .sort(),
    ).toEqual(["/bgp/customer_asn", "/bgp/export_filter_id", "/bgp/md5_key"]);
  });

  test("the health check target follows x-magic-new-hc-target", async () => {
    const a = insert();
    const res = await call(emulator, "PUT", `${PATH}/${a.id}`, {
      headers: NEW_HC,
      body: { health_check: { type: "request", target: { saved: "192.0.2.1" } } },
    });
    expect(res.body.result.modified_interconnect.health_check.target).toEqual({ effective: "192.0.2.1", saved: "192.0.2.1" });
    expect((await call(emulator, "GET", `${PATH}/${a.id}`)).body.result.interconnect.health_check.target).toBe("192.0.2.1");
  });
});

describe("rules", () => {
  test.each([
    [{ mtu: 575 }, 1005, "/mtu"],
    [{ mtu: "1500" }, 1005, "/mtu"],
    [{ interface_address: "192.168.4.0/30" }, 1005, "/interface_address"],
    [{ interface_address: "198.51.100.4/30" }, 1005, "/interface_address"],
    [{ interface_address: "192.168.4.0/29" }, 1005, "/interface_address"],
    [{ interface_address6: "2606:54c1:7:0:a9fe:12d2:1:201/127" }, 1005, "/interface_address6"],
    [{ gre: { cloudflare_endpoint: "edge" } }, 1005, "/gre/cloudflare_endpoint"],
    [{ gre: "203.0.113.1" }, 1005, "/gre"],
    [{ health_check: { rate: "often" } }, 1005, "/health_check/rate"],
    [{ health_check: { type: "ping" } }, 1005, "/health_check/type"],
    [{ health_check: { target: "gw.example" } }, 1005, "/health_check/target"],
    [{ automatic_return_routing: "yes" }, 1005, "/automatic_return_routing"],
    [{ description: 1 }, 1005, "/description"],
    [{ name: "" }, 1005, "/name"],
  ])("%j is refused with %i at %s and changes nothing", async (bad, code, pointer) => {
    const a = insert();
    const res = await call(emulator, "PUT", `${PATH}/${a.id}`, { body: bad });
    expect(res.status).toBe(400);
    expect(errorsOf(res)).toEqual([{ code, pointer }]);
    expect(emulator.store.get(ACCOUNT, "cf_interconnects", a.id)).toEqual(a);
  });

  test.each(["198.51.100.0/31", "192.168.4.1/30", "169.254.244.2/30"])(
    "interface_address %s is taken (a /31 from any space may be an authorized prefix; a /30 from the documented spaces)",
    async (interfaceAddress) => {
      const a = insert();
      const res = await call(emulator, "PUT", `${PATH}/${a.id}`, { body: { interface_address: interfaceAddress } });
      expect(res.body.errors).toEqual([]);
      expect(emulator.store.get(ACCOUNT, "cf_interconnects", a.id)?.interface_address).toBe(interfaceAddress);
    },
  );

  test("names are unique among the account's interconnects (1003)", async () => {
    insert();
    const b = insert({ name: "pni_iad" });
    const res = await call(emulator, "PUT", `${PATH}/${b.id}`, { body: { name: "pni_ord" } });
    expect(errorsOf(res)).toEqual([{ code: 1003, pointer: "/name" }]);
  });

  test("a body that is not an object is 1001", async () => {
    const a = insert();
    expect(errorsOf(await call(emulator, "PUT", `${PATH}/${a.id}`, { body: [] }))).toEqual([{ code: 1001, pointer: undefined }]);
  });
});

describe("unknown ids", () => {
  test.each(["GET", "PUT"])("%s on an unknown id is 404 / 1004", async (method) => {
    const res = await call(emulator, method, `${PATH}/${"0".repeat(32)}`, method === "PUT" ? { body: {} } : {});
    expect(res.status).toBe(404);
    expect(res.body).toEqual({ success: false, errors: [{ code: 1004, message: "Interconnect not found" }], messages: [], result: null });
  });
});

describe("validate_only", () => {
  test("PUT and bulk PUT answer the would-be interconnect and change nothing", async () => {
    const a = insert();
    const res = await call(emulator, "PUT", `${PATH}/${a.id}?validate_only=true`, { body: { mtu: 1400 } });
    expect(res.body.result.modified_interconnect.mtu).toBe(1400);
    const bulk = await call(emulator, "PUT", `${PATH}?validate_only=true`, { body: [{ id: a.id, mtu: 1300 }] });
    expect(bulk.body.result.modified_interconnects[0].mtu).toBe(1300);
    expect(emulator.store.get(ACCOUNT, "cf_interconnects", a.id)).toEqual(a);
  });
});

describe("bulk PUT", () => {
  test("updates several interconnects from {interconnects: [...]} or a bare array", async () => {
    const a = insert();
    const b = insert({ name: "pni_iad" });
    const res = await call(emulator, "PUT", PATH, {
      body: {
        interconnects: [
          { id: a.id, mtu: 1400 },
          { id: b.id, description: "iad" },
        ],
      },
    });
    expect(res.status).toBe(200);
    expect(res.body.result.modified).toBe(true);
    expect(res.body.result.modified_interconnects.map((i: any) => [i.id, i.mtu, i.description])).toEqual([
      [a.id, 1400, "Tunnel for Interconnect to ORD"],
      [b.id, 1476, "iad"],
    ]);
    const bare = await call(emulator, "PUT", PATH, { body: [{ id: b.id, mtu: 1300 }] });
    expect(bare.body.result.modified_interconnects[0].mtu).toBe(1300);
  });

  test("any error changes nothing and points at the item", async () => {
    const a = insert();
    const b = insert({ name: "pni_iad" });
    const bad = await call(emulator, "PUT", PATH, {
      body: {
        interconnects: [
          { id: a.id, mtu: 1400 },
          { id: b.id, mtu: 1 },
        ],
      },
    });
    expect(errorsOf(bad)).toEqual([{ code: 1005, pointer: "/interconnects/1/mtu" }]);
    const unknown = await call(emulator, "PUT", PATH, { body: [{ id: a.id, mtu: 1400 }, { id: "f".repeat(32) }] });
    expect(unknown.status).toBe(404);
    expect(errorsOf(unknown)).toEqual([{ code: 1004, pointer: "/1/id" }]);
    const clash = await call(emulator, "PUT", PATH, { body: [{ id: b.id, name: "pni_ord" }] });
    expect(errorsOf(clash)).toEqual([{ code: 1003, pointer: "/0/name" }]);
    const swap = await call(emulator, "PUT", PATH, {
      body: [
        { id: a.id, name: "pni_iad" },
        { id: b.id, name: "pni_ord" },
      ],
    });
    expect(swap.status).toBe(200);
    expect(errorsOf(await call(emulator, "PUT", PATH, { body: [{ mtu: 1400 }] }))).toEqual([{ code: 1002, pointer: "/0/id" }]);
    expect(errorsOf(await call(emulator, "PUT", PATH, { body: {} }))).toEqual([{ code: 1005, pointer: "/interconnects" }]);
    expect(emulator.store.get(ACCOUNT, "cf_interconnects", a.id)).toMatchObject({ mtu: 1476 });
  });
});
