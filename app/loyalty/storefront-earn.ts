// What the storefront's product block needs beyond the earn rate (decision 043): each product's
// multiplier, so "Earn N points" is the figure the order will get, and whether the figure is exact.
// Published in the shop's `$app:loyalty.program`: a thousand products (the rule's limit) take about
// 20 KB, well inside Shopify's 128 KB for a json metafield, and Liquid reads it with no request.
import type { ShopperFriendDiscount } from "../contracts/shopper-api";
import type { Percent, Program, PurchaseRule } from "./types";
import { friendDiscountOf } from "./ways-to-earn";

/** The shop's `$app:loyalty.program` (json) that the theme extension's product block reads. */
export interface ProgramMetafieldValue {
  v: 1;
  /** Points per one major unit of `currency` at the entry tier; null when purchases earn nothing. */
  earn: { perUnit: number; currency: string } | null;
  /** Product id → multiplier in percent (200 = 2×), for products that do not earn 1×. */
  products?: Record<string, Percent>;
  /** True when price × rate × product multiplier is what the product earns alone ("Earn N"). */
  exact?: boolean;
  /**
   * What a referral gives (decision 042), for the storefront's pitch to guests; null while the shop
   * runs none. Absent from values published before referrals.
   */
  referral?: { advocatePoints: number; friendDiscount: ShopperFriendDiscount } | null;
}

/** Points per major unit of shop money at the entry tier, as `$app:loyalty.program` publishes it. */
export function entryEarnRate(program: Program, currency: string): ProgramMetafieldValue["earn"] {
  if (!program.purchase.enabled || program.purchase.pointsPerUnit <= 0) return null;
  const entry = [...program.tiers].sort((a, b) => a.threshold - b.threshold)[0];
  const multiplier = entry?.multiplier ?? 100;
  return {
    perUnit: (program.purchase.pointsPerUnit * multiplier) / 100 / program.purchase.spendUnit,
    currency,
  };
}

/** The whole value: the entry rate, product multipliers and whether "Earn N" is exact. */
export function programMetafieldValue(
  program: Program,
  currency: string,
  programEnabled: boolean,
): ProgramMetafieldValue {
  const earn = programEnabled ? entryEarnRate(program, currency) : null;
  const referral =
    programEnabled && program.referrals.enabled
      ? {
          advocatePoints: program.referrals.advocatePoints,
          friendDiscount: friendDiscountOf(program.referrals, program.currencyExponent, currency),
        }
      : null;
  if (!earn) return { v: 1, earn: null, referral };
  return {
    v: 1,
    earn,
    products: productMultiplierMap(program.purchase),
    exact: exactOnProductPage(program.purchase),
    referral,
  };
}

/** Product id → multiplier (percent) for the products that do not earn 1×. */
export function productMultiplierMap(rule: PurchaseRule): Record<string, Percent> {
  const map: Record<string, Percent> = {};
  for (const { productId, multiplier } of rule.productMultipliers)
    if (multiplier !== 100) map[productId] = multiplier;
  return map;
}

/**
 * Whether price × rate × product multiplier is what buying the product alone earns. Not while
 * campaigns, a minimum subtotal or collection multipliers are configured: the block cannot know
 * the order's date, its subtotal or a product's collections (orders do not carry them), so it
 * keeps saying "from".
 */
export function exactOnProductPage(rule: PurchaseRule): boolean {
  return (
    rule.campaigns.length === 0 &&
    rule.minimumSubtotal === null &&
    rule.collectionMultipliers.length === 0
  );
}
