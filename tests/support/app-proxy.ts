// Calls the App Proxy routes as Shopify forwards a storefront request: the query string carries
// shop, path_prefix, timestamp, logged_in_customer_id and the hex HMAC `signature` (decision 037).
import * as loyalty from "~/routes/proxy.loyalty";
import * as redemptions from "~/routes/proxy.redemptions";
import { proxySignature } from "~/shopper-api/app-proxy.server";
import { TEST_API_SECRET, TEST_APP_URL } from "../setup/test-env";
import { callRoute } from "./call-route";

export interface ProxyQuery {
  shop: string;
  customerId?: number | string | null;
  timestamp?: number;
  secret?: string;
  /** Replaces the computed signature (forgeries). */
  signature?: string;
  extra?: Record<string, string>;
}

/** The signed query string Shopify appends when it forwards a proxied request. */
export function signedProxyQuery(query: ProxyQuery): string {
  const params = new URLSearchParams({
    shop: query.shop,
    logged_in_customer_id: query.customerId == null ? "" : String(query.customerId),
    path_prefix: "/apps/tally",
    timestamp: String(query.timestamp ?? Math.floor(Date.now() / 1000)),
    ...query.extra,
  });
  params.set(
    "signature",
    query.signature ?? proxySignature(params, query.secret ?? TEST_API_SECRET),
  );
  return params.toString();
}

export function proxyGetLoyalty(query: ProxyQuery | string) {
  const search = typeof query === "string" ? query : signedProxyQuery(query);
  return callRoute(loyalty.loader, new Request(`${TEST_APP_URL}/proxy/loyalty?${search}`));
}

export function proxyRedeem(
  query: ProxyQuery,
  rewardId: string,
  idempotencyKey: string | null = crypto.randomUUID(),
  contentType = "application/json",
) {
  return callRoute(
    redemptions.action,
    new Request(`${TEST_APP_URL}/proxy/redemptions?${signedProxyQuery(query)}`, {
      method: "POST",
      headers: {
        "Content-Type": contentType,
        ...(idempotencyKey ? { "Idempotency-Key": idempotencyKey } : {}),
      },
      body: JSON.stringify({ rewardId }),
    }),
  );
}
