// Reward codes seen on orders (design §3, §7; decision 027). A code seen on any order, in any
// financial status, is used. If its points had already come back (released by the shopper, expired,
// or voided — Shopify had not counted the use yet), they are taken back with an entry that says why.
// Cancelling the order that used a code gives its points back. Runs inside the order's webhook
// transaction, so the end state does not depend on which of release and order came first.
import type { Sql } from "../db/sql.server";
import { log } from "../logger.server";
import { appendLedgerEntry } from "../models/ledger.server";
import { markMetafieldsDirty } from "../models/outbox.server";
import {
  redemptionsWithCodes,
  transition,
  usedByOrder,
  type RedemptionRecord,
  type RedemptionStatus,
} from "../models/redemption.server";
import { releaseWithin } from "./redemption-release.server";

/** Statuses whose points were given back: a use found now takes them back. */
const RETURNED: RedemptionStatus[] = ["released", "expired", "failed"];
/** Statuses whose points are still held and whose code may exist. */
const HELD: RedemptionStatus[] = ["reserved", "voiding", "issued"];

export interface OrderSeen {
  shopifyOrderId: string;
  name: string | null;
  cancelled: boolean;
}

const TAKEN_BACK = "Points taken back because the released reward code";

/** The reason of a take-back, in plain words (the member page and the shopper's history show it). */
export function takenBackReason(code: string, orderName: string): string {
  return `${TAKEN_BACK} ${code} was used on order ${orderName}`;
}

export const isTakenBackReason = (reason: string | null) => reason?.startsWith(TAKEN_BACK) ?? false;

export async function recordRewardCodeUsage(
  sql: Sql,
  shop: string,
  order: OrderSeen,
  codes: string[],
  now: Date,
): Promise<void> {
  // Tally's codes are upper case; Shopify matches codes whatever their case.
  const seen = [...new Set(codes.map((code) => code.toUpperCase()))];
  for (const redemption of await redemptionsWithCodes(sql, shop, seen)) {
    await markUsed(sql, shop, redemption, order, now);
  }
  if (order.cancelled) {
    for (const redemption of await usedByOrder(sql, shop, order.shopifyOrderId)) {
      await releaseWithin(sql, shop, redemption.id, ["used"], "refunded", now);
    }
  }
}

async function markUsed(
  sql: Sql,
  shop: string,
  redemption: RedemptionRecord,
  order: OrderSeen,
  now: Date,
): Promise<void> {
  const usedBy = { usedByOrderId: order.shopifyOrderId };
  if (HELD.includes(redemption.status)) {
    await transition(sql, redemption.id, HELD, "used", now, usedBy);
    return;
  }
  if (redemption.status === "used") {
    // Marked used from Shopify's usage count before its order arrived: name the order now, so a
    // cancellation of it gives the points back.
    if (redemption.usedByOrderId === null)
      await transition(sql, redemption.id, ["used"], "used", now, usedBy);
    return;
  }
  if (!RETURNED.includes(redemption.status) || !redemption.code) return;
  if (!(await transition(sql, redemption.id, [redemption.status], "used", now, usedBy))) return;
  const orderName = order.name ?? `#${order.shopifyOrderId}`;
  log.warn("a released reward code was used; its points are taken back", {
    shop,
    redemptionId: redemption.id,
    shopifyOrderId: order.shopifyOrderId,
  });
  await appendLedgerEntry(
    sql,
    {
      shop,
      customerId: redemption.customerId,
      // A spend again (not a reversal of earned points): lifetime earned points are unchanged.
      kind: "redeem",
      points: -redemption.points,
      idempotencyKey: `redemption:${redemption.id}:taken-back`,
      correctsId: await releaseEntryId(sql, shop, redemption.id),
      reason: takenBackReason(redemption.code, orderName),
    },
    now,
  );
  await markMetafieldsDirty(sql, shop, redemption.customerId, now);
}

/** The release entry the take-back corrects (append-only: linked, never changed). */
async function releaseEntryId(sql: Sql, shop: string, redemptionId: string) {
  const [row] = await sql.rows<{ id: string }>(
    `SELECT id FROM "LedgerEntry" WHERE shop = ? AND "idempotencyKey" = ?`,
    [shop, `redemption:${redemptionId}:release`],
  );
  return row?.id ?? null;
}
