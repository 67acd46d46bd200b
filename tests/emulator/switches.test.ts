/**
 * The test switches of emulator/README.md ("Test switches"): one `configure(changes)` for all of
 * them, merging objects over the current value, `null` for the default, and each emulator its own.
 */
import type { Emulator } from "../../emulator";
import { ACCOUNT, GRE_PATH, TOKEN, call, start } from "./helpers";

const PCAPS = `/accounts/${ACCOUNT}/pcaps`;
const HOUR = 60 * 60 * 1000;
const simple = { type: "simple", system: "magic-transit", time_limit: 300, packet_limit: 10 };

/** The status a simple capture submitted `agoMs` ago is read with (created through the API when 0). */
async function captureStatus(emulator: Emulator, agoMs = 0): Promise<string> {
  let id: string;
  if (agoMs === 0) {
    const created = await call(emulator, "POST", PCAPS, { body: simple });
    expect(created.status).toBe(200);
    id = created.body.result.id;
  } else {
    const submitted = new Date(Date.now() - agoMs).toISOString();
    id = emulator.store.insert(ACCOUNT, "pcaps", { ...simple, status: "pending", submitted }).id;
  }
  return (await call(emulator, "GET", `${PCAPS}/${id}`)).body.result.status;
}

let emulators: Emulator[] = [];
afterEach(async () => {
  for (const e of emulators) await e.close();
  emulators = [];
});
async function emulator(options: Parameters<typeof start>[0] = {}): Promise<Emulator> {
  const e = await start(options);
  emulators.push(e);
  return e;
}

test("two emulators in one process keep their own capture timing", async () => {
  const fast = await emulator({ pcapTiming: { pendingMs: 0, simpleRunMs: 0 } });
  const slow = await emulator({ pcapTiming: { pendingMs: HOUR } });
  expect(await captureStatus(fast)).toBe("success");
  expect(await captureStatus(slow)).toBe("pending");
  slow.configure({ pcapTiming: { pendingMs: 0, simpleRunMs: HOUR } });
  expect(await captureStatus(slow)).toBe("running");
  expect(await captureStatus(fast)).toBe("success");
});

test("an object merges over the switch's current value; null restores the default", async () => {
  const e = await emulator({ pcapTiming: { pendingMs: 0, simpleRunMs: HOUR } });
  // Only pendingMs changes: simpleRunMs stays an hour, so the capture runs.
  e.configure({ pcapTiming: { pendingMs: 0 } });
  expect(await captureStatus(e)).toBe("running");
  e.configure({ pcapTiming: { simpleRunMs: 0 } });
  expect(await captureStatus(e)).toBe("success");
  // Back to the defaults (pending for 1 s, then running for 2 s): a capture submitted 1.5 s ago runs.
  e.configure({ pcapTiming: null });
  expect(await captureStatus(e, 1500)).toBe("running");
});

test("cni: merged, and per emulator", async () => {
  const down = { state: "Down" as const, reason: "No light received on the cross-connect" };
  const a = await emulator({ cni: { initialStatus: down } });
  const b = await emulator();
  const physical = async (e: Emulator) => {
    const slots = await call(e, "GET", `/accounts/${ACCOUNT}/cni/slots?occupied=false`);
    const body = { account: ACCOUNT, slot_id: slots.body.items[0].id, type: "a" };
    const created = await call(e, "POST", `/accounts/${ACCOUNT}/cni/interconnects`, { body });
    expect(created.status).toBe(200);
    return (await call(e, "GET", `/accounts/${ACCOUNT}/cni/interconnects/${created.body.name}/status`)).body;
  };
  expect(await physical(a)).toEqual(down);
  expect(await physical(b)).toEqual({ state: "Pending" });
  // healthyAfterMs given alone keeps initialStatus; null drops it.
  a.configure({ cni: { healthyAfterMs: 0 } });
  expect(await physical(a)).toEqual(down);
  a.configure({ cni: null });
  expect(await physical(a)).toEqual({ state: "Pending" });
});

test("faults and rate limit: merged over the current options, null switches them off", async () => {
  const e = await emulator({ tokens: [TOKEN], faults: { seed: 3, rate5xx: 1 } });
  expect([500, 502, 503]).toContain((await call(e, "GET", GRE_PATH)).status);
  // A change that leaves rate5xx alone keeps it.
  e.configure({ faults: { seed: 4 } });
  expect([500, 502, 503]).toContain((await call(e, "GET", GRE_PATH)).status);
  e.configure({ faults: null, rateLimit: { requests: 1, windowSeconds: 60 } });
  expect((await call(e, "GET", GRE_PATH)).status).toBe(200);
  expect((await call(e, "GET", GRE_PATH)).status).toBe(429);
  // Merged: the window stays 60 s; the new quota starts over, lockouts forgotten.
  e.configure({ rateLimit: { requests: 2 } });
  expect((await call(e, "GET", GRE_PATH)).headers.get("ratelimit-policy")).toBe('"default";q=2;w=60');
  e.configure({ rateLimit: null });
  const free = await call(e, "GET", GRE_PATH);
  expect(free.status).toBe(200);
  expect(free.headers.get("ratelimit-policy")).toBeNull();
});

test("an invalid change throws and changes nothing", async () => {
  const e = await emulator({ pcapTiming: { pendingMs: HOUR } });
  expect(() => e.configure({ latencyMs: 0, pcapTiming: { pendingMs: 0 }, faults: { rate5xx: 0.6, rate429: 0.6 } })).toThrow(
    /add up to at most 1/,
  );
  expect(() => e.configure({ faults: { rate5xx: 1 }, rateLimit: { requests: 1 } })).toThrow(/invalid rate limit/);
  // Neither the capture timing of the first call nor the faults of the second were applied.
  expect((await call(e, "GET", GRE_PATH)).status).toBe(200);
  e.configure({ pcapTiming: { simpleRunMs: 0 } });
  expect(await captureStatus(e)).toBe("pending");
});
