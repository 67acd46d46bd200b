/** Shared helpers for the emulator behaviour tests: start an emulator, talk to it with fetch. */
import { type Emulator, type EmulatorOptions, startEmulator } from "../../emulator";

export const ACCOUNT = "0123456789abcdef0123456789abcdef";
export const OTHER_ACCOUNT = "fedcba9876543210fedcba9876543210";
export const TOKEN = "test-token";
export const GRE_PATH = `/accounts/${ACCOUNT}/magic/gre_tunnels`;

export function start(options: EmulatorOptions = {}): Promise<Emulator> {
  return startEmulator({ tokens: [TOKEN], ...options });
}

export interface ApiResponse {
  status: number;
  headers: Headers;
  /** Parsed JSON; `any` so tests can reach into it freely. */
  body: any;
}

export interface CallOptions {
  /** An object is sent as JSON; a string is sent as-is (for malformed bodies). */
  body?: unknown;
  headers?: Record<string, string>;
  /** Replaces the default bearer-token header; `{}` sends no credentials. */
  auth?: Record<string, string>;
}

/** One API call; `path` is relative to the emulator's /client/v4 base. */
export async function call(emulator: Emulator, method: string, path: string, options: CallOptions = {}): Promise<ApiResponse> {
  const { body, headers = {}, auth = { authorization: `Bearer ${TOKEN}` } } = options;
  const res = await fetch(`${emulator.url}${path}`, {
    method,
    headers: { ...auth, ...(body !== undefined ? { "content-type": "application/json" } : {}), ...headers },
    body: body === undefined ? undefined : typeof body === "string" ? body : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, headers: res.headers, body: text === "" ? undefined : JSON.parse(text) };
}

/** A minimal valid GRE tunnel create body. */
export function greBody(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    name: "GRE_1",
    cloudflare_gre_endpoint: "203.0.113.1",
    customer_gre_endpoint: "198.51.100.7",
    interface_address: "10.212.0.8/31",
    ...overrides,
  };
}

/**
 * The first /31 from <space>.0.8/31 up that no GRE or IPsec tunnel of the account holds yet: the
 * emulator refuses two tunnels sharing an interface address, as the live API does.
 */
export function freeInterfaceAddress(emulator: Emulator, space = "10.212", account = ACCOUNT): string {
  const held = new Set(
    ["gre_tunnels", "ipsec_tunnels"].flatMap((c) => emulator.store.list(account, c).map((t) => String(t.interface_address).split("/")[0])),
  );
  for (let n = 8; ; n += 2) {
    const [low, high] = [`${space}.${n >> 8}.${n & 255}`, `${space}.${n >> 8}.${(n & 255) + 1}`];
    if (!held.has(low) && !held.has(high)) return `${low}/31`;
  }
}

/** A time as a GET answers it (microseconds), for comparing write answers with later reads. */
export { renderTimes as asStored } from "../../emulator/timestamps";

/** Creates a tunnel through the API (on a free interface address unless one is given) and returns it (the create `result`). */
export async function createGre(emulator: Emulator, overrides: Record<string, unknown> = {}): Promise<any> {
  const body = greBody({ interface_address: freeInterfaceAddress(emulator), ...overrides });
  const res = await call(emulator, "POST", GRE_PATH, { body });
  if (res.status !== 200) throw new Error(`create failed: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.result;
}

/** The error entries of a failed envelope as {code, pointer}, for compact assertions. */
export function errorsOf(res: ApiResponse): Array<{ code: number; pointer?: string }> {
  return (res.body.errors as Array<{ code: number; source?: { pointer: string } }>).map((e) => ({
    code: e.code,
    pointer: e.source?.pointer,
  }));
}
