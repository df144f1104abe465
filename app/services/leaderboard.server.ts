// The opt-in monthly leaderboard (design §1). Only members who chose to join appear, by points
// earned this month in the shop's time zone, with masked names. A shopper's own rank is computed
// only when they ask for it.
import type { ShopperLeaderboard } from "../contracts/shopper-api";
import { decode, type Sql } from "../db/sql.server";
import { LEADERBOARD_SIZE, maskedName, monthWindow } from "../loyalty/leaderboard";
import { LIFETIME_ENTRY_CONDITION } from "../models/ledger.server";
import { memberIdFor } from "../models/customer.server";
import { engagementOf } from "../models/engagement.server";
import type { ShopContext } from "../models/program.server";

export type LeaderboardView = ShopperLeaderboard;

// Points that count as "earned" (the tier basis): earn, import, reverse, positive adjustments.
const MONTH_TOTALS = `SELECT e."customerId", SUM(e.points) AS points FROM "LeaderboardMember" m
  JOIN "LedgerEntry" e ON e."customerId" = m."customerId" AND e."createdAt" >= ? AND e."createdAt" < ? AND ${LIFETIME_ENTRY_CONDITION}
  WHERE m.shop = ? GROUP BY e."customerId" HAVING SUM(e.points) > 0`;

export async function leaderboard(
  sql: Sql,
  shop: ShopContext,
  shopifyCustomerId: string,
  withRank: boolean,
  now: Date,
): Promise<LeaderboardView> {
  const window = monthWindow(now, shop.timeZone);
  const [member] = await sql.rows(
    `SELECT c.id, m."customerId" AS joined FROM "Customer" c LEFT JOIN "LeaderboardMember" m ON m."customerId" = c.id WHERE c.shop = ? AND c."shopifyCustomerId" = ?`,
    [shop.shop, shopifyCustomerId],
  );
  const customerId = member ? String(member.id) : null;
  const optedIn = Boolean(member?.joined);
  const top = await sql.rows(
    `SELECT t."customerId", t.points, c."firstName", c."lastName" FROM (${MONTH_TOTALS}) t JOIN "Customer" c ON c.id = t."customerId"
     WHERE c."redactedAt" IS NULL ORDER BY t.points DESC, t."customerId" LIMIT ${LEADERBOARD_SIZE}`,
    [window.from, window.to, shop.shop],
  );
  const view: LeaderboardView = {
    month: window.month,
    optedIn,
    // Competition ranking, as rankOf: a tie shares the rank of the first member with those points.
    entries: top.map((row) => ({
      rank: top.findIndex((other) => decode.int(other.points) === decode.int(row.points)) + 1,
      name: maskedName(row.firstName as string | null, row.lastName as string | null),
      points: decode.int(row.points),
      you: String(row.customerId) === customerId,
    })),
  };
  if (withRank)
    view.me = optedIn && customerId ? await rankOf(sql, shop.shop, customerId, window) : null;
  return view;
}

/** Competition ranking ("1, 2, 2, 4"): one more than the members with more points this month. */
async function rankOf(
  sql: Sql,
  shop: string,
  customerId: string,
  window: { from: Date; to: Date },
): Promise<{ rank: number; points: number } | null> {
  const [own] = await sql.rows(
    `SELECT COALESCE(SUM(points), 0) AS points FROM "LedgerEntry" WHERE "customerId" = ? AND "createdAt" >= ? AND "createdAt" < ? AND ${LIFETIME_ENTRY_CONDITION}`,
    [customerId, window.from, window.to],
  );
  const points = decode.int(own.points);
  if (points <= 0) return null;
  const [ahead] = await sql.rows(
    `SELECT COUNT(*) AS ahead FROM (${MONTH_TOTALS}) t JOIN "Customer" c ON c.id = t."customerId" WHERE c."redactedAt" IS NULL AND t.points > ?`,
    [window.from, window.to, shop, points],
  );
  return { rank: decode.int(ahead.ahead) + 1, points };
}

/** Joins or leaves the board; returns whether the shopper is on it now. Creates no member. */
export async function setLeaderboardMembership(
  sql: Sql,
  shop: string,
  shopifyCustomerId: string,
  optIn: boolean,
  now: Date,
): Promise<boolean | null> {
  const memberId = await memberIdFor(sql, shop, shopifyCustomerId);
  if (!memberId) return null;
  if (optIn) {
    await sql.run(
      `INSERT INTO "LeaderboardMember" ("customerId", shop, "joinedAt") VALUES (?, ?, ?) ON CONFLICT ("customerId") DO NOTHING`,
      [memberId, shop, now],
    );
  } else {
    await sql.run(`DELETE FROM "LeaderboardMember" WHERE "customerId" = ?`, [memberId]);
  }
  return optIn;
}

/** Whether the shop shows a leaderboard (its engagement settings). */
export async function leaderboardEnabled(sql: Sql, shop: ShopContext): Promise<boolean> {
  return (await engagementOf(sql, shop)).leaderboard.enabled;
}
