// What a reward gives back for the points it costs, in words a merchant can check against the
// earn rate ("1 point ≈ 0.01 USD; this reward returns 5% of spend"), the cap on what one reward
// may be worth, and when a value looks like a typo (decision 034). Pure: numbers in, numbers out.
import type { Minor, PurchaseRule } from "./types";

/**
 * The most one amount-off or store-credit reward may be worth, in major units of the shop's
 * currency. Shopify documents no maximum for a fixed-amount discount (DiscountAmountInput.amount is
 * a Decimal), so this is Tally's own bound: far above any real loyalty reward, far below an amount
 * that turns the liability on Home into nonsense.
 */
export const MAX_REWARD_AMOUNT_MAJOR = 100_000;

/** A reward returning more than this share of the spend that earned its points is flagged. */
export const GENEROUS_RETURN_PERCENT = 20;
/** … and less than this share: the points are worth next to nothing. */
export const STINGY_RETURN_PERCENT = 0.1;

export function maxRewardAmount(currencyExponent: number): Minor {
  return MAX_REWARD_AMOUNT_MAJOR * 10 ** currencyExponent;
}

export interface RewardValue {
  /** What one point of this reward is worth, minor units (may be a fraction). */
  minorPerPoint: number;
  /** Share of the spend that earns the reward's points which the reward gives back; null without an earn rate. */
  returnPercent: number | null;
  outlier: "generous" | "stingy" | null;
}

/** Only rewards worth an amount of money (amount off, store credit) have a value per point. */
export function rewardValue(
  reward: { kind: string; cost: unknown; value: unknown },
  purchase: Pick<PurchaseRule, "enabled" | "pointsPerUnit" | "spendUnit">,
  currencyExponent: number,
): RewardValue | null {
  if (reward.kind !== "fixed_amount" && reward.kind !== "store_credit") return null;
  const { cost, value } = reward;
  if (typeof cost !== "number" || typeof value !== "number" || cost <= 0 || value <= 0) return null;
  const minorPerPoint = value / cost;
  const earns = purchase.enabled && purchase.pointsPerUnit > 0 && purchase.spendUnit > 0;
  // Spend (minor units) that earns `cost` points: cost / pointsPerUnit spend units.
  const spend = earns
    ? (cost / purchase.pointsPerUnit) * purchase.spendUnit * 10 ** currencyExponent
    : null;
  const returnPercent = spend === null ? null : (value / spend) * 100;
  const outlier =
    returnPercent === null
      ? null
      : returnPercent > GENEROUS_RETURN_PERCENT
        ? "generous"
        : returnPercent < STINGY_RETURN_PERCENT
          ? "stingy"
          : null;
  return { minorPerPoint, returnPercent, outlier };
}

/**
 * "0.01", "0.0125", "12" ("0,01" in Polish): a per-point value in major units, at most 2 decimals
 * beyond the currency's, written as the admin's locale writes numbers.
 */
export function formatPerPoint(
  minorPerPoint: number,
  currencyExponent: number,
  locale = "en",
): string {
  const major = minorPerPoint / 10 ** currencyExponent;
  const digits = Math.max(currencyExponent, major >= 1 ? currencyExponent : currencyExponent + 2);
  return major.toLocaleString(locale, {
    minimumFractionDigits: Math.min(currencyExponent, digits),
    maximumFractionDigits: digits,
  });
}
