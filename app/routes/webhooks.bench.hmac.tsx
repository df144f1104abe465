// POST /webhooks/bench/hmac: exists ONLY for bench/webhooks, as the baseline the crediting route is compared
// with: HMAC verification and a 200, nothing else. It answers 404 unless the benchmark starts the
// server with TALLY_BENCH_ROUTES=1.
//   /webhooks/bench/hmac               authenticate.webhook (also loads the shop's offline session);
//   /webhooks/bench/hmac?verify=app    verifyWebhook, the check the webhook routes themselves run.
import type { ActionFunctionArgs } from "@remix-run/node";
import { authenticate } from "~/shopify.server";
import { verifyWebhook } from "~/shopify/webhook-verification.server";

export async function action({ request }: ActionFunctionArgs): Promise<Response> {
  if (process.env.TALLY_BENCH_ROUTES !== "1") return new Response("Not Found", { status: 404 });
  if (new URL(request.url).searchParams.get("verify") === "app") {
    const verified = await verifyWebhook(request, await request.text());
    return new Response(null, { status: verified.ok ? 200 : verified.status });
  }
  try {
    await authenticate.webhook(request);
  } catch (error) {
    if (error instanceof Response) return error;
    throw error;
  }
  return new Response(null, { status: 200 });
}
