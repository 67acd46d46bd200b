/**
 * What the three clients of group 2 do: the ten operations of a cycle (create/get/list/update/delete
 * of a GRE tunnel, then of a static route) and the load loop that runs cycles at a concurrency.
 * Nothing here loads an HTTP stack: each client lives in its own module, loaded only by the worker
 * process that measures it (see worker.ts).
 */
import { ACCOUNT, BENCH_NEXTHOP } from "../lib/common";

export { ACCOUNT };

export interface Ops {
  greCreate(name: string): Promise<string>;
  greGet(id: string): Promise<unknown>;
  greList(): Promise<unknown[]>;
  greUpdate(id: string, name: string): Promise<unknown>;
  greDelete(id: string): Promise<unknown>;
  routeCreate(prefix: string): Promise<string>;
  routeGet(id: string): Promise<unknown>;
  routeList(): Promise<unknown[]>;
  routeUpdate(id: string, prefix: string): Promise<unknown>;
  routeDelete(id: string): Promise<unknown>;
  /** Client-side counters, when the client keeps any. */
  stats?(): Record<string, number>;
  close(): Promise<void>;
}

/**
 * A GRE tunnel named `<tag>_<n>`, on a /31 of its own taken from `n` (Cloudflare refuses two tunnels
 * sharing an interface address, and the cycles of a load run overlap).
 */
export const tunnelBody = (name: string, description?: string) => {
  const n = Number(name.slice(name.lastIndexOf("_") + 1)) || 0;
  return {
    name,
    cloudflare_gre_endpoint: "162.159.64.1",
    customer_gre_endpoint: "203.0.113.10",
    interface_address: `10.200.${(n >> 7) & 255}.${(n & 127) * 2}/31`,
    ...(description ? { description } : {}),
  };
};
export const routeBody = (prefix: string, priority = 100) => ({ prefix, nexthop: BENCH_NEXTHOP, priority });

/** The pacer the benchmark gives our client: pacing on, a budget no run comes near, 64 in flight. */
export const OUR_PACING = { requestsPerWindow: 100_000_000, windowMs: 300_000, maxConcurrency: 64, enabled: true };

export const REQUESTS_PER_CYCLE = 10;

export interface LoadResult {
  requests: number;
  wallMs: number;
  latencies: number[];
  /** CPU of the measuring process, µs in total. */
  cpuUs: number;
  /** The load's span on the monotonic clock V8's CPU profiles use, µs (to cut a profile to it). */
  startUs: number;
  endUs: number;
}

const nowMs = (): number => Number(process.hrtime.bigint()) / 1e6;
let seq = 0;

async function cycle(ops: Ops, tag: string, lat: number[] | undefined): Promise<void> {
  const n = ++seq;
  const name = `${tag}_${n % 1_000_000}`; // tunnel names: at most 15 of [A-Za-z0-9_]
  const prefix = `10.${(n >> 8) & 255}.${n & 255}.0/24`;
  const t = async <T>(f: () => Promise<T>): Promise<T> => {
    const t0 = nowMs();
    const r = await f();
    lat?.push(nowMs() - t0);
    return r;
  };
  const gid = await t(() => ops.greCreate(name));
  await t(() => ops.greGet(gid));
  await t(() => ops.greList());
  await t(() => ops.greUpdate(gid, name));
  await t(() => ops.greDelete(gid));
  const rid = await t(() => ops.routeCreate(prefix));
  await t(() => ops.routeGet(rid));
  await t(() => ops.routeList());
  await t(() => ops.routeUpdate(rid, prefix));
  await t(() => ops.routeDelete(rid));
}

/** `concurrency` workers, each running `cycles` cycles back to back. */
export async function load(ops: Ops, letter: string, concurrency: number, cycles: number, record: boolean): Promise<LoadResult> {
  const latencies: number[] = [];
  const c0 = process.cpuUsage();
  const t0 = nowMs();
  const startUs = Number(process.hrtime.bigint() / 1000n);
  await Promise.all(
    Array.from({ length: concurrency }, async (_, w) => {
      for (let i = 0; i < cycles; i++) await cycle(ops, `${letter}${w}`, record ? latencies : undefined);
    }),
  );
  const wallMs = nowMs() - t0;
  const endUs = Number(process.hrtime.bigint() / 1000n);
  const c = process.cpuUsage(c0);
  return { requests: concurrency * cycles * REQUESTS_PER_CYCLE, wallMs, latencies, cpuUs: c.user + c.system, startUs, endUs };
}
