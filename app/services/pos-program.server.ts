// The program as staff explain it at the register (GET /api/pos/program, decision 043): the POS home
// tile's summary (earn rate, today's redemptions) and its modal's rules (ways to earn, rewards and
// their costs, tiers, pending period, expiry). Read-only and shop-wide.
import type { PosProgram } from "../contracts/shopper-api";
import type { Sql } from "../db/sql.server";
import { waysToEarn } from "../loyalty/ways-to-earn";
import { localDayOf, startOfLocalDay } from "../loyalty/zoned-time";
import { redemptionsSince } from "../models/ledger.server";
import { programOfVersion, type ShopContext } from "../models/program.server";
import { enabledRewards } from "../models/reward.server";
import { currentTier } from "./tiers.server";

export async function posProgram(sql: Sql, shop: ShopContext, now: Date): Promise<PosProgram> {
  const program = await programOfVersion(sql, shop.programVersionId);
  const midnight = startOfLocalDay(localDayOf(now, shop.timeZone), shop.timeZone);
  const [rewards, today] = await Promise.all([
    enabledRewards(sql, shop.shop),
    redemptionsSince(sql, shop.shop, midnight),
  ]);
  const major = (minor: number) => minor / 10 ** program.currencyExponent;
  // What a customer who joins today would earn: the entry tier, no orders, not signed in yet.
  const newcomer = {
    tier: currentTier(program, null),
    orderCount: 0,
    lifetimeSpend: 0,
    signedIn: false,
    referralLink: null,
  };
  return {
    enabled: shop.programEnabled,
    name: program.name,
    currency: shop.currencyCode,
    waysToEarn: shop.programEnabled ? waysToEarn(program, newcomer, shop.currencyCode) : [],
    rewards: rewards.map((reward) => ({
      id: reward.id,
      title: reward.title,
      cost: reward.cost,
      tiers: reward.tierNames,
    })),
    tiers: program.tiers.map((tier) => ({
      name: tier.name,
      threshold: program.tierBasis === "amount_spent" ? major(tier.threshold) : tier.threshold,
      multiplier: tier.multiplier / 100,
    })),
    tierBasis: program.tierBasis,
    tierPeriod: program.tierPeriod,
    pendingDays: program.pendingDays,
    expiry: program.expiry.mode === "none" ? null : program.expiry,
    today,
  };
}
