// Reward codes seen on orders: a paid order marks its codes used; cancelling that order gives the
// points back (design §3). Runs inside the order's webhook transaction.
import type { Sql } from "../db/sql.server";
import { issuedCodesIn, transition, usedByOrder } from "../models/redemption.server";
import { releaseWithin } from "./redemption-release.server";

export async function recordRewardCodeUsage(
  sql: Sql,
  shop: string,
  shopifyOrderId: string,
  codes: string[],
  paid: boolean,
  cancelled: boolean,
  now: Date,
): Promise<void> {
  if (paid && !cancelled && codes.length) {
    for (const redemption of await issuedCodesIn(sql, shop, codes)) {
      await transition(sql, redemption.id, ["issued"], "used", now, {
        usedByOrderId: shopifyOrderId,
      });
    }
  }
  if (cancelled) {
    for (const redemption of await usedByOrder(sql, shop, shopifyOrderId)) {
      await releaseWithin(sql, shop, redemption.id, ["used"], "refunded", now);
    }
  }
}
