// Serves an Admin API stand-in over HTTP on loopback: `/{shop}/admin/api/{version}/graphql.json`
// answered exactly as the in-app stand-in answers, and bulk result files at
// `/<storage host>/bulk/…`, which map back to the storage URL the stand-in's handlers answer.
import { createServer, type Server } from "node:http";
import { getResponse } from "msw";
import type { AdminApiStandin } from "../../admin-api-standin/admin-api-standin.server";
import { BULK_RESULT_ORIGIN } from "../../admin-api-standin/resolvers/bulk-operations";

export interface StandinServer {
  server: Server;
  port: number;
  /** Base URL the app's Admin API requests go to (TALLY_LOCAL_ADMIN_API_URL). */
  url: string;
}

/** Listens on `port` (0: any free one); `onAnswered` hears each request's path and time. */
export function serveStandin(
  standin: AdminApiStandin,
  port: number,
  onAnswered?: (path: string, ms: number) => void,
): Promise<StandinServer> {
  const server = createServer(async (req, res) => {
    const started = performance.now();
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const [, shop, ...rest] = (req.url ?? "/").split("/");
    const request = new Request(`https://${shop}/${rest.join("/")}`, {
      method: req.method,
      headers: Object.entries(req.headers).filter(
        (entry): entry is [string, string] => typeof entry[1] === "string",
      ),
      body: req.method === "GET" || req.method === "HEAD" ? undefined : Buffer.concat(chunks),
    });
    const response = await getResponse(standin.handlers, request);
    if (!response) {
      res
        .writeHead(404, { "Content-Type": "application/json" })
        .end(JSON.stringify({ errors: "Not Found" }));
      return;
    }
    res.writeHead(response.status, Object.fromEntries(response.headers));
    res.end(Buffer.from(await response.arrayBuffer()));
    onAnswered?.(req.url ?? "/", performance.now() - started);
  });
  return new Promise((resolve) =>
    server.listen(port, "127.0.0.1", () => {
      const { port: taken } = server.address() as { port: number };
      // The app downloads bulk result files without an access token, from here too.
      standin.state.bulkResultOrigin = `http://127.0.0.1:${taken}/${new URL(BULK_RESULT_ORIGIN).host}`;
      resolve({ server, port: taken, url: `http://127.0.0.1:${taken}` });
    }),
  );
}
