// The "First login" bonus (program.accountActivation, decision 032): paid once when a member is
// first seen signed in, i.e. on their first authenticated shopper API call that names them (the
// Rewards page in their customer account, or points at checkout, which needs a signed-in buyer).
// Ledger key `activation:{customerId}`: a repeat or a concurrent request pays nothing more.
import type { SqlDatabase } from "../db/sql.server";
import { fixedBonus } from "../loyalty/earn";
import { hasLoggedIn, markFirstLogin } from "../models/member-dates.server";
import { programOfVersion, type ShopContext } from "../models/program.server";
import { creditPoints } from "./credit-points.server";

/** Records the sign-in; returns the bonus paid by this call (0 when none or already seen). */
export async function recordSignIn(
  db: SqlDatabase,
  shop: ShopContext,
  shopifyCustomerId: string,
  now: Date,
): Promise<number> {
  // Nearly every call is by a member seen before: one read, no write.
  if ((await hasLoggedIn(db, shop.shop, shopifyCustomerId)) !== false) return 0;
  return db.transaction(async (tx) => {
    const customerId = await markFirstLogin(tx, shop.shop, shopifyCustomerId, now);
    if (!customerId) return 0;
    const points = shop.programEnabled
      ? fixedBonus((await programOfVersion(tx, shop.programVersionId)).accountActivation)
      : 0;
    if (points === 0) return 0;
    const entry = await creditPoints(
      tx,
      shop,
      {
        shop: shop.shop,
        customerId,
        kind: "earn",
        points,
        idempotencyKey: `activation:${customerId}`,
        reason: "First login bonus",
        snapshot: { rule: "account_activation", points, programVersionId: shop.programVersionId },
      },
      "first login",
      now,
    );
    if (entry.status !== "applied") return 0;
    return points;
  });
}
