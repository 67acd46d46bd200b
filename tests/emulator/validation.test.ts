import type { Emulator } from "../../emulator";
import { parseCidr, parseIPv6 } from "../../emulator/validate";
import { GRE_PATH, call, errorsOf, greBody, start } from "./helpers";

let emulator: Emulator;

beforeAll(async () => {
  emulator = await start();
});

afterAll(async () => {
  await emulator.close();
});

const MISSING = 1002;
const INVALID = 1005;
/** The live API's decoder refuses null and wrong JSON types with 1022 "Invalid Request", without a pointer. */
const DECODE = 1022;

/** [case, body overrides (undefined deletes the field), expected code, expected pointer] */
const rejected: Array<[string, Record<string, unknown>, number, string | undefined]> = [
  ["name missing", { name: undefined }, MISSING, "/name"],
  ["cloudflare_gre_endpoint missing", { cloudflare_gre_endpoint: undefined }, MISSING, "/cloudflare_gre_endpoint"],
  ["customer_gre_endpoint missing", { customer_gre_endpoint: undefined }, MISSING, "/customer_gre_endpoint"],
  ["interface_address missing", { interface_address: undefined }, MISSING, "/interface_address"],
  ["name null", { name: null }, DECODE, undefined],
  ["name longer than 15", { name: "A234567890123456" }, INVALID, "/name"],
  ["name with a space", { name: "GRE 1" }, INVALID, "/name"],
  ["name with a dash", { name: "GRE-1" }, INVALID, "/name"],
  ["name with a non-ASCII letter", { name: "GRÉ" }, INVALID, "/name"],
  ["name empty", { name: "" }, INVALID, "/name"],
  ["name not a string", { name: 7 }, DECODE, undefined],
  ["interface_address public", { interface_address: "192.0.2.0/31" }, INVALID, "/interface_address"],
  ["interface_address /30 network address", { interface_address: "10.0.0.0/30" }, INVALID, "/interface_address"],
  ["interface_address /30 broadcast address", { interface_address: "10.0.0.3/30" }, INVALID, "/interface_address"],
  ["interface_address /29", { interface_address: "10.0.0.1/29" }, INVALID, "/interface_address"],
  [
    "interface_address /30 in 169.254/16 outside 169.254.240.0/20",
    { interface_address: "169.254.100.1/30" },
    INVALID,
    "/interface_address",
  ],
  ["interface_address /30 in 100.64/10", { interface_address: "100.64.0.1/30" }, INVALID, "/interface_address"],
  ["interface_address without prefix", { interface_address: "10.0.0.0" }, INVALID, "/interface_address"],
  ["interface_address just outside 172.16/12", { interface_address: "172.32.0.0/31" }, INVALID, "/interface_address"],
  ["interface_address just below 172.16/12", { interface_address: "172.15.255.254/31" }, INVALID, "/interface_address"],
  ["interface_address IPv6", { interface_address: "fd00::/31" }, INVALID, "/interface_address"],
  ["interface_address6 /64", { interface_address6: "2606:54c1:7:0:a9fe:12d2:1:200/64" }, INVALID, "/interface_address6"],
  ["interface_address6 second address", { interface_address6: "2606:54c1:7:0:a9fe:12d2:1:201/127" }, INVALID, "/interface_address6"],
  ["interface_address6 IPv4", { interface_address6: "10.0.0.0/127" }, INVALID, "/interface_address6"],
  ["cloudflare_gre_endpoint not an IP", { cloudflare_gre_endpoint: "203.0.113" }, INVALID, "/cloudflare_gre_endpoint"],
  ["cloudflare_gre_endpoint octet > 255", { cloudflare_gre_endpoint: "203.0.113.256" }, INVALID, "/cloudflare_gre_endpoint"],
  ["customer_gre_endpoint IPv6", { customer_gre_endpoint: "2001:db8::1" }, INVALID, "/customer_gre_endpoint"],
  ["customer_gre_endpoint with prefix", { customer_gre_endpoint: "198.51.100.7/32" }, INVALID, "/customer_gre_endpoint"],
  ["mtu below 576", { mtu: 575 }, INVALID, "/mtu"],
  ["mtu as a string", { mtu: "1476" }, DECODE, undefined],
  ["mtu fractional", { mtu: 1400.5 }, INVALID, "/mtu"],
  ["ttl zero", { ttl: 0 }, INVALID, "/ttl"],
  ["automatic_return_routing not boolean", { automatic_return_routing: "yes" }, DECODE, undefined],
  ["description not a string", { description: 5 }, DECODE, undefined],
  ["health_check not an object", { health_check: "on" }, DECODE, undefined],
  ["health_check.rate", { health_check: { rate: "fast" } }, INVALID, "/health_check/rate"],
  ["health_check.type", { health_check: { type: "ping" } }, INVALID, "/health_check/type"],
  ["health_check.direction", { health_check: { direction: "both" } }, INVALID, "/health_check/direction"],
  ["health_check.enabled", { health_check: { enabled: "true" } }, DECODE, undefined],
  ["health_check.target not an IP", { health_check: { target: "gateway" } }, INVALID, "/health_check/target"],
  ["bgp not an object", { bgp: 65000 }, DECODE, undefined],
  ["bgp.customer_asn missing", { bgp: { md5_key: "abc" } }, MISSING, "/bgp/customer_asn"],
  ["bgp.customer_asn zero", { bgp: { customer_asn: 0 } }, INVALID, "/bgp/customer_asn"],
  ["bgp.customer_asn above 32 bits", { bgp: { customer_asn: 4294967296 } }, INVALID, "/bgp/customer_asn"],
  ["bgp.customer_asn fractional", { bgp: { customer_asn: 1.5 } }, INVALID, "/bgp/customer_asn"],
  ["bgp.extra_prefixes not CIDRs", { bgp: { customer_asn: 1, extra_prefixes: ["10.0.0.0/8", "nope"] } }, INVALID, "/bgp/extra_prefixes/1"],
  ["bgp.extra_prefixes not an array", { bgp: { customer_asn: 1, extra_prefixes: "10.0.0.0/8" } }, DECODE, undefined],
  ["bgp.md5_key empty", { bgp: { customer_asn: 1, md5_key: "" } }, INVALID, "/bgp/md5_key"],
  ...['"', "?", "\t", "\n", "\r", "\v", "\f", "é"].map((c): [string, Record<string, unknown>, number, string | undefined] => [
    `bgp.md5_key with ${JSON.stringify(c)}`,
    { bgp: { customer_asn: 1, md5_key: `ab${c}cd` } },
    INVALID,
    "/bgp/md5_key",
  ]),
];

function bodyWith(overrides: Record<string, unknown>): Record<string, unknown> {
  const body = greBody(overrides);
  for (const [key, value] of Object.entries(overrides)) if (value === undefined) delete body[key];
  return body;
}

test.each(rejected)("%s -> 400", async (_case, overrides, code, pointer) => {
  const res = await call(emulator, "POST", GRE_PATH, { body: bodyWith(overrides) });
  expect(res.status).toBe(400);
  expect(res.body.success).toBe(false);
  expect(errorsOf(res)).toEqual([{ code, pointer }]);
  expect(typeof res.body.errors[0].message).toBe("string");
});

/** Edge values that must pass, each in its own account so names never clash. */
const accepted: Array<[string, Record<string, unknown>]> = [
  ["name of exactly 15 characters", { name: "A23456789012345" }],
  ["name with underscores and digits", { name: "gre_2_edge" }],
  ["interface_address odd host of the /31", { interface_address: "10.212.0.9/31" }],
  ["interface_address top of 172.16/12", { interface_address: "172.31.255.254/31" }],
  ["interface_address in 192.168/16", { interface_address: "192.168.1.0/31" }],
  ["interface_address first usable host of a /30", { interface_address: "10.213.0.41/30" }],
  ["interface_address second usable host of a /30", { interface_address: "10.213.0.42/30" }],
  ["interface_address /30 in 169.254.240.0/20 (AWS guide)", { interface_address: "169.254.244.2/30" }],
  ["interface_address /31 at the top of 169.254.240.0/20", { interface_address: "169.254.255.254/31" }],
  ["interface_address6 per the spec's example", { interface_address6: "2606:54c1:7:0:a9fe:12d2:1:200/127" }],
  ["mtu of exactly 576", { mtu: 576 }],
  ["mtu above 1500 (the spec sets no maximum)", { mtu: 9000 }],
  ["bgp.customer_asn at the 32-bit maximum", { bgp: { customer_asn: 4294967295 } }],
  ["bgp.md5_key with every allowed special character", { bgp: { customer_asn: 1, md5_key: "aZ9'!@#$%^&*()+[]{}<>/.,;:_-~`= |" } }],
  ["bgp.extra_prefixes with IPv6", { bgp: { customer_asn: 1, extra_prefixes: ["2001:db8::/32"] } }],
  ["health_check.target empty (= default)", { health_check: { target: "" } }],
  ["unknown extra fields are ignored", { colour: "blue" }],
];

let accounts = 0;

test.each(accepted)("%s -> 200", async (_case, overrides) => {
  const account = String(++accounts).padStart(32, "0");
  const res = await call(emulator, "POST", `/accounts/${account}/magic/gre_tunnels`, { body: bodyWith(overrides) });
  expect(res.body.errors).toEqual([]);
  expect(res.status).toBe(200);
});

test("every failing field is reported at once", async () => {
  const res = await call(emulator, "POST", GRE_PATH, {
    body: { name: "bad name", cloudflare_gre_endpoint: "x", interface_address: "10.0.0.0/24", mtu: 1 },
  });
  expect(errorsOf(res)).toEqual([
    { code: INVALID, pointer: "/cloudflare_gre_endpoint" },
    { code: MISSING, pointer: "/customer_gre_endpoint" },
    { code: INVALID, pointer: "/interface_address" },
    { code: INVALID, pointer: "/name" },
    { code: INVALID, pointer: "/mtu" },
  ]);
});

test("a body that is not a JSON object is a 400 / 1022, as the live API's decoder answers", async () => {
  const res = await call(emulator, "POST", GRE_PATH, { body: [greBody()] });
  expect(res.status).toBe(400);
  expect(errorsOf(res)).toEqual([{ code: 1022, pointer: undefined }]);
});

describe("address parsing", () => {
  test("IPv6 forms expand to the same number", () => {
    expect(parseIPv6("2001:db8::1")).toBe(parseIPv6("2001:0db8:0:0:0:0:0:1"));
    expect(parseIPv6("::")).toBe(0n);
    expect(parseIPv6("::ffff:192.0.2.1")).toBe(parseIPv6("::ffff:c000:201"));
    expect(parseIPv6("fe80::1%eth0")).toBeUndefined();
    expect(parseIPv6("1::2::3")).toBeUndefined();
  });

  test("CIDR prefixes are bounded by the address family", () => {
    expect(parseCidr("10.0.0.0/32")).toMatchObject({ version: 4, prefix: 32 });
    expect(parseCidr("10.0.0.0/33")).toBeUndefined();
    expect(parseCidr("10.0.0.0/08")).toBeUndefined();
    expect(parseCidr("::/128")).toMatchObject({ version: 6, prefix: 128 });
    expect(parseCidr("::/129")).toBeUndefined();
  });
});
