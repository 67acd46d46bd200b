import type { Emulator } from "../../emulator";
import { MANAGED_APPS } from "../../emulator/resources/apps";
import { ACCOUNT, OTHER_ACCOUNT, call, errorsOf, start } from "./helpers";

const APPS = `/accounts/${ACCOUNT}/magic/apps`;
const body = (overrides: Record<string, unknown> = {}) => ({ name: "CRM", type: "Business", ...overrides });

let emulator: Emulator;
beforeEach(async () => {
  emulator = await start();
});
afterEach(async () => {
  await emulator.close();
});

async function createApp(overrides: Record<string, unknown> = {}): Promise<any> {
  const res = await call(emulator, "POST", APPS, { body: body(overrides) });
  if (res.status !== 200) throw new Error(`create failed: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.result;
}

const stored = () => emulator.store.list(ACCOUNT, "apps");

describe("envelope and shapes", () => {
  test("create answers the app itself with account_app_id; no defaults are added", async () => {
    const res = await call(emulator, "POST", APPS, { body: body({ hostnames: ["crm.example.com"] }) });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ success: true, errors: [], messages: [] });
    expect(res.body.result).toEqual({
      account_app_id: expect.stringMatching(/^[0-9a-f]{32}$/),
      name: "CRM",
      type: "Business",
      hostnames: ["crm.example.com"],
    });
  });

  test("the list holds the account's apps, then Cloudflare's managed apps (managed_app_id)", async () => {
    const a = await createApp();
    const list = await call(emulator, "GET", APPS);
    expect(list.body.result).toEqual([a, ...MANAGED_APPS]);
    expect(
      list.body.result.slice(1).every((m: Record<string, unknown>) => typeof m.managed_app_id === "string" && !("account_app_id" in m)),
    ).toBe(true);
    const other = await call(emulator, "GET", `/accounts/${OTHER_ACCOUNT}/magic/apps`);
    expect(other.body.result).toEqual(MANAGED_APPS);
  });

  test("there is no single-app GET", async () => {
    const a = await createApp();
    const res = await call(emulator, "GET", `${APPS}/${a.account_app_id}`);
    expect(res.status).toBe(405);
  });

  test("PUT replaces (omitted lists go, name/type stay), PATCH merges, DELETE answers the app", async () => {
    const a = await createApp({ hostnames: ["crm.example.com"], ip_subnets: ["192.0.2.0/24"] });
    const id = a.account_app_id;
    const put = await call(emulator, "PUT", `${APPS}/${id}`, { body: { ip_subnets: ["198.51.100.0/24"] } });
    expect(put.body.result).toEqual({ account_app_id: id, name: "CRM", type: "Business", ip_subnets: ["198.51.100.0/24"] });
    const patch = await call(emulator, "PATCH", `${APPS}/${id}`, { body: { name: "CRM 2", source_subnets: ["10.0.0.0/8"] } });
    expect(patch.body.result).toEqual({
      account_app_id: id,
      name: "CRM 2",
      type: "Business",
      ip_subnets: ["198.51.100.0/24"],
      source_subnets: ["10.0.0.0/8"],
    });
    const del = await call(emulator, "DELETE", `${APPS}/${id}`);
    expect(del.body.result).toEqual(patch.body.result);
    expect(stored()).toEqual([]);
  });
});

describe("rules", () => {
  const cases: Array<[string, Record<string, unknown>, Array<[number, string]>]> = [
    [
      "POST",
      { name: undefined, type: undefined },
      [
        [1002, "/name"],
        [1002, "/type"],
      ],
    ],
    ["POST", { name: "" }, [[1005, "/name"]]],
    ["POST", { type: 7 }, [[1005, "/type"]]],
    ["POST", { hostnames: ["not a host"] }, [[1005, "/hostnames/0"]]],
    ["POST", { hostnames: "crm.example.com" }, [[1005, "/hostnames"]]],
    ["POST", { ip_subnets: ["192.0.2.0/24", "2001:db8::/32"] }, [[1005, "/ip_subnets/1"]]],
    ["POST", { ip_subnets: ["192.0.2.1/24"] }, [[1005, "/ip_subnets/0"]]],
    ["POST", { source_subnets: ["10.0.0.0"] }, [[1005, "/source_subnets/0"]]],
  ];
  test.each(cases)("%s %j is refused", async (method, overrides, expected) => {
    const res = await call(emulator, method, APPS, { body: body(overrides) });
    expect(res.status).toBe(400);
    expect(errorsOf(res)).toEqual(expected.map(([code, pointer]) => ({ code, pointer })));
    expect(stored()).toEqual([]);
  });

  test("IPv6 is refused with the spec's reason; wildcard hostnames are accepted", async () => {
    const res = await call(emulator, "POST", APPS, { body: body({ source_subnets: ["2001:db8::/32"] }) });
    expect(res.body.errors[0].message).toContain("IPv6 CIDRs are currently unsupported");
    await createApp({ hostnames: ["*.example.com"] });
  });

  test("updates validate the given fields", async () => {
    const a = await createApp();
    for (const method of ["PUT", "PATCH"]) {
      const res = await call(emulator, method, `${APPS}/${a.account_app_id}`, { body: { ip_subnets: ["nope"] } });
      expect([res.status, errorsOf(res)]).toEqual([400, [{ code: 1005, pointer: "/ip_subnets/0" }]]);
    }
  });
});

describe("unknown ids", () => {
  test.each(["PUT", "PATCH", "DELETE"])("%s on an unknown or managed app is 404 / 1004", async (method) => {
    for (const id of ["0".repeat(32), MANAGED_APPS[0].managed_app_id as string]) {
      const res = await call(emulator, method, `${APPS}/${id}`, method === "DELETE" ? {} : { body: body() });
      expect(res.status).toBe(404);
      expect(res.body.errors).toEqual([{ code: 1004, message: "App not found" }]);
    }
  });
});
