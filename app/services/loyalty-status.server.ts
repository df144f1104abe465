// A member's balance and tier progress, computed in one place for the metafields, the shopper API
// and the admin ("320 points to Gold").
import type { Db, Tx } from "../db.server";
import { progressFromHeldTier } from "../loyalty/tiers";
import type { Program, Tier } from "../loyalty/types";
import type { CustomerRow } from "../models/customer.server";
import { currentTier, tierBasisValue } from "./tiers.server";

export interface LoyaltyStatus {
  balance: number;
  pending: number;
  tier: Tier;
  nextTier: { name: string; threshold: number; remaining: number } | null;
}

export async function loyaltyStatus(db: Db | Tx, program: Program, customer: CustomerRow, timeZone: string, now: Date): Promise<LoyaltyStatus> {
  const held = currentTier(program, customer.tierName);
  const value = await tierBasisValue(db as Tx, program, customer.id, timeZone, now);
  const progress = progressFromHeldTier(program.tiers, held, value);
  return { balance: customer.balance, pending: customer.pending, tier: progress.tier, nextTier: progress.nextTier };
}
