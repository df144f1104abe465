// Tier moves of a member: a conditional update of the Customer row plus its TierChange record, so
// two writers deciding the same move (two job runners, a job and a webhook) apply it once.
import { randomUUID } from "node:crypto";
import type { Sql } from "../db/sql.server";
import { markMetafieldsDirty } from "./outbox.server";

export interface TierMove {
  shop: string;
  customerId: string;
  /** The stored tier the decision was made from (null = never assigned). */
  from: string | null;
  /** The tier the member effectively held, as recorded (a null `from` is the entry tier). */
  fromLabel?: string;
  to: string;
  reason: string;
  /** Set (or clear) the staff override in the same write. */
  override?: { tierName: string | null };
  /** Only move members without a staff override (upgrades and re-evaluation). */
  unlessOverridden?: boolean;
}

/** Applies the move if the member still holds `from`; returns whether it did. */
export async function moveTier(sql: Sql, move: TierMove, now: Date): Promise<boolean> {
  const setOverride = move.override ? `, "tierOverride" = ?` : "";
  const changed = await sql.run(
    `UPDATE "Customer" SET "tierName" = ?, "tierSince" = ?, "tierAtRiskSince" = NULL, "updatedAt" = ?${setOverride}
     WHERE id = ? AND shop = ? AND COALESCE("tierName", '') = ?${move.unlessOverridden ? ` AND "tierOverride" IS NULL` : ""}`,
    [move.to, now, now, ...(move.override ? [move.override.tierName] : []), move.customerId, move.shop, move.from ?? ""],
  );
  if (changed === 0) return false;
  await sql.run(`INSERT INTO "TierChange" (id, shop, "customerId", "fromTier", "toTier", reason, "createdAt") VALUES (?, ?, ?, ?, ?, ?, ?)`, [
    randomUUID(), move.shop, move.customerId, move.fromLabel ?? move.from, move.to, move.reason, now,
  ]);
  // The tier is mirrored to the customer's metafield and tag by the outbox worker.
  await markMetafieldsDirty(sql, move.shop, move.customerId, now);
  return true;
}
