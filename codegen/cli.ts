#!/usr/bin/env node
/**
 * `cloudflare-magic-codegen --account-id <id> --out <dir> [--components]`: reads an account's
 * Magic Transit / Magic WAN / CNI configuration and writes a Pulumi program that adopts it.
 * Credentials, base URL and pacing come from the provider's environment variables
 * (CLOUDFLARE_API_TOKEN or CLOUDFLARE_API_KEY + CLOUDFLARE_EMAIL, CLOUDFLARE_BASE_URL, ...).
 * Progress goes to stderr; exit 0 when the program was written (even with collections skipped),
 * 1 when nothing could be generated, 2 for a usage error.
 */
import { UsageError, programArgs, walkArgs } from "./args";
import { type ProjectOptions, writeProject } from "./emit";
import { buildProgram } from "./program";
import { FatalError, READ_PERMISSION, accountFromEnvironment, readAccount } from "./read";

const USAGE = `usage: cloudflare-magic-codegen --account-id <id> --out <dir> [--components] [--project <name>] [--package-spec <npm spec>]

Reads the account's Magic Transit, Magic WAN and CNI objects and writes a Pulumi program (index.ts,
Pulumi.yaml, package.json, tsconfig.json, README.md) whose first \`pulumi up\` adopts them unchanged.

  --account-id <id>      the Cloudflare account (default: CLOUDFLARE_ACCOUNT_ID)
  --out <dir>            where to write the program (created if needed; its generated files are replaced)
  --components           write each site that fits as one BranchSite component
  --project <name>       the Pulumi project name (default: cloudflare-magic-adopted)
  --package-spec <spec>  pulumi-cloudflare-magic's version in package.json (default: this version)

Credentials: CLOUDFLARE_API_TOKEN (or CLOUDFLARE_API_KEY + CLOUDFLARE_EMAIL) with ${READ_PERMISSION};
CLOUDFLARE_BASE_URL and the CLOUDFLARE_MAGIC_* pacing variables as for the provider.`;

interface Options extends ProjectOptions {
  accountId?: string;
  out: string;
}

function parse(argv: string[]): Options | "help" {
  const o: Partial<Options> = { components: false };
  let project = "cloudflare-magic-adopted";
  let packageSpec: string | undefined;
  const help = walkArgs(argv, (arg, { value }) => {
    if (arg === "--account-id") o.accountId = value();
    else if (arg === "--out") o.out = value();
    else if (arg === "--components") o.components = true;
    else if (arg === "--project") project = value();
    else if (arg === "--package-spec") packageSpec = value();
    else return false;
    return true;
  });
  if (help) return help;
  if (!o.out) throw new UsageError("--out <dir> is required: the directory to write the program into.");
  return { ...o, ...programArgs(project, packageSpec) } as Options;
}

export async function main(argv: string[], log: (line: string) => void = (l) => process.stderr.write(`${l}\n`)): Promise<number> {
  let options: Options | "help";
  try {
    options = parse(argv);
  } catch (e) {
    if (!(e instanceof UsageError)) throw e;
    log(`cloudflare-magic-codegen: ${e.message}\n\n${USAGE}`);
    return 2;
  }
  if (options === "help") {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  try {
    const accountId = accountFromEnvironment(options.accountId);
    const snapshot = await readAccount(accountId, log);
    const program = buildProgram(snapshot, { components: options.components });
    const total = snapshot.counts.reduce((n, c) => n + c.count, 0);
    if (total === 0 && snapshot.skipped.length === 0) {
      log(`account ${accountId} has no Magic Transit, Magic WAN or CNI objects; check --account-id if you expected some.`);
    }
    const files = writeProject(options.out, program, snapshot, options);
    const adopted = program.declarations.reduce((n, d) => n + d.objects, 0);
    const summary = [
      `wrote ${files.length} files to ${options.out}: ${program.declarations.length} resources adopting ${adopted} of ${total} objects read`,
      program.components.used.length ? `${program.components.used.length} sites as BranchSite` : undefined,
      program.secrets.length ? `${program.secrets.length} secrets to set (README.md lists the commands)` : undefined,
      snapshot.skipped.length ? `${snapshot.skipped.length} collections skipped (see above and README.md)` : undefined,
    ].filter(Boolean);
    log(summary.join("; ") + ".");
    return 0;
  } catch (e) {
    if (e instanceof FatalError) {
      log(`cloudflare-magic-codegen: ${e.message}`);
      return 1;
    }
    log(`cloudflare-magic-codegen: ${(e as Error).message}`);
    return 1;
  }
}

if (require.main === module) {
  main(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    (e: Error) => {
      process.stderr.write(`cloudflare-magic-codegen: ${e.stack ?? e.message}\n`);
      process.exitCode = 1;
    },
  );
}
