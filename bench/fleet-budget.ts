/**
 * Group "fleet: shared budget": several provider host processes (separate stacks) of one user,
 * each configured with the user's full budget, create and then refresh their own StaticRoutes at
 * once against the emulator enforcing a per-user limit with lockout (Cloudflare's 1,200 per 5
 * minutes scaled down). Compared: the shared budget on (pacing against the Ratelimit headers), the
 * shared budget off (each process believes it owns the budget), and one process alone doing the
 * whole fleet's work with the same budget (what the budget itself allows).
 */
import { FLEET_ACCOUNT, FLEET_NEXTHOP, type FleetResult, runFleet } from "../tests/fleet/fleet";
import { type GroupResult, REPO, RUN, type Table, type Target, fmt, fmtInt, nowMs, progress, startRemoteEmulator } from "./lib/common";

export interface FleetBudgetOptions {
  /** Provider host processes. Default 4. */
  hosts: number;
  /** StaticRoutes per host. Default 60. */
  routesPerHost: number;
  /** The per-user limit, "N/S". Default 300/30. */
  limit: { requests: number; windowSeconds: number; lockoutSeconds: number };
}

interface Run {
  label: string;
  hosts: number;
  routesPerHost: number;
  sharedBudget: boolean;
  requests: number;
  limited: number;
  routesStored: number;
  result: FleetResult;
}

async function oneRun(o: FleetBudgetOptions, label: string, hosts: number, routesPerHost: number, sharedBudget: boolean): Promise<Run> {
  const tokens = Array.from({ length: hosts }, (_, i) => `fleet-token-${i}`);
  const emu = await startRemoteEmulator(0, {
    tokens: Object.fromEntries(tokens.map((t) => [t, { user: "ops" }])),
    rateLimit: o.limit,
    nexthops: [FLEET_NEXTHOP],
  });
  try {
    progress(`  ${label} ...`);
    const result = await runFleet({
      url: emu.url,
      tokens,
      routesPerHost,
      requestsPerWindow: o.limit.requests,
      windowSeconds: o.limit.windowSeconds,
      maxConcurrency: 8,
      parallel: 8,
      sharedBudget,
      maxAttempts: 1,
      repo: REPO,
    });
    const stats = await emu.stats();
    const routesStored = await emu.count("routes");
    progress(
      `  ${label}: ${stats.totalRequests} requests, ${stats.rateLimited} × 429, ${fmt(result.wallMs / 1000)} s${result.firstError ? `; first error: ${result.firstError}` : ""}`,
    );
    return { label, hosts, routesPerHost, sharedBudget, requests: stats.totalRequests, limited: stats.rateLimited, routesStored, result };
  } finally {
    await emu.close();
  }
}

export async function fleetBudgetGroup(o: FleetBudgetOptions): Promise<GroupResult> {
  const t0 = nowMs();
  const { hosts, routesPerHost, limit } = o;
  const shared = await oneRun(o, `${hosts} hosts, shared budget on`, hosts, routesPerHost, true);
  const alone = await oneRun(o, `1 host, the same ${hosts * routesPerHost} routes, shared budget on`, 1, hosts * routesPerHost, true);
  const off = await oneRun(o, `${hosts} hosts, shared budget off`, hosts, routesPerHost, false);
  const reproduce = `\`${RUN} --only fleet-budget --fleet-hosts ${hosts} --fleet-routes ${routesPerHost} --fleet-limit ${limit.requests}/${limit.windowSeconds}\``;
  const total = hosts * routesPerHost;
  const row = (r: Run): string[] => [
    r.label,
    fmtInt(r.requests),
    fmtInt(r.limited),
    `${fmtInt(r.result.created)} / ${fmtInt(r.hosts * r.routesPerHost)}`,
    `${fmtInt(r.result.read)} / ${fmtInt(r.hosts * r.routesPerHost)}`,
    fmt(r.result.wallMs / 1000, 1),
    r.result.firstError ? r.result.firstError.replace(/ \(HTTP 429 .*$/, "").slice(0, 120) : "",
    reproduce,
  ];
  const table: Table = {
    title: `${hosts} provider hosts × ${routesPerHost} StaticRoutes (create, then refresh) against ${limit.requests} requests per ${limit.windowSeconds} s per user, lockout ${limit.lockoutSeconds} s`,
    headers: ["run", "requests", "429s", "created", "refreshed", "wall s", "first error", "reproduce"],
    rows: [row(shared), row(off), row(alone)],
  };
  const wallRatio = shared.result.wallMs / alone.result.wallMs;
  const windowsNeeded = Math.ceil(shared.requests / limit.requests);
  const ratios: Table = {
    headers: ["figure", "value", "reproduce"],
    rows: [
      ["wall: fleet sharing the budget ÷ one process alone with the same work", `${fmt(wallRatio, 2)}×`, reproduce],
      [
        "requests of the shared run ÷ the user's budget (windows' worth)",
        `${fmtInt(shared.requests)} ÷ ${limit.requests} = ${fmt(shared.requests / limit.requests, 2)} (at least ${windowsNeeded} windows)`,
        reproduce,
      ],
      ["429s with the shared budget on / off", `${shared.limited} / ${off.limited}`, reproduce],
    ],
  };
  const targets: Target[] = [
    {
      target: `${hosts} concurrent processes, each configured with the full budget: zero 429s with the shared budget`,
      measured: `${shared.limited} × 429 in ${fmtInt(shared.requests)} requests; ${shared.result.created} created, ${shared.result.read} refreshed of ${total}`,
      met: shared.limited === 0 && shared.result.created === total && shared.result.read === total && shared.routesStored === total,
    },
    {
      target: "the same run with the shared budget switched off is locked out",
      measured: `${off.limited} × 429 (${off.result.createFailures + off.result.readFailures} operations failed)`,
      met: off.limited > 0,
    },
  ];
  return {
    id: "fleet-budget",
    title: "7. Fleet: one budget shared by concurrent processes",
    setup: [
      `${hosts} real dynamic-provider hosts (separate processes, as ${hosts} stacks' \`pulumi up\` + \`pulumi refresh\` on CI runners are), each configured with the user's whole budget (\`cloudflare-magic:requestsPerWindow=${limit.requests}\`, \`windowSeconds=${limit.windowSeconds}\`, \`maxConcurrency=8\`, \`maxAttempts=1\` so that a 429 shows as a failure), each with its own token of one user, against one emulator (its own process) that counts per user: ${limit.requests} requests per ${limit.windowSeconds} s, then ${limit.lockoutSeconds} s of 429s, like Cloudflare's 1,200 per 5 minutes scaled down. Each host checks and creates ${routesPerHost} StaticRoutes with 8 calls in flight (the engine's worker pool), then reads each back (a refresh).`,
      `"shared budget on" is the default: every host paces against what the server reports left (\`Ratelimit: "default";r=…;t=…\`), minus its own uncounted requests and a reserve of 10 % of q. "off" is \`cloudflare-magic:sharedBudget=false\`: only each host's local budget applies. "1 host alone" does the whole fleet's work in one process with the same budget: the wall-time reference for what the user's budget allows.`,
    ],
    tables: [table, ratios],
    targets,
    notes: [
      `Account ${FLEET_ACCOUNT}; routes stored after the shared run: ${shared.routesStored}, after the single-process run: ${alone.routesStored}.`,
      `With the shared budget off, a host's first 429 pauses that whole host for its Retry-After (the lockout), so that run's wall time includes the lockout; its failures are the requests that met the lockout with their one attempt.`,
    ],
    seconds: (nowMs() - t0) / 1000,
  };
}
