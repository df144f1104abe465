// Tally's production server (`npm start`): what remix-serve does (compression, static assets, the
// Remix handler) plus a direct path for the resource routes called at volume. Shopify's webhook POSTs
// and the extensions' shopper API calls need none of Remix's route matching, compression or static
// file checks, which together cost more than crediting an order (bench/RESULTS.md, decision 007).
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
// (docs/decisions/019): HTTP, signature checks and crediting then use both cores. TALLY_WEBHOOK_THREAD=0
// keeps them on the main thread. On PostgreSQL the main thread waits on the network, not the CPU.
const { serverInfo } = build.entry.module;
const webhookThread = serverInfo.database === "sqlite" && process.env.TALLY_WEBHOOK_THREAD !== "0" ? await startWebhookThread(buildPath) : null;

async function send(res, response) {
  res.status(response.status);
  response.headers.forEach((value, name) => res.append(name, value));
  if (response.body) await writeReadableStreamToWritable(response.body, res);
  else res.end();
}

/** A delivery with a declared length within the limit goes to the webhook thread (others stay here: the action refuses them). */
async function toWebhookThread(req, res, url) {
  const chunks = [];
  for await (const chunk of req) chunks.push(chunk);
  const headers = Object.entries(req.headers).filter(([, value]) => typeof value === "string");
  const answer = await webhookThread.send({ path: req.path, url, method: req.method, headers, body: new Uint8Array(Buffer.concat(chunks)) });
  res.status(answer.status);
  for (const [name, value] of answer.headers) res.append(name, value);
  res.end(answer.body);
}

async function direct(req, res, next) {
  const module = directRoutes.get(req.path);
  const handler = module && (req.method === "GET" || req.method === "HEAD" ? module.loader : module.action);
  if (typeof handler !== "function") return next();
  try {
    const origin = `${req.protocol}://${req.get("host")}`;
    const declared = Number(req.headers["content-length"] ?? Number.NaN);
    if (webhookThread && req.method === "POST" && req.path.startsWith("/webhooks/") && declared <= serverInfo.webhookBodyLimit) {
      return await toWebhookThread(req, res, new URL(req.originalUrl, origin).href);
    }
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
const server = app.listen(port, process.env.HOST, () => {
  const threading = webhookThread ? " (webhook deliveries applied in their own thread)" : "";
  console.log(JSON.stringify({ level: "info", time: new Date().toISOString(), message: `Tally listening on http://localhost:${port}${threading}` }));
});
for (const signal of ["SIGTERM", "SIGINT"]) process.once(signal, () => server.close(() => process.exit(0)));
