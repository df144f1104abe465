// GET /api/loyalty — the shopper's balance, tier progress, rewards and history (design §4).
import { json, type LoaderFunctionArgs } from "@remix-run/node";
import { env } from "~/config/env.server";
import { withSql } from "~/services/process-handles.server";
import { signedInShopperLoyalty } from "~/services/shopper-loyalty.server";
import { apiError, authenticateShopper, LOGIN_REQUIRED } from "~/shopper-api/authenticate.server";

export async function loader({ request }: LoaderFunctionArgs) {
  const shopper = await authenticateShopper(request);
  if (!shopper.shopifyCustomerId) return LOGIN_REQUIRED();
  // The member's first signed-in call pays the "First login" bonus (decision 032).
  const loyalty = await withSql(signedInShopperLoyalty)(
    shopper.shop,
    shopper.shopifyCustomerId,
    new Date(),
    env.SHOPIFY_APP_URL,
  );
  if (!loyalty)
    return apiError(404, "SHOP_NOT_INSTALLED", "This shop does not run a Tally program.");
  // The shopper's own figures, which every write changes: never stored by a browser or a proxy
  // (an ETag would save bytes only: the answer must be read to be compared).
  return shopper.cors(json(loyalty, { headers: { "Cache-Control": "private, no-store" } }));
}

// Preflight (OPTIONS) requests reach the action; authenticateShopper answers them.
export async function action({ request }: LoaderFunctionArgs) {
  await authenticateShopper(request);
  return apiError(405, "METHOD_NOT_ALLOWED", "Use GET");
}
