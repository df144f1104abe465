// Tally's production server (`npm start`): what remix-serve does (compression, static assets, the
// Remix handler) plus a direct path for the resource routes called at volume. Shopify's webhook POSTs
// and the extensions' shopper API calls need none of Remix's route matching, compression or static
// file checks, which together cost more than crediting an order (bench/RESULTS.md, decision 007).
import http from "node:http";
import path from "node:path";
import url from "node:url";
import express from "express";
import compression from "compression";
import { createRequestHandler } from "@remix-run/express";
import {
  createReadableStreamFromReadable,
  installGlobals,
  writeReadableStreamToWritable,
} from "@remix-run/node";
import { directRoutesOf } from "./direct-routes.mjs";
import { startWebhookThread } from "./webhook-thread-client.mjs";

const buildPath = path.resolve(process.argv[2] ?? "build/index.js");
const build = await import(url.pathToFileURL(buildPath).href);
installGlobals({ nativeFetch: Boolean(build.future?.v3_singleFetch) });

// Resource routes called at volume — Shopify's webhooks and the extensions' shopper API — go straight
// to their loader (GET/HEAD) or action (anything else, including CORS preflights), skipping the static
// file checks, compression and Remix's route matching.
const directRoutes = directRoutesOf(build);

// On SQLite, webhook deliveries are applied in a thread of their own that holds the database's writer
// (docs/decisions/020): HTTP, signature checks and crediting then use both cores. TALLY_WEBHOOK_THREAD=0
// keeps them on the main thread. On PostgreSQL the main thread waits on the network, not the CPU.
const { serverInfo } = build.entry.module;
const webhookThread =
  serverInfo.database === "sqlite" && process.env.TALLY_WEBHOOK_THREAD !== "0"
    ? await startWebhookThread(buildPath)
    : null;

async function send(res, response) {
  res.status(response.status);
  response.headers.forEach((value, name) => res.append(name, value));
  if (response.body) await writeReadableStreamToWritable(response.body, res);
  else res.end();
}

/** Node's request headers as the webhook checks read them (names are lower-cased, repeats joined). */
const headerReader = (req) => ({
  get(name) {
    const value = req.headers[name.toLowerCase()];
    return value === undefined ? null : Array.isArray(value) ? value.join(", ") : value;
  },
});

const writeAnswer = (res, status, headers, body) => res.writeHead(status, headers).end(body);

/** A refusal is answered here; an admitted delivery is applied by the webhook thread. */
async function admitAndApply(path, pipeline, headers, body) {
  const admitted = pipeline.admit(headers, body);
  if (!(admitted instanceof Response)) return webhookThread.send({ path, delivery: admitted });
  return {
    status: admitted.status,
    headers: [...admitted.headers].flat(),
    body: await admitted.text(),
  };
}

/**
 * On SQLite, a delivery with a declared length within the limit goes from node:http to its route's
 * webhook pipeline, without express: this thread admits it (signature, headers, JSON, schema: CPU
 * only) and answers a refusal itself; the webhook thread applies what was admitted (decision 023).
 * Anything else (no declared length, over the limit, not a webhook pipeline) takes the usual path,
 * where the route's action handles it whole.
 */
function toWebhookThread(req, res) {
  if (!webhookThread || req.method !== "POST" || !req.url.startsWith("/webhooks/")) return false;
  const path = req.url.split("?")[0];
  const pipeline = directRoutes.get(path)?.action?.webhook;
  if (!pipeline) return false;
  if (!(Number(req.headers["content-length"] ?? Number.NaN) <= serverInfo.webhookBodyLimit))
    return false;
  if (process.env.TALLY_REQUEST_LOG === "1") requestLog(req, res, () => undefined);
  const chunks = [];
  req.on("data", (chunk) => chunks.push(chunk));
  req.on("end", () => {
    admitAndApply(path, pipeline, headerReader(req), Buffer.concat(chunks).toString("utf8")).then(
      (answer) => writeAnswer(res, answer.status, answer.headers, answer.body),
      (error) => {
        // Nothing was acknowledged: Shopify retries the delivery.
        console.error(
          JSON.stringify({
            level: "error",
            time: new Date().toISOString(),
            message: "webhook delivery failed",
            path,
            error: String(error?.stack ?? error),
          }),
        );
        writeAnswer(
          res,
          503,
          { "Content-Type": "application/json" },
          JSON.stringify({
            error: {
              code: "UNAVAILABLE",
              message: "The delivery could not be applied; retry later",
            },
          }),
        );
      },
    );
  });
  return true;
}

async function direct(req, res, next) {
  const module = directRoutes.get(req.path);
  const handler =
    module && (req.method === "GET" || req.method === "HEAD" ? module.loader : module.action);
  if (typeof handler !== "function") return next();
  try {
    const origin = `${req.protocol}://${req.get("host")}`;
    const headers = new Headers();
    for (const [name, value] of Object.entries(req.headers))
      if (typeof value === "string") headers.set(name, value);
    const hasBody = req.method !== "GET" && req.method !== "HEAD";
    const request = new Request(new URL(req.originalUrl, origin), {
      method: req.method,
      headers,
      ...(hasBody ? { body: createReadableStreamFromReadable(req), duplex: "half" } : {}),
    });
    await send(res, await handler({ request, params: {}, context: {} }));
  } catch (error) {
    // Routes throw Responses on purpose (a CORS preflight answer, a 401): they are answers, not errors.
    if (error instanceof Response) return send(res, error);
    next(error);
  }
}

// TALLY_REQUEST_LOG=1: one line per request in morgan's "tiny" format, as remix-serve prints
// (the benchmarks read the server's own time from it). Off by default: it costs a write per request.
function requestLog(req, res, next) {
  const started = process.hrtime.bigint();
  res.once("finish", () => {
    const ms = Number(process.hrtime.bigint() - started) / 1e6;
    process.stdout.write(
      `${req.method} ${req.originalUrl} ${res.statusCode} ${res.getHeader("content-length") ?? "-"} - ${ms.toFixed(3)} ms\n`,
    );
  });
  next();
}

const app = express();
app.disable("x-powered-by");
if (process.env.TALLY_REQUEST_LOG === "1") app.use(requestLog);
app.use(direct);
app.use(compression());
app.use(
  build.publicPath,
  express.static(build.assetsBuildDirectory, { immutable: true, maxAge: "1y" }),
);
app.use(express.static("public", { maxAge: "1h" }));
// The TCP peer reaches the routes as `context.peerAddress`: the local demo's token routes answer only
// loopback peers (app/local-demo/loopback.server.ts).
// Each page or action request is served in its own admin language (docs/decisions/039).
app.use((req, res, next) => serverInfo.withRequestLocale(next));
app.all(
  "*",
  createRequestHandler({
    build,
    mode: process.env.NODE_ENV,
    getLoadContext: (req) => ({ peerAddress: req.socket.remoteAddress }),
  }),
);

// The local demo mints admin session tokens for whoever asks: it listens on loopback only
// (127.0.0.1 and ::1), whatever HOST says. Everything else listens where HOST says (all interfaces
// by default), as a server behind Shopify must.
const LOOPBACK = ["127.0.0.1", "::1"];
const localDemo = process.env.TALLY_LOCAL_DEMO === "1";
if (localDemo && process.env.HOST && !LOOPBACK.includes(process.env.HOST)) {
  console.error(
    `Invalid configuration: HOST must be 127.0.0.1 or ::1 in the local demo (got "${process.env.HOST}")`,
  );
  process.exit(1);
}
const port = Number(process.env.PORT ?? 3000);
const handle = (req, res) => toWebhookThread(req, res) || app(req, res);
const listenOn = localDemo ? LOOPBACK : [process.env.HOST];
const servers = await Promise.all(
  listenOn.map(
    (host) =>
      new Promise((resolve, reject) => {
        const server = http.createServer(handle);
        server.once("error", (error) =>
          // A machine without IPv6 has no ::1: the IPv4 loopback is enough there.
          host === "::1" && error.code === "EADDRNOTAVAIL" ? resolve(null) : reject(error),
        );
        server.listen(port, host, () => resolve(server));
      }),
  ),
);
const threading = webhookThread ? " (webhook deliveries applied in their own thread)" : "";
console.log(
  JSON.stringify({
    level: "info",
    time: new Date().toISOString(),
    message: `Tally listening on http://localhost:${port}${localDemo ? " (loopback only)" : ""}${threading}`,
  }),
);
const close = () =>
  Promise.all(
    servers.filter(Boolean).map((server) => new Promise((done) => server.close(done))),
  ).then(() => process.exit(0));
for (const signal of ["SIGTERM", "SIGINT"]) process.once(signal, close);
