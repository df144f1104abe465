// Points from the purchase rule. One exact integer product per order, divided once at the
// end and rounded down, so per-line or per-step rounding can never add or lose points.
import type { LineEarnValue } from "./earn-base";
import type { OrderLine, Percent, Points, PurchaseRule, Tier } from "./types";

const ONE_X: Percent = 100;

/**
 * A line gets the highest of its product's and its collections' multipliers; 100 if none apply.
 * `collectionId` names the collection whose multiplier it got (null: the product's, or none; the
 * product's wins a tie).
 */
export function lineMultiplier(
  line: OrderLine,
  rule: PurchaseRule,
): { multiplier: Percent; collectionId: string | null } {
  let best: { multiplier: Percent; collectionId: string | null } = {
    multiplier: ONE_X,
    collectionId: null,
  };
  let found = false;
  for (const m of rule.productMultipliers)
    if (m.productId === line.productId && (!found || m.multiplier > best.multiplier)) {
      best = { multiplier: m.multiplier, collectionId: null };
      found = true;
    }
  for (const m of rule.collectionMultipliers)
    if (line.collectionIds.includes(m.collectionId) && (!found || m.multiplier > best.multiplier)) {
      best = { multiplier: m.multiplier, collectionId: m.collectionId };
      found = true;
    }
  return best;
}

/** The campaign running at `at` (start inclusive, end exclusive); the highest wins on overlap. */
export function activeCampaign(
  rule: PurchaseRule,
  at: Date,
): { name: string; multiplier: Percent } | null {
  const t = at.getTime();
  let best: { name: string; multiplier: Percent } | null = null;
  for (const c of rule.campaigns) {
    const running = c.startsAt.getTime() <= t && t < c.endsAt.getTime();
    if (running && (best === null || c.multiplier > best.multiplier)) {
      best = { name: c.name, multiplier: c.multiplier };
    }
  }
  return best;
}

export interface PurchasePoints {
  points: Points;
  /** Σ line value × line multiplier / 100, rounded down: the base "after multipliers", for display. */
  multipliedBase: number;
  campaign: { name: string; multiplier: Percent } | null;
  /** "lineId×200" for each line whose multiplier is not 1x, for the explanation. */
  lineMultipliers: string[];
  /** "collectionId×200" for each collection whose multiplier some line got. */
  collectionMultipliers: string[];
}

/**
 * floor(Σ(value × lineMultiplier) × pointsPerUnit × campaign × tier / (100³ × 10^exponent × spendUnit)).
 * BigInt because the product of five factors easily passes 2^53.
 */
export function purchasePoints(
  lines: LineEarnValue[],
  rule: PurchaseRule,
  tier: Tier,
  placedAt: Date,
  currencyExponent: number,
): PurchasePoints {
  const lineMultipliers: string[] = [];
  const collectionMultipliers = new Set<string>();
  let weighted = BigInt(0);
  for (const l of lines) {
    const { multiplier, collectionId } = lineMultiplier(l.line, rule);
    if (multiplier !== ONE_X) lineMultipliers.push(`${l.line.lineId}×${multiplier}`);
    if (collectionId !== null) collectionMultipliers.add(`${collectionId}×${multiplier}`);
    weighted += BigInt(l.value) * BigInt(multiplier);
  }
  const campaign = activeCampaign(rule, placedAt);
  const hundred = BigInt(ONE_X);
  const numerator =
    weighted *
    BigInt(rule.pointsPerUnit) *
    BigInt(campaign?.multiplier ?? ONE_X) *
    BigInt(tier.multiplier);
  const denominator =
    hundred * hundred * hundred * BigInt(10) ** BigInt(currencyExponent) * BigInt(rule.spendUnit);
  const points = numerator / denominator; // BigInt division truncates; all factors are ≥ 0
  if (points > BigInt(Number.MAX_SAFE_INTEGER)) {
    throw new RangeError("Purchase points exceed the largest exactly representable integer");
  }
  return {
    points: Number(points),
    multipliedBase: Number(weighted / hundred),
    campaign,
    lineMultipliers,
    collectionMultipliers: [...collectionMultipliers],
  };
}
