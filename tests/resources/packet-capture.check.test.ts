import { DefinedProvider } from "../../provider/framework/provider";
import { UNKNOWN } from "../../shared/values";
import { definition as packetCapture } from "../../provider/resources/magic/packet-capture";
import { failures } from "./check-helpers";

const capture = new DefinedProvider(packetCapture);

const BUCKET = "s3://pcaps-bucket?region=us-east-1";

const simple = { __token: "magic:PacketCapture", type: "simple", system: "magic-transit", timeLimit: 300, packetLimit: 10000 };

const full = {
  __token: "magic:PacketCapture",
  type: "full",
  system: "magic-transit",
  timeLimit: 60,
  coloName: "ord02",
  destinationConf: BUCKET,
};

describe("PacketCapture check", () => {
  it.each([
    ["simple", simple],
    [
      "simple with a filter and offset",
      {
        ...simple,
        offsetTime: "2026-11-21T08:00:00+01:00",
        filterV1: { destinationAddress: "1.2.3.4", destinationPort: 80, protocol: 6, sourceAddress: "2001:db8::1", sourcePort: 0 },
      },
    ],
    ["full", full],
    ["full with limits", { ...full, byteLimit: 1_000_000_000, packetLimit: 1 }],
    [
      "a full capture on a multi-colo name into a Google Cloud bucket",
      { ...full, coloName: "ORD", destinationConf: "gs://pcaps/captures" },
    ],
  ])("accepts %s", async (_name, inputs) => {
    expect(await failures(capture, inputs)).toEqual([]);
  });

  it.each([
    [simple, { type: "sampled" }, "type", 'type must be one of "simple", "full" (got "sampled").'],
    [simple, { system: "magic-wan" }, "system", 'system must be "magic-transit" (got "magic-wan").'],
    [simple, { timeLimit: 0 }, "timeLimit", "timeLimit must be at least 1 (got 0)."],
    [simple, { timeLimit: 301 }, "timeLimit", "timeLimit must be at most 300 (got 301)."],
    [simple, { timeLimit: undefined }, "timeLimit", "timeLimit is required (PacketCapture needs a number)."],
    [simple, { packetLimit: 10001 }, "packetLimit", "packetLimit must be at most 10000 (got 10001)."],
    [simple, { packetLimit: 2.5 }, "packetLimit", "packetLimit must be a whole number (got 2.5)."],
    [simple, { packetLimit: undefined }, "packetLimit", "packetLimit is required for a simple packet capture."],
    [simple, { coloName: "ord02" }, "coloName", 'coloName only applies to full packet captures (type is "simple").'],
    [simple, { destinationConf: BUCKET }, "destinationConf", "destinationConf only applies to full packet captures"],
    [simple, { byteLimit: 100 }, "byteLimit", "byteLimit only applies to full packet captures"],
    [simple, { offsetTime: "2026-11-21 08:00" }, "offsetTime", "offsetTime must be an RFC 3339 timestamp such as 2026-01-01T08:00:00Z"],
    [simple, { offsetTime: "2026-13-45T08:00:00Z" }, "offsetTime", "offsetTime must be an RFC 3339 timestamp"],
    [
      simple,
      { filterV1: { destinationAddress: "1.2.3" } },
      "filterV1.destinationAddress",
      "filterV1.destinationAddress must be an IPv4 or IPv6 address",
    ],
    [
      simple,
      { filterV1: { destinationPort: 65536 } },
      "filterV1.destinationPort",
      "filterV1.destinationPort must be at most 65535 (got 65536).",
    ],
    [simple, { filterV1: { sourcePort: -1 } }, "filterV1.sourcePort", "filterV1.sourcePort must be at least 0"],
    [simple, { filterV1: { protocol: 256 } }, "filterV1.protocol", "filterV1.protocol must be at most 255"],
    [simple, { filterV1: { port: 80 } }, "filterV1.port", "filterV1.port is not a property of filterV1; check its spelling."],
    [full, { coloName: undefined }, "coloName", "coloName is required for a full packet capture"],
    [full, { destinationConf: undefined }, "destinationConf", "destinationConf is required for a full packet capture"],
    [full, { destinationConf: "https://bucket.s3.amazonaws.com" }, "destinationConf", "destinationConf must be the bucket's full URI"],
    [full, { offsetTime: "2026-11-21T08:00:00Z" }, "offsetTime", 'offsetTime only applies to simple packet captures (type is "full").'],
    [full, { byteLimit: 0 }, "byteLimit", "byteLimit must be at least 1"],
    [full, { byteLimit: 1_000_000_001 }, "byteLimit", "byteLimit must be at most 1000000000"],
    [full, { colo: "ord02" }, "colo", "colo is not a property of PacketCapture; check its spelling."],
  ])("rejects %j + %j on %s with a sentence naming it", async (base, override, property, text) => {
    const hit = (await failures(capture, { ...base, ...override })).find((f) => f.property === property);
    expect(hit?.reason).toContain(text);
  });

  it("does not apply the per-type rules while the type is unknown, nor validate unknown values", async () => {
    expect(await failures(capture, { ...simple, type: UNKNOWN, coloName: "ord02", packetLimit: undefined })).toEqual([]);
    expect(await failures(capture, { ...full, destinationConf: UNKNOWN, timeLimit: UNKNOWN, filterV1: UNKNOWN })).toEqual([]);
  });

  it("leaves the 24-hour window of offsetTime to the API, so an unchanged program stays valid later", async () => {
    expect(await failures(capture, { ...simple, offsetTime: "2020-01-01T08:00:00Z" })).toEqual([]);
  });
});

describe("PacketCapture diff", () => {
  // State as the API leaves it, with the server fields a read refreshes.
  const state = (inputs: Record<string, unknown>, server: Record<string, unknown> = {}) => ({
    ...inputs,
    status: "pending",
    submitted: "2026-11-22T00:00:00Z",
    accountId: "0123456789abcdef0123456789abcdef",
    ...server,
    __inputPaths: Object.keys(inputs).filter((k) => !k.startsWith("__")),
  });

  it("never diffs on status, counters or server defaults", async () => {
    const olds = state(full, { status: "complete", packetsCaptured: 1234, stopRequested: "2026-11-22T00:01:00Z", errorMessage: "x" });
    expect((await capture.diff("id", olds, full)).changes).toBe(false);
    const s = state(simple, { status: "success", offsetTime: "2026-11-22T00:00:00Z" });
    expect((await capture.diff("id", s, simple)).changes).toBe(false);
  });

  it("replaces on every change: there is no update endpoint", async () => {
    const d = await capture.diff("id", state(simple), { ...simple, timeLimit: 60, filterV1: { protocol: 17 } });
    expect(d.changes).toBe(true);
    expect([...(d.replaces ?? [])].sort()).toEqual(["filterV1", "timeLimit"]);
    const removed = await capture.diff("id", state({ ...simple, offsetTime: "2026-11-21T08:00:00Z" }), simple);
    expect(removed.replaces).toEqual(["offsetTime"]);
    expect((await capture.diff("id", state(full), { ...full, coloName: UNKNOWN })).replaces).toEqual(["coloName"]);
  });
});
