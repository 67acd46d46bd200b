import {
  getConnector,
  getConnectorEvent,
  getConnectorEvents,
  getConnectorLatestEvents,
  getConnectorLatestSnapshots,
  getConnectorSnapshot,
  getConnectorSnapshots,
  getConnectors,
} from "../../sdk";
import { failure } from "../failure";
import { ACCOUNT } from "../resources/stack";
import { lookupEmulator } from "./lookup-env";

const FROM = 1_700_000_400;
const TO = FROM + 3 * 3600;

const emulator = lookupEmulator();
let id: string;
beforeAll(async () => {
  id = emulator().store.insert(ACCOUNT, "connectors", {
    activated: true,
    interrupt_window_days_of_week: ["Sunday"],
    interrupt_window_duration_hours: 2,
    interrupt_window_embargo_dates: ["2026-12-24"],
    interrupt_window_hour_of_day: 3,
    last_updated: "2026-01-01T00:00:00Z",
    notes: "rack 4",
    timezone: "Europe/Paris",
    device: { id: "dev-1", serial_number: "SN-1" },
    last_seen_version: "2025.10.2",
  }).id;
});

describe("connector lookups", () => {
  test("getConnectors and getConnector give typed camelCase connectors, the device flattened", async () => {
    const expected = {
      id,
      activated: true,
      interruptWindowDaysOfWeek: ["Sunday"],
      interruptWindowDurationHours: 2,
      interruptWindowEmbargoDates: ["2026-12-24"],
      interruptWindowHourOfDay: 3,
      lastUpdated: "2026-01-01T00:00:00Z",
      notes: "rack 4",
      timezone: "Europe/Paris",
      deviceId: "dev-1",
      deviceSerialNumber: "SN-1",
      lastSeenVersion: "2025.10.2",
      accountId: ACCOUNT,
    };
    const all = await getConnectors();
    expect(all).toHaveLength(1);
    expect(all[0]).toMatchObject(expected);
    expect(all[0]).not.toHaveProperty("device");
    expect(await getConnector(id)).toMatchObject(expected);
    const missing = await failure(getConnector("0".repeat(32)));
    expect(missing.message).toContain("Connector not found");
  });

  test("getConnectors({ deviceType }) sends device_type (official SDK) and refuses other values before any request", async () => {
    const licensed = emulator().store.insert(ACCOUNT, "connectors", {
      activated: false,
      interrupt_window_days_of_week: [],
      interrupt_window_duration_hours: 3,
      interrupt_window_embargo_dates: [],
      interrupt_window_hour_of_day: 0,
      last_updated: "2026-01-01T00:00:00Z",
      notes: "",
      timezone: "UTC",
      licensed: true,
    }).id;
    try {
      expect((await getConnectors({ deviceType: "MANAGED" })).map((c) => c.id)).toEqual([id]);
      expect(emulator().stats.requests.at(-1)!.url).toContain("?device_type=MANAGED");
      expect((await getConnectors({ deviceType: "LICENSED" })).map((c) => c.id)).toEqual([licensed]);
      const before = emulator().stats.totalRequests;
      const bad = await failure(getConnectors({ deviceType: "virtual" as never }));
      expect(bad.message).toBe('getConnectors: deviceType must be one of MANAGED, LICENSED (got "virtual").');
      expect(emulator().stats.totalRequests).toBe(before);
    } finally {
      emulator().store.remove(ACCOUNT, "connectors", licensed);
    }
  });
});

describe("telemetry lookups", () => {
  test("getConnectorEvents gives one page with a cursor, or every page with allPages", async () => {
    const all = await getConnectorEvents(id, { from: FROM, to: TO, allPages: true, limit: 4 });
    expect(all.cursor).toBeUndefined();
    expect(all.count).toBe(all.items.length);
    expect(all.items.length).toBeGreaterThanOrEqual(19);
    expect(all.items[0]).toEqual({ a: expect.any(Number), k: expect.any(String), n: 0, t: FROM });

    const first = await getConnectorEvents(id, { from: new Date(FROM * 1000), to: new Date(TO * 1000), limit: 4 });
    expect(first.items).toEqual(all.items.slice(0, 4));
    expect(first.cursor).toEqual(expect.any(String));
    const second = await getConnectorEvents(id, { from: FROM, to: TO, limit: 4, cursor: first.cursor });
    expect(second.items).toEqual(all.items.slice(4, 8));

    const reconciles = await getConnectorEvents(id, { from: FROM, to: TO, kind: "Reconcile", allPages: true });
    expect(reconciles.items).toEqual(all.items.filter((e) => e.k === "Reconcile"));
  });

  test("getConnectorEvent and getConnectorLatestEvents give events in full", async () => {
    const [e] = (await getConnectorEvents(id, { from: FROM, to: TO, limit: 1 })).items;
    expect(await getConnectorEvent(id, e.t, e.n)).toEqual({
      e: expect.objectContaining({ k: e.k }),
      n: e.n,
      t: e.t,
      v: expect.any(String),
    });
    const latest = await getConnectorLatestEvents(id);
    expect(latest.count).toBe(latest.items.length);
    expect(latest.items.length).toBeGreaterThan(0);
    expect(latest.items[0].e.k).toEqual(expect.any(String));
  });

  test("snapshot lookups page the times and give snapshots with camelCase metrics", async () => {
    const page = await getConnectorSnapshots(id, { from: FROM, to: FROM + 300, limit: 2 });
    expect(page.items).toEqual([
      { a: expect.any(Number), t: FROM },
      { a: expect.any(Number), t: FROM + 60 },
    ]);
    const all = await getConnectorSnapshots(id, { from: FROM, to: FROM + 300, limit: 2, allPages: true });
    expect(all.items.map((x) => x.t)).toEqual([0, 1, 2, 3, 4, 5].map((i) => FROM + i * 60));

    const snap = await getConnectorSnapshot(id, FROM + 60);
    expect(snap).toMatchObject({
      t: FROM + 60,
      countReclaimFailures: 0,
      countRecordFailed: 0,
      countTransmitFailures: 0,
      cpuCount: 4,
      v: expect.any(String),
    });
    expect(snap.interfaces![0].ipAddresses![0]).toEqual({ interfaceName: "wan0", ipAddress: expect.any(String) });
    expect(snap.tunnels![0]).toMatchObject({ healthState: expect.any(String), interfaceName: "xfrm1", probedMtu: 1450 });
    expect(snap).not.toHaveProperty("cpu_count");

    const latest = await getConnectorLatestSnapshots(id);
    expect(latest.count).toBe(1);
    expect(latest.items[0]).toMatchObject({ countReclaimedPaths: expect.any(Number), loadAverage15m: expect.any(Number) });
  });

  test("errors name the lookup and the connector; bad arguments fail before any request", async () => {
    const unknown = await failure(getConnectorLatestEvents("0".repeat(32)));
    expect(unknown.message).toMatch(/^getConnectorLatestEvents '0{32}': Cloudflare 1004: Connector not found/);
    // An id cannot escape its path segment.
    expect((await failure(getConnectorLatestSnapshots("../../apps"))).message).toContain("404");

    const before = emulator().stats.totalRequests;
    expect((await failure(getConnectorEvents(id, { from: Number.NaN, to: TO }))).message).toBe(
      "getConnectorEvents: from must be seconds since the Unix epoch or a valid Date.",
    );
    expect((await failure(getConnectorSnapshots("", { from: FROM, to: TO }))).message).toBe(
      "getConnectorSnapshots: connectorId must be a non-empty string.",
    );
    expect((await failure(getConnectorEvent(id, 1.5, 0))).message).toContain("t and n must be whole numbers");
    expect(emulator().stats.totalRequests).toBe(before);
    const bad = await failure(getConnectorEvents(id, { from: TO, to: FROM }));
    expect(bad.message).toContain("to must not be earlier than from");
  });
});
