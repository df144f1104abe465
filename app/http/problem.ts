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
