/**
 * examples/ci/audit.yml, the scheduled audit users copy: its YAML parsed and its essentials
 * checked (a schedule, every stack exported without secrets, one audit over all of them whose exit
 * status fails the job, a read-only token), and the audit step's script run with a stand-in for
 * the command, to show that the exit status and the report reach the job.
 */
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { REPO } from "../resources/stack";

// js-yaml 4 ships no types; this is the one function used.
const yaml: { load(text: string): unknown } = require("js-yaml");

const DIR = path.join(REPO, "examples", "ci");
const text = fs.readFileSync(path.join(DIR, "audit.yml"), "utf8");
const wf = yaml.load(text) as any;
const steps: any[] = Object.values(wf.jobs as Record<string, any>).flatMap((j) => j.steps ?? []);
const job = Object.values(wf.jobs as Record<string, any>)[0];
const exportStep = steps.find((s) => typeof s.run === "string" && s.run.includes("pulumi stack export"));
const auditStep = steps.find((s) => typeof s.run === "string" && s.run.includes("cloudflare-magic-audit"));

test("runs on a schedule (and by hand), with read-only repository access", () => {
  expect(wf.on.schedule).toEqual([{ cron: expect.stringMatching(/^\S+ \S+ \S+ \S+ \S+$/) }]);
  expect(Object.keys(wf.on)).toContain("workflow_dispatch");
  expect(wf.permissions).toEqual({ contents: "read" });
});

test("exports every stack without --show-secrets into the directory the audit reads", () => {
  expect(exportStep.run).toMatch(/pulumi stack export --stack "\$stack" --file "exports\//);
  expect(text).not.toContain("--show-secrets ");
  expect(auditStep.run).toMatch(/npx cloudflare-magic-audit --state exports\b/);
  expect(steps.indexOf(exportStep)).toBeLessThan(steps.indexOf(auditStep));
  // The Pulumi CLI (pulumi/actions with no command installs it) and the package, before either.
  const cli = steps.findIndex((s) => typeof s.uses === "string" && s.uses.startsWith("pulumi/actions@"));
  expect(steps[cli].with?.command).toBeUndefined();
  expect(cli).toBeLessThan(steps.indexOf(exportStep));
  expect(steps.findIndex((s) => s.run === "npm ci")).toBeLessThan(steps.indexOf(auditStep));
});

test("the Cloudflare token is a read-only one from a secret, the account from a variable", () => {
  expect(job.env.CLOUDFLARE_API_TOKEN).toMatch(/^\$\{\{ secrets\.\w+ \}\}$/);
  expect(job.env.CLOUDFLARE_ACCOUNT_ID).toMatch(/^\$\{\{ (vars|secrets)\.\w+ \}\}$/);
  expect(text).toMatch(/Magic Transit Read or Magic WAN Read/);
});

test.each([
  [0, "Result: 0 drifted, 0 missing, 0 claimed twice, 0 unmanaged, 12 in sync."],
  [1, "Result: 1 drifted, 0 missing, 0 claimed twice, 0 unmanaged, 11 in sync."],
  [2, "not read"],
])("the audit step ends with the command's exit status (%i), its report in the log and the job summary", (code, report) => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "audit-ci-"));
  try {
    // A stand-in `npx` that answers like the command would.
    const bin = path.join(dir, "bin");
    fs.mkdirSync(bin);
    fs.writeFileSync(path.join(bin, "npx"), `#!/bin/sh\necho "$*" > "${dir}/args"\necho "${report}"\nexit ${code}\n`, { mode: 0o755 });
    const summary = path.join(dir, "summary.md");
    const r = spawnSync("bash", ["-e", "-c", auditStep.run], {
      cwd: dir,
      env: { PATH: `${bin}:${process.env.PATH}`, GITHUB_STEP_SUMMARY: summary },
      encoding: "utf8",
    });
    expect(r.status).toBe(code);
    expect(r.stdout).toContain(report);
    expect(fs.readFileSync(summary, "utf8")).toBe(`\`\`\`\n${report}\n\`\`\`\n`);
    expect(fs.readFileSync(path.join(dir, "args"), "utf8")).toMatch(/^cloudflare-magic-audit --state exports --generate unmanaged$/m);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test("is referenced from the README's 'Fleet drift and unmanaged objects' and from examples/ci's README", () => {
  const readme = fs.readFileSync(path.join(REPO, "README.md"), "utf8");
  const section = readme.split(/^## /m).find((s) => s.startsWith("Fleet drift and unmanaged objects"))!;
  expect(section).toMatch(/\]\(https:\/\/github\.com\/[^)]+\/blob\/main\/examples\/ci\/audit\.yml\)/);
  expect(fs.readFileSync(path.join(DIR, "README.md"), "utf8")).toContain("(audit.yml)");
});
