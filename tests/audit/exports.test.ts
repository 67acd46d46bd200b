/**
 * Reading `pulumi stack export` files: the version-3 shape, secrets as ciphertext (left out, the
 * path noted as hidden) and as plaintext (`--show-secrets`: decoded, the path noted), which
 * resources are ours, stack names, and every file the command cannot audit ending the run with
 * exit 2 and a sentence saying what to do, before any credential is looked at.
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { main } from "../../audit/cli";
import { ExportError, exportFiles, parseExport, readExports } from "../../audit/exports";
import type { StateEntry } from "../harness/program";
import { stackExport } from "./export";

const ACCOUNT = "0123456789abcdef0123456789abcdef";
const SIG = { "4dabf18193072939515e22adb298388d": "1b47061264138c4ac30d75fd1eb44270" };

function entry(name: string, token: string, props: Record<string, unknown>, secretKeys: string[] = [], id = `${name}-id`): StateEntry {
  const inputs = { __provider: "exports.handler = ...", __token: token, __resourceName: name, ...props };
  return {
    urn: `urn:pulumi:prod::net::pulumi-nodejs:dynamic/${token}::${name}`,
    type: `pulumi-nodejs:dynamic/${token}`,
    name,
    custom: true,
    id,
    inputs,
    outputs: { ...inputs, accountId: ACCOUNT, __inputPaths: Object.keys(props) },
    dependencies: [],
    secretKeys,
  };
}

const tunnel = entry(
  "gre",
  "magic:GreTunnel",
  { name: "gre_1", interfaceAddress: "10.212.0.8/31", bgp: { customerAsn: 65001, md5Key: "the-md5-key" } },
  ["bgp"],
);
const ipsec = entry("ipsec", "magic:IpsecTunnel", { name: "ipsec_1", psk: "the-psk" }, ["psk"]);
const component: StateEntry = {
  urn: "urn:pulumi:prod::net::cloudflare-magic:index:BranchSite::branch",
  type: "cloudflare-magic:index:BranchSite",
  name: "branch",
  custom: false,
  inputs: {},
  outputs: {},
  dependencies: [],
  secretKeys: [],
};
/** Another dynamic provider's resource in the same program: not ours (no __token). */
const foreign: StateEntry = {
  ...entry("theirs", "x:Y", {}),
  type: "pulumi-nodejs:dynamic:Resource",
  inputs: { __provider: "x" },
  outputs: {},
};

let dir: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "audit-exports-"));
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

describe("parseExport", () => {
  it("reads a version-3 export: our resources with id, token, account and inputs; secrets as ciphertext are left out and noted as hidden", () => {
    const text = JSON.stringify(stackExport([component, tunnel, ipsec, foreign], { project: "net", stack: "prod" }));
    expect(text).not.toContain("the-md5-key");
    const s = parseExport(text, "prod.json");
    expect(s.name).toBe("net/prod");
    expect(s.resources.map((r) => [r.name, r.token, r.id, r.accountId])).toEqual([
      ["gre", "magic:GreTunnel", "gre-id", ACCOUNT],
      ["ipsec", "magic:IpsecTunnel", "ipsec-id", ACCOUNT],
    ]);
    const [gre, tun] = s.resources;
    expect(gre.inputs).toEqual({
      __provider: "exports.handler = ...",
      __token: "magic:GreTunnel",
      __resourceName: "gre",
      name: "gre_1",
      interfaceAddress: "10.212.0.8/31",
    });
    expect(gre.outputs.bgp).toBeUndefined();
    expect(gre.secrets).toEqual([{ path: "bgp", hidden: true }]);
    expect(tun.secrets).toEqual([{ path: "psk", hidden: true }]);
  });

  it("decodes `--show-secrets` plaintext (JSON text of the value) and still notes the path as secret", () => {
    const s = parseExport(JSON.stringify(stackExport([tunnel, ipsec], { project: "net", stack: "prod", showSecrets: true })), "prod.json");
    expect(s.resources[0].inputs.bgp).toEqual({ customerAsn: 65001, md5Key: "the-md5-key" });
    expect(s.resources[0].secrets).toEqual([{ path: "bgp", hidden: false }]);
    expect(s.resources[1].outputs.psk).toBe("the-psk");
  });

  it("finds secrets at any depth, and records the replacement and pending-operation states the engine writes", () => {
    const doc = stackExport([], { project: "net", stack: "prod" }) as any;
    const r = {
      urn: "urn:pulumi:prod::net::pulumi-nodejs:dynamic/magic:GreTunnel::old",
      custom: true,
      delete: true,
      id: "old-id",
      type: "pulumi-nodejs:dynamic/magic:GreTunnel",
      inputs: { __token: "magic:GreTunnel", bgp: { customerAsn: 1, md5Key: { ...SIG, ciphertext: "v1:abc" } } },
      outputs: { __token: "magic:GreTunnel", accountId: ACCOUNT, bgp: { customerAsn: 1, md5Key: { ...SIG, ciphertext: "v1:abc" } } },
      initErrors: ["psk generation failed"],
    };
    doc.deployment.resources.push(r);
    doc.deployment.pending_operations = [
      { type: "creating", resource: { ...r, urn: r.urn.replace("::old", "::new"), delete: undefined, id: undefined } },
    ];
    const s = parseExport(JSON.stringify(doc), "prod.json");
    expect(s.resources[0]).toMatchObject({
      pendingDelete: true,
      initErrors: ["psk generation failed"],
      secrets: [{ path: "bgp.md5Key", hidden: true }],
    });
    expect(s.resources[0].inputs.bgp).toEqual({ customerAsn: 1 });
    expect(s.pendingOperations).toEqual([
      expect.objectContaining({ type: "creating", resource: expect.objectContaining({ name: "new", id: undefined }) }),
    ]);
  });

  it.each([
    ["not JSON", "{", /^bad\.json is not JSON \(.+\); give the output of `pulumi stack export --file <file>`/],
    ["not an export", '{"resources": []}', /^bad\.json is not a Pulumi stack export \(no "version" and "deployment"\)/],
    [
      "another version",
      '{"version": 2, "deployment": {}}',
      /^bad\.json is a deployment of version 2; this command reads version 3, .*export the stack again/,
    ],
    [
      "resources not a list",
      '{"version": 3, "deployment": {"resources": {}}}',
      /^bad\.json: "deployment\.resources" and "deployment\.pending_operations" must be lists/,
    ],
    [
      "a resource without urn",
      '{"version": 3, "deployment": {"resources": [{"type": "x"}]}}',
      /^bad\.json: resource 0 has no "urn" and "type"/,
    ],
  ])("refuses %s with a sentence naming the file and what to do", (_what, text, message) => {
    expect(() => parseExport(text, "bad.json")).toThrow(ExportError);
    expect(() => parseExport(text, "bad.json")).toThrow(message);
  });
});

describe("exportFiles and readExports", () => {
  it("takes files as given and every *.json of a directory, each file once; stacks of one name are told apart by file", () => {
    const a = path.join(dir, "a.json");
    const b = path.join(dir, "b.json");
    fs.writeFileSync(a, JSON.stringify(stackExport([tunnel], { project: "net", stack: "prod" })));
    fs.writeFileSync(b, JSON.stringify(stackExport([ipsec], { project: "net", stack: "prod" })));
    fs.writeFileSync(path.join(dir, "notes.txt"), "not an export");
    const files = exportFiles([dir, a]);
    expect(files).toEqual([a, b]);
    expect(readExports(files).map((s) => s.name)).toEqual(["net/prod (a.json)", "net/prod (b.json)"]);
  });

  it("an export with no resource is named after its file", () => {
    const f = path.join(dir, "empty-stack.json");
    fs.writeFileSync(f, JSON.stringify({ version: 3, deployment: { manifest: {} } }));
    expect(readExports([f])).toEqual([{ file: f, name: "empty-stack", resources: [], pendingOperations: [] }]);
  });
});

describe("the command refuses what it cannot audit (exit 2, one sentence), before reading any credential", () => {
  const run = async (args: string[]) => {
    const log: string[] = [];
    const out: string[] = [];
    // No credentials: a refusal must come from the arguments and files alone.
    const saved = Object.entries(process.env).filter(([k]) => k.startsWith("CLOUDFLARE_"));
    for (const [k] of saved) delete process.env[k];
    try {
      const code = await main(args, { log: (l) => log.push(l), out: (t) => out.push(t) });
      return { code, log: log.join("\n"), out: out.join("") };
    } finally {
      for (const [k, v] of saved) process.env[k] = v;
    }
  };

  it.each([
    [["--account-id", ACCOUNT], /--state <file\|dir> is required/],
    [["--state"], /--state needs a value\./],
    [["--state", "x.json", "--frobnicate"], /unknown argument "--frobnicate"\./],
    [["--state", "x.json", "--project", "a b"], /--project "a b" must be letters, digits/],
  ])("usage %j", async (args, message) => {
    const r = await run(args);
    expect(r.code).toBe(2);
    expect(r.log).toMatch(message);
    expect(r.log).toContain("usage: cloudflare-magic-audit");
    expect(r.out).toBe("");
  });

  it("a file that is not an export, a missing path and an empty directory", async () => {
    const bad = path.join(dir, "bad.json");
    fs.writeFileSync(bad, "not json");
    const empty = path.join(dir, "empty");
    fs.mkdirSync(empty);
    for (const [args, message] of [
      [[bad], /^cloudflare-magic-audit: .*bad\.json is not JSON .*; give the output of `pulumi stack export --file <file>`/],
      [
        [path.join(dir, "nope.json")],
        /^cloudflare-magic-audit: --state .*nope\.json: no such file or directory; give a file written by `pulumi stack export --file <file>`/,
      ],
      [[empty], /^cloudflare-magic-audit: --state .*empty: the directory holds no \*\.json file; write each stack's export there/],
    ] as Array<[string[], RegExp]>) {
      const r = await run(["--account-id", ACCOUNT, "--state", ...args]);
      expect({ code: r.code, out: r.out }).toEqual({ code: 2, out: "" });
      expect(r.log).toMatch(message);
    }
  });

  it("no credentials, or no account, after the exports were read", async () => {
    const f = path.join(dir, "a.json");
    fs.writeFileSync(f, JSON.stringify(stackExport([tunnel], { project: "net", stack: "prod" })));
    const noToken = await run(["--account-id", ACCOUNT, "--state", f]);
    expect(noToken.code).toBe(2);
    expect(noToken.log).toMatch(
      /no Cloudflare credentials: set CLOUDFLARE_API_TOKEN to an API token with Magic Transit Read or Magic WAN Read/,
    );
    process.env.CLOUDFLARE_API_TOKEN = "t";
    try {
      const badAccount = await main(["--account-id", "nope", "--state", f], { log: (l) => (noToken.log = l), out: () => undefined });
      expect(badAccount).toBe(2);
      expect(noToken.log).toMatch(/--account-id "nope" is not a Cloudflare account id: copy the 32 lowercase hexadecimal characters/);
    } finally {
      delete process.env.CLOUDFLARE_API_TOKEN;
    }
  });
});
