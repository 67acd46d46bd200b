import { z } from "zod";
import {
  AccessError,
  AuthError,
  CloudflareApiError,
  CloudflareClient,
  NotEntitledError,
  NotFoundError,
  OutcomeUnknownError,
  Pacer,
  RateLimitError,
  ResponseShapeError,
  TimeoutError,
  path,
} from "../../provider/client";
import { failure } from "../failure";
import { fail, ok, scriptedServer } from "./scripted-server";

const TOKEN = "tok-client-test-SECRET-0123456789";

function newClient(url: string, extra: Partial<ConstructorParameters<typeof CloudflareClient>[0]> = {}) {
  return new CloudflareClient({
    baseUrl: url,
    credentials: { kind: "token", token: TOKEN, source: "environment variable CLOUDFLARE_API_TOKEN" },
    retry: { baseDelayMs: 5, maxDelayMs: 20 },
    pacer: new Pacer({ maxConcurrency: 16 }),
    ...extra,
  });
}

describe("path", () => {
  it("percent-encodes every interpolated segment so an id cannot escape it", () => {
    expect(path`/accounts/${"abc"}/magic/gre_tunnels/${"../../x?y=1#z"}`).toBe("/accounts/abc/magic/gre_tunnels/..%2F..%2Fx%3Fy%3D1%23z");
    expect(path`/a/${".."}/b`).toBe("/a/%2E%2E/b");
    expect(() => path`/a/${""}`).toThrow(/empty/);
  });
});

describe("CloudflareClient", () => {
  it("authenticates with a bearer token, unwraps the envelope and the per-verb wrapper, and tolerates extra fields", async () => {
    const srv = await scriptedServer([ok({ gre_tunnel: { id: "t1", name: "a", brand_new_field: 42 } })]);
    try {
      const c = newClient(srv.url);
      const schema = z.looseObject({ id: z.string(), name: z.string() });
      const t = await c.request({ method: "GET", path: "/accounts/a/magic/gre_tunnels/t1", unwrap: "gre_tunnel", schema });
      expect(t).toEqual({ id: "t1", name: "a", brand_new_field: 42 });
      expect(srv.seen[0].headers.authorization).toBe(`Bearer ${TOKEN}`);
      expect(srv.seen[0].url).toBe("/client/v4/accounts/a/magic/gre_tunnels/t1");
      await c.close();
    } finally {
      await srv.close();
    }
  });

  it("authenticates with email + global API key when given those", async () => {
    const srv = await scriptedServer([ok({})]);
    try {
      const c = new CloudflareClient({
        baseUrl: srv.url,
        credentials: { kind: "key", email: "ops@example.com", key: "k-123", source: "test" },
      });
      await c.request({ method: "GET", path: "/x" });
      expect(srv.seen[0].headers["x-auth-email"]).toBe("ops@example.com");
      expect(srv.seen[0].headers["x-auth-key"]).toBe("k-123");
      expect(srv.seen[0].headers.authorization).toBeUndefined();
      await c.close();
    } finally {
      await srv.close();
    }
  });

  it("reads bare (CNI) objects and follows cursor pagination until `next` is absent", async () => {
    const srv = await scriptedServer((req) => {
      const cursor = new URL(req.url, "http://x").searchParams.get("cursor");
      if (!cursor) return { status: 200, body: { items: [{ id: "a" }, { id: "b" }], next: 2 } };
      if (cursor === "2") return { status: 200, body: { items: [{ id: "c" }], next: 3 } };
      return { status: 200, body: { items: [{ id: "d" }] } };
    });
    try {
      const c = newClient(srv.url);
      const items = await c.listAll({ method: "GET", path: "/accounts/a/cni/slots", pageSize: 2 });
      expect(items.map((i) => (i as { id: string }).id)).toEqual(["a", "b", "c", "d"]);
      expect(srv.seen).toHaveLength(3);
      expect(srv.seen[0].url).toContain("limit=2");
      await c.close();
    } finally {
      await srv.close();
    }
  });

  it("raises typed errors that keep the status, Cloudflare's code and message, and the operation label", async () => {
    const srv = await scriptedServer([fail(400, 1002, "name is already in use")]);
    try {
      const c = newClient(srv.url);
      const err = await failure(c.request({ method: "POST", path: "/t", body: {}, label: "create GreTunnel 'nyc-gre-1'" }));
      expect(err).toBeInstanceOf(CloudflareApiError);
      expect(err.status).toBe(400);
      expect(err.code).toBe(1002);
      expect(err.message).toBe("create GreTunnel 'nyc-gre-1': Cloudflare 1002: name is already in use (HTTP 400 from POST /client/v4/t).");
      expect(srv.seen).toHaveLength(1);
      await c.close();
    } finally {
      await srv.close();
    }
  });

  it("maps 404 to NotFoundError and does not retry it", async () => {
    const srv = await scriptedServer([fail(404, 1004, "not found")]);
    try {
      const c = newClient(srv.url);
      await expect(c.request({ method: "GET", path: "/t/1" })).rejects.toBeInstanceOf(NotFoundError);
      expect(srv.seen).toHaveLength(1);
      await c.close();
    } finally {
      await srv.close();
    }
  });

  it("takes the live API's not-found codes (1029, 1032, 1020) as gone whatever the status, without retrying", async () => {
    for (const [status, code, message] of [
      [400, 1029, "GRE tunnel not found"],
      [404, 1032, "IPsec tunnel not found"],
      [409, 1020, "Route not found"],
    ] as const) {
      const srv = await scriptedServer([fail(status, code, message)]);
      try {
        const c = newClient(srv.url);
        const err = await failure(c.request({ method: "DELETE", path: "/t/1" }));
        expect([status, err instanceof NotFoundError, err.message]).toEqual([
          status,
          true,
          `Cloudflare ${code}: ${message} (HTTP ${status} from DELETE /client/v4/t/1).`,
        ]);
        expect(srv.seen).toHaveLength(1);
        await c.close();
      } finally {
        await srv.close();
      }
    }
  });

  it("says an account without the product (1012, 1025) is not onboarded or entitled, not to check the token", async () => {
    for (const [code, product] of [
      [1012, "Magic Transit"],
      [1025, "Magic WAN"],
    ] as const) {
      const srv = await scriptedServer([fail(403, code, "not for this account")]);
      try {
        const c = newClient(srv.url);
        const err = await failure(c.request({ method: "GET", path: "/t", permission: "Magic Transit Write" }));
        expect(err).toBeInstanceOf(NotEntitledError);
        expect(err).toBeInstanceOf(AccessError);
        expect(err).not.toBeInstanceOf(AuthError);
        expect(err.message).toContain(`not ${code === 1012 ? "onboarded to" : "entitled to"} ${product}`);
        expect(err.message).toContain("no token can change that");
        expect(err.message).not.toMatch(/check the credential/i);
        expect(srv.seen).toHaveLength(1);
        await c.close();
      } finally {
        await srv.close();
      }
    }
  });

  it("points an error without a source at the field its message names", async () => {
    const srv = await scriptedServer([
      fail(400, 1022, "Invalid Request: json: cannot unmarshal number into Go struct field GRETunnel.health_check.rate of type string"),
      fail(400, 1022, "Invalid Request: description must be a string"),
      fail(400, 1022, 'Invalid Request: error parsing request body while updating IPsec Tunnel: type "string" is not permitted to be null'),
    ]);
    try {
      const c = newClient(srv.url);
      const pointers: Array<string | undefined> = [];
      for (let i = 0; i < 3; i++) {
        const err = (await failure(c.request({ method: "POST", path: "/t", body: {} }))) as CloudflareApiError;
        pointers.push(err.errors[0].source?.pointer);
        if (i === 0) expect(err.message).toContain("(at /health_check/rate)");
      }
      expect(pointers).toEqual(["/health_check/rate", "/description", undefined]);
      await c.close();
    } finally {
      await srv.close();
    }
  });

  it("fails once on 401/403, naming where the credential came from and the permission, never the token", async () => {
    const srv = await scriptedServer([fail(403, 10000, "Authentication error")]);
    try {
      const c = newClient(srv.url);
      const err = await failure(c.request({ method: "GET", path: "/t", permission: "Magic Transit Write" }));
      expect(err).toBeInstanceOf(AuthError);
      expect(err.message).toContain("environment variable CLOUDFLARE_API_TOKEN");
      expect(err.message).toContain("Magic Transit Write");
      expect(err.message).not.toContain(TOKEN);
      expect(JSON.stringify(err)).not.toContain(TOKEN);
      expect(String(err.stack)).not.toContain(TOKEN);
      expect(srv.seen).toHaveLength(1);
      await c.close();
    } finally {
      await srv.close();
    }
  });

  it("retries 5xx on idempotent requests and succeeds", async () => {
    const srv = await scriptedServer([fail(502, 1000, "bad gateway"), fail(503, 1000, "unavailable"), ok({ v: 1 })]);
    try {
      const c = newClient(srv.url);
      await expect(c.request({ method: "PUT", path: "/t/1", body: { a: 1 } })).resolves.toEqual({ v: 1 });
      expect(srv.seen).toHaveLength(3);
      expect(c.stats.retries).toBe(2);
      await c.close();
    } finally {
      await srv.close();
    }
  });

  it("honours Retry-After on 429 (also for POST, which a 429 proves was not acted on)", async () => {
    const srv = await scriptedServer([fail(429, 971, "Please wait", { "retry-after": "1" }), ok({ id: "n" })]);
    try {
      const c = newClient(srv.url);
      const started = Date.now();
      await expect(c.request({ method: "POST", path: "/t", body: {} })).resolves.toEqual({ id: "n" });
      expect(Date.now() - started).toBeGreaterThanOrEqual(950);
      expect(srv.seen).toHaveLength(2);
      await c.close();
    } finally {
      await srv.close();
    }
  });

  it("gives up on 429 after the configured attempts with a RateLimitError that says which knob to turn", async () => {
    const srv = await scriptedServer([fail(429, 971, "Please wait", { "retry-after": "0" })]);
    try {
      const c = newClient(srv.url, { retry: { maxAttempts: 3, baseDelayMs: 1, maxDelayMs: 2 } });
      const err = await failure(c.request({ method: "GET", path: "/t" }));
      expect(err).toBeInstanceOf(RateLimitError);
      expect(err.message).toContain("cloudflare-magic:requestsPerWindow");
      expect(srv.seen).toHaveLength(3);
      await c.close();
    } finally {
      await srv.close();
    }
  });

  it("never re-sends a POST after a 5xx or a dropped connection: the outcome is reported as unknown", async () => {
    for (const reply of [fail(500, 1000, "oops"), { drop: true as const }]) {
      const srv = await scriptedServer([reply, ok({ id: "second" })]);
      try {
        const c = newClient(srv.url);
        const err = await failure(c.request({ method: "POST", path: "/t", body: { name: "x" }, label: "create GreTunnel 'a'" }));
        expect(err).toBeInstanceOf(OutcomeUnknownError);
        expect(err.message).toMatch(
          /^create GreTunnel 'a': (Cloudflare 1000: oops \(HTTP 500 from POST \/client\/v4\/t\)|POST \/client\/v4\/t failed: .*); whether it took effect is unknown\.$/,
        );
        expect(srv.seen).toHaveLength(1);
        await c.close();
      } finally {
        await srv.close();
      }
    }
  });

  it("retries a dropped connection on idempotent requests", async () => {
    const srv = await scriptedServer([{ drop: true }, ok({ deleted: true })]);
    try {
      const c = newClient(srv.url);
      await expect(c.request({ method: "DELETE", path: "/t/1" })).resolves.toEqual({ deleted: true });
      expect(srv.seen).toHaveLength(2);
      await c.close();
    } finally {
      await srv.close();
    }
  });

  it("times out waiting for headers with a clear message", async () => {
    const srv = await scriptedServer([{ status: 200, body: {}, delayMs: 1500 }]);
    try {
      const c = newClient(srv.url, { timeouts: { headersMs: 200 }, retry: { maxAttempts: 1 } });
      const err = await failure(c.request({ method: "GET", path: "/slow", label: "read GreTunnel 'a'" }));
      expect(err).toBeInstanceOf(TimeoutError);
      expect(err.message).toBe("read GreTunnel 'a': GET /client/v4/slow timed out after 0.2s waiting for the response headers.");
      await c.close();
    } finally {
      await srv.close();
    }
  });

  it("rejects a response without the envelope or with an unexpected shape", async () => {
    const srv = await scriptedServer([{ status: 200, body: { hello: 1 } }, ok({ gre_tunnel: { id: 5 } })]);
    try {
      const c = newClient(srv.url);
      await expect(c.request({ method: "GET", path: "/a" })).rejects.toBeInstanceOf(ResponseShapeError);
      const err = await failure(c.request({ method: "GET", path: "/b", unwrap: "gre_tunnel", schema: z.looseObject({ id: z.string() }) }));
      expect(err).toBeInstanceOf(ResponseShapeError);
      expect(err.message).toContain("id:");
      await c.close();
    } finally {
      await srv.close();
    }
  });

  it("reports a connection refused as a network error after retrying", async () => {
    const c = newClient("http://127.0.0.1:1/client/v4", { retry: { maxAttempts: 2, baseDelayMs: 1, maxDelayMs: 2 } });
    const err = await failure(c.request({ method: "GET", path: "/x" }));
    expect(err.message).toContain("ECONNREFUSED");
    expect(c.stats.requests).toBe(2);
    await c.close();
  });
});
