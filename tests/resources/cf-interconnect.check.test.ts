import { DefinedProvider } from "../../provider/framework/provider";
import { UNKNOWN } from "../../shared/values";
import { definition as cfInterconnect } from "../../provider/resources/magic/cf-interconnect";
import { failures, state } from "./check-helpers";

const ic = new DefinedProvider(cfInterconnect);

const validIc = { __token: "magic:CfInterconnect", interconnectId: "c4a7362d577a6c3019a474fd6f485821" };

describe("CfInterconnect check", () => {
  it("accepts the settings of the update body", async () => {
    const inputs = {
      ...validIc,
      name: "pni_ord",
      description: "PNI to ORD",
      automaticReturnRouting: true,
      gre: { cloudflareEndpoint: "203.0.113.1" },
      healthCheck: { enabled: true, rate: "low", type: "request", target: "192.0.2.9" },
      interfaceAddress: "192.168.4.0/31",
      interfaceAddress6: "2606:54c1:7:0:a9fe:12d2:1:200/127",
      mtu: 1476,
    };
    const r = await ic.check({}, inputs);
    expect(r.failures).toEqual([]);
    expect(r.inputs).toEqual(inputs);
  });

  it.each([
    [{ interconnectId: undefined }, "interconnectId", "interconnectId is required (CfInterconnect needs a string)."],
    [{ interconnectId: "x".repeat(33) }, "interconnectId", "interconnectId must be at most 32 characters long"],
    [{ mtu: 575 }, "mtu", "mtu must be at least 576 (got 575)."],
    [{ mtu: 1400.5 }, "mtu", "mtu must be a whole number"],
    [
      { interfaceAddress: "10.0.0.0/24" },
      "interfaceAddress",
      "interfaceAddress must be a /31 or /30 prefix inside 10.0.0.0/8, 172.16.0.0/12, 192.168.0.0/16 or 169.254.240.0/20, or a /31 from the account's authorized prefixes (version 1.5 interconnects), such as 192.168.4.0/31",
    ],
    [{ interfaceAddress: "198.51.100.4/30" }, "interfaceAddress", "interfaceAddress must be a /31 or /30 prefix inside"],
    [{ interfaceAddress: "192.168.4.3/30" }, "interfaceAddress", "interfaceAddress is the broadcast address of its /30"],
    [{ interfaceAddress6: "2606:54c1:7::/64" }, "interfaceAddress6", "interfaceAddress6 must be an IPv6 /127 prefix"],
    [{ gre: { cloudflareEndpoint: "edge" } }, "gre.cloudflareEndpoint", "gre.cloudflareEndpoint must be an IPv4 or IPv6 address"],
    [{ gre: { customerEndpoint: "192.0.2.1" } }, "gre.customerEndpoint", "gre.customerEndpoint is not a property of gre"],
    [{ healthCheck: { direction: "both" } }, "healthCheck.direction", 'must be one of "unidirectional", "bidirectional"'],
    [
      { healthCheck: { direction: "bidirectional" } },
      "healthCheck.source",
      "healthCheck.source is required when healthCheck.direction is bidirectional",
    ],
    [
      { healthCheck: { direction: "unidirectional", source: "10.0.0.1" } },
      "healthCheck.source",
      "healthCheck.source is only used when healthCheck.direction is bidirectional",
    ],
    [
      { healthCheck: { direction: "bidirectional", source: "203.0.113.1" } },
      "healthCheck.source",
      "must be an IPv4 address inside RFC 1918 space",
    ],
    [{ bgp: { customerAsn: 0 } }, "bgp.customerAsn", "bgp.customerAsn must be at least 1"],
    [
      { bgp: { importFilterId: "my-filter" } },
      "bgp.importFilterId",
      "bgp.importFilterId must be a BGP filter profile id: 32 lowercase hexadecimal characters",
    ],
    [{ bgp: { asNo: 65000 } }, "bgp.asNo", "bgp.asNo is not a property of bgp"],
    [{ healthCheck: { rate: "often" } }, "healthCheck.rate", 'must be one of "low", "mid", "high"'],
    [{ name: "" }, "name", "name must be at least 1 characters long"],
    [{ coloName: "pni_ord" }, "coloName", "coloName is not a property of CfInterconnect; check its spelling."],
  ])("rejects %j on %s with a sentence naming it", async (override, property, text) => {
    const hit = (await failures(ic, validIc, override)).find((f) => f.property === property);
    expect(hit?.reason).toContain(text);
  });

  it("does not validate values that are unknown during preview", async () => {
    expect(await failures(ic, validIc, { interconnectId: UNKNOWN, mtu: UNKNOWN, gre: UNKNOWN })).toEqual([]);
  });
});

describe("CfInterconnect diff", () => {
  const computed = {
    coloName: "pni_ord",
    name: "pni_ord",
    mtu: 1476,
    virtualPortReservationId: "c4a7362d577a6c3019a474fd6f485821",
    createdOn: "2026-11-22T00:00:00Z",
    modifiedOn: "2026-11-22T00:00:00Z",
  };

  it("shows no change for settings the user never set", async () => {
    expect((await ic.diff("id1", state({ ...validIc, mtu: 1476 }, computed), { ...validIc, mtu: 1476 })).changes).toBe(false);
  });

  it("updates settings in place", async () => {
    const d = await ic.diff("id1", state(validIc, computed), { ...validIc, mtu: 1400, gre: { cloudflareEndpoint: "203.0.113.2" } });
    expect(d).toMatchObject({ changes: true, replaces: [] });
  });

  it("replaces (adopts another interconnect) when the id changes, without deleting first", async () => {
    const d = await ic.diff("id1", state(validIc, computed), { ...validIc, interconnectId: "0".repeat(32) });
    expect(d.replaces).toEqual(["interconnectId"]);
    expect(d.deleteBeforeReplace).toBeFalsy();
  });
});
