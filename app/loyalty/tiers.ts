// VIP tiers: which tier a value (points earned or amount spent) reaches, how far the next
// one is, and which period the value is counted over.
// Upgrades apply as soon as the value reaches a threshold (tierAfterEarning); downgrades only
// happen when the period is re-evaluated (nextTierOnReevaluation).
import { daysInMonth, instantOfWallClock, wallClockAt } from "./zoned-time";
import type { Tier, TierPeriod } from "./types";

function byThreshold(tiers: Tier[]): Tier[] {
  if (tiers.length === 0) throw new RangeError("A program needs at least one tier");
  return [...tiers].sort((a, b) => a.threshold - b.threshold);
}

/** The highest tier whose threshold the value reaches; the entry tier below every threshold. */
export function tierFor(tiers: Tier[], value: number): Tier {
  const sorted = byThreshold(tiers);
  let reached = sorted[0];
  for (const tier of sorted) if (value >= tier.threshold) reached = tier;
  return reached;
}

/** "320 points to Gold": the tier reached and what the next one still needs. */
export function tierProgress(
  tiers: Tier[],
  value: number,
): { tier: Tier; nextTier: { name: string; threshold: number; remaining: number } | null } {
  const tier = tierFor(tiers, value);
  const next = byThreshold(tiers).find((t) => t.threshold > tier.threshold) ?? null;
  return {
    tier,
    nextTier: next && {
      name: next.name,
      threshold: next.threshold,
      remaining: next.threshold - value,
    },
  };
}

/**
 * Start of the window tier values are counted over, or null for lifetime.
 * trailing_12_months: the same wall-clock time in the shop's zone one year earlier; a day that
 * does not exist then (Feb 29) becomes the month's last day (Feb 28).
 * calendar_year: Jan 1 00:00 of the current year in the shop's zone.
 */
export function tierWindowStart(period: TierPeriod, now: Date, timeZone: string): Date | null {
  if (period === "lifetime") return null;
  const wall = wallClockAt(now, timeZone);
  if (period === "calendar_year") {
    return instantOfWallClock(
      { year: wall.year, month: 1, day: 1, hour: 0, minute: 0, second: 0, millisecond: 0 },
      timeZone,
    );
  }
  const year = wall.year - 1;
  const day = Math.min(wall.day, daysInMonth(year, wall.month));
  return instantOfWallClock({ ...wall, year, day }, timeZone);
}

/**
 * The periodic re-evaluation: the tier is whatever the value counted over the current window
 * reaches, so it may go down as well as up. The current tier deliberately plays no part —
 * keeping it would make a downgrade impossible, and a tier the merchant has since removed or
 * re-priced must not survive. (`current` stays in the signature so callers state what they
 * are replacing and the rule can grow, e.g. "at most one tier down", without a new contract.)
 */
export function nextTierOnReevaluation(current: Tier, tiers: Tier[], value: number): Tier {
  return tierFor(tiers, value);
}

/**
 * Between re-evaluations a member only moves up: the higher of the current tier (as the
 * program defines it now) and the tier the value reaches.
 */
export function tierAfterEarning(current: Tier, tiers: Tier[], value: number): Tier {
  const reached = tierFor(tiers, value);
  const stillCurrent = tiers.find((t) => t.name === current.name);
  if (!stillCurrent) return reached;
  return stillCurrent.threshold >= reached.threshold ? stillCurrent : reached;
}

/**
 * Progress shown to a member: their held tier (which may be above what `value` reaches until the
 * next re-evaluation) and how far the next tier above it is. A value that already reaches a
 * higher tier than the stored one (the merchant just added or lowered a tier) shows that tier:
 * upgrades apply as soon as the value reaches a threshold, so the next tier always still needs
 * points (never "Platinum, 0 to go").
 */
export function progressFromHeldTier(
  tiers: Tier[],
  held: Tier,
  value: number,
): { tier: Tier; nextTier: { name: string; threshold: number; remaining: number } | null } {
  const tier = tierAfterEarning(held, tiers, value);
  const next = byThreshold(tiers).find((t) => t.threshold > tier.threshold) ?? null;
  return {
    tier,
    nextTier: next && {
      name: next.name,
      threshold: next.threshold,
      remaining: Math.max(1, next.threshold - value),
    },
  };
}
