// Tier moves of a member: a conditional update of the Customer row plus its TierChange record, so
// two writers deciding the same move (two job runners, a job and a webhook) apply it once.
import { randomUUID } from "node:crypto";
import type { Sql } from "../db/sql.server";
import { timeOrderedId } from "../db/time-ordered-id";
import { typed, valuesCte } from "../db/values-list";
import { markManyMetafieldsDirty, markMetafieldsDirty } from "./outbox.server";

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
  /** False when the caller has already marked the member's metafields dirty in this transaction. */
  markDirty?: boolean;
}

/** Applies the move if the member still holds `from`; returns the TierChange id if it did, else null. */
export async function moveTier(sql: Sql, move: TierMove, now: Date): Promise<string | null> {
  const setOverride = move.override ? `, "tierOverride" = ?` : "";
  const changed = await sql.run(
    `UPDATE "Customer" SET "tierName" = ?, "tierSince" = ?, "tierAtRiskSince" = NULL, "updatedAt" = ?${setOverride}
     WHERE id = ? AND shop = ? AND COALESCE("tierName", '') = ?${move.unlessOverridden ? ` AND "tierOverride" IS NULL` : ""}`,
    [
      move.to,
      now,
      now,
      ...(move.override ? [move.override.tierName] : []),
      move.customerId,
      move.shop,
      move.from ?? "",
    ],
  );
  if (changed === 0) return null;
  const id = randomUUID();
  await sql.run(
    `INSERT INTO "TierChange" (id, shop, "customerId", "fromTier", "toTier", reason, "createdAt") VALUES (?, ?, ?, ?, ?, ?, ?)`,
    [id, move.shop, move.customerId, move.fromLabel ?? move.from, move.to, move.reason, now],
  );
  // The tier is mirrored to the customer's metafield and tag by the outbox worker.
  if (move.markDirty !== false) await markMetafieldsDirty(sql, move.shop, move.customerId, now);
  return id;
}

/**
 * moveTier for a page of members in three statements whatever their number (re-evaluation): each move applies only if
 * the member still holds its `from` and has no override. Returns the ids that moved. The ids must
 * be members of `shop` (the caller read them by shop). The ids drive the join: a shop condition,
 * or a bare `= v."fromTier"` (SQLite indexes v on it), makes SQLite scan every member per page,
 * hence no shop condition and the `|| ''` that keeps fromTier a value, not a join key.
 * Returns the moved members' ids, each with the id of its TierChange row.
 */
export async function moveTiers(
  sql: Sql,
  shop: string,
  moves: readonly Omit<TierMove, "shop" | "override" | "unlessOverridden" | "markDirty">[],
  now: Date,
): Promise<Map<string, string>> {
  if (!moves.length) return new Map();
  const { cte, params } = valuesCte(
    sql.dialect,
    "v",
    { id: "text", fromTier: "text", toTier: "text" },
    moves.map((move) => [move.customerId, move.from ?? "", move.to]),
  );
  const moved = await sql.rows<{ id: string }>(
    `WITH ${cte} UPDATE "Customer" SET "tierName" = v."toTier", "tierSince" = ?, "tierAtRiskSince" = NULL, "updatedAt" = ?
     FROM v WHERE "Customer".id = v.id AND COALESCE("Customer"."tierName", '') = v."fromTier" || '' AND "Customer"."tierOverride" IS NULL
     RETURNING "Customer".id`,
    [...params, now, now],
  );
  const ids = new Set(moved.map((row) => String(row.id)));
  return recordTierMoves(
    sql,
    shop,
    moves.filter((move) => ids.has(move.customerId)),
    now,
  );
}

/**
 * The TierChange rows and metafield marks of moves already written to the members (moveTiers, or
 * members created in their tier by an import). Returns member id → TierChange id.
 */
export async function recordTierMoves(
  sql: Sql,
  shop: string,
  applied: readonly Omit<TierMove, "shop" | "override" | "unlessOverridden" | "markDirty">[],
  now: Date,
): Promise<Map<string, string>> {
  const changes = new Map(applied.map((move) => [move.customerId, timeOrderedId()]));
  if (!applied.length) return changes;
  const rows = valuesCte(
    sql.dialect,
    "v",
    { id: "text", customerId: "text", fromTier: "text", toTier: "text", reason: "text" },
    applied.map((move) => [
      changes.get(move.customerId),
      move.customerId,
      move.fromLabel ?? move.from,
      move.to,
      move.reason,
    ]),
  );
  await sql.run(
    `WITH ${rows.cte} INSERT INTO "TierChange" (id, shop, "customerId", "fromTier", "toTier", reason, "createdAt")
     SELECT v.id, ?, v."customerId", v."fromTier", v."toTier", v.reason, ${typed(sql.dialect, "timestamp")} FROM v`,
    [...rows.params, shop, now],
  );
  await markManyMetafieldsDirty(
    sql,
    shop,
    applied.map((move) => move.customerId),
    now,
  );
  return changes;
}
