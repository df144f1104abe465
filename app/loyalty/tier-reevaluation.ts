// The periodic tier re-evaluation (design §1: "upgrade immediately, downgrade only when the period
// is re-evaluated"), as a decision on one member. Storage applies the decision with a conditional
// update, so two runners deciding the same thing change the member once.
import type { CodedOf } from "../i18n/coded-text";
import type { Messages } from "../i18n/en";
import { nextTierOnReevaluation, tierWindowStart } from "./tiers";
import { instantOfWallClock, wallClockAt } from "./zoned-time";
import type { Program, Tier, TierPeriod } from "./types";

const DAY_MS = 86_400_000;

/** Jan 1 00:00 of `year` in the shop's zone. */
function startOfYear(year: number, timeZone: string): Date {
  return instantOfWallClock(
    { year, month: 1, day: 1, hour: 0, minute: 0, second: 0, millisecond: 0 },
    timeZone,
  );
}

/**
 * Start of the window a re-evaluation counts over, or null for lifetime. A calendar-year tier is
 * re-evaluated at each new year in the shop's zone over the year just ended (and the new one so
 * far): status earned in one year is kept through the next.
 */
export function reevaluationWindowStart(
  period: TierPeriod,
  now: Date,
  timeZone: string,
): Date | null {
  if (period !== "calendar_year") return tierWindowStart(period, now, timeZone);
  return startOfYear(wallClockAt(now, timeZone).year - 1, timeZone);
}

/**
 * Calendar-year tiers are re-evaluated once per new year in the shop's zone: members last
 * evaluated before this instant are due (sliding windows and lifetime are due at every run).
 */
export function calendarYearStart(now: Date, timeZone: string): Date {
  return startOfYear(wallClockAt(now, timeZone).year, timeZone);
}

export interface MemberTierState {
  /** The stored tier name; null = never assigned (the entry tier). */
  tierName: string | null;
  /** A tier staff pinned; re-evaluation leaves such members alone. */
  override: string | null;
  /** When a re-evaluation first found the member below their tier (grace period start). */
  atRiskSince: Date | null;
}

export type ReevaluationDecision =
  | { kind: "keep" }
  /** Still below the held tier, grace running: record when it started (unless already recorded). */
  | { kind: "at_risk"; since: Date }
  /** Back at or above the held tier: the grace period no longer applies. */
  | { kind: "safe" }
  | { kind: "change"; to: Tier; reason: TierReason };

/** Why a tier moved, as TierChange.reason stores it (coded, worded when shown). */
export type TierReason = CodedOf<Messages["tierReasons"]>;

export function decideReevaluation(
  program: Program,
  member: MemberTierState,
  value: number,
  now: Date,
): ReevaluationDecision {
  if (member.override !== null) return { kind: "keep" };
  const tiers = program.tiers;
  const stillDefined =
    member.tierName === null ? tiers[0] : tiers.find((t) => t.name === member.tierName);
  const held = stillDefined ?? tiers[0];
  const target = nextTierOnReevaluation(held, tiers, value);
  const measured = { value, basis: program.tierBasis, period: program.tierPeriod };
  if (!stillDefined) {
    return {
      kind: "change",
      to: target,
      reason: {
        code: "reevaluationTierGone",
        values: { ...measured, gone: member.tierName ?? "", tier: target.name },
      },
    };
  }
  if (target.threshold > held.threshold) {
    return {
      kind: "change",
      to: target,
      reason: {
        code: "reevaluationUp",
        values: { ...measured, tier: target.name, threshold: target.threshold },
      },
    };
  }
  if (target.threshold === held.threshold)
    return member.atRiskSince ? { kind: "safe" } : { kind: "keep" };
  const below = (graceDays: number): TierReason => ({
    code: "reevaluationDown",
    values: { ...measured, held: held.name, threshold: held.threshold, graceDays },
  });
  if (program.tierGraceDays === 0) return { kind: "change", to: target, reason: below(0) };
  if (member.atRiskSince === null) return { kind: "at_risk", since: now };
  if (member.atRiskSince.getTime() + program.tierGraceDays * DAY_MS <= now.getTime()) {
    return {
      kind: "change",
      to: target,
      reason: below(program.tierGraceDays),
    };
  }
  return { kind: "keep" };
}
