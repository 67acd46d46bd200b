/**
 * A fleet of provider host processes sharing one Cloudflare user: several real dynamic-provider
 * hosts (separate processes, as separate `pulumi up`/`refresh` runs on one or many machines are),
 * each configured with the FULL budget, against one emulator that enforces a per-user limit with
 * lockout. Each host creates its own StaticRoutes, then reads them all back (a refresh), with up
 * to `parallel` calls in flight like the engine's worker pool. Used by tests/fleet and the bench.
 */
import { SHIM_TEXT } from "../../sdk/shim";
import { type Host, secret, startHost, urn } from "../harness/host";

export const FLEET_ACCOUNT = "0123456789abcdef0123456789abcdef";
/** Every route's nexthop: the emulator must hold a tunnel whose subnet holds it (`provisionTunnelsFor`). */
export const FLEET_NEXTHOP = "10.212.0.9";
const TYPE = "pulumi-nodejs:dynamic/magic:StaticRoute";

export interface FleetOptions {
  /** Base URL of an emulator whose rate limit counts per user and accepts `tokens`. */
  url: string;
  /** One token per host; give them all to one user at the emulator. */
  tokens: string[];
  /** Routes each host creates and then refreshes. */
  routesPerHost: number;
  /** The budget every host is configured with (the whole user's budget: none knows the others). */
  requestsPerWindow: number;
  windowSeconds: number;
  maxConcurrency: number;
  /** Host calls in flight per host (the engine's --parallel). */
  parallel: number;
  /** cloudflare-magic:sharedBudget. */
  sharedBudget: boolean;
  /** cloudflare-magic:maxAttempts; 1 makes any 429 a visible failure. */
  maxAttempts: number;
  debug?: boolean;
  repo: string;
}

export interface FleetResult {
  created: number;
  createFailures: number;
  read: number;
  readFailures: number;
  /** First error message seen, for the log. */
  firstError?: string;
  wallMs: number;
  /** Each host's stderr (the debug log when `debug`). */
  stderr: string[];
}

/** Runs `f` over `items` with at most `limit` in flight. */
async function pool<T>(items: T[], limit: number, f: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(limit, items.length) }, async () => {
      while (next < items.length) await f(items[next++]);
    }),
  );
}

export async function runFleet(o: FleetOptions): Promise<FleetResult> {
  const hosts: Host[] = [];
  try {
    for (const token of o.tokens) {
      const host = await startHost({ cwd: o.repo, project: "fleet" });
      hosts.push(host);
      await host.configure({
        "cloudflare:apiToken": secret(token),
        "cloudflare-magic:accountId": FLEET_ACCOUNT,
        "cloudflare-magic:baseUrl": o.url,
        "cloudflare-magic:requestsPerWindow": String(o.requestsPerWindow),
        "cloudflare-magic:windowSeconds": String(o.windowSeconds),
        "cloudflare-magic:maxConcurrency": String(o.maxConcurrency),
        "cloudflare-magic:sharedBudget": String(o.sharedBudget),
        "cloudflare-magic:maxAttempts": String(o.maxAttempts),
        // Each read its own GET: coalescing would fold the refresh into a few list calls and the
        // fleet would fit in one window, which is not what this measures (the budget under pressure).
        "cloudflare-magic:coalesce": "false",
        ...(o.debug ? { "cloudflare-magic:debug": "true" } : {}),
      });
    }
    const result: FleetResult = { created: 0, createFailures: 0, read: 0, readFailures: 0, wallMs: 0, stderr: [] };
    const fail = (e: Error) => {
      result.firstError ??= e.message.split("\n")[0];
    };
    const started = Date.now();
    await Promise.all(
      hosts.map(async (host, h) => {
        const made: Array<{ urn: string; id: string; properties: Record<string, unknown>; inputs: Record<string, unknown> }> = [];
        const names = Array.from({ length: o.routesPerHost }, (_, i) => `h${h}-r${i}`);
        await pool(names, o.parallel, async (name) => {
          const i = Number(name.split("-r")[1]);
          const u = urn(TYPE, name, "fleet", `site${h}`);
          const news = {
            __provider: SHIM_TEXT,
            __token: "magic:StaticRoute",
            __resourceName: name,
            prefix: `10.${100 + h}.${i}.0/24`,
            nexthop: FLEET_NEXTHOP,
            priority: 100,
          };
          try {
            const { inputs } = await host.check(u, {}, news);
            const c = await host.create(u, inputs);
            made.push({ urn: u, id: c.id, properties: c.properties, inputs });
            result.created++;
          } catch (e) {
            result.createFailures++;
            fail(e as Error);
          }
        });
        await pool(made, o.parallel, async (m) => {
          try {
            const r = await host.read(m.id, m.urn, m.properties, m.inputs);
            if (r.id !== m.id) throw new Error(`refresh of ${m.urn} answered id ${JSON.stringify(r.id)}`);
            result.read++;
          } catch (e) {
            result.readFailures++;
            fail(e as Error);
          }
        });
      }),
    );
    result.wallMs = Date.now() - started;
    result.stderr = hosts.map((h) => h.stderr());
    return result;
  } finally {
    await Promise.all(hosts.map((h) => h.close()));
  }
}
