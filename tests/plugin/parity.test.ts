/**
 * One core, two hosts: every resource's conformance scenario (tests/conformance/recorder.ts: create,
 * read, an update of every updatable field, replacements, delete, over every definition) runs
 * through Pulumi's dynamic-provider host and through the provider plugin. Both must send the same
 * requests, in the same order, with the same bodies, and produce the same outputs. Ids the
 * emulator makes up, times and generated secrets differ from run to run and are compared by
 * position (the n-th id of one run is the n-th id of the other); a running capture's packet count
 * follows the clock.
 */
import { type Recording, recordEverything } from "../conformance/recorder";

jest.setTimeout(600_000);

/** Replaces run-specific values (ids, times, generated keys) by their order of first appearance. */
function normalizer(): (v: unknown) => unknown {
  const seen = new Map<string, string>();
  const name = (s: string, kind: string) => {
    if (!seen.has(s)) seen.set(s, `<${kind}${seen.size}>`);
    return seen.get(s)!;
  };
  const text = (s: string) =>
    s
      .replace(/\b[0-9a-f]{32}\b/g, (m) => (m === "0123456789abcdef0123456789abcdef" ? m : name(m, "id")))
      .replace(/\b[a-z]+-[0-9a-f]{12}\b/g, (m) => name(m, "id"))
      .replace(/\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b/g, (m) => name(m, "uuid"))
      .replace(/\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z?/g, "<time>");
  const walk = (v: unknown, key = ""): unknown => {
    if (typeof v === "string") return /^(psk|licenseKey|pairingKey|ownershipChallenge)$/.test(key) ? "<generated>" : text(v);
    // A running capture's count follows the emulator's clock.
    if (key === "packetsCaptured") return "<count>";
    if (Array.isArray(v)) return v.map((x) => walk(x, key));
    if (v && typeof v === "object") return Object.fromEntries(Object.entries(v).map(([k, x]) => [text(k), walk(x, k)]));
    return v;
  };
  return walk;
}

/** What parity compares: each request (who, step, method, path, query, body, status) and each answer's outputs, normalized. */
function comparable(r: Recording) {
  const norm = normalizer();
  // The dynamic host's state carries its shim and the sdk's keys; the plugin's state holds none of them.
  const internal = new Set(["__provider", "__token", "__resourceName"]);
  return {
    requests: r.exchanges
      .filter((e) => !e.by.startsWith("lookup:"))
      .map((e) => norm([e.by, e.step, e.method, e.path, e.query, e.body ?? null, e.status])),
    outputs: r.outputs.map((o) => norm([o.by, o.step, Object.fromEntries(Object.entries(o.props).filter(([k]) => !internal.has(k)))])),
    failures: r.failures.filter((f) => !f.by.startsWith("lookup:")).map((f) => [f.by, f.step]),
  };
}

test("every definition's scenario sends the same requests and produces the same outputs through the dynamic host and the plugin", async () => {
  const dynamic = comparable(await recordEverything("dynamic"));
  const viaPlugin = await recordEverything("plugin");
  expect(viaPlugin.outputs.filter((o) => ["__provider", "__token", "__resourceName"].some((k) => k in o.props))).toEqual([]);
  const plugin = comparable(viaPlugin);
  expect(dynamic.requests.length).toBeGreaterThan(100);
  const tokens = new Set(dynamic.requests.map((r) => (r as unknown[])[0]));
  expect(tokens.size).toBe(17);
  expect(plugin.failures).toEqual(dynamic.failures);
  expect(plugin.requests).toEqual(dynamic.requests);
  expect(plugin.outputs).toEqual(dynamic.outputs);
  console.log(
    `parity: ${dynamic.requests.length} requests and ${dynamic.outputs.length} answers' outputs equal over ${tokens.size} resource types`,
  );
});
