/**
 * The emulator's live behaviours (emulator/README.md, "Live behaviours"): what public evidence shows
 * the live API doing beyond its reference, on by default, and the `account` switch.
 */
import type { Emulator } from "../../emulator";
import { customerSide } from "../../emulator/resources/interfaces";
import { storedTime } from "../../emulator/timestamps";
import { ACCOUNT, GRE_PATH, call, createGre, errorsOf, greBody, start } from "./helpers";

const IPSEC_PATH = `/accounts/${ACCOUNT}/magic/ipsec_tunnels`;
const ROUTES = `/accounts/${ACCOUNT}/magic/routes`;
const SITES = `/accounts/${ACCOUNT}/magic/sites`;
const APPS = `/accounts/${ACCOUNT}/magic/apps`;
const CONNECTORS = `/accounts/${ACCOUNT}/magic/connectors`;
const NEW_HC = { "x-magic-new-hc-target": "true" };

let emulator: Emulator;
beforeEach(async () => {
  emulator = await start();
});
afterEach(async () => {
  await emulator.close();
});

describe("the account switch", () => {
  test("not onboarded to Magic Transit: every tunnel and route call is 403 / 1012; sites still answer", async () => {
    const t = await createGre(emulator);
    emulator.configure({ account: { magicTransit: false } });
    for (const [method, path] of [
      ["GET", GRE_PATH],
      ["GET", `${GRE_PATH}/${t.id}`],
      ["POST", GRE_PATH],
      ["DELETE", `${GRE_PATH}/${t.id}`],
      ["GET", IPSEC_PATH],
      ["POST", ROUTES],
      ["PUT", ROUTES],
    ]) {
      const res = await call(emulator, method, path, method === "POST" || method === "PUT" ? { body: {} } : {});
      expect([method, path, res.status, res.body.errors]).toEqual([
        method,
        path,
        403,
        [{ code: 1012, message: "Magic Transit is not onboarded for this account" }],
      ]);
    }
    expect((await call(emulator, "GET", SITES)).status).toBe(200);
    expect(emulator.store.get(ACCOUNT, "gre_tunnels", t.id)).toBeDefined();
    emulator.configure({ account: null });
    expect((await call(emulator, "GET", GRE_PATH)).status).toBe(200);
  });

  test("not entitled to Magic WAN: every site and app call is 403 / 1025; tunnels and connectors still answer", async () => {
    const e = await start({ account: { magicWan: false } });
    try {
      for (const path of [SITES, `${SITES}/${"a".repeat(32)}/wans`, `${SITES}/${"a".repeat(32)}/lans`, APPS]) {
        const res = await call(e, "GET", path);
        expect([path, res.status, errorsOf(res)]).toEqual([path, 403, [{ code: 1025, pointer: undefined }]]);
      }
      expect((await call(e, "POST", SITES, { body: { name: "x" } })).status).toBe(403);
      expect((await call(e, "GET", GRE_PATH)).status).toBe(200);
      // Nothing public shows connectors gated: they are not.
      expect((await call(e, "GET", CONNECTORS)).status).toBe(200);
    } finally {
      await e.close();
    }
  });

  test("a refusal comes after authentication: no credentials is still 401", async () => {
    emulator.configure({ account: { magicTransit: false } });
    expect((await call(emulator, "GET", GRE_PATH, { auth: {} })).status).toBe(401);
  });
});

describe("health check direction and effective target", () => {
  test("on a Magic WAN account a tunnel's health check is bidirectional by default, targeting the customer side", async () => {
    emulator.configure({ account: { onboardedAs: "magic-wan" } });
    const gre = await createGre(emulator, { interface_address: "10.212.0.8/31" });
    expect(gre.health_check).toMatchObject({ direction: "bidirectional", target: "10.212.0.9" });
    const put = await call(emulator, "PUT", `${GRE_PATH}/${gre.id}`, {
      headers: NEW_HC,
      body: greBody({ interface_address: "10.212.0.9/31" }),
    });
    expect(put.body.result.modified_gre_tunnel.health_check).toMatchObject({
      direction: "bidirectional",
      target: { effective: "10.212.0.8", saved: "" },
    });
    const ipsec = await call(emulator, "POST", IPSEC_PATH, {
      body: { name: "i1", cloudflare_endpoint: "203.0.113.1", customer_endpoint: "198.51.100.9", interface_address: "10.213.0.8/31" },
    });
    expect(ipsec.body.result.health_check).toMatchObject({ direction: "bidirectional", target: "10.213.0.9" });
  });

  test("on a Magic Transit account (the default) it is unidirectional, targeting the customer endpoint", async () => {
    const gre = await createGre(emulator);
    expect(gre.health_check).toMatchObject({ direction: "unidirectional", target: "198.51.100.7" });
  });

  test("a saved target wins over the default of either direction", async () => {
    const gre = await createGre(emulator, { health_check: { direction: "bidirectional", target: "192.0.2.7" } });
    expect(gre.health_check.target).toBe("192.0.2.7");
  });

  test("the customer side is the other host of a /31 and the other usable host of a /30", () => {
    expect(customerSide("10.212.0.8/31")).toBe("10.212.0.9");
    expect(customerSide("10.212.0.9/31")).toBe("10.212.0.8");
    expect(customerSide("169.254.244.2/30")).toBe("169.254.244.1");
    expect(customerSide("169.254.244.1/30")).toBe("169.254.244.2");
    expect(customerSide("10.212.0.8/29")).toBeUndefined();
    expect(customerSide(undefined)).toBeUndefined();
  });
});

describe("times", () => {
  test("a create answers nanoseconds; GET, list and PUT answers show the stored microseconds", async () => {
    const created = await createGre(emulator);
    expect(created.created_on).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{9}Z$/);
    const got = (await call(emulator, "GET", `${GRE_PATH}/${created.id}`)).body.result.gre_tunnel;
    expect(got.created_on).toBe(storedTime(created.created_on));
    expect(got.created_on).not.toBe(created.created_on);
    expect(got.created_on).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,6})?Z$/);
    const listed = (await call(emulator, "GET", GRE_PATH)).body.result.gre_tunnels[0];
    expect(listed.modified_on).toBe(got.modified_on);
    const put = await call(emulator, "PUT", `${GRE_PATH}/${created.id}`, {
      body: greBody({ interface_address: created.interface_address }),
    });
    expect(put.body.result.modified_gre_tunnel.modified_on).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,6})?Z$/);
  });

  test("stored times are rounded to microseconds and drop trailing zeros, as the live API shows them", () => {
    // The docs' psk_generate answer and the tunnel's later read of the same time.
    expect(storedTime("2025-03-13T14:28:47.054317925Z")).toBe("2025-03-13T14:28:47.054318Z");
    expect(storedTime("2026-12-06T20:57:37.123456289Z")).toBe("2026-12-06T20:57:37.123456Z");
    expect(storedTime("2026-12-06T20:57:37.120000099Z")).toBe("2026-12-06T20:57:37.12Z");
    expect(storedTime("2026-12-06T20:57:37.000000499Z")).toBe("2026-12-06T20:57:37Z");
    expect(storedTime("2026-12-31T23:59:59.999999500Z")).toBe("2027-01-01T00:00:00Z");
    // Times the emulator did not make (a test's fixture, a client's value) keep their spelling.
    expect(storedTime("2026-01-01T00:00:00.000Z")).toBe("2026-01-01T00:00:00.000Z");
  });
});

describe("tunnels may not share an interface address", () => {
  test("a GRE and an IPsec tunnel on the same /31 (either host) conflict; another /31 is fine", async () => {
    await createGre(emulator, { name: "A", interface_address: "10.212.0.8/31" });
    const ipsec = (interface_address: string, name = "i1") =>
      call(emulator, "POST", IPSEC_PATH, { body: { name, cloudflare_endpoint: "203.0.113.1", interface_address } });
    const clash = await ipsec("10.212.0.9/31");
    expect([clash.status, errorsOf(clash)]).toEqual([400, [{ code: 1003, pointer: "/interface_address" }]]);
    expect(clash.body.errors[0].message).toContain('GRE tunnel "A"');
    expect((await ipsec("10.212.0.10/31")).status).toBe(200);
    const gre = await call(emulator, "POST", GRE_PATH, { body: greBody({ name: "B", interface_address: "10.212.0.11/31" }) });
    expect(errorsOf(gre)).toEqual([{ code: 1003, pointer: "/interface_address" }]);
  });

  test("IPv6 interface addresses too, and two tunnels of one bulk PUT", async () => {
    const a = await createGre(emulator, { name: "A", interface_address6: "2606:54c1:7:0:a9fe:12d2:1:200/127" });
    const b = await createGre(emulator, { name: "B" });
    const six = await call(emulator, "POST", GRE_PATH, {
      body: greBody({ name: "C", interface_address: "10.212.1.0/31", interface_address6: "2606:54c1:7:0:a9fe:12d2:1:200/127" }),
    });
    expect(errorsOf(six)).toEqual([{ code: 1003, pointer: "/interface_address6" }]);
    const bulk = await call(emulator, "PUT", GRE_PATH, {
      body: [
        { id: a.id, ...greBody({ name: "A", interface_address: "10.212.2.0/31" }) },
        { id: b.id, ...greBody({ name: "B", interface_address: "10.212.2.1/31" }) },
      ],
    });
    expect(errorsOf(bulk)).toEqual([
      { code: 1003, pointer: "/0/interface_address" },
      { code: 1003, pointer: "/1/interface_address" },
    ]);
  });

  test("an interconnect's address is not counted (nothing public says it conflicts)", async () => {
    emulator.store.insert(ACCOUNT, "cf_interconnects", { name: "pni", interface_address: "10.212.0.8/31" });
    expect((await call(emulator, "POST", GRE_PATH, { body: greBody() })).status).toBe(200);
  });
});

describe("route nexthops", () => {
  test("an interconnect's and a CNI's point-to-point subnet hold nexthops too", async () => {
    emulator.store.insert(ACCOUNT, "cf_interconnects", { name: "pni", interface_address: "192.168.4.0/31" });
    emulator.store.insert(ACCOUNT, "cni_cnis", { p2p_ip: "100.64.0.2/31", cust_ip: "100.64.0.3/31" });
    for (const nexthop of ["192.168.4.1", "100.64.0.3"]) {
      const res = await call(emulator, "POST", ROUTES, { body: { nexthop, prefix: "192.0.2.0/24", priority: 100 } });
      expect([nexthop, res.status]).toEqual([nexthop, 200]);
    }
  });

  test("an IPv6 nexthop must lie inside some tunnel's /127", async () => {
    await createGre(emulator, { interface_address6: "2606:54c1:7:0:a9fe:12d2:1:200/127" });
    const inside = await call(emulator, "POST", ROUTES, {
      body: { nexthop: "2606:54c1:7:0:a9fe:12d2:1:201", prefix: "2001:db8::/48", priority: 1 },
    });
    expect(inside.status).toBe(200);
    const outside = await call(emulator, "POST", ROUTES, {
      body: { nexthop: "2606:54c1:7:0:a9fe:12d2:1:202", prefix: "2001:db8::/48", priority: 1 },
    });
    expect(errorsOf(outside)).toEqual([{ code: 1005, pointer: "/nexthop" }]);
  });
});
