// Tier progress from the ledger and orders; the thresholds and maths live in app/loyalty/tiers.
import { randomUUID } from "node:crypto";
import { decode, type Sql } from "../db/sql.server";
import { tierFor, tierWindowStart } from "../loyalty/tiers";
import type { Program, Tier } from "../loyalty/types";
import { pointsEarnedSince } from "../models/ledger.server";

export function currentTier(program: Program, tierName: string | null): Tier {
  return program.tiers.find((tier) => tier.name === tierName) ?? program.tiers[0];
}

/** The number the program's tiers are measured on, over the program's tier period. */
export async function tierBasisValue(sql: Sql, program: Program, customerId: string, timeZone: string, now: Date): Promise<number> {
  const since = tierWindowStart(program.tierPeriod, now, timeZone) ?? new Date(0);
  if (program.tierBasis === "amount_spent") {
    const [row] = await sql.rows(`SELECT COALESCE(SUM(subtotal), 0) AS total FROM "Order" WHERE "customerId" = ? AND paid = TRUE AND cancelled = FALSE AND "placedAt" >= ?`, [customerId, since]);
    return decode.int(row.total);
  }
  return pointsEarnedSince(sql, customerId, since);
}

/** Upgrades apply at once (design §1); downgrades wait for the periodic re-evaluation. */
export async function upgradeTierIfEarned(
  sql: Sql,
  program: Program,
  customer: { id: string; shop: string; tierName: string | null },
  timeZone: string,
  now: Date,
): Promise<string | null> {
  const current = currentTier(program, customer.tierName);
  const earned = tierFor(program.tiers, await tierBasisValue(sql, program, customer.id, timeZone, now));
  if (earned.threshold <= current.threshold) return null;
  await sql.run(`UPDATE "Customer" SET "tierName" = ?, "tierSince" = ?, "updatedAt" = ? WHERE id = ?`, [earned.name, now, now, customer.id]);
  await sql.run(`INSERT INTO "TierChange" (id, shop, "customerId", "fromTier", "toTier", reason, "createdAt") VALUES (?, ?, ?, ?, ?, ?, ?)`, [
    randomUUID(), customer.shop, customer.id, customer.tierName ?? current.name, earned.name, `reached ${earned.threshold} (${program.tierBasis}, ${program.tierPeriod})`, now,
  ]);
  return earned.name;
}
