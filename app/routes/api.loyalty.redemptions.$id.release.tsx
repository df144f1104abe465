// POST /api/loyalty/redemptions/:id/release — the checkout could not apply the code: the code is
// deactivated in Shopify, then the points come back (release-request.server.ts).
import type { ActionFunctionArgs } from "@remix-run/node";
import { apiError, authenticateShopper, LOGIN_REQUIRED } from "~/shopper-api/authenticate.server";
import { releaseRequest } from "~/shopper-api/release-request.server";

export async function action({ request, params }: ActionFunctionArgs) {
  const shopper = await authenticateShopper(request);
  if (request.method !== "POST") return apiError(405, "METHOD_NOT_ALLOWED", "Use POST");
  if (!shopper.shopifyCustomerId) return LOGIN_REQUIRED();
  return releaseRequest(shopper.shop, shopper.shopifyCustomerId, params.id, shopper.cors);
}
