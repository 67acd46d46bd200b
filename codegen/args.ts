/**
 * Command-line arguments of the commands that read an account (cloudflare-magic-codegen,
 * cloudflare-magic-audit): `--option value`, `--option value...` and `--flag`, and the options of
 * the program they write. Mistakes are UsageErrors, one sentence each, shown above the usage.
 */
import { ownVersion } from "./emit";

export class UsageError extends Error {}

export interface ArgReader {
  /** The option's value (the next argument). */
  value: () => string;
  /** The option's values: the next argument and every one after it up to the next option. */
  values: () => string[];
}

/**
 * Walks the arguments: `take(arg, reader)` handles one and returns false for one it does not know.
 * Returns "help" at `--help` or `-h`.
 */
export function walkArgs(argv: string[], take: (arg: string, reader: ArgReader) => boolean): "help" | undefined {
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === "--help" || arg === "-h") return "help";
    const value = () => {
      const v = argv[++i];
      if (v === undefined || v.startsWith("--")) throw new UsageError(`${arg} needs a value.`);
      return v;
    };
    const values = () => {
      const out = [value()];
      while (argv[i + 1] !== undefined && !argv[i + 1].startsWith("--")) out.push(argv[++i]);
      return out;
    };
    if (!take(arg, { value, values })) throw new UsageError(`unknown argument ${JSON.stringify(arg)}.`);
  }
  return undefined;
}

/** `--project` checked and `--package-spec` defaulted to this package's version. */
export function programArgs(project: string, packageSpec: string | undefined): { project: string; packageSpec: string } {
  if (!/^[A-Za-z0-9_.-]+$/.test(project))
    throw new UsageError(`--project ${JSON.stringify(project)} must be letters, digits, "_", "-" or ".".`);
  return { project, packageSpec: packageSpec ?? `^${ownVersion()}` };
}
