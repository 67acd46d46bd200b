import { DefinedProvider } from "../../provider/framework/provider";
import { UNKNOWN } from "../../provider/framework/values";
import { definition as cni } from "../../provider/resources/cni/cni";
import { definition as cniSettings } from "../../provider/resources/cni/cni-settings";
import { definition as interconnect, pollDelayMs, waitForInterconnectStatus, type WaitTiming } from "../../provider/resources/cni/interconnect";

const ACCOUNT = "0123456789abcdef0123456789abcdef";
const SLOT = "182bd5e5-6e1a-4fe4-a799-aa6d9a6ab26e";
const PAIRING_KEY = "7e51371e-72a3-40b5-b844-2e3efefaee59/us-central1/2";

const icons = new DefinedProvider(interconnect);
const cnis = new DefinedProvider(cni);
const settings = new DefinedProvider(cniSettings);

const physical = { __token: "cni:Interconnect", type: "direct", slotId: SLOT };
const gcp = { __token: "cni:Interconnect", type: "gcp_partner", bandwidth: "1G", pairingKey: PAIRING_KEY };
const validCni = { __token: "cni:Cni", interconnect: "icon-1", magic: { conduitName: "ord_cni_1", description: "Chicago", mtu: 1500 } };

async function failures(p: DefinedProvider, inputs: Record<string, unknown>) {
  return (await p.check({}, inputs)).failures ?? [];
}

describe("Interconnect check", () => {
  it("accepts a physical and a GCP Partner interconnect", async () => {
    expect(await failures(icons, physical)).toEqual([]);
    expect(await failures(icons, { ...physical, speed: "10G", account: ACCOUNT, waitForStatus: { status: "Healthy", timeoutSeconds: 60 } })).toEqual([]);
    expect(await failures(icons, gcp)).toEqual([]);
  });

  it.each([
    [{ ...physical, slotId: undefined }, "slotId", "slotId is required for a physical interconnect (or give bandwidth and pairingKey for a GCP Partner interconnect)."],
    [{ ...physical, bandwidth: "1G" }, "bandwidth", "bandwidth must not be set together with slotId: an Interconnect is either physical (slotId, speed) or GCP Partner (bandwidth, pairingKey)."],
    [{ ...physical, pairingKey: PAIRING_KEY }, "pairingKey", "pairingKey must not be set together with slotId"],
    [{ ...gcp, pairingKey: undefined }, "pairingKey", "pairingKey is required with bandwidth (a GCP Partner interconnect needs both)."],
    [{ ...gcp, bandwidth: undefined }, "bandwidth", "bandwidth is required with pairingKey (a GCP Partner interconnect needs both)."],
    [{ ...gcp, speed: "10G" }, "speed", "speed applies to physical interconnects only; a GCP Partner interconnect takes bandwidth."],
    [{ ...gcp, bandwidth: "3G" }, "bandwidth", 'bandwidth must be one of "50M", "100M", "200M", "300M", "400M", "500M", "1G", "2G", "5G", "10G", "20G", "50G" (got "3G").'],
    [{ ...physical, slotId: "slot-1" }, "slotId", "slotId must be a slot id (a UUID such as 182bd5e5-6e1a-4fe4-a799-aa6d9a6ab26e)"],
    [{ ...physical, type: undefined }, "type", "type is required"],
    [{ ...physical, type: "" }, "type", "type must be at least 1 characters long"],
    [{ ...physical, waitForStatus: { status: "Down" } }, "waitForStatus.status", 'waitForStatus.status must be one of "Pending", "Healthy" (got "Down").'],
    [{ ...physical, waitForStatus: { status: "Healthy", timeoutSeconds: 0 } }, "waitForStatus.timeoutSeconds", "waitForStatus.timeoutSeconds must be at least 1 (got 0)."],
    [{ ...physical, waitForStatus: { status: "Healthy", timeout: 5 } }, "waitForStatus.timeout", "waitForStatus.timeout is not a property of waitForStatus"],
    [{ ...physical, slot: SLOT }, "slot", "slot is not a property of Interconnect; check its spelling."],
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
    expect(interconnect.toApi!({ type: "direct", slot_id: SLOT }, { accountId: ACCOUNT })).toEqual({ type: "direct", slot_id: SLOT, account: ACCOUNT });
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
    expect(await icons.diff("icon-1", state, { ...physical, waitForStatus: { status: "Healthy" } })).toMatchObject({ changes: true, replaces: [] });
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
    await expect(waitForInterconnectStatus(s.op, "icon-1", { status: "Pending" }, s.timing)).rejects.toThrow("is Down: Cloudflare gave no reason.");
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

describe("Cni check", () => {
  it("accepts a CNI with and without BGP", async () => {
    expect(await failures(cnis, validCni)).toEqual([]);
    expect(await failures(cnis, { ...validCni, bgp: { customerAsn: 65010, extraPrefixes: ["192.0.2.0/24"], md5Key: "k3y!#" } })).toEqual([]);
  });

  it.each([
    [{ interconnect: undefined }, "interconnect", "interconnect is required"],
    [{ magic: undefined }, "magic", "magic is required"],
    [{ magic: { conduitName: "c", description: "d" } }, "magic.mtu", "magic.mtu is required"],
    [{ magic: { conduitName: "c", description: "d", mtu: 500 } }, "magic.mtu", "magic.mtu must be at least 576 (got 500)."],
    [{ magic: { conduitName: "c", description: "d", mtu: 1500.5 } }, "magic.mtu", "magic.mtu must be"],
    [{ magic: { conduitName: "", description: "d", mtu: 1500 } }, "magic.conduitName", "magic.conduitName must be at least 1 characters long"],
    [{ magic: { conduitName: "c", mtu: 1500 } }, "magic.description", "magic.description is required"],
    [{ bgp: { customerAsn: 0 } }, "bgp.customerAsn", "bgp.customerAsn must be at least 1"],
    [{ bgp: { customerAsn: 4294967296 } }, "bgp.customerAsn", "bgp.customerAsn must be at most 4294967295"],
    [{ bgp: { customerAsn: 65010, md5Key: "why?" } }, "bgp.md5Key", "bgp.md5Key must contain only printable ASCII characters other than the quotation mark"],
    [{ bgp: { customerAsn: 65010, md5Key: 'a"b' } }, "bgp.md5Key", "no tabs or line breaks"],
    [{ bgp: { customerAsn: 65010, md5Key: "new\nline" } }, "bgp.md5Key", "bgp.md5Key must contain only printable ASCII"],
    [{ bgp: { customerAsn: 65010, md5Key: "" } }, "bgp.md5Key", "bgp.md5Key must be at least 1 characters long"],
    [{ bgp: { customerAsn: 65010, extraPrefixes: ["192.0.2.1/24"] } }, "bgp.extraPrefixes.0", "no host bits set"],
    [{ bgpMode: "static" }, "bgpMode", 'bgpMode must be one of "dynamic_route_exchange", "advertise_only"'],
    [{ bgp: { customerAsn: 65010, importFilterId: "0123456789abcdef0123456789abcdef" } }, "bgp.importFilterId", "bgp.importFilterId is not a property of bgp"],
    [{ p2pIp: "100.64.0.0/31" }, "p2pIp", "p2pIp is not a property of Cni"],
  ])("rejects %j on %s with a sentence naming it", async (override, property, text) => {
    const hit = (await failures(cnis, { ...validCni, ...override })).find((f) => f.property === property);
    expect(hit?.reason).toContain(text);
  });

  it("never echoes the MD5 key", async () => {
    const f = await failures(cnis, { ...validCni, bgp: { customerAsn: 65010, md5Key: "secret?" } });
    expect(f[0].reason).not.toContain("secret?");
  });

  it("fills the body's account from the resource's account", () => {
    expect(cni.toApi!({ interconnect: "icon-1" }, { accountId: ACCOUNT })).toEqual({ interconnect: "icon-1", account: ACCOUNT });
    expect(cni.toApi!({ account: "other" }, { accountId: ACCOUNT })).toEqual({ account: "other" });
  });

  it("always sends bgp.extra_prefixes with bgp, never bgp_mode on create, and the whole object on update", () => {
    const body = { interconnect: "icon-1", magic: { conduit_name: "c", description: "", mtu: 1500 }, bgp: { customer_asn: 65010 }, bgp_mode: "advertise_only" };
    expect(cni.toApi!(body, { accountId: ACCOUNT })).toEqual({
      interconnect: "icon-1", magic: body.magic, bgp: { customer_asn: 65010, extra_prefixes: [] }, account: ACCOUNT,
    });
    const olds = { custIp: "100.64.0.1/31", p2pIp: "100.64.0.0/31", account: ACCOUNT };
    expect(cni.toApi!(body, { accountId: ACCOUNT }, { id: "c1", olds })).toEqual({
      id: "c1", account: ACCOUNT, cust_ip: "100.64.0.1/31", p2p_ip: "100.64.0.0/31", interconnect: "icon-1", magic: body.magic,
      bgp: { customer_asn: 65010, extra_prefixes: [] }, bgp_mode: "advertise_only",
    });
    // What is left of a removed session (server-filled extra_prefixes) is no session.
    expect(cni.toApi!({ interconnect: "icon-1", bgp: { extra_prefixes: [] } }, { accountId: ACCOUNT }, { id: "c1", olds })).not.toHaveProperty("bgp");
  });

  it("finds a lost create by interconnect and conduit name", () => {
    const inputs = { interconnect: "icon-1", magic: { conduitName: "ord_cni_1" } };
    expect(cni.isSameObject!({ interconnect: "icon-1", magic: { conduit_name: "ord_cni_1" } }, inputs)).toBe(true);
    expect(cni.isSameObject!({ interconnect: "icon-2", magic: { conduit_name: "ord_cni_1" } }, inputs)).toBe(false);
    expect(cni.isSameObject!({ interconnect: "icon-1", magic: { conduit_name: "other" } }, inputs)).toBe(false);
  });
});

describe("Cni diff", () => {
  const state = {
    ...validCni,
    account: ACCOUNT,
    p2pIp: "100.64.0.0/31",
    custIp: "100.64.0.1/31",
    accountId: ACCOUNT,
    __inputPaths: ["interconnect", "magic.conduitName", "magic.description", "magic.mtu"],
  };

  it("updates magic and bgp in place, replaces on a new interconnect, never diffs the link", async () => {
    expect((await cnis.diff("c1", state, validCni)).changes).toBe(false);
    expect(await cnis.diff("c1", state, { ...validCni, magic: { ...validCni.magic, mtu: 1400 } })).toMatchObject({ changes: true, replaces: [] });
    expect(await cnis.diff("c1", state, { ...validCni, bgp: { customerAsn: 65010 } })).toMatchObject({ changes: true, replaces: [] });
    const moved = await cnis.diff("c1", state, { ...validCni, interconnect: "icon-2" });
    expect(moved).toMatchObject({ changes: true, replaces: ["interconnect"] });
    // A new interconnect means a new conduit: the old CNI need not go first.
    expect(moved.deleteBeforeReplace).toBeUndefined();
    expect(await cnis.diff("c1", state, { ...validCni, interconnect: UNKNOWN })).toMatchObject({ replaces: ["interconnect"] });
  });
});

describe("CniSettings", () => {
  it.each([
    [{}, "defaultAsn", "defaultAsn is required"],
    [{ defaultAsn: 0 }, "defaultAsn", "defaultAsn must be at least 1 (got 0)."],
    [{ defaultAsn: 1.5 }, "defaultAsn", "defaultAsn must be"],
    [{ defaultAsn: 65001, asn: 1 }, "asn", "asn is not a property of CniSettings"],
  ])("rejects %j on %s", async (inputs, property, text) => {
    const hit = (await failures(settings, { __token: "cni:CniSettings", ...inputs })).find((f) => f.property === property);
    expect(hit?.reason).toContain(text);
  });

  it("updates in place; the path ignores the id", async () => {
    const state = { defaultAsn: 65001, restoreOnDelete: { defaultAsn: 13335 }, accountId: ACCOUNT, __inputPaths: ["defaultAsn"] };
    expect((await settings.diff(ACCOUNT, state, { defaultAsn: 65001 })).changes).toBe(false);
    expect(await settings.diff(ACCOUNT, state, { defaultAsn: 65002 })).toMatchObject({ changes: true, replaces: [] });
    expect(cniSettings.api.item({ accountId: ACCOUNT, props: {} }, "anything")).toBe(`/accounts/${ACCOUNT}/cni/settings`);
  });
});
