import * as magic from "pulumi-cloudflare-magic";
import { type Emulator, provisionTunnelsFor, startEmulator } from "../../emulator";
import { type Host, secret, startHost, urn } from "../harness/host";
import { type Program, ProgramDriver } from "../harness/program";
import { ACCOUNT, REPO, TOKEN } from "../resources/stack";

/**
 * Sites, apps and static routes have nothing unique for Cloudflare to refuse, so an apply
 * interrupted while creating them (the provider host killed with SIGKILL the moment the K-th
 * request reaches the emulator, which still acts on it; every K of one apply in turn) leaves
 * objects the state does not know, and a plain re-create would make silent twins. The create first
 * looks for an object holding exactly what the resource declares: on odd K the re-apply fails
 * naming each one's id and the resource's real URN, and the test adopts them with `import` as the
 * error says; on even K `cloudflare-magic:adoptExisting` adopts them and one apply converges.
 * Either way the account ends with exactly the declared objects, and a preview shows no change.
 *
 * Each deployment runs on a provider host of its own, as the engine starts one per deployment.
 */
const NEXTHOP = "10.212.0.9";

type Imports = Record<string, string>;
const program =
  (imports: Imports = {}): Program =>
  () => {
    const opts = (name: string) => (imports[name] ? { import: imports[name] } : {});
    for (const name of ["branch-a", "branch-b"]) new magic.Site(name, { name, description: "a branch office" }, opts(name));
    new magic.App("crm", { name: "crm", type: "Business", hostnames: ["crm.example.com"] }, opts("crm"));
    new magic.App("wiki", { name: "wiki", type: "Collaboration", ipSubnets: ["192.0.2.0/28"] }, opts("wiki"));
    new magic.StaticRoute("to-dc1", { prefix: "198.51.100.0/24", nexthop: NEXTHOP, priority: 100 }, opts("to-dc1"));
    new magic.StaticRoute("to-dc2", { prefix: "203.0.113.0/24", nexthop: NEXTHOP, priority: 200 }, opts("to-dc2"));
  };
const TYPES: Record<string, string> = {
  "branch-a": "Site",
  "branch-b": "Site",
  crm: "App",
  wiki: "App",
  "to-dc1": "StaticRoute",
  "to-dc2": "StaticRoute",
};
const urnOf = (name: string) => urn(`pulumi-nodejs:dynamic/magic:${TYPES[name]}`, name);

let emulator: Emulator;
const hosts: Host[] = [];
beforeAll(async () => {
  emulator = await startEmulator({ tokens: [TOKEN] });
});
afterAll(async () => {
  for (const h of hosts) await h.close();
  await emulator.close();
});

async function newHost(extra: Record<string, unknown> = {}): Promise<Host> {
  const host = await startHost({ cwd: REPO, project: "test" });
  hosts.push(host);
  await host.configure({
    "cloudflare:apiToken": secret(TOKEN),
    "cloudflare-magic:accountId": ACCOUNT,
    "cloudflare-magic:baseUrl": emulator.url,
    ...extra,
  });
  return host;
}

function carryOver(from: ProgramDriver, host: Host): ProgramDriver {
  const next = new ProgramDriver({ host, project: "test", stack: "dev" });
  for (const [u, entry] of from.state) next.state.set(u, entry);
  next.pendingDeletes.push(...from.pendingDeletes);
  return next;
}

const counts = () =>
  Object.fromEntries(Object.entries(emulator.store.dump().accounts[ACCOUNT] ?? {}).map(([c, items]) => [c, items.length]));

function fresh(): void {
  emulator.store.clear();
  provisionTunnelsFor(emulator.store, ACCOUNT, [NEXTHOP]);
}

/** Ids the errors of a failed apply name as existing, by resource name; each error also names the resource's URN. */
function namedIds(message: string): Imports {
  const out: Imports = {};
  for (const m of message.matchAll(/create \w+ '([^']+)': [^\n]*? has id ([0-9a-f]{32})\.[^\n]*/g)) {
    expect(m[0]).toContain(`\`pulumi refresh --import-pending-creates '${urnOf(m[1])}' ${m[2]}\``);
    expect(m[0]).toContain(`\`import: "${m[2]}"\``);
    out[m[1]] = m[2];
  }
  return out;
}

it("a host killed while creating sites, apps and routes: no twin, each blocked create named with its URN (killed at every request in turn)", async () => {
  fresh();
  const clean = new ProgramDriver({ host: await newHost(), project: "test", stack: "dev" });
  emulator.resetStats();
  await clean.up(program());
  const total = emulator.stats.totalRequests;
  const expected = counts();
  expect(expected).toMatchObject({ sites: 2, apps: 2, routes: 2 });
  await clean.destroy();

  const summary: string[] = [];
  for (let k = 1; k < total; k++) {
    fresh();
    const adopt = k % 2 === 0;
    const first = new ProgramDriver({ host: await newHost(), project: "test", stack: "dev" });
    const log = emulator.stats.requests;
    const push = log.push.bind(log);
    let seen = 0;
    const host = (first as unknown as { host: Host }).host;
    log.push = (...items) => {
      seen += items.length;
      if (seen === k) process.kill(host.pid, "SIGKILL");
      return push(...items);
    };
    const interrupted = await first.up(program()).then(
      () => undefined,
      (e: Error) => e,
    );
    log.push = push;
    expect(interrupted).toBeInstanceOf(Error);
    const orphans = emulator.store.countAll() - 1 - [...first.state.values()].filter((e) => e.custom).length;

    const driver = carryOver(first, await newHost(adopt ? { "cloudflare-magic:adoptExisting": "true" } : {}));
    const imports: Imports = {};
    let applies = 1;
    for (; applies <= 3; applies++) {
      const r = await driver.up(program(imports)).then(
        () => undefined,
        (e: Error) => e,
      );
      if (!r) break;
      expect(adopt).toBe(false);
      const named = namedIds(r.message);
      expect(Object.keys(named).length).toBeGreaterThan(0);
      Object.assign(imports, named);
    }
    if (adopt) expect(applies).toBe(1);
    expect(Object.keys(imports)).toHaveLength(adopt ? 0 : orphans);
    expect(counts()).toEqual(expected);
    const preview = await driver.preview(program());
    expect(preview.ops.filter((o) => o.op !== "same")).toEqual([]);
    summary.push(
      `killed at request ${k}/${total}, ${orphans} objects not in state, ${adopt ? "adopted with adoptExisting" : `${Object.keys(imports).length} imported`}, converged after ${applies} re-apply(s)`,
    );
    await carryOver(driver, await newHost()).destroy();
    expect(emulator.store.countAll()).toBe(1);
  }
  console.log(summary.join("\n"));
});

describe("what a create never takes for a twin", () => {
  it("the object a replacement replaces (a route losing its weight: create, then delete the old), with adoptExisting too", async () => {
    for (const adopt of [false, true]) {
      fresh();
      const driver = new ProgramDriver({
        host: await newHost(adopt ? { "cloudflare-magic:adoptExisting": "true" } : {}),
        project: "test",
        stack: "dev",
      });
      const route = (weight?: number) => () => {
        new magic.StaticRoute("to-dc1", { prefix: "198.51.100.0/24", nexthop: NEXTHOP, priority: 100, ...(weight ? { weight } : {}) });
      };
      await driver.up(route(5));
      const [old] = emulator.store.list(ACCOUNT, "routes");
      const r = await driver.up(route());
      expect(r.ops.map((o) => o.op)).toEqual(["replace"]);
      const now = emulator.store.list(ACCOUNT, "routes");
      expect(now).toHaveLength(1);
      expect(now[0].id).not.toBe(old.id);
      expect(now[0].weight).toBeUndefined();
      await driver.destroy();
    }
  });

  it("a resource renamed in the program: refused naming the alias to add; with adoptExisting the object is kept, not deleted", async () => {
    fresh();
    const site = (name: string) => () => {
      new magic.Site(name, { name: "branch-a", description: "a branch office" });
    };
    const first = new ProgramDriver({ host: await newHost(), project: "test", stack: "dev" });
    await first.up(site("branch"));
    const [live] = emulator.store.list(ACCOUNT, "sites");

    const plain = carryOver(first, await newHost());
    const refused = await plain.up(site("office")).then(
      () => undefined,
      (e: Error) => e,
    );
    expect(refused?.message).toContain(`create Site 'office': Cloudflare takes a second Site equal to another`);
    expect(refused?.message).toContain(`has id ${live.id}.`);
    expect(refused?.message).toContain("add that name to this resource's `aliases` instead");
    expect(emulator.store.list(ACCOUNT, "sites")).toHaveLength(1);

    const adoptingHost = await newHost({ "cloudflare-magic:adoptExisting": "true" });
    const adopting = carryOver(plain, adoptingHost);
    await adopting.up(site("office"));
    // The engine deleted the old resource's state at the end of the apply; the object stays, now the new resource's.
    expect(emulator.store.list(ACCOUNT, "sites")).toEqual([expect.objectContaining({ id: live.id })]);
    expect(adopting.state.get(urn("pulumi-nodejs:dynamic/magic:Site", "office"))?.id).toBe(live.id);
    expect(adoptingHost.stderr()).toContain(`left Site ${live.id} in place: a create of this apply adopted it`);

    const next = carryOver(adopting, await newHost());
    expect((await next.preview(site("office"))).ops.map((o) => o.op)).toEqual(["same"]);
    await next.destroy();
    expect(emulator.store.list(ACCOUNT, "sites")).toEqual([]);
  });
});
