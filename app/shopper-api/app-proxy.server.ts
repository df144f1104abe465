// Authenticates storefront requests that reach Tally through Shopify's App Proxy
// (`https://{shop}/apps/tally/…` → `/proxy/…`, see shopify.app.toml `[app_proxy]`). Shopify signs
// the query string: `signature` is the hex HMAC-SHA256, with the app secret, of every other query
// parameter as `key=value` (several values of one key joined with ","), sorted and concatenated
// without separators. `logged_in_customer_id` is empty for a guest. Decision 037.
import { createHmac, timingSafeEqual } from "node:crypto";
import { env } from "../config/env.server";
import { problem } from "../http/problem";

export interface ProxyShopper {
  shop: string;
  /** Numeric Shopify customer id of the logged-in customer; null for a guest. */
  shopifyCustomerId: string | null;
}

/** A signed URL older (or newer) than this is refused, so a leaked link cannot be replayed later. */
export const PROXY_SIGNATURE_MAX_AGE_SECONDS = 300;

/** The string Shopify signs: sorted `key=value` pairs (repeated keys' values joined by ","). */
export function proxySigningInput(params: URLSearchParams): string {
  const values = new Map<string, string[]>();
  for (const [key, value] of params) {
    if (key === "signature") continue;
    values.set(key, [...(values.get(key) ?? []), value]);
  }
  return [...values.keys()]
    .sort()
    .map((key) => `${key}=${values.get(key)!.join(",")}`)
    .join("");
}

export function proxySignature(params: URLSearchParams, secret: string): string {
  return createHmac("sha256", secret).update(proxySigningInput(params)).digest("hex");
}

const unauthenticated = (message: string) =>
  problem(401, "UNAUTHENTICATED", message, { headers: { "Cache-Control": "no-store" } });

/** Resolves the proxied shopper or throws a 401 Response (missing, forged or stale signature). */
export function authenticateProxy(request: Request, now: Date): ProxyShopper {
  const params = new URL(request.url).searchParams;
  const signature = params.get("signature") ?? "";
  if (!/^[0-9a-f]{64}$/.test(signature))
    throw unauthenticated("This request was not signed by Shopify's app proxy.");
  const expected = Buffer.from(proxySignature(params, env.SHOPIFY_API_SECRET), "hex");
  if (
    params.getAll("signature").length !== 1 ||
    !timingSafeEqual(expected, Buffer.from(signature, "hex"))
  )
    throw unauthenticated("The app proxy signature is invalid.");
  const timestamp = Number(params.get("timestamp"));
  if (
    !Number.isSafeInteger(timestamp) ||
    Math.abs(now.getTime() / 1000 - timestamp) > PROXY_SIGNATURE_MAX_AGE_SECONDS
  )
    throw unauthenticated("The app proxy signature has expired.");
  const shop = params.get("shop") ?? "";
  if (!/^[a-z0-9][a-z0-9-]*\.myshopify\.com$/.test(shop))
    throw unauthenticated("The app proxy request does not name a shop.");
  const customer = params.get("logged_in_customer_id") ?? "";
  if (customer !== "" && !/^\d{1,20}$/.test(customer))
    throw unauthenticated("The app proxy request names no valid customer.");
  return { shop, shopifyCustomerId: customer === "" ? null : customer };
}
