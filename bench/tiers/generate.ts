// A shop with N members and a ledger history, written by the database itself (a recursive CTE on
// SQLite, generate_series on PostgreSQL), so a million members take one statement per table rather
// than millions of round trips. Every figure is a deterministic function of the member's number:
//   three earn lots of 50–1,499 points, 1–730 days before `now`, and one redemption an hour after
//   the first lot; cached balance and lifetimeEarned are the sums of those entries, and the held
//   tier is what the lifetime total reaches (so a trailing-12-months re-evaluation has downgrades
//   to make and the 365-day expiry has lots to expire).
// Loaded around dropped secondary indexes and foreign keys (bench/lib/bulk-load.ts).
import type { SqlDatabase } from "../../app/db/sql.server";
import { dropForLoad, recreateAfterLoad } from "../lib/bulk-load";

const DAY_S = 86_400;

/** Per member n: lot sizes p1..p3, ages in days d1..d3, the redemption r (SQL expressions). */
const FIGURES = `
  50 + (n * 7919) % 1450 AS p1, 50 + (n * 104729) % 1450 AS p2, 50 + (n * 1299709) % 1450 AS p3,
  1 + (n * 31) % 730 AS d1, 1 + (n * 37 + 11) % 730 AS d2, 1 + (n * 41 + 23) % 730 AS d3`;

const TABLES = ["Customer", "LedgerEntry"];

export async function generateMembers(
  sql: SqlDatabase,
  shop: string,
  members: number,
  now: Date,
): Promise<void> {
  const ddl = await dropForLoad(sql, TABLES);
  const nowS = Math.floor(now.getTime() / 1000);
  const sqlite = sql.dialect === "sqlite";
  const series = sqlite
    ? `WITH RECURSIVE seq(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM seq WHERE n < ${members}), m AS (SELECT n, ${FIGURES} FROM seq)`
    : `WITH m AS (SELECT n, ${FIGURES} FROM generate_series(1::bigint, ${members}::bigint) AS n)`;
  const id = (prefix: string, expr: string) =>
    sqlite ? `printf('${prefix}%09d', ${expr})` : `'${prefix}' || lpad(${expr}::text, 9, '0')`;
  const at = (secondsAgo: string) =>
    sqlite
      ? `strftime('%Y-%m-%dT%H:%M:%S.000+00:00', ${nowS} - (${secondsAgo}), 'unixepoch')`
      : `to_timestamp(${nowS} - (${secondsAgo})) AT TIME ZONE 'UTC'`;
  const least = sqlite ? "min" : "least";
  const nowLiteral = at("0");

  await sql.run(`${series}
    INSERT INTO "Customer" (id, shop, "shopifyCustomerId", balance, pending, "lifetimeEarned", "orderCount", "lifetimeSpend", "tierName", "expiringPoints", "enrolledAt", "createdAt", "updatedAt")
    SELECT ${id("m", "n")}, '${shop}', CAST(n AS TEXT), p1 + p2 + p3 - ${least}(p1, 300), 0, p1 + p2 + p3, 3, 0,
      CASE WHEN p1 + p2 + p3 >= 2500 THEN 'Gold' WHEN p1 + p2 + p3 >= 1000 THEN 'Silver' ELSE NULL END, 0,
      ${nowLiteral}, ${nowLiteral}, ${nowLiteral}
    FROM m`);

  const entry = (k: number, kind: string, points: string, secondsAgo: string) => `
    SELECT ${id(`e${k}-`, "n")}, '${shop}', ${id("m", "n")}, '${kind}', ${points}, 'bench:' || CAST(n AS TEXT) || ':${k}', ${at(secondsAgo)} FROM m`;
  await sql.run(`${series}
    INSERT INTO "LedgerEntry" (id, shop, "customerId", kind, points, "idempotencyKey", "createdAt")
    ${entry(1, "earn", "p1", `d1 * ${DAY_S}`)}
    UNION ALL ${entry(2, "earn", "p2", `d2 * ${DAY_S}`)}
    UNION ALL ${entry(3, "earn", "p3", `d3 * ${DAY_S}`)}
    UNION ALL ${entry(4, "redeem", `-${least}(p1, 300)`, `d1 * ${DAY_S} - 3600`)}`);
  await recreateAfterLoad(sql, ddl, TABLES);
}
