// The analytics KPIs (design §1) computed from rollups. Pure: rows and `now` are passed in.
// Segments (docs/decisions/012, 033): Tally enrols every identified customer, so "members" in the
// member-vs-non-member comparisons are *participating* members (a redemption whose points did not
// come back); the rest
// are "non-members": identified customers who never redeemed, plus guest checkouts where a KPI can
// count orders without knowing who placed them (AOV, revenue).
import type { Reward } from "./rewards";

import { addDays, localDayOf, startOfLocalDay } from "./zoned-time";

export const WINDOWS = [30, 90, 365] as const;
export type WindowDays = (typeof WINDOWS)[number];

/**
 * One shop's rollup for one day of the shop's time zone. Revenue in shop minor units. An order's
 * revenue, earn and reversal points count on the day it was placed (one calendar, decision 033).
 */
export interface DayRollup {
  day: string;
  pointsIssued: number;
  pointsRedeemed: number;
  pointsExpired: number;
  pointsNet: number;
  /** Counted orders (paid, not cancelled, not refunded down to nothing) and their revenue. */
  memberOrders: number;
  memberRevenue: number;
  otherOrders: number;
  otherRevenue: number;
  guestOrders: number;
  guestRevenue: number;
  rewardOrders: number;
  rewardRevenue: number;
  /** Members enrolled in the program that day ("joined the program"). */
  newMembers: number;
  /** Members whose Shopify account was created that day (enrolment day when unknown): "new members". */
  createdMembers: number;
  /** Per segment: customers whose last / first / second-latest counted order is on that day. */
  memberLastOrder: number;
  memberFirstOrder: number;
  memberPrevOrder: number;
  otherLastOrder: number;
  otherFirstOrder: number;
  otherPrevOrder: number;
  /** Members whose latest participation (earn entry, kept redemption) is on that day. */
  participants: number;
}

/** Sums over every day row of a shop, ever. */
export interface AllTimeTotals {
  pointsNet: number;
  pointsRedeemed: number;
  pointsExpired: number;
  newMembers: number;
  memberLastOrder: number;
  otherLastOrder: number;
  memberRevenue: number;
  otherRevenue: number;
  /** Participating members (a kept redemption), counted by their joined day: all of them. */
  memberJoined: number;
}

/** Customer-level figures of one segment for one window (from the day histograms). */
export interface SegmentFigures {
  /** Customers with at least one counted order, ever. */
  buyers: number;
  /** Their lifetime revenue. */
  lifetimeRevenue: number;
  /** Customers with an order in the window. */
  active: number;
  /** Of those, customers with two or more orders in the window. */
  repeatActive: number;
  /** Customers whose first order is before the window (S). */
  existingAtStart: number;
  /** Of those, customers who ordered again within the window (E − N). */
  retained: number;
}

export interface MemberCounts {
  members: number;
  /** By the customer's Shopify creation date (enrolment date when unknown). */
  newMembers: Record<WindowDays, number>;
  /** By the enrolment date: joined the program. */
  joinedMembers: Record<WindowDays, number>;
  /** Members who earned by an action or kept a redemption within the window. */
  participants: Record<WindowDays, number>;
  /** Members with a kept redemption, ever: the "members" of the member vs non-member comparisons. */
  participating: number;
}

/** A ratio kept as its two integers; `value` is null when nothing was there to divide. */
export interface Ratio {
  numerator: number;
  denominator: number;
  value: number | null;
}

export function ratio(numerator: number, denominator: number): Ratio {
  return { numerator, denominator, value: denominator === 0 ? null : numerator / denominator };
}

/** Money per point as a fraction (minor units per `points` points), so no float touches money. */
export interface PointValue {
  minor: number;
  points: number;
  rewardTitle: string;
}

/**
 * The points→money rate for the liability: the enabled fixed-amount or store-credit reward that
 * gives the most money per point, i.e. the most the outstanding points could cost the merchant.
 * Percentage, free-shipping and free-product rewards have no fixed value and are not considered.
 */
export function pointValue(
  rewards: readonly Pick<Reward, "title" | "kind" | "cost" | "value" | "enabled">[],
): PointValue | null {
  let best: PointValue | null = null;
  for (const reward of rewards) {
    if (!reward.enabled || (reward.kind !== "fixed_amount" && reward.kind !== "store_credit"))
      continue;
    if (reward.value === null || reward.value <= 0 || reward.cost <= 0) continue;
    // a/b > c/d  ⇔  a·d > c·b for positive integers.
    if (!best || reward.value * best.points > best.minor * reward.cost)
      best = { minor: reward.value, points: reward.cost, rewardTitle: reward.title };
  }
  return best;
}

/** Liability in minor units, rounded down; negative balances (reversed spent points) reduce it. */
export function liability(points: number, value: PointValue | null): number | null {
  if (!value) return null;
  return Math.floor((points * value.minor) / value.points);
}

/**
 * The liability less expected breakage (IFRS 15 style): the money of the points expected to be
 * redeemed, with the shop's own history as the expectation — of the points that left members'
 * balances for good, the share redeemed (kept) rather than expired. Null without a point value or
 * without any such history. Exact in BigInt, rounded down.
 */
export function estimatedLiability(
  points: number,
  value: PointValue | null,
  breakage: Ratio,
): number | null {
  if (!value || breakage.value === null) return null;
  const redeemedShare = BigInt(breakage.denominator - breakage.numerator);
  const numerator = BigInt(points) * BigInt(value.minor) * redeemedShare;
  const denominator = BigInt(value.points) * BigInt(breakage.denominator);
  // BigInt division truncates toward zero; round down for negative totals too.
  const quotient = numerator / denominator;
  return Number(numerator % denominator < 0n ? quotient - 1n : quotient);
}

/** The first day (YYYY-MM-DD, the shop's zone) of a window of `days` days ending on `now`'s day. */
export function windowStartDay(now: Date, days: number, timeZone: string): string {
  return addDays(localDayOf(now, timeZone), -(days - 1));
}

/** The instant a window starts (midnight of its first day in the shop's zone). */
export function windowStart(now: Date, days: number, timeZone: string): Date {
  return startOfLocalDay(windowStartDay(now, days, timeZone), timeZone);
}

/** Refer-a-friend figures of one window (decision 042), read from the Referral rows. */
export interface ReferralWindow {
  /** Friend codes issued (links opened that made a code) in the window. */
  issued: number;
  /** Of those, the referrals completed by now. */
  issuedAndCompleted: number;
  /** Referrals completed (advocate paid) in the window. */
  completed: number;
  /** Σ earn base after refunds of the completed referrals' orders, shop minor units. */
  referredRevenue: number;
}

export interface WindowKpis {
  days: WindowDays;
  /** Members whose Shopify account was created in the window. */
  newMembers: number;
  /** Members enrolled in the program in the window. */
  joinedMembers: number;
  participants: number;
  participationRate: Ratio;
  pointsIssued: number;
  pointsRedeemed: number;
  pointsExpired: number;
  redemptionRate: Ratio;
  memberRepeatRate: Ratio;
  nonMemberRepeatRate: Ratio;
  memberRetention: Ratio;
  nonMemberRetention: Ratio;
  memberAov: number | null;
  nonMemberAov: number | null;
  memberOrders: number;
  nonMemberOrders: number;
  revenue: number;
  rewardOrders: number;
  rewardRevenue: number;
  rewardRevenueShare: Ratio;
  referralsMade: number;
  referralsCompleted: number;
  referredRevenue: number;
  /** Friend codes issued in the window whose referral has completed ÷ friend codes issued. */
  referralConversion: Ratio;
}

export interface OpenCodes {
  /** Issued reward codes not used yet (their points are reserved, not in any balance). */
  count: number;
  points: number;
}

export interface Dashboard {
  members: number;
  participatingMembers: number;
  pointsOutstanding: number;
  openCodes: OpenCodes;
  pointValue: PointValue | null;
  /** (Points outstanding + points of open codes) × the point value. */
  liability: number | null;
  /** Expired ÷ (expired + redeemed) points, ever: the shop's own breakage. */
  breakageRate: Ratio;
  /** The liability less the expected breakage. */
  estimatedLiability: number | null;
  memberClv: number | null;
  nonMemberClv: number | null;
  windows: WindowKpis[];
}

const sum = (rows: readonly DayRollup[], pick: (row: DayRollup) => number) =>
  rows.reduce((total, row) => total + pick(row), 0);
const average = (total: number, count: number) => (count === 0 ? null : Math.floor(total / count));

export interface DashboardInput {
  now: Date;
  timeZone: string;
  /** Every day row of the shop for the last 365 days. */
  days: readonly DayRollup[];
  totals: AllTimeTotals;
  members: MemberCounts;
  /** Customer figures per window, for participating members and for the other customers. */
  customers: Record<WindowDays, { members: SegmentFigures; others: SegmentFigures }>;
  openCodes: OpenCodes;
  pointValue: PointValue | null;
  referrals: Record<WindowDays, ReferralWindow>;
}

export function computeDashboard(input: DashboardInput): Dashboard {
  const lifetime = input.customers[365];
  const windows = WINDOWS.map((days): WindowKpis => {
    const from = windowStartDay(input.now, days, input.timeZone);
    const rows = input.days.filter((row) => row.day >= from);
    const issued = sum(rows, (row) => row.pointsIssued);
    const redeemed = sum(rows, (row) => row.pointsRedeemed);
    const memberOrders = sum(rows, (row) => row.memberOrders);
    const memberRevenue = sum(rows, (row) => row.memberRevenue);
    const nonMemberOrders = sum(rows, (row) => row.otherOrders + row.guestOrders);
    const nonMemberRevenue = sum(rows, (row) => row.otherRevenue + row.guestRevenue);
    const rewardRevenue = sum(rows, (row) => row.rewardRevenue);
    const { members, others } = input.customers[days];
    const referrals = input.referrals[days];
    return {
      days,
      newMembers: input.members.newMembers[days],
      joinedMembers: input.members.joinedMembers[days],
      participants: input.members.participants[days],
      participationRate: ratio(input.members.participants[days], input.members.members),
      pointsIssued: issued,
      pointsRedeemed: redeemed,
      pointsExpired: sum(rows, (row) => row.pointsExpired),
      redemptionRate: ratio(redeemed, issued),
      memberRepeatRate: ratio(members.repeatActive, members.active),
      nonMemberRepeatRate: ratio(others.repeatActive, others.active),
      memberRetention: ratio(members.retained, members.existingAtStart),
      nonMemberRetention: ratio(others.retained, others.existingAtStart),
      memberAov: average(memberRevenue, memberOrders),
      nonMemberAov: average(nonMemberRevenue, nonMemberOrders),
      memberOrders,
      nonMemberOrders,
      revenue: memberRevenue + nonMemberRevenue,
      rewardOrders: sum(rows, (row) => row.rewardOrders),
      rewardRevenue,
      rewardRevenueShare: ratio(rewardRevenue, memberRevenue + nonMemberRevenue),
      referralsMade: referrals.issued,
      referralsCompleted: referrals.completed,
      referredRevenue: referrals.referredRevenue,
      referralConversion: ratio(referrals.issuedAndCompleted, referrals.issued),
    };
  });
  const owed = input.totals.pointsNet + input.openCodes.points;
  const breakageRate = ratio(
    input.totals.pointsExpired,
    input.totals.pointsExpired + input.totals.pointsRedeemed,
  );
  return {
    members: input.members.members,
    participatingMembers: input.members.participating,
    pointsOutstanding: input.totals.pointsNet,
    openCodes: input.openCodes,
    pointValue: input.pointValue,
    liability: liability(owed, input.pointValue),
    breakageRate,
    estimatedLiability: estimatedLiability(owed, input.pointValue, breakageRate),
    memberClv: average(lifetime.members.lifetimeRevenue, lifetime.members.buyers),
    nonMemberClv: average(lifetime.others.lifetimeRevenue, lifetime.others.buyers),
    windows,
  };
}

/** Every day of the window, zero-filled, oldest first: what the charts plot. */
export function dailySeries(
  days: readonly DayRollup[],
  now: Date,
  windowDays: number,
  timeZone: string,
): DayRollup[] {
  const byDay = new Map(days.map((row) => [row.day, row]));
  const start = windowStartDay(now, windowDays, timeZone);
  return Array.from({ length: windowDays }, (_, index) => {
    const day = addDays(start, index);
    return byDay.get(day) ?? emptyDay(day);
  });
}

export function emptyDay(day: string): DayRollup {
  return {
    day,
    pointsIssued: 0,
    pointsRedeemed: 0,
    pointsExpired: 0,
    pointsNet: 0,
    memberOrders: 0,
    memberRevenue: 0,
    otherOrders: 0,
    otherRevenue: 0,
    guestOrders: 0,
    guestRevenue: 0,
    rewardOrders: 0,
    rewardRevenue: 0,
    newMembers: 0,
    createdMembers: 0,
    memberLastOrder: 0,
    memberFirstOrder: 0,
    memberPrevOrder: 0,
    otherLastOrder: 0,
    otherFirstOrder: 0,
    otherPrevOrder: 0,
    participants: 0,
  };
}

/**
 * Member counts and the customer figures of each window from the day histograms (every window ends
 * now): customers who ordered in a window are those whose last order falls in it; who ordered twice
 * or more in it, those whose second-latest order does; new ones, those whose first order does.
 */
export function customerFiguresFromDays(
  days: readonly DayRollup[],
  totals: AllTimeTotals,
  now: Date,
  timeZone: string,
): {
  members: MemberCounts;
  customers: Record<WindowDays, { members: SegmentFigures; others: SegmentFigures }>;
} {
  const inWindow = (windowDays: number) => {
    const from = windowStartDay(now, windowDays, timeZone);
    return days.filter((row) => row.day >= from);
  };
  const segment = (
    rows: readonly DayRollup[],
    buyers: number,
    lifetimeRevenue: number,
    last: keyof DayRollup,
    previous: keyof DayRollup,
    first: keyof DayRollup,
  ): SegmentFigures => {
    const active = sum(rows, (row) => row[last] as number);
    const fresh = sum(rows, (row) => row[first] as number);
    return {
      buyers,
      lifetimeRevenue,
      active,
      repeatActive: sum(rows, (row) => row[previous] as number),
      existingAtStart: buyers - fresh,
      retained: active - fresh,
    };
  };
  const perWindow = (pick: (row: DayRollup) => number) =>
    Object.fromEntries(
      WINDOWS.map((windowDays) => [windowDays, sum(inWindow(windowDays), pick)]),
    ) as Record<WindowDays, number>;
  const customers = Object.fromEntries(
    WINDOWS.map((windowDays) => {
      const rows = inWindow(windowDays);
      return [
        windowDays,
        {
          members: segment(
            rows,
            totals.memberLastOrder,
            totals.memberRevenue,
            "memberLastOrder",
            "memberPrevOrder",
            "memberFirstOrder",
          ),
          others: segment(
            rows,
            totals.otherLastOrder,
            totals.otherRevenue,
            "otherLastOrder",
            "otherPrevOrder",
            "otherFirstOrder",
          ),
        },
      ];
    }),
  ) as Record<WindowDays, { members: SegmentFigures; others: SegmentFigures }>;
  return {
    members: {
      members: totals.newMembers,
      newMembers: perWindow((row) => row.createdMembers),
      joinedMembers: perWindow((row) => row.newMembers),
      participants: perWindow((row) => row.participants),
      participating: totals.memberJoined,
    },
    customers,
  };
}
