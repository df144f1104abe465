// The webhook thread of the production server on SQLite (docs/decisions/020): it imports the same
// server build, so it has its own SQLite connection — the one that writes every delivery — and
// answers each delivery the main thread hands it with the route's own action (signature check,
// validation, crediting, group commit). The main thread meanwhile keeps reading HTTP.
import { parentPort, workerData } from "node:worker_threads";
import { installGlobals } from "@remix-run/node";
import { directRoutesOf } from "./direct-routes.mjs";

const build = await import(workerData.buildUrl);
installGlobals({ nativeFetch: Boolean(build.future?.v3_singleFetch) });
const routes = directRoutesOf(build);

async function answer({ id, path, url, method, headers, body }) {
  const action = routes.get(path)?.action;
  let response;
  try {
    // `headers` is node's rawHeaders: names and values in one flat list.
    const pairs = [];
    for (let index = 0; index < headers.length; index += 2) pairs.push([headers[index], headers[index + 1]]);
    response = await action({ request: new Request(url, { method, headers: pairs, body }), params: {}, context: {} });
  } catch (error) {
    // Routes throw Responses on purpose (a 401); anything else is a failure the main thread reports.
    if (!(error instanceof Response)) return parentPort.postMessage({ id, error: error instanceof Error ? error.stack ?? error.message : String(error) });
    response = error;
  }
  parentPort.postMessage({ id, status: response.status, headers: [...response.headers].flat(), body: await response.text() });
}

parentPort.on("message", (message) => void answer(message));
parentPort.postMessage({ ready: true });
