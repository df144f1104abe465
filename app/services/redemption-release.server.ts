// Gives a redemption's points back with a new ledger entry, exactly once: the status transition is
// conditional, so of two concurrent releases (a sweep on two instances, a retry) only one applies.
// A code is worth its points once (design §7, decision 027): points come back for a code only after
// Shopify has deactivated it and counts no use of it; a code that lands on an order after all (its
// use was not counted yet) has its points taken back by the order's webhook (redemption-usage).
import type { Sql, SqlDatabase } from "../db/sql.server";
import { log } from "../logger.server";
import { appendLedgerEntry } from "../models/ledger.server";
import { lockMembers } from "../models/member-lock.server";
import { markMetafieldsDirty } from "../models/outbox.server";
import {
  expiredIssued,
  redemptionById,
  transition,
  type RedemptionRecord,
  type RedemptionStatus,
} from "../models/redemption.server";
import type { AdminGraphqlClient } from "../shopify/admin-client.server";
import { deactivateRewardCode } from "../shopify/reward-codes.server";

type ReleasedStatus = Extract<RedemptionStatus, "released" | "failed" | "expired" | "refunded">;

/**
 * The ledger key of a release: points come back at most once for an unused code, and once more
 * only for the order that used it being cancelled (after a take-back, decision 027).
 */
const releaseKey = (redemptionId: string, to: ReleasedStatus) =>
  to === "refunded" ? `redemption:${redemptionId}:refund` : `redemption:${redemptionId}:release`;

/** Inside an open transaction (the order webhook path). */
export async function releaseWithin(
  sql: Sql,
  shop: string,
  redemptionId: string,
  from: RedemptionStatus[],
  to: ReleasedStatus,
  now: Date,
  failure?: string,
): Promise<boolean> {
  const redemption = await redemptionById(sql, shop, redemptionId);
  if (!redemption) return false;
  // The member first, then the redemption: the order of an order webhook carrying the code (its
  // customer, then the redemption it marks used), so the two never deadlock on PostgreSQL.
  await lockMembers(sql, [redemption.customerId]);
  if (!(await transition(sql, redemptionId, from, to, now, failure ? { failure } : {})))
    return false;
  await appendLedgerEntry(
    sql,
    {
      shop,
      customerId: redemption.customerId,
      kind: "release",
      points: redemption.points,
      idempotencyKey: releaseKey(redemptionId, to),
      reason: `${to} redemption`,
    },
    now,
  );
  await markMetafieldsDirty(sql, shop, redemption.customerId, now);
  return true;
}

export function releaseRedemption(
  db: SqlDatabase,
  shop: string,
  redemptionId: string,
  from: RedemptionStatus[],
  to: ReleasedStatus,
  now: Date,
  failure?: string,
): Promise<boolean> {
  return db.transaction((sql) => releaseWithin(sql, shop, redemptionId, from, to, now, failure));
}

export type UnusedCodeOutcome = "released" | "used" | "already_settled";

/**
 * Deactivates the redemption's code in Shopify, then gives its points back only if Shopify counts
 * no use of it; a used code moves to `used` and its points stay spent. Throws when Shopify cannot
 * be asked (the redemption is left as it was, for a retry or the next sweep).
 */
export async function releaseIfUnused(
  db: SqlDatabase,
  admin: AdminGraphqlClient,
  redemption: RedemptionRecord,
  discountId: string | null,
  from: RedemptionStatus[],
  to: ReleasedStatus,
  now: Date,
  failure?: string,
): Promise<UnusedCodeOutcome> {
  const usageCount = discountId ? (await deactivateRewardCode(admin, discountId)).usageCount : 0;
  if (usageCount > 0) {
    log.warn("reward code used in Shopify; its points stay spent", {
      shop: redemption.shop,
      redemptionId: redemption.id,
      usageCount,
    });
    return (await transition(db, redemption.id, from, "used", now)) ? "used" : "already_settled";
  }
  return (await releaseRedemption(db, redemption.shop, redemption.id, from, to, now, failure))
    ? "released"
    : "already_settled";
}

export interface ExpirySweepResult {
  released: number;
  /** Codes Shopify counts as used although no order with them has reached Tally yet. */
  used: number;
  /** Left for the next sweep: Shopify unreachable, or the shop has no session. */
  deferred: number;
}

/**
 * Codes that ended unused give their points back, once Shopify confirms they are deactivated and
 * unused. Safe to run on every instance at once.
 */
export async function sweepExpiredRedemptions(
  db: SqlDatabase,
  adminFor: (shop: string) => Promise<AdminGraphqlClient | null>,
  now: Date,
  limit = 500,
): Promise<ExpirySweepResult> {
  const result: ExpirySweepResult = { released: 0, used: 0, deferred: 0 };
  for (const redemption of await expiredIssued(db, now, limit)) {
    try {
      const admin = await adminFor(redemption.shop);
      if (!admin) {
        result.deferred++;
        continue;
      }
      const outcome = await releaseIfUnused(
        db,
        admin,
        redemption,
        redemption.discountId,
        ["issued"],
        "expired",
        now,
      );
      if (outcome === "released") result.released++;
      if (outcome === "used") result.used++;
    } catch (error) {
      result.deferred++;
      log.warn("expired reward code not settled yet", {
        shop: redemption.shop,
        redemptionId: redemption.id,
        error: String(error),
      });
    }
  }
  return result;
}
