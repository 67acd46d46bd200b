import * as magic from "pulumi-cloudflare-magic";
import { type Program, ProgramDriver } from "../harness/program";
import { interruptions } from "./interruption";

/**
 * An apply interrupted by the provider host dying (the machine running `pulumi up` lost, the CLI
 * killed): the host is killed with SIGKILL the moment the K-th request reaches the emulator, for
 * several seeds picking K. The emulator still acts on that request, so Cloudflare may hold objects
 * whose creates never reached the state, exactly what the engine then records as pending creates.
 *
 * The re-apply runs on a new host with the state the driver kept, as `pulumi up` does after an
 * interruption: pending creates are created again. Each one Cloudflare already holds is refused
 * as a duplicate (a tunnel's name, a WAN's or LAN's port and VLAN) and the error names the
 * existing id. The test then does what the error says: on odd seeds it adds the `import` option
 * with that id; on even seeds it turns on `cloudflare-magic:adoptExisting`. Either way the
 * account ends with exactly the declared objects, none twice, each IPsec tunnel with a PSK, and a
 * preview shows no change.
 *
 * The site is made by an earlier, uninterrupted apply: interrupted creates of sites, apps and
 * routes (nothing unique for Cloudflare to refuse) are in interrupted-twins.test.ts. Each
 * deployment after the kill runs on a provider host of its own, as the engine starts one per deployment.
 */
const SEEDS = [1, 2, 3, 4, 5, 6];

type Imports = Record<string, string>;
const program =
  (full: boolean, imports: Imports = {}): Program =>
  () => {
    const opts = (name: string) => (imports[name] ? { import: imports[name] } : {});
    const site = new magic.Site("branch", { name: "branch" });
    if (!full) return;
    new magic.SiteWan("isp-a", { siteId: site.id, physport: 1, name: "isp_a" }, opts("isp-a"));
    new magic.SiteWan("isp-b", { siteId: site.id, physport: 2, name: "isp_b" }, opts("isp-b"));
    new magic.SiteLan(
      "office",
      { siteId: site.id, physport: 3, vlanTag: 10, name: "office", staticAddressing: { address: "192.168.10.1/24" } },
      opts("office"),
    );
    new magic.SiteLan(
      "pos",
      { siteId: site.id, physport: 3, vlanTag: 20, name: "pos", staticAddressing: { address: "192.168.20.1/24" } },
      opts("pos"),
    );
    for (const i of [1, 2]) {
      new magic.GreTunnel(
        `gre-${i}`,
        {
          name: `dc1_gre_${i}`,
          cloudflareGreEndpoint: "162.159.64.1",
          customerGreEndpoint: `203.0.113.${i}`,
          interfaceAddress: `10.212.0.${2 * i}/31`,
        },
        opts(`gre-${i}`),
      );
      new magic.IpsecTunnel(
        `ipsec-${i}`,
        { name: `dc1_ipsec_${i}`, cloudflareEndpoint: "162.159.65.1", interfaceAddress: `10.213.0.${2 * i}/31` },
        opts(`ipsec-${i}`),
      );
    }
  };
const EXPECTED: Record<string, number> = { sites: 1, site_wans: 2, site_lans: 2, gre_tunnels: 2, ipsec_tunnels: 2 };

/** A small deterministic PRNG (mulberry32). */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const run = interruptions();
const { newHost, carryOver, killDuring, counts } = run;
const em = () => run.emulator;

/** Ids the errors of a failed apply name as existing, by resource name. */
function namedIds(message: string): Imports {
  const out: Imports = {};
  for (const m of message.matchAll(/create \w+ '([^']+)': [^\n]*? has id ([0-9a-f]{32})\./g)) out[m[1]] = m[2];
  return out;
}

/** Requests one uninterrupted apply of the full program sends, on a fresh account. */
async function requestsOfOneApply(): Promise<number> {
  em().store.clear();
  const driver = new ProgramDriver({ host: await newHost(), project: "test", stack: "dev" });
  await driver.up(program(false));
  em().resetStats();
  await driver.up(program(true));
  const n = em().stats.totalRequests;
  await driver.destroy();
  return n;
}

it("a host killed at a random request of an apply: the re-apply converges with nothing duplicated (several seeds)", async () => {
  const total = await requestsOfOneApply();
  // Eight creates and two psk_generate: one request per step, so K picks a point between steps.
  expect(total).toBe(10);
  const summary: string[] = [];
  for (const seed of SEEDS) {
    em().store.clear();
    const adopt = seed % 2 === 0;
    const host = await newHost();
    const first = new ProgramDriver({ host, project: "test", stack: "dev" });
    await first.up(program(false));

    // Kill the host when the K-th request of the full apply arrives (the emulator still acts on it).
    const k = 1 + Math.floor(random(seed)() * (total - 1));
    const interrupted = await killDuring(first, host, k, program(true));
    expect(interrupted).toBeInstanceOf(Error);
    const madeBeforeKill = em().store.countAll() - 1;

    // The re-apply, on a new host with the state kept: refused duplicates name the existing ids.
    const driver = carryOver(first, await newHost(adopt ? { "cloudflare-magic:adoptExisting": "true" } : {}));
    const imports: Imports = {};
    let applies = 1;
    for (; applies <= 4; applies++) {
      const r = await driver.up(program(true, imports)).then(
        () => undefined,
        (e: Error) => e,
      );
      if (!r) break;
      const named = namedIds(r.message);
      // Every failure of a re-apply is a refused duplicate whose id the message names.
      expect(Object.keys(named).length).toBeGreaterThan(0);
      expect(adopt).toBe(false);
      Object.assign(imports, named);
    }
    // Once imported, the option stays in the program as a user would leave it for this one apply; a
    // resource in state ignores it. A second apply generates PSKs of adopted IPsec tunnels.
    await driver.up(program(true, imports));
    const preview = await driver.preview(program(true));
    expect(preview.ops.filter((o) => o.op !== "same")).toEqual([]);
    expect(counts()).toEqual(EXPECTED);
    for (const i of [1, 2])
      expect(driver.state.get(`urn:pulumi:dev::test::pulumi-nodejs:dynamic/magic:IpsecTunnel::ipsec-${i}`)?.outputs.psk).toEqual(
        expect.any(String),
      );
    summary.push(
      `seed ${seed}: killed at request ${k}/${total}, ${Object.keys(imports).length} imported${adopt ? " (adoptExisting)" : ""}, ${madeBeforeKill} objects made before the kill, ${driver.state.size} resources in state, converged after ${applies} re-apply(s)`,
    );
    await carryOver(driver, await newHost()).destroy();
    expect(em().store.countAll()).toBe(0);
  }
  console.log(summary.join("\n"));
});
