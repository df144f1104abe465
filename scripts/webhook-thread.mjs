// The webhook thread of the production server on SQLite (docs/decisions/020, 023): it imports the same
// server build, so it has its own SQLite connection — the one that writes every delivery — and
// applies each delivery the main thread admitted (signature, headers, JSON and schema checked there)
// with the route's own pipeline: duplicate check, crediting, group commit. The main thread meanwhile
// keeps reading HTTP and admitting the next deliveries.
import { parentPort, workerData } from "node:worker_threads";
import { installGlobals } from "@remix-run/node";
import { directRoutesOf } from "./direct-routes.mjs";

const build = await import(workerData.buildUrl);
installGlobals({ nativeFetch: Boolean(build.future?.v3_singleFetch) });
const routes = directRoutesOf(build);

async function answer({ id, path, delivery }) {
  let response;
  try {
    response = await routes.get(path).action.webhook.apply(delivery);
  } catch (error) {
    // Anything thrown is a failure the main thread reports (with a 503: nothing was acknowledged).
    return parentPort.postMessage({
      id,
      error: error instanceof Error ? (error.stack ?? error.message) : String(error),
    });
  }
  parentPort.postMessage({
    id,
    status: response.status,
    headers: [...response.headers].flat(),
    body: await response.text(),
  });
}

parentPort.on("message", (message) => void answer(message));
parentPort.postMessage({ ready: true });
