// Signs deliveries exactly as Shopify does (base64 HMAC-SHA256 of the raw body with the app secret).
import { createHmac, randomUUID } from "node:crypto";

export function signBody(body: string, secret: string): string {
  return createHmac("sha256", secret).update(body, "utf8").digest("base64");
}

export interface DeliveryOptions {
  shop: string;
  topic: string;
  secret: string;
  webhookId?: string;
  apiVersion?: string;
  /** Overrides the signature (to test forged deliveries). */
  hmac?: string;
}

export function webhookHeaders(body: string, options: DeliveryOptions): Record<string, string> {
  return {
    "Content-Type": "application/json",
    "X-Shopify-Topic": options.topic,
    "X-Shopify-Shop-Domain": options.shop,
    "X-Shopify-API-Version": options.apiVersion ?? "2026-10",
    "X-Shopify-Webhook-Id": options.webhookId ?? randomUUID(),
    "X-Shopify-Triggered-At": new Date().toISOString(),
    "X-Shopify-Event-Id": randomUUID(),
    "X-Shopify-Hmac-Sha256": options.hmac ?? signBody(body, options.secret),
  };
}

export function webhookRequest(
  baseUrl: string,
  payload: unknown,
  options: DeliveryOptions,
): Request {
  const body = typeof payload === "string" ? payload : JSON.stringify(payload);
  return new Request(`${baseUrl}/webhooks/${options.topic}`, {
    method: "POST",
    headers: webhookHeaders(body, options),
    body,
  });
}
