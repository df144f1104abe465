// Keeps the analytics rollups (AnalyticsDay, AnalyticsCustomer) equal to what the ledger and the
// orders say, off the webhook path (docs/decisions/012). Every refresh *recomputes* the days and
// customers that rows written since the shop's watermark touch, so running it twice, on two
// instances or after a crash gives the same rows. A full rebuild is a series of short transactions
// (refreshShopAnalytics), so it never holds SQLite's single write lock for long.
import type { DatabaseKind } from "../db/database-url";
import { decode, type Sql, type SqlDatabase } from "../db/sql.server";
import { addDays, localDayOf, startOfLocalDay } from "../loyalty/zoned-time";
import { keptRedeem } from "./ledger.server";

const EPOCH = new Date(0);
/** Rows are stamped with `now` before their transaction commits; look back this far for late commits. */
export const WATERMARK_LAG_MS = 5 * 60_000;
/** More touched orders than this in one refresh: recompute the whole shop instead of day by day. */
const INCREMENTAL_ORDER_LIMIT = 20_000;
/** More members with new ledger entries than this: recompute the whole shop too. */
const INCREMENTAL_CUSTOMER_LIMIT = 50_000;
const ID_BATCH = 500;
/** The last day a rollup can hold, exclusive (dates Tally stores are years 1970–9999). */
const END_DAY = "9999-12-31";

/**
 * A full rebuild's steps: members per transaction, and days per transaction; every step recomputes
 * its slice from the source rows. On SQLite (one writer) each step is short, so webhooks and
 * redemptions commit between them instead of waiting for the whole rebuild (minutes at a million
 * members). On PostgreSQL a long step blocks no webhook (they never touch the rollup tables, MVCC
 * readers never wait), and big steps let the planner hash-join instead of probing per member: at 1M
 * members a rebuild took 296 s in 2,000 × 7 steps, 153 s in 100,000 × 91 and 64 s in 500,000 × 366
 * (bench/analytics --rebuild-steps, 2026-12-03).
 */
export interface RebuildSteps {
  customers: number;
  days: number;
}
export const REBUILD_STEPS: Record<DatabaseKind, RebuildSteps> = {
  sqlite: { customers: 2_000, days: 7 },
  postgresql: { customers: 500_000, days: 366 },
};
/** Issued points: earned (net of reversals), and imported or staff-added when positive. */
const ISSUED = `(kind IN ('earn', 'reverse') OR (kind IN ('adjust', 'import') AND points > 0))`;

/**
 * An order that counts as a purchase: paid, not cancelled, and not refunded down to nothing (a
 * fully refunded order is worth 0; an order that was free from the start still counts).
 */
const counted = (o: string) =>
  `${o}.paid = TRUE AND ${o}.cancelled = FALSE AND (${o}.subtotal > 0 OR NOT EXISTS (SELECT 1 FROM "OrderRefund" f WHERE f."orderId" = ${o}.id))`;

export interface RefreshCounts {
  orderDays: number;
  customers: number;
  full: number;
}

/**
 * The shop's calendar: rollup days are its days in its IANA zone (decision 033). The zone is
 * written into SQL text, so it is checked first (Intl refuses an unknown zone).
 */
interface Calendar {
  timeZone: string;
}

function calendarOf(timeZone: string): Calendar {
  if (!/^[A-Za-z0-9_+\-/]+$/.test(timeZone))
    throw new Error(`the shop's time zone "${timeZone}" is not an IANA zone name`);
  localDayOf(new Date(0), timeZone); // throws RangeError for a zone Intl does not know
  return { timeZone };
}

const dayExpression = (sql: Sql, calendar: Calendar, column: string) => {
  if (calendar.timeZone === "UTC")
    return sql.dialect === "sqlite"
      ? `substr(${column}, 1, 10)`
      : `to_char(${column}, 'YYYY-MM-DD')`;
  return sql.dialect === "sqlite"
    ? `tally_local_day(${column}, '${calendar.timeZone}')`
    : `to_char((${column} AT TIME ZONE 'UTC') AT TIME ZONE '${calendar.timeZone}', 'YYYY-MM-DD')`;
};
/**
 * A rollup transaction. On PostgreSQL without JIT: the per-customer subqueries push the plan's cost
 * past jit_above_cost, and compiling them took longer than running them (EXPLAIN ANALYZE at 10k
 * members: ~3.7 s of JIT for ~2.7 s of execution in the customer step; bench/RESULTS.md 2026-12-07).
 */
function rollupTransaction<T>(db: SqlDatabase, work: (tx: Sql) => Promise<T>): Promise<T> {
  return db.transaction(async (tx) => {
    if (tx.dialect === "postgresql") await tx.run("SET LOCAL jit = off");
    return work(tx);
  });
}

const placeholders = (count: number) => Array.from({ length: count }, () => "?").join(", ");

function chunks<T>(items: readonly T[], size: number): T[][] {
  const result: T[][] = [];
  for (let index = 0; index < items.length; index += size)
    result.push(items.slice(index, index + size));
  return result;
}

/** The instants of [fromDay, toDay) in the shop's zone. */
const instants = (calendar: Calendar, fromDay: string, toDay: string): [Date, Date] => [
  startOfLocalDay(fromDay, calendar.timeZone),
  startOfLocalDay(toDay, calendar.timeZone),
];

/**
 * Ledger columns of every day in [fromDay, toDay): issued, redeemed (net of releases), expired, net.
 * One calendar with the orders: an order's earn and reversal entries count on the day the order was
 * placed; every other entry on the day it was written.
 */
async function recomputeLedgerDays(
  sql: Sql,
  shop: string,
  calendar: Calendar,
  fromDay: string,
  toDay = END_DAY,
): Promise<void> {
  await sql.run(
    `UPDATE "AnalyticsDay" SET "pointsIssued" = 0, "pointsRedeemed" = 0, "pointsExpired" = 0, "pointsNet" = 0 WHERE shop = ? AND day >= ? AND day < ?`,
    [shop, fromDay, toDay],
  );
  const [from, to] = instants(calendar, fromDay, toDay);
  // The orders of the days, then each one's entries by LedgerEntry(orderId). SQLite's statistics
  // can rate that index poorly (when most entries have no order, e.g. an imported shop) and then
  // scanned every entry per day step (~120 ms a step at 100k entries): there the loop order
  // (CROSS JOIN) and the index are named. PostgreSQL plans an inner join.
  const orderEntries =
    sql.dialect === "sqlite"
      ? `CROSS JOIN "LedgerEntry" e INDEXED BY "LedgerEntry_orderId_idx"`
      : `JOIN "LedgerEntry" e ON TRUE`;
  await sql.run(
    `INSERT INTO "AnalyticsDay" (shop, day, "pointsIssued", "pointsRedeemed", "pointsExpired", "pointsNet")
     SELECT shop, day,
       SUM(CASE WHEN ${ISSUED} THEN points ELSE 0 END),
       -SUM(CASE WHEN kind IN ('redeem', 'release') THEN points ELSE 0 END),
       -SUM(CASE WHEN kind = 'expire' THEN points ELSE 0 END),
       SUM(points)
     FROM (
       SELECT e.shop, ${dayExpression(sql, calendar, `e."createdAt"`)} AS day, e.kind, e.points
       FROM "LedgerEntry" e WHERE e.shop = ? AND e."createdAt" >= ? AND e."createdAt" < ?
         AND NOT (e.kind IN ('earn', 'reverse') AND e."orderId" IS NOT NULL)
       UNION ALL
       SELECT o.shop, ${dayExpression(sql, calendar, `o."placedAt"`)} AS day, e.kind, e.points
       FROM "Order" o ${orderEntries}
       WHERE o.shop = ? AND o."placedAt" >= ? AND o."placedAt" < ? AND e."orderId" = o.id AND e.kind IN ('earn', 'reverse')
     ) entries
     GROUP BY shop, day
     ON CONFLICT (shop, day) DO UPDATE SET "pointsIssued" = excluded."pointsIssued", "pointsRedeemed" = excluded."pointsRedeemed",
       "pointsExpired" = excluded."pointsExpired", "pointsNet" = excluded."pointsNet"`,
    [shop, from, to, shop, from, to],
  );
}

/** Order columns of the days in [fromDay, toDay): counted orders by segment, reward orders. */
async function recomputeOrderDays(
  sql: Sql,
  shop: string,
  calendar: Calendar,
  fromDay: string,
  toDay: string,
): Promise<void> {
  await sql.run(
    `UPDATE "AnalyticsDay" SET "memberOrders" = 0, "memberRevenue" = 0, "otherOrders" = 0, "otherRevenue" = 0, "guestOrders" = 0, "guestRevenue" = 0, "rewardOrders" = 0, "rewardRevenue" = 0
     WHERE shop = ? AND day >= ? AND day < ?`,
    [shop, fromDay, toDay],
  );
  const day = dayExpression(sql, calendar, `o."placedAt"`);
  const sum = (segment: string, value: string) =>
    `SUM(CASE WHEN segment = '${segment}' THEN ${value} ELSE 0 END)`;
  // One row per order (segment, whether a reward code was used on it), then per day. The reward
  // test is a correlated EXISTS on Redemption(shop, usedByOrderId), so each order costs one index probe.
  await sql.run(
    `INSERT INTO "AnalyticsDay" (shop, day, "memberOrders", "memberRevenue", "otherOrders", "otherRevenue", "guestOrders", "guestRevenue", "rewardOrders", "rewardRevenue")
     SELECT shop, day, ${sum("member", "1")}, ${sum("member", "subtotal")}, ${sum("other", "1")}, ${sum("other", "subtotal")},
       ${sum("guest", "1")}, ${sum("guest", "subtotal")}, SUM(reward), SUM(reward * subtotal)
     FROM (
       SELECT o.shop, ${day} AS day, o.subtotal,
         CASE WHEN o."customerId" IS NULL THEN 'guest' WHEN a.redeemed = TRUE THEN 'member' ELSE 'other' END AS segment,
         CASE WHEN EXISTS (SELECT 1 FROM "Redemption" r WHERE r.shop = o.shop AND r."usedByOrderId" = o."shopifyOrderId" AND r.status = 'used') THEN 1 ELSE 0 END AS reward
       FROM "Order" o LEFT JOIN "AnalyticsCustomer" a ON a."customerId" = o."customerId"
       WHERE o.shop = ? AND o."placedAt" >= ? AND o."placedAt" < ? AND ${counted("o")}
     ) orders
     GROUP BY shop, day
     ON CONFLICT (shop, day) DO UPDATE SET "memberOrders" = excluded."memberOrders", "memberRevenue" = excluded."memberRevenue",
       "otherOrders" = excluded."otherOrders", "otherRevenue" = excluded."otherRevenue", "guestOrders" = excluded."guestOrders",
       "guestRevenue" = excluded."guestRevenue", "rewardOrders" = excluded."rewardOrders", "rewardRevenue" = excluded."rewardRevenue"`,
    [shop, ...instants(calendar, fromDay, toDay)],
  );
}

/** `members`: a list of ids, or the ids in (after, upTo] (a rebuild's keyset step: one range read). */
async function recomputeCustomers(
  sql: Sql,
  shop: string,
  members: readonly string[] | { after: string; upTo: string },
): Promise<void> {
  const range = "upTo" in members ? members : null;
  const ids = range ? [] : (members as readonly string[]);
  const filter = range ? `AND c.id > ? AND c.id <= ?` : `AND c.id IN (${placeholders(ids.length)})`;
  const memberParams = range ? [range.after, range.upTo] : ids;
  // Participation: an earn entry (on its order's day, the one calendar) or a kept redemption.
  await sql.run(
    `INSERT INTO "AnalyticsCustomer" ("customerId", shop, redeemed, "firstOrderAt", "lastOrderAt", "prevOrderAt", orders, revenue, "joinedAt", "lastActiveAt")
     SELECT c.id, c.shop,
       CASE WHEN EXISTS (SELECT 1 FROM "LedgerEntry" e WHERE e."customerId" = c.id AND ${keptRedeem("e")}) THEN TRUE ELSE FALSE END,
       MIN(o."placedAt"), MAX(o."placedAt"),
       (SELECT p."placedAt" FROM "Order" p WHERE p."customerId" = c.id AND ${counted("p")} ORDER BY p."placedAt" DESC LIMIT 1 OFFSET 1),
       COUNT(o.id), COALESCE(SUM(o.subtotal), 0),
       COALESCE(c."shopifyCreatedAt", c."enrolledAt"),
       (SELECT MAX(CASE WHEN e.kind = 'earn' AND eo."placedAt" IS NOT NULL THEN eo."placedAt" ELSE e."createdAt" END)
          FROM "LedgerEntry" e LEFT JOIN "Order" eo ON eo.id = e."orderId"
          WHERE e."customerId" = c.id AND ((e.kind = 'earn' AND e.points > 0) OR (${keptRedeem("e")})))
     FROM "Customer" c LEFT JOIN "Order" o ON o."customerId" = c.id AND ${counted("o")}
     WHERE c.shop = ? ${filter}
     GROUP BY c.id, c.shop, c."shopifyCreatedAt", c."enrolledAt"
     ON CONFLICT ("customerId") DO UPDATE SET redeemed = excluded.redeemed, "firstOrderAt" = excluded."firstOrderAt",
       "lastOrderAt" = excluded."lastOrderAt", "prevOrderAt" = excluded."prevOrderAt", orders = excluded.orders, revenue = excluded.revenue,
       "joinedAt" = excluded."joinedAt", "lastActiveAt" = excluded."lastActiveAt"`,
    [shop, ...memberParams],
  );
}

/**
 * The customer histograms: per AnalyticsCustomer date column, the day columns it fills (each a sum
 * over the customers whose date falls on the day).
 */
const HISTOGRAMS: { column: string; sums: Record<string, string> }[] = [
  {
    column: "lastOrderAt",
    sums: {
      memberLastOrder: "CASE WHEN redeemed = TRUE THEN 1 ELSE 0 END",
      otherLastOrder: "CASE WHEN redeemed = FALSE THEN 1 ELSE 0 END",
    },
  },
  {
    column: "firstOrderAt",
    sums: {
      memberFirstOrder: "CASE WHEN redeemed = TRUE THEN 1 ELSE 0 END",
      otherFirstOrder: "CASE WHEN redeemed = FALSE THEN 1 ELSE 0 END",
    },
  },
  {
    column: "prevOrderAt",
    sums: {
      memberPrevOrder: "CASE WHEN redeemed = TRUE THEN 1 ELSE 0 END",
      otherPrevOrder: "CASE WHEN redeemed = FALSE THEN 1 ELSE 0 END",
    },
  },
  {
    column: "joinedAt",
    sums: { createdMembers: "1", memberJoined: "CASE WHEN redeemed = TRUE THEN 1 ELSE 0 END" },
  },
  { column: "lastActiveAt", sums: { participants: "1" } },
];
/** The AnalyticsCustomer dates whose days a customer's change can move (CustomerMark.days). */
const MARK_COLUMNS = HISTOGRAMS.map((histogram) => histogram.column);
/** Histograms split by segment: a customer changing segment moves between their columns. */
const SEGMENTED = new Set(["lastOrderAt", "firstOrderAt", "prevOrderAt", "joinedAt"]);

/** Sorted days as runs of consecutive days [from, to): one recompute per run instead of per day. */
function dayRuns(days: Iterable<string>): [string, string][] {
  const runs: [string, string][] = [];
  for (const day of [...new Set(days)].sort()) {
    const last = runs.at(-1);
    if (last && last[1] === day) last[1] = addDays(day, 1);
    else runs.push([day, addDays(day, 1)]);
  }
  return runs;
}

/** Customer histograms (all, or the given ones) of the days in [fromDay, toDay). */
async function recomputeCustomerDays(
  sql: Sql,
  shop: string,
  calendar: Calendar,
  fromDay: string,
  toDay: string,
  histograms = HISTOGRAMS,
): Promise<void> {
  const targets = histograms.flatMap((histogram) => Object.keys(histogram.sums));
  await sql.run(
    `UPDATE "AnalyticsDay" SET ${targets.map((target) => `"${target}" = 0`).join(", ")} WHERE shop = ? AND day >= ? AND day < ?`,
    [shop, fromDay, toDay],
  );
  const range = [shop, ...instants(calendar, fromDay, toDay)];
  for (const { column, sums } of histograms) {
    const day = dayExpression(sql, calendar, `"${column}"`);
    const names = Object.keys(sums);
    await sql.run(
      `INSERT INTO "AnalyticsDay" (shop, day, ${names.map((name) => `"${name}"`).join(", ")})
       SELECT shop, ${day}, ${names.map((name) => `SUM(${sums[name]})`).join(", ")}
       FROM "AnalyticsCustomer" WHERE shop = ? AND "${column}" >= ? AND "${column}" < ?
       GROUP BY shop, ${day}
       ON CONFLICT (shop, day) DO UPDATE SET ${names.map((name) => `"${name}" = excluded."${name}"`).join(", ")}`,
      range,
    );
  }
}

/** Members enrolled (joined the program) per day, for every day in [fromDay, toDay). */
async function recomputeMemberDays(
  sql: Sql,
  shop: string,
  calendar: Calendar,
  fromDay: string,
  toDay = END_DAY,
): Promise<void> {
  await sql.run(
    `UPDATE "AnalyticsDay" SET "newMembers" = 0 WHERE shop = ? AND day >= ? AND day < ?`,
    [shop, fromDay, toDay],
  );
  const day = dayExpression(sql, calendar, `"enrolledAt"`);
  await sql.run(
    `INSERT INTO "AnalyticsDay" (shop, day, "newMembers")
     SELECT shop, ${day}, COUNT(*) FROM "Customer" WHERE shop = ? AND "enrolledAt" >= ? AND "enrolledAt" < ?
     GROUP BY shop, ${day}
     ON CONFLICT (shop, day) DO UPDATE SET "newMembers" = excluded."newMembers"`,
    [shop, ...instants(calendar, fromDay, toDay)],
  );
}

interface CustomerMark {
  redeemed: boolean;
  /** The local day of each MARK_COLUMNS date (null when the customer has none). */
  days: Record<string, string | null>;
}

async function customerMarks(
  sql: Sql,
  calendar: Calendar,
  ids: readonly string[],
): Promise<Map<string, CustomerMark>> {
  const marks = new Map<string, CustomerMark>();
  for (const batch of chunks(ids, ID_BATCH)) {
    const rows = await sql.rows<Record<string, unknown>>(
      `SELECT "customerId", redeemed, ${MARK_COLUMNS.map((column) => `"${column}"`).join(", ")} FROM "AnalyticsCustomer" WHERE "customerId" IN (${placeholders(batch.length)})`,
      batch,
    );
    for (const row of rows) {
      const days = Object.fromEntries(
        MARK_COLUMNS.map((column) => [
          column,
          row[column] === null || row[column] === undefined
            ? null
            : localDayOf(decode.date(row[column]), calendar.timeZone),
        ]),
      );
      marks.set(String(row.customerId), { redeemed: decode.bool(row.redeemed), days });
    }
  }
  return marks;
}

async function rebuildShop(
  db: SqlDatabase,
  shop: string,
  calendar: Calendar,
  steps: RebuildSteps,
): Promise<{ orderDays: number; customers: number }> {
  // Per-customer figures, a keyset page of members per transaction; then rows of members gone since.
  let cursor = "";
  for (;;) {
    // The step's last id: the steps.customers-th after the cursor, or the shop's last.
    const [bound] = await db.rows<{ id: string }>(
      `SELECT id FROM "Customer" WHERE shop = ? AND id > ? ORDER BY id LIMIT 1 OFFSET ?`,
      [shop, cursor, steps.customers - 1],
    );
    const upTo =
      bound?.id ??
      (
        await db.rows<{ id: string | null }>(
          `SELECT MAX(id) AS id FROM "Customer" WHERE shop = ? AND id > ?`,
          [shop, cursor],
        )
      )[0]?.id ??
      null;
    if (upTo === null) break;
    const after = cursor;
    await rollupTransaction(db, (tx) => recomputeCustomers(tx, shop, { after, upTo }));
    cursor = upTo;
  }
  await db.run(
    `DELETE FROM "AnalyticsCustomer" WHERE shop = ? AND NOT EXISTS (SELECT 1 FROM "Customer" c WHERE c.id = "AnalyticsCustomer"."customerId")`,
    [shop],
  );

  // Day rows over the days the shop has rows on, a few days per transaction (every column of a day
  // is recomputed from the ledger, the orders, the per-customer figures and the members).
  const span = await dataSpan(db, shop, calendar);
  if (!span) await db.run(`DELETE FROM "AnalyticsDay" WHERE shop = ?`, [shop]);
  else {
    await db.run(`DELETE FROM "AnalyticsDay" WHERE shop = ? AND (day < ? OR day >= ?)`, [
      shop,
      span.first,
      span.end,
    ]);
    for (let from = span.first; from < span.end;) {
      const to = addDays(from, steps.days);
      const until = to < span.end ? to : span.end;
      await rollupTransaction(db, async (tx) => {
        await recomputeLedgerDays(tx, shop, calendar, from, until);
        await recomputeOrderDays(tx, shop, calendar, from, until);
        await recomputeCustomerDays(tx, shop, calendar, from, until);
        await recomputeMemberDays(tx, shop, calendar, from, until);
      });
      from = until;
    }
  }
  const [counts] = await db.rows<{ customers: unknown; days: unknown }>(
    `SELECT (SELECT COUNT(*) FROM "AnalyticsCustomer" WHERE shop = ?) AS customers, (SELECT COUNT(*) FROM "AnalyticsDay" WHERE shop = ?) AS days`,
    [shop, shop],
  );
  return { orderDays: decode.int(counts?.days), customers: decode.int(counts?.customers) };
}

/** The first day with a ledger entry, an order, an enrolment or a Shopify account creation, and the day after the last; null for none. */
async function dataSpan(
  db: SqlDatabase,
  shop: string,
  calendar: Calendar,
): Promise<{ first: string; end: string } | null> {
  const bounds: Date[] = [];
  for (const [table, column] of [
    ["LedgerEntry", "createdAt"],
    ["Order", "placedAt"],
    ["Customer", "enrolledAt"],
    ["Customer", "shopifyCreatedAt"],
  ]) {
    const [row] = await db.rows<{ first: unknown; last: unknown }>(
      `SELECT MIN("${column}") AS first, MAX("${column}") AS last FROM "${table}" WHERE shop = ?`,
      [shop],
    );
    if (row?.first != null && row.last != null)
      bounds.push(decode.date(row.first), decode.date(row.last));
  }
  if (!bounds.length) return null;
  const times = bounds.map((date) => date.getTime());
  return {
    first: localDayOf(new Date(Math.min(...times)), calendar.timeZone),
    end: addDays(localDayOf(new Date(Math.max(...times)), calendar.timeZone), 1),
  };
}

async function refreshSince(
  sql: Sql,
  shop: string,
  calendar: Calendar,
  since: Date,
): Promise<{ orderDays: number; customers: number } | null> {
  const dayOf = (value: unknown) => localDayOf(decode.date(value), calendar.timeZone);
  const touched = await sql.rows<{ customerId: string | null; placedAt: unknown }>(
    `SELECT "customerId", "placedAt" FROM "Order" WHERE shop = ? AND "updatedAt" >= ? LIMIT ${INCREMENTAL_ORDER_LIMIT + 1}`,
    [shop, since],
  );
  if (touched.length > INCREMENTAL_ORDER_LIMIT) return null;
  // Any entry can change a customer's participation or segment (a release un-counts a redemption).
  const writers = await sql.rows<{ customerId: string }>(
    `SELECT DISTINCT "customerId" FROM "LedgerEntry" WHERE shop = ? AND "createdAt" >= ? LIMIT ${INCREMENTAL_CUSTOMER_LIMIT + 1}`,
    [shop, since],
  );
  // A CSV import of a million balances: the rebuild's big steps beat 500 members at a time.
  if (writers.length > INCREMENTAL_CUSTOMER_LIMIT) return null;
  // Members enrolled since: their joined day (Shopify's creation date) can be any day in the past.
  const enrolled = await sql.rows<{ id: string }>(
    `SELECT id FROM "Customer" WHERE shop = ? AND "enrolledAt" >= ?`,
    [shop, since],
  );
  // Earn and reversal entries count on their order's day, however long ago it was placed.
  const entryOrderDays = await sql.rows<{ placedAt: unknown }>(
    `SELECT DISTINCT o."placedAt" FROM "LedgerEntry" e JOIN "Order" o ON o.id = e."orderId"
     WHERE e.shop = ? AND e."createdAt" >= ? AND e.kind IN ('earn', 'reverse')`,
    [shop, since],
  );

  const days = new Set(touched.map((row) => dayOf(row.placedAt)));
  const customers = [
    ...new Set(
      [
        ...touched.map((row) => row.customerId),
        ...writers.map((row) => row.customerId),
        ...enrolled.map((row) => row.id),
      ].filter((id): id is string => id !== null),
    ),
  ];
  const before = await customerMarks(sql, calendar, customers);
  for (const batch of chunks(customers, ID_BATCH)) await recomputeCustomers(sql, shop, batch);
  const after = await customerMarks(sql, calendar, customers);
  // Per histogram, the days a touched customer's date left or reached (both, when the customer
  // changed segment and the histogram is split by segment), recomputed as runs of days.
  for (const histogram of HISTOGRAMS) {
    const days = new Set<string>();
    for (const id of customers) {
      const was = before.get(id);
      const is = after.get(id);
      const from = was?.days[histogram.column] ?? null;
      const to = is?.days[histogram.column] ?? null;
      const switchedSegment =
        SEGMENTED.has(histogram.column) && (was?.redeemed ?? false) !== (is?.redeemed ?? false);
      if (from === to && !switchedSegment) continue;
      if (from) days.add(from);
      if (to) days.add(to);
    }
    for (const [fromDay, toDay] of dayRuns(days))
      await recomputeCustomerDays(sql, shop, calendar, fromDay, toDay, [histogram]);
  }

  // A customer who became a participating member moves every one of their orders to the member segment.
  const switched = customers.filter(
    (id) => (before.get(id)?.redeemed ?? false) !== (after.get(id)?.redeemed ?? false),
  );
  for (const batch of chunks(switched, ID_BATCH)) {
    const rows = await sql.rows<{ placedAt: unknown }>(
      `SELECT "placedAt" FROM "Order" WHERE "customerId" IN (${placeholders(batch.length)})`,
      batch,
    );
    for (const row of rows) days.add(dayOf(row.placedAt));
  }
  for (const [fromDay, toDay] of dayRuns(days))
    await recomputeOrderDays(sql, shop, calendar, fromDay, toDay);
  const sinceDay = localDayOf(since, calendar.timeZone);
  const ledgerDays = [...days, ...entryOrderDays.map((row) => dayOf(row.placedAt))].filter(
    (day) => day < sinceDay,
  );
  for (const [fromDay, toDay] of dayRuns(ledgerDays))
    await recomputeLedgerDays(sql, shop, calendar, fromDay, toDay < sinceDay ? toDay : sinceDay);
  await recomputeLedgerDays(sql, shop, calendar, sinceDay);
  await recomputeMemberDays(sql, shop, calendar, sinceDay);
  return { orderDays: days.size, customers: customers.length };
}

/**
 * Brings one shop's rollups up to date: incrementally from its watermark, or from scratch (`full`,
 * after an import or backfill wrote rows dated in the past, the first time a shop is seen, when the
 * shop's time zone changed, and when too much changed for the incremental path). The incremental
 * refresh is one transaction that locks the shop's watermark row (PostgreSQL), so one instance at a
 * time applies it; a rebuild is many short ones (RebuildSteps), each recomputing its slice from the
 * source rows, so two rebuilds at once, or one racing an incremental refresh, still end at what the
 * source rows say.
 */
export async function refreshShopAnalytics(
  db: SqlDatabase,
  shop: string,
  now: Date,
  options: { full?: boolean; steps?: RebuildSteps } = {},
): Promise<RefreshCounts> {
  const [shopRow] = await db.rows<{ timeZone: string }>(
    `SELECT "timeZone" FROM "Shop" WHERE shop = ?`,
    [shop],
  );
  const calendar = calendarOf(shopRow?.timeZone ?? "UTC");
  const incremental = await rollupTransaction(db, async (sql) => {
    const [mark] = await sql.rows<{ syncedTo: unknown; timeZone: unknown }>(
      `INSERT INTO "AnalyticsWatermark" (shop, "syncedTo", "refreshedAt", "timeZone") VALUES (?, ?, ?, ?)
       ON CONFLICT (shop) DO UPDATE SET shop = excluded.shop RETURNING "syncedTo", "timeZone"`,
      [shop, EPOCH, EPOCH, calendar.timeZone],
    );
    const syncedTo = decode.date(mark?.syncedTo ?? EPOCH);
    // Days cut in another zone are other days: only a rebuild can move them.
    if (options.full || syncedTo.getTime() === 0 || mark?.timeZone !== calendar.timeZone)
      return null;
    const result = await refreshSince(
      sql,
      shop,
      calendar,
      new Date(Math.max(0, syncedTo.getTime() - WATERMARK_LAG_MS)),
    );
    if (result)
      await sql.run(
        `UPDATE "AnalyticsWatermark" SET "syncedTo" = ?, "refreshedAt" = ? WHERE shop = ?`,
        [now, now, shop],
      );
    return result;
  });
  if (incremental) return { ...incremental, full: 0 };
  const rebuilt = await rebuildShop(db, shop, calendar, options.steps ?? REBUILD_STEPS[db.dialect]);
  // Rows written since `now` (the rebuild's start) are looked at again by the next incremental refresh.
  await db.run(
    `UPDATE "AnalyticsWatermark" SET "syncedTo" = ?, "refreshedAt" = ?, "timeZone" = ? WHERE shop = ?`,
    [now, now, calendar.timeZone, shop],
  );
  return { ...rebuilt, full: 1 };
}
