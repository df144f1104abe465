// Verifies a webhook delivery's HMAC and headers with Shopify's own library. Tally does not use
// authenticate.webhook: it also loads (and may refresh over the network) the shop's offline session
// for an `admin` client the webhook path must never use (design §4: no Admin API call on that path).
// Remix hands routes Fetch API Requests, which is what the web-api adapter converts.
import "@shopify/shopify-api/adapters/web-api";
import { LogSeverity, shopifyApi, WebhookValidationErrorReason } from "@shopify/shopify-api";
import { env } from "../config/env.server";
import { ADMIN_API_VERSION } from "./api-version";

const api = shopifyApi({
  apiKey: env.SHOPIFY_API_KEY,
  apiSecretKey: env.SHOPIFY_API_SECRET,
  hostName: new URL(env.SHOPIFY_APP_URL).host,
  apiVersion: ADMIN_API_VERSION,
  isEmbeddedApp: true,
  logger: { level: LogSeverity.Error },
});

export type VerifiedWebhook = { ok: true; shop: string; topic: string; webhookId: string } | { ok: false; status: 400 | 401; reason: string };

export async function verifyWebhook(request: Request, rawBody: string): Promise<VerifiedWebhook> {
  const check = await api.webhooks.validate({ rawBody, rawRequest: request });
  if (check.valid) return { ok: true, shop: check.domain, topic: check.topic, webhookId: check.webhookId };
  return { ok: false, status: check.reason === WebhookValidationErrorReason.InvalidHmac ? 401 : 400, reason: check.reason };
}

/**
 * Shopify Flow action requests are signed like webhooks: X-Shopify-Hmac-Sha256 is the base64
 * HMAC-SHA256 of the raw body with the app secret. Checked with the same library, no session lookup.
 */
export async function verifyFlowRequest(request: Request, rawBody: string): Promise<boolean> {
  return (await api.flow.validate({ rawBody, rawRequest: request })).valid;
}
