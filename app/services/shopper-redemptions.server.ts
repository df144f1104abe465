// The shopper's own redemptions (GET /api/loyalty/redemptions) for the customer account page: a code
// claimed earlier stays visible after a reload, with what the shopper can still do with it.
import type { ShopperRedemption, ShopperRedemptions } from "../contracts/shopper-api";
import type { Sql } from "../db/sql.server";
import { memberIdFor } from "../models/customer.server";
import type { ShopContext } from "../models/program.server";
import { customerRedemptions, type RedemptionStatus } from "../models/redemption.server";

export const REDEMPTIONS_LISTED = 50;

/** What each stored status means to the shopper; reservations in flight (reserved, voiding,
 * unresolved) are not listed: they have no code to show yet. */
const SHOWN: Partial<Record<RedemptionStatus, ShopperRedemption["status"]>> = {
  issued: "active",
  used: "used",
  expired: "expired",
  released: "returned",
  failed: "returned",
  refunded: "returned",
};

export async function shopperRedemptions(
  sql: Sql,
  shop: ShopContext,
  shopifyCustomerId: string,
  now: Date,
): Promise<ShopperRedemptions> {
  const memberId = await memberIdFor(sql, shop.shop, shopifyCustomerId);
  if (!memberId) return { redemptions: [] };
  const rows = await customerRedemptions(
    sql,
    shop.shop,
    memberId,
    Object.keys(SHOWN) as RedemptionStatus[],
    REDEMPTIONS_LISTED,
  );
  return {
    redemptions: rows.map((row) => {
      let status = SHOWN[row.status]!;
      // The expiry sweep runs periodically: an issued code past its date is already unusable.
      if (status === "active" && row.expiresAt && row.expiresAt <= now) status = "expired";
      return {
        redemptionId: row.id,
        reward: row.rewardTitle,
        points: row.points,
        code: row.code,
        status,
        expiresAt: row.expiresAt?.toISOString() ?? null,
        createdAt: row.createdAt.toISOString(),
      };
    }),
  };
}
