import type { Emulator } from "../../emulator";
import { ACCOUNT, call, errorsOf, start } from "./helpers";

const CONNECTORS = `/accounts/${ACCOUNT}/magic/connectors`;
const ALL_DAYS = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"];

let emulator: Emulator;
beforeEach(async () => {
  emulator = await start();
});
afterEach(async () => {
  await emulator.close();
});

async function createConnector(body: Record<string, unknown> = { device: { id: "dev-1" } }): Promise<any> {
  const res = await call(emulator, "POST", CONNECTORS, { body });
  if (res.status !== 200) throw new Error(`create failed: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.result;
}

const stored = () => emulator.store.list(ACCOUNT, "connectors");

describe("connectors", () => {
  test("create fills the defaults and answers the connector itself; get and list agree", async () => {
    const c = await createConnector();
    expect(c).toEqual({
      id: expect.stringMatching(/^[0-9a-f]{32}$/),
      activated: false,
      interrupt_window_days_of_week: ALL_DAYS,
      interrupt_window_duration_hours: 3,
      interrupt_window_embargo_dates: [],
      interrupt_window_hour_of_day: 0,
      notes: "",
      timezone: "UTC",
      last_updated: expect.any(String),
      device: { id: "dev-1", type: "MANAGED" },
    });
    expect((await call(emulator, "GET", `${CONNECTORS}/${c.id}`)).body).toMatchObject({ success: true, result: c });
    expect((await call(emulator, "GET", CONNECTORS)).body.result).toEqual([c]);
  });

  test("the list filters by device_type (official SDK): MANAGED devices, LICENSED virtual connectors", async () => {
    const managed = await createConnector();
    const licensed = await createConnector({ device: { provision_license: true } });
    const ids = async (q: string) => (await call(emulator, "GET", `${CONNECTORS}${q}`)).body.result.map((c: { id: string }) => c.id);
    expect(await ids("?device_type=MANAGED")).toEqual([managed.id]);
    expect(await ids("?device_type=LICENSED")).toEqual([licensed.id]);
    expect((await ids("")).sort()).toEqual([managed.id, licensed.id].sort());
    const bad = await call(emulator, "GET", `${CONNECTORS}?device_type=virtual`);
    expect(bad.status).toBe(400);
    expect(errorsOf(bad)).toEqual([{ code: 1005, pointer: "/device_type" }]);
  });

  test("a serial number gets a device id; provision_license answers a license key once and never stores it", async () => {
    const bySerial = await createConnector({ device: { serial_number: "SN-42" } });
    expect(bySerial.device).toEqual({ id: expect.stringMatching(/^[0-9a-f]{32}$/), serial_number: "SN-42", type: "MANAGED" });
    expect(bySerial).not.toHaveProperty("license_key");

    const virtual = await createConnector({ device: { provision_license: true }, notes: "vc", timezone: "Europe/Paris" });
    expect(virtual.license_key).toMatch(/^[0-9a-f]{64}$/);
    expect(virtual).not.toHaveProperty("device");
    expect(virtual).toMatchObject({ notes: "vc", timezone: "Europe/Paris" });
    expect((await call(emulator, "GET", `${CONNECTORS}/${virtual.id}`)).body.result).not.toHaveProperty("license_key");
    expect(JSON.stringify(emulator.store.dump())).not.toContain(virtual.license_key);
  });

  test("PUT replaces every setting (omitted ones go back to defaults); PATCH changes the given ones", async () => {
    const c = await createConnector({ device: { id: "dev-1" }, activated: true, notes: "n", interrupt_window_hour_of_day: 4 });
    const put = await call(emulator, "PUT", `${CONNECTORS}/${c.id}`, { body: { timezone: "Asia/Tokyo" } });
    expect(put.body.result).toMatchObject({
      id: c.id,
      device: { id: "dev-1" },
      activated: false,
      notes: "",
      interrupt_window_hour_of_day: 0,
      timezone: "Asia/Tokyo",
    });
    expect(put.body.result).not.toHaveProperty("license_key");
    const patch = await call(emulator, "PATCH", `${CONNECTORS}/${c.id}`, {
      body: { activated: true, interrupt_window_days_of_week: ["Sunday"] },
    });
    expect(patch.body.result).toMatchObject({ activated: true, timezone: "Asia/Tokyo", interrupt_window_days_of_week: ["Sunday"] });
  });

  test("provision_license: true on PUT or PATCH answers a new license key", async () => {
    const c = await createConnector({ device: { provision_license: true } });
    const put = await call(emulator, "PUT", `${CONNECTORS}/${c.id}`, { body: { provision_license: true } });
    const patch = await call(emulator, "PATCH", `${CONNECTORS}/${c.id}`, { body: { provision_license: true, notes: "rotated" } });
    const keys = [c.license_key, put.body.result.license_key, patch.body.result.license_key];
    expect(new Set(keys).size).toBe(3);
    expect(patch.body.result.notes).toBe("rotated");
    const plain = await call(emulator, "PATCH", `${CONNECTORS}/${c.id}`, { body: { provision_license: false } });
    expect(plain.body.result).not.toHaveProperty("license_key");
  });

  test("DELETE answers the connector and removes it", async () => {
    const c = await createConnector();
    expect((await call(emulator, "DELETE", `${CONNECTORS}/${c.id}`)).body.result).toEqual(c);
    expect(stored()).toEqual([]);
  });

  const rules: Array<[string, Record<string, unknown>, Array<[number, string]>]> = [
    ["no device", {}, [[1002, "/device"]]],
    ["an empty device", { device: {} }, [[1005, "/device"]]],
    ["two device forms", { device: { id: "a", serial_number: "b" } }, [[1005, "/device"]]],
    ["provision_license false alone", { device: { provision_license: false } }, [[1005, "/device"]]],
    ["an empty device id", { device: { id: "" } }, [[1005, "/device/id"]]],
    ["a non-boolean provision_license", { device: { provision_license: "yes" } }, [[1005, "/device/provision_license"]]],
    [
      "an unknown day",
      { device: { id: "a" }, interrupt_window_days_of_week: ["Sunday", "Caturday"] },
      [[1005, "/interrupt_window_days_of_week/1"]],
    ],
    [
      "a repeated day",
      { device: { id: "a" }, interrupt_window_days_of_week: ["Sunday", "Sunday"] },
      [[1005, "/interrupt_window_days_of_week"]],
    ],
    ["a 0-hour window", { device: { id: "a" }, interrupt_window_duration_hours: 0 }, [[1005, "/interrupt_window_duration_hours"]]],
    ["a 25-hour window", { device: { id: "a" }, interrupt_window_duration_hours: 25 }, [[1005, "/interrupt_window_duration_hours"]]],
    ["hour 24", { device: { id: "a" }, interrupt_window_hour_of_day: 24 }, [[1005, "/interrupt_window_hour_of_day"]]],
    [
      "a date that does not exist",
      { device: { id: "a" }, interrupt_window_embargo_dates: ["2026-02-30"] },
      [[1005, "/interrupt_window_embargo_dates/0"]],
    ],
    [
      "a date in another format",
      { device: { id: "a" }, interrupt_window_embargo_dates: ["24/12/2026"] },
      [[1005, "/interrupt_window_embargo_dates/0"]],
    ],
    ["an unknown time zone", { device: { id: "a" }, timezone: "Mars/Olympus_Mons" }, [[1005, "/timezone"]]],
    ["a non-boolean activated", { device: { id: "a" }, activated: "yes" }, [[1005, "/activated"]]],
    ["non-string notes", { device: { id: "a" }, notes: 5 }, [[1005, "/notes"]]],
  ];
  test.each(rules)("create refuses %s", async (_what, body, expected) => {
    const res = await call(emulator, "POST", CONNECTORS, { body });
    expect(res.status).toBe(400);
    expect(errorsOf(res)).toEqual(expected.map(([code, pointer]) => ({ code, pointer })));
    expect(stored()).toEqual([]);
  });

  test("a device backs one connector: a second connector for the same id or serial number is 1003", async () => {
    await createConnector({ device: { id: "dev-1" } });
    await createConnector({ device: { serial_number: "SN-1" } });
    const byId = await call(emulator, "POST", CONNECTORS, { body: { device: { id: "dev-1" } } });
    expect([byId.status, errorsOf(byId)]).toEqual([400, [{ code: 1003, pointer: "/device/id" }]]);
    const bySerial = await call(emulator, "POST", CONNECTORS, { body: { device: { serial_number: "SN-1" } } });
    expect(errorsOf(bySerial)).toEqual([{ code: 1003, pointer: "/device/serial_number" }]);
    await createConnector({ device: { provision_license: true } });
    await createConnector({ device: { provision_license: true } });
    expect(stored()).toHaveLength(4);
  });

  test("updates refuse a device and validate like create", async () => {
    const c = await createConnector();
    for (const method of ["PUT", "PATCH"]) {
      const dev = await call(emulator, method, `${CONNECTORS}/${c.id}`, { body: { device: { id: "other" } } });
      expect([dev.status, errorsOf(dev)]).toEqual([400, [{ code: 1006, pointer: "/device" }]]);
      const bad = await call(emulator, method, `${CONNECTORS}/${c.id}`, {
        body: { interrupt_window_hour_of_day: -1, provision_license: 1 },
      });
      expect(errorsOf(bad)).toEqual([
        { code: 1005, pointer: "/interrupt_window_hour_of_day" },
        { code: 1005, pointer: "/provision_license" },
      ]);
    }
  });

  test.each(["GET", "PUT", "PATCH", "DELETE"])("%s on an unknown connector is 404 / 1004", async (method) => {
    const res = await call(emulator, method, `${CONNECTORS}/${"0".repeat(32)}`, method === "PUT" || method === "PATCH" ? { body: {} } : {});
    expect(res.status).toBe(404);
    expect(res.body.errors).toEqual([{ code: 1004, message: "Connector not found" }]);
  });
});

describe("telemetry", () => {
  // A window well in the past: 6 hours from a multiple of 600 s.
  const FROM = 1_700_000_400;
  const TO = FROM + 6 * 3600;
  let id: string;
  let base: string;
  beforeEach(async () => {
    id = (await createConnector()).id;
    base = `${CONNECTORS}/${id}/telemetry`;
  });

  const get = (path: string) => call(emulator, "GET", `${base}${path}`);

  test.each([
    "/events?from=0&to=1",
    "/events/latest",
    `/events/${FROM}.0`,
    "/snapshots?from=0&to=1",
    "/snapshots/latest",
    `/snapshots/${FROM}`,
  ])("%s of an unknown connector is 404", async (path) => {
    const res = await call(emulator, "GET", `${CONNECTORS}/${"0".repeat(32)}/telemetry${path}`);
    expect([res.status, res.body.errors]).toEqual([404, [{ code: 1004, message: "Connector not found" }]]);
  });

  test("events: one or two per 600 s, in order, inclusive window, deterministic, count = page size", async () => {
    const res = await get(`/events?from=${FROM}&to=${TO}&limit=1000`);
    expect(res.status).toBe(200);
    const { count, items, cursor } = res.body.result;
    expect(cursor).toBeUndefined();
    expect(count).toBe(items.length);
    const times = [...new Set(items.map((e: { t: number }) => e.t))];
    expect(times).toEqual(Array.from({ length: 37 }, (_, i) => FROM + i * 600));
    for (const e of items) {
      expect(Object.keys(e).sort()).toEqual(["a", "k", "n", "t"]);
      expect(e.a - e.t).toBeGreaterThanOrEqual(1);
      expect(e.a - e.t).toBeLessThanOrEqual(30);
    }
    expect(items.some((e: { n: number }) => e.n === 1)).toBe(true);
    // Another emulator generates the same data for a connector with the same id.
    const other = await start();
    try {
      other.store.insert(ACCOUNT, "connectors", emulator.store.get(ACCOUNT, "connectors", id)!);
      const again = await call(other, "GET", `${base}/events?from=${FROM}&to=${TO}&limit=1000`);
      expect(again.body.result).toEqual(res.body.result);
    } finally {
      await other.close();
    }
  });

  test("events: cursor pages add up to the whole window, with no cursor on the last page", async () => {
    const whole = (await get(`/events?from=${FROM}&to=${TO}&limit=1000`)).body.result.items;
    const paged: unknown[] = [];
    let cursor: string | undefined;
    let pages = 0;
    do {
      const res = await get(`/events?from=${FROM}&to=${TO}&limit=7${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ""}`);
      expect(res.body.result.count).toBe(res.body.result.items.length);
      paged.push(...res.body.result.items);
      cursor = res.body.result.cursor;
      pages++;
    } while (cursor);
    expect(paged).toEqual(whole);
    expect(pages).toBe(Math.ceil(whole.length / 7));
  });

  test("events: k filters by kind; an unknown kind lists nothing; nothing after the request's time", async () => {
    const reconciles = (await get(`/events?from=${FROM}&to=${TO}&k=Reconcile&limit=1000`)).body.result.items;
    expect(reconciles.length).toBeGreaterThan(0);
    expect(reconciles.every((e: { k: string }) => e.k === "Reconcile")).toBe(true);
    expect((await get(`/events?from=${FROM}&to=${TO}&k=Nope`)).body.result).toEqual({ count: 0, items: [] });
    const now = Math.floor(Date.now() / 1000);
    const future = (await get(`/events?from=${now + 3600}&to=${now + 86400}`)).body.result;
    expect(future).toEqual({ count: 0, items: [] });
  });

  test("events: a single event by t.n matches the list; latest are the 10 newest, oldest first", async () => {
    const [first] = (await get(`/events?from=${FROM}&to=${TO}&limit=1`)).body.result.items;
    const one = await get(`/events/${first.t}.${first.n}`);
    expect(one.body.result).toEqual({ e: expect.objectContaining({ k: first.k }), n: first.n, t: first.t, v: expect.any(String) });
    expect((await get(`/events/${FROM + 1}.0`)).status).toBe(404);
    expect((await get(`/events/${FROM}.5`)).status).toBe(404);
    expect((await get(`/events/latest-ish`)).status).toBe(404);

    const latest = (await get("/events/latest")).body.result;
    expect(latest.count).toBe(10);
    expect(latest.items).toHaveLength(10);
    const keys = latest.items.map((e: { t: number; n: number }) => e.t * 10 + e.n);
    expect(keys).toEqual([...keys].sort((a, b) => a - b));
    expect(latest.items[9].t).toBeLessThanOrEqual(Date.now() / 1000);
    for (const e of latest.items) {
      expect(e.e.k).toEqual(expect.any(String));
      if (e.e.k === "StartUpgrade") expect(e.e.url).toEqual(expect.any(String));
    }
  });

  test("snapshots: one per 60 s with cursor paging; one in full by t; the latest one", async () => {
    const list = (await get(`/snapshots?from=${FROM}&to=${FROM + 600}`)).body.result;
    expect(list.items.map((s: { t: number }) => s.t)).toEqual(Array.from({ length: 11 }, (_, i) => FROM + i * 60));
    expect(Object.keys(list.items[0]).sort()).toEqual(["a", "t"]);
    const p1 = (await get(`/snapshots?from=${FROM}&to=${FROM + 600}&limit=6`)).body.result;
    const p2 = (await get(`/snapshots?from=${FROM}&to=${FROM + 600}&limit=6&cursor=${p1.cursor}`)).body.result;
    expect([...p1.items, ...p2.items]).toEqual(list.items);
    expect(p2.cursor).toBeUndefined();

    const snap = (await get(`/snapshots/${FROM + 60}`)).body.result;
    expect(snap).toMatchObject({
      t: FROM + 60,
      v: expect.any(String),
      count_reclaim_failures: 0,
      count_record_failed: 0,
      count_transmit_failures: 0,
      cpu_count: 4,
    });
    expect(snap.count_reclaimed_paths).toEqual(expect.any(Number));
    expect(snap.tunnels[0]).toMatchObject({ health_state: expect.any(String), health_value: expect.any(Number), interface_name: "xfrm1" });
    expect((await get(`/snapshots/${FROM + 61}`)).status).toBe(404);

    const latest = (await get("/snapshots/latest")).body.result;
    expect(latest.count).toBe(1);
    expect(latest.items[0].t % 60).toBe(0);
    expect(Date.now() / 1000 - latest.items[0].t).toBeLessThan(120);
  });

  test("query errors are 400s naming the parameter", async () => {
    const cases: Array<[string, number, string]> = [
      ["/events?to=1", 1002, "from is required"],
      [`/events?from=${FROM}`, 1002, "to is required"],
      [`/events?from=x&to=1`, 1005, "from must be a number"],
      [`/events?from=${TO}&to=${FROM}`, 1005, "to must not be earlier than from"],
      [`/events?from=${FROM}&to=${TO}&limit=0`, 1005, "limit must be an integer between 1 and 1000"],
      [`/snapshots?from=${FROM}&to=${TO}&limit=1001`, 1005, "limit must be an integer between 1 and 1000"],
      [`/snapshots?from=${FROM}&to=${TO}&cursor=garbage`, 1005, "cursor is not one this endpoint gave out"],
    ];
    for (const [path, code, message] of cases) {
      const res = await get(path);
      expect([res.status, res.body.errors]).toEqual([400, [{ code, message: expect.stringContaining(message) }]]);
    }
  });
});
