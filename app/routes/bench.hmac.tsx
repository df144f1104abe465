// POST /bench/hmac: exists ONLY for bench/webhooks (the baseline the crediting route is compared
// with): HMAC verification through authenticate.webhook and a 200, nothing else. It answers 404
// unless the benchmark starts the server with TALLY_BENCH_ROUTES=1.
import type { ActionFunctionArgs } from "@remix-run/node";
import { authenticate } from "~/shopify.server";

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
