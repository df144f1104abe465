// A shopper gives back an issued reward code (the checkout could not apply it): the code is
// deactivated in Shopify first, and the points come back only if no order used it — neither one
// Tally has seen (in any financial status, which already made the redemption `used`) nor one
// Shopify has counted (design §7, decision 027).
import type { SqlDatabase } from "../db/sql.server";
import { memberById } from "../models/customer.server";
import { redemptionById } from "../models/redemption.server";
import type { AdminGraphqlClient } from "../shopify/admin-client.server";
import { releaseIfUnused } from "./redemption-release.server";

export type CancelIssuedOutcome =
  | { balance: number }
  | "not_found"
  /** Already given back (released, expired, refunded) or never issued. */
  | "not_releasable"
  /** An order used the code, or is using it: its points stay spent. */
  | "code_used"
  | "shopify_unavailable";

/** `admin` is asked for only once the redemption is known to be the shopper's (a shop without an
 * offline session has none to give). */
export async function cancelIssuedRedemption(
  db: SqlDatabase,
  admin: () => Promise<AdminGraphqlClient>,
  shop: string,
  shopifyCustomerId: string,
  redemptionId: string,
  now: Date,
): Promise<CancelIssuedOutcome> {
  const redemption = await redemptionById(db, shop, redemptionId);
  const owner = redemption ? await memberById(db, redemption.customerId) : null;
  // Another customer's redemption is reported as missing, not as forbidden: ids reveal nothing.
  if (!redemption || owner?.shopifyCustomerId !== shopifyCustomerId) return "not_found";
  if (redemption.status === "used") return "code_used";
  if (redemption.status !== "issued" || !redemption.discountId) return "not_releasable";
  let outcome;
  try {
    outcome = await releaseIfUnused(
      db,
      await admin(),
      redemption,
      redemption.discountId,
      ["issued"],
      "released",
      now,
    );
  } catch {
    return "shopify_unavailable";
  }
  if (outcome === "used") return "code_used";
  if (outcome === "already_settled") {
    // An order carrying the code may have been applied while Shopify was being asked.
    const settled = await redemptionById(db, shop, redemption.id);
    return settled?.status === "used" ? "code_used" : "not_releasable";
  }
  return { balance: (await memberById(db, redemption.customerId)).balance };
}
