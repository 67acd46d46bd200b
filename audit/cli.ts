#!/usr/bin/env node
/**
 * `cloudflare-magic-audit --account-id <id> --state <file|dir>... [--json] [--generate <dir>]`:
 * reads the account once (codegen's reader: paced, coalesced, progress on stderr) and holds it
 * against the state of any number of stacks (`pulumi stack export` files): what drifted, what no
 * stack manages, what two resources both manage, what is gone. Credentials, base URL and pacing
 * come from the provider's environment variables, as for cloudflare-magic-codegen. Only GETs are sent.
 * Exit 0 when all is in sync, 1 when anything is not, 2 when the audit could not be done.
 */
import * as provider from "../provider/facade";
import { UsageError, programArgs, walkArgs } from "../codegen/args";
import { type ProjectOptions, writeProject } from "../codegen/emit";
import { buildProgram } from "../codegen/program";
import { FatalError, READ_PERMISSION, accountFromEnvironment, readAccount } from "../codegen/read";
import { type SettingsRead, audit, unmanaged } from "./audit";
import { ExportError, type StackExport, exportFiles, readExports } from "./exports";
import { renderJson, renderText } from "./render";

const NAME = "cloudflare-magic-audit";

const USAGE = `usage: ${NAME} --account-id <id> --state <file|dir>... [--json] [--generate <dir>] [--project <name>] [--package-spec <npm spec>]

Reads the account's Magic Transit, Magic WAN and CNI objects once and holds them against the state of
every stack given: each object is in sync, drifted, unmanaged (no stack manages it), claimed twice (two
resources manage it) or missing (a stack manages it, the account no longer has it). Sends only GETs.

  --account-id <id>      the Cloudflare account (default: CLOUDFLARE_ACCOUNT_ID)
  --state <file|dir>...  \`pulumi stack export --file <file>\` output of each stack, any projects; a directory
                         means every *.json in it. Repeat the option or list several after it.
  --json                 print the result as JSON on stdout (progress stays on stderr)
  --generate <dir>       also write a Pulumi program that adopts exactly the unmanaged objects
  --project <name>       the generated program's project name (default: cloudflare-magic-unmanaged)
  --package-spec <spec>  pulumi-cloudflare-magic's version in its package.json (default: this version)

Exit status: 0 all in sync; 1 something drifted, is unmanaged, claimed twice or missing; 2 the audit
could not be done (usage, an unreadable export, credentials, a collection the token may not read).

Credentials: CLOUDFLARE_API_TOKEN (or CLOUDFLARE_API_KEY + CLOUDFLARE_EMAIL) with ${READ_PERMISSION};
CLOUDFLARE_BASE_URL and the CLOUDFLARE_MAGIC_* pacing variables as for the provider.`;

interface Options {
  accountId?: string;
  state: string[];
  json: boolean;
  generate?: string;
  project: string;
  packageSpec: string;
}

function parse(argv: string[]): Options | "help" {
  const o: Partial<Options> & { state: string[] } = { state: [], json: false };
  let project = "cloudflare-magic-unmanaged";
  let packageSpec: string | undefined;
  const help = walkArgs(argv, (arg, { value, values }) => {
    if (arg === "--account-id") o.accountId = value();
    else if (arg === "--state") o.state.push(...values());
    else if (arg === "--json") o.json = true;
    else if (arg === "--generate") o.generate = value();
    else if (arg === "--project") project = value();
    else if (arg === "--package-spec") packageSpec = value();
    else return false;
    return true;
  });
  if (help) return help;
  if (o.state.length === 0)
    throw new UsageError("--state <file|dir> is required: the `pulumi stack export --file <file>` output of each stack to audit.");
  return { ...o, ...programArgs(project, packageSpec) } as Options;
}

export interface Io {
  /** Progress and errors (stderr). */
  log: (line: string) => void;
  /** The report (stdout). */
  out: (text: string) => void;
}

const processIo: Io = {
  log: (l) => process.stderr.write(`${l}\n`),
  out: (t) => process.stdout.write(t),
};

export async function main(argv: string[], io: Io = processIo): Promise<number> {
  let options: Options | "help";
  try {
    options = parse(argv);
  } catch (e) {
    if (!(e instanceof UsageError)) throw e;
    io.log(`${NAME}: ${e.message}\n\n${USAGE}`);
    return 2;
  }
  if (options === "help") {
    io.out(`${USAGE}\n`);
    return 0;
  }
  try {
    const stacks = readExports(exportFiles(options.state));
    io.log(
      `read ${stacks.length} stack export${stacks.length === 1 ? "" : "s"}: ${stacks.map((s) => `${s.name} (${s.resources.length} resources)`).join(", ")}`,
    );
    const accountId = accountFromEnvironment(options.accountId);
    const snapshot = await readAccount(accountId, io.log);
    const result = audit(snapshot, stacks, await readSettings(accountId, stacks, io.log));
    if (options.generate !== undefined) {
      const program = buildProgram(snapshot, { components: false, adopt: unmanaged(result) });
      if (program.declarations.length === 0) io.log(`nothing is unmanaged, so no program was written to ${options.generate}.`);
      else {
        const project: ProjectOptions = {
          project: options.project,
          packageSpec: options.packageSpec,
          components: false,
          command: `${NAME} --generate`,
        };
        const files = writeProject(options.generate, program, snapshot, project);
        const adopted = program.declarations.reduce((n, d) => n + d.objects, 0);
        io.log(
          `wrote ${files.length} files to ${options.generate}: ${program.declarations.length} resources adopting the ${adopted} unmanaged objects` +
            (program.secrets.length ? `; ${program.secrets.length} secrets to set (its README.md lists the commands).` : "."),
        );
      }
    }
    io.out(options.json ? renderJson(result) : renderText(result));
    if (result.exitCode === 2)
      io.log(
        `${NAME}: some of the account could not be read (see "not read"); give the token the permission named there and run the command again.`,
      );
    return result.exitCode;
  } catch (e) {
    if (e instanceof ExportError || e instanceof FatalError) {
      io.log(`${NAME}: ${e.message}`);
      return 2;
    }
    io.log(
      `${NAME}: ${(e as Error).message}; nothing was audited: run the command again, and if it persists, check CLOUDFLARE_BASE_URL and the network.`,
    );
    return 2;
  }
}

/** The account's CNI settings, read (one GET) only when a stack manages them: they are not part of the account read. */
async function readSettings(accountId: string, stacks: StackExport[], log: (line: string) => void): Promise<SettingsRead> {
  const token = "cni:CniSettings";
  if (!stacks.some((s) => s.resources.some((r) => r.token === token && r.accountId === accountId))) return undefined;
  try {
    const live = await provider.definedProvider(token).getLive({ accountId, props: {} }, accountId);
    log("read the CNI settings (a stack manages them)");
    return { live };
  } catch (e) {
    return { error: (e as Error).message };
  }
}

if (require.main === module) {
  main(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    (e: Error) => {
      process.stderr.write(`${NAME}: ${e.stack ?? e.message}\n`);
      process.exitCode = 2;
    },
  );
}
