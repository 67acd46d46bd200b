/** The engine-log module against a fake engine: what it sends, and that it never fails a caller. */
import * as net from "node:net";
import { connectEngineLog, isEngineAddress } from "../../provider/engine/log";
import { type FakeEngine, startFakeEngine } from "../harness/engine";

describe("engine log", () => {
  let engine: FakeEngine;
  beforeEach(async () => {
    engine = await startFakeEngine();
  });
  afterEach(async () => {
    await engine.stop();
  });

  test("sends severity, message, URN and the ephemeral flag as the engine's LogRequest", async () => {
    const log = connectEngineLog(engine.address);
    expect(log.connected).toBe(true);
    const urn = "urn:pulumi:dev::p::cloudflare-magic:cni:Interconnect::ic";
    await log.log("info", "waiting for the interconnect (30 s of 900 s)", urn, true);
    await log.log("warning", "nexthop is public", urn);
    await log.log("debug", "no urn");
    await log.close();
    expect(engine.logs).toEqual([
      { severity: "info", message: "waiting for the interconnect (30 s of 900 s)", urn, ephemeral: true },
      { severity: "warning", message: "nexthop is public", urn, ephemeral: false },
      { severity: "debug", message: "no urn", urn: "", ephemeral: false },
    ]);
  });

  test("close waits for messages in flight; a closed log sends nothing more", async () => {
    const log = connectEngineLog(engine.address);
    void log.log("error", "one");
    void log.log("error", "two");
    await log.close();
    expect(engine.logs.map((m) => m.message).sort()).toEqual(["one", "two"]);
    await log.log("error", "after close");
    await log.close();
    expect(engine.logs).toHaveLength(2);
  });

  test("no address, or the harness's port 0, is a log that does nothing", async () => {
    for (const address of [undefined, "", "127.0.0.1:0", "not an address"]) {
      const log = connectEngineLog(address);
      expect(log.connected).toBe(false);
      await expect(log.log("warning", "x", "urn")).resolves.toBeUndefined();
      await log.close();
    }
    expect(isEngineAddress("127.0.0.1:51234")).toBe(true);
    expect(engine.logs).toEqual([]);
  });

  test("an engine that is gone (nothing listens) neither throws nor rejects", async () => {
    // A port that was free a moment ago: the send fails with UNAVAILABLE, which the log swallows.
    const port = await new Promise<number>((resolve) => {
      const s = net.createServer().listen(0, "127.0.0.1", () => {
        const p = (s.address() as net.AddressInfo).port;
        s.close(() => resolve(p));
      });
    });
    const log = connectEngineLog(`127.0.0.1:${port}`);
    await expect(log.log("warning", "lost", "urn")).resolves.toBeUndefined();
    await log.close();
  });
});
