// GET /api/loyalty/leaderboard[?rank=1] — this month's top members (opt-in, masked names). The
// shopper's own rank is included only when asked for with rank=1 (design §1: never pushed).
import { json, type LoaderFunctionArgs } from "@remix-run/node";
import { leaderboard, leaderboardEnabled } from "~/services/leaderboard.server";
import { installedShop, withSql } from "~/services/process-handles.server";
import { apiError, authenticateShopper, LOGIN_REQUIRED } from "~/shopper-api/authenticate.server";

export async function loader({ request }: LoaderFunctionArgs) {
  const shopper = await authenticateShopper(request);
  if (!shopper.shopifyCustomerId) return LOGIN_REQUIRED();
  const rank = new URL(request.url).searchParams.get("rank");
  if (rank !== null && rank !== "1" && rank !== "0")
    return apiError(422, "VALIDATION_FAILED", "rank must be 1 or 0");
  const shop = await installedShop(shopper.shop);
  if (!shop) return apiError(404, "SHOP_NOT_INSTALLED", "This shop does not run a Tally program.");
  if (!(await withSql(leaderboardEnabled)(shop)))
    return apiError(404, "LEADERBOARD_DISABLED", "This shop has no leaderboard.");
  return shopper.cors(
    json(await withSql(leaderboard)(shop, shopper.shopifyCustomerId, rank === "1", new Date())),
  );
}

// Preflight (OPTIONS) requests reach the action; authenticateShopper answers them.
export async function action({ request }: LoaderFunctionArgs) {
  await authenticateShopper(request);
  return apiError(405, "METHOD_NOT_ALLOWED", "Use GET");
}
