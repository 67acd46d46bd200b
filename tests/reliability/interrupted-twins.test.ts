import * as magic from "pulumi-cloudflare-magic";
import { provisionTunnelsFor } from "../../emulator";
import { urn } from "../harness/host";
import { type Program, ProgramDriver } from "../harness/program";
import { ACCOUNT } from "../resources/stack";
import { interruptions } from "./interruption";

/**
 * Sites, apps, static routes and a RouteTable's routes have nothing unique for Cloudflare to refuse, so an apply
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
    const table = [1, 2, 3].map((i) => ({ prefix: `10.50.${i}.0/24`, nexthop: NEXTHOP, priority: 100 }));
    new magic.RouteTable("dc-table", { routes: table }, opts("dc-table"));
  };
const TYPES: Record<string, string> = {
  "branch-a": "Site",
  "branch-b": "Site",
  crm: "App",
  wiki: "App",
  "to-dc1": "StaticRoute",
  "to-dc2": "StaticRoute",
  "dc-table": "RouteTable",
};
const urnOf = (name: string) => urn(`pulumi-nodejs:dynamic/magic:${TYPES[name]}`, name);

const run = interruptions();
const { newHost, carryOver, killDuring, counts } = run;
const em = () => run.emulator;

function fresh(): void {
  em().store.clear();
  provisionTunnelsFor(em().store, ACCOUNT, [NEXTHOP]);
}

/** Ids the errors of a failed apply name as existing, by resource name; each error also names the resource's URN. */
function namedIds(message: string): Imports {
  const out: Imports = {};
  for (const m of message.matchAll(/create \w+ '([^']+)': [^\n]*? has id ([0-9a-f]{32})\.[^\n]*/g)) {
    expect(m[0]).toContain(`\`pulumi refresh --import-pending-creates '${urnOf(m[1])}' ${m[2]}\``);
    expect(m[0]).toContain(`\`import: "${m[2]}"\``);
    out[m[1]] = m[2];
  }
  // A RouteTable names each entry's route; when every entry's route exists, the `import` option
  // (any id) adopts them all; otherwise the message says to turn on adoptExisting for one apply.
  for (const m of message.matchAll(/create RouteTable '([^']+)': Cloudflare takes a second route equal to another[^\n]*/g)) {
    expect(m[0]).toMatch(/routes\.\d \(10\.50\.\d\.0\/24 via 10\.212\.0\.9\) by [0-9a-f]{32}/);
    expect(m[0]).toContain(`\`pulumi up --replace '${urnOf(m[1])}'\``);
    const id = /`import: "(routetable-[^"]+)"`/.exec(m[0]);
    if (id) out[m[1]] = id[1];
    else {
      expect(m[0]).toContain(
        "`pulumi config set cloudflare-magic:adoptExisting true` for one apply (the table takes these routes and creates the rest)",
      );
      out[ADOPT] = "yes";
    }
  }
  return out;
}
/** The key namedIds returns when a message says to turn on adoptExisting for one apply. */
const ADOPT = "(adoptExisting)";

/** Objects of the account (the tunnel aside) that no resource in the driver's state holds: what the kill left behind. */
function notInState(driver: ProgramDriver): number {
  const held = new Set<string>();
  for (const e of driver.state.values()) {
    if (!e.custom) continue;
    held.add(String(e.id));
    for (const r of (e.outputs.routes as Array<{ id: string }> | undefined) ?? []) held.add(r.id);
  }
  const dump = em().store.dump().accounts[ACCOUNT] ?? {};
  return ["sites", "apps", "routes"].flatMap((c) => (dump[c] ?? []) as Array<{ id: string }>).filter((o) => !held.has(o.id)).length;
}

it("a host killed while creating sites, apps, routes and a route table: no twin, each blocked create named with its URN (killed at every request in turn)", async () => {
  fresh();
  const clean = new ProgramDriver({ host: await newHost(), project: "test", stack: "dev" });
  em().resetStats();
  await clean.up(program());
  const total = em().stats.totalRequests;
  const expected = counts();
  expect(expected).toMatchObject({ sites: 2, apps: 2, routes: 5 });
  await clean.destroy();

  const summary: string[] = [];
  for (let k = 1; k < total; k++) {
    fresh();
    const adopt = k % 2 === 0;
    const host = await newHost();
    const first = new ProgramDriver({ host, project: "test", stack: "dev" });
    const interrupted = await killDuring(first, host, k, program());
    expect(interrupted).toBeInstanceOf(Error);
    const orphans = notInState(first);

    let driver = carryOver(first, await newHost(adopt ? { "cloudflare-magic:adoptExisting": "true" } : {}));
    const imports: Imports = {};
    let applies = 1;
    let adoptedToo = false;
    for (; applies <= 3; applies++) {
      const r = await driver.up(program(imports)).then(
        () => undefined,
        (e: Error) => e,
      );
      if (!r) break;
      expect(adopt).toBe(false);
      const named = namedIds(r.message);
      expect(Object.keys(named).length).toBeGreaterThan(0);
      if (named[ADOPT]) {
        // As the message says: adoptExisting for the next apply (a deployment, so a host, of its own), then off.
        delete named[ADOPT];
        driver = carryOver(driver, await newHost({ "cloudflare-magic:adoptExisting": "true" }));
        adoptedToo = true;
      } else if (adoptedToo) driver = carryOver(driver, await newHost());
      Object.assign(imports, named);
    }
    if (adopt) expect(applies).toBe(1);
    // Without adoptExisting, a create is blocked exactly when something was left behind.
    if (!adopt) expect(Object.keys(imports).length > 0 || adoptedToo).toBe(orphans > 0);
    expect(counts()).toEqual(expected);
    const preview = await driver.preview(program());
    expect(preview.ops.filter((o) => o.op !== "same")).toEqual([]);
    summary.push(
      `killed at request ${k}/${total}, ${orphans} objects not in state, ${adopt ? "adopted with adoptExisting" : `${Object.keys(imports).length} imported${adoptedToo ? " and a table's routes adopted with adoptExisting" : ""}`}, converged after ${applies} re-apply(s)`,
    );
    await carryOver(driver, await newHost()).destroy();
    expect(em().store.countAll()).toBe(1);
  }
  console.log(summary.join("\n"));
  // Eleven interrupted applies, each with three to five host processes: about 30 s alone, far more
  // on a loaded CI machine (a budget, not a timed assertion).
}, 300_000);

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
      const [old] = em().store.list(ACCOUNT, "routes");
      const r = await driver.up(route());
      expect(r.ops.map((o) => o.op)).toEqual(["replace"]);
      const now = em().store.list(ACCOUNT, "routes");
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
    const [live] = em().store.list(ACCOUNT, "sites");

    const plain = carryOver(first, await newHost());
    const refused = await plain.up(site("office")).then(
      () => undefined,
      (e: Error) => e,
    );
    expect(refused?.message).toContain(`create Site 'office': Cloudflare takes a second Site equal to another`);
    expect(refused?.message).toContain(`has id ${live.id}.`);
    expect(refused?.message).toContain("add that name to this resource's `aliases` instead");
    expect(em().store.list(ACCOUNT, "sites")).toHaveLength(1);

    const adoptingHost = await newHost({ "cloudflare-magic:adoptExisting": "true" });
    const adopting = carryOver(plain, adoptingHost);
    await adopting.up(site("office"));
    // The engine deleted the old resource's state at the end of the apply; the object stays, now the new resource's.
    expect(em().store.list(ACCOUNT, "sites")).toEqual([expect.objectContaining({ id: live.id })]);
    expect(adopting.state.get(urn("pulumi-nodejs:dynamic/magic:Site", "office"))?.id).toBe(live.id);
    expect(adoptingHost.stderr()).toContain(`left Site ${live.id} in place: a create of this apply adopted it`);

    const next = carryOver(adopting, await newHost());
    expect((await next.preview(site("office"))).ops.map((o) => o.op)).toEqual(["same"]);
    await next.destroy();
    expect(em().store.list(ACCOUNT, "sites")).toEqual([]);
  });
});

it("a Cloudflare managed app in the apps list is never a twin: an App declared like it is created", async () => {
  fresh();
  const driver = new ProgramDriver({ host: await newHost({ "cloudflare-magic:adoptExisting": "true" }), project: "test", stack: "dev" });
  const r = await driver.up(() => {
    new magic.App("dash", { name: "Cloudflare Dashboard", type: "Development", hostnames: ["dash.cloudflare.com"] });
  });
  expect(r.ops.map((o) => o.op)).toEqual(["create"]);
  expect(em().store.list(ACCOUNT, "apps")).toEqual([expect.objectContaining({ id: r.ops[0].id, name: "Cloudflare Dashboard" })]);
  await carryOver(driver, await newHost()).destroy();
});

describe("a RouteTable an interrupted apply left part of", () => {
  const entry = (i: number) => ({ prefix: `10.60.${i}.0/24`, nexthop: NEXTHOP, priority: 100 });
  const table = (n: number) => () => {
    new magic.RouteTable("dc-table", { routes: [1, 2, 3].slice(0, n).map(entry) });
  };
  const leftBehind = () => em().store.insert(ACCOUNT, "routes", { prefix: "10.60.3.0/24", nexthop: NEXTHOP, priority: 100 });

  it("a create that finds some of its routes: named, then adoptExisting takes them and creates the rest", async () => {
    fresh();
    const orphan = leftBehind();
    const plain = new ProgramDriver({ host: await newHost(), project: "test", stack: "dev" });
    const err = await plain.up(table(3)).then(
      () => undefined,
      (e: Error) => e,
    );
    expect(err?.message).toContain(
      `create RouteTable 'dc-table': Cloudflare takes a second route equal to another, and the account already holds 1 of the 3 routes this table would create (typically made by an interrupted apply): routes.2 (10.60.3.0/24 via 10.212.0.9) by ${orphan.id}. Nothing was created.`,
    );
    expect(err?.message).toContain("`pulumi config set cloudflare-magic:adoptExisting true` for one apply");
    expect(em().store.list(ACCOUNT, "routes")).toHaveLength(1);

    const adopting = carryOver(plain, await newHost({ "cloudflare-magic:adoptExisting": "true" }));
    em().resetStats();
    await adopting.up(table(3));
    expect(em().stats.requests.filter((r) => r.method === "POST")).toHaveLength(2);
    expect(
      em()
        .store.list(ACCOUNT, "routes")
        .map((r) => r.id),
    ).toContain(orphan.id);
    expect(em().store.list(ACCOUNT, "routes")).toHaveLength(3);
    const next = carryOver(adopting, await newHost());
    expect((await next.preview(table(3))).ops.map((o) => o.op)).toEqual(["same"]);
    await next.destroy();
    expect(em().store.list(ACCOUNT, "routes")).toEqual([]);
  });

  it("an update that finds a route it adds (an interrupted update made it): named, or adopted with adoptExisting, never made twice", async () => {
    fresh();
    const first = new ProgramDriver({ host: await newHost(), project: "test", stack: "dev" });
    await first.up(table(2));
    const orphan = leftBehind();
    const plain = carryOver(first, await newHost());
    const err = await plain.up(table(3)).then(
      () => undefined,
      (e: Error) => e,
    );
    expect(err?.message).toContain(`routes.0 (10.60.3.0/24 via 10.212.0.9) by ${orphan.id}. Nothing was created.`);
    // A table in state ignores the import option: the message says adoptExisting.
    expect(err?.message).not.toContain("import:");
    expect(err?.message).toContain("`pulumi config set cloudflare-magic:adoptExisting true` for one apply");
    expect(em().store.list(ACCOUNT, "routes")).toHaveLength(3);

    const adopting = carryOver(plain, await newHost({ "cloudflare-magic:adoptExisting": "true" }));
    em().resetStats();
    await adopting.up(table(3));
    expect(em().stats.requests.filter((r) => r.method !== "GET")).toEqual([]);
    expect(em().store.list(ACCOUNT, "routes")).toHaveLength(3);
    const next = carryOver(adopting, await newHost());
    expect((await next.preview(table(3))).ops.map((o) => o.op)).toEqual(["same"]);
    await next.destroy();
    expect(em().store.list(ACCOUNT, "routes")).toEqual([]);
  });
});
