// A member's balance and tier progress, computed in one place for the metafields, the shopper API
// and the admin ("320 points to Gold").
import type { Sql } from "../db/sql.server";
import { progressFromHeldTier } from "../loyalty/tiers";
import type { Program, Tier } from "../loyalty/types";
import { currentTier, tierBasisValue } from "./tiers.server";

export interface LoyaltyStatus {
  balance: number;
  pending: number;
  tier: Tier;
  nextTier: { name: string; threshold: number; remaining: number } | null;
}

export async function loyaltyStatus(
  sql: Sql,
  program: Program,
  customer: { id: string; tierName: string | null; balance: number; pending: number },
  timeZone: string,
  now: Date,
): Promise<LoyaltyStatus> {
  return statusAtValue(
    program,
    customer,
    await tierBasisValue(sql, program, customer.id, timeZone, now),
  );
}

/** The status of a member whose tier value (tierBasisValue) is known. */
export function statusAtValue(
  program: Program,
  customer: { tierName: string | null; balance: number; pending: number },
  value: number,
): LoyaltyStatus {
  const held = currentTier(program, customer.tierName);
  const progress = progressFromHeldTier(program.tiers, held, value);
  return {
    balance: customer.balance,
    pending: customer.pending,
    tier: progress.tier,
    nextTier: progress.nextTier,
  };
}
