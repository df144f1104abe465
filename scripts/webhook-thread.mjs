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

// The pipeline's plain answer, not a Response: building and reading a Web Response per delivery cost
// this thread as much as two of the delivery's statements (decision 023, issue 23).
const headers = ["Content-Type", "application/json; charset=utf-8"];

async function answer({ id, path, delivery }) {
  let answered;
  try {
    answered = await routes.get(path).action.webhook.answer(delivery);
  } catch (error) {
    // Anything thrown is a failure the main thread reports (with a 503: nothing was acknowledged).
    return parentPort.postMessage({
      id,
      error: error instanceof Error ? (error.stack ?? error.message) : String(error),
    });
  }
  parentPort.postMessage({
    id,
    status: answered.status,
    headers,
    body: JSON.stringify(answered.body),
  });
}

parentPort.on("message", (message) => void answer(message));
parentPort.postMessage({ ready: true });
