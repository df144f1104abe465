// Tally's production server (`npm start`): what remix-serve does (compression, static assets, the
// Remix handler) plus a direct path for webhook deliveries. Shopify sends many small POSTs that
// need none of Remix's route matching, compression or request logging, which together cost more
// than crediting the order (bench/RESULTS.md); they go straight to their route's action.
import path from "node:path";
import url from "node:url";
import express from "express";
import compression from "compression";
import { createRequestHandler } from "@remix-run/express";
import { createReadableStreamFromReadable, installGlobals, writeReadableStreamToWritable } from "@remix-run/node";

const buildPath = path.resolve(process.argv[2] ?? "build/index.js");
const build = await import(url.pathToFileURL(buildPath).href);
installGlobals({ nativeFetch: Boolean(build.future?.v3_singleFetch) });

/** "/webhooks/orders/paid" → that route module's action. */
const webhookActions = new Map(
  Object.values(build.routes)
    .filter((route) => route.path?.startsWith("webhooks/") && typeof route.module.action === "function")
    .map((route) => [`/${route.path}`, route.module.action]),
);

async function deliverWebhook(req, res, next) {
  const action = webhookActions.get(req.path);
  if (!action || req.method !== "POST") return next();
  try {
    const origin = `${req.protocol}://${req.get("host")}`;
    const headers = new Headers();
    for (const [name, value] of Object.entries(req.headers)) if (typeof value === "string") headers.set(name, value);
    const request = new Request(new URL(req.originalUrl, origin), { method: "POST", headers, body: createReadableStreamFromReadable(req), duplex: "half" });
    const response = await action({ request, params: {}, context: {} });
    res.status(response.status);
    response.headers.forEach((value, name) => res.append(name, value));
    if (response.body) await writeReadableStreamToWritable(response.body, res);
    else res.end();
  } catch (error) {
    if (error instanceof Response) {
      res.status(error.status).end();
      return;
    }
    next(error);
  }
}

const app = express();
app.disable("x-powered-by");
app.use(deliverWebhook);
app.use(compression());
app.use(build.publicPath, express.static(build.assetsBuildDirectory, { immutable: true, maxAge: "1y" }));
app.use(express.static("public", { maxAge: "1h" }));
app.all("*", createRequestHandler({ build, mode: process.env.NODE_ENV }));

const port = Number(process.env.PORT ?? 3000);
const server = app.listen(port, process.env.HOST, () => console.log(JSON.stringify({ level: "info", time: new Date().toISOString(), message: `Tally listening on http://localhost:${port}` })));
for (const signal of ["SIGTERM", "SIGINT"]) process.once(signal, () => server.close(() => process.exit(0)));
