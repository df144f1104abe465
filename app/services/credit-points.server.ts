// A credit outside an order (a birthday, a first login, a referral, a Flow award): the ledger entry
// and everything any credit sets off, so no earn action forgets one of them.
import type { Sql } from "../db/sql.server";
import { appendLedgerEntry, type AppendResult, type NewLedgerEntry } from "../models/ledger.server";
import { markMetafieldsDirty } from "../models/outbox.server";
import { programOfVersion, type ShopContext } from "../models/program.server";
import { enqueuePointsEarnedTrigger, type PointsEarnedSource } from "./flow-triggers.server";
import { upgradeTierIfEarned } from "./tiers.server";

interface MemberTier {
  id: string;
  shop: string;
  tierName: string | null;
  tierOverride: string | null;
}

/**
 * Appends `entry` (positive points) and, only when it applied: marks the member's metafields for
 * the next push, moves them up a tier the points reach (design §1: upgrades apply at once, not at
 * the next re-evaluation) and fires Flow's "points earned" with `source`.
 */
export async function creditPoints(
  sql: Sql,
  shop: ShopContext,
  entry: NewLedgerEntry & { reason: string },
  source: PointsEarnedSource,
  now: Date,
): Promise<AppendResult> {
  const result = await appendLedgerEntry(sql, entry, now);
  if (result.status !== "applied") return result;
  await markMetafieldsDirty(sql, shop.shop, entry.customerId, now);
  const [member] = await sql.rows<MemberTier>(
    `SELECT id, shop, "tierName", "tierOverride" FROM "Customer" WHERE id = ? AND shop = ?`,
    [entry.customerId, shop.shop],
  );
  if (member)
    await upgradeTierIfEarned(
      sql,
      await programOfVersion(sql, shop.programVersionId),
      member,
      shop.timeZone,
      now,
      { shop, source },
    );
  await enqueuePointsEarnedTrigger(
    sql,
    shop,
    {
      customerId: entry.customerId,
      ledgerKey: entry.idempotencyKey,
      points: entry.points,
      reason: entry.reason,
      source,
    },
    now,
  );
  return result;
}
