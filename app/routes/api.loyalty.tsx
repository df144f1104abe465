// GET /api/loyalty — the shopper's balance, tier progress, rewards and history (design §4).
import { json, type LoaderFunctionArgs } from "@remix-run/node";
import { getSql } from "~/db.server";
import { shopContext } from "~/models/program.server";
import { shopperLoyalty } from "~/services/shopper-loyalty.server";
import { apiError, authenticateShopper, LOGIN_REQUIRED } from "~/shopper-api/authenticate.server";

export async function loader({ request }: LoaderFunctionArgs) {
  const shopper = await authenticateShopper(request);
  if (!shopper.shopifyCustomerId) return LOGIN_REQUIRED();
  const shop = await shopContext(getSql(), shopper.shop);
  if (!shop) return apiError(404, "SHOP_NOT_INSTALLED", "This shop does not run a Tally program.");
  return shopper.cors(
    json(await shopperLoyalty(getSql(), shop, shopper.shopifyCustomerId, new Date())),
  );
}

// Preflight (OPTIONS) requests reach the action; authenticateShopper answers them.
export async function action({ request }: LoaderFunctionArgs) {
  await authenticateShopper(request);
  return apiError(405, "METHOD_NOT_ALLOWED", "Use GET");
}
