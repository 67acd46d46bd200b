import * as magic from "pulumi-cloudflare-magic";
import { type Emulator, startEmulator } from "../../emulator";
import { reviewKeys } from "../../provider/framework/settings";
import { failure } from "../failure";
import { type Host, secret, startHost } from "../harness/host";
import { ProgramDriver, RunError } from "../harness/program";
import { ACCOUNT, REPO, TOKEN } from "../resources/stack";

/**
 * Configuration mistakes, through the real provider host configured the way `pulumi up` does:
 * each is reported before (or at) the first request with a sentence naming the setting, and a
 * base URL where nothing answers fails after one quick retry instead of a minute of backoff.
 */
const gre = () =>
  new magic.GreTunnel("nyc-gre-1", {
    name: "nyc_gre_1",
    cloudflareGreEndpoint: "162.159.64.1",
    customerGreEndpoint: "203.0.113.10",
    interfaceAddress: "10.212.0.8/31",
  });

let emulator: Emulator;
const hosts: Host[] = [];
beforeAll(async () => {
  emulator = await startEmulator({ tokens: { [TOKEN]: {}, "cf-token-read-only": { permissions: ["magic-transit:read"] } } });
});
beforeEach(() => {
  emulator.store.clear();
  emulator.resetStats();
});
afterAll(async () => {
  for (const h of hosts) await h.close();
  await emulator.close();
});

/** A host configured with exactly this stack config, with no credential in the environment. */
async function driverWith(config: Record<string, unknown>): Promise<{ host: Host; driver: ProgramDriver }> {
  const host = await startHost({
    cwd: REPO,
    project: "test",
    env: {
      ...process.env,
      CLOUDFLARE_API_TOKEN: "",
      CLOUDFLARE_API_KEY: "",
      CLOUDFLARE_EMAIL: "",
      CLOUDFLARE_BASE_URL: "",
      CLOUDFLARE_ACCOUNT_ID: "",
    },
  });
  hosts.push(host);
  await host.configure(config);
  return { host, driver: new ProgramDriver({ host, project: "test", stack: "dev" }) };
}
const good = () => ({
  "cloudflare:apiToken": secret(TOKEN),
  "cloudflare-magic:accountId": ACCOUNT,
  "cloudflare-magic:baseUrl": emulator.url,
});

describe("misspelt keys", () => {
  it("an unknown cloudflare-magic:* key fails preview with the closest key, before any request", async () => {
    // Before: the key was ignored, the default base URL was used, and the apply failed ~14 s later
    // with "ENOTFOUND (could not connect to api.cloudflare.com)".
    const { driver } = await driverWith({
      "cloudflare:apiToken": secret(TOKEN),
      "cloudflare-magic:accountId": ACCOUNT,
      "cloudflare-magic:baseURL": emulator.url,
    });
    const err = await failure(driver.preview(gre));
    expect(err).toBeInstanceOf(RunError);
    expect(err.message).toContain(
      "check failed: (stack config): stack config cloudflare-magic:baseURL is not a setting of pulumi-cloudflare-magic; did you mean cloudflare-magic:baseUrl?",
    );
    expect(emulator.stats.totalRequests).toBe(0);
  });

  it("a key far from every setting lists the settings", () => {
    const { errors } = reviewKeys(["cloudflare-magic:zone"]);
    expect(errors).toEqual([
      expect.stringMatching(
        /^stack config cloudflare-magic:zone is not a setting of pulumi-cloudflare-magic; the settings are cloudflare-magic:accountId, cloudflare-magic:baseUrl, .*cloudflare-magic:debug, .*cloudflare-magic:adoptExisting\b.*\.$/,
      ),
    ]);
  });

  it("cloudflare:* keys: the official provider's are left alone, near-misses of ours are warnings", () => {
    expect(
      reviewKeys(["cloudflare:apiToken", "cloudflare:apiUserServiceKey", "cloudflare:rps", "cloudflare:zoneId", "test:region"]),
    ).toEqual({ errors: [], warnings: [] });
    expect(reviewKeys(["cloudflare:apiTokn", "cloudflare:Email"]).warnings).toEqual([
      "stack config cloudflare:apiTokn is read neither by pulumi-cloudflare-magic nor by the official Cloudflare provider; did you mean cloudflare:apiToken?",
      "stack config cloudflare:Email is read neither by pulumi-cloudflare-magic nor by the official Cloudflare provider; did you mean cloudflare:email?",
    ]);
    expect(reviewKeys(["cloudflare:baseUrl"]).warnings).toEqual([
      "stack config cloudflare:baseUrl is the official Cloudflare provider's; pulumi-cloudflare-magic reads its base URL from cloudflare-magic:baseUrl.",
    ]);
  });

  it("a misspelt cloudflare:apiToken is a warning on the host's stderr and explains the missing credential", async () => {
    const { host, driver } = await driverWith({
      "cloudflare-magic:accountId": ACCOUNT,
      "cloudflare-magic:baseUrl": emulator.url,
      "cloudflare:apiTokn": secret(TOKEN),
    });
    await driver.preview(gre); // a warning does not stop preview
    // The host configures the provider on its first call.
    expect(host.stderr()).toContain(
      "[cloudflare-magic] warning: stack config cloudflare:apiTokn is read neither by pulumi-cloudflare-magic nor by the official Cloudflare provider; did you mean cloudflare:apiToken?",
    );
    const err = await failure(driver.up(gre));
    expect(err.message).toContain("no Cloudflare credentials: set an API token");
    expect(err.message).toContain("Note: stack config cloudflare:apiTokn is read neither");
    expect(emulator.stats.totalRequests).toBe(0);
  });
});

describe("the account id", () => {
  const route = (accountId?: unknown) => () =>
    new magic.RouteTable("dc", {
      accountId: accountId as string,
      routes: [{ prefix: "192.0.2.0/24", nexthop: "10.212.0.9", priority: 100 }],
    });

  it("missing everywhere fails preview at check, with no credential and before any request", async () => {
    // Before: preview passed and `up` failed at the first request with the same sentence.
    const { driver } = await driverWith({ "cloudflare-magic:baseUrl": emulator.url });
    for (const program of [gre, route()]) {
      const err = await failure(driver.preview(program));
      expect(err.message).toContain(
        "check failed: (stack config): no Cloudflare account id: give the resource an accountId, or set `pulumi config set cloudflare-magic:accountId <id>` or the environment variable CLOUDFLARE_ACCOUNT_ID.",
      );
    }
    expect(emulator.stats.totalRequests).toBe(0);
  });

  it("given on the resource, or as an Output not known yet, previews with no credential", async () => {
    const { driver } = await driverWith({ "cloudflare-magic:baseUrl": emulator.url });
    expect((await driver.preview(route(ACCOUNT))).errors).toEqual([]);
    const later = () => {
      const t = new magic.GreTunnel("nyc-gre-1", {
        name: "nyc_gre_1",
        cloudflareGreEndpoint: "162.159.64.1",
        customerGreEndpoint: "203.0.113.10",
        interfaceAddress: "10.212.0.8/31",
        accountId: ACCOUNT,
      });
      // The tunnel's accountId output is unknown during a preview that creates it.
      route(t.accountId)();
    };
    expect((await driver.preview(later)).errors).toEqual([]);
    expect(emulator.stats.totalRequests).toBe(0);
  });
});

describe("the base URL", () => {
  it("one without /client/v4 fails preview, naming the setting and the fix", async () => {
    const root = emulator.url.replace(/\/client\/v4$/, "");
    const { driver } = await driverWith({ ...good(), "cloudflare-magic:baseUrl": root });
    const err = await failure(driver.preview(gre));
    // Before: "Cloudflare 7000: Could not route to /accounts/..." from the server, at apply time.
    expect(err.message).toContain(
      `check failed: (stack config): stack config cloudflare-magic:baseUrl must be the API root, an http(s) URL ending in /client/v4 such as https://api.cloudflare.com/client/v4 (got "${root}"; try "${root}/client/v4").`,
    );
    expect(emulator.stats.totalRequests).toBe(0);
  });

  it("one where nothing listens fails after one quick retry, naming the URL and where it came from", async () => {
    const { host, driver } = await driverWith({
      ...good(),
      "cloudflare-magic:baseUrl": "http://127.0.0.1:1/client/v4",
      "cloudflare-magic:debug": "true",
    });
    const err = await failure(driver.up(gre));
    // Before: five retries with backoff (about 15 s), then "ECONNREFUSED (could not connect to 127.0.0.1:1)".
    expect(err.message).toContain(
      "ECONNREFUSED: nothing accepted a connection at 127.0.0.1:1 (base URL http://127.0.0.1:1/client/v4 from stack config cloudflare-magic:baseUrl; check it, or unset it to use https://api.cloudflare.com/client/v4)",
    );
    expect(host.stderr().match(/retrying /g)).toHaveLength(1);
  });

  it("names the environment variable when the URL came from there", async () => {
    const host = await startHost({
      cwd: REPO,
      project: "test",
      env: { ...process.env, CLOUDFLARE_BASE_URL: "http://127.0.0.1:1/client/v4" },
    });
    hosts.push(host);
    await host.configure({ "cloudflare:apiToken": secret(TOKEN), "cloudflare-magic:accountId": ACCOUNT });
    const err = await failure(new ProgramDriver({ host, project: "test", stack: "dev" }).up(gre));
    expect(err.message).toContain("(base URL http://127.0.0.1:1/client/v4 from environment variable CLOUDFLARE_BASE_URL;");
  });
});

describe("preview-time validation with a refused credential", () => {
  it("says which credential and which permission, like a create", async () => {
    const { driver } = await driverWith({
      ...good(),
      "cloudflare:apiToken": secret("cf-token-read-only"),
      "cloudflare-magic:validateOnPreview": "true",
    });
    const err = await failure(
      driver.preview(
        () => new magic.IpsecTunnel("ipsec", { name: "ipsec_1", cloudflareEndpoint: "162.159.65.1", interfaceAddress: "10.213.0.10/31" }),
      ),
    );
    // Before: "(api): Cloudflare rejects this IpsecTunnel (10000: Authentication error)".
    expect(err.message).toContain(
      "check failed: (credentials): validate IpsecTunnel 'ipsec': Cloudflare 10000: Authentication error (HTTP 403 from POST /client/v4/accounts/" +
        `${ACCOUNT}/magic/ipsec_tunnels). Check the credential from stack config cloudflare:apiToken: it must be valid, unexpired and grant Magic Transit: Edit (or Magic WAN: Edit).`,
    );
    expect(err.message).toContain("set it to false to preview offline");
    expect(emulator.store.countAll()).toBe(0);
  });
});
