// POST https://{shop}/apps/tally/redemptions, forwarded by Shopify's App Proxy to /proxy/redemptions:
// the storefront launcher redeems a reward for the logged-in customer named by the proxy's signed
// `logged_in_customer_id`, with the shopper API's body, Idempotency-Key and answers (decision 037).
// The JSON content type and the custom header make a browser preflight any cross-site attempt, which
// the storefront's origin never allows, so another site cannot spend a shopper's points.
import type { ActionFunctionArgs } from "@remix-run/node";
import { postOnly, problem } from "~/http/problem";
import { installedShop } from "~/services/process-handles.server";
import { authenticateProxy } from "~/shopper-api/app-proxy.server";
import { redeemRequest } from "~/shopper-api/redeem-request.server";

const noStore = { headers: { "Cache-Control": "no-store" } };

export const loader = postOnly;

export async function action({ request }: ActionFunctionArgs) {
  const shopper = authenticateProxy(request, new Date());
  if (request.method !== "POST")
    return problem(405, "METHOD_NOT_ALLOWED", "Use POST", { headers: { Allow: "POST" } });
  if (!(await installedShop(shopper.shop)))
    return problem(401, "UNAUTHENTICATED", "This shop does not run a Tally program.", noStore);
  if (!shopper.shopifyCustomerId)
    return problem(401, "LOGIN_REQUIRED", "Log in to use your points.", noStore);
  if (!(request.headers.get("Content-Type") ?? "").startsWith("application/json"))
    return problem(415, "UNSUPPORTED_MEDIA_TYPE", "Send the body as application/json.", noStore);
  return redeemRequest(request, shopper.shop, shopper.shopifyCustomerId, (response) => {
    response.headers.set("Cache-Control", "no-store");
    return response;
  });
}
