// Gives a redemption's points back with a new ledger entry, exactly once: the status transition is
// conditional, so of two concurrent releases (a sweep on two instances, a retry) only one applies.
import type { Sql, SqlDatabase } from "../db/sql.server";
import { appendLedgerEntry } from "../models/ledger.server";
import { markMetafieldsDirty } from "../models/outbox.server";
import {
  expiredIssued,
  redemptionById,
  transition,
  type RedemptionStatus,
} from "../models/redemption.server";

type ReleasedStatus = Extract<RedemptionStatus, "released" | "failed" | "expired" | "refunded">;

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
  if (
    !redemption ||
    !(await transition(sql, redemptionId, from, to, now, failure ? { failure } : {}))
  )
    return false;
  await appendLedgerEntry(
    sql,
    {
      shop,
      customerId: redemption.customerId,
      kind: "release",
      points: redemption.points,
      idempotencyKey: `redemption:${redemptionId}:release`,
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

/** Codes that ended unused give their points back. Safe to run on every instance at once. */
export async function sweepExpiredRedemptions(
  db: SqlDatabase,
  now: Date,
  limit = 500,
): Promise<number> {
  let released = 0;
  for (const redemption of await expiredIssued(db, now, limit)) {
    if (await releaseRedemption(db, redemption.shop, redemption.id, ["issued"], "expired", now))
      released++;
  }
  return released;
}
