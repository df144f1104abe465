// POST /api/loyalty/leaderboard/membership {optIn: boolean} — a shopper joins or leaves the shop's
// leaderboard. Everyone starts off it.
import { json, type ActionFunctionArgs } from "@remix-run/node";
import { z } from "zod";
import { leaderboardEnabled, setLeaderboardMembership } from "~/services/leaderboard.server";
import { installedShop, withSql } from "~/services/process-handles.server";
import { readShopperJson } from "~/shopper-api/json-body.server";
import { apiError, authenticateShopper, LOGIN_REQUIRED } from "~/shopper-api/authenticate.server";

const body = z.object({ optIn: z.boolean() }).strict();

export async function action({ request }: ActionFunctionArgs) {
  const shopper = await authenticateShopper(request);
  if (request.method !== "POST") return apiError(405, "METHOD_NOT_ALLOWED", "Use POST");
  if (!shopper.shopifyCustomerId) return LOGIN_REQUIRED();
  const read = await readShopperJson(request);
  if ("refused" in read) return read.refused;
  const parsed = body.safeParse(read.body);
  if (!parsed.success)
    return apiError(422, "VALIDATION_FAILED", 'Send a JSON body like {"optIn": true}');
  const shop = await installedShop(shopper.shop);
  if (!shop) return apiError(404, "SHOP_NOT_INSTALLED", "This shop does not run a Tally program.");
  if (!(await withSql(leaderboardEnabled)(shop)))
    return apiError(404, "LEADERBOARD_DISABLED", "This shop has no leaderboard.");
  const optedIn = await withSql(setLeaderboardMembership)(
    shop.shop,
    shopper.shopifyCustomerId,
    parsed.data.optIn,
    new Date(),
  );
  if (optedIn === null)
    return apiError(409, "NOT_A_MEMBER", "Place an order to join the rewards program first.");
  return shopper.cors(json({ optedIn }));
}
