import type { Emulator } from "../../emulator";
import { ACCOUNT, OTHER_ACCOUNT, asStored, call, errorsOf, freeInterfaceAddress, start } from "./helpers";

const PATH = `/accounts/${ACCOUNT}/magic/ipsec_tunnels`;
const NEW_HC = { "x-magic-new-hc-target": "true" };
const FQDN = "nyc.023e105f4ecef8ad9ca31a8372d0c353.custom.ipsec.cloudflare.com";

const body = (overrides: Record<string, unknown> = {}) => ({
  name: "IPsec_1",
  cloudflare_endpoint: "203.0.113.1",
  interface_address: "10.213.0.8/31",
  ...overrides,
});

/** Creates a tunnel on the first free interface address (10.213.0.8/31 in an empty account) unless one is given. */
async function create(overrides: Record<string, unknown> = {}): Promise<any> {
  const res = await call(emulator, "POST", PATH, {
    body: body({ interface_address: freeInterfaceAddress(emulator, "10.213"), ...overrides }),
  });
  if (res.status !== 200) throw new Error(`create failed: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.result;
}

let emulator: Emulator;
beforeEach(async () => {
  emulator = await start();
});
afterEach(async () => {
  await emulator.close();
});

describe("envelope and per-verb result wrappers", () => {
  test("create answers the tunnel itself; list wraps in ipsec_tunnels, get in ipsec_tunnel", async () => {
    const res = await call(emulator, "POST", PATH, { body: body() });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ success: true, errors: [], messages: [] });
    const t = res.body.result;
    expect(t.id).toMatch(/^[0-9a-f]{32}$/);
    // Read answers leave out a false automatic_return_routing and replay_protection, as the live API does.
    const { automatic_return_routing: _arr, replay_protection: _rp, ...read } = t;
    expect(t).toMatchObject({ automatic_return_routing: false, replay_protection: false });
    expect((await call(emulator, "GET", PATH)).body.result).toEqual({ ipsec_tunnels: [asStored(read)] });
    expect((await call(emulator, "GET", `${PATH}/${t.id}`)).body.result).toEqual({ ipsec_tunnel: asStored(read) });
    expect((await call(emulator, "GET", `/accounts/${OTHER_ACCOUNT}/magic/ipsec_tunnels`)).body.result).toEqual({ ipsec_tunnels: [] });
  });

  test("read answers show automatic_return_routing and replay_protection when true", async () => {
    const t = await create({ automatic_return_routing: true, replay_protection: true });
    const got = (await call(emulator, "GET", `${PATH}/${t.id}`)).body.result.ipsec_tunnel;
    expect(got).toMatchObject({ automatic_return_routing: true, replay_protection: true });
  });

  test("update wraps in {modified, modified_ipsec_tunnel}; delete in {deleted, deleted_ipsec_tunnel}", async () => {
    const t = await create();
    const put = await call(emulator, "PUT", `${PATH}/${t.id}`, { body: body({ description: "Tunnel for ISP X" }) });
    expect(put.body.result.modified).toBe(true);
    expect(put.body.result.modified_ipsec_tunnel).toMatchObject({ id: t.id, description: "Tunnel for ISP X" });
    const del = await call(emulator, "DELETE", `${PATH}/${t.id}`);
    expect(del.body.result).toEqual({ deleted: true, deleted_ipsec_tunnel: put.body.result.modified_ipsec_tunnel });
    expect(emulator.store.countAll()).toBe(0);
  });
});

describe("server-side defaults", () => {
  test("omitted fields get their defaults; unset optional fields are absent", async () => {
    const t = await create({ customer_endpoint: "198.51.100.7" });
    expect(t).toMatchObject({
      name: "IPsec_1",
      allow_null_cipher: false,
      automatic_return_routing: false,
      replay_protection: false,
      health_check: { enabled: true, rate: "mid", type: "reply", direction: "unidirectional", target: "198.51.100.7" },
    });
    for (const f of ["description", "bgp", "bgp_status", "interface_address6", "custom_remote_identities", "psk", "psk_metadata"]) {
      expect(t).not.toHaveProperty(f);
    }
    expect(t.modified_on).toBe(t.created_on);
  });

  test("without a customer endpoint the default health check target is empty", async () => {
    const t = await create();
    const res = await call(emulator, "GET", `${PATH}/${t.id}`, { headers: NEW_HC });
    expect(res.body.result.ipsec_tunnel.health_check.target).toEqual({ effective: "", saved: "" });
  });

  test("bgp adds a bgp_status, kept across updates", async () => {
    const t = await create({ bgp: { customer_asn: 65010, colour: "blue" } });
    expect(t.bgp).toEqual({ customer_asn: 65010 });
    expect(t.bgp_status).toEqual({ state: "BGP_DOWN", tcp_established: false, updated_at: t.created_on });
    const put = await call(emulator, "PUT", `${PATH}/${t.id}`, { body: body({ bgp: { customer_asn: 65011 } }) });
    expect(put.body.result.modified_ipsec_tunnel).toMatchObject({ bgp: { customer_asn: 65011 }, bgp_status: asStored(t.bgp_status) });
    const cleared = await call(emulator, "PUT", `${PATH}/${t.id}`, { body: body() });
    expect(cleared.body.result.modified_ipsec_tunnel).not.toHaveProperty("bgp_status");
  });
});

describe("the PSK is never returned", () => {
  test("a given PSK is stored, answered nowhere, and dated in psk_metadata", async () => {
    const t = await create({ psk: "O3bwKSjnaoCxDoUxjcq4Rk8ZKkezQUiy" });
    expect(t).not.toHaveProperty("psk");
    expect(t.psk_metadata).toEqual({ last_generated_on: t.created_on });
    expect(emulator.store.get(ACCOUNT, "ipsec_tunnels", t.id)!.psk).toBe("O3bwKSjnaoCxDoUxjcq4Rk8ZKkezQUiy");
    const texts = [
      await call(emulator, "GET", PATH),
      await call(emulator, "GET", `${PATH}/${t.id}`),
      await call(emulator, "PUT", `${PATH}/${t.id}`, { body: body() }),
    ];
    for (const r of texts) expect(JSON.stringify(r.body)).not.toContain("O3bwKSjnaoCxDoUxjcq4Rk8ZKkezQUiy");
  });

  test("a PUT without psk keeps the current one; a PUT with psk sets it", async () => {
    const t = await create({ psk: "first-psk" });
    await call(emulator, "PUT", `${PATH}/${t.id}`, { body: body({ description: "d" }) });
    expect(emulator.store.get(ACCOUNT, "ipsec_tunnels", t.id)).toMatchObject({ psk: "first-psk", psk_metadata: t.psk_metadata });
    await new Promise((r) => setTimeout(r, 5));
    const put = await call(emulator, "PUT", `${PATH}/${t.id}`, { body: body({ psk: "second-psk" }) });
    expect(emulator.store.get(ACCOUNT, "ipsec_tunnels", t.id)!.psk).toBe("second-psk");
    expect(put.body.result.modified_ipsec_tunnel.psk_metadata.last_generated_on).not.toBe(t.psk_metadata.last_generated_on);
  });

  test("psk_generate answers a fresh random PSK once and records its date", async () => {
    const t = await create();
    const a = await call(emulator, "POST", `${PATH}/${t.id}/psk_generate`, { body: {} });
    expect(a.status).toBe(200);
    expect(a.body.result).toEqual({
      ipsec_tunnel_id: t.id,
      psk: expect.stringMatching(/^[A-Za-z0-9]{32}$/),
      psk_metadata: { last_generated_on: expect.any(String) },
    });
    const b = await call(emulator, "POST", `${PATH}/${t.id}/psk_generate`);
    expect(b.body.result.psk).not.toBe(a.body.result.psk);
    expect(emulator.store.get(ACCOUNT, "ipsec_tunnels", t.id)!.psk).toBe(b.body.result.psk);
    const got = (await call(emulator, "GET", `${PATH}/${t.id}`)).body.result.ipsec_tunnel;
    expect(got).not.toHaveProperty("psk");
    // psk_generate answers its own clock in nanoseconds; the tunnel keeps microseconds, as the live API shows.
    expect(b.body.result.psk_metadata.last_generated_on).toMatch(/\.\d{9}Z$/);
    expect(got.psk_metadata).toEqual(asStored(b.body.result.psk_metadata));
  });

  test("psk_generate on an unknown tunnel is 404; with validate_only it changes nothing", async () => {
    const missing = await call(emulator, "POST", `${PATH}/${"0".repeat(32)}/psk_generate`);
    expect(missing.status).toBe(404);
    expect(errorsOf(missing)).toEqual([{ code: 1032, pointer: undefined }]);
    const t = await create({ psk: "kept" });
    const dry = await call(emulator, "POST", `${PATH}/${t.id}/psk_generate?validate_only=true`);
    expect(dry.body.result.psk).toEqual(expect.any(String));
    expect(emulator.store.get(ACCOUNT, "ipsec_tunnels", t.id)!.psk).toBe("kept");
  });
});

describe("rules", () => {
  test.each([
    [{ name: undefined }, 1002, "/name"],
    [{ cloudflare_endpoint: undefined }, 1002, "/cloudflare_endpoint"],
    [{ interface_address: undefined }, 1002, "/interface_address"],
    [{ name: "" }, 1005, "/name"],
    [{ cloudflare_endpoint: "203.0.113" }, 1005, "/cloudflare_endpoint"],
    [{ customer_endpoint: "router.example" }, 1005, "/customer_endpoint"],
    [{ interface_address: "10.213.0.8/30" }, 1005, "/interface_address"],
    [{ interface_address: "198.51.100.0/31" }, 1005, "/interface_address"],
    [{ interface_address6: "2606:54c1:7:0:a9fe:12d2:1:201/127" }, 1005, "/interface_address6"],
    [{ interface_address6: "2606:54c1:7::/64" }, 1005, "/interface_address6"],
    // Wrong JSON types fail the live API's decoder: 1022, no pointer.
    [{ replay_protection: "yes" }, 1022, undefined],
    [{ automatic_return_routing: 1 }, 1022, undefined],
    [{ description: 7 }, 1022, undefined],
    [{ psk: "" }, 1005, "/psk"],
    [{ custom_remote_identities: { fqdn_id: "x.custom.ipsec.cloudflare.com" } }, 1005, "/custom_remote_identities/fqdn_id"],
    [{ health_check: { rate: "often" } }, 1005, "/health_check/rate"],
    [{ health_check: { type: "ping" } }, 1005, "/health_check/type"],
    [{ health_check: { direction: "both" } }, 1005, "/health_check/direction"],
    [{ health_check: { target: "gw.example" } }, 1005, "/health_check/target"],
    [{ bgp: { md5_key: "k" } }, 1002, "/bgp/customer_asn"],
    [{ bgp: { customer_asn: 0 } }, 1005, "/bgp/customer_asn"],
    [{ bgp: { customer_asn: 65000, md5_key: "a?b" } }, 1005, "/bgp/md5_key"],
    [{ bgp: { customer_asn: 65000, extra_prefixes: ["x"] } }, 1005, "/bgp/extra_prefixes/0"],
  ])("%j is refused with %i at %s, on create and PUT", async (override, code, pointer) => {
    const bad = await call(emulator, "POST", PATH, { body: body(override) });
    expect(bad.status).toBe(400);
    expect(errorsOf(bad)).toEqual([{ code, pointer }]);
    const t = await create({ name: "other" });
    const put = await call(emulator, "PUT", `${PATH}/${t.id}`, { body: body({ name: "other", ...override }) });
    expect(errorsOf(put)).toEqual([{ code, pointer }]);
  });

  test("names are unique per account (1003 at /name), on create and PUT", async () => {
    await create();
    const b = await create({ name: "IPsec_2", interface_address: "10.213.0.10/31" });
    const dup = await call(emulator, "POST", PATH, { body: body({ interface_address: "10.213.0.12/31" }) });
    expect(dup.status).toBe(400);
    expect(errorsOf(dup)).toEqual([{ code: 1003, pointer: "/name" }]);
    expect(dup.body.errors[0].message).toContain('"IPsec_1"');
    const clash = await call(emulator, "PUT", `${PATH}/${b.id}`, { body: body({ interface_address: b.interface_address }) });
    expect(errorsOf(clash)).toEqual([{ code: 1003, pointer: "/name" }]);
    expect((await call(emulator, "POST", `/accounts/${OTHER_ACCOUNT}/magic/ipsec_tunnels`, { body: body() })).status).toBe(200);
  });

  test("a custom fqdn_id may be shared, but not on the same cloudflare_endpoint", async () => {
    await create({ custom_remote_identities: { fqdn_id: FQDN } });
    const other = await call(emulator, "POST", PATH, {
      body: body({
        name: "B",
        cloudflare_endpoint: "203.0.113.2",
        interface_address: "10.213.0.10/31",
        custom_remote_identities: { fqdn_id: FQDN },
      }),
    });
    expect(other.status).toBe(200);
    expect(other.body.result.custom_remote_identities).toEqual({ fqdn_id: FQDN });
    const same = await call(emulator, "POST", PATH, {
      body: body({ name: "C", interface_address: "10.213.0.12/31", custom_remote_identities: { fqdn_id: FQDN } }),
    });
    expect(errorsOf(same)).toEqual([{ code: 1003, pointer: "/custom_remote_identities/fqdn_id" }]);
  });

  test("a body that is not an object is 1022, the live API's decoder error", async () => {
    expect(errorsOf(await call(emulator, "POST", PATH, { body: [] }))).toEqual([{ code: 1022, pointer: undefined }]);
  });
});

describe("health check target and x-magic-new-hc-target", () => {
  test("with the header, target is {saved} in and {effective, saved} out; without it, a string", async () => {
    const res = await call(emulator, "POST", PATH, {
      headers: NEW_HC,
      body: body({ health_check: { type: "request", target: { saved: "192.0.2.9" } } }),
    });
    expect(res.body.result.health_check.target).toEqual({ effective: "192.0.2.9", saved: "192.0.2.9" });
    expect((await call(emulator, "GET", `${PATH}/${res.body.result.id}`)).body.result.ipsec_tunnel.health_check.target).toBe("192.0.2.9");
    const wrongForm = await call(emulator, "POST", PATH, {
      headers: NEW_HC,
      body: body({ name: "B", health_check: { target: "192.0.2.9" } }),
    });
    expect(errorsOf(wrongForm)).toEqual([{ code: 1005, pointer: "/health_check/target" }]);
  });
});

describe("unknown ids", () => {
  test.each(["GET", "PUT", "DELETE"])("%s on an unknown id is 404 / 1032, the live API's code", async (method) => {
    const res = await call(emulator, method, `${PATH}/${"0".repeat(32)}`, method === "PUT" ? { body: body() } : {});
    expect(res.status).toBe(404);
    expect(res.body).toEqual({ success: false, errors: [{ code: 1032, message: "IPsec tunnel not found" }], messages: [], result: null });
  });
});

describe("validate_only", () => {
  test("POST, PUT and DELETE answer as usual and change nothing", async () => {
    const dry = await call(emulator, "POST", `${PATH}?validate_only=true`, { body: body() });
    expect(dry.body.result).toMatchObject({ name: "IPsec_1" });
    expect(emulator.store.countAll()).toBe(0);
    const t = await create();
    const taken = await call(emulator, "POST", `${PATH}?validate_only=true`, { body: body({ interface_address: "10.213.0.10/31" }) });
    expect(errorsOf(taken)).toEqual([{ code: 1003, pointer: "/name" }]);
    const put = await call(emulator, "PUT", `${PATH}/${t.id}?validate_only=true`, { body: body({ name: "OTHER" }) });
    expect(put.body.result.modified_ipsec_tunnel.name).toBe("OTHER");
    await call(emulator, "DELETE", `${PATH}/${t.id}?validate_only=true`);
    const bulk = await call(emulator, "PUT", `${PATH}?validate_only=true`, { body: [{ id: t.id, ...body({ description: "bulk" }) }] });
    expect(bulk.body.result.modified_ipsec_tunnels[0].description).toBe("bulk");
    expect(emulator.store.list(ACCOUNT, "ipsec_tunnels")).toMatchObject([{ id: t.id, name: "IPsec_1" }]);
  });
});

describe("bulk PUT", () => {
  test("updates several tunnels from {ipsec_tunnels: [...]} or a bare array, keeping PSKs", async () => {
    const a = await create({ name: "A", psk: "psk-a" });
    const b = await create({ name: "B" });
    const res = await call(emulator, "PUT", PATH, {
      body: {
        ipsec_tunnels: [
          { id: a.id, ...body({ name: "A", interface_address: a.interface_address, description: "a" }) },
          { id: b.id, ...body({ name: "B", interface_address: b.interface_address, replay_protection: true }) },
        ],
      },
    });
    expect(res.status).toBe(200);
    expect(res.body.result.modified).toBe(true);
    expect(res.body.result.modified_ipsec_tunnels.map((t: any) => [t.id, t.description, t.replay_protection])).toEqual([
      [a.id, "a", false],
      [b.id, undefined, true],
    ]);
    expect(emulator.store.get(ACCOUNT, "ipsec_tunnels", a.id)!.psk).toBe("psk-a");
    const bare = await call(emulator, "PUT", PATH, { body: [{ id: a.id, ...body({ name: "A", description: "bare" }) }] });
    expect(bare.body.result.modified_ipsec_tunnels[0].description).toBe("bare");
  });

  test("any error changes nothing and points at the item", async () => {
    const a = await create({ name: "A" });
    const b = await create({ name: "B" });
    const clash = await call(emulator, "PUT", PATH, {
      body: {
        ipsec_tunnels: [
          { id: a.id, ...body({ name: "A", interface_address: a.interface_address, description: "x" }) },
          { id: b.id, ...body({ name: "A", interface_address: b.interface_address }) },
        ],
      },
    });
    expect(errorsOf(clash)).toEqual([
      { code: 1003, pointer: "/ipsec_tunnels/0/name" },
      { code: 1003, pointer: "/ipsec_tunnels/1/name" },
    ]);
    const unknown = await call(emulator, "PUT", PATH, { body: [{ id: "f".repeat(32), ...body() }] });
    expect(unknown.status).toBe(404);
    expect(errorsOf(unknown)).toEqual([{ code: 1032, pointer: "/0/id" }]);
    const invalid = await call(emulator, "PUT", PATH, { body: [{ id: a.id, ...body({ name: "A", psk: "" }) }] });
    expect(errorsOf(invalid)).toEqual([{ code: 1005, pointer: "/0/psk" }]);
    expect(errorsOf(await call(emulator, "PUT", PATH, { body: {} }))).toEqual([{ code: 1005, pointer: "/ipsec_tunnels" }]);
    expect(emulator.store.get(ACCOUNT, "ipsec_tunnels", a.id)).not.toHaveProperty("description");
  });
});
