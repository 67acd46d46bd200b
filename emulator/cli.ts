#!/usr/bin/env node
/**
 * cloudflare-magic-emulator: serves the emulated API until SIGINT/SIGTERM. Prints exactly one line,
 * the base URL (e.g. http://127.0.0.1:8787/client/v4), so scripts can read it from stdout.
 */
import { parseArgs } from "node:util";
import type { FaultOptions } from "./switches";
import { type EmulatorOptions, startEmulator } from "./server";

const USAGE = `usage: cloudflare-magic-emulator [--port N] [--host 127.0.0.1] [--state FILE]
  [--token T]... [--email E --api-key K] [--user U] [--latency-ms N] [--rate-limit N/S]
  [--lockout-seconds S] [--fault-rate P] [--seed N]

  --port N             port to listen on; 0 picks a free one (default 8787)
  --state FILE         load state from FILE and save every change to it
  --token T            accepted API token (repeatable); with no --token/--email, any credential is accepted
  --email/--api-key    accepted X-Auth-Email / X-Auth-Key pair
  --user U             every --token and the --email/--api-key pair belong to user U and share
                       one rate-limit budget (default: each token is a user of its own; the
                       email/key pair is the user named by the email)
  --rate-limit N/S     at most N requests per S-second window per user, then a lockout of 429s;
                       answers carry Ratelimit and Ratelimit-Policy headers
  --lockout-seconds S  lockout length (default 300)
  --fault-rate P       probability of a random fault, spread evenly over 5xx, drop-before, drop-after, 429
  --seed N             seed of the fault PRNG (default 1)`;

function fail(message: string): never {
  process.stderr.write(`${message}\n${USAGE}\n`);
  process.exit(2);
}

function number(flag: string, text: string | undefined, min: number, max = Infinity): number | undefined {
  if (text === undefined) return undefined;
  const value = Number(text);
  if (text.trim() === "" || !Number.isFinite(value) || value < min || value > max) fail(`invalid ${flag}: ${text}`);
  return value;
}

function parseOptions(argv: string[]): EmulatorOptions {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      strict: true,
      options: {
        port: { type: "string" },
        host: { type: "string" },
        state: { type: "string" },
        token: { type: "string", multiple: true },
        email: { type: "string" },
        "api-key": { type: "string" },
        user: { type: "string" },
        "latency-ms": { type: "string" },
        "rate-limit": { type: "string" },
        "lockout-seconds": { type: "string" },
        "fault-rate": { type: "string" },
        seed: { type: "string" },
        help: { type: "boolean" },
      },
    }));
  } catch (error) {
    fail((error as Error).message);
  }
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    process.exit(0);
  }
  if ((values.email === undefined) !== (values["api-key"] === undefined)) fail("--email and --api-key go together");

  const user = values.user;
  if (user !== undefined && user.trim() === "") fail("invalid --user: empty");
  if (user !== undefined && values.token === undefined && values.email === undefined) fail("--user needs --token or --email/--api-key");

  let rateLimit: EmulatorOptions["rateLimit"];
  if (values["rate-limit"] !== undefined) {
    const match = /^(\d+)\/(\d+(?:\.\d+)?)$/.exec(values["rate-limit"]);
    if (!match || Number(match[1]) < 1 || Number(match[2]) <= 0) fail(`invalid --rate-limit: ${values["rate-limit"]}`);
    rateLimit = {
      requests: Number(match[1]),
      windowSeconds: Number(match[2]),
      lockoutSeconds: number("--lockout-seconds", values["lockout-seconds"], 0),
    };
  } else if (values["lockout-seconds"] !== undefined) {
    fail("--lockout-seconds needs --rate-limit");
  }

  const faultRate = number("--fault-rate", values["fault-rate"], 0, 1) ?? 0;
  const share = faultRate / 4;
  const faults: FaultOptions = {
    seed: number("--seed", values.seed, -Infinity),
    rate5xx: share,
    dropBeforeRate: share,
    dropAfterRate: share,
    rate429: share,
  };

  return {
    port: number("--port", values.port ?? "8787", 0, 65535),
    host: values.host,
    stateFile: values.state,
    tokens: user === undefined || values.token === undefined ? values.token : Object.fromEntries(values.token.map((t) => [t, { user }])),
    email: values.email,
    apiKey: values["api-key"],
    apiKeyUser: user,
    latencyMs: number("--latency-ms", values["latency-ms"], 0),
    rateLimit,
    faults,
  };
}

async function main(): Promise<void> {
  const emulator = await startEmulator(parseOptions(process.argv.slice(2)));
  process.stdout.write(`${emulator.url}\n`);
  const stop = () => {
    emulator.close().then(
      () => process.exit(0),
      (error: Error) => {
        process.stderr.write(`cloudflare-magic-emulator: ${error.message}\n`);
        process.exit(1);
      },
    );
  };
  process.once("SIGINT", stop);
  process.once("SIGTERM", stop);
}

main().catch((error: Error) => {
  process.stderr.write(`cloudflare-magic-emulator: ${error.message}\n`);
  process.exit(1);
});
