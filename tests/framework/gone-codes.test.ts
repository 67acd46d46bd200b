import { DefinedProvider } from "../../provider/framework/provider";
import { definition as greTunnel } from "../../provider/resources/magic/gre-tunnel";
import { definition as staticRoute } from "../../provider/resources/magic/routes/static-route";
import { fail, scriptedServer } from "../client/scripted-server";

const ACCOUNT = "0123456789abcdef0123456789abcdef";

/**
 * The live API's not-found codes (1029 GRE tunnel, 1020 route, ...) mean "gone" whatever HTTP status
 * they come with (nothing public records it): a delete succeeds, a read drops the object.
 */
test.each([
  ["GreTunnel", greTunnel, 1029, "GRE tunnel not found"],
  ["StaticRoute", staticRoute, 1020, "Route not found"],
] as const)("%s: a %i answered with HTTP 400 is gone: read drops it, delete succeeds", async (_kind, definition, code, message) => {
  const srv = await scriptedServer([fail(400, code, message)]);
  process.env.CLOUDFLARE_API_TOKEN = "gone-codes-test-token";
  process.env.CLOUDFLARE_BASE_URL = srv.url;
  process.env.CLOUDFLARE_ACCOUNT_ID = ACCOUNT;
  try {
    const provider = new DefinedProvider(definition);
    const id = "f".repeat(32);
    await expect(provider.read(id, { __resourceName: "a", accountId: ACCOUNT })).resolves.toEqual({});
    await expect(provider.delete(id, { __resourceName: "a", accountId: ACCOUNT })).resolves.toBeUndefined();
    expect(srv.seen.map((r) => r.method)).toEqual(["GET", "DELETE"]);
  } finally {
    delete process.env.CLOUDFLARE_API_TOKEN;
    delete process.env.CLOUDFLARE_BASE_URL;
    delete process.env.CLOUDFLARE_ACCOUNT_ID;
    await srv.close();
  }
});
