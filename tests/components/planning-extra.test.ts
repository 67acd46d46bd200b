import {
  PlanError,
  checkComponent,
  checkInterconnectVariant,
  checkLanPrefixes,
  checkPrefixes,
  checkSiteHa,
  checkTunnelNames,
  cniNexthop,
  tunnelSides,
} from "../../sdk/components/planning";
import fc from "fast-check";
import { runs } from "../property";

/** The planning functions the components added: names, prefixes, HA rules, LAN space, interconnects, CNI nexthops. */

describe("checkComponent", () => {
  it("names the component at the start of a PlanError's sentence and lets other errors through untouched", () => {
    expect(() =>
      checkComponent('BranchSite "nyc"', () =>
        checkTunnelNames([
          { kind: "gre", name: "a" },
          { kind: "gre", name: "a" },
        ]),
      ),
    ).toThrow(new PlanError('BranchSite "nyc": two tunnels are named "a"; tunnel names must be unique.'));
    const other = new TypeError("boom");
    expect(() =>
      checkComponent("X", () => {
        throw other;
      }),
    ).toThrow(other);
    expect(() => checkComponent("X", () => undefined)).not.toThrow();
  });
});

describe("checkTunnelNames", () => {
  it("applies the GRE name rule to GRE tunnels only, and uniqueness across kinds", () => {
    expect(() =>
      checkTunnelNames([
        { kind: "gre", name: "GRE_1" },
        { kind: "ipsec", name: "IPsec tunnel to DC-1 (primary)" },
      ]),
    ).not.toThrow();
    expect(() => checkTunnelNames([{ kind: "gre", name: "a-b" }])).toThrow('GRE tunnel "a-b": a GRE tunnel name must be 1 to 15 letters');
    expect(() => checkTunnelNames([{ kind: "gre", name: "" }])).toThrow('GRE tunnel "": a GRE tunnel name');
    expect(() => checkTunnelNames([{ kind: "gre", name: "x".repeat(16) }])).toThrow(PlanError);
    expect(() => checkTunnelNames([{ kind: "gre", name: "x".repeat(15) }])).not.toThrow();
    expect(() =>
      checkTunnelNames([
        { kind: "gre", name: "t1" },
        { kind: "ipsec", name: "t1" },
      ]),
    ).toThrow('two tunnels are named "t1"');
    expect(() => checkTunnelNames([{ kind: "vxlan", name: "v" }])).toThrow('tunnel "v": kind must be "gre" or "ipsec" (got "vxlan").');
  });
});

describe("checkPrefixes", () => {
  it("accepts network prefixes of both families, rejects bare addresses, host bits and repeats (also written differently)", () => {
    expect(() => checkPrefixes("prefix", ["192.0.2.0/24", "2001:db8::/32", "10.0.0.0/8"])).not.toThrow();
    expect(() => checkPrefixes("prefix", ["192.0.2.0"])).toThrow(
      'prefix "192.0.2.0" is not a prefix in CIDR notation such as 192.0.2.0/24.',
    );
    expect(() => checkPrefixes("route prefix", ["2001:db8::1/32"])).toThrow(
      'route prefix "2001:db8::1/32" has host bits set; write it as 2001:db8::/32.',
    );
    expect(() => checkPrefixes("prefix", ["2001:db8::/32", "2001:0db8:0::/32"])).toThrow(
      "prefix 2001:0db8:0::/32 is listed twice; list each prefix once.",
    );
    expect(() => checkPrefixes("prefix", [])).not.toThrow();
  });
});

describe("checkSiteHa", () => {
  const full = { secondaryAddress: "192.168.10.2/24", virtualAddress: "192.168.10.3/24" };

  it("on an HA site: static addressing with both HA addresses on every LAN, a secondary address on static WANs, one HA link at most", () => {
    expect(() =>
      checkSiteHa(
        true,
        [{ name: "w", staticAddressing: { secondaryAddress: "x" } }, { name: "dhcp" }],
        [{ name: "a", haLink: true, staticAddressing: full }],
      ),
    ).not.toThrow();
    expect(() => checkSiteHa(true, [], [{ name: "a" }])).toThrow('LAN "a" needs staticAddressing: on a high availability site');
    expect(() => checkSiteHa(true, [], [{ name: "a", staticAddressing: {} }])).toThrow(
      'LAN "a" needs staticAddressing.secondaryAddress and staticAddressing.virtualAddress: ',
    );
    expect(() => checkSiteHa(true, [{ name: "w", staticAddressing: {} }], [])).toThrow('WAN "w" needs staticAddressing.secondaryAddress: ');
    expect(() =>
      checkSiteHa(
        true,
        [],
        [
          { name: "a", haLink: true, staticAddressing: full },
          { name: "b", haLink: true, staticAddressing: full },
        ],
      ),
    ).toThrow('LANs "a" and "b" are both marked haLink; a site has at most one HA link LAN.');
  });

  it("skips entries whose addressing is not known yet, and on a site without HA only refuses an HA link", () => {
    expect(() =>
      checkSiteHa(true, [{ name: "w", staticAddressing: "unknown" }], [{ name: "a", staticAddressing: "unknown" }]),
    ).not.toThrow();
    expect(() => checkSiteHa(false, [{ name: "w", staticAddressing: {} }], [{ name: "a" }, { name: "b", haLink: false }])).not.toThrow();
    expect(() => checkSiteHa(false, [], [{ name: "b", haLink: true }])).toThrow(
      'LAN "b" is marked haLink, which only works on a site in high availability mode (haMode: true).',
    );
  });
});

describe("checkLanPrefixes", () => {
  it("compares each LAN's subnet (from its interface address) and routed subnets across and within LANs", () => {
    expect(() =>
      checkLanPrefixes([
        { name: "a", address: "192.168.10.1/24", routedSubnets: ["10.10.0.0/16"] },
        { name: "b", address: "192.168.11.1/24", routedSubnets: ["10.11.0.0/16"] },
        { name: "dhcp" },
      ]),
    ).not.toThrow();
    expect(() => checkLanPrefixes([{ name: "a", address: "192.168.10.1/24", routedSubnets: ["192.168.10.128/25"] }])).toThrow(
      'LAN "a" (192.168.10.1/24) and routed subnet 192.168.10.128/25 of LAN "a" overlap; the subnets and routed subnets of a site\'s LANs must be disjoint.',
    );
    expect(() => checkLanPrefixes([{ name: "a", address: "192.168.10.1" }])).toThrow(
      'LAN "a": staticAddressing.address "192.168.10.1" is not an address with its prefix length',
    );
    expect(() => checkLanPrefixes([{ name: "a", routedSubnets: ["ten"] }])).toThrow(
      'LAN "a": routed subnet "ten" is not a prefix in CIDR notation',
    );
  });

  it("property: LANs cut from disjoint /24s pass; any address inside another LAN's /24 is reported with both LANs (500 sites)", () => {
    const site = fc.integer({ min: 2, max: 9 }).chain((n) =>
      fc.record({
        second: fc.integer({ min: 0, max: 249 }),
        hosts: fc.array(fc.integer({ min: 1, max: 254 }), { minLength: n, maxLength: n }),
        victim: fc.integer({ min: 0, max: n - 1 }),
        host: fc.integer({ min: 1, max: 254 }),
        length: fc.integer({ min: 24, max: 31 }),
      }),
    );
    fc.assert(
      fc.property(site, ({ second, hosts, victim, host, length }) => {
        const lans = hosts.map((h, i) => ({ name: `l${i}`, address: `10.${second}.${i}.${h}/24` }));
        expect(() => checkLanPrefixes(lans)).not.toThrow();
        const intruder = { name: "x", address: `10.${second}.${victim}.${host}/${length}` };
        expect(() => checkLanPrefixes([...lans, intruder])).toThrow(
          `LAN "l${victim}" (${lans[victim].address}) and LAN "x" (${intruder.address}) overlap`,
        );
      }),
      runs(500),
    );
  });
});

describe("checkInterconnectVariant", () => {
  const none = { slotId: false, speed: false, bandwidth: false, pairingKey: false };
  it("accepts physical or GCP Partner, and names what is wrong otherwise", () => {
    expect(() => checkInterconnectVariant({ ...none, slotId: true })).not.toThrow();
    expect(() => checkInterconnectVariant({ ...none, slotId: true, speed: true })).not.toThrow();
    expect(() => checkInterconnectVariant({ ...none, bandwidth: true, pairingKey: true })).not.toThrow();
    expect(() => checkInterconnectVariant({ ...none, slotId: true, pairingKey: true })).toThrow(
      "the interconnect gives slotId and pairingKey; it is either physical",
    );
    expect(() => checkInterconnectVariant(none)).toThrow(
      "the interconnect needs slotId (physical) or bandwidth and pairingKey (GCP Partner).",
    );
    expect(() => checkInterconnectVariant({ ...none, pairingKey: true })).toThrow(
      "a GCP Partner interconnect needs both bandwidth and pairingKey; bandwidth is missing.",
    );
    expect(() => checkInterconnectVariant({ ...none, speed: true })).toThrow("the interconnect needs slotId");
  });
});

describe("cniNexthop", () => {
  it("is the address of custIp, written with or without its prefix length", () => {
    expect(cniNexthop("100.64.0.1/31", "100.64.0.0/31")).toBe("100.64.0.1");
    expect(cniNexthop("100.64.0.1")).toBe("100.64.0.1");
    expect(cniNexthop("2606:54c1:7::a9fe:12d2:1:201/127", "2606:54c1:7::a9fe:12d2:1:200/127")).toBe("2606:54c1:7:0:a9fe:12d2:1:201");
  });

  it("refuses a custIp that is no address, or that is Cloudflare's end as well", () => {
    expect(() => cniNexthop("")).toThrow(
      `the CNI's custIp "" is not an address; it should be the customer end of the link, such as 100.64.0.1/31.`,
    );
    expect(() => cniNexthop("192.168.3.4/31", "192.168.3.4/31")).toThrow(
      "the CNI's custIp 192.168.3.4/31 and p2pIp 192.168.3.4/31 name the same address",
    );
  });

  it("property: for the two ends of any private /31, the nexthop is the customer end, never Cloudflare's (1,000 links)", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2 ** 32 - 1 }), (a) => {
        const { cloudflare, customer } = tunnelSides(`100.${64 + ((a >>> 24) & 63)}.${(a >>> 8) & 255}.${a & 255}/31`);
        expect(cniNexthop(`${customer}/31`, `${cloudflare}/31`)).toBe(customer);
      }),
      runs(1000),
    );
  });
});
