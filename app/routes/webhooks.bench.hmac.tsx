// POST /webhooks/bench/hmac: exists ONLY for bench/webhooks, as the baseline the crediting route is compared
// with: the webhook routes' own signature check (verifyWebhook) and a 200, nothing else. It answers 404
// unless the benchmark starts the server with TALLY_BENCH_ROUTES=1. It is a webhook pipeline like the
// real routes, so the production server runs it the same way (admitted on the HTTP thread, answered by
// the webhook thread) and the comparison holds only the crediting work apart.
import { postOnly, problem } from "~/http/problem";
import { routeAction } from "~/webhooks/receive.server";
import { verifyWebhook } from "~/shopify/webhook-verification.server";

const benchRoutesOn = () => process.env.TALLY_BENCH_ROUTES === "1";

// The raw delivery rides along as it does on the real routes (a dead letter would keep it).
const admitted = (shop: string, webhookId: string, body: string) => ({
  shop,
  webhookId,
  raw: { topic: "bench/hmac", apiVersion: null, headers: {}, body },
  payload: null,
});

export const action = routeAction({
  admit(headers, body) {
    if (!benchRoutesOn()) return new Response("Not Found", { status: 404 });
    const verified = verifyWebhook(headers, body);
    if (!verified.ok) return problem(verified.status, "INVALID_HMAC", verified.reason);
    return admitted(verified.shop, verified.webhookId, body);
  },
  admitVerified(headers, body) {
    if (!benchRoutesOn()) return new Response("Not Found", { status: 404 });
    const shop = headers.get("x-shopify-shop-domain") ?? "";
    return admitted(shop, headers.get("x-shopify-webhook-id") ?? "", body);
  },
  apply: async () => new Response(null, { status: 200 }),
  answer: async () => ({ status: 200, body: { ok: true, outcome: "verified" } }),
});

/** GET and HEAD: 405 (deliveries are POSTs). */
export const loader = postOnly;
