import type { Emulator } from "../../emulator";
import { provisionTunnelsFor } from "../../emulator/resources/gre-tunnels";
import { ACCOUNT, OTHER_ACCOUNT, asStored, call, createGre, errorsOf, start } from "./helpers";

const ROUTES = `/accounts/${ACCOUNT}/magic/routes`;
const body = (overrides: Record<string, unknown> = {}) => ({ nexthop: "10.212.0.9", prefix: "192.0.2.0/24", priority: 100, ...overrides });

let emulator: Emulator;
beforeEach(async () => {
  emulator = await start();
  // A nexthop must lie inside some tunnel's interface subnet: give the ones these tests use a tunnel.
  provisionTunnelsFor(emulator.store, ACCOUNT, ["10.212.0.9", "10.212.0.11", "169.254.21.1", "2001:db8::1"]);
});
afterEach(async () => {
  await emulator.close();
});

async function createRoute(overrides: Record<string, unknown> = {}): Promise<any> {
  const res = await call(emulator, "POST", ROUTES, { body: body(overrides) });
  if (res.status !== 200) throw new Error(`create failed: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.result;
}

const stored = () => emulator.store.list(ACCOUNT, "routes");

describe("envelope and per-verb wrappers", () => {
  test("create answers the route itself; list wraps in routes, get in route", async () => {
    const res = await call(emulator, "POST", ROUTES, { body: body({ description: "DC1" }) });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ success: true, errors: [], messages: [] });
    const r = res.body.result;
    expect(r).toMatchObject({
      id: expect.stringMatching(/^[0-9a-f]{32}$/),
      nexthop: "10.212.0.9",
      prefix: "192.0.2.0/24",
      priority: 100,
      description: "DC1",
    });
    expect((await call(emulator, "GET", ROUTES)).body.result).toEqual({ routes: [asStored(r)] });
    expect((await call(emulator, "GET", `${ROUTES}/${r.id}`)).body.result).toEqual({ route: asStored(r) });
  });

  test("PUT wraps in {modified, modified_route}, DELETE in {deleted, deleted_route}", async () => {
    const r = await createRoute();
    const put = await call(emulator, "PUT", `${ROUTES}/${r.id}`, { body: body({ priority: 200 }) });
    expect(put.body.result).toEqual({ modified: true, modified_route: expect.objectContaining({ id: r.id, priority: 200 }) });
    const del = await call(emulator, "DELETE", `${ROUTES}/${r.id}`);
    expect(del.body.result).toEqual({ deleted: true, deleted_route: put.body.result.modified_route });
    expect(stored()).toEqual([]);
  });

  test("routes are partitioned by account", async () => {
    await createRoute();
    expect((await call(emulator, "GET", `/accounts/${OTHER_ACCOUNT}/magic/routes`)).body.result).toEqual({ routes: [] });
  });
});

describe("defaults and full replacement", () => {
  test("only timestamps are filled in; unset optional fields are absent", async () => {
    const r = await createRoute();
    expect(Object.keys(r).sort()).toEqual(["created_on", "id", "modified_on", "nexthop", "prefix", "priority"]);
    expect(r.modified_on).toBe(r.created_on);
  });

  test("PUT replaces every field but weight: omitted optional ones disappear, id and created_on stay", async () => {
    const r = await createRoute({ description: "x", weight: 10, scope: { colo_regions: ["APAC"] } });
    const put = await call(emulator, "PUT", `${ROUTES}/${r.id}`, { body: body({ prefix: "198.51.100.0/24" }) });
    const m = put.body.result.modified_route;
    expect(m).toMatchObject({ id: r.id, created_on: asStored(r.created_on), prefix: "198.51.100.0/24" });
    for (const f of ["description", "scope"]) expect(m).not.toHaveProperty(f);
  });

  test("a PUT without weight keeps the weight, as the live API does; a PUT with one changes it", async () => {
    const r = await createRoute({ weight: 10 });
    const kept = await call(emulator, "PUT", `${ROUTES}/${r.id}`, { body: body({ description: "no weight sent" }) });
    expect(kept.body.result.modified_route).toMatchObject({ weight: 10, description: "no weight sent" });
    expect((await call(emulator, "GET", `${ROUTES}/${r.id}`)).body.result.route).toMatchObject({ weight: 10 });
    const changed = await call(emulator, "PUT", `${ROUTES}/${r.id}`, { body: body({ weight: 0 }) });
    expect(changed.body.result.modified_route).toMatchObject({ weight: 0 });
  });

  test("link-local and IPv6 next hops and IPv6 prefixes are accepted", async () => {
    await createRoute({ nexthop: "169.254.21.1" });
    await createRoute({ nexthop: "2001:db8::1", prefix: "2001:db8:100::/48" });
    expect(stored()).toHaveLength(2);
  });
});

describe("rules", () => {
  const cases: Array<[Record<string, unknown>, Array<[number, string | undefined]>]> = [
    [
      { nexthop: undefined, prefix: undefined, priority: undefined },
      [
        [1002, "/nexthop"],
        [1002, "/prefix"],
        [1002, "/priority"],
      ],
    ],
    [{ nexthop: "10.212.0" }, [[1005, "/nexthop"]]],
    [{ prefix: "192.0.2.0" }, [[1005, "/prefix"]]],
    [{ prefix: "192.0.2.1/24" }, [[1005, "/prefix"]]],
    [{ priority: -1 }, [[1005, "/priority"]]],
    [{ priority: 1.5 }, [[1005, "/priority"]]],
    [{ weight: 257 }, [[1005, "/weight"]]],
    [{ scope: { colo_names: ["den01", ""] } }, [[1005, "/scope/colo_names/1"]]],
    // Wrong JSON types and nulls fail the live API's decoder: 1022, without a pointer.
    [{ description: 5 }, [[1022, undefined]]],
    [{ scope: "APAC" }, [[1022, undefined]]],
    [{ scope: { colo_regions: "APAC" } }, [[1022, undefined]]],
    [{ description: null }, [[1022, undefined]]],
  ];
  test.each(cases)("%j is refused", async (overrides, expected) => {
    const res = await call(emulator, "POST", ROUTES, { body: body(overrides) });
    expect(res.status).toBe(400);
    expect(errorsOf(res)).toEqual(expected.map(([code, pointer]) => ({ code, pointer })));
    expect(stored()).toEqual([]);
  });

  test("a type error names the field the way Go's decoder does", async () => {
    const res = await call(emulator, "POST", ROUTES, { body: body({ description: 5 }) });
    expect(res.body.errors[0].message).toBe(
      "Invalid Request: json: cannot unmarshal number into Go struct field Route.description of type string",
    );
  });

  test("a non-object body is 1022, as the live API answers a body its decoder cannot read", async () => {
    const res = await call(emulator, "POST", ROUTES, { body: [body()] });
    expect(errorsOf(res)).toEqual([{ code: 1022, pointer: undefined }]);
    const malformed = await call(emulator, "POST", ROUTES, { body: "{" });
    expect([malformed.status, errorsOf(malformed)]).toEqual([400, [{ code: 1022, pointer: undefined }]]);
  });

  test("a nexthop outside every tunnel's interface subnet is refused on create, PUT and bulk PUT", async () => {
    const outside = await call(emulator, "POST", ROUTES, { body: body({ nexthop: "10.99.0.1" }) });
    expect([outside.status, errorsOf(outside)]).toEqual([400, [{ code: 1005, pointer: "/nexthop" }]]);
    expect(outside.body.errors[0].message).toContain("10.99.0.1");
    const r = await createRoute();
    const put = await call(emulator, "PUT", `${ROUTES}/${r.id}`, { body: body({ nexthop: "10.99.0.1" }) });
    expect(errorsOf(put)).toEqual([{ code: 1005, pointer: "/nexthop" }]);
    const bulk = await call(emulator, "PUT", ROUTES, { body: { routes: [{ id: r.id, nexthop: "10.99.0.1" }] } });
    expect(errorsOf(bulk)).toEqual([{ code: 1005, pointer: "/routes/0/nexthop" }]);
    expect(stored()).toMatchObject([{ nexthop: "10.212.0.9" }]);
  });

  test("a tunnel made through the API covers either host of its /31; deleting it leaves its routes alone", async () => {
    const t = await createGre(emulator, { interface_address: "10.77.0.1/31" });
    for (const nexthop of ["10.77.0.0", "10.77.0.1"])
      expect((await call(emulator, "POST", ROUTES, { body: body({ nexthop }) })).status).toBe(200);
    expect((await call(emulator, "POST", ROUTES, { body: body({ nexthop: "10.77.0.2" }) })).status).toBe(400);
    // Nothing public says a tunnel with routes is refused deletion: it is not.
    expect((await call(emulator, "DELETE", `/accounts/${ACCOUNT}/magic/gre_tunnels/${t.id}`)).status).toBe(200);
    expect(stored().filter((route) => String(route.nexthop).startsWith("10.77."))).toHaveLength(2);
  });
});

describe("unknown ids", () => {
  test.each(["GET", "PUT", "DELETE"])("%s on an unknown route is 404 / 1020, the live API's code", async (method) => {
    const res = await call(emulator, method, `${ROUTES}/${"0".repeat(32)}`, method === "PUT" ? { body: body() } : {});
    expect(res.status).toBe(404);
    expect(res.body.errors).toEqual([{ code: 1020, message: "Route not found" }]);
  });
});

describe("validate_only", () => {
  test("POST, PUT and bulk PUT answer as usual and change nothing", async () => {
    const post = await call(emulator, "POST", `${ROUTES}?validate_only=true`, { body: body() });
    expect(post.body.result).toMatchObject({ prefix: "192.0.2.0/24" });
    expect(stored()).toEqual([]);
    expect((await call(emulator, "POST", `${ROUTES}?validate_only=true`, { body: body({ prefix: "x" }) })).status).toBe(400);

    const r = await createRoute();
    const put = await call(emulator, "PUT", `${ROUTES}/${r.id}?validate_only=true`, { body: body({ priority: 5 }) });
    expect(put.body.result.modified_route.priority).toBe(5);
    const bulk = await call(emulator, "PUT", `${ROUTES}?validate_only=true`, { body: { routes: [{ id: r.id, priority: 6 }] } });
    expect(bulk.body.result.modified_routes[0].priority).toBe(6);
    expect(stored()[0].priority).toBe(100);
  });
});

describe("bulk PUT", () => {
  test("merges only the given fields of each route", async () => {
    const a = await createRoute({ description: "a", weight: 10 });
    const b = await createRoute({ prefix: "198.51.100.0/24" });
    const res = await call(emulator, "PUT", ROUTES, {
      body: {
        routes: [
          { id: a.id, priority: 50 },
          { id: b.id, nexthop: "10.212.0.11", scope: { colo_names: ["den01"] } },
        ],
      },
    });
    expect(res.status).toBe(200);
    expect(res.body.result.modified).toBe(true);
    const [ma, mb] = res.body.result.modified_routes;
    expect(ma).toMatchObject({ id: a.id, priority: 50, description: "a", weight: 10, prefix: "192.0.2.0/24" });
    expect(mb).toMatchObject({ id: b.id, nexthop: "10.212.0.11", priority: 100, scope: { colo_names: ["den01"] } });
    expect(emulator.store.get(ACCOUNT, "routes", a.id)).toMatchObject({ priority: 50 });
  });

  test("any error changes nothing and points at the item", async () => {
    const a = await createRoute();
    const cases: Array<[unknown, number, Array<{ code: number; pointer?: string }>]> = [
      [
        {
          routes: [
            { id: a.id, priority: 7 },
            { id: a.id, weight: 999 },
          ],
        },
        400,
        [{ code: 1005, pointer: "/routes/1/weight" }],
      ],
      [{ routes: [{ id: a.id, priority: 7 }, { id: "f".repeat(32) }] }, 404, [{ code: 1020, pointer: "/routes/1/id" }]],
      [{ routes: [{ id: a.id }, { id: a.id }] }, 400, [{ code: 1005, pointer: "/routes/1/id" }]],
      [{ routes: [{ priority: 1 }] }, 400, [{ code: 1002, pointer: "/routes/0/id" }]],
      [{ routes: [] }, 400, [{ code: 1005, pointer: "/routes" }]],
      [{ routes: "all" }, 400, [{ code: 1022, pointer: undefined }]],
      [{}, 400, [{ code: 1002, pointer: "/routes" }]],
    ];
    for (const [b, status, errors] of cases) {
      const res = await call(emulator, "PUT", ROUTES, { body: b });
      expect([res.status, errorsOf(res)]).toEqual([status, errors]);
    }
    expect(stored()[0].priority).toBe(100);
  });
});

describe("collection DELETE (Delete Many Routes)", () => {
  test("follows the reference literally: ignores any body and deletes every route of the account", async () => {
    const a = await createRoute();
    const b = await createRoute({ prefix: "198.51.100.0/24" });
    const c = await createRoute({ prefix: "203.0.113.0/24" });
    // A body naming one route does not limit it: the reference documents no body.
    const res = await call(emulator, "DELETE", ROUTES, { body: { routes: [{ id: a.id }] } });
    expect(res.status).toBe(200);
    expect(res.body.result).toEqual({ deleted: true, deleted_routes: [a, b, c].map((r) => asStored(r)) });
    expect(stored()).toEqual([]);
  });

  test("without a body, also deletes every route", async () => {
    await createRoute();
    await createRoute({ prefix: "198.51.100.0/24" });
    const none = await call(emulator, "DELETE", ROUTES);
    expect(none.status).toBe(200);
    expect(none.body.result.deleted_routes).toHaveLength(2);
    expect(stored()).toEqual([]);
  });
});
