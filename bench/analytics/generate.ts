// Bulk data for bench/analytics, generated inside the database (a recursive CTE on SQLite,
// generate_series on PostgreSQL), so millions of rows take seconds, not a client loop.
// Deterministic: row i's values are functions of i. Dates spread over the two years before `now`.
import type { Kind } from "../lib/harness";

export interface Scale {
  members: number;
  orders: number;
  entries: number;
}

type Exec = (sql: string) => Promise<void>;

/** Integer i from 1 to n as a row source, per dialect. */
const series = (kind: Kind, n: number) =>
  kind === "sqlite"
    ? `(WITH RECURSIVE s(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM s WHERE i < ${n}) SELECT i FROM s)`
    : `(SELECT generate_series(1, ${n})::bigint AS i)`;

/** A timestamp `days` days and `minutes` minutes before `now`, as the column stores it. */
function ago(kind: Kind, now: Date, days: string, minutes: string): string {
  const base = now.toISOString();
  return kind === "sqlite"
    ? `strftime('%Y-%m-%dT%H:%M:%S', '${base.slice(0, 19)}', '-' || (${days}) || ' days', '-' || (${minutes}) || ' minutes') || '.000+00:00'`
    : `(TIMESTAMP '${base.slice(0, 19).replace("T", " ")}' - (${days}) * INTERVAL '1 day' - (${minutes}) * INTERVAL '1 minute')`;
}

export async function generate(
  kind: Kind,
  exec: Exec,
  shop: string,
  rewardId: string,
  scale: Scale,
  now: Date,
): Promise<void> {
  const t = (value: boolean) =>
    kind === "sqlite" ? (value ? "1" : "0") : value ? "TRUE" : "FALSE";
  const json = (text: string) => (kind === "sqlite" ? `'${text}'` : `'${text}'::jsonb`);
  const text = (expr: string) => (kind === "sqlite" ? `CAST(${expr} AS TEXT)` : `(${expr})::text`);
  const m = scale.members;

  // Members enrolled over two years.
  await exec(`INSERT INTO "Customer" (id, shop, "shopifyCustomerId", email, balance, "enrolledAt", "createdAt", "updatedAt")
    SELECT 'c' || ${text("i")}, '${shop}', ${text("1000000 + i")}, 'm' || ${text("i")} || '@example.com', 0,
      ${ago(kind, now, "(i * 7919) % 730", "i % 1440")}, ${ago(kind, now, "(i * 7919) % 730", "i % 1440")}, ${ago(kind, now, "(i * 7919) % 730", "i % 1440")}
    FROM ${series(kind, m)} AS s`);

  // Orders: 4 in 5 by members, 1 in 5 guests; 1 in 50 cancelled.
  await exec(`INSERT INTO "Order" (id, shop, "shopifyOrderId", "customerId", "currencyCode", "placedAt", "factsUpdatedAt", lines, subtotal, paid, cancelled, "countedSpend", "createdAt", "updatedAt")
    SELECT 'o' || ${text("i")}, '${shop}', ${text("5000000000 + i")},
      CASE WHEN i % 5 = 0 THEN NULL ELSE 'c' || ${text(`(i * 31) % ${m} + 1`)} END,
      'USD', ${ago(kind, now, "(i * 104729) % 730", "i % 1440")}, ${ago(kind, now, "(i * 104729) % 730", "i % 1440")}, ${json("[]")},
      500 + (i * 7) % 20000, ${t(true)}, CASE WHEN i % 50 = 0 THEN ${t(true)} ELSE ${t(false)} END, 0,
      ${ago(kind, now, "(i * 104729) % 730", "i % 1440")}, ${ago(kind, now, "(i * 104729) % 730", "i % 1440")}
    FROM ${series(kind, scale.orders)} AS s`);

  // Ledger: earn 60%, redeem 10%, release 3%, reverse 5%, expire 5%, adjust 7%, import 10%.
  await exec(`INSERT INTO "LedgerEntry" (id, shop, "customerId", kind, points, "idempotencyKey", "createdAt")
    SELECT 'e' || ${text("i")}, '${shop}', 'c' || ${text(`(i * 13) % ${m} + 1`)},
      CASE WHEN i % 100 < 60 THEN 'earn' WHEN i % 100 < 70 THEN 'redeem' WHEN i % 100 < 73 THEN 'release' WHEN i % 100 < 78 THEN 'reverse'
           WHEN i % 100 < 83 THEN 'expire' WHEN i % 100 < 90 THEN 'adjust' ELSE 'import' END,
      CASE WHEN i % 100 < 60 THEN 1 + i % 200 WHEN i % 100 < 70 THEN -500 WHEN i % 100 < 73 THEN 500 WHEN i % 100 < 78 THEN -(1 + i % 50)
           WHEN i % 100 < 83 THEN -(1 + i % 100) WHEN i % 100 < 90 THEN 50 - i % 100 ELSE 1 + i % 1000 END,
      'k' || ${text("i")}, ${ago(kind, now, "(i * 15485863) % 730", "i % 1440")}
    FROM ${series(kind, scale.entries)} AS s`);

  // Reward codes used on 1 in 100 member orders.
  await exec(`INSERT INTO "Redemption" (id, shop, "customerId", "rewardId", points, status, code, "idempotencyKey", "requestHash", "usedByOrderId", "createdAt", "updatedAt")
    SELECT 'r' || o.id, o.shop, o."customerId", '${rewardId}', 500, 'used', 'CODE-' || o.id, 'k-' || o.id, 'h', o."shopifyOrderId", o."placedAt", o."placedAt"
    FROM "Order" o WHERE o.shop = '${shop}' AND o."customerId" IS NOT NULL AND ${kind === "sqlite" ? `CAST(substr(o.id, 2) AS INTEGER)` : `substr(o.id, 2)::bigint`} % 100 = 1`);
}
