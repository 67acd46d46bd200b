import * as http from "node:http";
import type { AddressInfo } from "node:net";

export interface SeenRequest {
  method: string;
  url: string;
  headers: http.IncomingHttpHeaders;
  body: string;
}

/** What to do with one request: answer, or drop the connection without answering. */
export type Reply = { status: number; body?: unknown; headers?: Record<string, string>; delayMs?: number } | { drop: true };

/**
 * A loopback HTTP server that answers from a script, one reply per request in order (the last one
 * repeats), and records what it saw. For client tests that need exact control over each answer.
 */
export async function scriptedServer(script: Reply[] | ((req: SeenRequest, n: number) => Reply)) {
  const seen: SeenRequest[] = [];
  const timers = new Set<NodeJS.Timeout>();
  const server = http.createServer((req, res) => {
    let body = "";
    req.on("data", (c) => (body += c));
    req.on("end", () => {
      const r: SeenRequest = { method: req.method ?? "", url: req.url ?? "", headers: req.headers, body };
      seen.push(r);
      const reply = typeof script === "function" ? script(r, seen.length) : script[Math.min(seen.length, script.length) - 1];
      if ("drop" in reply) {
        req.socket.destroy();
        return;
      }
      const send = () => {
        const text = typeof reply.body === "string" ? reply.body : JSON.stringify(reply.body ?? {});
        res.writeHead(reply.status, { "content-type": "application/json", ...reply.headers });
        res.end(text);
      };
      if (reply.delayMs) {
        const t = setTimeout(() => {
          timers.delete(t);
          send();
        }, reply.delayMs);
        timers.add(t);
      } else send();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}/client/v4`,
    seen,
    close: () =>
      new Promise<void>((resolve) => {
        for (const t of timers) clearTimeout(t);
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

export const ok = (result: unknown) => ({ status: 200, body: { success: true, errors: [], messages: [], result } });
export const fail = (status: number, code: number, message: string, headers?: Record<string, string>) => ({
  status,
  body: { success: false, errors: [{ code, message }], messages: [], result: null },
  headers,
});
