/**
 * Reusable field validators. A resource file describes its body as a table of `Rules`; `validateFields`
 * walks it and returns every Cloudflare-style error at once, each with a JSON pointer such as
 * `/interface_address` or `/health_check/rate`, so a client can point the user at the bad field.
 */
import { isIPv4, isIPv6 } from "node:net";
import { type CfError, Codes, badRequest, cfError } from "./envelope";

/** Checks one present (non-null) value; returns an error or undefined when the value is fine. */
export type Check = ((value: unknown, pointer: string) => CfError | undefined) & {
  /** The JSON type the check takes, for decoders that refuse other types before any rule runs. */
  readonly jsonType?: JsonType;
};

export type JsonType = "string" | "boolean" | "number" | "array" | "object";

/** A check that takes values of one JSON type (see `GoDecoder`). */
export function typed(jsonType: JsonType, check: (value: unknown, pointer: string) => CfError | undefined): Check {
  return Object.assign(check, { jsonType });
}

/**
 * How the live Magic tunnels and routes service reads a body (a Go JSON decoder into typed structs):
 * malformed JSON, a body that is not an object, a JSON type a field does not take and `null` for a
 * field are refused before any rule runs, with 400 / 1022 "Invalid Request: …" and no pointer.
 * Without one, null reads as "not given" and a wrong type is a field error (1005) like any other.
 */
export interface GoDecoder {
  /** The struct the body decodes into, named in type errors: "GRETunnel". */
  struct: string;
  /** What the request does, named in null errors: "creating GRE Tunnel". */
  action: string;
}

export interface FieldRule {
  required?: boolean;
  /** Run in order; the first failing check is reported. */
  checks?: Check[];
  /** Rules for the members of a nested object; the value must then be a JSON object. */
  fields?: Rules;
  /** Rules for the members of each item of an array of objects (an item that is not an object is refused). */
  items?: Rules;
}

export type Rules = Record<string, FieldRule>;

export type JsonObject = Record<string, unknown>;

/** A body field's value, with JSON null read as "not given". */
export function given<T>(body: JsonObject, key: string): T | undefined {
  return (body[key] ?? undefined) as T | undefined;
}

export function isPlainObject(value: unknown): value is JsonObject {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** `/health_check/rate` -> `health_check.rate`, so messages read naturally. */
function fieldName(pointer: string): string {
  return pointer.replace(/^\//, "").replace(/\//g, ".");
}

export function invalid(pointer: string, problem: string): CfError {
  return cfError(Codes.INVALID_VALUE, `${fieldName(pointer)} ${problem}`, pointer);
}

/**
 * Null counts as absent (clients commonly send null for "not set"), unless a `decoder` reads the
 * body the way the live service does: then null and wrong JSON types are 1022 (see `GoDecoder`).
 */
export function validateFields(obj: JsonObject, rules: Rules, base = "", decoder?: GoDecoder): CfError[] {
  const errors: CfError[] = [];
  for (const [key, rule] of Object.entries(rules)) {
    const pointer = `${base}/${key}`;
    const value = obj[key];
    // A rule with checks of its own says what it takes (they may explain the wanted form better).
    const wanted = rule.checks?.length ? rule.checks.find((c) => c.jsonType)?.jsonType : rule.fields ? "object" : undefined;
    if (decoder && value === null) {
      errors.push(
        invalidRequest(`error parsing request body while ${decoder.action}: type "${goType(wanted)}" is not permitted to be null`),
      );
      continue;
    }
    if (value === undefined || value === null) {
      if (rule.required) errors.push(cfError(Codes.MISSING_FIELD, `${fieldName(pointer)} is required`, pointer));
      continue;
    }
    if (decoder && wanted && jsonTypeOf(value) !== wanted) {
      errors.push(
        invalidRequest(
          `json: cannot unmarshal ${jsonTypeOf(value)} into Go struct field ${goField(decoder, pointer)} of type ${goType(wanted)}`,
        ),
      );
      continue;
    }
    const failed = firstError(rule.checks ?? [], value, pointer);
    if (failed) {
      errors.push(failed);
    } else if (rule.fields) {
      if (isPlainObject(value)) errors.push(...validateFields(value, rule.fields, pointer, decoder));
      else errors.push(invalid(pointer, "must be an object"));
    } else if (rule.items && Array.isArray(value)) {
      const items = rule.items;
      value.forEach((item, i) => {
        const at = `${pointer}/${i}`;
        errors.push(...(isPlainObject(item) ? validateFields(item, items, at, decoder) : [invalid(at, "must be an object")]));
      });
    }
  }
  return errors;
}

/** 400 / 1022 as the live service words it; its decoder errors carry no pointer. */
export function invalidRequest(detail: string): CfError {
  return cfError(Codes.INVALID_REQUEST, `Invalid Request: ${detail}`);
}

function jsonTypeOf(value: unknown): JsonType {
  if (Array.isArray(value)) return "array";
  if (value !== null && typeof value === "object") return "object";
  return typeof value as JsonType;
}

const GO_TYPES: Record<JsonType, string> = { string: "string", boolean: "bool", number: "int", array: "[]interface {}", object: "struct" };

function goType(type: JsonType | undefined): string {
  return type ? GO_TYPES[type] : "interface {}";
}

/** `GRETunnel.health_check.rate` for `/health_check/rate` (array indices, as in bulk bodies, are not named). */
function goField(decoder: GoDecoder, pointer: string): string {
  return [decoder.struct, ...pointer.split("/").filter((s) => s !== "" && !/^\d+$/.test(s))].join(".");
}

function firstError(checks: Check[], value: unknown, pointer: string): CfError | undefined {
  for (const check of checks) {
    const error = check(value, pointer);
    if (error) return error;
  }
  return undefined;
}

/** Throws a 400 carrying every error, if there are any. */
export function assertValid(errors: CfError[]): void {
  if (errors.length > 0) throw badRequest(errors);
}

/** Throws a 400 when the body is not a JSON object (e.g. an array or a bare string); 1022 with a `decoder`. */
export function requireObjectBody(body: unknown, decoder?: GoDecoder): JsonObject {
  if (isPlainObject(body)) return body;
  if (decoder) {
    const sent = body === undefined ? "an empty body" : jsonTypeOf(body);
    throw badRequest([invalidRequest(`json: cannot unmarshal ${sent} into Go value of type ${decoder.struct}`)]);
  }
  throw badRequest([cfError(Codes.INVALID_BODY, "Request body must be a JSON object")]);
}

// ---- Primitive checks -------------------------------------------------------------------------

export const string: Check = typed("string", (v, p) => (typeof v === "string" ? undefined : invalid(p, "must be a string")));

export const boolean: Check = typed("boolean", (v, p) => (typeof v === "boolean" ? undefined : invalid(p, "must be a boolean")));

export function integer(range: { min?: number; max?: number } = {}): Check {
  const { min, max } = range;
  const wanted =
    min !== undefined && max !== undefined
      ? `an integer between ${min} and ${max}`
      : min !== undefined
        ? `an integer of at least ${min}`
        : max !== undefined
          ? `an integer of at most ${max}`
          : "an integer";
  return typed("number", (v, p) =>
    typeof v === "number" && Number.isInteger(v) && (min === undefined || v >= min) && (max === undefined || v <= max)
      ? undefined
      : invalid(p, `must be ${wanted}`),
  );
}

export function oneOf(...allowed: string[]): Check {
  return typed("string", (v, p) =>
    typeof v === "string" && allowed.includes(v) ? undefined : invalid(p, `must be one of ${allowed.join(", ")}`),
  );
}

export function arrayOf(item: Check): Check {
  return typed("array", (v, p) => {
    if (!Array.isArray(v)) return invalid(p, "must be an array");
    for (let i = 0; i < v.length; i++) {
      const error = item(v[i], `${p}/${i}`);
      if (error) return error;
    }
    return undefined;
  });
}

/** For fields an operation refuses outright, so they are never silently ignored. */
export function notAllowed(reason: string): Check {
  return (_v, p) => cfError(Codes.FIELD_NOT_ALLOWED, `${fieldName(p)} is not allowed: ${reason}`, p);
}

/**
 * Object names such as tunnel names: non-empty, at most `maxLength` characters, letters, digits and
 * underscores only ("cannot contain spaces or special characters").
 */
export function objectName(maxLength: number): Check {
  return typed("string", (v, p) => {
    if (typeof v !== "string") return invalid(p, "must be a string");
    if (v.length === 0) return invalid(p, "must not be empty");
    if (v.length > maxLength) return invalid(p, `must be ${maxLength} characters or less`);
    if (!/^[A-Za-z0-9_]+$/.test(v)) return invalid(p, "must not contain spaces or special characters");
    return undefined;
  });
}

/**
 * BGP MD5 keys: non-empty printable ASCII (0x20-0x7E) except `"` and `?`. The control characters the
 * spec names (tab, newline, CR, vertical tab, form feed) are outside the printable range already.
 */
export const md5Key: Check = typed("string", (v, p) => {
  if (typeof v !== "string") return invalid(p, "must be a string");
  if (v.length === 0) return invalid(p, "must not be empty");
  if (!/^[\x20-\x7e]+$/.test(v) || /["?]/.test(v)) {
    return invalid(p, 'may only contain printable ASCII characters other than " and ?');
  }
  return undefined;
});

// ---- IP addresses and prefixes ----------------------------------------------------------------

export function parseIPv4(text: string): number | undefined {
  if (!isIPv4(text)) return undefined;
  return text.split(".").reduce((acc, octet) => acc * 256 + Number(octet), 0);
}

export function parseIPv6(text: string): bigint | undefined {
  // Zone ids ("fe80::1%eth0") are valid for sockets but not as configured addresses.
  if (!isIPv6(text) || text.includes("%")) return undefined;
  let groups = text.split(":");
  const last = groups[groups.length - 1];
  if (last.includes(".")) {
    const v4 = parseIPv4(last);
    if (v4 === undefined) return undefined;
    groups = [...groups.slice(0, -1), (v4 >>> 16).toString(16), (v4 & 0xffff).toString(16)];
  }
  const gap = groups.indexOf("");
  if (gap !== -1) {
    // "::" leaves empty strings at the gap (and at either end when it starts or ends the address).
    const head = groups.slice(0, gap).filter((g) => g !== "");
    const tail = groups.slice(gap).filter((g) => g !== "");
    groups = [...head, ...Array<string>(8 - head.length - tail.length).fill("0"), ...tail];
  }
  return groups.reduce((acc, g) => (acc << 16n) | BigInt(parseInt(g, 16)), 0n);
}

export interface Cidr {
  version: 4 | 6;
  address: bigint;
  prefix: number;
}

export function parseCidr(text: string): Cidr | undefined {
  const match = /^([^/]+)\/(0|[1-9][0-9]{0,2})$/.exec(text);
  if (!match) return undefined;
  const prefix = Number(match[2]);
  const v4 = parseIPv4(match[1]);
  if (v4 !== undefined) return prefix <= 32 ? { version: 4, address: BigInt(v4), prefix } : undefined;
  const v6 = parseIPv6(match[1]);
  if (v6 !== undefined) return prefix <= 128 ? { version: 6, address: v6, prefix } : undefined;
  return undefined;
}

/**
 * Where a tunnel interface address may come from: RFC 1918 space and 169.254.240.0/20. The API
 * reference's field text names RFC 1918 only; Cloudflare's "Configure tunnel endpoints" page
 * (developers.cloudflare.com/magic-transit/how-to/configure-tunnel-endpoints/) adds 169.254.240.0/20,
 * and its AWS guide creates a tunnel on 169.254.244.2/30.
 */
const TUNNEL_SPACES: Array<{ base: number; prefix: number }> = [
  { base: parseIPv4("10.0.0.0")!, prefix: 8 },
  { base: parseIPv4("172.16.0.0")!, prefix: 12 },
  { base: parseIPv4("192.168.0.0")!, prefix: 16 },
  { base: parseIPv4("169.254.240.0")!, prefix: 20 },
];

function inTunnelSpace(address: number): boolean {
  return TUNNEL_SPACES.some(({ base, prefix }) => Math.floor(address / 2 ** (32 - prefix)) === base / 2 ** (32 - prefix));
}

/** The error for a /30 written with its network or broadcast address, which no side of a link can use; else undefined. */
function unusableHost(parsed: Cidr, p: string): CfError | undefined {
  const low = Number(parsed.address & 3n);
  if (parsed.prefix !== 30 || (low !== 0 && low !== 3)) return undefined;
  return invalid(p, `must be a usable address of its /30, not its ${low === 0 ? "network" : "broadcast"} address`);
}

export const ipv4: Check = typed("string", (v, p) =>
  typeof v === "string" && parseIPv4(v) !== undefined ? undefined : invalid(p, "must be a valid IPv4 address"),
);

export const ipAddress: Check = typed("string", (v, p) =>
  typeof v === "string" && (parseIPv4(v) !== undefined || parseIPv6(v) !== undefined)
    ? undefined
    : invalid(p, "must be a valid IPv4 or IPv6 address"),
);

export const cidr: Check = typed("string", (v, p) =>
  typeof v === "string" && parseCidr(v) !== undefined ? undefined : invalid(p, "must be a valid CIDR prefix"),
);

/**
 * A tunnel interface address: "A 31-bit (recommended) or 30-bit subnet (/31 or /30 in CIDR notation)
 * supporting two hosts, one for each side of the tunnel" inside RFC 1918 space or 169.254.240.0/20
 * ("Configure tunnel endpoints"); either host of a /31, one of the two usable hosts of a /30.
 */
export const tunnelInterfaceAddress: Check = (v, p) => {
  const parsed = typeof v === "string" ? parseCidr(v) : undefined;
  if (!parsed || parsed.version !== 4 || (parsed.prefix !== 31 && parsed.prefix !== 30)) {
    return invalid(p, "must be an IPv4 address with a /31 or /30 prefix length, e.g. 10.0.0.0/31");
  }
  if (!inTunnelSpace(Number(parsed.address))) {
    return invalid(p, "must be inside 10.0.0.0/8, 172.16.0.0/12, 192.168.0.0/16 or 169.254.240.0/20");
  }
  return unusableHost(parsed, p);
};

/**
 * A Cloudflare interconnect's interface address (the "Update interconnect" documentation and the
 * official SDK): "For GRE Interconnects, a /30 or /31 prefix may be used. Version 1.5 interconnects
 * require a /31 prefix and may also use a prefix from the account's authorized prefixes; otherwise,
 * select the subnet from RFC 1918 or the approved link-local ranges" (169.254.240.0/20). Every
 * prefix counts as authorized here: a /31 from any space is taken.
 */
export const interconnectInterfaceAddress: Check = (v, p) => {
  const parsed = typeof v === "string" ? parseCidr(v) : undefined;
  if (!parsed || parsed.version !== 4 || (parsed.prefix !== 31 && parsed.prefix !== 30)) {
    return invalid(p, "must be an IPv4 address with a /31 or /30 prefix length, e.g. 192.168.4.0/31");
  }
  if (parsed.prefix === 30 && !inTunnelSpace(Number(parsed.address))) {
    return invalid(p, "must be a /31, or a /30 inside 10.0.0.0/8, 172.16.0.0/12, 192.168.0.0/16 or 169.254.240.0/20");
  }
  return unusableHost(parsed, p);
};

/** A /127 IPv6 interface address that is the first address of its /127 (as the spec requires). */
export const ipv6Slash127: Check = (v, p) => {
  const parsed = typeof v === "string" ? parseCidr(v) : undefined;
  if (!parsed || parsed.version !== 6 || parsed.prefix !== 127) {
    return invalid(p, "must be an IPv6 address with a /127 prefix length, e.g. 2606:54c1:7:0:a9fe:12d2:1:200/127");
  }
  if ((parsed.address & 1n) !== 0n) return invalid(p, "must be the first address of its /127 subnet");
  return undefined;
};
