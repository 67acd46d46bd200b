/**
 * The audit's outputs for one made-up result: the table people read (grouped by finding, then by
 * stack; values quoted, absent said so, secrets as [secret]) and the JSON programs read (the
 * result itself, with `version` and `exitCode`).
 */
import type { AuditResult, Claim } from "../../audit/audit";
import { renderJson, renderText } from "../../audit/render";

const ACCOUNT = "0123456789abcdef0123456789abcdef";
const id = (c: string) => c.repeat(32);
const claim = (stack: string, type: string, resource: string, extra: Partial<Claim> = {}): Claim => ({
  stack,
  urn: `urn:pulumi:${stack.split("/")[1]}::${stack.split("/")[0]}::pulumi-nodejs:dynamic/magic:${type}::${resource}`,
  resource,
  type,
  differences: [],
  notCompared: [],
  notes: [],
  ...extra,
});

const result: AuditResult = {
  version: 1,
  exitCode: 1,
  accountId: ACCOUNT,
  read: [
    { label: "GRE tunnels", count: 3 },
    { label: "static routes", count: 2 },
  ],
  stacks: [
    { name: "net/a", file: "a.json", resources: 3, otherAccounts: 0, pendingOperations: [] },
    {
      name: "net/b",
      file: "b.json",
      resources: 1,
      otherAccounts: 2,
      pendingOperations: [{ type: "creating", urn: "urn:x", resourceType: "Site" }],
    },
  ],
  summary: { drifted: 1, missing: 1, claimedTwice: 1, unmanaged: 1, inSync: 1 },
  findings: [
    {
      finding: "drifted",
      collection: "greTunnels",
      id: id("a"),
      label: "gre_a",
      claims: [
        claim("net/a", "GreTunnel", "gre-a", {
          differences: [
            { path: "description", state: "dc1", live: "by hand" },
            { path: "mtu", state: 1450, live: null },
            { path: "bgp.md5Key", state: "[secret]", live: "[secret]" },
          ],
        }),
      ],
      notes: [],
    },
    { finding: "missing", collection: "sites", id: id("b"), label: "site_b", claims: [claim("net/b", "Site", "site-b")], notes: [] },
    {
      finding: "claimedTwice",
      collection: "routes",
      id: id("c"),
      label: "192.0.2.0/24 via 10.212.0.9",
      claims: [claim("net/a", "RouteTable", "routes", { entry: "192.0.2.0/24 via 10.212.0.9" }), claim("net/b", "StaticRoute", "route")],
      notes: [],
    },
    {
      finding: "unmanaged",
      collection: "greTunnels",
      id: id("d"),
      label: "hand",
      claims: [],
      notes: ["stack net/b has a pending create of x (GreTunnel), which may have made it"],
    },
    { finding: "inSync", collection: "greTunnels", id: id("e"), label: "gre_e", claims: [claim("net/a", "GreTunnel", "gre-e")], notes: [] },
  ],
  cloudflareOwned: [{ collection: "cfInterconnects", id: id("f"), label: "pni_ord" }],
  managedApps: 3,
  notAudited: [
    {
      stack: "net/a",
      urn: "urn:pulumi:a::net::pulumi-nodejs:dynamic/magic:PacketCapture::capture",
      type: "PacketCapture",
      reason: "a run",
    },
  ],
  skipped: [],
};

test("the table: each finding under its heading, by stack, then what was not counted and the result", () => {
  expect(renderText(result)).toBe(
    [
      `Account ${ACCOUNT}: 5 objects read; 2 stack exports (net/a, net/b) with 4 resources of this account.`,
      "",
      "DRIFTED (1): changed outside its stack; `pulumi up --refresh` in that stack puts the stack's values back",
      "  stack net/a",
      `    GRE tunnel  gre_a  ${id("a")}  GreTunnel gre-a`,
      '        description: stack "dc1", account "by hand"',
      "        mtu: stack 1450, account (absent)",
      "        bgp.md5Key: stack [secret], account [secret]",
      "",
      "MISSING (1): in a stack's state, gone from the account; `pulumi up --refresh` in that stack creates it again",
      "  stack net/b",
      `    site  site_b  ${id("b")}  Site site-b`,
      "",
      "CLAIMED TWICE (1): managed by more than one resource, so each `pulumi up` undoes the other's changes; keep one (`pulumi state delete` the others)",
      `  static route  192.0.2.0/24 via 10.212.0.9  ${id("c")}`,
      "    stack net/a  RouteTable routes, entry 192.0.2.0/24 via 10.212.0.9",
      "    stack net/b  StaticRoute route",
      "",
      "UNMANAGED (1): no stack manages it; `--generate <dir>` writes a program that adopts exactly these",
      `  GRE tunnel  hand  ${id("d")}`,
      "      note: stack net/b has a pending create of x (GreTunnel), which may have made it",
      "",
      "IN SYNC (1): net/a 1",
      "",
      `Cloudflare-owned, adopted by no stack (not counted as unmanaged): Cloudflare interconnect pni_ord (${id("f")}); 3 managed apps.`,
      "Not audited: 1 resource",
      "  stack net/a: PacketCapture capture: a run.",
      "2 resources in these exports belong to other accounts (not audited).",
      "Stack net/b has a pending operation: creating Site urn:x.",
      "",
      "Result: 1 drifted, 1 missing, 1 claimed twice, 1 unmanaged, 1 in sync.",
      "",
    ].join("\n"),
  );
});

test("JSON: the result itself, versioned, with its exit code", () => {
  const json = renderJson(result);
  expect(JSON.parse(json)).toEqual(result);
  expect(Object.keys(JSON.parse(json))).toEqual([
    "version",
    "exitCode",
    "accountId",
    "read",
    "stacks",
    "summary",
    "findings",
    "cloudflareOwned",
    "managedApps",
    "notAudited",
    "skipped",
  ]);
});
