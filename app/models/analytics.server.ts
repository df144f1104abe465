// Reads of the analytics rollups for the dashboard: the last 365 day rows and the sums of all day
// rows, whatever the shop's size (bench/analytics measures them); no count over members or orders.
import { decode, type Sql } from "../db/sql.server";
import {
  windowStartDay,
  type AllTimeTotals,
  type DayRollup,
  type OpenCodes,
} from "../loyalty/analytics";

const DAY_COLUMNS = [
  "pointsIssued",
  "pointsRedeemed",
  "pointsExpired",
  "pointsNet",
  "memberOrders",
  "memberRevenue",
  "otherOrders",
  "otherRevenue",
  "guestOrders",
  "guestRevenue",
  "rewardOrders",
  "rewardRevenue",
  "newMembers",
  "createdMembers",
  "memberLastOrder",
  "memberFirstOrder",
  "memberPrevOrder",
  "otherLastOrder",
  "otherFirstOrder",
  "otherPrevOrder",
  "participants",
] as const;

export async function rollupDays(
  sql: Sql,
  shop: string,
  now: Date,
  timeZone: string,
  days = 365,
): Promise<DayRollup[]> {
  const rows = await sql.rows(
    `SELECT day, ${DAY_COLUMNS.map((column) => `"${column}"`).join(", ")} FROM "AnalyticsDay" WHERE shop = ? AND day >= ? ORDER BY day`,
    [shop, windowStartDay(now, days, timeZone)],
  );
  return rows.map((row) => {
    const day = { day: String(row.day) } as DayRollup;
    for (const column of DAY_COLUMNS) day[column] = decode.int(row[column]);
    return day;
  });
}

export async function allTimeTotals(sql: Sql, shop: string): Promise<AllTimeTotals> {
  const [row] = await sql.rows(
    `SELECT COALESCE(SUM("pointsNet"), 0) AS "pointsNet", COALESCE(SUM("pointsRedeemed"), 0) AS "pointsRedeemed",
       COALESCE(SUM("pointsExpired"), 0) AS "pointsExpired", COALESCE(SUM("newMembers"), 0) AS "newMembers", COALESCE(SUM("memberLastOrder"), 0) AS "memberLastOrder",
       COALESCE(SUM("otherLastOrder"), 0) AS "otherLastOrder", COALESCE(SUM("memberRevenue"), 0) AS "memberRevenue", COALESCE(SUM("otherRevenue"), 0) AS "otherRevenue",
       COALESCE(SUM("memberJoined"), 0) AS "memberJoined"
     FROM "AnalyticsDay" WHERE shop = ?`,
    [shop],
  );
  return {
    pointsNet: decode.int(row?.pointsNet),
    pointsRedeemed: decode.int(row?.pointsRedeemed),
    pointsExpired: decode.int(row?.pointsExpired),
    newMembers: decode.int(row?.newMembers),
    memberLastOrder: decode.int(row?.memberLastOrder),
    otherLastOrder: decode.int(row?.otherLastOrder),
    memberRevenue: decode.int(row?.memberRevenue),
    otherRevenue: decode.int(row?.otherRevenue),
    memberJoined: decode.int(row?.memberJoined),
  };
}

/**
 * Reward codes issued and not used yet: their points left the balances at the reservation and are
 * still owed. Read live (not rolled up): one index range of the shop's issued codes.
 */
export async function openCodes(sql: Sql, shop: string): Promise<OpenCodes> {
  const [row] = await sql.rows(
    `SELECT COUNT(*) AS count, COALESCE(SUM(points), 0) AS points FROM "Redemption" WHERE shop = ? AND status = 'issued'`,
    [shop],
  );
  return { count: decode.int(row?.count), points: decode.int(row?.points) };
}

/** When the shop's rollups were last brought up to date; null before the first build has finished. */
export async function lastRefreshedAt(sql: Sql, shop: string): Promise<Date | null> {
  const [row] = await sql.rows(`SELECT "refreshedAt" FROM "AnalyticsWatermark" WHERE shop = ?`, [
    shop,
  ]);
  // A first build writes its watermark row at the epoch before it starts, and the real time at its end.
  const refreshedAt = row ? decode.date(row.refreshedAt) : null;
  return refreshedAt && refreshedAt.getTime() > 0 ? refreshedAt : null;
}

/** Whether the shop has more than `limit` members or orders; reads at most limit + 1 index entries of each. */
export async function hasMoreRowsThan(sql: Sql, shop: string, limit: number): Promise<boolean> {
  for (const table of ["Customer", "Order"]) {
    if (
      (
        await sql.rows(`SELECT 1 AS found FROM "${table}" WHERE shop = ? LIMIT 1 OFFSET ?`, [
          shop,
          limit,
        ])
      ).length
    )
      return true;
  }
  return false;
}
