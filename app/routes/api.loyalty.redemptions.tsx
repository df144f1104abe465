// POST /api/loyalty/redemptions {rewardId} with an Idempotency-Key header → 201 {redemptionId, code,
// expiresAt, balance} (design §3–§4). GET → the shopper's own redemptions, newest first.
import { json, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { installedShop, withSql } from "~/services/process-handles.server";
import { shopperRedemptions } from "~/services/shopper-redemptions.server";
import { apiError, authenticateShopper, LOGIN_REQUIRED } from "~/shopper-api/authenticate.server";
import { redeemRequest } from "~/shopper-api/redeem-request.server";

export async function loader({ request }: LoaderFunctionArgs) {
  const shopper = await authenticateShopper(request);
  if (!shopper.shopifyCustomerId) return LOGIN_REQUIRED();
  const shop = await installedShop(shopper.shop);
  if (!shop) return apiError(404, "SHOP_NOT_INSTALLED", "This shop does not run a Tally program.");
  return shopper.cors(
    json(await withSql(shopperRedemptions)(shop, shopper.shopifyCustomerId, new Date())),
  );
}

export async function action({ request }: ActionFunctionArgs) {
  const shopper = await authenticateShopper(request);
  if (request.method !== "POST") return apiError(405, "METHOD_NOT_ALLOWED", "Use POST");
  if (!shopper.shopifyCustomerId) return LOGIN_REQUIRED();
  return redeemRequest(request, shopper.shop, shopper.shopifyCustomerId, shopper.cors);
}
