// POST /api/loyalty/redemptions {rewardId} with an Idempotency-Key header → 201 {redemptionId, code,
// expiresAt, balance} (design §3–§4).
import type { ActionFunctionArgs } from "@remix-run/node";
import { apiError, authenticateShopper, LOGIN_REQUIRED } from "~/shopper-api/authenticate.server";
import { redeemRequest } from "~/shopper-api/redeem-request.server";

export async function action({ request }: ActionFunctionArgs) {
  const shopper = await authenticateShopper(request);
  if (request.method !== "POST") return apiError(405, "METHOD_NOT_ALLOWED", "Use POST");
  if (!shopper.shopifyCustomerId) return LOGIN_REQUIRED();
  return redeemRequest(request, shopper.shop, shopper.shopifyCustomerId, shopper.cors);
}
