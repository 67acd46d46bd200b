/**
 * examples/ci: the GitHub Actions workflow users copy. Its YAML is parsed and its essentials
 * checked; and the promise it rests on is shown: a preview of a changed program on a provider host
 * with no credentials at all (no config, no environment variable) reports the change and sends no
 * request.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import * as magic from "pulumi-cloudflare-magic";
import { startHost } from "../harness/host";
import { ProgramDriver } from "../harness/program";
import { ACCOUNT, REPO, type TestStack, testStack } from "../resources/stack";

// js-yaml 4 ships no types; this is the one function used.
const yaml: { load(text: string): unknown } = require("js-yaml");

const DIR = path.join(REPO, "examples", "ci");
const WORKFLOW = path.join(DIR, "pulumi-preview.yml");

describe("examples/ci/pulumi-preview.yml", () => {
  const text = fs.readFileSync(WORKFLOW, "utf8");
  const wf = yaml.load(text) as any;
  const steps: any[] = Object.values(wf.jobs as Record<string, any>).flatMap((j) => j.steps ?? []);
  const pulumiSteps = steps.filter((s) => typeof s.uses === "string" && s.uses.startsWith("pulumi/actions@"));

  test("runs on pull requests and may comment on them", () => {
    expect(Object.keys(wf.on)).toContain("pull_request");
    expect(wf.permissions["pull-requests"]).toBe("write");
  });

  test("previews with pulumi/actions and comments the diff on the pull request", () => {
    expect(pulumiSteps).toHaveLength(1);
    const [step] = pulumiSteps;
    expect(step.uses).toMatch(/^pulumi\/actions@v\d+$/);
    expect(step.with.command).toBe("preview");
    expect(step.with["comment-on-pr"]).toBe(true);
    expect(step.with["stack-name"]).toEqual(expect.any(String));
    // A refresh would read from Cloudflare and need a token.
    expect(step.with.refresh ?? false).toBe(false);
  });

  test("asks for no Cloudflare credential and turns on no preview-time validation", () => {
    expect(text).not.toMatch(/CLOUDFLARE_API_(TOKEN|KEY)\s*:/);
    expect(text).not.toMatch(/secrets\.CLOUDFLARE/i);
    expect(text).not.toMatch(/validateOnPreview|VALIDATE_ON_PREVIEW/);
    for (const s of steps) {
      for (const k of Object.keys(s.env ?? {})) expect(k).not.toMatch(/^CLOUDFLARE_/);
    }
  });

  test("installs the program's packages on a Node line Pulumi supports, before the preview", () => {
    const node = steps.find((s) => typeof s.uses === "string" && s.uses.startsWith("actions/setup-node@"));
    expect([22, 24]).toContain(Number(node.with["node-version"]));
    const install = steps.findIndex((s) => s.run === "npm ci");
    expect(install).toBeGreaterThan(steps.indexOf(node));
    expect(install).toBeLessThan(steps.indexOf(pulumiSteps[0]));
  });

  test("is referenced from the README's 'Preview in CI' and from its own README", () => {
    const readme = fs.readFileSync(path.join(REPO, "README.md"), "utf8");
    const section = readme.split(/^## /m).find((s) => s.startsWith("Preview in CI"))!;
    expect(section).toMatch(/\]\(https:\/\/github\.com\/[^)]+\/tree\/main\/examples\/ci\)/);
    expect(fs.readFileSync(path.join(DIR, "README.md"), "utf8")).toContain("(pulumi-preview.yml)");
  });
});

describe("a preview with no credentials anywhere", () => {
  let s: TestStack;
  beforeEach(async () => {
    s = await testStack();
  });
  afterEach(async () => {
    await s.close();
  });

  const program = (description: string, withRoute: boolean) => () => {
    new magic.GreTunnel("ci-gre", {
      name: "ci_gre_1",
      cloudflareGreEndpoint: "162.159.64.1",
      customerGreEndpoint: "203.0.113.10",
      interfaceAddress: "10.212.0.8/31",
      description,
    });
    if (withRoute) new magic.StaticRoute("ci-route", { prefix: "192.0.2.0/24", nexthop: "10.212.0.9", priority: 100 });
  };

  test("reports the pull request's changes and sends no request", async () => {
    // The stack as deployed (with credentials).
    const deployed = await s.driver.up(program("before", false));
    expect(deployed.errors).toEqual([]);

    // The pull request's preview: a host with no token, key or email in config or environment.
    const host = await startHost({
      cwd: REPO,
      project: "test",
      env: { CLOUDFLARE_API_TOKEN: undefined, CLOUDFLARE_API_KEY: undefined, CLOUDFLARE_EMAIL: undefined },
    });
    try {
      // Not a credential: any request would reach the emulator and be counted below.
      await host.configure({ "cloudflare-magic:accountId": ACCOUNT, "cloudflare-magic:baseUrl": s.emulator.url });
      const ci = new ProgramDriver({ host, project: "test", stack: "dev", config: { "cloudflare-magic:accountId": ACCOUNT } });
      for (const [urn, entry] of s.driver.state) ci.state.set(urn, structuredClone(entry));
      const before = s.emulator.stats.requests.length;

      const preview = await ci.preview(program("after", true));
      expect(preview.errors).toEqual([]);
      const ops = Object.fromEntries(preview.ops.filter((o) => o.name.startsWith("ci-")).map((o) => [o.name, o.op]));
      expect(ops).toEqual({ "ci-gre": "update", "ci-route": "create" });
      expect(s.emulator.stats.requests.length).toBe(before);
    } finally {
      await host.close();
    }
  });
});
