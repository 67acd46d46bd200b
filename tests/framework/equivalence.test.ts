import { z } from "zod";
import { DefinedProvider, InitFailedError } from "../../provider/framework/provider";
import type { ResourceDefinition } from "../../provider/framework/define";
import { defaultsOf, fieldAt, project, same, settle } from "../../provider/framework/equivalence";
import { definition as cfInterconnect } from "../../provider/resources/magic/cf-interconnect";
import { definition as cni } from "../../provider/resources/cni/cni";
import { definition as interconnect } from "../../provider/resources/cni/interconnect";
import { definition as greTunnel } from "../../provider/resources/magic/gre-tunnel";
import { definition as siteLan } from "../../provider/resources/magic/site-lan";
import { definition as connector } from "../../provider/resources/magic/connector";
import { isPlainObject } from "../../shared/values";
import { unwrapSecrets } from "../harness/host";
import { ACCOUNT } from "../resources/stack";
import { type Direct, news, startDirect } from "./programs";

/**
 * The one rule of "means the same" (provider/framework/equivalence.ts), and the cases the
 * answer-shape and removal properties found, each kept as a fixed example.
 */

const schema = z.strictObject({
  mtu: z.number().optional().meta({ default: 1476 }),
  days: z
    .array(z.string())
    .optional()
    .meta({ default: ["Sunday", "Monday"], unordered: true }),
  path: z.array(z.string()).optional(),
  nexthop: z.string().optional(),
  at: z.string().optional(),
  hc: z.strictObject({ enabled: z.boolean().optional().meta({ default: true }), rate: z.string().optional() }).optional(),
});
const field = (p: string) => fieldAt(schema, p);

describe("same: what the live API may answer for what the program wrote", () => {
  it("an absent value and the typed default are the same, on either side; another value is not", () => {
    expect(same(field("mtu"), 1476, undefined)).toBe(true);
    expect(same(field("mtu"), undefined, 1476)).toBe(true);
    expect(same(field("mtu"), 1400, undefined)).toBe(false);
    expect(same(field("nexthop"), "x", undefined)).toBe(false);
  });

  it("a set compares in any order, as a multiset; an ordered list does not", () => {
    expect(same(field("days"), ["Monday", "Sunday"], ["Sunday", "Monday"])).toBe(true);
    expect(same(field("days"), ["Monday", "Monday"], ["Sunday", "Monday"])).toBe(false);
    expect(same(field("days"), ["Sunday", "Monday"], undefined)).toBe(true);
    expect(same(field("path"), ["a", "b"], ["b", "a"])).toBe(false);
  });

  it("an IPv6 address or prefix in any spelling is the same; other strings compare as written", () => {
    expect(same(field("nexthop"), "2001:db8::1", "2001:0DB8:0000:0000:0000:0000:0000:0001")).toBe(true);
    expect(same(field("nexthop"), "2001:db8::/32", "2001:DB8:0::/32")).toBe(true);
    expect(same(field("nexthop"), "2001:db8::1", "2001:db8::2")).toBe(false);
    expect(same(field("nexthop"), "Name", "name")).toBe(false);
  });

  it("a timestamp at another precision is the same instant; a different instant is not", () => {
    expect(same(field("at"), "2026-01-01T08:00:00Z", "2026-01-01T08:00:00.000000Z")).toBe(true);
    expect(same(field("at"), "2025-03-13T14:28:47.054317925Z", "2025-03-13T14:28:47.054318Z")).toBe(true);
    expect(same(field("at"), "2026-01-01T10:00:00+02:00", "2026-01-01T08:00:00Z")).toBe(true);
    expect(same(field("at"), "2026-01-01T08:00:00.123Z", "2026-01-01T08:00:00.124Z")).toBe(false);
    expect(same(field("at"), "2026-01-01T08:00:01Z", "2026-01-01T08:00:00Z")).toBe(false);
  });

  it("objects compare on the fields the program sets; an object an answer leaves out holds its defaults", () => {
    expect(same(field("hc"), { enabled: true }, { enabled: true, rate: "mid", effective: "x" })).toBe(true);
    expect(same(field("hc"), { enabled: true }, undefined)).toBe(true);
    expect(same(field("hc"), { rate: "high" }, undefined)).toBe(false);
  });

  it("defaultsOf lists every typed default by dotted path: the table codegen leaves out", () => {
    expect(defaultsOf(schema)).toEqual({ mtu: 1476, days: ["Sunday", "Monday"], "hc.enabled": true });
    expect(defaultsOf(greTunnel.inputs)).toMatchObject({ mtu: 1476, ttl: 64, automaticReturnRouting: false, "healthCheck.rate": "mid" });
    // A health check's direction depends on the account: no single default to compare, send or leave out.
    expect(defaultsOf(greTunnel.inputs)).not.toHaveProperty("healthCheck.direction");
  });
});

describe("settle: the live value in the program's spelling, defaults filled in", () => {
  it("keeps the reference's order and spelling where they mean the same, and fills in defaults an answer left out", () => {
    const live = { days: ["Monday", "Sunday"], nexthop: "2001:DB8::1", hc: { rate: "high", effective: "x" } };
    const reference = { days: ["Sunday", "Monday"], nexthop: "2001:db8::1", hc: { rate: "high" } };
    expect(settle(schema, live, reference)).toEqual({
      mtu: 1476,
      days: ["Sunday", "Monday"],
      nexthop: "2001:db8::1",
      hc: { enabled: true, rate: "high", effective: "x" },
    });
  });

  // Found by the answer-shape property: state written from an answer with fields we do not know
  // held those fields inside list elements, and a later answer without them no longer matched.
  it("matches a reordered set whose elements in state carry fields the schema does not know", () => {
    const routed = (extra: boolean) => [
      { nextHop: "192.168.50.2", prefix: "10.10.0.0/16", ...(extra ? { newerApiField: 1 } : {}) },
      { nextHop: "192.168.50.3", prefix: "10.20.0.0/16" },
    ];
    const settled = settle(siteLan.inputs, { routedSubnets: routed(false).reverse() }, { routedSubnets: routed(true) }) as {
      routedSubnets: unknown[];
    };
    // In the order state had (the program's), with the fields the answer gave now.
    expect(settled.routedSubnets).toEqual(routed(false));
  });

  // Found by the answer-shape property: a refresh copied those fields into the recorded inputs.
  it("project keeps only what the schema declares, inside list elements too", () => {
    const routedSubnets = fieldAt(siteLan.inputs, "routedSubnets");
    expect(project(routedSubnets, [{ nextHop: "a", prefix: "p", nat: { staticPrefix: "n", extra: 1 }, extra: 2 }])).toEqual([
      { nextHop: "a", prefix: "p", nat: { staticPrefix: "n" } },
    ]);
    const reservations = fieldAt(siteLan.inputs, "staticAddressing.dhcpServer.reservations");
    expect(project(reservations, { "00:11:22:33:44:55": "192.168.1.2" })).toEqual({ "00:11:22:33:44:55": "192.168.1.2" });
  });
});

describe("a replacement whose new object would clash with the old one deletes first", () => {
  const provider = (def: ResourceDefinition) => new DefinedProvider(def);

  // Found by the removal property: removing `account` replaces a CNI, and the new one (same
  // conduit on the same interconnect) was refused while the old one still held the conduit.
  it("a CNI keeping its conduit on its interconnect", async () => {
    const olds = {
      account: ACCOUNT,
      interconnect: "icon-1",
      magic: { conduitName: "c1", description: "", mtu: 1500 },
      __inputPaths: ["account", "interconnect", "magic.conduitName", "magic.description", "magic.mtu"],
    };
    const diff = await provider(cni).diff("id", olds, { interconnect: "icon-1", magic: { conduitName: "c1", description: "", mtu: 1500 } });
    expect(diff).toMatchObject({ changes: true, replaces: ["account"], deleteBeforeReplace: true });
    const elsewhere = await provider(cni).diff("id", olds, {
      interconnect: "icon-1",
      magic: { conduitName: "c2", description: "", mtu: 1500 },
    });
    expect(elsewhere.deleteBeforeReplace).toBeUndefined();
  });

  // Found by the removal property: a physical interconnect replaced on its own slot.
  it("an interconnect on the slot of the one it replaces (its naturalKey)", async () => {
    const olds = { account: ACCOUNT, type: "direct", slotId: "s1", speed: "10G", __inputPaths: ["account", "type", "slotId", "speed"] };
    const diff = await provider(interconnect).diff("n", olds, { type: "direct", slotId: "s1", speed: "10G" });
    expect(diff).toMatchObject({ changes: true, deleteBeforeReplace: true });
    expect((await provider(interconnect).diff("n", olds, { type: "direct", slotId: "s2" })).deleteBeforeReplace).toBeUndefined();
  });

  it("a connector made for a new license (nothing unique to compare) is never taken as a clash", async () => {
    const olds = { device: { provisionLicense: true }, __inputPaths: ["device.provisionLicense"] };
    const diff = await provider(connector).diff("c", olds, { device: { serialNumber: "SN-1" } });
    expect(diff).toMatchObject({ changes: true, replaces: ["device"] });
    expect(diff.deleteBeforeReplace).toBeUndefined();
  });
});

describe("an update whose removal Cloudflare does not apply", () => {
  let d: Direct;
  beforeAll(async () => {
    d = await startDirect();
  }, 60_000);
  afterAll(async () => {
    await d?.close();
  });

  it("fails naming the field and the way out, records the object as read, and the next diff shows the removal again", async () => {
    // An adopted interconnect's PUT keeps what it is not sent (the emulator, like its update body).
    const p = new DefinedProvider(cfInterconnect);
    const program = { interconnectId: d.parents.cfInterconnectId, description: "kept" };
    const created = unwrapSecrets(await p.create(news("magic:CfInterconnect", program)));
    const removed = news("magic:CfInterconnect", { interconnectId: d.parents.cfInterconnectId });
    expect((await p.diff(created.id, created.outs, removed)).changes).toBe(true);
    let failure: unknown;
    try {
      await p.update(created.id, created.outs, removed);
    } catch (e) {
      failure = e;
    }
    expect(failure).toBeInstanceOf(InitFailedError);
    const e = failure as InitFailedError;
    expect(e.message).toBe(
      `update CfInterconnect 'shape': the program removed description, but after the update Cloudflare still holds description = "kept"; to change it, set it to the value you want instead of removing it (this CfInterconnect is adopted, so it cannot be replaced).`,
    );
    const state = unwrapSecrets(e.properties);
    expect(state).toMatchObject({ description: "kept" });
    expect((await p.diff(created.id, state, removed)).changes).toBe(true);
    // One GET read it back, after the one PUT.
    const calls = d.emulator.stats.requests.filter((r) => r.url.includes(d.parents.cfInterconnectId)).map((r) => r.method);
    expect(calls.slice(-2)).toEqual(["PUT", "GET"]);
    expect(isPlainObject(state)).toBe(true);
  });
});
