// Reads of the analytics rollups for the dashboard: a handful of indexed aggregates whatever the
// shop's size (bench/analytics measures them at 1M members, 5M orders, 10M ledger entries).
import { decode, type Sql } from "../db/sql.server";
import { WINDOWS, windowStart, windowStartDay, type DayRollup, type MemberCounts, type SegmentFigures, type WindowDays } from "../loyalty/analytics";

const DAY_COLUMNS = [
  "pointsIssued", "pointsRedeemed", "pointsExpired", "pointsNet", "memberOrders", "memberRevenue", "otherOrders", "otherRevenue",
  "guestOrders", "guestRevenue", "rewardOrders", "rewardRevenue",
] as const;

export async function rollupDays(sql: Sql, shop: string, now: Date, days = 365): Promise<DayRollup[]> {
  const rows = await sql.rows(`SELECT day, ${DAY_COLUMNS.map((column) => `"${column}"`).join(", ")} FROM "AnalyticsDay" WHERE shop = ? AND day >= ? ORDER BY day`, [shop, windowStartDay(now, days)]);
  return rows.map((row) => {
    const day = { day: String(row.day) } as DayRollup;
    for (const column of DAY_COLUMNS) day[column] = decode.int(row[column]);
    return day;
  });
}

export async function pointsOutstanding(sql: Sql, shop: string): Promise<number> {
  const [row] = await sql.rows(`SELECT COALESCE(SUM("pointsNet"), 0) AS net FROM "AnalyticsDay" WHERE shop = ?`, [shop]);
  return decode.int(row?.net);
}

export async function memberCounts(sql: Sql, shop: string, now: Date): Promise<MemberCounts> {
  const starts = WINDOWS.map((days) => windowStart(now, days));
  const [row] = await sql.rows(
    `SELECT COUNT(*) AS members, ${WINDOWS.map((days) => `SUM(CASE WHEN "enrolledAt" >= ? THEN 1 ELSE 0 END) AS new${days}`).join(", ")}
     FROM "Customer" WHERE shop = ?`,
    [...starts, shop],
  );
  const [participating] = await sql.rows(`SELECT COUNT(*) AS n FROM "AnalyticsCustomer" WHERE shop = ? AND redeemed = ?`, [shop, true]);
  return {
    members: decode.int(row?.members),
    newMembers: Object.fromEntries(WINDOWS.map((days) => [days, decode.int(row?.[`new${days}`])])) as Record<WindowDays, number>,
    participating: decode.int(participating?.n),
  };
}

type CustomerFigures = Record<WindowDays, { members: SegmentFigures; others: SegmentFigures }>;

/**
 * Repeat, retention and lifetime figures of participating members and of the other customers.
 * One index range per segment: the customers who ordered within the longest window.
 */
export async function customerFigures(sql: Sql, shop: string, now: Date): Promise<CustomerFigures> {
  const starts = WINDOWS.map((days) => windowStart(now, days));
  const longest = starts[starts.length - 1];
  const segment = async (redeemed: boolean) => {
    const [active] = await sql.rows(
      `SELECT ${WINDOWS.map(
        (days) =>
          `SUM(CASE WHEN "lastOrderAt" >= ? THEN 1 ELSE 0 END) AS active${days},
           SUM(CASE WHEN "lastOrderAt" >= ? AND orders >= 2 THEN 1 ELSE 0 END) AS repeat${days},
           SUM(CASE WHEN "firstOrderAt" >= ? THEN 1 ELSE 0 END) AS new${days}`,
      ).join(", ")}
       FROM "AnalyticsCustomer" WHERE shop = ? AND redeemed = ? AND "lastOrderAt" >= ?`,
      [...starts.flatMap((start) => [start, start, start]), shop, redeemed, longest],
    );
    const [lifetime] = await sql.rows(
      `SELECT COUNT(*) AS buyers, COALESCE(SUM(revenue), 0) AS revenue FROM "AnalyticsCustomer" WHERE shop = ? AND redeemed = ? AND "lastOrderAt" IS NOT NULL`,
      [shop, redeemed],
    );
    const buyers = decode.int(lifetime?.buyers);
    return Object.fromEntries(
      WINDOWS.map((days) => {
        const count = (name: string) => decode.int(active?.[`${name}${days}`]);
        // Customers whose first order falls in the window are the new ones (N); all others who
        // ordered in it had ordered before (E − N). Everyone who ever ordered minus N existed at the start (S).
        const figures: SegmentFigures = {
          buyers,
          lifetimeRevenue: decode.int(lifetime?.revenue),
          active: count("active"),
          repeatActive: count("repeat"),
          existingAtStart: buyers - count("new"),
          retained: count("active") - count("new"),
        };
        return [days, figures];
      }),
    ) as Record<WindowDays, SegmentFigures>;
  };
  const members = await segment(true);
  const others = await segment(false);
  return Object.fromEntries(WINDOWS.map((days) => [days, { members: members[days], others: others[days] }])) as CustomerFigures;
}

export async function lastRefreshedAt(sql: Sql, shop: string): Promise<Date | null> {
  const [row] = await sql.rows(`SELECT "refreshedAt" FROM "AnalyticsWatermark" WHERE shop = ?`, [shop]);
  return row ? decode.date(row.refreshedAt) : null;
}
