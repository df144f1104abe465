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
import { createReadableStreamFromReadable, installGlobals, writeReadableStreamToWritable } from "@remix-run/node";
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
const webhookThread = serverInfo.database === "sqlite" && process.env.TALLY_WEBHOOK_THREAD !== "0" ? await startWebhookThread(buildPath) : null;

async function send(res, response) {
  res.status(response.status);
  response.headers.forEach((value, name) => res.append(name, value));
  if (response.body) await writeReadableStreamToWritable(response.body, res);
  else res.end();
}

/**
 * On SQLite, a delivery with a declared length within the limit goes from node:http straight to the
 * webhook thread, without express: the main thread then only moves bytes. Anything else (no declared
 * length, over the limit, not a webhook route) takes the usual path, where the action refuses it.
 */
function toWebhookThread(req, res) {
  if (!webhookThread || req.method !== "POST" || !req.url.startsWith("/webhooks/")) return false;
  const path = req.url.split("?")[0];
  if (typeof directRoutes.get(path)?.action !== "function") return false;
  if (!(Number(req.headers["content-length"] ?? Number.NaN) <= serverInfo.webhookBodyLimit)) return false;
  if (process.env.TALLY_REQUEST_LOG === "1") requestLog(req, res, () => undefined);
  const chunks = [];
  req.on("data", (chunk) => chunks.push(chunk));
  req.on("end", () => {
    webhookThread.send({ path, url: `http://${req.headers.host}${req.url}`, method: req.method, headers: req.rawHeaders, body: Buffer.concat(chunks) }).then(
      (answer) => res.writeHead(answer.status, answer.headers).end(answer.body),
      (error) => {
        // Nothing was acknowledged: Shopify retries the delivery.
        console.error(JSON.stringify({ level: "error", time: new Date().toISOString(), message: "webhook delivery failed in the webhook thread", path, error: String(error?.message ?? error) }));
        res.writeHead(503, { "Content-Type": "application/json" }).end(JSON.stringify({ error: { code: "UNAVAILABLE", message: "The delivery could not be applied; retry later" } }));
      },
    );
  });
  return true;
}

async function direct(req, res, next) {
  const module = directRoutes.get(req.path);
  const handler = module && (req.method === "GET" || req.method === "HEAD" ? module.loader : module.action);
  if (typeof handler !== "function") return next();
  try {
    const origin = `${req.protocol}://${req.get("host")}`;
    const headers = new Headers();
    for (const [name, value] of Object.entries(req.headers)) if (typeof value === "string") headers.set(name, value);
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
    process.stdout.write(`${req.method} ${req.originalUrl} ${res.statusCode} ${res.getHeader("content-length") ?? "-"} - ${ms.toFixed(3)} ms\n`);
  });
  next();
}

const app = express();
app.disable("x-powered-by");
if (process.env.TALLY_REQUEST_LOG === "1") app.use(requestLog);
app.use(direct);
app.use(compression());
app.use(build.publicPath, express.static(build.assetsBuildDirectory, { immutable: true, maxAge: "1y" }));
app.use(express.static("public", { maxAge: "1h" }));
app.all("*", createRequestHandler({ build, mode: process.env.NODE_ENV }));

const port = Number(process.env.PORT ?? 3000);
const server = http.createServer((req, res) => toWebhookThread(req, res) || app(req, res));
server.listen(port, process.env.HOST, () => {
  const threading = webhookThread ? " (webhook deliveries applied in their own thread)" : "";
  console.log(JSON.stringify({ level: "info", time: new Date().toISOString(), message: `Tally listening on http://localhost:${port}${threading}` }));
});
for (const signal of ["SIGTERM", "SIGINT"]) process.once(signal, () => server.close(() => process.exit(0)));
