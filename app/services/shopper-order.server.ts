// What one of the shopper's own orders earned (GET /api/loyalty/orders/:id), for the thank-you page:
// it renders an estimate at once and switches to this figure once the order's webhook has been
// applied. Read from the Order row Tally keeps (pointsCredited is the order's current worth, after
// refunds) and the order's ledger entries still held by the pending period; with the member's
// referral link while the shop runs referrals.
import type { ShopperOrderPoints } from "../contracts/shopper-api";
import { decode, type Sql } from "../db/sql.server";
import { programOfVersion, type ShopContext } from "../models/program.server";
import { loyaltyStatus } from "./loyalty-status.server";
import { shopperReferral } from "./shopper-loyalty.server";

/** Null when the shop has no such order or it is not this customer's (the route answers 404 either way). */
export async function shopperOrderPoints(
  sql: Sql,
  shop: ShopContext,
  shopifyCustomerId: string,
  shopifyOrderId: string,
  now: Date,
  /** The app's public URL: the referral link points at its landing route. */
  appUrl: string,
): Promise<ShopperOrderPoints | null> {
  const [row] = await sql.rows(
    `SELECT o.id, o.paid, o.cancelled, o."pointsCredited", c.id AS "customerId", c."tierName", c.balance, c.pending
     FROM "Order" o JOIN "Customer" c ON c.id = o."customerId"
     WHERE o.shop = ? AND o."shopifyOrderId" = ? AND c.shop = ? AND c."shopifyCustomerId" = ?`,
    [shop.shop, shopifyOrderId, shop.shop, shopifyCustomerId],
  );
  if (!row) return null;
  const points = decode.int(row.pointsCredited);
  // An entry written while its availableAt was ahead sits in the customer's `pending` figure until the
  // maturation job records it (app/services/pending-maturation.server.ts).
  const held = await sql.rows(
    `SELECT e."availableAt" FROM "LedgerEntry" e
     WHERE e."orderId" = ? AND e."availableAt" IS NOT NULL AND e."availableAt" > e."createdAt"
       AND NOT EXISTS (SELECT 1 FROM "PendingMaturation" m WHERE m."entryId" = e.id)`,
    [row.id],
  );
  const availableAt = held.length
    ? new Date(Math.max(...held.map((entry) => decode.date(entry.availableAt).getTime())))
    : null;

  let status: ShopperOrderPoints["status"];
  if (decode.bool(row.cancelled)) status = "cancelled";
  else if (!decode.bool(row.paid)) status = "not_paid";
  else if (points <= 0) status = "none";
  else status = availableAt ? "pending" : "credited";

  const program = await programOfVersion(sql, shop.programVersionId);
  const figures = await loyaltyStatus(
    sql,
    program,
    {
      id: String(row.customerId),
      tierName: (row.tierName as string | null) ?? null,
      balance: decode.int(row.balance),
      pending: decode.int(row.pending),
    },
    shop.timeZone,
    now,
  );
  return {
    orderId: shopifyOrderId,
    status,
    points: status === "credited" || status === "pending" ? points : 0,
    availableAt: status === "pending" && availableAt ? availableAt.toISOString() : null,
    member: {
      balance: figures.balance,
      pending: figures.pending,
      tier: figures.tier.name,
      nextTier: figures.nextTier?.name ?? null,
      pointsToNextTier: figures.nextTier?.remaining ?? null,
    },
    // The thank-you page is where a happy buyer is likeliest to share their link (issue 21).
    referral:
      shop.programEnabled && program.referrals.enabled
        ? await shopperReferral(sql, shop, program.referrals, String(row.customerId), appUrl)
        : null,
  };
}
