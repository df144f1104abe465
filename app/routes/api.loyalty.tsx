// GET /api/loyalty — the shopper's balance, tier progress, rewards and history (design §4).
import { json, type LoaderFunctionArgs } from "@remix-run/node";
import { env } from "~/config/env.server";
import { installedShop, withSql } from "~/services/process-handles.server";
import { signedInShopperLoyalty } from "~/services/shopper-loyalty.server";
import { apiError, authenticateShopper, LOGIN_REQUIRED } from "~/shopper-api/authenticate.server";

export async function loader({ request }: LoaderFunctionArgs) {
  const shopper = await authenticateShopper(request);
  if (!shopper.shopifyCustomerId) return LOGIN_REQUIRED();
  const shop = await installedShop(shopper.shop);
  if (!shop) return apiError(404, "SHOP_NOT_INSTALLED", "This shop does not run a Tally program.");
  // The member's first signed-in call pays the "First login" bonus (decision 032).
  const loyalty = await withSql(signedInShopperLoyalty)(
    shop,
    shopper.shopifyCustomerId,
    new Date(),
    env.SHOPIFY_APP_URL,
  );
  return shopper.cors(json(loyalty));
}

// Preflight (OPTIONS) requests reach the action; authenticateShopper answers them.
export async function action({ request }: LoaderFunctionArgs) {
  await authenticateShopper(request);
  return apiError(405, "METHOD_NOT_ALLOWED", "Use GET");
}
