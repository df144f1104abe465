import { PassThrough } from "node:stream";
import { renderToPipeableStream } from "react-dom/server";
import { RemixServer } from "@remix-run/react";
import { createReadableStreamFromReadable, type EntryContext } from "@remix-run/node";
import { isbot } from "isbot";
import { addDocumentResponseHeaders } from "./shopify.server";
import { isMainThread } from "node:worker_threads";
import { env, isLocalDemo } from "./config/env.server";
import { databaseKind } from "./db/database-url";
import { startBackgroundJobs } from "./jobs/background.server";
import { withRequestLocale } from "./i18n/request-locale.server";
// Every admin language, for whichever a request is in (the browser loads only its own).
import "./i18n/languages.server";

// The production server's webhook thread (scripts/webhook-thread.mjs) imports this build too; the
// background jobs and the local demo's Admin API stand-in belong to the main thread alone.
if (isMainThread) {
  if (isLocalDemo) await (await import("./local-demo/admin-api.server")).startLocalAdminApi();
  startBackgroundJobs();
}

/** What the production server (scripts/serve.mjs) needs to know before it routes a request. */
export const serverInfo = {
  database: databaseKind(env.DATABASE_URL),
  webhookBodyLimit: env.WEBHOOK_MAX_BODY_BYTES,
  // Runs one request with its own admin language (app/i18n/request-locale.server.ts).
  withRequestLocale,
};

const STREAM_TIMEOUT_MS = 5_000;

export default async function handleRequest(
  request: Request,
  responseStatusCode: number,
  responseHeaders: Headers,
  remixContext: EntryContext,
) {
  addDocumentResponseHeaders(request, responseHeaders);
  // Shopify's library preloads App Bridge from its CDN; the local demo runs its stand-in instead, so
  // the preload would fetch a script nothing uses (a console error offline).
  if (isLocalDemo) responseHeaders.delete("Link");
  // Bots get the whole document at once; browsers get it streamed as soon as the shell is ready.
  const readyEvent = isbot(request.headers.get("user-agent") ?? "") ? "onAllReady" : "onShellReady";

  return new Promise<Response>((resolve, reject) => {
    const { pipe, abort } = renderToPipeableStream(
      <RemixServer context={remixContext} url={request.url} />,
      {
        [readyEvent]: () => {
          const body = new PassThrough();
          responseHeaders.set("Content-Type", "text/html");
          resolve(
            new Response(createReadableStreamFromReadable(body), {
              headers: responseHeaders,
              status: responseStatusCode,
            }),
          );
          pipe(body);
        },
        onShellError: reject,
        onError: (error: unknown) => {
          responseStatusCode = 500;
          console.error(error);
        },
      },
    );
    setTimeout(abort, STREAM_TIMEOUT_MS);
  });
}
