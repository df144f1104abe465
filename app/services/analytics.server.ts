// The analytics dashboard (design §1): KPIs for 30/90/365 days and the daily series, from rollups.
import type { SqlDatabase } from "../db/sql.server";
import {
  computeDashboard,
  customerFiguresFromDays,
  dailySeries,
  pointValue,
  WINDOWS,
  type Dashboard,
  type DayRollup,
  windowStart,
  type Ratio,
  type ReferralWindow,
  type WindowDays,
} from "../loyalty/analytics";
import { KPI_DEFINITIONS } from "../loyalty/analytics-definitions";
import { formatMinor } from "../loyalty/money";
import { refreshShopAnalytics } from "../models/analytics-rollup.server";
import {
  allTimeTotals,
  hasMoreRowsThan,
  lastRefreshedAt,
  openCodes,
  rollupDays,
} from "../models/analytics.server";
import { referralWindowFigures } from "../models/referral.server";
import { enabledRewards } from "../models/reward.server";
import { shopContext } from "../models/program.server";
import { csvDocument, type CsvCell } from "../utils/csv";

export interface AnalyticsView {
  dashboard: Dashboard;
  series: DayRollup[];
  currencyCode: string;
  currencyExponent: number;
  /** The shop's IANA time zone: the days of every figure. */
  timeZone: string;
  /**
   * Null while the shop's figures are being computed: its rollups were never built and it is too
   * big to build them during the page load.
   */
  refreshedAt: string | null;
}

/**
 * Up to this many members and orders, a shop whose rollups were never built gets them during the
 * page load (well under a second). A bigger one is left to the periodic job (a minute or more at a
 * million members), and the dashboard says its figures are being computed instead of showing zeros.
 */
export const INLINE_FIRST_BUILD_ROWS = 20_000;

export async function analyticsDashboard(
  sql: SqlDatabase,
  shop: string,
  now: Date,
  options: { inlineFirstBuildRows?: number } = {},
): Promise<AnalyticsView> {
  const [lastRefreshed, context] = await Promise.all([
    lastRefreshedAt(sql, shop),
    shopContext(sql, shop),
  ]);
  let refreshedAt = lastRefreshed;
  if (
    !refreshedAt &&
    !(await hasMoreRowsThan(sql, shop, options.inlineFirstBuildRows ?? INLINE_FIRST_BUILD_ROWS))
  ) {
    await refreshShopAnalytics(sql, shop, now);
    refreshedAt = now;
  }
  const timeZone = context?.timeZone ?? "UTC";
  // Independent reads, each a small index range (no count over members or orders): at once, so on
  // PostgreSQL they run on separate pooled connections and the page waits for the slowest only.
  const [days, totals, rewards, codes, ...referralRows] = await Promise.all([
    rollupDays(sql, shop, now, timeZone),
    allTimeTotals(sql, shop),
    enabledRewards(sql, shop),
    openCodes(sql, shop),
    ...WINDOWS.map((days) => referralWindowFigures(sql, shop, windowStart(now, days, timeZone))),
  ]);
  const { members, customers } = customerFiguresFromDays(days, totals, now, timeZone);
  const referrals = Object.fromEntries(
    WINDOWS.map((days, index) => [days, referralRows[index]]),
  ) as Record<WindowDays, ReferralWindow>;
  const dashboard = computeDashboard({
    now,
    timeZone,
    days,
    totals,
    members,
    customers,
    openCodes: codes,
    pointValue: pointValue(rewards),
    referrals,
  });
  return {
    dashboard,
    series: dailySeries(days, now, 365, timeZone),
    currencyCode: context?.currencyCode ?? "USD",
    currencyExponent: context?.currencyExponent ?? 2,
    timeZone,
    refreshedAt: refreshedAt?.toISOString() ?? null,
  };
}

const percent = (value: Ratio) => (value.value === null ? "" : (value.value * 100).toFixed(1));

/**
 * The KPIs as CSV: one row per KPI and the definition beside it. A figure of one moment (members,
 * points outstanding, liability, lifetime value) sits in the "Now (lifetime)" column only; a figure
 * of a window in the "Last N days" columns only, so no header names a window its figure is not of.
 */
export function dashboardCsv(view: AnalyticsView): string {
  const { dashboard: d, currencyExponent: exponent } = view;
  const money = (minor: number | null) => (minor === null ? "" : formatMinor(minor, exponent));
  const perWindow = (pick: (window: Dashboard["windows"][number]) => CsvCell): CsvCell[] => [
    "",
    ...d.windows.map(pick),
  ];
  const now = (value: CsvCell): CsvCell[] => [value, ...WINDOWS.map(() => "")];
  const rows: [string, CsvCell[], string][] = [
    ["Members", now(d.members), KPI_DEFINITIONS.members.definition],
    ["New members", perWindow((w) => w.newMembers), KPI_DEFINITIONS.newMembers.definition],
    [
      "Joined the program",
      perWindow((w) => w.joinedMembers),
      KPI_DEFINITIONS.joinedMembers.definition,
    ],
    [
      "Participating members (kept a redemption)",
      now(d.participatingMembers),
      KPI_DEFINITIONS.participatingMembers.definition,
    ],
    [
      "Participation rate (%)",
      perWindow((w) => percent(w.participationRate)),
      KPI_DEFINITIONS.participationRate.definition,
    ],
    ["Points issued", perWindow((w) => w.pointsIssued), KPI_DEFINITIONS.pointsIssued.definition],
    [
      "Points redeemed",
      perWindow((w) => w.pointsRedeemed),
      KPI_DEFINITIONS.pointsRedeemed.definition,
    ],
    ["Points expired", perWindow((w) => w.pointsExpired), KPI_DEFINITIONS.pointsExpired.definition],
    ["Points outstanding", now(d.pointsOutstanding), KPI_DEFINITIONS.pointsOutstanding.definition],
    ["Points in open reward codes", now(d.openCodes.points), KPI_DEFINITIONS.liability.definition],
    [
      `Outstanding liability (${view.currencyCode})`,
      now(money(d.liability)),
      KPI_DEFINITIONS.liability.definition,
    ],
    [
      "Point value used (minor units per point)",
      now(d.pointValue ? `${d.pointValue.minor}/${d.pointValue.points}` : ""),
      KPI_DEFINITIONS.liability.definition,
    ],
    [
      "Breakage rate (%)",
      now(percent(d.breakageRate)),
      KPI_DEFINITIONS.estimatedLiability.definition,
    ],
    [
      `Estimated liability after breakage (${view.currencyCode})`,
      now(money(d.estimatedLiability)),
      KPI_DEFINITIONS.estimatedLiability.definition,
    ],
    [
      "Redemption rate (%)",
      perWindow((w) => percent(w.redemptionRate)),
      KPI_DEFINITIONS.redemptionRate.definition,
    ],
    [
      "Repeat purchase rate, members (%)",
      perWindow((w) => percent(w.memberRepeatRate)),
      KPI_DEFINITIONS.repeatRate.definition,
    ],
    [
      "Repeat purchase rate, non-members (%)",
      perWindow((w) => percent(w.nonMemberRepeatRate)),
      KPI_DEFINITIONS.repeatRate.definition,
    ],
    [
      "Retention (CRR), members (%)",
      perWindow((w) => percent(w.memberRetention)),
      KPI_DEFINITIONS.retention.definition,
    ],
    [
      "Retention (CRR), non-members (%)",
      perWindow((w) => percent(w.nonMemberRetention)),
      KPI_DEFINITIONS.retention.definition,
    ],
    [
      `Average order value, members (${view.currencyCode})`,
      perWindow((w) => money(w.memberAov)),
      KPI_DEFINITIONS.aov.definition,
    ],
    [
      `Average order value, non-members (${view.currencyCode})`,
      perWindow((w) => money(w.nonMemberAov)),
      KPI_DEFINITIONS.aov.definition,
    ],
    [
      `Customer lifetime value, members (${view.currencyCode})`,
      now(money(d.memberClv)),
      KPI_DEFINITIONS.clv.definition,
    ],
    [
      `Customer lifetime value, non-members (${view.currencyCode})`,
      now(money(d.nonMemberClv)),
      KPI_DEFINITIONS.clv.definition,
    ],
    [
      `Revenue from reward orders (${view.currencyCode})`,
      perWindow((w) => money(w.rewardRevenue)),
      KPI_DEFINITIONS.rewardRevenue.definition,
    ],
    ["Reward orders", perWindow((w) => w.rewardOrders), KPI_DEFINITIONS.rewardRevenue.definition],
    [
      "Referrals made (friend codes issued)",
      perWindow((w) => w.referralsMade),
      KPI_DEFINITIONS.referralsMade.definition,
    ],
    [
      "Referrals completed",
      perWindow((w) => w.referralsCompleted),
      KPI_DEFINITIONS.referralsCompleted.definition,
    ],
    [
      `Referred revenue (${view.currencyCode})`,
      perWindow((w) => money(w.referredRevenue)),
      KPI_DEFINITIONS.referredRevenue.definition,
    ],
    [
      "Referral conversion (%)",
      perWindow((w) => percent(w.referralConversion)),
      KPI_DEFINITIONS.referralConversion.definition,
    ],
  ];
  return csvDocument(
    [
      "KPI",
      "Now (lifetime)",
      ...WINDOWS.map((days) => `Last ${days} days (${view.timeZone})`),
      "Definition",
    ],
    rows.map(([label, values, definition]) => [label, ...values, definition]),
  );
}

/** The daily series behind the charts, one row per day of the shop's time zone. */
export function dailyCsv(view: AnalyticsView, days: number): string {
  const money = (minor: number) => formatMinor(minor, view.currencyExponent);
  const rows = view.series
    .slice(-days)
    .map((row) => [
      row.day,
      row.pointsIssued,
      row.pointsRedeemed,
      row.pointsExpired,
      row.memberOrders,
      money(row.memberRevenue),
      row.otherOrders + row.guestOrders,
      money(row.otherRevenue + row.guestRevenue),
      row.rewardOrders,
      money(row.rewardRevenue),
    ]);
  return csvDocument(
    [
      `Day (${view.timeZone})`,
      "Points issued",
      "Points redeemed",
      "Points expired",
      "Member orders",
      `Member revenue (${view.currencyCode})`,
      "Non-member orders",
      `Non-member revenue (${view.currencyCode})`,
      "Reward orders",
      `Reward order revenue (${view.currencyCode})`,
    ],
    rows,
  );
}
