// Verifies a webhook delivery the way Shopify signs it: base64 HMAC-SHA256 of the raw body with the
// app's client secret, in X-Shopify-Hmac-Sha256, compared in constant time. Tally does not use
// authenticate.webhook (it also loads, and may refresh over the network, the shop's offline session
// for an Admin client the webhook path must never use) nor shopify-api's webhooks.validate: that
// canonicalises every header and runs WebCrypto asynchronously, which measured at a quarter of a
// delivery's CPU (docs/decisions/017). Its verdicts are the test oracle for this one
// (tests/integration/webhook-verification.test.ts).
import { createHmac, timingSafeEqual } from "node:crypto";
import { env } from "../config/env.server";

/** What the checks read of a request's headers: a Web `Headers`, or a thin view of node's (scripts/serve.mjs). */
export type HeaderReader = Pick<Headers, "get">;

export type VerifiedWebhook =
  | { ok: true; shop: string; topic: string; webhookId: string }
  | { ok: false; status: 400 | 401; reason: string };

// The headers shopify-api requires besides the signature; without one a delivery is malformed (400).
const REQUIRED = [
  "x-shopify-topic",
  "x-shopify-shop-domain",
  "x-shopify-api-version",
  "x-shopify-webhook-id",
] as const;
/** Compares the base64 text itself, as Shopify's libraries do, in constant time. */
export function signatureMatches(rawBody: string, signature: string, secret: string): boolean {
  const expected = Buffer.from(
    createHmac("sha256", secret).update(rawBody, "utf8").digest("base64"),
  );
  const given = Buffer.from(signature);
  return given.length === expected.length && timingSafeEqual(given, expected);
}

export function verifyWebhook(headers: HeaderReader, rawBody: string): VerifiedWebhook {
  // The same order of checks as shopify-api: no body or no signature → 400, a wrong one → 401, then the rest.
  if (!rawBody.length) return { ok: false, status: 400, reason: "missing_body" };
  const signature = headers.get("x-shopify-hmac-sha256");
  if (!signature) return { ok: false, status: 400, reason: "missing_hmac" };
  if (!signatureMatches(rawBody, signature, env.SHOPIFY_API_SECRET))
    return { ok: false, status: 401, reason: "invalid_hmac" };
  const missing = REQUIRED.filter((name) => !headers.get(name));
  if (missing.length)
    return { ok: false, status: 400, reason: `missing_headers: ${missing.join(", ")}` };
  return {
    ok: true,
    shop: headers.get("x-shopify-shop-domain")!,
    topic: headers.get("x-shopify-topic")!,
    webhookId: headers.get("x-shopify-webhook-id")!,
  };
}

/**
 * Shopify Flow action requests are signed like webhooks: X-Shopify-Hmac-Sha256 is the base64
 * HMAC-SHA256 of the raw body with the app secret (shopify-api's flow.validate is the test oracle).
 */
export async function verifyFlowRequest(request: Request, rawBody: string): Promise<boolean> {
  const signature = request.headers.get("x-shopify-hmac-sha256");
  return Boolean(
    rawBody.length && signature && signatureMatches(rawBody, signature, env.SHOPIFY_API_SECRET),
  );
}
