import * as fs from "node:fs";
import * as path from "node:path";
import * as pulumi from "@pulumi/pulumi";
import * as magic from "../../sdk";
import { UNKNOWN } from "../harness/host";
import { type TestStack, ACCOUNT, TOKEN, testStack } from "../resources/stack";

/**
 * The Output form of every lookup (`getXOutput`): a program with lookups previews with no
 * credentials (CI, README "Preview in CI") with unknown values and one warning per lookup, and the
 * same program with credentials reads the values. Programs run under mocks with preview=true, as
 * the engine's preview does; lookups read credentials in the program process, here from the
 * environment, as a CI job would.
 */
let s: TestStack;
const CREDENTIALS = ["CLOUDFLARE_API_TOKEN", "CLOUDFLARE_BASE_URL", "CLOUDFLARE_ACCOUNT_ID"] as const;
const saved = Object.fromEntries(CREDENTIALS.map((k) => [k, process.env[k]]));
beforeAll(async () => {
  s = await testStack();
  s.emulator.store.insert(ACCOUNT, "gre_tunnels", {
    name: "dc1_gre_1",
    cloudflare_gre_endpoint: "162.159.64.1",
    customer_gre_endpoint: "203.0.113.9",
    interface_address: "10.212.0.8/31",
  });
});
afterAll(async () => {
  for (const k of CREDENTIALS) {
    if (saved[k] === undefined) delete process.env[k];
    else process.env[k] = saved[k];
  }
  await s.close();
});
const withoutCredentials = () => {
  for (const k of CREDENTIALS) delete process.env[k];
};
const withCredentials = () =>
  Object.assign(process.env, { CLOUDFLARE_API_TOKEN: TOKEN, CLOUDFLARE_BASE_URL: s.emulator.url, CLOUDFLARE_ACCOUNT_ID: ACCOUNT });

/** A program whose route takes its nexthop from one lookup, and another's description from a lookup that takes the first's answer. */
const program = () => {
  const tunnels = magic.getGreTunnelsOutput();
  const ipsec = magic.getIpsecTunnelsOutput({ accountId: tunnels.apply((ts) => ts[0].accountId) });
  new magic.StaticRoute("dc", { prefix: "192.0.2.0/24", nexthop: tunnels.apply((ts) => ts[0].customerAddress), priority: 100 });
  new magic.StaticRoute("named", {
    prefix: "198.51.100.0/24",
    nexthop: "10.212.0.9",
    priority: 100,
    description: ipsec.apply((l) => `${l.length} IPsec tunnels`),
  });
};

/** The program's warnings (under mocks the SDK prints pulumi.log.warn with console.warn). */
async function warningsOf(run: () => Promise<unknown>): Promise<string[]> {
  const warn = jest.spyOn(console, "warn").mockImplementation(() => undefined);
  try {
    await run();
    return warn.mock.calls.map((c) => String(c[0]));
  } finally {
    warn.mockRestore();
  }
}

test("with no credentials a preview of a program with lookups succeeds: unknown values, one warning per lookup, no request", async () => {
  withoutCredentials();
  const before = s.emulator.stats.totalRequests;
  let result: Awaited<ReturnType<typeof s.driver.preview>> | undefined;
  const warnings = await warningsOf(async () => (result = await s.driver.preview(program)));
  expect(result!.errors).toEqual([]);
  expect(result!.ops.map((o) => [o.name, o.op])).toEqual([
    ["dc", "create"],
    ["named", "create"],
  ]);
  expect(result!.outputs("dc").nexthop).toBe(UNKNOWN);
  expect(result!.outputs("named").description).toBe(UNKNOWN);
  expect(s.emulator.stats.totalRequests).toBe(before);
  // The lookup that depends on the first one never runs: its argument is unknown.
  expect(warnings).toEqual([
    "warning: [runtime] pulumi-cloudflare-magic: getGreTunnelsOutput gives unknown values in this preview: no Cloudflare credentials: set an API token with `pulumi config set --secret cloudflare:apiToken <token>` or the environment variable CLOUDFLARE_API_TOKEN (or a global API key with cloudflare:apiKey + cloudflare:email / CLOUDFLARE_API_KEY + CLOUDFLARE_EMAIL). `pulumi up` reads them.",
  ]);
});

test("with credentials the same preview reads the values, and `up` applies them", async () => {
  withCredentials();
  const warnings = await warningsOf(async () => {
    expect((await s.driver.preview(program)).errors).toEqual([]);
    const applied = await s.driver.up(program);
    expect(applied.outputs("dc")).toMatchObject({ nexthop: "10.212.0.9" });
    expect(applied.outputs("named")).toMatchObject({ description: "0 IPsec tunnels" });
  });
  expect(warnings).toEqual([]);
  await s.driver.destroy();
});

test("arguments and dependsOn may be Outputs not known yet: the lookup waits for them, and a preview leaves it unknown", async () => {
  withCredentials();
  const program = () => {
    const site = new magic.Site("nyc", { name: "nyc_branch" });
    const lans = magic.getSiteLansOutput(site.id);
    const named = magic.getSitesOutput({ connectorId: pulumi.output("none") }, { dependsOn: site });
    const all = magic.getSitesOutput(undefined, { dependsOn: [site] });
    const description = pulumi.all([lans, named, all]).apply(([l, n, a]) => `${l.length} ${n.length} ${a.map((x) => x.name).join(",")}`);
    new magic.StaticRoute("dc", { prefix: "192.0.2.0/24", nexthop: "10.212.0.9", priority: 100, description });
  };
  const before = s.emulator.stats.totalRequests;
  const p = await s.driver.preview(program);
  expect(p.errors).toEqual([]);
  expect(p.outputs("dc").description).toBe(UNKNOWN);
  expect(s.emulator.stats.requests.slice(before).filter((r) => r.url.includes("/magic/sites"))).toEqual([]);

  const applied = await s.driver.up(program);
  expect(applied.outputs("dc").description).toBe("0 0 nyc_branch");
  await s.driver.destroy();
});

test("every lookup has an Output form, and the Promise forms are unchanged", () => {
  const sdk = magic as unknown as Record<string, unknown>;
  const lookups = Object.keys(sdk).filter((k) => /^(get|download)[A-Z]\w*$/.test(k) && !k.endsWith("Output"));
  expect(lookups.length).toBeGreaterThanOrEqual(33);
  expect(lookups.filter((k) => typeof sdk[`${k}Output`] !== "function")).toEqual([]);
  // Each Output form passes exactly the Promise form's arguments: its arity is what the source declares.
  const sources = fs
    .readdirSync(path.join(__dirname, "../../sdk/lookups"))
    .map((f) => fs.readFileSync(path.join(__dirname, "../../sdk/lookups", f), "utf8"))
    .join("\n");
  for (const name of lookups) {
    const declared = new RegExp(`export (?:async )?function ${name}\\(([^)]*)\\)`).exec(sources);
    const arity = declared![1].split(",").filter((p) => p.trim()).length;
    expect([name, new RegExp(`${name}Output = outputForm\\("${name}Output", ${name}, (\\d+)\\)`).exec(sources)?.[1]]).toEqual([
      name,
      String(arity),
    ]);
  }
});
