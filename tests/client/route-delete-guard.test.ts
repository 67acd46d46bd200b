import { CloudflareClient, CloudflareError, Pacer, path } from "../../provider/client";
import { ok, scriptedServer } from "./scripted-server";

/**
 * `DELETE /accounts/{id}/magic/routes` deletes every static route of the account (the reference
 * and the official SDK's `routes.empty()` document it with no body). The client refuses it
 * before sending, whatever body or query it carries; the per-route DELETE still goes out.
 */
describe("CloudflareClient refuses the routes collection DELETE", () => {
  it("never sends it, with or without a body, and still sends DELETE /magic/routes/{route_id}", async () => {
    const srv = await scriptedServer([ok({ deleted: true, deleted_route: { id: "r1" } })]);
    const c = new CloudflareClient({
      baseUrl: srv.url,
      credentials: { kind: "token", token: "t", source: "test" },
      pacer: new Pacer({ maxConcurrency: 4 }),
    });
    try {
      const attempts = [
        c.request({ method: "DELETE", path: path`/accounts/${"a"}/magic/routes`, label: "delete RouteTable 'x'" }),
        c.request({ method: "DELETE", path: "/accounts/a/magic/routes", body: { routes: [{ id: "r1" }] } }),
        c.request({ method: "DELETE", path: "/accounts/a/magic/routes/", query: { validate_only: true } }),
        c.requestRaw({ method: "DELETE", path: "/accounts/a/magic/routes" }),
      ];
      for (const attempt of attempts) {
        const e = (await attempt.catch((err: unknown) => err)) as Error;
        expect(e).toBeInstanceOf(CloudflareError);
        expect(e.message).toContain("deletes every static route of the account");
      }
      expect(((await attempts[0].catch((e: unknown) => e)) as Error).message).toMatch(/^delete RouteTable 'x': refusing to send DELETE/);
      expect(srv.seen).toHaveLength(0);
      expect(c.stats.requests).toBe(0);

      await c.request({ method: "DELETE", path: path`/accounts/${"a"}/magic/routes/${"r1"}` });
      expect(srv.seen.map((r) => `${r.method} ${r.url}`)).toEqual(["DELETE /client/v4/accounts/a/magic/routes/r1"]);
    } finally {
      await c.close();
      await srv.close();
    }
  });

  it("leaves GET and PUT on the collection alone", async () => {
    const srv = await scriptedServer([ok({ routes: [] }), ok({ modified: true, modified_routes: [] })]);
    const c = new CloudflareClient({
      baseUrl: srv.url,
      credentials: { kind: "token", token: "t", source: "test" },
      pacer: new Pacer({ maxConcurrency: 4 }),
    });
    try {
      await c.request({ method: "GET", path: "/accounts/a/magic/routes" });
      await c.request({ method: "PUT", path: "/accounts/a/magic/routes", body: { routes: [] } });
      expect(srv.seen.map((r) => r.method)).toEqual(["GET", "PUT"]);
    } finally {
      await c.close();
      await srv.close();
    }
  });
});
