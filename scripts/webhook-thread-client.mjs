// The main thread's side of the webhook thread (scripts/webhook-thread.mjs): hands it deliveries and
// resolves each with its answer. A thread that dies fails the deliveries it held (Shopify retries
// them: nothing was acknowledged) and is started again for the next delivery.
import { Worker } from "node:worker_threads";
import url from "node:url";

export async function startWebhookThread(buildPath) {
  const buildUrl = url.pathToFileURL(buildPath).href;
  const pending = new Map();
  let nextId = 0;
  let worker = null;
  let ready = null;

  const start = () => {
    const thread = new Worker(new URL("./webhook-thread.mjs", import.meta.url), {
      workerData: { buildUrl },
    });
    ready = new Promise((resolve, reject) => {
      thread.once("message", resolve);
      thread.once("error", reject);
    });
    thread.on("message", (message) => {
      const waiting = pending.get(message.id);
      if (!waiting) return;
      pending.delete(message.id);
      if (message.error) waiting.reject(new Error(`the webhook thread failed: ${message.error}`));
      else waiting.resolve(message);
    });
    thread.on("error", (error) =>
      console.error(
        JSON.stringify({
          level: "error",
          time: new Date().toISOString(),
          message: "webhook thread crashed",
          error: String(error?.stack ?? error),
        }),
      ),
    );
    thread.once("exit", (code) => {
      if (worker === thread) worker = null;
      for (const waiting of pending.values())
        waiting.reject(new Error(`the webhook thread exited (${code})`));
      pending.clear();
    });
    worker = thread;
  };

  start();
  await ready;
  return {
    async send(request) {
      if (!worker) start();
      const thread = worker;
      await ready;
      const id = ++nextId;
      return new Promise((resolve, reject) => {
        pending.set(id, { resolve, reject });
        thread.postMessage({ id, ...request });
      });
    },
  };
}
