import { DefinedProvider } from "../../provider/framework/provider";
import { definition as greTunnel } from "../../provider/resources/magic/gre-tunnel";
import { ok, scriptedServer } from "../client/scripted-server";
import { failure } from "../failure";

/** Every answer about one object is validated before it reaches state: an object with its id, extra fields welcome. */
test("a create answered without an id fails with the operation's label instead of storing a broken object", async () => {
  const srv = await scriptedServer([ok({ name: "a", cloudflare_gre_endpoint: "162.159.64.1", brand_new_field: true })]);
  process.env.CLOUDFLARE_API_TOKEN = "shape-test-token";
  process.env.CLOUDFLARE_BASE_URL = srv.url;
  process.env.CLOUDFLARE_ACCOUNT_ID = "0123456789abcdef0123456789abcdef";
  try {
    const provider = new DefinedProvider(greTunnel);
    const err = await failure(
      provider.create({
        __resourceName: "a",
        name: "a",
        cloudflareGreEndpoint: "162.159.64.1",
        customerGreEndpoint: "203.0.113.1",
        interfaceAddress: "10.0.0.0/31",
      }),
    );
    expect(err.name).toBe("ResponseShapeError");
    expect(err.message).toMatch(
      /^create GreTunnel 'a': POST \/accounts\/[0-9a-f]{32}\/magic\/gre_tunnels answered with an unexpected shape \(/,
    );
    expect(srv.seen).toHaveLength(1);
  } finally {
    delete process.env.CLOUDFLARE_API_TOKEN;
    delete process.env.CLOUDFLARE_BASE_URL;
    delete process.env.CLOUDFLARE_ACCOUNT_ID;
    await srv.close();
  }
});
