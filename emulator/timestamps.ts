/**
 * Times as the live Magic API writes them. Its service keeps times at microsecond precision and
 * formats them the Go way (RFC 3339 with trailing zeros of the fraction dropped): a GET answers
 * `2025-06-09T19:31:40.750025Z` (cf-terraforming's recorded list of routes) and `…26.09683Z`
 * (a PUT answer in Cloudflare's "Configure tunnel endpoints" page), while an answer built from the
 * request's own clock before it is stored carries nanoseconds: `psk_generate` answered
 * `…47.054317925Z` where the tunnel later shows `…47.054318Z` (same page). The emulator stamps
 * every request to that service (GRE and IPsec tunnels, routes: the routes with the `goService`
 * trait) with a nanosecond time (`preciseNow`); POST answers carry it as is, every other answer
 * shows it as stored (`renderTimes`). Only times the emulator made (7 to 9 fractional digits) are
 * rewritten: times a client sent or a test stored keep their spelling. Nothing public shows the
 * other Magic, packet capture or CNI answers' precision: they keep milliseconds.
 */

const OURS = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2})\.(\d{7,9})Z$/;

/** Now, with nanosecond digits (`2026-12-06T20:57:37.123456789Z`): one per request. */
export function preciseNow(): string {
  const ms = Date.now();
  const subMs = String(process.hrtime.bigint() % 1_000_000n).padStart(6, "0");
  return new Date(ms).toISOString().replace(/Z$/, `${subMs}Z`);
}

/**
 * A time the emulator made, as the service stores it: rounded to microseconds (`…47.054317925Z`
 * became `…47.054318Z`), trailing zeros dropped.
 */
export function storedTime(value: string): string {
  const m = OURS.exec(value);
  if (!m) return value;
  const nanos = Number(m[2].padEnd(9, "0"));
  let micros = Math.round(nanos / 1000);
  let seconds = Date.parse(`${m[1]}Z`) / 1000;
  if (micros === 1_000_000) {
    micros = 0;
    seconds += 1;
  }
  const whole = new Date(seconds * 1000).toISOString().slice(0, 19);
  const fraction = String(micros).padStart(6, "0").replace(/0+$/, "");
  return fraction === "" ? `${whole}Z` : `${whole}.${fraction}Z`;
}

/**
 * An answer body with the emulator's times as the service answers them: as stored, except
 * `fresh` (the request's own time, in a POST answer) which keeps its nanoseconds.
 */
export function renderTimes(body: unknown, fresh?: string): unknown {
  if (typeof body === "string") return body === fresh ? body : storedTime(body);
  if (Array.isArray(body)) return body.map((v) => renderTimes(v, fresh));
  if (body !== null && typeof body === "object" && !Buffer.isBuffer(body)) {
    return Object.fromEntries(Object.entries(body).map(([k, v]) => [k, renderTimes(v, fresh)]));
  }
  return body;
}
