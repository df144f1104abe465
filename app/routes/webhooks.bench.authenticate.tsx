// POST /webhooks/bench/authenticate: exists ONLY for bench/webhooks, as a second baseline: shopify-app-remix's
// authenticate.webhook (it also loads the shop's offline session) and a 200. 404 unless TALLY_BENCH_ROUTES=1.
import type { ActionFunctionArgs } from "@remix-run/node";
import { authenticate } from "~/shopify.server";
import { postOnly } from "~/http/problem";

export async function action({ request }: ActionFunctionArgs): Promise<Response> {
  if (process.env.TALLY_BENCH_ROUTES !== "1") return new Response("Not Found", { status: 404 });
  try {
    await authenticate.webhook(request);
  } catch (error) {
    if (error instanceof Response) return error;
    throw error;
  }
  return new Response(null, { status: 200 });
}

/** GET and HEAD: 405 (deliveries are POSTs). */
export const loader = postOnly;
