// A shopper gives back an issued reward code (the checkout could not apply it): the code is
// deactivated in Shopify first, and only then are the points released.
import type { SqlDatabase } from "../db/sql.server";
import { memberById } from "../models/customer.server";
import { redemptionById } from "../models/redemption.server";
import type { AdminGraphqlClient } from "../shopify/admin-client.server";
import { deactivateRewardCode } from "../shopify/reward-codes.server";
import { releaseRedemption } from "./redemption-release.server";

/** `admin` is asked for only once the redemption is known to be the shopper's (a shop without an
 * offline session has none to give). */
export async function cancelIssuedRedemption(
  db: SqlDatabase,
  admin: () => Promise<AdminGraphqlClient>,
  shop: string,
  shopifyCustomerId: string,
  redemptionId: string,
  now: Date,
): Promise<{ balance: number } | "not_found" | "not_releasable" | "shopify_unavailable"> {
  const redemption = await redemptionById(db, shop, redemptionId);
  const owner = redemption ? await memberById(db, redemption.customerId) : null;
  // Another customer's redemption is reported as missing, not as forbidden: ids reveal nothing.
  if (!redemption || owner?.shopifyCustomerId !== shopifyCustomerId) return "not_found";
  if (redemption.status !== "issued" || !redemption.discountId) return "not_releasable";
  try {
    await deactivateRewardCode(await admin(), redemption.discountId);
  } catch {
    return "shopify_unavailable";
  }
  if (!(await releaseRedemption(db, shop, redemption.id, ["issued"], "released", now)))
    return "not_releasable";
  return { balance: (await memberById(db, redemption.customerId)).balance };
}
