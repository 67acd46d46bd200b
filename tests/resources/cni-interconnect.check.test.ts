import { DefinedProvider } from "../../provider/framework/provider";
import { UNKNOWN } from "../../shared/values";
import {
  definition as interconnect,
  pollDelayMs,
  waitForInterconnectStatus,
  type WaitTiming,
} from "../../provider/resources/cni/interconnect";
import { ACCOUNT, failures } from "./check-helpers";

const SLOT = "182bd5e5-6e1a-4fe4-a799-aa6d9a6ab26e";

const PAIRING_KEY = "7e51371e-72a3-40b5-b844-2e3efefaee59/us-central1/2";

const icons = new DefinedProvider(interconnect);

const physical = { __token: "cni:Interconnect", type: "direct", slotId: SLOT };

const gcp = { __token: "cni:Interconnect", type: "gcp_partner", bandwidth: "1G", pairingKey: PAIRING_KEY };

describe("Interconnect check", () => {
  it("accepts a physical and a GCP Partner interconnect", async () => {
    expect(await failures(icons, physical)).toEqual([]);
    expect(
      await failures(icons, { ...physical, speed: "10G", account: ACCOUNT, waitForStatus: { status: "Healthy", timeoutSeconds: 60 } }),
    ).toEqual([]);
    expect(await failures(icons, gcp)).toEqual([]);
  });

  it.each([
    [
      { ...physical, slotId: undefined },
      "slotId",
      "slotId is required for a physical interconnect (or give bandwidth and pairingKey for a GCP Partner interconnect).",
    ],
    [
      { ...physical, bandwidth: "1G" },
      "bandwidth",
      "bandwidth must not be set together with slotId: an Interconnect is either physical (slotId, speed) or GCP Partner (bandwidth, pairingKey).",
    ],
    [{ ...physical, pairingKey: PAIRING_KEY }, "pairingKey", "pairingKey must not be set together with slotId"],
    [{ ...gcp, pairingKey: undefined }, "pairingKey", "pairingKey is required with bandwidth (a GCP Partner interconnect needs both)."],
    [{ ...gcp, bandwidth: undefined }, "bandwidth", "bandwidth is required with pairingKey (a GCP Partner interconnect needs both)."],
    [{ ...gcp, speed: "10G" }, "speed", "speed applies to physical interconnects only; a GCP Partner interconnect takes bandwidth."],
    [
      { ...gcp, bandwidth: "3G" },
      "bandwidth",
      'bandwidth must be one of "50M", "100M", "200M", "300M", "400M", "500M", "1G", "2G", "5G", "10G", "20G", "50G" (got "3G").',
    ],
    [{ ...physical, slotId: "slot-1" }, "slotId", "slotId must be a slot id (a UUID such as 182bd5e5-6e1a-4fe4-a799-aa6d9a6ab26e)"],
    [{ ...physical, type: undefined }, "type", "type is required"],
    [{ ...physical, type: "" }, "type", "type must be at least 1 characters long"],
    [
      { ...physical, waitForStatus: { status: "Down" } },
      "waitForStatus.status",
      'waitForStatus.status must be one of "Pending", "Healthy" (got "Down").',
    ],
    [
      { ...physical, waitForStatus: { status: "Healthy", timeoutSeconds: 0 } },
      "waitForStatus.timeoutSeconds",
      "waitForStatus.timeoutSeconds must be at least 1 (got 0).",
    ],
    [
      { ...physical, waitForStatus: { status: "Healthy", timeout: 5 } },
      "waitForStatus.timeout",
      "waitForStatus.timeout is not a property of waitForStatus",
    ],
    [{ ...physical, slot: SLOT }, "slot", "slot is not a property of Interconnect; did you mean slotId?"],
  ])("rejects %j on %s with a sentence naming it", async (inputs, property, text) => {
    const hit = (await failures(icons, inputs)).find((f) => f.property === property);
    expect(hit?.reason).toContain(text);
  });

  it("never echoes the pairing key", async () => {
    const f = await failures(icons, { ...gcp, pairingKey: "" });
    expect(f[0].property).toBe("pairingKey");
    expect(f[0].reason).not.toContain('""');
  });

  it("treats unknown values as set but not yet known", async () => {
    expect(await failures(icons, { ...physical, slotId: UNKNOWN })).toEqual([]);
    expect(await failures(icons, { ...gcp, pairingKey: UNKNOWN, bandwidth: UNKNOWN })).toEqual([]);
  });

  it("fills the body's account from the resource's account", () => {
    expect(interconnect.toApi!({ type: "direct", slot_id: SLOT }, { accountId: ACCOUNT })).toEqual({
      type: "direct",
      slot_id: SLOT,
      account: ACCOUNT,
    });
    expect(interconnect.toApi!({ account: "other" }, { accountId: ACCOUNT })).toEqual({ account: "other" });
  });

  it("reports a GCP Partner interconnect's speed as its bandwidth too", () => {
    expect(interconnect.fromApi!({ region: "us-central1", speed: "1G" })).toEqual({ region: "us-central1", speed: "1G", bandwidth: "1G" });
    expect(interconnect.fromApi!({ slotId: SLOT, speed: "10G" })).toEqual({ slotId: SLOT, speed: "10G" });
  });
});

describe("Interconnect diff", () => {
  const state = {
    ...physical,
    account: ACCOUNT,
    facility: { name: "Equinix CH1", address: ["350 E Cermak Rd"] },
    site: "ord01",
    speed: "10G",
    accountId: ACCOUNT,
    __inputPaths: ["type", "slotId"],
  };

  it("never diffs server-filled fields; every input change replaces (the API has no update)", async () => {
    expect((await icons.diff("icon-1", state, physical)).changes).toBe(false);
    expect(await icons.diff("icon-1", state, { ...physical, speed: "100G" })).toMatchObject({ changes: true, replaces: ["speed"] });
    expect(await icons.diff("icon-1", state, { ...physical, type: "other" })).toMatchObject({ changes: true, replaces: ["type"] });
    // waitForStatus is ours, not the API's: changing it is an update (which waits again), never a replacement.
    expect(await icons.diff("icon-1", state, { ...physical, waitForStatus: { status: "Healthy" } })).toMatchObject({
      changes: true,
      replaces: [],
    });
  });
});

describe("Interconnect waitForStatus", () => {
  /** A fake clock: sleeping advances it; the status endpoint answers from a script, one answer per poll. */
  function scripted(answers: Array<Record<string, unknown>>) {
    let now = 0;
    const slept: number[] = [];
    const lines: string[] = [];
    const paths: string[] = [];
    const timing: WaitTiming = {
      sleep: async (ms) => {
        slept.push(ms);
        now += ms;
      },
      now: () => now,
      log: (line) => lines.push(line),
    };
    const op = {
      ctx: { accountId: ACCOUNT, props: {} },
      label: "create Interconnect 'ord-port'",
      request: (async (spec: { path: string }) => {
        paths.push(spec.path);
        return answers[Math.min(paths.length - 1, answers.length - 1)];
      }) as never,
    };
    return { op, timing, slept, lines, paths };
  }

  it("polls the status endpoint with backoff from 1 s up to 15 s until the status is reached", async () => {
    const s = scripted([...Array(6).fill({ state: "Pending" }), { state: "Healthy" }]);
    expect(await waitForInterconnectStatus(s.op, "icon-1", { status: "Healthy" }, s.timing)).toBe("Healthy");
    expect(s.paths).toHaveLength(7);
    expect(s.paths[0]).toBe(`/accounts/${ACCOUNT}/cni/interconnects/icon-1/status`);
    expect(s.slept).toEqual([1000, 2000, 4000, 8000, 15000, 15000]);
    expect([0, 1, 2, 3, 4, 5, 10].map(pollDelayMs)).toEqual([1000, 2000, 4000, 8000, 15000, 15000, 15000]);
    // Progress: the start, each new state and a reminder every 30 s (not every poll), and the end.
    expect(s.lines).toEqual([
      "create Interconnect 'ord-port': waiting up to 600s for interconnect icon-1 to be Healthy",
      "create Interconnect 'ord-port': interconnect icon-1 is Pending; waiting for Healthy (0s of 600s)",
      "create Interconnect 'ord-port': interconnect icon-1 is Pending; waiting for Healthy (30s of 600s)",
      "create Interconnect 'ord-port': interconnect icon-1 is Healthy after 45s",
    ]);
  });

  it("Healthy also satisfies a wait for Pending", async () => {
    const s = scripted([{ state: "Healthy" }]);
    expect(await waitForInterconnectStatus(s.op, "icon-1", { status: "Pending" }, s.timing)).toBe("Healthy");
    expect(s.slept).toEqual([]);
  });

  it.each(["Down", "Unhealthy"])("fails with Cloudflare's reason when the interconnect is %s", async (state) => {
    const s = scripted([{ state: "Pending" }, { state, reason: "No light on the cross-connect" }]);
    await expect(waitForInterconnectStatus(s.op, "icon-1", { status: "Healthy" }, s.timing)).rejects.toThrow(
      `create Interconnect 'ord-port': interconnect icon-1 is ${state}: No light on the cross-connect. It was created and stays in the stack`,
    );
  });

  it("says so when Cloudflare gives no reason", async () => {
    const s = scripted([{ state: "Down" }]);
    await expect(waitForInterconnectStatus(s.op, "icon-1", { status: "Pending" }, s.timing)).rejects.toThrow(
      "is Down: Cloudflare gave no reason.",
    );
  });

  it("times out after timeoutSeconds, the last sleep cut to the deadline, and logs at least every 30 s", async () => {
    const s = scripted([{ state: "Pending" }]);
    await expect(waitForInterconnectStatus(s.op, "icon-1", { status: "Healthy", timeoutSeconds: 70 }, s.timing)).rejects.toThrow(
      "interconnect icon-1 was still Pending after 70s (waitForStatus Healthy)",
    );
    expect(s.slept).toEqual([1000, 2000, 4000, 8000, 15000, 15000, 15000, 10000]);
    expect(s.lines.filter((l) => l.includes("is Pending"))).toHaveLength(3);
  });
});
