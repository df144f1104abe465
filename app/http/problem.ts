// The one JSON error shape of every machine-facing endpoint (webhooks, the shopper API, Flow actions):
// `{ "error": { "code", "message" } }` with a stable code (design §4).
import { json } from "@remix-run/node";

export function problem(
  status: number,
  code: string,
  message: string,
  init: ResponseInit = {},
): Response {
  return json({ error: { code, message } }, { ...init, status });
}

/**
 * The loader of a POST-only endpoint (webhooks, Flow actions): a GET is answered 405 with `Allow`,
 * instead of reaching Remix without a loader, which answers 405 too but logs a stack trace.
 */
export function postOnly(): Response {
  return problem(405, "METHOD_NOT_ALLOWED", "This endpoint accepts POST only", {
    headers: { Allow: "POST" },
  });
}
