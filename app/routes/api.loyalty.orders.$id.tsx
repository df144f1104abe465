// GET /api/loyalty/orders/:id — what one of the shopper's own orders earned (the thank-you page).
// 404 ORDER_NOT_FOUND until Tally has the order, and for any order that is not the token's customer's
// in the token's shop: the two are indistinguishable on purpose.
import { json, type LoaderFunctionArgs } from "@remix-run/node";
import { env } from "~/config/env.server";
import { installedShop, withSql } from "~/services/process-handles.server";
import { shopperOrderPoints } from "~/services/shopper-order.server";
import { apiError, authenticateShopper, LOGIN_REQUIRED } from "~/shopper-api/authenticate.server";

/** A Shopify order id: the digits of gid://shopify/Order/… (64-bit, no leading zero). */
const ORDER_ID = /^[1-9]\d{0,18}$/;

export async function loader({ request, params }: LoaderFunctionArgs) {
  const shopper = await authenticateShopper(request);
  if (!shopper.shopifyCustomerId) return LOGIN_REQUIRED();
  const id = params.id ?? "";
  if (!ORDER_ID.test(id))
    return apiError(
      422,
      "VALIDATION_FAILED",
      "The order id must be the numeric Shopify order id, e.g. 5678901234 for gid://shopify/Order/5678901234.",
    );
  const shop = await installedShop(shopper.shop);
  if (!shop) return apiError(404, "SHOP_NOT_INSTALLED", "This shop does not run a Tally program.");
  const order = await withSql(shopperOrderPoints)(
    shop,
    shopper.shopifyCustomerId,
    id,
    new Date(),
    env.SHOPIFY_APP_URL,
  );
  if (!order) return apiError(404, "ORDER_NOT_FOUND", "No such order for this customer yet.");
  return shopper.cors(json(order));
}

// Preflight (OPTIONS) requests reach the action; authenticateShopper answers them.
export async function action({ request }: LoaderFunctionArgs) {
  await authenticateShopper(request);
  return apiError(405, "METHOD_NOT_ALLOWED", "Use GET");
}
