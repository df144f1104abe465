// The Admin API stand-in as a process of its own, for the local demo and the benchmarks: an HTTP
// server on loopback that answers `/{shop}/admin/api/{version}/graphql.json` exactly as the in-app
// stand-in does (schema-validated, same state model). Start the app with
// TALLY_LOCAL_ADMIN_API_URL=http://127.0.0.1:<port> to use it.
//
//   npx tsx scripts/demo/admin-api-server.ts [--port 3990]   (--port 0: any free port)
import { parseArgs } from "node:util";
import { createAdminApiStandin } from "../../admin-api-standin/admin-api-standin.server";
import { serveStandin } from "./standin-http";

const { values } = parseArgs({ options: { port: { type: "string", default: "3990" } } });
const standin = createAdminApiStandin();
// --port 0 takes a free port; the line below names the one taken (callers read it from there).
const { server, url } = await serveStandin(standin, Number(values.port));
console.log(JSON.stringify({ level: "info", message: `Admin API stand-in on ${url}` }));
for (const signal of ["SIGTERM", "SIGINT"] as const)
  process.once(signal, () => server.close(() => process.exit(0)));
// Started by a benchmark (fork, with an IPC channel): go when the benchmark goes, even if it was killed.
if (process.connected) process.once("disconnect", () => process.exit(0));
