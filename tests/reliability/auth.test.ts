import * as magic from "pulumi-cloudflare-magic";
import { type Emulator, type RequestLogEntry, startEmulator } from "../../emulator";
import { failure } from "../failure";
import { type Host, secret, startHost } from "../harness/host";
import { type Program, ProgramDriver, RunError } from "../harness/program";
import { ACCOUNT, REPO, TOKEN } from "../resources/stack";

/**
 * Refused credentials, through the real provider host: a wrong token, an expired one, one without
 * the permission an operation needs, a wrong global API key. Each operation fails once (no retry:
 * a refused credential stays refused), with one sentence that says which credential was used (the
 * config key or environment variable, never its value), what Cloudflare answered, and what
 * permission the operation needs.
 */
const EMAIL = "ops@example.com";
const API_KEY = "cf-global-key-auth-test";
const TOKENS = {
  unknown: "cf-token-nobody-issued",
  expired: "cf-token-expired-last-year",
  readOnly: "cf-token-magic-read-only",
  transitOnly: "cf-token-magic-transit-write",
};

const gre = () =>
  new magic.GreTunnel("nyc-gre-1", {
    name: "nyc_gre_1",
    cloudflareGreEndpoint: "162.159.64.1",
    customerGreEndpoint: "203.0.113.10",
    interfaceAddress: "10.212.0.8/31",
  });
const routes =
  (n: number): Program =>
  () => {
    for (let i = 0; i < n; i++) new magic.StaticRoute(`route-${i}`, { prefix: `192.0.${i}.0/24`, nexthop: "10.212.0.9", priority: 100 });
  };
const base = (e: Emulator) => ({
  "cloudflare-magic:accountId": ACCOUNT,
  "cloudflare-magic:baseUrl": e.url,
  "cloudflare-magic:debug": "true",
});
const summary = (r: RequestLogEntry) => `${r.method} ${r.route.split(" ")[1]} ${r.status}`;

let emulator: Emulator;
const hosts: Host[] = [];
beforeAll(async () => {
  emulator = await startEmulator({
    tokens: {
      [TOKEN]: {},
      [TOKENS.expired]: { expired: true },
      [TOKENS.readOnly]: { permissions: ["magic-transit:read", "magic-wan:read"] },
      [TOKENS.transitOnly]: { permissions: ["magic-transit:write"] },
    },
    email: EMAIL,
    apiKey: API_KEY,
  });
});
beforeEach(() => {
  emulator.store.clear();
  emulator.resetStats();
});
afterAll(async () => {
  for (const h of hosts) await h.close();
  await emulator.close();
});

/** A provider host configured like `pulumi up` with this stack config (and environment). */
async function hostWith(config: Record<string, unknown>, env: NodeJS.ProcessEnv = {}): Promise<Host> {
  const h = await startHost({
    cwd: REPO,
    project: "test",
    env: { ...process.env, CLOUDFLARE_API_TOKEN: "", CLOUDFLARE_API_KEY: "", CLOUDFLARE_EMAIL: "", ...env },
  });
  hosts.push(h);
  await h.configure({ ...base(emulator), ...config });
  return h;
}
const withToken = (token: string) => hostWith({ "cloudflare:apiToken": secret(token) });

/** Runs the program and returns its only error, which must be a RunError. */
async function onlyError(h: Host, program: Program): Promise<string> {
  const err = await failure(new ProgramDriver({ host: h, project: "test", stack: "dev" }).up(program));
  expect(err).toBeInstanceOf(RunError);
  expect(err.errors).toHaveLength(1);
  return err.errors[0].message;
}

describe("a refused credential fails the operation once, with a sentence that names the credential and the permission", () => {
  it.each([
    ["an unknown token", TOKENS.unknown, 401, "Cloudflare 10000: Authentication error"],
    ["an expired token", TOKENS.expired, 401, "Cloudflare 9109: Invalid access token"],
    ["a read-only token", TOKENS.readOnly, 403, "Cloudflare 10000: Authentication error"],
  ])("%s in stack config", async (_case, token, status, answer) => {
    const h = await withToken(token);
    const message = await onlyError(h, gre);
    expect(emulator.stats.requests.map(summary)).toEqual([`POST /accounts/:account_id/magic/gre_tunnels ${status}`]);
    expect(message).toBe(
      `create GreTunnel 'nyc-gre-1': ${answer} (HTTP ${status} from POST /client/v4/accounts/${ACCOUNT}/magic/gre_tunnels). ` +
        "Check the credential from stack config cloudflare:apiToken: it must be valid, unexpired and grant Magic Transit: Edit (or Magic WAN: Edit).",
    );
    expect(message + h.stderr() + h.stdout()).not.toContain(token);
    expect(h.stderr()).not.toMatch(/retrying/);
    expect(emulator.store.countAll()).toBe(0);
  });

  it("a token from the environment is named by its variable", async () => {
    const h = await hostWith({}, { CLOUDFLARE_API_TOKEN: TOKENS.unknown });
    const message = await onlyError(h, gre);
    expect(emulator.stats.totalRequests).toBe(1);
    expect(message).toContain("Check the credential from environment variable CLOUDFLARE_API_TOKEN: it must be valid");
    expect(message).not.toContain(TOKENS.unknown);
  });

  it("a wrong global API key is named by both config keys, never by its value", async () => {
    const h = await hostWith({ "cloudflare:apiKey": secret("not-the-key"), "cloudflare:email": EMAIL });
    const message = await onlyError(h, gre);
    expect(emulator.stats.requests.map(summary)).toEqual(["POST /accounts/:account_id/magic/gre_tunnels 401"]);
    expect(message).toContain("Check the credential from stack config cloudflare:apiKey with stack config cloudflare:email");
    expect(message + h.stderr()).not.toContain("not-the-key");
  });

  it("each resource of a program fails once: one write per resource, no retries", async () => {
    const h = await withToken(TOKENS.readOnly);
    const err = await failure(new ProgramDriver({ host: h, project: "test", stack: "dev" }).up(routes(8)));
    expect(err.errors).toHaveLength(8);
    const sent = emulator.stats.requests.map(summary);
    expect(sent.filter((r) => r.startsWith("POST"))).toEqual(Array(8).fill("POST /accounts/:account_id/magic/routes 403"));
    // Before them, the list that looks for a twin an interrupted apply left (a read-only token may read),
    // shared by the creates in flight.
    const lists = sent.filter((r) => !r.startsWith("POST"));
    expect(new Set(lists)).toEqual(new Set(["GET /accounts/:account_id/magic/routes 200"]));
    expect(lists.length).toBeLessThan(8);
    for (const e of err.errors)
      expect(e.message).toMatch(
        /^create StaticRoute 'route-\d': Cloudflare 10000: Authentication error \(HTTP 403 .*\)\. Check the credential from stack config cloudflare:apiToken: it must be valid, unexpired and grant Magic Transit: Edit \(or Magic WAN: Edit\)\.$/,
      );
    expect(h.stderr()).not.toMatch(/retrying/);
  });

  it("names the permission of the resource: packet captures need their own", async () => {
    const h = await withToken(TOKENS.transitOnly);
    const message = await onlyError(
      h,
      () => new magic.PacketCapture("capture", { type: "simple", system: "magic-transit", timeLimit: 60, packetLimit: 100 }),
    );
    // A capture has nothing unique to find it by, so its create first lists what exists: that is the one refused request.
    expect(emulator.stats.requests.map(summary)).toEqual(["GET /accounts/:account_id/pcaps 403"]);
    expect(message).toContain("grant Magic Firewall Packet Captures - Write PCAPs API.");
  });
});

describe("a read-only token on a stack that exists", () => {
  it("refreshes, and fails the change once without touching the tunnel", async () => {
    const writer = await withToken(TOKEN);
    const driver = new ProgramDriver({ host: writer, project: "test", stack: "dev" });
    await driver.up(gre);
    const before = emulator.store.list(ACCOUNT, "gre_tunnels");

    const reader = await withToken(TOKENS.readOnly);
    const sameStack = new ProgramDriver({ host: reader, project: "test", stack: "dev" });
    for (const [urn, entry] of driver.state) sameStack.state.set(urn, structuredClone(entry));
    emulator.resetStats();
    expect(await sameStack.refresh()).toMatchObject([{ op: "same" }]);
    const err = await failure(
      sameStack.up(
        () =>
          new magic.GreTunnel("nyc-gre-1", {
            name: "nyc_gre_1",
            cloudflareGreEndpoint: "162.159.64.1",
            customerGreEndpoint: "203.0.113.10",
            interfaceAddress: "10.212.0.8/31",
            mtu: 1400,
          }),
      ),
    );
    expect(err.errors[0].message).toMatch(/^update GreTunnel 'nyc-gre-1': Cloudflare 10000: Authentication error \(HTTP 403 from PUT /);
    expect(emulator.stats.requests.map(summary)).toEqual([
      "GET /accounts/:account_id/magic/gre_tunnels/:gre_tunnel_id 200",
      "PUT /accounts/:account_id/magic/gre_tunnels/:gre_tunnel_id 403",
    ]);
    expect(emulator.store.list(ACCOUNT, "gre_tunnels")).toEqual(before);
    // State still describes the tunnel as it is: the next run with a good token converges.
    expect((await driver.up(gre)).ops.map((o) => o.op)).toEqual(["same"]);
  });
});
