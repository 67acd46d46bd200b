import type { Emulator } from "../../emulator";
import { ACCOUNT, GRE_PATH, OTHER_ACCOUNT, asStored, call, createGre, errorsOf, freeInterfaceAddress, greBody, start } from "./helpers";

/** A full body for `t` (a created tunnel) with changes: PUT replaces every field, its interface address included. */
const bodyOf = (t: { interface_address: string }, changes: Record<string, unknown> = {}) =>
  greBody({ interface_address: t.interface_address, ...changes });

const NEW_HC = { "x-magic-new-hc-target": "true" };

let emulator: Emulator;

beforeEach(async () => {
  emulator = await start();
});

afterEach(async () => {
  await emulator.close();
});

describe("envelope and per-verb result wrappers", () => {
  test("create answers the tunnel itself as result", async () => {
    const res = await call(emulator, "POST", GRE_PATH, { body: greBody() });
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("application/json");
    expect(res.body).toMatchObject({ success: true, errors: [], messages: [] });
    expect(res.body.result.id).toMatch(/^[0-9a-f]{32}$/);
    expect(res.body.result.name).toBe("GRE_1");
  });

  test("list wraps in gre_tunnels, get in gre_tunnel", async () => {
    const a = await createGre(emulator, { name: "A" });
    const b = await createGre(emulator, { name: "B" });

    const list = await call(emulator, "GET", GRE_PATH);
    expect(list.body.success).toBe(true);
    expect(list.body.result.gre_tunnels.map((t: { id: string }) => t.id)).toEqual([a.id, b.id]);

    // A read answer leaves out a false automatic_return_routing, as the live API does.
    const { automatic_return_routing: _arr, ...read } = b;
    const get = await call(emulator, "GET", `${GRE_PATH}/${b.id}`);
    // A GET shows the times as stored (microseconds); the create answer had nanoseconds.
    expect(get.body.result).toEqual({ gre_tunnel: asStored(read) });
    expect(b.created_on).toMatch(/\.\d{9}Z$/);
  });

  test("read answers leave out automatic_return_routing when false (live API); write answers keep it", async () => {
    const off = await createGre(emulator, { name: "OFF" });
    const on = await createGre(emulator, { name: "ON", automatic_return_routing: true });
    expect(off.automatic_return_routing).toBe(false);
    const list = (await call(emulator, "GET", GRE_PATH)).body.result.gre_tunnels;
    expect(list[0]).not.toHaveProperty("automatic_return_routing");
    expect(list[1]).toMatchObject({ automatic_return_routing: true });
    expect((await call(emulator, "GET", `${GRE_PATH}/${off.id}`)).body.result.gre_tunnel).not.toHaveProperty("automatic_return_routing");
    expect((await call(emulator, "GET", `${GRE_PATH}/${on.id}`)).body.result.gre_tunnel).toMatchObject({ automatic_return_routing: true });
    const put = await call(emulator, "PUT", `${GRE_PATH}/${off.id}`, { body: bodyOf(off, { name: "OFF" }) });
    expect(put.body.result.modified_gre_tunnel).toMatchObject({ automatic_return_routing: false });
  });

  test("an empty account lists an empty array", async () => {
    const list = await call(emulator, "GET", GRE_PATH);
    expect(list.body.result).toEqual({ gre_tunnels: [] });
  });

  test("update wraps in {modified, modified_gre_tunnel}", async () => {
    const t = await createGre(emulator);
    const res = await call(emulator, "PUT", `${GRE_PATH}/${t.id}`, { body: greBody({ description: "new" }) });
    expect(res.status).toBe(200);
    expect(res.body.result.modified).toBe(true);
    expect(res.body.result.modified_gre_tunnel).toMatchObject({ id: t.id, description: "new" });
  });

  test("delete wraps in {deleted, deleted_gre_tunnel} and removes the tunnel", async () => {
    const t = await createGre(emulator);
    const res = await call(emulator, "DELETE", `${GRE_PATH}/${t.id}`);
    expect(res.body.result).toEqual({ deleted: true, deleted_gre_tunnel: asStored(t) });
    expect((await call(emulator, "GET", `${GRE_PATH}/${t.id}`)).status).toBe(404);
  });

  test("tunnels are partitioned by account", async () => {
    await createGre(emulator);
    const other = await call(emulator, "GET", `/accounts/${OTHER_ACCOUNT}/magic/gre_tunnels`);
    expect(other.body.result.gre_tunnels).toEqual([]);
  });
});

describe("server-side defaults", () => {
  test("omitted fields get their defaults; unset optional fields are absent", async () => {
    const before = Date.now();
    const t = await createGre(emulator);
    expect(t).toMatchObject({
      cloudflare_gre_endpoint: "203.0.113.1",
      customer_gre_endpoint: "198.51.100.7",
      interface_address: "10.212.0.8/31",
      mtu: 1476,
      ttl: 64,
      automatic_return_routing: false,
      health_check: { enabled: true, rate: "mid", type: "reply", direction: "unidirectional", target: "198.51.100.7" },
    });
    for (const field of ["description", "bgp", "bgp_status", "interface_address6"]) expect(t).not.toHaveProperty(field);
    expect(Date.parse(t.created_on)).toBeGreaterThanOrEqual(before - 1000);
    expect(t.modified_on).toBe(t.created_on);
  });

  test("given health_check subfields are merged over the defaults", async () => {
    const t = await createGre(emulator, { health_check: { rate: "high", direction: "bidirectional" } });
    expect(t.health_check).toEqual({
      enabled: true,
      rate: "high",
      type: "reply",
      direction: "bidirectional",
      // A bidirectional check targets the customer side of the interface address (10.212.0.8/31).
      target: "10.212.0.9",
    });
  });

  test("null for a field is refused with 1022, as the live API refuses a null description", async () => {
    const res = await call(emulator, "POST", GRE_PATH, { body: greBody({ description: null }) });
    expect(res.status).toBe(400);
    expect(res.body.errors).toEqual([
      {
        code: 1022,
        message: 'Invalid Request: error parsing request body while creating GRE Tunnel: type "string" is not permitted to be null',
      },
    ]);
    expect(emulator.store.countAll()).toBe(0);
  });

  test("bgp on create adds a bgp_status", async () => {
    const t = await createGre(emulator, { bgp: { customer_asn: 64512, md5_key: "k3y!", extra_prefixes: ["10.1.0.0/16"] } });
    expect(t.bgp).toEqual({ customer_asn: 64512, md5_key: "k3y!", extra_prefixes: ["10.1.0.0/16"] });
    expect(t.bgp_status).toEqual({ state: "BGP_DOWN", tcp_established: false, updated_at: t.created_on });
  });

  test("bgp keeps only the spec's fields", async () => {
    const t = await createGre(emulator, { bgp: { customer_asn: 64512, colour: "blue" } });
    expect(emulator.store.get(ACCOUNT, "gre_tunnels", t.id)!.bgp).toStrictEqual({ customer_asn: 64512 });
  });
});

describe("PUT replaces all mutable fields", () => {
  test("omitted fields go back to defaults or disappear; id, created_on and bgp are kept", async () => {
    const t = await createGre(emulator, {
      description: "first",
      mtu: 1400,
      ttl: 32,
      automatic_return_routing: true,
      interface_address6: "2606:54c1:7:0:a9fe:12d2:1:200/127",
      health_check: { rate: "low", type: "request", target: "192.0.2.5" },
      bgp: { customer_asn: 65001 },
    });
    await new Promise((r) => setTimeout(r, 5));
    const res = await call(emulator, "PUT", `${GRE_PATH}/${t.id}`, { body: bodyOf(t, { name: "GRE_2" }) });
    const updated = res.body.result.modified_gre_tunnel;
    expect(updated).toMatchObject({
      id: t.id,
      name: "GRE_2",
      mtu: 1476,
      ttl: 64,
      automatic_return_routing: false,
      health_check: { enabled: true, rate: "mid", type: "reply", direction: "unidirectional", target: "198.51.100.7" },
      bgp: { customer_asn: 65001 },
      bgp_status: asStored(t.bgp_status),
      created_on: asStored(t.created_on),
    });
    expect(updated).not.toHaveProperty("description");
    expect(updated).not.toHaveProperty("interface_address6");
    expect(Date.parse(updated.modified_on)).toBeGreaterThan(Date.parse(t.modified_on));
    const { automatic_return_routing: _arr, ...read } = updated;
    expect((await call(emulator, "GET", `${GRE_PATH}/${t.id}`)).body.result.gre_tunnel).toEqual(asStored(read));
  });

  test("bgp in a PUT body is refused, not silently ignored", async () => {
    const t = await createGre(emulator);
    const res = await call(emulator, "PUT", `${GRE_PATH}/${t.id}`, { body: greBody({ bgp: { customer_asn: 65001 } }) });
    expect(res.status).toBe(400);
    expect(errorsOf(res)).toEqual([{ code: 1006, pointer: "/bgp" }]);
    expect(res.body.success).toBe(false);
    expect(res.body.result).toBeNull();
  });

  test("PUT validates like create", async () => {
    const t = await createGre(emulator);
    const res = await call(emulator, "PUT", `${GRE_PATH}/${t.id}`, { body: { name: "GRE_1", mtu: 100 } });
    expect(res.status).toBe(400);
    expect(errorsOf(res)).toEqual([
      { code: 1002, pointer: "/cloudflare_gre_endpoint" },
      { code: 1002, pointer: "/customer_gre_endpoint" },
      { code: 1002, pointer: "/interface_address" },
      { code: 1005, pointer: "/mtu" },
    ]);
  });
});

describe("health check target and x-magic-new-hc-target", () => {
  test("with the header, target is {saved} in and {effective, saved} out", async () => {
    const res = await call(emulator, "POST", GRE_PATH, {
      headers: NEW_HC,
      body: greBody({ health_check: { type: "request", target: { saved: "192.0.2.9" } } }),
    });
    expect(res.status).toBe(200);
    expect(res.body.result.health_check.target).toEqual({ effective: "192.0.2.9", saved: "192.0.2.9" });

    const plain = await call(emulator, "GET", `${GRE_PATH}/${res.body.result.id}`);
    expect(plain.body.result.gre_tunnel.health_check.target).toBe("192.0.2.9");
  });

  test("an empty saved target is effectively the customer endpoint", async () => {
    const t = await createGre(emulator);
    const res = await call(emulator, "GET", `${GRE_PATH}/${t.id}`, { headers: NEW_HC });
    expect(res.body.result.gre_tunnel.health_check.target).toEqual({ effective: "198.51.100.7", saved: "" });
    const list = await call(emulator, "GET", GRE_PATH, { headers: NEW_HC });
    expect(list.body.result.gre_tunnels[0].health_check.target).toEqual({ effective: "198.51.100.7", saved: "" });
  });

  test("without the header, a string target is saved and returned as a string", async () => {
    const t = await createGre(emulator, { health_check: { target: "192.0.2.7" } });
    expect(t.health_check.target).toBe("192.0.2.7");
    const res = await call(emulator, "GET", `${GRE_PATH}/${t.id}`, { headers: NEW_HC });
    expect(res.body.result.gre_tunnel.health_check.target).toEqual({ effective: "192.0.2.7", saved: "192.0.2.7" });
  });

  test("the effective target follows a changed customer endpoint when none is saved", async () => {
    const t = await createGre(emulator);
    const res = await call(emulator, "PUT", `${GRE_PATH}/${t.id}`, {
      headers: NEW_HC,
      body: greBody({ customer_gre_endpoint: "198.51.100.99", health_check: { target: { saved: "" } } }),
    });
    expect(res.body.result.modified_gre_tunnel.health_check.target).toEqual({ effective: "198.51.100.99", saved: "" });
  });

  test("the header applies to update and delete answers too", async () => {
    const t = await createGre(emulator);
    const del = await call(emulator, "DELETE", `${GRE_PATH}/${t.id}`, { headers: NEW_HC });
    expect(del.body.result.deleted_gre_tunnel.health_check.target).toEqual({ effective: "198.51.100.7", saved: "" });
  });

  test("a string target with the header, or an object without it, is a 400", async () => {
    const withHeader = await call(emulator, "POST", GRE_PATH, {
      headers: NEW_HC,
      body: greBody({ health_check: { target: "192.0.2.9" } }),
    });
    expect(withHeader.status).toBe(400);
    expect(errorsOf(withHeader)).toEqual([{ code: 1005, pointer: "/health_check/target" }]);

    const withoutHeader = await call(emulator, "POST", GRE_PATH, {
      body: greBody({ health_check: { target: { saved: "192.0.2.9" } } }),
    });
    expect(withoutHeader.status).toBe(400);
    expect(errorsOf(withoutHeader)).toEqual([{ code: 1005, pointer: "/health_check/target" }]);

    const falseHeader = await call(emulator, "POST", GRE_PATH, {
      headers: { "x-magic-new-hc-target": "false" },
      body: greBody({ health_check: { target: "192.0.2.9" } }),
    });
    expect(falseHeader.status).toBe(200);
  });
});

describe("names are unique per account", () => {
  test("a second tunnel with the same name is refused", async () => {
    await createGre(emulator, { name: "EDGE" });
    const res = await call(emulator, "POST", GRE_PATH, {
      body: greBody({ name: "EDGE", interface_address: freeInterfaceAddress(emulator) }),
    });
    expect(res.status).toBe(400);
    expect(errorsOf(res)).toEqual([{ code: 1003, pointer: "/name" }]);
    expect(res.body.errors[0].message).toContain("EDGE");
    expect(emulator.store.list(ACCOUNT, "gre_tunnels")).toHaveLength(1);
  });

  test("the same name in another account is fine", async () => {
    await createGre(emulator, { name: "EDGE" });
    const res = await call(emulator, "POST", `/accounts/${OTHER_ACCOUNT}/magic/gre_tunnels`, { body: greBody({ name: "EDGE" }) });
    expect(res.status).toBe(200);
  });

  test("renaming onto another tunnel's name is refused; keeping one's own name is fine", async () => {
    await createGre(emulator, { name: "A" });
    const b = await createGre(emulator, { name: "B" });
    const clash = await call(emulator, "PUT", `${GRE_PATH}/${b.id}`, { body: bodyOf(b, { name: "A" }) });
    expect(clash.status).toBe(400);
    expect(errorsOf(clash)).toEqual([{ code: 1003, pointer: "/name" }]);
    const same = await call(emulator, "PUT", `${GRE_PATH}/${b.id}`, { body: bodyOf(b, { name: "B", mtu: 1400 }) });
    expect(same.status).toBe(200);
  });
});

describe("unknown ids", () => {
  const missing = "00000000000000000000000000000000";

  test.each(["GET", "PUT", "DELETE"])("%s on an unknown id is 404 / 1029, the live API's code", async (method) => {
    const res = await call(emulator, method, `${GRE_PATH}/${missing}`, method === "PUT" ? { body: greBody() } : {});
    expect(res.status).toBe(404);
    expect(res.body).toEqual({
      success: false,
      errors: [{ code: 1029, message: "GRE tunnel not found" }],
      messages: [],
      result: null,
    });
  });

  test("a tunnel of another account is not found", async () => {
    const t = await createGre(emulator);
    const res = await call(emulator, "GET", `/accounts/${OTHER_ACCOUNT}/magic/gre_tunnels/${t.id}`);
    expect(res.status).toBe(404);
  });
});

describe("validate_only", () => {
  test("POST validates and answers without persisting", async () => {
    const res = await call(emulator, "POST", `${GRE_PATH}?validate_only=true`, { body: greBody() });
    expect(res.status).toBe(200);
    expect(res.body.result).toMatchObject({ name: "GRE_1", mtu: 1476 });
    expect(emulator.store.countAll()).toBe(0);

    const invalid = await call(emulator, "POST", `${GRE_PATH}?validate_only=true`, { body: greBody({ mtu: 1 }) });
    expect(invalid.status).toBe(400);
  });

  test("PUT answers the would-be tunnel and changes nothing", async () => {
    const t = await createGre(emulator);
    const res = await call(emulator, "PUT", `${GRE_PATH}/${t.id}?validate_only=true`, { body: greBody({ name: "OTHER" }) });
    expect(res.body.result.modified_gre_tunnel.name).toBe("OTHER");
    expect(emulator.store.get(ACCOUNT, "gre_tunnels", t.id)).toMatchObject({ name: "GRE_1" });
  });

  test("DELETE answers the tunnel and keeps it", async () => {
    const t = await createGre(emulator);
    const res = await call(emulator, "DELETE", `${GRE_PATH}/${t.id}?validate_only=true`);
    expect(res.body.result).toEqual({ deleted: true, deleted_gre_tunnel: asStored(t) });
    expect(emulator.store.get(ACCOUNT, "gre_tunnels", t.id)).toBeDefined();
  });

  test("bulk PUT changes nothing", async () => {
    const t = await createGre(emulator);
    const res = await call(emulator, "PUT", `${GRE_PATH}?validate_only=true`, {
      body: { gre_tunnels: [{ id: t.id, ...greBody({ mtu: 1300 }) }] },
    });
    expect(res.body.result.modified_gre_tunnels[0].mtu).toBe(1300);
    expect(emulator.store.get(ACCOUNT, "gre_tunnels", t.id)).toMatchObject({ mtu: 1476 });
  });
});

describe("bulk PUT", () => {
  test("updates several tunnels from {gre_tunnels: [...]}", async () => {
    const a = await createGre(emulator, { name: "A" });
    const b = await createGre(emulator, { name: "B" });
    const res = await call(emulator, "PUT", GRE_PATH, {
      body: {
        gre_tunnels: [
          { id: a.id, ...bodyOf(a, { name: "A", mtu: 1300 }) },
          { id: b.id, ...bodyOf(b, { name: "B", ttl: 10 }) },
        ],
      },
    });
    expect(res.status).toBe(200);
    expect(res.body.result.modified).toBe(true);
    expect(res.body.result.modified_gre_tunnels.map((t: { id: string; mtu: number; ttl: number }) => [t.id, t.mtu, t.ttl])).toEqual([
      [a.id, 1300, 64],
      [b.id, 1476, 10],
    ]);
    expect(emulator.store.get(ACCOUNT, "gre_tunnels", a.id)).toMatchObject({ mtu: 1300 });
  });

  test("accepts a bare array", async () => {
    const a = await createGre(emulator);
    const res = await call(emulator, "PUT", GRE_PATH, { body: [{ id: a.id, ...greBody({ description: "bulk" }) }] });
    expect(res.status).toBe(200);
    expect(res.body.result.modified_gre_tunnels[0].description).toBe("bulk");
  });

  test("tunnels may swap names within one request", async () => {
    const a = await createGre(emulator, { name: "A" });
    const b = await createGre(emulator, { name: "B" });
    const res = await call(emulator, "PUT", GRE_PATH, {
      body: {
        gre_tunnels: [
          { id: a.id, ...bodyOf(a, { name: "B" }) },
          { id: b.id, ...bodyOf(b, { name: "A" }) },
        ],
      },
    });
    expect(res.status).toBe(200);
  });

  test("any error changes nothing, and points at the item", async () => {
    const a = await createGre(emulator, { name: "A" });
    const b = await createGre(emulator, { name: "B" });

    const invalid = await call(emulator, "PUT", GRE_PATH, {
      body: {
        gre_tunnels: [
          { id: a.id, ...bodyOf(a, { name: "A", mtu: 1300 }) },
          { id: b.id, ...bodyOf(b, { name: "B", mtu: 5 }) },
        ],
      },
    });
    expect(invalid.status).toBe(400);
    expect(errorsOf(invalid)).toEqual([{ code: 1005, pointer: "/gre_tunnels/1/mtu" }]);

    const unknown = await call(emulator, "PUT", GRE_PATH, {
      body: {
        gre_tunnels: [
          { id: a.id, ...bodyOf(a, { name: "A", mtu: 1300 }) },
          { id: "f".repeat(32), ...greBody({ name: "C" }) },
        ],
      },
    });
    expect(unknown.status).toBe(404);
    expect(errorsOf(unknown)).toEqual([{ code: 1029, pointer: "/gre_tunnels/1/id" }]);

    const clash = await call(emulator, "PUT", GRE_PATH, { body: [{ id: a.id, ...bodyOf(a, { name: "B", mtu: 1300 }) }] });
    expect(clash.status).toBe(400);
    expect(errorsOf(clash)).toEqual([{ code: 1003, pointer: "/0/name" }]);

    const noId = await call(emulator, "PUT", GRE_PATH, { body: { gre_tunnels: [greBody()] } });
    expect(errorsOf(noId)).toEqual([{ code: 1002, pointer: "/gre_tunnels/0/id" }]);

    const twice = await call(emulator, "PUT", GRE_PATH, {
      body: [
        { id: a.id, ...bodyOf(a, { name: "A" }) },
        { id: a.id, ...bodyOf(a, { name: "A" }) },
      ],
    });
    expect(errorsOf(twice)).toEqual([{ code: 1005, pointer: "/1/id" }]);

    const bgp = await call(emulator, "PUT", GRE_PATH, { body: [{ id: a.id, ...bodyOf(a, { name: "A", bgp: { customer_asn: 1 } }) }] });
    expect(errorsOf(bgp)).toEqual([{ code: 1006, pointer: "/0/bgp" }]);

    expect(emulator.store.get(ACCOUNT, "gre_tunnels", a.id)).toMatchObject({ mtu: 1476, name: "A" });
  });

  test("a body that is neither shape is a 400", async () => {
    const noList = await call(emulator, "PUT", GRE_PATH, { body: {} });
    expect(noList.status).toBe(400);
    expect(errorsOf(noList)).toEqual([{ code: 1005, pointer: "/gre_tunnels" }]);
    const scalar = await call(emulator, "PUT", GRE_PATH, { body: "42" });
    expect(errorsOf(scalar)).toEqual([{ code: 1022, pointer: undefined }]);
  });
});

describe("changes behind the client's back", () => {
  test("store patch, remove and insert show through the API", async () => {
    const t = await createGre(emulator);
    emulator.store.patch(ACCOUNT, "gre_tunnels", t.id, { mtu: 1280, description: "drifted" });
    expect((await call(emulator, "GET", `${GRE_PATH}/${t.id}`)).body.result.gre_tunnel).toMatchObject({
      mtu: 1280,
      description: "drifted",
    });

    emulator.store.patch(ACCOUNT, "gre_tunnels", t.id, { description: undefined });
    expect((await call(emulator, "GET", `${GRE_PATH}/${t.id}`)).body.result.gre_tunnel).not.toHaveProperty("description");

    emulator.store.remove(ACCOUNT, "gre_tunnels", t.id);
    expect((await call(emulator, "GET", `${GRE_PATH}/${t.id}`)).status).toBe(404);

    const inserted = emulator.store.insert(ACCOUNT, "gre_tunnels", { ...t, id: undefined, name: "MANUAL" });
    expect(inserted.id).toMatch(/^[0-9a-f]{32}$/);
    const list = await call(emulator, "GET", GRE_PATH);
    expect(list.body.result.gre_tunnels.map((x: { name: string }) => x.name)).toEqual(["MANUAL"]);
    expect(emulator.store.countAll()).toBe(1);
    expect(emulator.store.dump().accounts[ACCOUNT].gre_tunnels).toHaveLength(1);
  });

  test("store reads are copies", async () => {
    const t = await createGre(emulator);
    const copy = emulator.store.get(ACCOUNT, "gre_tunnels", t.id)!;
    copy.name = "CHANGED";
    expect(emulator.store.get(ACCOUNT, "gre_tunnels", t.id)).toMatchObject({ name: "GRE_1" });
  });
});
