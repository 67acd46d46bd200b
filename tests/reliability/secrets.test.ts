import * as pulumi from "@pulumi/pulumi";
import * as magic from "pulumi-cloudflare-magic";
import { type Emulator, startEmulator } from "../../emulator";
import { SHIM_TEXT } from "../../sdk/shim";
import { failure } from "../failure";
import { type Host, type Props, isSecret, secret, startHost } from "../harness/host";
import { type Program, ProgramDriver, secretsOf } from "../harness/program";
import { pathsOf } from "../harness/secrets";
import { ACCOUNT, REPO, TOKEN } from "../resources/stack";
import { COMPONENT_PAIRING_KEY, PAIRING_KEY, everyResource, provisionCfInterconnect } from "./fixtures";

/**
 * The secrets audit. One program with every resource runs (apply, apply with rotations, refresh,
 * failures of every kind, destroy) under each kind of credential Cloudflare takes: an API token,
 * and a global API key with its email. Everything Pulumi would store or show is scanned: the
 * serialized provider, every input and output in state, every error message, every line the
 * provider host printed (with the debug log on).
 *
 * - The credential appears nowhere.
 * - PSKs, MD5 keys, license keys and the pairing key appear in state only
 *   where the engine stores them encrypted: at or under a path the harness records as secret the
 *   way the engine does (tests/harness/secrets.ts: what the program and the provider mark, the
 *   engine's annotateSecrets from request to answer, additionalSecretOutputs). Never in an error
 *   or a log line. Only the MD5 key of a `bgp` is secret, never the whole object (its diff stays readable).
 * - No error or log line carries an Authorization or X-Auth-Key header or a bearer token.
 *
 * The bucket ownership challenge is in the program too, but it is not tracked as a secret: the API
 * itself answers it to anyone who can list buckets ("filename: The ownership challenge filename
 * stored in the bucket", Cloudflare API "Magic Transit > PCAPs > Ownership", is what `ownership_challenge` must be).
 */
const API_KEY = "cf-global-key-9a8b7c6d5e4f-NEVER-IN-STATE";
const EMAIL = "audit-owner@example.com";
const WRONG_TOKEN = "cf-wrong-token-0f9e8d7c-NEVER-IN-LOGS";
const WRONG_KEY = "cf-wrong-global-key-1a2b3c-NEVER-IN-LOGS";
const SECRETS = { psk: "audit-psk-5f2e9c71d3a8b4e6", md5Key: "audit-md5-77c1e0" };
const BAD_MD5 = "audit-bad-md5?4d2c";
const HEADER_WORDS = /authorization|x-auth-key|bearer/i;

interface Credential {
  kind: string;
  /** Values that must appear nowhere. */
  values: string[];
  emulator: () => Promise<Emulator>;
  config: (url: string) => Record<string, unknown>;
  wrongConfig: (url: string) => Record<string, unknown>;
  /** Where the wrong credential came from, as an error must name it. */
  wrongSource: string;
}

const common = (url: string) => ({
  "cloudflare-magic:accountId": ACCOUNT,
  "cloudflare-magic:baseUrl": url,
  "cloudflare-magic:debug": "true",
});
const CREDENTIALS: Credential[] = [
  {
    kind: "an API token (cloudflare:apiToken)",
    values: [TOKEN, WRONG_TOKEN],
    emulator: () => startEmulator({ tokens: [TOKEN] }),
    config: (url) => ({ ...common(url), "cloudflare:apiToken": secret(TOKEN) }),
    wrongConfig: (url) => ({ ...common(url), "cloudflare:apiToken": secret(WRONG_TOKEN) }),
    wrongSource: "stack config cloudflare:apiToken",
  },
  {
    kind: "a global API key (cloudflare:apiKey + cloudflare:email)",
    values: [API_KEY, WRONG_KEY],
    emulator: () => startEmulator({ email: EMAIL, apiKey: API_KEY }),
    config: (url) => ({ ...common(url), "cloudflare:apiKey": secret(API_KEY), "cloudflare:email": EMAIL }),
    wrongConfig: (url) => ({ ...common(url), "cloudflare:apiKey": secret(WRONG_KEY), "cloudflare:email": EMAIL }),
    wrongSource: "stack config cloudflare:apiKey with stack config cloudflare:email",
  },
];

/** The program as the engine received it: each resource's registered inputs, secret wrappers kept. */
type Wire = Map<string, Props>;

/** Runs `program` with the mock monitor tapped, so the wire form of each registration is kept. */
function tapped(program: Program, wire: Wire): Program {
  return () => {
    const monitor: any = pulumi.runtime.getMonitor();
    const register = monitor.registerResource.bind(monitor);
    monitor.registerResource = (req: any, cb: any) => {
      wire.set(req.getName(), req.getObject()?.toJavaScript() ?? {});
      return register(req, cb);
    };
    return program();
  };
}

/** Dotted paths at which the value is a secret wrapper. */
function secretPaths(v: unknown, at: string[] = [], out: string[] = []): string[] {
  if (isSecret(v)) out.push(at.join("."));
  else if (Array.isArray(v)) v.forEach((x, i) => secretPaths(x, [...at, String(i)], out));
  else if (typeof v === "object" && v !== null) for (const [k, x] of Object.entries(v)) secretPaths(x, [...at, k], out);
  return out;
}

/** Paths of string leaves that contain one of `needles` and are not `covered`; `count` gets every leaf visited. */
function exposed(
  v: unknown,
  needles: string[],
  covered: (path: string[]) => boolean,
  count: { leaves: number },
  at: string[] = [],
): string[] {
  if (Array.isArray(v)) return v.flatMap((x, i) => exposed(x, needles, covered, count, [...at, String(i)]));
  if (typeof v === "object" && v !== null) return Object.entries(v).flatMap(([k, x]) => exposed(x, needles, covered, count, [...at, k]));
  count.leaves++;
  return typeof v === "string" && needles.some((n) => v.includes(n)) && !covered(at) ? [at.join(".")] : [];
}

interface Audit {
  entries: number;
  leaves: { leaves: number };
  errors: string[];
  logs: string[];
  providerTexts: number;
  sensitive: Set<string>;
  /** Resources (by type) whose state was scanned, to prove the audit covered all of them. */
  types: Set<string>;
}

/** Scans the state of `driver`: records violations as readable strings. */
function auditState(driver: ProgramDriver, wire: Wire, credentials: string[], audit: Audit): string[] {
  const violations: string[] = [];
  const sensitive = [...audit.sensitive];
  for (const e of driver.state.values()) {
    audit.entries++;
    audit.types.add(e.type);
    // What the program sent as secret is kept secret in state (the engine may only add to it).
    const recorded = secretsOf(e);
    const under = (paths: string[]) => (path: string[]) =>
      paths.some((p) => p === "" || path.join(".") === p || path.join(".").startsWith(`${p}.`));
    const secretInputs = under(pathsOf(recorded.inputs));
    const secretOutputs = under(pathsOf(recorded.outputs));
    for (const p of secretPaths(wire.get(e.name) ?? {}))
      if (!secretInputs(p.split("."))) violations.push(`${e.name}: the program's secret ${p} is not secret in the state's inputs`);
    if (e.secretInputs?.includes("bgp") || e.secretOutputs?.includes("bgp")) violations.push(`${e.name}: the whole bgp is secret`);
    const flat = JSON.stringify([e.inputs, e.outputs]);
    for (const c of credentials) if (flat.includes(c)) violations.push(`${e.name}: a credential is in state`);
    for (const p of [e.inputs.__provider, e.outputs.__provider]) {
      if (p === undefined) continue;
      audit.providerTexts++;
      if (p !== SHIM_TEXT) violations.push(`${e.name}: __provider is not the shim text`);
    }
    for (const p of exposed(e.inputs, sensitive, secretInputs, audit.leaves))
      violations.push(`${e.name}: inputs.${p} holds a secret in plain text`);
    for (const p of exposed(e.outputs, sensitive, secretOutputs, audit.leaves))
      violations.push(`${e.name}: outputs.${p} holds a secret in plain text`);
  }
  return violations;
}

/** Values the API made up for this stack (generated PSKs, license keys): secrets too. */
function madeUpSecrets(driver: ProgramDriver): string[] {
  const out: string[] = [];
  for (const e of driver.state.values())
    for (const k of ["psk", "licenseKey"]) if (typeof e.outputs[k] === "string") out.push(e.outputs[k]);
  return out;
}

const errorMessages = (e: unknown): string[] => {
  const err = e as { errors?: Error[]; message: string };
  return [err.message, ...(err.errors ?? []).map((x) => x.message)];
};

describe.each(CREDENTIALS)("the secrets audit with $kind", (cred) => {
  let emulator: Emulator;
  const hosts: Host[] = [];
  const audit: Audit = {
    entries: 0,
    leaves: { leaves: 0 },
    errors: [],
    logs: [],
    providerTexts: 0,
    sensitive: new Set([SECRETS.psk, SECRETS.md5Key, PAIRING_KEY, COMPONENT_PAIRING_KEY, BAD_MD5]),
    types: new Set(),
  };

  beforeAll(async () => {
    emulator = await cred.emulator();
  });
  afterAll(async () => {
    for (const h of hosts) await h.close();
    await emulator.close();
  });

  async function host(config: Record<string, unknown>): Promise<Host> {
    const h = await startHost({ cwd: REPO, project: "test" });
    hosts.push(h);
    await h.configure(config);
    return h;
  }

  it("keeps the credential out of everything and every other secret encrypted, through apply, rotation, refresh, failures and destroy", async () => {
    const main = await host(cred.config(emulator.url));
    const driver = new ProgramDriver({ host: main, project: "test", stack: "dev" });
    const wire: Wire = new Map();
    const cfInterconnectId = provisionCfInterconnect(emulator);
    const program = (rotation?: number) => tapped(everyResource({ secrets: SECRETS, cfInterconnectId, rotation }), wire);
    const found = new Set<string>();
    const scan = (d: ProgramDriver, w: Wire) => {
      for (const s of madeUpSecrets(d)) audit.sensitive.add(s);
      for (const v of auditState(d, w, cred.values, audit)) found.add(v);
    };

    await driver.up(program());
    scan(driver, wire);
    // Rotations regenerate the PSK and the license key through the update paths.
    await driver.up(program(1));
    scan(driver, wire);
    await driver.refresh();
    scan(driver, wire);
    // The given PSK (twice), two generated ones and the license key.
    expect(madeUpSecrets(driver)).toHaveLength(5);

    // Failures: refused in check, refused by the API (every name is taken), refused credentials, and a 400 on update.
    const badWire: Wire = new Map();
    const bad = new ProgramDriver({ host: main, project: "test", stack: "bad" });
    const badCheck = () =>
      new magic.GreTunnel("bad-md5", {
        name: "bad_md5",
        cloudflareGreEndpoint: "162.159.64.1",
        customerGreEndpoint: "203.0.113.10",
        interfaceAddress: "10.212.0.8/31",
        bgp: { customerAsn: 65010, md5Key: BAD_MD5 },
      });
    audit.errors.push(...errorMessages(await failure(bad.up(tapped(badCheck, badWire)))));
    const twin = new ProgramDriver({ host: main, project: "test", stack: "twin" });
    const twinWire: Wire = new Map();
    const twinErrors = errorMessages(await failure(twin.up(tapped(everyResource({ secrets: SECRETS, cfInterconnectId }), twinWire))));
    expect(twinErrors.join("\n")).toMatch(/Cloudflare 1003/);
    audit.errors.push(...twinErrors);
    scan(twin, twinWire);
    await twin.destroy().catch((e) => audit.errors.push(...errorMessages(e)));

    const refused = await host(cred.wrongConfig(emulator.url));
    const stranger = new ProgramDriver({ host: refused, project: "test", stack: "stranger" });
    const refusedErrors = errorMessages(await failure(stranger.up(everyResource({ secrets: SECRETS, cfInterconnectId }))));
    expect(refusedErrors.join("\n")).toContain(cred.wrongSource);
    audit.errors.push(...refusedErrors);

    emulator.injectNext({ kind: "5xx", method: "PUT", pathIncludes: "/ipsec_tunnels/", status: 400 });
    audit.errors.push(...errorMessages(await failure(driver.up(program(2)))));
    scan(driver, wire);

    await driver.destroy();
    for (const h of hosts) audit.logs.push(...(h.stderr() + h.stdout()).split("\n").filter((l) => l !== ""));

    const violations = [...found];
    const sensitive = [...audit.sensitive];
    const told = [...audit.errors, ...audit.logs];
    const leakedCredentials = told.filter((t) => cred.values.some((c) => t.includes(c)));
    const leakedSecrets = told.filter((t) => sensitive.some((s) => t.includes(s)));
    const headers = told.filter((t) => HEADER_WORDS.test(t));
    console.log(
      `secrets audit (${cred.kind}): scanned ${audit.entries} state entries of ${audit.types.size} resource and component types, ${audit.leaves.leaves} input/output values, ` +
        `${audit.providerTexts} serialized providers, ${audit.errors.length} error messages, ${audit.logs.length} host log lines; ` +
        `${sensitive.length} secret values tracked; ${violations.length + leakedCredentials.length + leakedSecrets.length + headers.length} leaks`,
    );
    expect(violations).toEqual([]);
    expect(leakedCredentials).toEqual([]);
    expect(leakedSecrets).toEqual([]);
    expect(headers).toEqual([]);
    // The audit saw what it claims to: every resource type, debug lines, and every kind of failure.
    expect(audit.types.size).toBe(20);
    expect(audit.logs.some((l) => /\[cloudflare-magic\] (POST|PUT|GET|DELETE) \/client\/v4\//.test(l))).toBe(true);
    expect(audit.errors.some((e) => e.includes("bgp.md5Key must contain only printable ASCII"))).toBe(true);
    expect(audit.errors.some((e) => /Cloudflare 10001: Bad Request \(HTTP 400 from PUT /.test(e))).toBe(true);
  });
});
