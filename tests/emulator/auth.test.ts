import { type Emulator } from "../../emulator";
import { Authenticator, acceptedPermissions } from "../../emulator/auth";
import { ACCOUNT, GRE_PATH, call, greBody, start } from "./helpers";

/**
 * Scoped API tokens: a token may carry `permissions`; a request outside them is refused the way
 * Cloudflare refuses it (403, 10000 "Authentication error"), before it does anything.
 */
const FORBIDDEN = { success: false, errors: [{ code: 10000, message: "Authentication error" }], messages: [], result: null };
const PCAPS_PATH = `/accounts/${ACCOUNT}/pcaps`;
const CNI_PATH = `/accounts/${ACCOUNT}/cni/cnis`;
const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

describe("token permissions", () => {
  let emulator: Emulator;
  beforeEach(async () => {
    emulator = await start({
      tokens: {
        full: {},
        "transit-read": { permissions: ["magic-transit:read"] },
        "transit-write": { permissions: ["magic-transit:write"] },
        "wan-write": { permissions: ["magic-wan:write"] },
        "pcaps-only": { permissions: ["pcaps:write"] },
        "old-scoped": { expired: true, permissions: ["magic-transit:write"] },
      },
      email: "ops@example.com",
      apiKey: "global-key",
    });
  });
  afterEach(async () => {
    await emulator.close();
  });

  test("a read-only token reads, and its writes are 403 / 10000 and change nothing", async () => {
    expect((await call(emulator, "GET", GRE_PATH, { auth: bearer("transit-read") })).status).toBe(200);
    for (const [method, path] of [
      ["POST", GRE_PATH],
      ["PUT", `${GRE_PATH}/${"0".repeat(32)}`],
      ["DELETE", `${GRE_PATH}/${"0".repeat(32)}`],
    ]) {
      const res = await call(emulator, method, path, { auth: bearer("transit-read"), body: greBody() });
      expect({ method, status: res.status, body: res.body }).toEqual({ method, status: 403, body: FORBIDDEN });
    }
    expect(emulator.store.countAll()).toBe(0);
  });

  test("Magic Transit Write and Magic WAN Write each open the Magic and CNI endpoints", async () => {
    expect((await call(emulator, "POST", GRE_PATH, { auth: bearer("transit-write"), body: greBody() })).status).toBe(200);
    expect(
      (
        await call(emulator, "POST", GRE_PATH, {
          auth: bearer("wan-write"),
          body: greBody({ name: "GRE_2", interface_address: "10.212.0.10/31" }),
        })
      ).status,
    ).toBe(200);
    expect((await call(emulator, "GET", CNI_PATH, { auth: bearer("wan-write") })).status).toBe(200);
    expect(emulator.store.list(ACCOUNT, "gre_tunnels")).toHaveLength(2);
  });

  test("packet captures need the packet capture permission, which opens nothing else", async () => {
    expect((await call(emulator, "GET", PCAPS_PATH, { auth: bearer("transit-write") })).status).toBe(403);
    expect((await call(emulator, "GET", PCAPS_PATH, { auth: bearer("pcaps-only") })).status).toBe(200);
    expect((await call(emulator, "GET", GRE_PATH, { auth: bearer("pcaps-only") })).status).toBe(403);
  });

  test("a token without a permission list, and a global API key, may do everything", async () => {
    expect((await call(emulator, "POST", GRE_PATH, { auth: bearer("full"), body: greBody() })).status).toBe(200);
    expect((await call(emulator, "GET", PCAPS_PATH, { auth: bearer("full") })).status).toBe(200);
    const globalKey = { "x-auth-email": "ops@example.com", "x-auth-key": "global-key" };
    expect(
      (await call(emulator, "DELETE", `${GRE_PATH}/${emulator.store.list(ACCOUNT, "gre_tunnels")[0].id}`, { auth: globalKey })).status,
    ).toBe(200);
    expect((await call(emulator, "GET", PCAPS_PATH, { auth: globalKey })).status).toBe(200);
  });

  test("expiry is checked before permissions: an expired scoped token is 401 / 9109", async () => {
    const res = await call(emulator, "POST", GRE_PATH, { auth: bearer("old-scoped"), body: greBody() });
    expect(res.status).toBe(401);
    expect(res.body.errors).toEqual([{ code: 9109, message: "Invalid access token" }]);
  });

  test("a refused request never consumes an injected fault", async () => {
    emulator.injectNext({ kind: "5xx", method: "POST" });
    expect((await call(emulator, "POST", GRE_PATH, { auth: bearer("transit-read"), body: greBody() })).status).toBe(403);
    expect((await call(emulator, "POST", GRE_PATH, { auth: bearer("full"), body: greBody() })).status).toBe(500);
  });
});

describe("Authenticator", () => {
  test("names the permissions a request may use", () => {
    expect(acceptedPermissions({ method: "GET", path: `/client/v4${GRE_PATH}` })).toEqual([
      "magic-transit:read",
      "magic-transit:write",
      "magic-wan:read",
      "magic-wan:write",
    ]);
    expect(acceptedPermissions({ method: "patch", path: CNI_PATH })).toEqual(["magic-transit:write", "magic-wan:write"]);
    expect(acceptedPermissions({ method: "PUT", path: `${PCAPS_PATH}/abc/stop` })).toEqual(["pcaps:write"]);
    expect(acceptedPermissions({ method: "GET", path: `${PCAPS_PATH}/ownership` })).toEqual(["pcaps:read", "pcaps:write"]);
  });

  test("without a request target only the credential is checked", () => {
    const auth = new Authenticator({ tokens: { ro: { permissions: ["magic-wan:read"] } } });
    expect(auth.check(bearer("ro"))).toEqual({ ok: true, credential: "token:ro", user: "token:ro" });
    expect(auth.check(bearer("ro"), { method: "POST", path: GRE_PATH })).toMatchObject({ ok: false, reply: { status: 403 } });
  });

  test("refuses a misspelled permission when the emulator starts", () => {
    expect(() => new Authenticator({ tokens: { t: { permissions: ["magic-transit:admin" as never] } } })).toThrow(
      /unknown token permission\(s\) magic-transit:admin/,
    );
  });
});
