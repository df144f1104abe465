// The analytics KPIs (design §1) computed from rollups. Pure: rows and `now` are passed in.
// Segments (docs/decisions/012): Tally enrols every identified customer, so "members" in the
// member-vs-non-member comparisons are *participating* members (redeemed at least once); the rest
// are "non-members": identified customers who never redeemed, plus guest checkouts where a KPI can
// count orders without knowing who placed them (AOV, revenue).
import type { Reward } from "./rewards";

export const WINDOWS = [30, 90, 365] as const;
export type WindowDays = (typeof WINDOWS)[number];

const DAY_MS = 86_400_000;

/** One shop's rollup for one UTC day. Revenue in shop minor units. */
export interface DayRollup {
  day: string;
  pointsIssued: number;
  pointsRedeemed: number;
  pointsExpired: number;
  pointsNet: number;
  memberOrders: number;
  memberRevenue: number;
  otherOrders: number;
  otherRevenue: number;
  guestOrders: number;
  guestRevenue: number;
  rewardOrders: number;
  rewardRevenue: number;
  /** Members enrolled that day. */
  newMembers: number;
  /** Per segment: customers whose last order is on that day; those of them with ≥ 2 orders; customers whose first order is. */
  memberLastOrder: number;
  memberLastRepeat: number;
  memberFirstOrder: number;
  otherLastOrder: number;
  otherLastRepeat: number;
  otherFirstOrder: number;
}

/** Sums over every day row of a shop, ever. */
export interface AllTimeTotals {
  pointsNet: number;
  newMembers: number;
  memberLastOrder: number;
  otherLastOrder: number;
  memberRevenue: number;
  otherRevenue: number;
}

/** Customer-level figures of one segment for one window (from the per-customer rollup). */
export interface SegmentFigures {
  /** Customers with at least one paid order, ever. */
  buyers: number;
  /** Their lifetime revenue. */
  lifetimeRevenue: number;
  /** Customers with an order in the window. */
  active: number;
  /** Of those, customers with two or more orders in their lifetime. */
  repeatActive: number;
  /** Customers whose first order is before the window. */
  existingAtStart: number;
  /** Of those, customers who ordered again within the window. */
  retained: number;
}

export interface MemberCounts {
  members: number;
  newMembers: Record<WindowDays, number>;
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
export function liability(outstanding: number, value: PointValue | null): number | null {
  if (!value) return null;
  return Math.floor((outstanding * value.minor) / value.points);
}

/** The first UTC day (YYYY-MM-DD) of a window of `days` days ending on `now`'s UTC day. */
export function windowStartDay(now: Date, days: number): string {
  const today = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());
  return new Date(today - (days - 1) * DAY_MS).toISOString().slice(0, 10);
}

/** The instant a window starts (midnight UTC of its first day). */
export function windowStart(now: Date, days: number): Date {
  return new Date(`${windowStartDay(now, days)}T00:00:00.000Z`);
}

export interface WindowKpis {
  days: WindowDays;
  newMembers: number;
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
}

export interface Dashboard {
  members: number;
  participatingMembers: number;
  participationRate: Ratio;
  pointsOutstanding: number;
  pointValue: PointValue | null;
  liability: number | null;
  memberClv: number | null;
  nonMemberClv: number | null;
  windows: WindowKpis[];
}

const sum = (rows: readonly DayRollup[], pick: (row: DayRollup) => number) =>
  rows.reduce((total, row) => total + pick(row), 0);
const average = (total: number, count: number) => (count === 0 ? null : Math.floor(total / count));

export interface DashboardInput {
  now: Date;
  /** Every day row of the shop for the last 365 days. */
  days: readonly DayRollup[];
  /** Sum of pointsNet over every day row ever. */
  pointsOutstanding: number;
  members: MemberCounts;
  /** Customer figures per window, for participating members and for the other customers. */
  customers: Record<WindowDays, { members: SegmentFigures; others: SegmentFigures }>;
  pointValue: PointValue | null;
}

export function computeDashboard(input: DashboardInput): Dashboard {
  const lifetime = input.customers[365];
  const windows = WINDOWS.map((days): WindowKpis => {
    const from = windowStartDay(input.now, days);
    const rows = input.days.filter((row) => row.day >= from);
    const issued = sum(rows, (row) => row.pointsIssued);
    const redeemed = sum(rows, (row) => row.pointsRedeemed);
    const memberOrders = sum(rows, (row) => row.memberOrders);
    const memberRevenue = sum(rows, (row) => row.memberRevenue);
    const nonMemberOrders = sum(rows, (row) => row.otherOrders + row.guestOrders);
    const nonMemberRevenue = sum(rows, (row) => row.otherRevenue + row.guestRevenue);
    const rewardRevenue = sum(rows, (row) => row.rewardRevenue);
    const { members, others } = input.customers[days];
    return {
      days,
      newMembers: input.members.newMembers[days],
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
    };
  });
  return {
    members: input.members.members,
    participatingMembers: input.members.participating,
    participationRate: ratio(input.members.participating, input.members.members),
    pointsOutstanding: input.pointsOutstanding,
    pointValue: input.pointValue,
    liability: liability(input.pointsOutstanding, input.pointValue),
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
): DayRollup[] {
  const byDay = new Map(days.map((row) => [row.day, row]));
  const start = windowStart(now, windowDays).getTime();
  return Array.from({ length: windowDays }, (_, index) => {
    const day = new Date(start + index * DAY_MS).toISOString().slice(0, 10);
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
    memberLastOrder: 0,
    memberLastRepeat: 0,
    memberFirstOrder: 0,
    otherLastOrder: 0,
    otherLastRepeat: 0,
    otherFirstOrder: 0,
  };
}

/**
 * Member counts and the customer figures of each window from the day histograms: customers who
 * ordered in a window are those whose last order falls in it; new ones, those whose first order does.
 */
export function customerFiguresFromDays(
  days: readonly DayRollup[],
  totals: AllTimeTotals,
  participating: number,
  now: Date,
): {
  members: MemberCounts;
  customers: Record<WindowDays, { members: SegmentFigures; others: SegmentFigures }>;
} {
  const inWindow = (windowDays: number) => {
    const from = windowStartDay(now, windowDays);
    return days.filter((row) => row.day >= from);
  };
  const segment = (
    rows: readonly DayRollup[],
    buyers: number,
    lifetimeRevenue: number,
    last: keyof DayRollup,
    repeat: keyof DayRollup,
    first: keyof DayRollup,
  ): SegmentFigures => {
    const active = sum(rows, (row) => row[last] as number);
    const fresh = sum(rows, (row) => row[first] as number);
    return {
      buyers,
      lifetimeRevenue,
      active,
      repeatActive: sum(rows, (row) => row[repeat] as number),
      existingAtStart: buyers - fresh,
      retained: active - fresh,
    };
  };
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
            "memberLastRepeat",
            "memberFirstOrder",
          ),
          others: segment(
            rows,
            totals.otherLastOrder,
            totals.otherRevenue,
            "otherLastOrder",
            "otherLastRepeat",
            "otherFirstOrder",
          ),
        },
      ];
    }),
  ) as Record<WindowDays, { members: SegmentFigures; others: SegmentFigures }>;
  const newMembers = Object.fromEntries(
    WINDOWS.map((windowDays) => [windowDays, sum(inWindow(windowDays), (row) => row.newMembers)]),
  ) as Record<WindowDays, number>;
  return { members: { members: totals.newMembers, newMembers, participating }, customers };
}
