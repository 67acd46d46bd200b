import type { Emulator } from "../../emulator";
import { ACCOUNT, call, errorsOf, start } from "./helpers";

/** Site ACLs in the emulator: sites and LANs are put in the store directly (their routes are not needed). */
let emulator: Emulator;
let site: string;
let lanA: string;
let lanB: string;
const acls = () => `/accounts/${ACCOUNT}/magic/sites/${site}/acls`;
const body = (overrides: Record<string, unknown> = {}) => ({
  name: "PIN Pad - Cash Register",
  lan_1: { lan_id: lanA },
  lan_2: { lan_id: lanB },
  ...overrides,
});
async function createAcl(overrides: Record<string, unknown> = {}): Promise<any> {
  const res = await call(emulator, "POST", acls(), { body: body(overrides) });
  if (res.status !== 200) throw new Error(`create failed: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.result;
}

beforeEach(async () => {
  emulator = await start();
  site = emulator.store.insert(ACCOUNT, "sites", { name: "nyc" }).id;
  lanA = emulator.store.insert(ACCOUNT, "site_lans", { site_id: site, name: "pos", physport: 1 }).id;
  lanB = emulator.store.insert(ACCOUNT, "site_lans", { site_id: site, physport: 2 }).id;
});
afterEach(async () => {
  await emulator.close();
});

describe("envelope, results and defaults", () => {
  test("create answers the ACL itself with defaults filled, lan_name from the LAN, and no site_id", async () => {
    const res = await call(emulator, "POST", acls(), {
      body: body({
        lan_2: { lan_id: lanB, lan_name: "registers", ports: [443], port_ranges: ["8080-9000"], subnets: ["192.0.2.1", "198.51.100.0/24"] },
      }),
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ success: true, errors: [], messages: [] });
    expect(res.body.result).toEqual({
      id: expect.stringMatching(/^[0-9a-f]{32}$/),
      name: "PIN Pad - Cash Register",
      lan_1: { lan_id: lanA, lan_name: "pos" },
      // The LAN has no name of its own: the name sent is kept.
      lan_2: { lan_id: lanB, lan_name: "registers", ports: [443], port_ranges: ["8080-9000"], subnets: ["192.0.2.1", "198.51.100.0/24"] },
      forward_locally: false,
      unidirectional: false,
    });
    expect(emulator.store.get(ACCOUNT, "site_acls", res.body.result.id)).toMatchObject({ site_id: site });
  });

  test("the LAN's own name wins over a different lan_name in the request", async () => {
    const acl = await createAcl({ lan_1: { lan_id: lanA, lan_name: "something else" } });
    expect(acl.lan_1.lan_name).toBe("pos");
  });

  test("list answers an array of this site's ACLs; get answers one", async () => {
    const other = emulator.store.insert(ACCOUNT, "sites", { name: "sfo" }).id;
    emulator.store.insert(ACCOUNT, "site_acls", { site_id: other, name: "elsewhere", lan_1: { lan_id: "x" }, lan_2: { lan_id: "y" } });
    expect((await call(emulator, "GET", acls())).body.result).toEqual([]);
    const a = await createAcl({ description: "d", protocols: ["tcp", "icmp"], forward_locally: true, unidirectional: true });
    const list = await call(emulator, "GET", acls());
    expect(list.body.result).toEqual([a]);
    expect((await call(emulator, "GET", `${acls()}/${a.id}`)).body.result).toEqual(a);
  });

  test("null counts as not set", async () => {
    const a = await createAcl({ description: null, forward_locally: null });
    expect(a).not.toHaveProperty("description");
    expect(a.forward_locally).toBe(false);
  });
});

describe("updates", () => {
  test("PUT replaces: left-out fields return to their defaults; name and LANs are kept when left out", async () => {
    const a = await createAcl({ description: "d", protocols: ["udp"], forward_locally: true, unidirectional: true });
    const res = await call(emulator, "PUT", `${acls()}/${a.id}`, { body: { lan_2: { lan_id: lanA, ports: [22] } } });
    expect(res.status).toBe(200);
    expect(res.body.result).toEqual({
      id: a.id,
      name: a.name,
      lan_1: a.lan_1,
      lan_2: { lan_id: lanA, lan_name: "pos", ports: [22] },
      forward_locally: false,
      unidirectional: false,
    });
  });

  test("PATCH changes only the fields it sends", async () => {
    const a = await createAcl({ description: "d", protocols: ["udp"], forward_locally: true });
    const res = await call(emulator, "PATCH", `${acls()}/${a.id}`, { body: { name: "renamed", unidirectional: true } });
    expect(res.body.result).toEqual({ ...a, name: "renamed", unidirectional: true });
  });

  test("PUT and PATCH validate like create", async () => {
    const a = await createAcl();
    for (const method of ["PUT", "PATCH"]) {
      const res = await call(emulator, method, `${acls()}/${a.id}`, { body: { lan_1: { ports: [0] }, protocols: ["gre"] } });
      expect(res.status).toBe(400);
      expect(errorsOf(res)).toEqual([
        { code: 1002, pointer: "/lan_1/lan_id" },
        { code: 1005, pointer: "/lan_1/ports/0" },
        { code: 1005, pointer: "/protocols/0" },
      ]);
    }
    expect((await call(emulator, "GET", `${acls()}/${a.id}`)).body.result).toEqual(a);
  });

  test("DELETE answers the ACL and removes it", async () => {
    const a = await createAcl();
    const res = await call(emulator, "DELETE", `${acls()}/${a.id}`);
    expect(res.body.result).toEqual(a);
    expect((await call(emulator, "GET", `${acls()}/${a.id}`)).status).toBe(404);
    expect(emulator.store.list(ACCOUNT, "site_acls")).toEqual([]);
  });
});

describe("rules", () => {
  test.each([
    [{ lan_1: undefined }, 1002, "/lan_1"],
    [{ lan_2: { lan_name: "x" } }, 1002, "/lan_2/lan_id"],
    [{ name: undefined }, 1002, "/name"],
    [{ name: "" }, 1005, "/name"],
    [{ lan_1: "lan" }, 1005, "/lan_1"],
    [{ lan_1: { lan_id: "0123456789abcdef0123456789abcdef" } }, 1005, "/lan_1/lan_id"],
    [{ lan_1: { lan_id: "L", ports: [0] } }, 1005, "/lan_1/ports/0"],
    [{ lan_1: { lan_id: "L", ports: [443, 65536] } }, 1005, "/lan_1/ports/1"],
    [{ lan_1: { lan_id: "L", ports: [80.5] } }, 1005, "/lan_1/ports/0"],
    [{ lan_2: { lan_id: "L", port_ranges: ["9000-8080"] } }, 1005, "/lan_2/port_ranges/0"],
    [{ lan_2: { lan_id: "L", port_ranges: ["8080"] } }, 1005, "/lan_2/port_ranges/0"],
    [{ lan_2: { lan_id: "L", port_ranges: ["0-100"] } }, 1005, "/lan_2/port_ranges/0"],
    [{ lan_2: { lan_id: "L", port_ranges: ["1-65536"] } }, 1005, "/lan_2/port_ranges/0"],
    [{ lan_1: { lan_id: "L", subnets: ["192.0.2.256"] } }, 1005, "/lan_1/subnets/0"],
    [{ lan_1: { lan_id: "L", subnets: ["192.0.2.1/24"] } }, 1005, "/lan_1/subnets/0"],
    [{ lan_1: { lan_id: "L", subnets: ["2001:db8::1"] } }, 1005, "/lan_1/subnets/0"],
    [{ protocols: ["tcp", "http"] }, 1005, "/protocols/1"],
    [{ protocols: "tcp" }, 1005, "/protocols"],
    [{ forward_locally: "yes" }, 1005, "/forward_locally"],
    [{ unidirectional: 1 }, 1005, "/unidirectional"],
    [{ description: 7 }, 1005, "/description"],
  ])("%j is refused with %i at %s", async (overrides, code, pointer) => {
    // "L" stands for a real LAN id, so only the field under test is wrong.
    const fix = (v: unknown): unknown =>
      v && typeof v === "object" && !Array.isArray(v)
        ? Object.fromEntries(Object.entries(v).map(([k, x]) => [k, x === "L" ? lanA : x]))
        : v;
    const patched = Object.fromEntries(Object.entries(overrides).map(([k, v]) => [k, fix(v)]));
    const res = await call(emulator, "POST", acls(), { body: body(patched) });
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ success: false, result: null });
    expect(errorsOf(res)).toEqual([{ code, pointer }]);
    expect(emulator.store.list(ACCOUNT, "site_acls")).toEqual([]);
  });

  test("every field error of a request is reported at once, with a message naming the field", async () => {
    const res = await call(emulator, "POST", acls(), { body: { lan_1: { lan_id: lanA, ports: [-1] }, protocols: ["x"] } });
    expect(errorsOf(res)).toEqual([
      { code: 1005, pointer: "/lan_1/ports/0" },
      { code: 1002, pointer: "/lan_2" },
      { code: 1002, pointer: "/name" },
      { code: 1005, pointer: "/protocols/0" },
    ]);
    expect(res.body.errors[0].message).toBe("lan_1.ports.0 must be an integer between 1 and 65535");
  });

  test("a LAN of another site is not a LAN of this site", async () => {
    const other = emulator.store.insert(ACCOUNT, "sites", { name: "sfo" }).id;
    const foreign = emulator.store.insert(ACCOUNT, "site_lans", { site_id: other, name: "x" }).id;
    const res = await call(emulator, "POST", acls(), { body: body({ lan_2: { lan_id: foreign } }) });
    expect(errorsOf(res)).toEqual([{ code: 1005, pointer: "/lan_2/lan_id" }]);
  });

  test("a body that is not an object is 1001", async () => {
    const res = await call(emulator, "POST", acls(), { body: [body()] });
    expect(res.status).toBe(400);
    expect(errorsOf(res)).toEqual([{ code: 1001, pointer: undefined }]);
  });
});

describe("404s", () => {
  test("an unknown site is 404 for every endpoint", async () => {
    const a = await createAcl();
    const base = `/accounts/${ACCOUNT}/magic/sites/0123456789abcdef0123456789abcdef/acls`;
    for (const [method, path] of [
      ["GET", base],
      ["POST", base],
      ["GET", `${base}/${a.id}`],
      ["PUT", `${base}/${a.id}`],
      ["PATCH", `${base}/${a.id}`],
      ["DELETE", `${base}/${a.id}`],
    ]) {
      const res = await call(emulator, method, path, { body: method === "GET" || method === "DELETE" ? undefined : body() });
      expect(res.status).toBe(404);
      expect(res.body.errors).toEqual([{ code: 1004, message: "Site not found" }]);
    }
  });

  test("an unknown ACL id, or one of another site, is 404", async () => {
    const other = emulator.store.insert(ACCOUNT, "sites", { name: "sfo" }).id;
    const foreign = emulator.store.insert(ACCOUNT, "site_acls", {
      site_id: other,
      name: "x",
      lan_1: { lan_id: "a" },
      lan_2: { lan_id: "b" },
    }).id;
    for (const id of ["0123456789abcdef0123456789abcdef", foreign]) {
      for (const method of ["GET", "PUT", "PATCH", "DELETE"]) {
        const res = await call(emulator, method, `${acls()}/${id}`, { body: method === "PUT" || method === "PATCH" ? {} : undefined });
        expect(res.status).toBe(404);
        expect(res.body.errors).toEqual([{ code: 1004, message: "Site ACL not found" }]);
      }
    }
    expect(emulator.store.get(ACCOUNT, "site_acls", foreign)).toBeDefined();
  });

  test("another account's site is unknown", async () => {
    const res = await call(emulator, "GET", `/accounts/fedcba9876543210fedcba9876543210/magic/sites/${site}/acls`);
    expect(res.status).toBe(404);
  });
});
