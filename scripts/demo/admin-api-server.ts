// The Admin API stand-in as a process of its own, for the local demo and the benchmarks: an HTTP
// server on loopback that answers `/{shop}/admin/api/{version}/graphql.json` exactly as the in-app
// stand-in does (schema-validated, same state model). Start the app with
// TALLY_LOCAL_ADMIN_API_URL=http://127.0.0.1:<port> to use it.
//
//   npx tsx scripts/demo/admin-api-server.ts [--port 3990]   (--port 0: any free port)
import { createServer } from "node:http";
import { parseArgs } from "node:util";
import { getResponse } from "msw";
import { createAdminApiStandin } from "../../admin-api-standin/admin-api-standin.server";
import { BULK_RESULT_ORIGIN } from "../../admin-api-standin/resolvers/bulk-operations";

const { values } = parseArgs({ options: { port: { type: "string", default: "3990" } } });
const standin = createAdminApiStandin();

const server = createServer(async (req, res) => {
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
});

// --port 0 takes a free port; the line below names the one taken (callers read it from there).
server.listen(Number(values.port), "127.0.0.1", () => {
  const { port } = server.address() as { port: number };
  // Bulk result files are served here too (the app downloads them without an access token), at
  // /<storage host>/bulk/…, which the handler above maps back to the storage URL msw answers.
  standin.state.bulkResultOrigin = `http://127.0.0.1:${port}/${new URL(BULK_RESULT_ORIGIN).host}`;
  console.log(
    JSON.stringify({ level: "info", message: `Admin API stand-in on http://127.0.0.1:${port}` }),
  );
});
for (const signal of ["SIGTERM", "SIGINT"] as const)
  process.once(signal, () => server.close(() => process.exit(0)));
